//! Traces: one span per request, an event per attempt and per retry, and
//! never a token, a pre-authenticated URL or a caller's key.

mod support;

use std::fmt::{Debug, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use graph_runtime::http::Method;
use graph_runtime::{ApiVersion, LargeFileUpload, Request, RequestPath, UploadSession};
use serde_json::{json, Value};
use support::{client, Reply, TestServer, TOKEN};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A subscriber writing every span and event, with all fields, as a line.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    ids: Arc<AtomicU64>,
}

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
        Id::from_u64(self.ids.fetch_add(1, Ordering::SeqCst) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = "record".to_owned();
        values.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = "event".to_owned();
        event.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

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
