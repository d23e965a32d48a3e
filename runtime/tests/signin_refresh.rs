//! Refresh tokens against a loopback token server: before expiry, after a
//! 401, with rotation; the file cache; no token in errors or Debug.

mod support;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use graph_runtime::http::Method;
use graph_runtime::signin::{
    Authority, FileCache, MemoryCache, SignIn, Tenant, TokenCache, TokenSet,
};
use graph_runtime::{ApiVersion, Client, Cloud, Error, Request, RequestPath, Secret};
use serde_json::{json, Value};
use support::{fast_retries, Reply, TestServer};

fn app(login: &TestServer, cache: impl TokenCache + 'static) -> SignIn {
    let authority = Authority::new(&Cloud::Global, Tenant::Consumers).host(login.url());
    SignIn::new(authority, "cli-app", &["Mail.Read"]).cache(cache)
}

fn tokens(access: &str, refresh: Option<&str>, valid_for: Duration) -> TokenSet {
    TokenSet::new(
        access,
        refresh.map(Secret::from),
        SystemTime::now() + valid_for,
    )
}

fn token_reply(access: &str, refresh: Option<&str>) -> Reply {
    let mut body = json!({"token_type": "Bearer", "expires_in": 3600, "access_token": access});
    if let Some(refresh) = refresh {
        body["refresh_token"] = json!(refresh);
    }
    Reply::json(200, body.to_string())
}

fn graph_client(graph: &TestServer, app: &SignIn) -> Client {
    Client::builder()
        .base_url(graph.url())
        .token_provider(app.cached().expect("cached tokens"))
        .retry_policy(fast_retries())
        .no_proxy()
        .build()
        .unwrap()
}

async fn get_me(client: &Client) -> Result<Value, Error> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0).segment("me"),
    )
    .send(client)
    .await
}

fn bearers(graph: &TestServer) -> Vec<String> {
    graph
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or("").to_owned())
        .collect()
}

fn refresh_tokens_sent(login: &TestServer) -> Vec<String> {
    login
        .requests()
        .iter()
        .map(|r| {
            let body = r.body_text();
            assert!(body.starts_with("grant_type=refresh_token&"), "{body}");
            assert!(body.contains("&scope=Mail.Read%20offline_access"), "{body}");
            assert!(body.contains("&client_id=cli-app"), "{body}");
            let start = body.find("refresh_token=").unwrap() + "refresh_token=".len();
            body[start..].split('&').next().unwrap().to_owned()
        })
        .collect()
}

#[tokio::test]
async fn refreshed_before_expiry_and_rotated() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let cache = Arc::new(MemoryCache::default());
    let app = app(&login, cache.clone());
    // Valid for two more minutes: inside the five-minute skew.
    cache
        .store(
            &app.cache_key(),
            &tokens("a-0", Some("r-0"), Duration::from_secs(120)),
        )
        .unwrap();
    login.push(token_reply("a-1", Some("r-1")));
    for _ in 0..2 {
        graph.push(Reply::json(200, "{}"));
    }
    let client = graph_client(&graph, &app);
    get_me(&client).await.unwrap();
    get_me(&client).await.unwrap();
    assert_eq!(bearers(&graph), ["Bearer a-1", "Bearer a-1"]);
    assert_eq!(refresh_tokens_sent(&login), ["r-0"]);
    assert_eq!(
        login.requests()[0].request_line,
        "POST /consumers/oauth2/v2.0/token HTTP/1.1"
    );
    let kept = cache.load(&app.cache_key()).unwrap();
    assert_eq!(kept.access_token().expose(), "a-1");
    assert_eq!(kept.refresh_token().unwrap().expose(), "r-1", "rotated");
}

#[tokio::test]
async fn a_401_refreshes_once_and_repeats_the_request() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let cache = Arc::new(MemoryCache::default());
    let app = app(&login, cache.clone());
    cache
        .store(
            &app.cache_key(),
            &tokens("a-0", Some("r-0"), Duration::from_secs(3600)),
        )
        .unwrap();
    // Rotation on the first refresh, none on the second: r-1 is kept.
    login.push(token_reply("a-1", Some("r-1")));
    login.push(token_reply("a-2", None));
    graph.push(Reply::json(
        401,
        r#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed"}}"#,
    ));
    graph.push(Reply::json(200, r#"{"id":"1"}"#));
    graph.push(Reply::json(
        401,
        r#"{"error":{"code":"InvalidAuthenticationToken","message":"revoked"}}"#,
    ));
    graph.push(Reply::json(200, r#"{"id":"2"}"#));
    let client = graph_client(&graph, &app);
    assert_eq!(get_me(&client).await.unwrap()["id"], "1");
    assert_eq!(get_me(&client).await.unwrap()["id"], "2");
    assert_eq!(
        bearers(&graph),
        ["Bearer a-0", "Bearer a-1", "Bearer a-1", "Bearer a-2"]
    );
    assert_eq!(refresh_tokens_sent(&login), ["r-0", "r-1"]);
    let kept = cache.load(&app.cache_key()).unwrap();
    assert_eq!(kept.refresh_token().unwrap().expose(), "r-1");
}

#[tokio::test]
async fn without_a_refresh_token_a_401_is_the_callers() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let cache = Arc::new(MemoryCache::default());
    let app = app(&login, cache.clone());
    cache
        .store(
            &app.cache_key(),
            &tokens("a-0", None, Duration::from_secs(3600)),
        )
        .unwrap();
    graph.push(Reply::json(
        401,
        r#"{"error":{"code":"InvalidAuthenticationToken","message":"x"}}"#,
    ));
    let client = graph_client(&graph, &app);
    let error = get_me(&client).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert!(login.requests().is_empty());
    // Now expired for the provider: it asks for a new sign-in.
    let error = get_me(&client).await.unwrap_err();
    assert!(error.to_string().contains("sign in again"), "{error}");
}

#[tokio::test]
async fn a_refused_refresh_token_is_forgotten_and_never_shown() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let cache = Arc::new(MemoryCache::default());
    let app = app(&login, cache.clone());
    let refresh = "r-0+/secret=value";
    cache
        .store(
            &app.cache_key(),
            &tokens("a-0", Some(refresh), Duration::ZERO),
        )
        .unwrap();
    login.push(Reply::json(
        400,
        json!({"error": "invalid_grant",
               "error_description": format!("AADSTS700082: The refresh token has expired: {refresh} / r-0%2B%2Fsecret%3Dvalue")})
        .to_string(),
    ));
    let provider = app.cached().unwrap();
    let client = graph_client(&graph, &app);
    let error = get_me(&client).await.unwrap_err();
    let text = format!("{error} {error:?} {provider:?} {app:?} {:?}", cache);
    assert!(
        text.contains("AADSTS700082") && text.contains("sign in again"),
        "{text}"
    );
    assert!(!text.contains("r-0+/secret=value"), "{text}");
    assert!(!text.contains("r-0%2B%2Fsecret%3Dvalue"), "{text}");
    assert!(!text.contains("a-0"), "{text}");
    assert!(
        cache.load(&app.cache_key()).is_none(),
        "refused tokens are forgotten"
    );
    assert!(graph.requests().is_empty());
}

#[tokio::test]
async fn the_file_cache_is_private_atomic_and_read_by_the_next_run() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let folder = std::env::temp_dir().join(format!("graph-signin-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let path = folder.join("cli").join("tokens.json");

    let first_run = app(&login, FileCache::new(&path));
    assert!(first_run.cached().is_none(), "nothing cached yet");
    FileCache::new(&path)
        .store(
            &first_run.cache_key(),
            &tokens("a-0", Some("r-0"), Duration::ZERO),
        )
        .unwrap();
    login.push(token_reply("a-1", Some("r-1")));
    graph.push(Reply::json(200, "{}"));
    get_me(&graph_client(&graph, &first_run)).await.unwrap();

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let folder_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(folder_mode & 0o777, 0o700);
    }
    let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["tokens.json"], "no temporary file left");

    // The next run finds the rotated tokens and needs no sign-in.
    let next_run = app(&login, FileCache::new(&path));
    let kept = next_run.cached().unwrap().tokens().await;
    assert_eq!(kept.access_token().expose(), "a-1");
    assert_eq!(kept.refresh_token().unwrap().expose(), "r-1");
    graph.push(Reply::json(200, "{}"));
    get_me(&graph_client(&graph, &next_run)).await.unwrap();
    assert_eq!(login.requests().len(), 1, "a-1 is still valid");

    next_run.sign_out().unwrap();
    assert!(next_run.cached().is_none());
    std::fs::write(&path, b"{ not json").unwrap();
    assert!(
        next_run.cached().is_none(),
        "a damaged file counts as empty"
    );
    let _ = std::fs::remove_dir_all(&folder);
}
