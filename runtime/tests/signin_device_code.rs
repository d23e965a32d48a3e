//! The device code flow against a token server on loopback: pending,
//! slow_down, success, and the expired and denied outcomes.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use graph_runtime::http::Method;
use graph_runtime::signin::{Authority, DevicePoll, DevicePrompt, SignIn, SignInError, Tenant};
use graph_runtime::{ApiVersion, Client, Cloud, Request, RequestPath};
use serde_json::{json, Value};
use support::{Reply, TestServer};

/// One second of the server's `interval` lasts 10 ms here.
const UNIT: Duration = Duration::from_millis(10);
const DEVICE_CODE: &str = "dev1ce-c0de~secret";

fn device_code_reply(interval: u64, expires_in: u64) -> Reply {
    Reply::json(
        200,
        json!({
            "device_code": DEVICE_CODE,
            "user_code": "F7QW-2XKP",
            "verification_uri": "https://microsoft.com/devicelogin",
            "expires_in": expires_in,
            "interval": interval,
            "message": "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code F7QW-2XKP to authenticate.",
        })
        .to_string(),
    )
}

fn oauth_error(code: &str) -> Reply {
    Reply::json(
        400,
        json!({"error": code, "error_description": format!("AADSTS70016: {code}")}).to_string(),
    )
}

fn tokens_reply() -> Reply {
    Reply::json(
        200,
        json!({"token_type": "Bearer", "scope": "User.Read Mail.Read", "expires_in": 3600,
               "access_token": "user-access-1", "refresh_token": "user-refresh-1"})
        .to_string(),
    )
}

fn app(login: &TestServer) -> SignIn {
    let authority = Authority::new(&Cloud::Global, Tenant::Organizations).host(login.url());
    SignIn::new(authority, "app-1", &["User.Read", "Mail.Read"])
}

fn form(body: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://x/?{body}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn field(body: &str, name: &str) -> Option<String> {
    form(body)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

#[tokio::test]
async fn pending_then_slow_down_then_signed_in() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    login.push(device_code_reply(2, 900));
    login.push(oauth_error("authorization_pending"));
    login.push(oauth_error("slow_down"));
    login.push(tokens_reply());
    graph.push(Reply::json(200, r#"{"displayName":"Adele"}"#));
    let shown: Arc<Mutex<Vec<DevicePrompt>>> = Arc::default();
    let seen = shown.clone();
    let flow = app(&login)
        .device_code()
        .time_unit(UNIT)
        .on_prompt(move |prompt| seen.lock().unwrap().push(prompt.clone()));

    let started = Instant::now();
    let tokens = flow.sign_in().await.unwrap();
    // Waits of 2, 2 and then 2 + 5 units: the interval and slow_down honoured.
    assert!(started.elapsed() >= UNIT * 11, "{:?}", started.elapsed());

    let [prompt] = shown.lock().unwrap().clone().try_into().unwrap();
    assert_eq!(prompt.user_code, "F7QW-2XKP");
    assert_eq!(prompt.verification_uri, "https://microsoft.com/devicelogin");
    assert_eq!(prompt.expires_in, Duration::from_secs(900));

    let requests = login.requests();
    assert_eq!(
        requests[0].request_line,
        "POST /organizations/oauth2/v2.0/devicecode HTTP/1.1"
    );
    let scope = field(&requests[0].body_text(), "scope").unwrap();
    assert_eq!(scope, "User.Read Mail.Read offline_access");
    assert_eq!(requests.len(), 4);
    for poll in &requests[1..] {
        assert_eq!(
            poll.request_line,
            "POST /organizations/oauth2/v2.0/token HTTP/1.1"
        );
        let body = poll.body_text();
        assert_eq!(
            field(&body, "grant_type").as_deref(),
            Some("urn:ietf:params:oauth:grant-type:device_code")
        );
        assert_eq!(field(&body, "device_code").as_deref(), Some(DEVICE_CODE));
        assert_eq!(field(&body, "client_id").as_deref(), Some("app-1"));
    }

    let client = Client::builder()
        .base_url(graph.url())
        .token_provider(tokens)
        .no_proxy()
        .build()
        .unwrap();
    let me: Value = Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0).segment("me"),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(me["displayName"], "Adele");
    assert_eq!(
        graph.requests()[0].header("authorization"),
        Some("Bearer user-access-1")
    );
}

#[tokio::test]
async fn each_poll_outcome_is_typed_and_slow_down_widens_the_interval() {
    let login = TestServer::start().await;
    login.push(device_code_reply(3, 900));
    login.push(oauth_error("authorization_pending"));
    login.push(oauth_error("slow_down"));
    login.push(oauth_error("slow_down"));
    login.push(tokens_reply());
    let flow = app(&login).device_code().time_unit(UNIT).on_prompt(|_| {});
    let mut pending = flow.start().await.unwrap();
    assert_eq!(pending.interval(), UNIT * 3);
    assert!(matches!(pending.poll_once().await, Ok(DevicePoll::Pending)));
    assert_eq!(pending.interval(), UNIT * 3);
    assert!(matches!(
        pending.poll_once().await,
        Ok(DevicePoll::SlowDown)
    ));
    assert_eq!(pending.interval(), UNIT * 8);
    assert!(matches!(
        pending.poll_once().await,
        Ok(DevicePoll::SlowDown)
    ));
    assert_eq!(pending.interval(), UNIT * 13);
    let Ok(DevicePoll::SignedIn(tokens)) = pending.poll_once().await else {
        panic!("signed in expected");
    };
    let set = tokens.tokens().await;
    assert_eq!(set.access_token().expose(), "user-access-1");
    assert_eq!(set.refresh_token().unwrap().expose(), "user-refresh-1");
}

#[tokio::test]
async fn an_expired_code_ends_the_flow() {
    let login = TestServer::start().await;
    login.push(device_code_reply(1, 900));
    login.push(oauth_error("authorization_pending"));
    login.push(oauth_error("expired_token"));
    let flow = app(&login).device_code().time_unit(UNIT).on_prompt(|_| {});
    let error = flow.sign_in().await.unwrap_err();
    assert!(matches!(error, SignInError::Expired), "{error:?}");
    assert_eq!(login.requests().len(), 3);
}

#[tokio::test]
async fn a_code_past_its_lifetime_is_not_polled_further() {
    let login = TestServer::start().await;
    login.push(device_code_reply(1, 30));
    login.fallback(|_| oauth_error("authorization_pending").into());
    let flow = app(&login).device_code().time_unit(UNIT).on_prompt(|_| {});
    let error = flow.sign_in().await.unwrap_err();
    assert!(matches!(error, SignInError::Expired), "{error:?}");
    // At most one poll per interval within the code's 30 units.
    let polls = login.requests().len() - 1;
    assert!((1..=30).contains(&polls), "{polls} polls in 30 units");
}

#[tokio::test]
async fn a_declined_sign_in_is_denied() {
    let login = TestServer::start().await;
    login.push(device_code_reply(1, 900));
    login.push(oauth_error("authorization_pending"));
    login.push(oauth_error("access_denied"));
    let flow = app(&login).device_code().time_unit(UNIT).on_prompt(|_| {});
    let error = flow.sign_in().await.unwrap_err();
    assert!(matches!(error, SignInError::Denied), "{error:?}");
    let as_runtime_error: graph_runtime::Error = error.into();
    assert!(matches!(as_runtime_error, graph_runtime::Error::Auth(_)));
}

#[tokio::test]
async fn other_refusals_name_the_oauth_error_without_the_device_code() {
    let login = TestServer::start().await;
    login.push(device_code_reply(1, 900));
    login.push(Reply::json(
        400,
        json!({"error": "bad_verification_code",
               "error_description": format!("code {DEVICE_CODE} unknown")})
        .to_string(),
    ));
    let flow = app(&login).device_code().time_unit(UNIT).on_prompt(|_| {});
    let error = flow.sign_in().await.unwrap_err();
    let SignInError::Refused { code, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(code, "bad_verification_code");
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(DEVICE_CODE), "{text}");
    }
}

#[tokio::test]
async fn a_refused_device_code_request_is_typed() {
    let login = TestServer::start().await;
    login.push(Reply::json(
        400,
        json!({"error": "invalid_client", "error_description": "AADSTS7000218: public client flows are off"}).to_string(),
    ));
    let flow = app(&login)
        .device_code()
        .on_prompt(|_| panic!("nothing to show"));
    let error = flow.start().await.unwrap_err();
    assert!(
        matches!(&error, SignInError::Refused { code, description }
            if code == "invalid_client" && description.contains("AADSTS7000218")),
        "{error:?}"
    );
}
