//! Sending single requests against a loopback server.

mod support;

use std::time::Duration;

use graph_runtime::http::{HeaderName, HeaderValue, Method};
use graph_runtime::{ApiVersion, Binary, Error, FunctionArg, Request, RequestPath, RetryPolicy};
use serde_json::{json, Value};
use support::{client, client_with, Reply, Step, TestServer, TOKEN};

fn v1() -> RequestPath {
    RequestPath::new(ApiVersion::V1_0)
}

fn get(path: RequestPath) -> Request<Value> {
    Request::new(Method::GET, path)
}

#[derive(Debug, serde::Deserialize)]
struct User {
    id: String,
    #[serde(rename = "displayName")]
    display_name: String,
}
graph_runtime::impl_from_response_json!(User);

#[tokio::test]
async fn json_success_and_standard_headers() {
    let server = TestServer::start().await;
    server.push(Reply::json(200, r#"{"id":"1","displayName":"Adele"}"#));
    let request =
        Request::<User>::new(Method::GET, v1().segment("me")).select(&["id", "displayName"]);
    let user = request.send(&client(&server)).await.unwrap();
    assert_eq!(
        (user.id.as_str(), user.display_name.as_str()),
        ("1", "Adele")
    );

    let [seen] = server.requests().try_into().unwrap();
    assert_eq!(
        seen.request_line,
        "GET /v1.0/me?$select=id,displayName HTTP/1.1"
    );
    assert_eq!(
        seen.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(seen.header("accept"), Some("application/json"));
    let agent = format!("graph-runtime/{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(seen.header("user-agent"), Some(agent.as_str()));
    let id = seen.header("client-request-id").unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "4");
    assert_eq!(seen.header("retry-attempt"), None);
    assert_eq!(seen.header("content-type"), None);
}

#[tokio::test]
async fn no_content_and_json_body() {
    let server = TestServer::start().await;
    server.push(Reply::new(204));
    server.push(Reply::new(204));
    let client = client(&server);
    let path = v1().segment("users").key("u1");
    Request::<()>::new(Method::PATCH, path)
        .json_body(&json!({"displayName": "Zoë"}))
        .send(&client)
        .await
        .unwrap();
    let action = v1()
        .segment("users")
        .key("u1")
        .segment("revokeSignInSessions");
    let value = Request::<Value>::new(Method::POST, action)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(value, Value::Null);

    let [patch, post] = server.requests().try_into().unwrap();
    assert_eq!(patch.request_line, "PATCH /v1.0/users/u1 HTTP/1.1");
    assert_eq!(patch.header("content-type"), Some("application/json"));
    assert_eq!(patch.body_text(), r#"{"displayName":"Zoë"}"#);
    assert_eq!(post.header("content-length"), Some("0"));
    assert_eq!(post.header("content-type"), None);
}

/// The shape the generator emits for an upload (`impl Into<Vec<u8>>` then
/// `.into()` into `bytes_body`).
fn generated_style_put(
    path: RequestPath,
    bytes: impl ::core::convert::Into<::std::vec::Vec<u8>>,
    content_type: &str,
) -> ::graph_runtime::Request<::graph_runtime::Binary> {
    ::graph_runtime::Request::new(::graph_runtime::http::Method::PUT, path)
        .bytes_body(bytes.into(), content_type)
}

#[tokio::test]
async fn binary_upload_and_download() {
    let server = TestServer::start().await;
    server.push(Reply::new(200).body("image/jpeg", vec![0xff, 0xd8, 0x00]));
    server.push(Reply::json(201, r#"{"id":"f"}"#));
    let client = client(&server);
    let photo = Request::<Binary>::new(
        Method::GET,
        v1().segment("me").segment("photo").segment("$value"),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(photo.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(&photo.data[..], &[0xff, 0xd8, 0x00]);
    let upload = v1()
        .segment("me")
        .segment("drive")
        .segment("root")
        .colon_path("a.bin")
        .segment("content");
    let created = generated_style_put(upload, [1u8, 2, 3], "application/octet-stream")
        .send(&client)
        .await
        .unwrap();
    assert_eq!(created.data.as_ref(), br#"{"id":"f"}"#);
    let seen = &server.requests()[1];
    assert_eq!(
        seen.request_line,
        "PUT /v1.0/me/drive/root:/a.bin:/content HTTP/1.1"
    );
    assert_eq!(
        seen.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(seen.body, [1, 2, 3]);
}

#[tokio::test]
async fn graph_error_body() {
    let server = TestServer::start().await;
    let body = json!({"error": {
        "code": "Request_ResourceNotFound",
        "message": "Resource 'nobody' does not exist.",
        "innerError": {"date": "2024-05-01T10:00:00", "request-id": "inner-rid", "client-request-id": "inner-cid"}
    }});
    server.push(Reply::json(404, body.to_string()).header("request-id", "header-rid"));
    let error = get(v1().segment("users").key("nobody"))
        .send(&client(&server))
        .await
        .unwrap_err();
    let text = error.to_string();
    let Error::Graph {
        status,
        code,
        message,
        request_id,
        client_request_id,
        date,
        inner_error,
    } = error
    else {
        panic!("{error:?}");
    };
    assert_eq!(status.as_u16(), 404);
    assert_eq!(code, "Request_ResourceNotFound");
    assert_eq!(message, "Resource 'nobody' does not exist.");
    assert_eq!(request_id.as_deref(), Some("inner-rid"));
    assert_eq!(client_request_id, "inner-cid");
    assert_eq!(date.as_deref(), Some("2024-05-01T10:00:00"));
    assert_eq!(inner_error.unwrap()["request-id"], "inner-rid");
    assert!(
        text.starts_with("Request_ResourceNotFound: Resource 'nobody' does not exist."),
        "{text}"
    );
    assert!(text.contains("request-id inner-rid"), "{text}");
}

#[tokio::test]
async fn graph_error_uses_headers_and_sent_id() {
    let server = TestServer::start().await;
    let body =
        r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges."}}"#;
    server.push(Reply::json(403, body).header("request-id", "header-rid"));
    let error = get(v1().segment("me"))
        .send(&client(&server))
        .await
        .unwrap_err();
    let sent = server.requests()[0]
        .header("client-request-id")
        .unwrap()
        .to_owned();
    let Error::Graph {
        code,
        request_id,
        client_request_id,
        ..
    } = error
    else {
        panic!("{error:?}");
    };
    assert_eq!(code, "Authorization_RequestDenied");
    assert_eq!(request_id.as_deref(), Some("header-rid"));
    assert_eq!(client_request_id, sent);
}

#[tokio::test]
async fn status_without_graph_body() {
    let server = TestServer::start().await;
    server.push(Reply::new(500).body("text/html", b"<html>oops</html>".to_vec()));
    let error = get(v1().segment("me"))
        .send(&client(&server))
        .await
        .unwrap_err();
    let Error::Status {
        status,
        body_excerpt,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(status.as_u16(), 500);
    assert_eq!(body_excerpt, "<html>oops</html>");
    assert_eq!(server.requests().len(), 1, "500 is not retried");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let server = TestServer::start().await;
    let body = format!(r#"{{"id": "1", "displayName": {}"#, "x".repeat(400));
    server.push(Reply::json(200, body.clone()));
    let error = get(v1().segment("me"))
        .send(&client(&server))
        .await
        .unwrap_err();
    let Error::Decode { message, excerpt } = &error else {
        panic!("{error:?}");
    };
    assert!(!message.is_empty());
    assert!(
        excerpt.starts_with(r#"{"id": "1", "displayName": xxx"#),
        "{excerpt}"
    );
    assert!(excerpt.chars().count() <= 201, "{}", excerpt.len());
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = TestServer::start().await;
    server.push(Step::Delay(Duration::from_secs(5), Reply::json(200, "{}")));
    let client = graph_runtime::Client::builder()
        .base_url(server.url())
        .timeout(Duration::from_millis(200))
        .retry_policy(support::fast_retries())
        .no_proxy()
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let error = get(v1().segment("me")).send(&client).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(server.requests().len(), 1, "timeouts are not retried");
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = graph_runtime::Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(support::fast_retries().with_max_retries(2))
        .no_proxy()
        .build()
        .unwrap();
    let error = get(v1().segment("me")).send(&client).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn caller_headers_are_sent() {
    let server = TestServer::start().await;
    server.push(Reply::json(200, r#"{"value":[]}"#));
    get(v1().segment("users").segment("$count"))
        .consistency_level_eventual()
        .prefer("odata.maxpagesize=5")
        .prefer("outlook.timezone=\"UTC\"")
        .header(
            HeaderName::from_static("client-request-id"),
            HeaderValue::from_static("my-id"),
        )
        .header(
            HeaderName::from_static("accept"),
            HeaderValue::from_static("text/plain"),
        )
        .send(&client(&server))
        .await
        .unwrap();
    let seen = &server.requests()[0];
    assert_eq!(seen.header("consistencylevel"), Some("eventual"));
    assert_eq!(
        seen.header_all("prefer"),
        ["odata.maxpagesize=5", "outlook.timezone=\"UTC\""]
    );
    assert_eq!(seen.header("client-request-id"), Some("my-id"));
    assert_eq!(seen.header("accept"), Some("text/plain"));
}

/// Every path below reaches the server byte for byte as asserted.
#[tokio::test]
async fn hostile_keys_arrive_encoded() {
    let cases = [
        ("../", "/v1.0/users/..%2F/manager"),
        ("../../admin", "/v1.0/users/..%2F..%2Fadmin/manager"),
        ("a?b=c", "/v1.0/users/a%3Fb%3Dc/manager"),
        ("a#frag", "/v1.0/users/a%23frag/manager"),
        ("a/b", "/v1.0/users/a%2Fb/manager"),
        ("John Smith", "/v1.0/users/John%20Smith/manager"),
        (
            "Zoë Ünïcode",
            "/v1.0/users/Zo%C3%AB%20%C3%9Cn%C3%AFcode/manager",
        ),
        ("100%25", "/v1.0/users/100%2525/manager"),
        ("a\\b", "/v1.0/users/a%5Cb/manager"),
        (
            "o'neil@contoso.com",
            "/v1.0/users/o%27neil%40contoso.com/manager",
        ),
        ("...", "/v1.0/users/.../manager"),
    ];
    let server = TestServer::start().await;
    let client = client(&server);
    for (key, _) in &cases {
        server.push(Reply::json(200, "{}"));
        get(v1().segment("users").key(key).segment("manager"))
            .send(&client)
            .await
            .unwrap();
    }
    let expected: Vec<String> = cases
        .iter()
        .map(|(_, p)| format!("GET {p} HTTP/1.1"))
        .collect();
    assert_eq!(server.request_lines(), expected);
}

#[tokio::test]
async fn dot_keys_are_refused_before_sending() {
    let server = TestServer::start().await;
    let client = client(&server);
    for key in ["..", ".", ""] {
        let request = get(v1().segment("users").key(key).segment("manager"));
        let error = request.send(&client).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{key:?}: {error:?}"
        );
        let colon = get(v1().segment("root").colon_path(format!("a/{key}/b")));
        let result = colon.send(&client).await;
        if key.is_empty() {
            assert!(result.is_err(), "unscripted reply");
        } else {
            assert!(matches!(result, Err(Error::InvalidRequest(_))), "{key:?}");
        }
    }
    assert_eq!(server.request_lines(), ["GET /v1.0/root:/a/b: HTTP/1.1"]);
}

#[tokio::test]
async fn hostile_function_args_and_colon_paths_arrive_encoded() {
    let server = TestServer::start().await;
    let client = client(&server);
    let requests = [
        v1().segment("reports").function(
            "getTeamsUserActivityUserDetail",
            &[("period", "D7'),x=('/../#?%".into())],
        ),
        v1().segment("reports").function(
            "getEmailActivityCounts",
            &[
                ("date", FunctionArg::Raw("2021-01-01T00:00:00Z".into())),
                ("n", 5i64.into()),
            ],
        ),
        v1().segment("me")
            .segment("drive")
            .segment("root")
            .colon_path("/Docs/Q1 report#1?.docx"),
        v1().segment("drive")
            .segment("root")
            .colon_path("a:b/ü/%2F/x'y")
            .segment("children"),
        v1().segment("me")
            .segment("calendar")
            .function("allowedCalendarSharingRoles", &[("User", "a@b.c".into())]),
    ];
    for path in requests {
        server.push(Reply::json(200, "{}"));
        get(path).send(&client).await.unwrap();
    }
    assert_eq!(
        server.request_lines(),
        [
            "GET /v1.0/reports/getTeamsUserActivityUserDetail(period='D7%27%27%29%2Cx%3D%28%27%27%2F..%2F%23%3F%25') HTTP/1.1",
            "GET /v1.0/reports/getEmailActivityCounts(date=2021-01-01T00%3A00%3A00Z,n=5) HTTP/1.1",
            "GET /v1.0/me/drive/root:/Docs/Q1%20report%231%3F.docx: HTTP/1.1",
            "GET /v1.0/drive/root:/a%3Ab/%C3%BC/%252F/x%27y:/children HTTP/1.1",
            "GET /v1.0/me/calendar/allowedCalendarSharingRoles(User='a%40b.c') HTTP/1.1",
        ]
    );
}

#[tokio::test]
async fn query_options_arrive_encoded() {
    let server = TestServer::start().await;
    server.push(Reply::json(200, "{}"));
    let request = get(RequestPath::new(ApiVersion::Beta).segment("users"))
        .filter("startswith(displayName,'J&J') and mail eq 'a+b@c.d'")
        .search("\"displayName:Zoë\"")
        .orderby("displayName desc")
        .expand("manager($select=id,displayName)")
        .top(10)
        .skip(0)
        .count(true)
        .query("$skiptoken", "X%2BY=")
        .query("weird key&=", "#?");
    let url = request.url(&server.url());
    request.send(&client(&server)).await.unwrap();
    let target = "/beta/users?$filter=startswith(displayName,%27J%26J%27)%20and%20mail%20eq%20%27a%2Bb@c.d%27\
        &$search=%22displayName:Zo%C3%AB%22&$orderby=displayName%20desc\
        &$expand=manager($select%3Did,displayName)&$top=10&$skip=0&$count=true\
        &$skiptoken=X%252BY%3D&weird%20key%26%3D=%23%3F";
    assert_eq!(server.request_lines(), [format!("GET {target} HTTP/1.1")]);
    assert_eq!(url, format!("{}{target}", server.url()));
}

#[tokio::test]
async fn send_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let server = TestServer::start().await;
    server.push(Reply::json(200, "{}"));
    let client = client_with(&server, RetryPolicy::none());
    let future = get(v1().segment("me")).send(&client);
    assert_send(&future);
    future.await.unwrap();
    let client_future = client.send(get(v1().segment("me")));
    assert_send(&client_future);
    drop(client_future);
}

/// A body the size of a small download, not a repeat of one byte.
fn download_body() -> Vec<u8> {
    (0..300_000u32).map(|i| (i % 251) as u8).collect()
}

#[tokio::test]
async fn streamed_download_after_a_throttled_attempt() {
    let server = TestServer::start().await;
    server.push(
        Reply::json(
            429,
            r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#,
        )
        .header("retry-after", "0"),
    );
    server.push(Reply::new(200).body("application/octet-stream", download_body()));
    let request = Request::<Binary>::new(
        Method::GET,
        v1().segment("me").segment("photo").segment("$value"),
    );
    let body = request.send_streaming(&client(&server)).await.unwrap();
    assert_eq!(body.status().as_u16(), 200);
    assert_eq!(body.content_type(), Some("application/octet-stream"));
    assert_eq!(body.content_length(), Some(300_000));
    let mut file = Vec::new();
    let written = body.write_to(&mut file).await.unwrap();
    assert_eq!(written, 300_000);
    assert!(file == download_body(), "the streamed bytes differ");
    let lines = server.request_lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|l| l == "GET /v1.0/me/photo/$value HTTP/1.1"),
        "{lines:?}"
    );
}

#[tokio::test]
async fn streamed_chunks_collect_and_errors_come_before_the_body() {
    let server = TestServer::start().await;
    server.push(Reply::new(200).body("image/png", download_body()));
    server.push(Reply::new(200).body("image/png", b"png".to_vec()));
    server.push(Reply::json(
        404,
        r#"{"error":{"code":"itemNotFound","message":"no photo"}}"#,
    ));
    let client = client(&server);
    let request = || {
        Request::<Binary>::new(
            Method::GET,
            v1().segment("me").segment("photo").segment("$value"),
        )
    };

    let mut chunks = Box::pin(
        request()
            .send_streaming(&client)
            .await
            .unwrap()
            .into_stream(),
    );
    let mut streamed = Vec::new();
    while let Some(chunk) = futures_util::StreamExt::next(&mut chunks).await {
        streamed.extend_from_slice(&chunk.unwrap());
    }
    assert!(streamed == download_body(), "the chunks differ");

    let whole = request()
        .send_streaming(&client)
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(
        (whole.content_type.as_deref(), &whole.data[..]),
        (Some("image/png"), &b"png"[..])
    );

    let error = request().send_streaming(&client).await.unwrap_err();
    let Error::Graph { code, status, .. } = error else {
        panic!("{error:?}");
    };
    assert_eq!((code.as_str(), status.as_u16()), ("itemNotFound", 404));
}
