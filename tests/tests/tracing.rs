//! Tracing end to end: a generated call, sent by the runtime to a loopback
//! server, is traced as its path template (the key stays out), with its
//! attempt and status, and never with the token.

mod support;

use std::fmt::{Debug, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use support::{json, loopback, serve_one};
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
async fn a_generated_call_is_traced_by_template_without_key_or_token() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let (listener, client) = loopback().await;
    let server = tokio::spawn(serve_one(
        listener,
        json("200 OK", r#"{"id":"1","displayName":"Adele"}"#),
    ));
    let user = graph_client::v1_0::users()
        .by_id("adele.vance@contoso.example")
        .get()
        .send(&client)
        .await
        .expect("200");
    assert_eq!(user.display_name(), Some("Adele"));
    server.await.expect("server");
    let text = capture.lines.lock().unwrap().join("\n");
    assert!(
        text.contains("span graph.request method=GET path=/v1.0/users/{}"),
        "{text}"
    );
    assert!(text.contains("attempt=1 status=200"), "{text}");
    assert!(!text.contains("adele.vance"), "the key stays out: {text}");
    assert!(
        !text.contains("token-for-the-test"),
        "the token stays out: {text}"
    );
}
