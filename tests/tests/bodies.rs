//! The calls a typical app writes, on the wire: bodies built as one
//! expression, updates that send exactly what was set, and a filtered,
//! counted listing with the header the docs require for it. Each test's
//! first lines are what the README and the issue's note show.

mod support;

use graph_client::v1_0::models::{Message, User};
use graph_client::v1_0::{me, users};
use serde_json::{json, Value};
use support::{json, loopback, no_content, serve_one};

fn body_of(received: &support::Received) -> Value {
    serde_json::from_slice(&received.body).expect("a JSON body")
}

#[tokio::test]
async fn send_mail_fits_in_five_lines() -> Result<(), Box<dyn std::error::Error>> {
    let (listener, client) = loopback().await;
    let server = tokio::spawn(serve_one(listener, no_content()));
    let message = Message::new()
        .with_subject("Lunch?")
        .with_body("Noon at the usual place.")
        .with_to_recipients(["adele@contoso.com"]);
    me().send_mail().post(&message.into()).send(&client).await?;
    let received = server.await.expect("server");
    assert_eq!(received.request_line, "POST /v1.0/me/sendMail HTTP/1.1");
    assert_eq!(
        body_of(&received),
        json!({"message": {
            "subject": "Lunch?",
            "body": {"content": "Noon at the usual place.", "contentType": "text"},
            "toRecipients": [{"emailAddress": {"address": "adele@contoso.com"}}]
        }})
    );
    Ok(())
}

#[tokio::test]
async fn an_update_sends_exactly_what_was_set() {
    let (listener, client) = loopback().await;
    let server = tokio::spawn(serve_one(listener, no_content()));
    let change = User::new().with_job_title("Engineer");
    users()
        .by_id("adele@contoso.com")
        .patch(&change)
        .send(&client)
        .await
        .expect("204");
    let received = server.await.expect("server");
    assert_eq!(
        received.request_line,
        "PATCH /v1.0/users/adele%40contoso.com HTTP/1.1"
    );
    // No `@odata.type`: the user is not created through a base collection.
    assert_eq!(received.body, br#"{"jobTitle":"Engineer"}"#);
}

#[tokio::test]
async fn a_filtered_counted_listing_sends_the_required_header() {
    let (listener, client) = loopback().await;
    let page = r#"{"@odata.count":1,"value":[{"id":"u1","displayName":"Adele Vance"}]}"#;
    let server = tokio::spawn(serve_one(listener, json("200 OK", page)));
    let request = users()
        .get()
        .filter("endsWith(mail,'@contoso.com')")
        .count(true);
    let page = request
        .consistency_level_eventual()
        .send(&client)
        .await
        .expect("200");
    assert_eq!(page.count, Some(1));
    assert_eq!(page.value[0].display_name(), Some("Adele Vance"));
    let received = server.await.expect("server");
    assert_eq!(
        received.request_line,
        "GET /v1.0/users?$filter=endsWith(mail,%27@contoso.com%27)&$count=true HTTP/1.1"
    );
    assert_eq!(
        received.headers.get("consistencylevel").map(String::as_str),
        Some("eventual")
    );
}

#[test]
fn small_shapes_convert_from_text() {
    use graph_client::v1_0::models::{BodyType, EmailAddress, ItemBody, Recipient};
    let body = ItemBody::from("Hi");
    assert_eq!(body.content(), Some("Hi"));
    assert_eq!(body.content_type(), Some(BodyType::Text));
    let recipient = Recipient::from(String::from("a@contoso.com"));
    let address = recipient.email_address().expect("an address");
    assert_eq!(address.address(), Some("a@contoso.com"));
    assert_eq!(address.name(), None);
    let named = EmailAddress::new()
        .with_name("Adele")
        .with_address("adele@contoso.com");
    assert_eq!(
        graph_runtime::model::to_value(&Recipient::from(named)),
        json!({"emailAddress": {"name": "Adele", "address": "adele@contoso.com"}})
    );
    // A base's field is built on the derived model too, which stays itself.
    let message: Message = Message::new().with_id("m1").with_subject("s");
    assert_eq!(message.id(), Some("m1"));
}

/// The rustdoc of `GET /users`, as committed: the options and the header
/// the page lists, each with its call, and when the header is required.
#[test]
fn the_user_listing_docs_name_its_options_and_header() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated/src/v1_0/users.rs"
    );
    let source = std::fs::read_to_string(path).expect("generated area file");
    let start = source.find("impl Users {").expect("the Users impl");
    let docs: Vec<&str> = source[start..]
        .lines()
        .take_while(|l| !l.contains("pub fn get"))
        .filter_map(|l| l.trim().strip_prefix("///"))
        .map(str::trim)
        .collect();
    for want in [
        "- `$count`: `.count(true)`; see the `ConsistencyLevel` header below",
        "- `$filter`: `.filter(..)`; see the `ConsistencyLevel` header below",
        "- `$select`: `.select(&[..])`",
    ] {
        assert!(docs.contains(&want), "missing {want:?} in {docs:#?}");
    }
    let header = docs
        .iter()
        .find(|l| l.starts_with("- `ConsistencyLevel`"))
        .expect("the header line");
    assert!(
        header.starts_with(
            "- `ConsistencyLevel`: `.consistency_level_eventual()`. Required where its text says"
        ),
        "{header}"
    );
    assert!(
        header.contains("`$count` are required for `$search`"),
        "{header}"
    );
}
