//! Decoding the docs' own JSON into the generated models, through the real
//! accessors, and encoding it back: nothing the service sends is lost.

use docgen::docs::DocTree;
use graph_client::beta::models::{
    CloudPcDeviceImage, CloudPcDeviceImageStatus, CloudPcDeviceImageStatusDetails,
};
use graph_client::v1_0::models::{BodyType, Importance, Message, User};
use graph_runtime::model::{FromJson, Model, ToJson, WireEnum};
use graph_runtime::Page;
use serde_json::{json, Value};

/// The body of the first response example of a docs-input page.
fn response_body(file: &str) -> Value {
    let pages = DocTree::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input"))
        .and_then(|t| t.read_all())
        .expect("docs-input");
    let page = pages.iter().find(|p| p.file == file).expect("page");
    let body = page
        .examples
        .iter()
        .find_map(|e| e.response.as_ref()?.body.clone())
        .expect("a response body");
    serde_json::from_str(&body).expect("valid JSON")
}

#[test]
fn device_images_page_decodes_into_typed_models() {
    let body = response_body("api-reference/beta/api/virtualendpoint-list-deviceimages.md");
    let page = Page::<CloudPcDeviceImage>::from_json(&body).expect("a page of images");
    assert_eq!(page.value.len(), 2);
    let failed = &page.value[1];
    assert_eq!(failed.display_name(), Some("Engineering desktop image"));
    assert_eq!(failed.status(), Some(CloudPcDeviceImageStatus::Failed));
    assert_eq!(
        failed.status_details(),
        Some(CloudPcDeviceImageStatusDetails::SourceImageNotGeneralized)
    );
    let modified = failed.last_modified_date_time().expect("a timestamp");
    assert_eq!(
        (modified.year(), modified.month(), modified.day()),
        (2021, 6, 28)
    );
    assert_eq!(
        failed.id(),
        Some("c45e9b02-17d3-4a8f-b6e0-2d9a3c8f7b44"),
        "inherited from entity through Deref"
    );
    let items: Vec<Value> = page
        .value
        .into_iter()
        .map(|m| Value::Object(m.into_object()))
        .collect();
    assert_eq!(
        Value::Array(items),
        body["value"],
        "re-encoding gives back every property"
    );
}

#[test]
fn user_get_decodes_and_reencodes() {
    let body = response_body("api-reference/v1.0/api/user-get.md");
    let user = User::from_json(&body).expect("a user");
    assert!(user.display_name().is_some());
    assert_eq!(Value::Object(user.into_object()), body);
}

#[test]
fn unknown_properties_and_enum_members_survive() {
    let sent = json!({
        "id": "1",
        "subject": "Hi",
        "importance": "urgent",
        "body": {"contentType": "markdown", "content": "x", "futureField": [1, 2]},
        "propertyTheDocsDoNotHaveYet": {"nested": true}
    });
    let message = Message::from_json(&sent).expect("a message");
    assert_eq!(
        message.importance(),
        Some(Importance::Other("urgent".to_owned()))
    );
    let body = message.body().expect("an item body");
    assert_eq!(
        body.content_type().map(|t| t.as_wire().to_owned()),
        Some("markdown".to_owned())
    );
    assert_eq!(message.clone().to_json(), sent);
}

#[test]
fn updates_send_only_the_fields_set() {
    let mut user = User::new();
    user.set_display_name("Adele Vance")
        .set_account_enabled(false);
    let request = graph_client::v1_0::users()
        .by_id("adele@contoso.com")
        .patch(&user);
    let sent: Value = serde_json::from_slice(&request.body().bytes()).expect("JSON");
    // Exactly what was set: no `@odata.type` the caller did not write.
    assert_eq!(
        sent,
        json!({"displayName": "Adele Vance", "accountEnabled": false})
    );
}

#[test]
fn action_parameters_are_a_typed_object() {
    let mut message = Message::new();
    message.set_subject("Lunch?");
    let mut body = graph_client::v1_0::models::ItemBody::new();
    body.set_content_type(&BodyType::Text)
        .set_content("At noon");
    message.set_body(body);
    let mut parameters = graph_client::v1_0::actions::SendMailParameters::new();
    parameters
        .set_message(message)
        .set_save_to_sent_items(false);
    let request = graph_client::v1_0::me().send_mail().post(&parameters);
    let sent: Value = serde_json::from_slice(&request.body().bytes()).expect("JSON");
    // The same value, of the same type, sends the same body for another user.
    let other = graph_client::v1_0::users()
        .by_id("adele@contoso.com")
        .send_mail()
        .post(&parameters);
    assert_eq!(other.path().as_str(), "/users/adele%40contoso.com/sendMail");
    assert_eq!(other.body().bytes(), request.body().bytes());
    let expected = json!({
        "message": {"subject": "Lunch?", "body": {"contentType": "text", "content": "At noon"}},
        "saveToSentItems": false
    });
    assert_eq!(sent, expected);
}

#[test]
fn docs_input_json_reads_with_documented_types() {
    let tree =
        DocTree::open(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input")).expect("docs-input");
    let pages = tree.read_all().expect("pages");
    let lowered = docgen::lower::lower(&pages);
    let report = devtools::model_report::run(&pages, &lowered.api.versions);
    let examples = &report.examples;
    assert!(examples.samples >= 8, "{examples:?}");
    assert_eq!(
        examples.read, examples.properties,
        "every example property reads back: {:?}",
        report.failures
    );
    assert!(report.representations.samples >= 15);
    assert_eq!(
        report.representations.reencoded,
        report.representations.samples
    );
    // The representation blocks write timestamps as "String (timestamp)"
    // placeholders: those are the only failures.
    assert!(
        report
            .failures
            .keys()
            .all(|cause| cause.contains("placeholder")),
        "{:?}",
        report.failures.keys()
    );
}

#[test]
fn views_share_clone_debug_new_and_deref() {
    // new() is empty for every type, derived or not; with_odata_type()
    // names the type where the service needs it.
    assert_eq!(Message::new().odata_type(), None);
    assert_eq!(graph_client::v1_0::models::Entity::new().odata_type(), None);
    assert_eq!(
        Message::with_odata_type().odata_type(),
        Some("microsoft.graph.message")
    );
    let mut message = Message::with_odata_type();
    message.set_subject("Hi");
    // A base setter through DerefMut (outlookItem, then entity) writes the
    // same object.
    message.set_change_key("ck");
    message.set_id("1");
    assert_eq!(message.id(), Some("1"));
    assert_eq!(message.change_key(), Some("ck"));
    let copy = message.clone();
    assert_eq!(copy.object(), message.object());
    assert_eq!(
        format!("{message:?}"),
        format!("Message({:?})", message.object())
    );
    assert!(message.is::<Message>());
    let item: graph_client::v1_0::models::OutlookItem = message.cast();
    assert_eq!(item.change_key(), Some("ck"));
    assert_eq!(
        format!("{item:?}"),
        format!("OutlookItem({:?})", item.object())
    );
}

/// Enums compare, hash, clone and print by their wire name, unknown members
/// included.
#[test]
fn enums_behave_as_their_wire_names() {
    use std::collections::HashSet;
    let unknown = Importance::from_wire("critical");
    assert_eq!(unknown.clone().as_wire(), "critical");
    assert_eq!(format!("{:?}", Importance::High), "Importance(\"high\")");
    assert_eq!(Importance::Low, Importance::from_wire("low"));
    assert_ne!(Importance::Low, Importance::High);
    // A fallback holding a documented name is that member on the wire.
    assert_eq!(Importance::Other("normal".to_owned()), Importance::Normal);
    let seen: HashSet<Importance> = [Importance::Low, Importance::from_wire("low"), unknown]
        .into_iter()
        .collect();
    assert_eq!(seen.len(), 2);
}
