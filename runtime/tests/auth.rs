//! Client-credentials tokens against a loopback token endpoint, and the
//! absence of secrets from `Debug` output and errors.

mod support;

use std::sync::Arc;
use std::time::Duration;

use graph_runtime::http::{header::AUTHORIZATION, HeaderValue, Method};
use graph_runtime::{
    ApiVersion, Client, ClientCredentials, Error, Request, RequestPath, StaticToken, TokenProvider,
};
use serde_json::{json, Value};
use support::{fast_retries, Reply, TestServer};

const SECRET: &str = "cl1ent-s3cret~value";

fn token_reply(token: &str, expires_in: u64) -> Reply {
    Reply::json(
        200,
        json!({"token_type": "Bearer", "expires_in": expires_in, "access_token": token})
            .to_string(),
    )
}

fn credentials(login: &TestServer) -> ClientCredentials {
    ClientCredentials::new("tenant-1", "app-1", SECRET).authority(login.url())
}

fn graph_client(graph: &TestServer, provider: impl TokenProvider + 'static) -> Client {
    Client::builder()
        .base_url(graph.url())
        .token_provider(provider)
        .retry_policy(fast_retries())
        .no_proxy()
        .build()
        .unwrap()
}

fn me() -> Request<Value> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0).segment("me"),
    )
}

fn bearers(graph: &TestServer) -> Vec<String> {
    graph
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn token_is_fetched_once_and_reused() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(token_reply("tok-1", 3600));
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    let client = graph_client(&graph, credentials(&login));
    me().send(&client).await.unwrap();
    me().send(&client).await.unwrap();
    assert_eq!(bearers(&graph), ["Bearer tok-1", "Bearer tok-1"]);

    let [token_request] = login.requests().try_into().unwrap();
    assert_eq!(
        token_request.request_line,
        "POST /tenant-1/oauth2/v2.0/token HTTP/1.1"
    );
    assert_eq!(
        token_request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let expected = format!(
        "grant_type=client_credentials&client_id=app-1&client_secret=cl1ent-s3cret~value\
         &scope={}",
        "https%3A%2F%2Fgraph.microsoft.com%2F.default"
    );
    assert_eq!(token_request.body_text(), expected);
}

#[tokio::test]
async fn expired_token_is_replaced() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(token_reply("tok-1", 0));
    login.push(token_reply("tok-2", 3600));
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    let client = graph_client(&graph, credentials(&login).refresh_skew(Duration::ZERO));
    for _ in 0..3 {
        me().send(&client).await.unwrap();
    }
    assert_eq!(
        bearers(&graph),
        ["Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]
    );
    assert_eq!(login.requests().len(), 2);
}

#[tokio::test]
async fn token_is_refreshed_before_expiry() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    // Valid for four more minutes: inside the default five-minute skew.
    login.push(token_reply("tok-1", 240));
    login.push(token_reply("tok-2", 240));
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    let client = graph_client(&graph, credentials(&login));
    me().send(&client).await.unwrap();
    me().send(&client).await.unwrap();
    assert_eq!(bearers(&graph), ["Bearer tok-1", "Bearer tok-2"]);

    // With a one-minute skew the same lifetime is cached.
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(token_reply("tok-3", 240));
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    let skew = credentials(&login).refresh_skew(Duration::from_secs(60));
    let client = graph_client(&graph, skew);
    me().send(&client).await.unwrap();
    me().send(&client).await.unwrap();
    assert_eq!(bearers(&graph), ["Bearer tok-3", "Bearer tok-3"]);
}

#[tokio::test]
async fn token_expiring_in_real_time_is_refetched() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(token_reply("tok-1", 2));
    login.push(token_reply("tok-2", 3600));
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    let client = graph_client(&graph, credentials(&login).refresh_skew(Duration::ZERO));
    me().send(&client).await.unwrap();
    me().send(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    me().send(&client).await.unwrap();
    assert_eq!(
        bearers(&graph),
        ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_share_one_refresh() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(support::Step::Delay(
        Duration::from_millis(100),
        token_reply("tok-1", 3600),
    ));
    for _ in 0..8 {
        graph.push(Reply::json(200, "{}"));
    }
    let client = graph_client(&graph, credentials(&login));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { me().send(&client).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(login.requests().len(), 1);
    assert!(bearers(&graph).iter().all(|b| b == "Bearer tok-1"));
}

#[tokio::test]
async fn token_endpoint_errors_are_auth_errors_without_secrets() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let body = json!({
        "error": "invalid_client",
        "error_description": format!("AADSTS7000215: Invalid client secret provided ({SECRET})."),
    });
    login.push(Reply::json(401, body.to_string()));
    login.push(Reply::json(200, r#"{"token_type":"Bearer"}"#));
    let client = graph_client(&graph, credentials(&login));
    let error = me().send(&client).await.unwrap_err();
    let Error::Auth(message) = &error else {
        panic!("{error:?}");
    };
    assert!(message.contains("invalid_client"), "{message}");
    assert!(message.contains("AADSTS7000215"), "{message}");
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(SECRET), "{text}");
    }
    let error = me().send(&client).await.unwrap_err();
    assert!(error.to_string().contains("no access_token"), "{error}");
    assert!(
        graph.requests().is_empty(),
        "no Graph request without a token"
    );
}

#[tokio::test]
async fn unreachable_token_endpoint_is_an_auth_error() {
    let graph = TestServer::start().await;
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let creds =
        ClientCredentials::new("t", "a", SECRET).authority(format!("http://127.0.0.1:{port}"));
    let error = me().send(&graph_client(&graph, creds)).await.unwrap_err();
    assert!(matches!(error, Error::Auth(_)), "{error:?}");
    assert!(!format!("{error} {error:?}").contains(SECRET));
}

#[tokio::test]
async fn debug_output_never_shows_tokens_or_secrets() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    // Refused, replaced once, refused again: the 401 reaches the caller.
    login.push(token_reply("issued-token-xyz", 3600));
    login.push(token_reply("issued-token-xyz", 3600));
    for _ in 0..2 {
        graph.push(Reply::json(
            401,
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#,
        ));
    }
    let creds = Arc::new(credentials(&login));
    let client = graph_client(&graph, creds.clone());
    let error = me().send(&client).await.unwrap_err();
    assert_eq!(error.code(), Some("InvalidAuthenticationToken"));

    let static_token = StaticToken::new("static-token-abc");
    let static_client = Client::builder()
        .bearer_token("static-token-abc")
        .build()
        .unwrap();
    let request = me()
        .header(
            AUTHORIZATION,
            HeaderValue::from_static("Bearer static-token-abc"),
        )
        .json_body(&json!({"password": "body-secret"}));
    let outputs = [
        format!("{client:?}"),
        format!("{static_client:?}"),
        format!("{:?}", Client::builder().bearer_token("static-token-abc")),
        format!("{static_token:?}"),
        format!("{creds:?}"),
        format!("{request:?}"),
        format!("{error:?}"),
        error.to_string(),
    ];
    for output in outputs {
        for secret in [
            SECRET,
            "issued-token-xyz",
            "static-token-abc",
            "body-secret",
        ] {
            assert!(!output.contains(secret), "{secret} in {output}");
        }
    }
    assert_eq!(bearers(&graph), ["Bearer issued-token-xyz"; 2]);
}

fn unauthorized() -> Reply {
    Reply::json(
        401,
        json!({"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired or is not yet valid."}})
            .to_string(),
    )
}

#[tokio::test]
async fn a_refused_token_is_replaced_once_and_the_request_repeated() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(token_reply("tok-1", 3600));
    login.push(token_reply("tok-2", 3600));
    graph.push(unauthorized());
    graph.push(Reply::json(200, r#"{"id":"1"}"#));
    graph.push(Reply::json(200, "{}"));
    let client = graph_client(&graph, credentials(&login));
    let me_json = me().send(&client).await.unwrap();
    assert_eq!(me_json["id"], "1");
    me().send(&client).await.unwrap();
    assert_eq!(
        bearers(&graph),
        ["Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]
    );
    assert_eq!(login.requests().len(), 2);
}

#[tokio::test]
async fn a_token_refused_twice_is_the_callers_error() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(token_reply("tok-1", 3600));
    login.push(token_reply("tok-2", 3600));
    graph.push(unauthorized());
    graph.push(unauthorized());
    let client = graph_client(&graph, credentials(&login));
    let error = me().send(&client).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(bearers(&graph), ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn a_fixed_token_refused_is_not_sent_again() {
    let graph = TestServer::start().await;
    graph.push(unauthorized());
    graph.push(Reply::json(200, "{}"));
    let client = graph_client(&graph, StaticToken::new("fixed"));
    let error = me().send(&client).await.unwrap_err();
    assert!(
        matches!(&error, Error::Graph { code, .. } if code == "InvalidAuthenticationToken"),
        "{error:?}"
    );
    assert_eq!(bearers(&graph), ["Bearer fixed"]);
}

#[tokio::test]
async fn a_redirect_from_the_token_endpoint_is_not_followed() {
    let (login, elsewhere, graph) = (
        TestServer::start().await,
        TestServer::start().await,
        TestServer::start().await,
    );
    for status in [307, 308, 302] {
        login.push(
            Reply::new(status)
                .header("location", &format!("{}/steal?x=1", elsewhere.url()))
                .body("text/plain", b"redirect-body-text".to_vec()),
        );
    }
    elsewhere.push(token_reply("stolen-token", 3600));
    graph.push(Reply::json(200, "{}"));
    let client = graph_client(&graph, credentials(&login));
    for status in ["307", "308", "302"] {
        let error = me().send(&client).await.unwrap_err();
        let Error::Auth(message) = &error else {
            panic!("{error:?}");
        };
        assert!(message.contains(status), "{message}");
        assert!(message.contains(&elsewhere.url()), "{message}");
        assert!(!message.contains("redirect-body-text"), "{message}");
        assert!(!message.contains("steal"), "only the origin: {message}");
    }
    assert!(elsewhere.requests().is_empty(), "the secret went elsewhere");
    assert!(graph.requests().is_empty(), "no token, no Graph request");
}

/// A secret that form- and percent-encoding change (`+ / = & space é`).
const ODD_SECRET: &str = "s3cr+t/=&é ~x";

/// `ODD_SECRET` in every encoding an echo could carry it in.
fn odd_secret_spellings() -> Vec<String> {
    let upper = "s3cr%2Bt%2F%3D%26%C3%A9%20~x";
    vec![
        ODD_SECRET.to_owned(),
        upper.to_owned(),
        upper.to_lowercase(),
        "s3cr%2Bt%2F%3D%26%C3%A9+~x".to_owned(),
    ]
}

#[tokio::test]
async fn a_token_endpoint_that_echoes_the_request_leaks_no_secret() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let echoes: Vec<fn(&str) -> Reply> = vec![
        |body| Reply::new(400).body("text/plain", body.as_bytes().to_vec()),
        |body| {
            let described = json!({"error": "invalid_request", "error_description": body});
            Reply::json(400, described.to_string())
        },
        |body| {
            let lower = body.to_lowercase();
            let described = json!({"error": "invalid_client", "error_description": lower});
            Reply::json(401, described.to_string())
        },
        |body| {
            let plus = body.replace("%20", "+");
            let described = json!({"error": "invalid_client", "error_description": plus});
            Reply::json(401, described.to_string())
        },
        |_| {
            let described = json!({"error": "invalid_client", "error_description": ODD_SECRET});
            Reply::json(401, described.to_string())
        },
    ];
    let echoes = std::sync::Mutex::new(echoes.into_iter());
    login.fallback(move |request| {
        let echo = echoes.lock().unwrap().next().expect("one echo per request");
        echo(&request.body_text()).into()
    });
    let creds = ClientCredentials::new("tenant-1", "app-1", ODD_SECRET).authority(login.url());
    let client = graph_client(&graph, creds);
    for round in 0..5 {
        let error = me().send(&client).await.unwrap_err();
        assert!(matches!(error, Error::Auth(_)), "{round}: {error:?}");
        for text in [error.to_string(), format!("{error:?}")] {
            for spelling in odd_secret_spellings() {
                assert!(!text.contains(&spelling), "{round}: {spelling} in {text}");
            }
        }
        if round == 0 {
            assert!(!error.to_string().contains("grant_type"), "body in {error}");
        } else {
            assert!(error.to_string().contains("invalid_"), "{error}");
        }
    }
    let sent = login.requests()[0].body_text();
    assert!(sent.contains(&odd_secret_spellings()[1]), "{sent}");
    assert!(graph.requests().is_empty());
}

#[tokio::test]
async fn a_token_response_over_the_limit_is_refused() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let padding = "x".repeat(200_000);
    let body = json!({"access_token": "tok", "expires_in": 3600, "padding": padding});
    login.push(Reply::json(200, body.to_string()));
    let creds = credentials(&login).max_response_size(64 * 1024);
    let error = me().send(&graph_client(&graph, creds)).await.unwrap_err();
    let Error::Auth(message) = &error else {
        panic!("{error:?}");
    };
    assert!(message.contains("65536"), "{message}");
    assert!(graph.requests().is_empty());
}

#[tokio::test]
async fn an_endless_token_lifetime_is_cached_without_overflow() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(Reply::json(
        200,
        json!({"access_token": "tok-1", "expires_in": u64::MAX}).to_string(),
    ));
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    let client = graph_client(&graph, credentials(&login).refresh_skew(Duration::ZERO));
    me().send(&client).await.unwrap();
    me().send(&client).await.unwrap();
    assert_eq!(bearers(&graph), ["Bearer tok-1", "Bearer tok-1"]);
}
