//! Retries: throttling, unavailability, resets and the limits of the policy.

mod support;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use graph_runtime::http::Method;
use graph_runtime::{ApiVersion, Error, Request, RequestPath, RetryPolicy};
use serde_json::Value;
use support::{client, client_with, fast_retries, http_date, Reply, Step, TestServer};

const THROTTLED: &str = r#"{"error":{"code":"TooManyRequests","message":"Too many requests."}}"#;

fn me(method: Method) -> Request<Value> {
    Request::new(method, RequestPath::new(ApiVersion::V1_0).segment("me"))
}

fn ok() -> Reply {
    Reply::json(200, r#"{"id":"me"}"#)
}

#[tokio::test]
async fn throttled_with_retry_after_zero_then_success() {
    let server = TestServer::start().await;
    server.push(Reply::json(429, THROTTLED).header("retry-after", "0"));
    server.push(Reply::json(429, THROTTLED).header("retry-after", "0"));
    server.push(ok());
    let value = me(Method::POST).send(&client(&server)).await.unwrap();
    assert_eq!(value["id"], "me");
    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    let ids: Vec<_> = seen
        .iter()
        .map(|r| r.header("client-request-id").unwrap())
        .collect();
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "one client-request-id per logical request"
    );
    let attempts: Vec<_> = seen.iter().map(|r| r.header("retry-attempt")).collect();
    assert_eq!(attempts, [None, Some("1"), Some("2")]);
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let server = TestServer::start().await;
    server.push(Reply::json(429, THROTTLED).header("retry-after", "1"));
    server.push(ok());
    let started = Instant::now();
    me(Method::GET).send(&client(&server)).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn retry_after_http_date_is_honoured() {
    let server = TestServer::start().await;
    let past = http_date(SystemTime::now() - Duration::from_secs(3600));
    let soon = http_date(SystemTime::now() + Duration::from_secs(2));
    server.push(Reply::json(429, THROTTLED).header("retry-after", &past));
    server.push(Reply::json(503, "").header("retry-after", &soon));
    server.push(ok());
    let started = Instant::now();
    me(Method::GET).send(&client(&server)).await.unwrap();
    // `soon` has one-second resolution: it is at least one second ahead.
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retry_after_beyond_max_delay_is_not_shortened() {
    let server = TestServer::start().await;
    server.push(Reply::json(429, THROTTLED).header("retry-after", "120"));
    let error = me(Method::GET).send(&client(&server)).await.unwrap_err();
    assert_eq!(error.code(), Some("TooManyRequests"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn unavailable_then_success() {
    let server = TestServer::start().await;
    server.push(Reply::new(503).body("text/plain", b"busy".to_vec()));
    server.push(ok());
    me(Method::PATCH).send(&client(&server)).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn gateway_timeout_then_success() {
    let server = TestServer::start().await;
    server.push(Reply::new(504));
    server.push(Reply::new(504));
    server.push(ok());
    me(Method::GET).send(&client(&server)).await.unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn retries_exhausted_reports_the_last_response() {
    let server = TestServer::start().await;
    for _ in 0..4 {
        server.push(Reply::new(503));
    }
    server.push(Reply::json(429, THROTTLED).header("retry-after", "0"));
    server.push(ok());
    let error = me(Method::GET).send(&client(&server)).await.unwrap_err();
    assert_eq!(error.code(), Some("TooManyRequests"), "{error:?}");
    assert_eq!(server.requests().len(), 5, "1 attempt + 4 retries");
}

#[tokio::test]
async fn total_delay_budget_stops_retries() {
    let server = TestServer::start().await;
    for _ in 0..3 {
        server.push(Reply::new(503).header("retry-after", "1"));
    }
    let policy = fast_retries().with_max_total_delay(Duration::from_millis(1500));
    let error = me(Method::GET)
        .send(&client_with(&server, policy))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Status { .. }), "{error:?}");
    assert_eq!(
        server.requests().len(),
        2,
        "the second 1 s wait exceeds 1.5 s"
    );
}

#[tokio::test]
async fn retries_can_be_disabled() {
    let server = TestServer::start().await;
    server.push(Reply::new(503));
    server.push(ok());
    let error = me(Method::GET)
        .send(&client_with(&server, RetryPolicy::none()))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn reset_connection_is_retried_for_idempotent_methods() {
    let server = TestServer::start().await;
    server.push(Step::Reset);
    server.push(ok());
    let value = me(Method::GET).send(&client(&server)).await.unwrap();
    assert_eq!(value["id"], "me");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn reset_connection_is_not_retried_for_post() {
    let server = TestServer::start().await;
    server.push(Step::Reset);
    server.push(ok());
    let error = me(Method::POST).send(&client(&server)).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(
        error.to_string().starts_with("transport error: "),
        "{error}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn reset_connection_without_transport_retries() {
    let server = TestServer::start().await;
    server.push(Step::Reset);
    server.push(ok());
    let policy = fast_retries().with_transport_retries(false);
    let error = me(Method::GET)
        .send(&client_with(&server, policy))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = TestServer::start().await;
    server.push(Reply::new(500));
    server.push(Reply::new(401));
    server.push(ok());
    let client = client(&server);
    assert!(me(Method::GET).send(&client).await.is_err());
    assert!(me(Method::GET).send(&client).await.is_err());
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn test_helper_formats_http_dates() {
    let time = UNIX_EPOCH + Duration::from_secs(784_111_777);
    assert_eq!(http_date(time), "Sun, 06 Nov 1994 08:49:37 GMT");
}
