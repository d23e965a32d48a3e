//! Long-running operations: 202 + Location, polled to the end.

mod support;

use std::time::{Duration, Instant};

use graph_runtime::http::Method;
use graph_runtime::{ApiVersion, Error, Operation, Request, RequestPath};
use serde_json::json;
use support::{client, Reply, TestServer};

fn copy() -> Request<()> {
    let path = RequestPath::new(ApiVersion::V1_0)
        .segment("me")
        .segment("drive")
        .segment("items")
        .key("01SRC")
        .segment("copy");
    Request::new(Method::POST, path).json_body(&json!({"name": "copy.docx"}))
}

fn running(percent: u32, retry_after: &str) -> Reply {
    Reply::json(
        202,
        json!({"status": "inProgress", "percentageComplete": percent}).to_string(),
    )
    .header("retry-after", retry_after)
}

#[tokio::test]
async fn completes_after_three_polls_honouring_retry_after() {
    let server = TestServer::start().await;
    let monitor = format!("{}/monitor/op-1?sig=pre-authenticated", server.url());
    server.push(Reply::new(202).header("location", &monitor));
    server.push(running(10, "0"));
    server.push(running(60, "1"));
    server.push(Reply::json(
        200,
        json!({"status": "completed", "resourceId": "01NEW"}).to_string(),
    ));
    let client = client(&server);
    let operation = client.start_operation(copy()).await.unwrap();
    assert_eq!(operation.monitor_url(), monitor);
    let operation = operation.poll_interval(Duration::from_millis(5));
    let started = Instant::now();
    let done = client
        .wait_for(&operation, Duration::from_secs(10))
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After: 1"
    );
    assert_eq!(done.status, "completed");
    assert_eq!(done.resource_id.as_deref(), Some("01NEW"));
    let lines = server.request_lines();
    assert_eq!(lines[0], "POST /v1.0/me/drive/items/01SRC/copy HTTP/1.1");
    assert_eq!(
        &lines[1..],
        ["GET /monitor/op-1?sig=pre-authenticated HTTP/1.1"; 3]
    );
}

#[tokio::test]
async fn a_failed_operation_is_its_error_and_the_deadline_holds() {
    let server = TestServer::start().await;
    server.push(Reply::new(202).header("location", "/monitor/op-2"));
    server.push(running(5, "0"));
    server.push(Reply::json(
        200,
        json!({"status": "failed", "error": {"code": "nameAlreadyExists", "message": "copy.docx exists"}})
            .to_string(),
    ));
    let client = client(&server);
    let operation = client.start_operation(copy()).await.unwrap();
    let error = client
        .wait_for(&operation, Duration::from_secs(5))
        .await
        .unwrap_err();
    let Error::OperationFailed {
        status,
        code,
        message,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(
        (status.as_str(), code.as_str()),
        ("failed", "nameAlreadyExists")
    );
    assert_eq!(message, "copy.docx exists");

    server.push(running(5, "2"));
    let error = client
        .wait_for(&operation, Duration::from_millis(500))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::OperationTimeout { .. }), "{error:?}");

    server.push(Reply::json(200, "{}"));
    let error = client.start_operation(copy()).await.unwrap_err();
    assert!(
        error.to_string().contains("not a long-running operation"),
        "{error}"
    );
}

#[tokio::test]
async fn a_monitor_redirecting_to_the_resource_ends_with_it() {
    let server = TestServer::start().await;
    let operation = Operation::from_monitor_url(&format!("{}/monitor/op-3", server.url())).unwrap();
    server.push(Reply::new(303).header("location", "/v1.0/me/drive/items/01NEW"));
    server.push(Reply::json(200, r#"{"id":"01NEW","name":"copy.docx"}"#));
    let done = client(&server)
        .wait_for(&operation, Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(done.body["name"], "copy.docx");
}
