//! JSON batching against a loopback `$batch` endpoint.

mod support;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use graph_runtime::http::Method;
use graph_runtime::{
    ApiVersion, Batch, BatchItem, Binary, Error, Request, RequestPath, RetryPolicy,
};
use serde_json::{json, Value};
use support::{client, client_with, fast_retries, Recorded, Reply, Step, TestServer};

fn user(id: &str) -> Request<Value> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0).segment("users").key(id),
    )
    .select(&["id"])
}

/// Answers one item of a `$batch` post: users by id, a photo upload echoed
/// back as base64, `missing` as a Graph 404; the ids in `throttle` are
/// answered 429 the first time (with `Retry-After: 1` for id 7), and an
/// item depending on a throttled one 424.
fn answer(item: &Value, throttled: &mut HashSet<String>, failed_now: &HashSet<String>) -> Value {
    let id = item["id"].as_str().unwrap().to_owned();
    let url = item["url"].as_str().unwrap();
    let deps: Vec<&str> = item["dependsOn"]
        .as_array()
        .map(|d| d.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if deps.iter().any(|dep| failed_now.contains(*dep)) {
        return json!({"id": id, "status": 424,
            "body": {"error": {"code": "FailedDependency", "message": "dependency failed"}}});
    }
    if failed_now.contains(&id) {
        throttled.insert(id.clone());
        let wait = if id == "7" { "1" } else { "0" };
        return json!({"id": id, "status": 429, "headers": {"Retry-After": wait},
            "body": {"error": {"code": "TooManyRequests", "message": "slow down"}}});
    }
    if item["method"] == "PUT" {
        return json!({"id": id, "status": 200, "headers": {"Content-Type": "image/png"},
            "body": item["body"]});
    }
    if url.starts_with("/users/missing") {
        return json!({"id": id, "status": 404, "body": {"error": {
            "code": "Request_ResourceNotFound", "message": "no such user"}}});
    }
    let key = url.trim_start_matches("/users/").split('?').next().unwrap();
    json!({"id": id, "status": 200, "headers": {"Content-Type": "application/json"},
        "body": {"id": key}})
}

/// A `$batch` endpoint throttling `throttle` (request ids) once each.
fn batch_endpoint(server: &TestServer, throttle: &[&str]) {
    let throttled_once = Arc::new(Mutex::new(HashSet::<String>::new()));
    let throttle: HashSet<String> = throttle.iter().map(|s| s.to_string()).collect();
    server.fallback(move |request: &Recorded| {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let mut done = throttled_once.lock().unwrap();
        let failed_now: HashSet<String> = body["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .filter(|id| throttle.contains(id) && !done.contains(id))
            .collect();
        let answers: Vec<Value> = body["requests"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .map(|item| answer(item, &mut done, &failed_now))
            .collect();
        Step::Reply(Reply::json(
            200,
            json!({ "responses": answers }).to_string(),
        ))
    });
}

fn posted(request: &Recorded) -> Vec<Value> {
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    body["requests"].as_array().unwrap().clone()
}

fn photo() -> Request<Binary> {
    let path = RequestPath::new(ApiVersion::V1_0)
        .segment("me")
        .segment("photo")
        .segment("$value");
    Request::new(Method::PUT, path).bytes_body(vec![0u8, 1, 2, 254, 255], "image/png")
}

#[tokio::test]
async fn forty_five_requests_three_posts_two_throttled_one_dependent() {
    let server = TestServer::start().await;
    batch_endpoint(&server, &["7", "33"]);
    let mut batch = Batch::new();
    let mut users: Vec<Option<BatchItem<Value>>> = Vec::new();
    let mut photo_item = None;
    for n in 0..45 {
        users.push(match n {
            5 => {
                photo_item = Some(batch.add(photo()).unwrap());
                None
            }
            34 => {
                let on = users[33].unwrap().id();
                Some(batch.add_after(user("u34"), &[on]).unwrap())
            }
            44 => Some(batch.add(user("missing")).unwrap()),
            n => Some(batch.add(user(&format!("u{n}"))).unwrap()),
        });
    }
    assert_eq!(batch.len(), 45);
    let started = Instant::now();
    let answers = batch.send(&client(&server)).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "the longest Retry-After (1 s) is waited for"
    );

    let posts = server.requests();
    let sizes: Vec<usize> = posts.iter().map(|p| posted(p).len()).collect();
    assert_eq!(
        sizes,
        [20, 20, 5, 3],
        "three posts, then only the failed items"
    );
    for post in &posts {
        assert_eq!(post.request_line, "POST /v1.0/$batch HTTP/1.1");
        assert_eq!(post.header("content-type"), Some("application/json"));
        assert!(post.header("client-request-id").is_some());
    }
    let retried: Vec<(String, Value)> = posted(&posts[3])
        .iter()
        .map(|item| {
            (
                item["id"].as_str().unwrap().to_owned(),
                item["dependsOn"].clone(),
            )
        })
        .collect();
    assert_eq!(
        retried,
        [
            ("7".to_owned(), Value::Null),
            ("33".to_owned(), Value::Null),
            ("34".to_owned(), json!(["33"]))
        ]
    );
    let first = posted(&posts[0]);
    assert_eq!(first[0]["url"], "/users/u0?$select=id");
    assert_eq!(
        first[5]["body"], "AAEC/v8=",
        "binary bodies travel as base64"
    );
    assert_eq!(first[5]["headers"]["content-type"], "image/png");
    assert_eq!(posted(&posts[1])[14]["dependsOn"], json!(["33"]));

    for (n, item) in users.iter().enumerate() {
        let Some(item) = item.filter(|_| n != 44) else {
            continue;
        };
        assert_eq!(
            answers.get(&item).unwrap()["id"],
            format!("u{n}"),
            "item {n}"
        );
        assert_eq!(answers.status(item.id()).map(|s| s.as_u16()), Some(200));
    }
    let photo = answers.get(&photo_item.unwrap()).unwrap();
    assert_eq!(photo.content_type.as_deref(), Some("image/png"));
    assert_eq!(&photo.data[..], [0, 1, 2, 254, 255]);
    let error = answers.get(&users[44].unwrap()).unwrap_err();
    assert_eq!(error.code(), Some("Request_ResourceNotFound"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn throttling_past_the_policy_is_the_items_own_error() {
    let server = TestServer::start().await;
    batch_endpoint(&server, &["1"]);
    let mut batch = Batch::new();
    let first = batch.add(user("a")).unwrap();
    let second = batch.add(user("b")).unwrap();
    let answers = batch
        .send(&client_with(&server, RetryPolicy::none()))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 1, "no retry round");
    assert_eq!(answers.get(&first).unwrap()["id"], "a");
    let error = answers.get(&second).unwrap_err();
    assert_eq!(error.code(), Some("TooManyRequests"));
}

#[tokio::test]
async fn versions_cannot_be_mixed() {
    let mut batch = Batch::new();
    batch.add(user("a")).unwrap();
    let beta = Request::<Value>::new(
        Method::GET,
        RequestPath::new(ApiVersion::Beta).segment("me"),
    );
    let error = batch.add(beta).unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid request: a batch holds requests for one API version: this one targets beta, \
         the batch v1.0; send them in two batches"
    );
    assert_eq!(batch.len(), 1);
}

#[tokio::test]
async fn a_whole_post_failing_is_the_batch_error_and_bodies_are_bounded() {
    let server = TestServer::start().await;
    server.push(Reply::json(
        400,
        r#"{"error":{"code":"BadRequest","message":"Invalid batch payload."}}"#,
    ));
    let mut batch = Batch::new();
    batch.add(user("a")).unwrap();
    let error = batch.send(&client(&server)).await.unwrap_err();
    assert_eq!(error.code(), Some("BadRequest"));

    let server = TestServer::start().await;
    server.push(Reply::json(
        200,
        format!(r#"{{"responses":[],"pad":"{}"}}"#, "x".repeat(4096)),
    ));
    let small = graph_runtime::Client::builder()
        .base_url(server.url())
        .max_body_size(1024)
        .retry_policy(fast_retries())
        .no_proxy()
        .build()
        .unwrap();
    let mut batch = Batch::new();
    batch.add(user("a")).unwrap();
    let error = batch.send(&small).await.unwrap_err();
    assert!(
        matches!(error, Error::BodyTooLarge { limit: 1024 }),
        "{error:?}"
    );
}
