//! The authorization code flow with PKCE: the test plays the browser,
//! following the authorize URL of a loopback identity server to the
//! app's loopback redirect; the server checks the verifier.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use graph_runtime::signin::{Authority, SignIn, SignInError, Tenant};
use graph_runtime::{Cloud, TokenProvider};
use reqwest::Url;
use serde_json::json;
use support::{Recorded, Reply, Step, TestServer};

const CODE: &str = "0.AX-authorization-code";

/// What the identity server learnt from the authorize request.
#[derive(Default)]
struct Authorize {
    challenge: Option<String>,
    redirect_uri: Option<String>,
}

fn pairs(text: &str) -> Vec<(String, String)> {
    Url::parse(&format!("http://x/?{text}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn get(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// An identity server: `/authorize` redirects with [`CODE`] and the
/// request's `state`; `/token` gives tokens only for that code, the same
/// redirect URI and a verifier whose S256 is the challenge.
fn identity_server(login: &TestServer) -> Arc<Mutex<Authorize>> {
    let seen = Arc::new(Mutex::new(Authorize::default()));
    let shared = seen.clone();
    login.fallback(move |request: &Recorded| {
        let mut seen = shared.lock().unwrap();
        if request.method == "GET" {
            let query = request.target.split_once('?').map_or("", |(_, q)| q);
            let query = pairs(query);
            assert_eq!(get(&query, "code_challenge_method").as_deref(), Some("S256"));
            assert_eq!(get(&query, "response_type").as_deref(), Some("code"));
            seen.challenge = get(&query, "code_challenge");
            seen.redirect_uri = get(&query, "redirect_uri");
            let location = format!(
                "{}?code={CODE}&state={}",
                seen.redirect_uri.clone().unwrap(),
                get(&query, "state").unwrap()
            );
            return Reply::new(302).header("location", &location).into();
        }
        let form = pairs(&request.body_text());
        let verifier = get(&form, "code_verifier").unwrap_or_default();
        let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
        let valid = get(&form, "grant_type").as_deref() == Some("authorization_code")
            && get(&form, "code").as_deref() == Some(CODE)
            && get(&form, "redirect_uri") == seen.redirect_uri
            && Some(URL_SAFE_NO_PAD.encode(digest.as_ref())) == seen.challenge;
        let reply = if valid {
            json!({"access_token": "desk-access", "refresh_token": "desk-refresh", "expires_in": 3600})
        } else {
            json!({"error": "invalid_grant", "error_description": "AADSTS501481: code verifier does not match"})
        };
        Step::Reply(Reply::json(if valid { 200 } else { 400 }, reply.to_string()))
    });
    seen
}

fn app(login: &TestServer) -> SignIn {
    let authority = Authority::new(&Cloud::Global, Tenant::Common).host(login.url());
    SignIn::new(authority, "desktop-app", &["User.Read"])
}

/// The browser: follows redirects, so it lands on the app's loopback page.
fn browse(url: &str) -> tokio::task::JoinHandle<(u16, String)> {
    let url = url.to_owned();
    tokio::spawn(async move {
        let browser = reqwest::Client::builder().no_proxy().build().unwrap();
        let response = browser.get(url).send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    })
}

/// The `Location` the identity server answers `url` with.
async fn location_of(url: &str) -> String {
    let browser = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = browser.get(url).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 302);
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_loopback_redirect_brings_the_code_and_the_verifier_is_checked() {
    let login = TestServer::start().await;
    let seen = identity_server(&login);
    let mut browser = None;
    let tokens = app(&login)
        .authorization_code()
        .sign_in_loopback(|url| browser = Some(browse(url)))
        .await
        .unwrap();
    let (status, page) = browser.unwrap().await.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("You may close this tab"), "{page}");
    assert_eq!(tokens.access_token().await.unwrap().expose(), "desk-access");

    let redirect = seen.lock().unwrap().redirect_uri.clone().unwrap();
    assert!(redirect.starts_with("http://127.0.0.1:"), "{redirect}");
    let requests = login.requests();
    assert!(requests[0]
        .request_line
        .starts_with("GET /common/oauth2/v2.0/authorize?client_id=desktop-app&"));
    let query = pairs(requests[0].target.split_once('?').unwrap().1);
    assert_eq!(
        get(&query, "scope").as_deref(),
        Some("User.Read offline_access")
    );
    assert_eq!(
        requests[1].request_line,
        "POST /common/oauth2/v2.0/token HTTP/1.1"
    );
    let form = pairs(&requests[1].body_text());
    let verifier = get(&form, "code_verifier").unwrap();
    assert_eq!(verifier.len(), 43);
    assert_ne!(
        Some(verifier),
        seen.lock().unwrap().challenge,
        "S256, not plain"
    );
}

#[tokio::test]
async fn a_redirect_with_another_state_is_refused() {
    let login = TestServer::start().await;
    identity_server(&login);
    let mut browser = None;
    let flow = app(&login).authorization_code();
    let error = flow
        .sign_in_loopback(|url| {
            let url = url.to_owned();
            browser = Some(tokio::spawn(async move {
                let location = location_of(&url).await;
                let (start, _) = location.split_once("&state=").unwrap();
                let forged = format!("{start}&state=forged-state");
                let response = reqwest::Client::builder()
                    .no_proxy()
                    .build()
                    .unwrap()
                    .get(forged)
                    .send()
                    .await
                    .unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            }));
        })
        .await
        .unwrap_err();
    assert!(matches!(error, SignInError::StateMismatch), "{error:?}");
    let (status, page) = browser.unwrap().await.unwrap();
    assert_eq!(status, 400);
    assert!(
        !page.contains("forged-state") && !page.contains(CODE),
        "{page}"
    );
    assert!(
        login.requests().iter().all(|r| r.method == "GET"),
        "no code redeemed"
    );
}

#[tokio::test]
async fn other_requests_to_the_listener_do_not_end_the_sign_in() {
    let login = TestServer::start().await;
    identity_server(&login);
    let mut browser = None;
    let tokens = app(&login)
        .authorization_code()
        .sign_in_loopback(|url| {
            let url = url.to_owned();
            browser = Some(tokio::spawn(async move {
                let location = location_of(&url).await;
                let origin = location.split_once("/?").unwrap().0.to_owned();
                let plain = reqwest::Client::builder().no_proxy().build().unwrap();
                let favicon = plain.get(format!("{origin}/favicon.ico")).send().await;
                let status = favicon.unwrap().status().as_u16();
                plain.get(location).send().await.unwrap();
                status
            }));
        })
        .await
        .unwrap();
    assert_eq!(browser.unwrap().await.unwrap(), 404);
    assert_eq!(tokens.access_token().await.unwrap().expose(), "desk-access");
}

#[tokio::test]
async fn no_redirect_in_time_is_a_timeout() {
    let login = TestServer::start().await;
    identity_server(&login);
    let error = app(&login)
        .authorization_code()
        .timeout(Duration::from_millis(100))
        .sign_in_loopback(|_| {})
        .await
        .unwrap_err();
    assert!(matches!(error, SignInError::TimedOut(_)), "{error:?}");
}

#[tokio::test]
async fn a_web_app_hands_over_the_redirect_url() {
    let login = TestServer::start().await;
    let seen = identity_server(&login);
    let flow = app(&login)
        .client_secret("web-app-secret")
        .authorization_code();
    let pending = flow.begin("https://app.contoso.com/signin-oidc").unwrap();
    let location = location_of(pending.url()).await;
    assert!(location.starts_with("https://app.contoso.com/signin-oidc?code="));
    let tokens = pending.finish(&location).await.unwrap();
    assert_eq!(tokens.access_token().await.unwrap().expose(), "desk-access");
    let form = pairs(&login.requests()[1].body_text());
    assert_eq!(
        get(&form, "client_secret").as_deref(),
        Some("web-app-secret")
    );
    assert_eq!(
        seen.lock().unwrap().redirect_uri.as_deref(),
        Some("https://app.contoso.com/signin-oidc")
    );

    // Another sign-in's answer, or a forged one, is refused.
    let other = flow.begin("https://app.contoso.com/signin-oidc").unwrap();
    let error = other.finish(&location).await.unwrap_err();
    assert!(matches!(error, SignInError::StateMismatch), "{error:?}");
}

fn state_of(url: &str) -> String {
    get(&pairs(url.split_once('?').unwrap().1), "state").unwrap()
}

#[tokio::test]
async fn a_code_redeemed_with_another_verifier_is_refused_by_the_server() {
    let login = TestServer::start().await;
    identity_server(&login);
    let flow = app(&login).authorization_code();
    let (first, second) = (
        flow.begin("http://127.0.0.1:1/").unwrap(),
        flow.begin("http://127.0.0.1:1/").unwrap(),
    );
    // The code was issued for the first sign-in's challenge; the second
    // sign-in (its own state, its own verifier) cannot redeem it.
    let _ = location_of(first.url()).await;
    let intercepted = format!("/?code={CODE}&state={}", state_of(second.url()));
    let error = second.finish(&intercepted).await.unwrap_err();
    assert!(
        matches!(&error, SignInError::Refused { code, .. } if code == "invalid_grant"),
        "{error:?}"
    );
    let answer = format!("/?code={CODE}&state={}", state_of(first.url()));
    let redeemed = first.finish(&answer).await.unwrap();
    assert_eq!(
        redeemed.access_token().await.unwrap().expose(),
        "desk-access"
    );
}

#[tokio::test]
async fn a_denied_consent_is_typed() {
    let login = TestServer::start().await;
    let flow = app(&login).authorization_code();
    let pending = flow.begin("http://127.0.0.1:1/").unwrap();
    let state = state_of(pending.url());
    let redirect = format!("/?error=access_denied&error_description=declined&state={state}");
    let error = pending.finish(&redirect).await.unwrap_err();
    assert!(matches!(error, SignInError::Denied), "{error:?}");
    assert!(login.requests().is_empty());
}
