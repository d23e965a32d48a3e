//! Following `@odata.nextLink` through streams and `collect_all`.

mod support;

use futures_util::StreamExt;
use graph_runtime::http::Method;
use graph_runtime::model::FromJson;
use graph_runtime::{ApiVersion, Error, Page, Request, RequestPath};
use serde_json::{json, Value};
use support::{client, Reply, TestServer};

/// Page items are read with `FromJson`; any type can implement it.
#[derive(Debug, PartialEq)]
struct User {
    id: String,
}

impl FromJson for User {
    fn from_json(value: &Value) -> Option<Self> {
        let id = value.get("id")?.as_str()?.to_owned();
        Some(User { id })
    }
}

fn delta() -> Request<Page<User>> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0)
            .segment("users")
            .function("delta", &[]),
    )
    .select(&["id"])
    .prefer("odata.maxpagesize=2")
}

/// Scripts three pages: u1 u2 → u3 u4 → u5 with a delta link.
fn script_three_pages(server: &TestServer) {
    let base = server.url();
    server.push(Reply::json(
        200,
        json!({
            "@odata.context": "ctx",
            "@odata.count": 5,
            "value": [{"id": "u1"}, {"id": "u2"}],
            "@odata.nextLink": format!("{base}/v1.0/users/delta()?$select=id&$skiptoken=p%2B2"),
        })
        .to_string(),
    ));
    server.push(Reply::json(
        200,
        json!({
            "value": [{"id": "u3"}, {"id": "u4"}],
            "@odata.nextLink": format!("{base}/v1.0/users/delta()?$select=id&$skiptoken=p3"),
        })
        .to_string(),
    ));
    server.push(Reply::json(
        200,
        json!({
            "value": [{"id": "u5"}],
            "@odata.deltaLink": format!("{base}/v1.0/users/delta()?$deltatoken=d1"),
        })
        .to_string(),
    ));
}

fn assert_three_page_requests(server: &TestServer) {
    assert_eq!(
        server.request_lines(),
        [
            "GET /v1.0/users/delta()?$select=id HTTP/1.1",
            "GET /v1.0/users/delta()?$select=id&$skiptoken=p%2B2 HTTP/1.1",
            "GET /v1.0/users/delta()?$select=id&$skiptoken=p3 HTTP/1.1",
        ]
    );
    for request in server.requests() {
        assert_eq!(request.header("prefer"), Some("odata.maxpagesize=2"));
        assert!(request.header("authorization").is_some());
    }
}

fn ids(users: &[User]) -> Vec<&str> {
    users.iter().map(|u| u.id.as_str()).collect()
}

#[tokio::test]
async fn pages_stream_follows_next_links() {
    let server = TestServer::start().await;
    script_three_pages(&server);
    let client = client(&server);
    let mut pages = client.pages(delta());
    let mut seen = Vec::new();
    while let Some(page) = pages.next().await {
        seen.push(page.unwrap());
    }
    assert_eq!(seen.len(), 3);
    assert_eq!(ids(&seen[0].value), ["u1", "u2"]);
    assert_eq!(seen[0].count, Some(5));
    assert_eq!(seen[0].extra["@odata.context"], "ctx");
    assert_eq!(ids(&seen[2].value), ["u5"]);
    assert!(seen[2].next_link.is_none());
    assert!(seen[2]
        .delta_link
        .as_deref()
        .unwrap()
        .ends_with("$deltatoken=d1"));
    assert_three_page_requests(&server);
}

#[tokio::test]
async fn items_stream_yields_every_item() {
    let server = TestServer::start().await;
    script_three_pages(&server);
    let items: Vec<User> = delta()
        .items(&client(&server))
        .map(|item| item.unwrap())
        .collect()
        .await;
    assert_eq!(ids(&items), ["u1", "u2", "u3", "u4", "u5"]);
    assert_three_page_requests(&server);
}

#[tokio::test]
async fn collect_all_keeps_the_delta_link() {
    let server = TestServer::start().await;
    script_three_pages(&server);
    let collected = delta().collect_all(&client(&server)).await.unwrap();
    assert_eq!(ids(&collected.items), ["u1", "u2", "u3", "u4", "u5"]);
    assert_eq!(
        collected.delta_link,
        Some(format!(
            "{}/v1.0/users/delta()?$deltatoken=d1",
            server.url()
        ))
    );
    assert_eq!(collected.count, Some(5));
    assert_three_page_requests(&server);
}

#[tokio::test]
async fn foreign_next_link_is_refused() {
    let server = TestServer::start().await;
    let page = json!({
        "value": [{"id": "u1"}],
        "@odata.nextLink": "https://evil.example/v1.0/users?$skiptoken=x",
    });
    server.push(Reply::json(200, page.to_string()));
    server.push(Reply::json(200, page.to_string()));
    let client = client(&server);
    let mut items = client.items(delta());
    assert_eq!(items.next().await.unwrap().unwrap().id, "u1");
    let error = items.next().await.unwrap().unwrap_err();
    assert!(matches!(error, Error::InvalidNextLink(_)), "{error:?}");
    assert!(error.to_string().contains("evil.example"), "{error}");
    assert!(items.next().await.is_none());
    let error = delta().collect_all(&client).await.unwrap_err();
    assert!(matches!(error, Error::InvalidNextLink(_)), "{error:?}");
    assert_eq!(
        server.requests().len(),
        2,
        "one first page per attempt, nothing sent elsewhere"
    );
}

#[tokio::test]
async fn other_port_and_relative_and_repeating_links_are_refused() {
    let server = TestServer::start().await;
    let other = TestServer::start().await;
    let base = server.url();
    let links = [
        format!("{}/v1.0/users?$skiptoken=x", other.url()),
        "/v1.0/users?$skiptoken=x".to_owned(),
        format!("{base}/v1.0/users/delta()?$select=id"),
    ];
    let client = client(&server);
    for link in &links {
        server.push(Reply::json(
            200,
            json!({"value": [], "@odata.nextLink": link}).to_string(),
        ));
        let error = delta().collect_all(&client).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidNextLink(_)),
            "{link}: {error:?}"
        );
    }
    assert_eq!(server.requests().len(), 3);
    assert!(other.requests().is_empty());
}

#[tokio::test]
async fn error_mid_stream_ends_it() {
    let server = TestServer::start().await;
    let next = format!("{}/v1.0/users?$skiptoken=2", server.url());
    server.push(Reply::json(
        200,
        json!({"value": [{"id": "u1"}], "@odata.nextLink": next}).to_string(),
    ));
    server.push(Reply::json(
        404,
        r#"{"error":{"code":"SyncStateNotFound","message":"gone"}}"#,
    ));
    let client = client(&server);
    let mut pages = client.pages(delta());
    assert!(pages.next().await.unwrap().is_ok());
    let error = pages.next().await.unwrap().unwrap_err();
    assert_eq!(error.code(), Some("SyncStateNotFound"));
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn invalid_first_request_is_yielded_once() {
    let server = TestServer::start().await;
    let bad: Request<Page<User>> = Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0)
            .segment("users")
            .key(".."),
    );
    let client = client(&server);
    let mut pages = client.pages(bad);
    assert!(matches!(
        pages.next().await,
        Some(Err(Error::InvalidRequest(_)))
    ));
    assert!(pages.next().await.is_none());
    assert!(server.requests().is_empty());
}
