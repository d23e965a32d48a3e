//! The runtime's model contract, on the generated models (`graph-client`
//! from docs-input): lossless round trips, accessors through `Deref`, unknown
//! enum members, `is`/`cast`, patch bodies holding only what was set, and
//! models through `send` and `collect_all` on a loopback server. (The wire
//! types and the model-free parts stay in `runtime/tests/model.rs`.)

mod support;

use graph_client::v1_0::models::{
    DirectoryObject, DriveItem, Group, Importance, ItemBody, Message, ProfilePhoto, User,
};
use graph_runtime::http::Method;
use graph_runtime::model::{from_value, set, to_value, FromJson, Model, Object, ToJson};
use graph_runtime::{ApiVersion, Error, FromResponse, Page, RawResponse, Request, RequestPath};
use serde_json::{json, Value};
use support::{json as reply, loopback, no_content, serve_all, serve_one};

/// A user as Graph sends it, with properties and members the docs do not
/// know and numbers in every form.
fn graph_user() -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        "@odata.type": "#microsoft.graph.user",
        "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
        "businessPhones": ["+1 425 555 0109"],
        "displayName": "Adele Vance",
        "accountEnabled": true,
        "createdDateTime": "2017-01-01T00:00:35.1329464-08:00",
        "deletedDateTime": null,
        "manager": {"@odata.type": "#microsoft.graph.user", "id": "m1", "unknown": [1]},
        "messages": [
            {
                "subject": "Hi",
                "importance": "someFutureLevel",
                "body": {"contentType": "html", "content": "<p>x</p>", "newNestedThing": {"a": [1, {"b": null}], "c": -0.0}}
            },
            {"subject": "Second", "importance": "high", "extra": 1}
        ],
        "quotaBytes": "9007199254740993",
        "ratio": 1.0,
        "tiny": 1.5e-7,
        "huge": 1e300,
        "maxU64": 18446744073709551615u64,
        "minI64": -9223372036854775808i64,
        "displayName@odata.annotation": "x",
        "extension_abc_property": {"deep": [[[]]], "empty": {}}
    })
}

fn raw(body: &str) -> RawResponse {
    RawResponse {
        status: graph_runtime::http::StatusCode::OK,
        headers: Default::default(),
        body: body.to_owned().into(),
    }
}

fn empty<M: Model>() -> M {
    M::from_object(Object::new())
}

// ---- round trips -------------------------------------------------------

#[test]
fn decode_then_encode_gives_back_every_property() {
    let input = graph_user();
    let user: User = from_value(input.clone()).unwrap();
    // Reading every accessor changes nothing.
    let _ = (
        user.id(),
        user.display_name(),
        user.account_enabled(),
        user.business_phones(),
        user.created_date_time(),
        user.deleted_date_time(),
        user.manager(),
        user.messages(),
        user.photo(),
    );
    assert_eq!(to_value(&user), input);
    assert_eq!(user.clone().to_json(), input);
    assert_eq!(Value::Object(user.into_object()), input);
}

#[test]
fn compact_json_is_byte_identical_after_a_round_trip() {
    let text = serde_json::to_string(&graph_user()).unwrap();
    let user = User::from_response(raw(&text)).unwrap();
    assert_eq!(serde_json::to_string(user.object()).unwrap(), text);
    let keys: Vec<&str> = user.object().keys().map(String::as_str).collect();
    assert_eq!(&keys[..3], ["@odata.context", "@odata.type", "id"]);
}

#[test]
fn setting_a_property_keeps_everything_else_and_the_key_order() {
    let input = graph_user();
    let mut user: User = from_value(input.clone()).unwrap();
    user.set_display_name("Adele V.");
    let mut expected = input;
    expected["displayName"] = json!("Adele V.");
    let output = to_value(&user);
    assert_eq!(output, expected);
    let order =
        |value: &Value| -> Vec<String> { value.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(order(&output), order(&expected));
}

#[test]
fn unknown_enum_members_survive() {
    let user: User = from_value(graph_user()).unwrap();
    let mut message = user.messages().unwrap().remove(0);
    let before = to_value(&message);
    let level = message.importance().unwrap();
    assert_eq!(level, Importance::Other("someFutureLevel".into()));
    message.set_importance(&level);
    assert_eq!(to_value(&message), before);
    message.set_importance(&Importance::High);
    assert_eq!(message.get_raw("importance"), Some(&json!("high")));
}

#[test]
fn nested_models_and_lists() {
    let user: User = from_value(graph_user()).unwrap();
    let messages = user.messages().unwrap();
    assert_eq!(messages.len(), 2);
    let body = messages[0].body().unwrap();
    assert_eq!(body.content(), Some("<p>x</p>"));
    assert_eq!(
        body.get_raw("newNestedThing"),
        Some(&json!({"a": [1, {"b": null}], "c": -0.0}))
    );
    assert_eq!(messages[1].importance(), Some(Importance::High));
    assert_eq!(messages[1].get_raw("extra"), Some(&json!(1)));
    // One item that is not an object: the typed list is None, the raw list is intact.
    let mut broken = user.clone();
    broken.set_raw("messages", json!([{"subject": "ok"}, "oops"]));
    assert!(broken.messages().is_none());
    assert_eq!(
        broken.get_raw("messages"),
        Some(&json!([{"subject": "ok"}, "oops"]))
    );
}

#[test]
fn int64_arrives_as_a_string() {
    let item: DriveItem = from_value(json!({"size": "9007199254740993"})).unwrap();
    assert_eq!(item.size(), Some(9_007_199_254_740_993));
    let item: DriveItem = from_value(json!({"size": 42})).unwrap();
    assert_eq!(item.size(), Some(42));
    let item: DriveItem = from_value(json!({"size": "4.2"})).unwrap();
    assert_eq!(item.size(), None);
}

// ---- models ------------------------------------------------------------

#[test]
fn base_accessors_through_deref() {
    let user: User = from_value(graph_user()).unwrap();
    assert_eq!(user.id(), Some("87d349ed-44d7-43e1-9a83-5f2406dee5bd"));
    assert_eq!(user.deleted_date_time(), None);
    assert_eq!(user.display_name(), Some("Adele Vance"));
    assert_eq!(user.account_enabled(), Some(true));
    assert_eq!(user.business_phones(), Some(vec!["+1 425 555 0109"]));
    let created = user.created_date_time().unwrap();
    assert_eq!(created.unix_timestamp(), 1_483_257_635);
    assert_eq!(created.offset_seconds(), -8 * 3600);
    assert_eq!(user.manager().unwrap().id(), Some("m1"));
}

#[test]
fn patch_body_holds_only_what_was_set() {
    let mut patch: User = empty();
    patch.set_display_name("Zoë").set_account_enabled(false);
    patch.set_null("officeLocation");
    let mut photo: ProfilePhoto = empty();
    photo.set_height(96);
    patch.set_photo(photo);
    patch.set_id("ignored-by-graph");
    patch.remove_raw("id");
    assert_eq!(
        to_value(&patch),
        json!({
            "displayName": "Zoë",
            "accountEnabled": false,
            "officeLocation": null,
            "photo": {"height": 96}
        })
    );
    let request = graph_client::v1_0::users().by_id("u1").patch(&patch);
    assert_eq!(
        request.body().bytes(),
        serde_json::to_vec(&to_value(&patch)).unwrap()
    );
}

#[test]
fn odata_type_is_and_cast() {
    let members = json!([
        {"@odata.type": "#microsoft.graph.user", "id": "u1", "displayName": "Adele"},
        {"@odata.type": "#microsoft.graph.group", "id": "g1", "mailEnabled": true},
        {"@odata.type": "microsoft.graph.user", "id": "u2"},
        {"id": "x"}
    ]);
    let members: Vec<DirectoryObject> = FromJson::from_json(&members).unwrap();
    assert_eq!(members[0].odata_type(), Some("microsoft.graph.user"));
    assert_eq!(members[2].odata_type(), Some("microsoft.graph.user"));
    assert_eq!(members[3].odata_type(), None);
    assert!(members[0].is::<User>() && !members[0].is::<Group>());
    assert!(!members[0].is::<DirectoryObject>(), "exact type only");
    assert!(members[1].is::<Group>());
    assert!(!members[3].is::<User>());
    let user: User = members[0].clone().cast();
    assert_eq!(user.display_name(), Some("Adele"));
    let group: Group = members[1].clone().cast();
    assert_eq!(group.mail_enabled(), Some(true));
    // A cast never loses anything, even to the wrong view and back.
    let wrong: Group = members[0].clone().cast();
    assert_eq!(wrong.mail_enabled(), None);
    assert_eq!(
        to_value(&wrong.cast::<DirectoryObject>()),
        to_value(&members[0])
    );
    let entity: graph_client::v1_0::models::Entity = user.clone().cast();
    assert_eq!(to_value(&entity.cast::<User>()), to_value(&user));
}

#[test]
fn new_models_hold_only_what_is_set() {
    let mut user = User::new();
    user.set_display_name("New");
    assert_eq!(to_value(&user), json!({"displayName": "New"}));
    assert!(!user.is::<User>());
    let mut tagged = User::with_odata_type();
    tagged.set_display_name("New");
    assert_eq!(
        to_value(&tagged),
        json!({"@odata.type": "#microsoft.graph.user", "displayName": "New"})
    );
    assert!(tagged.is::<User>());
}

#[test]
fn models_read_only_objects() {
    assert!(User::from_json(&json!([1])).is_none());
    assert!(User::from_json(&json!("u")).is_none());
    assert!(from_value::<User>(json!(null)).is_none());
    let body = ItemBody::from_json(&json!({})).expect("an empty object is a model");
    assert_eq!(to_value(&body), json!({}));
    let mut object = Object::new();
    set(&mut object, "user", User::new());
    assert_eq!(object["user"], json!({}));
}

#[test]
fn model_responses_are_objects() {
    let user = User::from_response(raw(r#"{"id":"1"}"#)).unwrap();
    assert_eq!(user.id(), Some("1"));
    for body in ["", "[]", "null", "{"] {
        let error = User::from_response(raw(body)).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{body}: {error:?}");
    }
    let error = User::from_response(raw("[1]")).unwrap_err();
    assert!(
        error.to_string().contains("microsoft.graph.user"),
        "{error}"
    );
}

// ---- over HTTP ---------------------------------------------------------

#[tokio::test]
async fn send_decodes_a_model() {
    let (listener, client) = loopback().await;
    let server = tokio::spawn(serve_one(
        listener,
        reply("200 OK", &graph_user().to_string()),
    ));
    let user = graph_client::v1_0::users()
        .by_id("87d349ed")
        .get()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(user.display_name(), Some("Adele Vance"));
    assert_eq!(to_value(&user), graph_user());
    let received = server.await.unwrap();
    assert_eq!(received.request_line, "GET /v1.0/users/87d349ed HTTP/1.1");
}

#[tokio::test]
async fn intune_wrapped_entity_is_unwrapped() {
    let (listener, client) = loopback().await;
    let inner = json!({
        "@odata.type": "#microsoft.graph.windowsDomainJoinConfiguration",
        "id": "d1",
        "value": "a property named value"
    });
    let body = json!({ "value": inner }).to_string();
    let server = tokio::spawn(serve_one(listener, reply("200 OK", &body)));
    let path = RequestPath::new(ApiVersion::Beta)
        .segment("deviceManagement")
        .segment("deviceConfigurations")
        .key("d1");
    let entity = Request::<graph_client::beta::models::Entity>::new(Method::GET, path)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(to_value(&entity), inner);
    server.await.unwrap();
}

#[tokio::test]
async fn patch_sends_only_the_set_fields() {
    let (listener, client) = loopback().await;
    let server = tokio::spawn(serve_one(listener, no_content()));
    let mut patch: User = empty();
    patch.set_display_name("Adele V.");
    patch.set_null("mobilePhone");
    graph_client::v1_0::users()
        .by_id("u1")
        .patch(&patch)
        .send(&client)
        .await
        .unwrap();
    let seen = server.await.unwrap();
    assert_eq!(seen.request_line, "PATCH /v1.0/users/u1 HTTP/1.1");
    assert_eq!(
        String::from_utf8_lossy(&seen.body),
        r#"{"displayName":"Adele V.","mobilePhone":null}"#
    );
    assert_eq!(
        seen.headers.get("content-type").map(String::as_str),
        Some("application/json")
    );
}

fn members() -> Request<Page<DirectoryObject>> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0)
            .segment("groups")
            .key("g1")
            .segment("members"),
    )
}

#[tokio::test]
async fn pages_of_models_through_collect_all() {
    let (listener, client) = loopback().await;
    let address = listener.local_addr().unwrap();
    let next = format!("http://{address}/v1.0/groups/g1/members?$skiptoken=2");
    let first = json!({
        "@odata.context": "ctx",
        "@odata.count": "3",
        "value": [
            {"@odata.type": "#microsoft.graph.user", "id": "u1", "displayName": "Adele", "new": 1},
            {"@odata.type": "#microsoft.graph.group", "id": "g2", "mailEnabled": false}
        ],
        "@odata.nextLink": next
    });
    let second = json!({"value": [{"@odata.type": "#microsoft.graph.user", "id": "u2"}]});
    let server = tokio::spawn(serve_all(
        listener,
        vec![
            reply("200 OK", &first.to_string()),
            reply("200 OK", &second.to_string()),
        ],
    ));
    let collected = members().collect_all(&client).await.unwrap();
    assert_eq!(collected.count, Some(3));
    let ids: Vec<_> = collected
        .items
        .iter()
        .map(|m| m.id().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["u1", "g2", "u2"]);
    let users: Vec<User> = collected
        .items
        .into_iter()
        .filter(|member| member.is::<User>())
        .map(Model::cast)
        .collect();
    assert_eq!(users[0].display_name(), Some("Adele"));
    assert_eq!(users[0].get_raw("new"), Some(&json!(1)));
    assert_eq!(users.len(), 2);
    let lines: Vec<String> = server
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.request_line)
        .collect();
    assert_eq!(
        lines,
        [
            "GET /v1.0/groups/g1/members HTTP/1.1",
            "GET /v1.0/groups/g1/members?$skiptoken=2 HTTP/1.1"
        ]
    );
}

#[tokio::test]
async fn an_item_that_is_not_an_object_is_a_decode_error() {
    let (listener, client) = loopback().await;
    let body = r#"{"value":[{"id":"u1"},"oops"]}"#;
    let server = tokio::spawn(serve_one(listener, reply("200 OK", body)));
    let error = members().collect_all(&client).await.unwrap_err();
    let Error::Decode { message, excerpt } = &error else {
        panic!("{error:?}");
    };
    assert!(
        message.starts_with("value[1]: a string is not a "),
        "{message}"
    );
    assert!(message.contains("DirectoryObject"), "{message}");
    assert_eq!(excerpt, body);
    server.await.unwrap();
}

/// A message decoded from the docs' shape keeps what it does not know.
#[test]
fn message_bodies_keep_unknown_members() {
    let sent = json!({"subject": "s", "body": {"contentType": "text", "content": "c", "x": 1}});
    let message: Message = from_value(sent.clone()).unwrap();
    assert_eq!(message.body().unwrap().get_raw("x"), Some(&json!(1)));
    assert_eq!(to_value(&message), sent);
}
