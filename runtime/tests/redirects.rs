//! Redirects of Graph requests: at most five hops, credentials and
//! bodies only to the client's own origin.

mod support;

use graph_runtime::http::Method;
use graph_runtime::{ApiVersion, Error, Request, RequestPath};
use serde_json::{json, Value};
use support::{client, Reply, TestServer, TOKEN};

fn path(name: &'static str) -> RequestPath {
    RequestPath::new(ApiVersion::V1_0).segment(name)
}

fn redirect(status: u16, location: &str) -> Reply {
    Reply::new(status)
        .header("location", location)
        .body("text/plain", b"moved".to_vec())
}

#[tokio::test]
async fn redirects_stop_after_five_hops() {
    let server = TestServer::start().await;
    server.fallback(|request| {
        let hop = request.target.len();
        redirect(302, &format!("{}x{hop}", request.target)).into()
    });
    let error = Request::<Value>::new(Method::GET, path("me"))
        .send(&client(&server))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Redirect(_)), "{error:?}");
    assert!(error.to_string().contains("5 redirects"), "{error}");
    assert_eq!(server.requests().len(), 6, "the request and five hops");
}

#[tokio::test]
async fn a_download_redirected_elsewhere_carries_no_credentials() {
    let (graph, storage) = (TestServer::start().await, TestServer::start().await);
    graph.push(redirect(
        302,
        &format!("{}/file?tempauth=abc", storage.url()),
    ));
    storage.push(Reply::new(200).body("image/png", b"png".to_vec()));
    let request = Request::<graph_runtime::Binary>::new(Method::GET, path("photo")).header(
        graph_runtime::http::header::COOKIE,
        graph_runtime::http::HeaderValue::from_static("session=1"),
    );
    let photo = request.send(&client(&graph)).await.unwrap();
    assert_eq!(&photo.data[..], b"png");
    let [hop] = storage.requests().try_into().unwrap();
    assert_eq!(hop.request_line, "GET /file?tempauth=abc HTTP/1.1");
    assert_eq!(hop.header("authorization"), None);
    assert_eq!(hop.header("cookie"), None);
    let sent = &graph.requests()[0];
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[tokio::test]
async fn a_body_is_never_sent_to_another_origin() {
    let (graph, elsewhere) = (TestServer::start().await, TestServer::start().await);
    for status in [307, 308, 301, 302] {
        graph.push(redirect(status, &format!("{}/collect", elsewhere.url())));
        let error = Request::<Value>::new(Method::POST, path("sendMail"))
            .json_body(&json!({"message": "private"}))
            .send(&client(&graph))
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Redirect(_)), "{status}: {error:?}");
        assert!(error.to_string().contains(&status.to_string()), "{error}");
    }
    assert!(elsewhere.requests().is_empty());
}

#[tokio::test]
async fn same_origin_redirects_keep_method_body_and_token() {
    let server = TestServer::start().await;
    server.push(redirect(307, "/v1.0/moved"));
    server.push(Reply::json(200, r#"{"ok":true}"#));
    let value = Request::<Value>::new(Method::PATCH, path("thing"))
        .json_body(&json!({"a": 1}))
        .send(&client(&server))
        .await
        .unwrap();
    assert_eq!(value["ok"], true);
    let [first, second] = server.requests().try_into().unwrap();
    assert_eq!(second.request_line, "PATCH /v1.0/moved HTTP/1.1");
    assert_eq!(second.body, first.body);
    assert_eq!(
        second.header("authorization"),
        first.header("authorization")
    );
}

#[tokio::test]
async fn see_other_becomes_a_get_without_body() {
    let (graph, elsewhere) = (TestServer::start().await, TestServer::start().await);
    graph.push(redirect(303, &format!("{}/status", elsewhere.url())));
    elsewhere.push(Reply::json(200, r#"{"status":"done"}"#));
    let value = Request::<Value>::new(Method::POST, path("copy"))
        .json_body(&json!({"name": "x"}))
        .send(&client(&graph))
        .await
        .unwrap();
    assert_eq!(value["status"], "done");
    let [hop] = elsewhere.requests().try_into().unwrap();
    assert_eq!(hop.request_line, "GET /status HTTP/1.1");
    assert!(hop.body.is_empty());
    assert_eq!(hop.header("content-type"), None);
    assert_eq!(hop.header("authorization"), None);
}

#[tokio::test]
async fn a_redirect_to_another_scheme_is_refused() {
    let server = TestServer::start().await;
    server.push(redirect(302, "file:///etc/passwd"));
    let error = Request::<Value>::new(Method::GET, path("me"))
        .send(&client(&server))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Redirect(_)), "{error:?}");
}

#[tokio::test]
async fn transport_errors_do_not_repeat_a_redirect_query() {
    let (graph, storage) = (TestServer::start().await, TestServer::start().await);
    graph.push(redirect(
        302,
        &format!("{}/file?tempauth=s3cret", storage.url()),
    ));
    storage.push(support::Step::Reset);
    let client = support::client_with(&graph, graph_runtime::RetryPolicy::none());
    let error = Request::<Value>::new(Method::GET, path("me"))
        .send(&client)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    let text = format!("{error} {error:?}");
    assert!(!text.contains("s3cret"), "{text}");
}
