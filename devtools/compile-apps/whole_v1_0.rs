//! The typical app's calls with the whole of v1.0 enabled.
//! features: v1_0-full

use graph_client::v1_0::{self, models};
use graph_client::{Client, Error};

pub async fn run(client: &Client, user_id: &str, group_id: &str, item_id: &str) -> Result<(), Error> {
    let me = v1_0::me().get().send(client).await?;
    println!("{:?}", me.display_name());
    let users = v1_0::users().get().send(client).await?;
    println!("{} users", users.value.len());
    let user = v1_0::users().by_id(user_id).get().send(client).await?;
    println!("{:?}", user.mail());
    let groups = v1_0::groups().get().send(client).await?;
    println!("{} groups", groups.value.len());
    let group = v1_0::groups().by_id(group_id).get().send(client).await?;
    println!("{:?}", group.display_name());
    let children = v1_0::me().drive().items().by_id(item_id).children().get().send(client).await?;
    println!("{} children", children.value.len());
    let uploaded = v1_0::me()
        .drive()
        .items()
        .by_id(item_id)
        .content()
        .put(b"hello".to_vec(), "text/plain")
        .send(client)
        .await?;
    println!("{uploaded:?}");
    let messages = v1_0::me().messages().get().send(client).await?;
    println!("{} messages", messages.value.len());
    let message = models::Message::new()
        .with_subject("hello")
        .with_body("Noon at the usual place.")
        .with_to_recipients(["adele@contoso.com"]);
    v1_0::me().send_mail().post(&message.into()).send(client).await
}

fn main() {
    let _ = run;
}
