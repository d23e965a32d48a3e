//! Traces: one span per request, an event per attempt and per retry, and
//! never a token, a pre-authenticated URL or a caller's key.

mod capture;
mod support;

use capture::Capture;
use graph_runtime::http::Method;
use graph_runtime::{ApiVersion, LargeFileUpload, Request, RequestPath, UploadSession};
use serde_json::{json, Value};
use support::{client, Reply, TestServer, TOKEN};

#[tokio::test]
async fn spans_and_events_name_attempts_statuses_and_retries_but_no_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = TestServer::start().await;
    server.push(
        Reply::json(
            429,
            r#"{"error":{"code":"TooManyRequests","message":"slow"}}"#,
        )
        .header("retry-after", "0")
        .header("request-id", "rid-429"),
    );
    server.push(Reply::json(200, r#"{"id":"1"}"#).header("request-id", "rid-200"));
    let path = RequestPath::new(ApiVersion::V1_0)
        .segment("users")
        .key("adele.vance@contoso.example");
    let user: Value = Request::new(Method::GET, path)
        .send(&client(&server))
        .await
        .unwrap();
    assert_eq!(user["id"], "1");

    let sent_id = server.requests()[0]
        .header("client-request-id")
        .unwrap()
        .to_owned();
    assert_eq!(
        server.requests()[1].header("client-request-id"),
        Some(sent_id.as_str())
    );
    let lines = capture.lines.lock().unwrap().clone();
    let text = lines.join("\n");
    assert_eq!(
        lines[0],
        format!(
            "span graph.request method=GET path=/v1.0/users/{{}} client_request_id=\"{sent_id}\""
        ),
        "{text}"
    );
    assert!(
        text.contains("attempt=1 status=429 request_id=\"rid-429\""),
        "{text}"
    );
    assert!(
        text.contains("reason=\"throttled (429)\" delay_ms=0"),
        "{text}"
    );
    assert!(
        text.contains("attempt=2 status=200 request_id=\"rid-200\""),
        "{text}"
    );
    assert!(text.contains("duration_ms="), "{text}");
    assert!(!text.contains(TOKEN), "{text}");
    assert!(!text.contains("adele"), "the key stays out: {text}");
}

#[tokio::test]
async fn upload_urls_stay_out_of_traces() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = TestServer::start().await;
    server.push(Reply::json(201, r#"{"id":"f"}"#));
    let url = format!("{}/up/s?tempauth=pre-auth-secret-77", server.url());
    let body = json!({"uploadUrl": url}).to_string();
    let session =
        <UploadSession as graph_runtime::FromResponse>::from_response(graph_runtime::RawResponse {
            status: graph_runtime::http::StatusCode::OK,
            headers: Default::default(),
            body: body.into(),
        })
        .unwrap();
    let item: Value = LargeFileUpload::new(&client(&server), &session, 3)
        .upload(&b"abc"[..])
        .await
        .unwrap();
    assert_eq!(item["id"], "f");
    let text = capture.lines.lock().unwrap().join("\n");
    assert!(text.contains("path=upload session"), "{text}");
    assert!(!text.contains("pre-auth-secret-77"), "{text}");
    assert!(!text.contains(TOKEN), "{text}");
}
