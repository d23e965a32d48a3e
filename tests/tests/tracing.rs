//! Tracing end to end: a generated call, sent by the runtime to a loopback
//! server, is traced as its path template (the key stays out), with its
//! attempt and status, and never with the token.

#[path = "../../runtime/tests/capture/mod.rs"]
mod capture;
mod support;

use capture::Capture;
use support::{json, loopback, serve_one};

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
