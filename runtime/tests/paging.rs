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

/// Runs `listing` to its end, failing the test if it does not end: a
/// runtime that loops would otherwise hang the test.
async fn ends<T>(listing: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(std::time::Duration::from_secs(10), listing)
        .await
        .expect("the listing never ended")
}

/// The error a listing ended with.
fn final_error<T: std::fmt::Debug>(results: Vec<Result<T, Error>>) -> Error {
    results
        .into_iter()
        .find_map(Result::err)
        .expect("the listing ended without an error")
}

/// Every entry point, each run on its own to its end: `collect_all`,
/// `items` and `pages`; the error each ended with.
async fn every_entry_point(client: &graph_runtime::Client) -> Vec<Error> {
    let collected = ends(delta().collect_all(client)).await;
    let items = ends(client.items(delta()).collect::<Vec<_>>()).await;
    let pages = ends(delta().pages(client).collect::<Vec<_>>()).await;
    vec![
        collected.unwrap_err(),
        final_error(items),
        final_error(pages),
    ]
}

/// Pages whose next link is whatever `next` makes of the request target.
fn serve_pages(server: &TestServer, next: impl Fn(&str) -> String + Send + Sync + 'static) {
    server.fallback(move |request| {
        let page = json!({"value": [{"id": "u"}], "@odata.nextLink": next(&request.target)});
        Reply::json(200, page.to_string()).into()
    });
}

#[tokio::test]
async fn a_two_page_cycle_ends_with_an_error_naming_both_pages() {
    let server = TestServer::start().await;
    let base = server.url();
    // Page 1 links to page 2, page 2 back to page 1 (the first request).
    serve_pages(&server, move |target| {
        if target.contains("skiptoken") {
            format!("{base}/v1.0/users/delta()?$select=id")
        } else {
            format!("{base}/v1.0/users/delta()?$select=id&$skiptoken=2")
        }
    });
    let client = client(&server);
    for error in every_entry_point(&client).await {
        assert!(matches!(error, Error::InvalidNextLink(_)), "{error:?}");
        let text = error.to_string();
        assert!(text.contains("page 2"), "{text}");
        assert!(text.contains("page 1"), "{text}");
    }
    assert_eq!(server.requests().len(), 3 * 2, "two pages per listing");
}

#[tokio::test]
async fn a_self_link_that_differs_by_a_fragment_is_a_cycle() {
    let server = TestServer::start().await;
    let base = server.url();
    // The first page links to itself, with a new fragment each time.
    let served = std::sync::atomic::AtomicUsize::new(0);
    serve_pages(&server, move |_| {
        let n = served.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        format!("{base}/v1.0/users/delta()?$select=id#{n}")
    });
    let client = client(&server);
    for error in every_entry_point(&client).await {
        assert!(matches!(error, Error::InvalidNextLink(_)), "{error:?}");
        assert!(error.to_string().contains("page 1"), "{error}");
    }
    assert_eq!(server.requests().len(), 3, "one page per listing");
}

#[tokio::test]
async fn a_self_link_spelled_differently_is_a_cycle() {
    let server = TestServer::start().await;
    let port = server.url().rsplit(':').next().unwrap().to_owned();
    let spellings = [
        format!("HTTP://127.0.0.1:{port}/v1.0/users/delta()?$select=id"),
        format!("{}/v1.0/groups/../users/delta()?$select=id", server.url()),
        format!("{}/v1.0/%75sers/delta()?$select=id", server.url()),
    ];
    let client = client(&server);
    for link in spellings {
        let next = link.clone();
        serve_pages(&server, move |_| next.clone());
        let before = server.requests().len();
        for error in every_entry_point(&client).await {
            assert!(
                matches!(error, Error::InvalidNextLink(_)),
                "{link}: {error:?}"
            );
            assert!(error.to_string().contains("page 1"), "{error}");
        }
        assert_eq!(server.requests().len() - before, 3, "{link}: one page each");
    }
}

#[tokio::test]
async fn a_listing_stops_at_the_page_cap() {
    let server = TestServer::start().await;
    let base = server.url();
    // Every page links to a new one: no cycle, no end.
    serve_pages(&server, move |target| {
        let n: u64 = target
            .rsplit("skiptoken=")
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        format!("{base}/v1.0/users/delta()?$select=id&$skiptoken={}", n + 1)
    });
    let client = graph_runtime::Client::builder()
        .base_url(server.url())
        .max_pages(5)
        .no_proxy()
        .build()
        .unwrap();
    for error in every_entry_point(&client).await {
        assert!(
            matches!(error, Error::TooManyPages { limit: 5 }),
            "{error:?}"
        );
    }
    assert_eq!(server.requests().len(), 3 * 5);
    let default = graph_runtime::Client::builder().build().unwrap();
    assert_eq!(default.max_pages(), 10_000);
}
