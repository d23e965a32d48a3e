//! Bounds on what a server can make the runtime read and wait for: body
//! size limits, the total timeout and the idle timeout of downloads.

mod support;

use std::time::Duration;

use graph_runtime::http::Method;
use graph_runtime::{ApiVersion, Binary, Client, Error, Request, RequestPath, RetryPolicy};
use serde_json::Value;
use support::{Reply, Step, TestServer};

const MIB: usize = 1024 * 1024;

/// What socket buffers on loopback can hold beyond what a client read.
const BUFFERED: usize = 24 * MIB;

fn download() -> Request<Binary> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0)
            .segment("me")
            .segment("photo")
            .segment("$value"),
    )
}

fn me() -> Request<Value> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0).segment("me"),
    )
}

fn client(server: &TestServer, limit: u64) -> Client {
    Client::builder()
        .base_url(server.url())
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .max_body_size(limit)
        .no_proxy()
        .build()
        .unwrap()
}

fn stream(status: u16, total: usize, chunked: bool) -> Step {
    Step::Stream {
        reply: Reply::new(status).header("content-type", "application/json"),
        total,
        chunked,
    }
}

fn assert_too_large(error: &Error, limit: u64) {
    assert!(
        matches!(error, Error::BodyTooLarge { limit: l } if *l == limit),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains(&limit.to_string()), "{text}");
    assert!(text.contains("send_streaming"), "{text}");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_unread() {
    let server = TestServer::start().await;
    server.push(stream(200, 64 * MIB, false));
    let error = download()
        .send(&client(&server, MIB as u64))
        .await
        .unwrap_err();
    assert_too_large(&error, MIB as u64);
    let written = server.body_bytes_written();
    assert!(written < BUFFERED, "{written} bytes written");
}

#[tokio::test]
async fn an_endless_body_is_cut_at_the_limit() {
    let server = TestServer::start().await;
    server.push(stream(200, 256 * MIB, true));
    let error = me().send(&client(&server, MIB as u64)).await.unwrap_err();
    assert_too_large(&error, MIB as u64);
    let written = server.body_bytes_written();
    assert!(written < BUFFERED, "{written} bytes written");
}

#[tokio::test]
async fn an_endless_error_body_is_read_only_as_far_as_its_excerpt() {
    let server = TestServer::start().await;
    server.push(stream(502, 256 * MIB, true));
    let error = me().send(&client(&server, MIB as u64)).await.unwrap_err();
    let Error::Status {
        status,
        body_excerpt,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(status.as_u16(), 502);
    assert!(body_excerpt.starts_with("1111"), "{body_excerpt}");
    assert!(body_excerpt.chars().count() <= 201);
    let written = server.body_bytes_written();
    assert!(written < BUFFERED, "{written} bytes written");
}

#[tokio::test]
async fn streams_have_no_size_limit_but_collecting_one_has() {
    let server = TestServer::start().await;
    server.push(stream(200, 3 * MIB, false));
    server.push(stream(200, 3 * MIB, true));
    let client = client(&server, MIB as u64);
    let body = download().send_streaming(&client).await.unwrap();
    let written = body.write_to(&mut tokio::io::sink()).await.unwrap();
    assert_eq!(written, 3 * MIB as u64);
    let body = download().send_streaming(&client).await.unwrap();
    let error = body.collect().await.unwrap_err();
    assert_too_large(&error, MIB as u64);
}

#[tokio::test]
async fn the_default_limit_is_far_above_a_graph_page() {
    let client = Client::builder().build().unwrap();
    assert_eq!(client.max_body_size(), 64 * MIB as u64);
}

fn payload() -> Vec<u8> {
    (0..50_000u32).map(|i| (i % 251) as u8).collect()
}

fn timed_client(server: &TestServer, total: u64, idle: u64) -> Client {
    Client::builder()
        .base_url(server.url())
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_secs(total))
        .idle_timeout(Duration::from_secs(idle))
        .no_proxy()
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_slow_live_download_outlasts_the_total_timeout() {
    let server = TestServer::start().await;
    // Five seconds of body, a piece every half second.
    server.push(Step::Trickle {
        reply: Reply::new(200).body("application/octet-stream", payload()),
        pieces: 10,
        pause: Duration::from_millis(500),
    });
    let client = timed_client(&server, 1, 2);
    let body = download().send_streaming(&client).await.unwrap();
    let mut file = Vec::new();
    let written = body.write_to(&mut file).await.unwrap();
    assert_eq!(written, payload().len() as u64);
    assert!(file == payload(), "the bytes differ");
}

#[tokio::test]
async fn a_stalled_download_fails_after_the_idle_timeout() {
    let server = TestServer::start().await;
    server.push(Step::Stall {
        reply: Reply::new(200).body("application/octet-stream", payload()),
        sent: 1000,
        stall: Duration::from_secs(4),
    });
    let client = timed_client(&server, 30, 1);
    let body = download().send_streaming(&client).await.unwrap();
    let error = body.write_to(&mut tokio::io::sink()).await.unwrap_err();
    assert!(
        matches!(error, Error::IdleTimeout { idle } if idle == Duration::from_secs(1)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_buffered_body_stays_inside_the_total_timeout() {
    let server = TestServer::start().await;
    server.push(Step::Trickle {
        reply: Reply::new(200).body("application/octet-stream", payload()),
        pieces: 10,
        pause: Duration::from_millis(500),
    });
    let client = timed_client(&server, 1, 2);
    let error = download().send(&client).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
}
