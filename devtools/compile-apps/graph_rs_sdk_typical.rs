//! The typical app (me, users, groups, drive and mail: list, get, send, upload) on graph-rs-sdk 3.0.1.
//! dependencies: graph-rs-sdk = "=3.0.1", serde_json = "1"

use graph_rs_sdk::GraphClient;
use serde_json::{json, Value};

type AppResult<T> = Result<T, Box<dyn std::error::Error>>;

pub async fn run(client: &GraphClient, user_id: &str, group_id: &str, item_id: &str) -> AppResult<()> {
    let me: Value = client.me().get_user().send().await?.json().await?;
    println!("{:?}", me["displayName"]);
    let users: Value = client.users().list_user().send().await?.json().await?;
    println!("{:?}", users["value"]);
    let user: Value = client.user(user_id).get_user().send().await?.json().await?;
    println!("{:?}", user["mail"]);
    let groups: Value = client.groups().list_group().send().await?.json().await?;
    println!("{:?}", groups["value"]);
    let group: Value = client.group(group_id).get_group().send().await?.json().await?;
    println!("{:?}", group["displayName"]);
    let children: Value = client.me().drive().item(item_id).list_children().send().await?.json().await?;
    println!("{:?}", children["value"]);
    let body = graph_rs_sdk::http::Body::from(b"hello".to_vec());
    let uploaded = client.me().drive().item(item_id).update_items_content(body).send().await?;
    println!("{:?}", uploaded.status());
    let messages: Value = client.me().messages().list_messages().send().await?.json().await?;
    println!("{:?}", messages["value"]);
    let mail = json!({ "message": { "subject": "hello" } });
    client.me().send_mail(&mail).send().await?;
    Ok(())
}

fn main() {
    let _ = run;
}
