//! Client credentials on a certificate: the loopback token server checks
//! each client assertion with the certificate's public key (signature,
//! `aud`, `iss`, `sub`, `exp`, `jti`, `x5t#S256`). The key and the
//! self-signed certificate under tests/fixtures/signin are test-only.

mod support;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use graph_runtime::http::Method;
use graph_runtime::{
    ApiVersion, AssertionAlgorithm, Client, ClientCertificate, ClientCredentials, Error, Request,
    RequestPath,
};
use reqwest::Url;
use ring::signature::{self, UnparsedPublicKey};
use serde_json::{json, Value};
use support::{fast_retries, Recorded, Reply, Step, TestServer};

const KEY: &str = include_str!("fixtures/signin/test-only-key.pem");
const KEY_PKCS1: &str = include_str!("fixtures/signin/test-only-key-pkcs1.pem");
const CERT: &str = include_str!("fixtures/signin/test-only-cert.pem");
const PUBLIC_KEY: &[u8] = include_bytes!("fixtures/signin/test-only-public-key.der");
/// `openssl x509 -in test-only-cert.pem -outform DER | openssl dgst -sha256
/// -binary | base64`, base64url without padding.
const X5T_S256: &str = "S_lg215g3Bz__Idiopxk_r05n-O0_sK7AOPWDw3CQRs";
const CLIENT_ID: &str = "daemon-app-7";

fn form(body: &str) -> Vec<(String, String)> {
    Url::parse(&format!("http://x/?{body}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn field(form: &[(String, String)], name: &str) -> Option<String> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

fn decode(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

/// Checks `assertion` as the identity platform does; `Err` says why not.
fn verify(assertion: &str, audience: &str, jtis: &mut HashSet<String>) -> Result<(), String> {
    let parts: Vec<&str> = assertion.split('.').collect();
    let [header, claims, signature] = parts[..] else {
        return Err("not three parts".into());
    };
    let (header_json, claims_json) = (decode(header), decode(claims));
    let algorithm: &dyn signature::VerificationAlgorithm = match header_json["alg"].as_str() {
        Some("PS256") => &signature::RSA_PSS_2048_8192_SHA256,
        Some("RS256") => &signature::RSA_PKCS1_2048_8192_SHA256,
        other => return Err(format!("alg {other:?}")),
    };
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|e| e.to_string())?;
    UnparsedPublicKey::new(algorithm, PUBLIC_KEY)
        .verify(format!("{header}.{claims}").as_bytes(), &signature)
        .map_err(|_| "bad signature".to_owned())?;
    if header_json["x5t#S256"] != X5T_S256 || header_json["typ"] != "JWT" {
        return Err(format!("header {header_json}"));
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let exp = claims_json["exp"].as_u64().ok_or("no exp")?;
    let nbf = claims_json["nbf"].as_u64().ok_or("no nbf")?;
    if exp <= now || exp > now + 10 * 60 || nbf > now + 1 {
        return Err(format!("lifetime nbf {nbf} exp {exp} now {now}"));
    }
    if claims_json["aud"] != audience
        || claims_json["iss"] != CLIENT_ID
        || claims_json["sub"] != CLIENT_ID
    {
        return Err(format!("claims {claims_json}"));
    }
    let jti = claims_json["jti"].as_str().ok_or("no jti")?;
    if !jtis.insert(jti.to_owned()) {
        return Err("jti replayed".into());
    }
    Ok(())
}

/// A token server that accepts only valid assertions; it records them.
fn token_server(login: &TestServer) -> Arc<Mutex<Vec<String>>> {
    let assertions = Arc::new(Mutex::new(Vec::new()));
    let seen = assertions.clone();
    let audience = format!("{}/tenant-9/oauth2/v2.0/token", login.url());
    let jtis = Mutex::new(HashSet::new());
    login.fallback(move |request: &Recorded| {
        let form = form(&request.body_text());
        let assertion = field(&form, "client_assertion").unwrap_or_default();
        seen.lock().unwrap().push(assertion.clone());
        let checked = if field(&form, "client_assertion_type").as_deref()
            != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            || field(&form, "client_secret").is_some()
        {
            Err("assertion type".to_owned())
        } else {
            verify(&assertion, &audience, &mut jtis.lock().unwrap())
        };
        let reply = match checked {
            Ok(()) => Reply::json(
                200,
                json!({"access_token": "app-token", "expires_in": 0}).to_string(),
            ),
            Err(why) => Reply::json(
                401,
                json!({"error": "invalid_client", "error_description": format!("AADSTS700027: {why}; got {assertion}")})
                    .to_string(),
            ),
        };
        Step::Reply(reply)
    });
    assertions
}

fn graph_client(graph: &TestServer, credentials: ClientCredentials) -> Client {
    Client::builder()
        .base_url(graph.url())
        .token_provider(credentials)
        .retry_policy(fast_retries())
        .no_proxy()
        .build()
        .unwrap()
}

async fn list_users(client: &Client) -> Result<Value, Error> {
    Request::new(
        Method::GET,
        RequestPath::new(ApiVersion::V1_0).segment("users"),
    )
    .send(client)
    .await
}

async fn two_token_requests(certificate: ClientCertificate) -> Vec<String> {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let assertions = token_server(&login);
    graph.push(Reply::json(200, "{}"));
    graph.push(Reply::json(200, "{}"));
    let credentials = ClientCredentials::with_certificate("tenant-9", CLIENT_ID, certificate)
        .authority(login.url())
        .refresh_skew(Duration::ZERO);
    let client = graph_client(&graph, credentials);
    // expires_in 0: every request fetches a token with a new assertion.
    list_users(&client).await.unwrap();
    list_users(&client).await.unwrap();
    let bearers: Vec<_> = graph
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(bearers, ["Bearer app-token", "Bearer app-token"]);
    let assertions = assertions.lock().unwrap().clone();
    assert_eq!(assertions.len(), 2);
    assertions
}

#[tokio::test]
async fn ps256_assertions_are_verified_by_the_server_and_never_reused() {
    let certificate = ClientCertificate::from_pem(KEY, CERT).unwrap();
    assert_eq!(certificate.thumbprint_sha256(), X5T_S256);
    let assertions = two_token_requests(certificate).await;
    assert_ne!(assertions[0], assertions[1]);
    assert_eq!(
        decode(assertions[0].split('.').next().unwrap())["alg"],
        "PS256"
    );
}

#[tokio::test]
async fn rs256_and_pkcs1_keys_work_too() {
    let certificate = ClientCertificate::from_pem(KEY_PKCS1, CERT)
        .unwrap()
        .algorithm(AssertionAlgorithm::Rs256);
    let assertions = two_token_requests(certificate).await;
    assert_eq!(
        decode(assertions[1].split('.').next().unwrap())["alg"],
        "RS256"
    );
}

#[test]
fn the_server_check_refuses_tampered_expired_and_replayed_assertions() {
    let certificate = ClientCertificate::from_pem(KEY, CERT).unwrap();
    let audience = "http://127.0.0.1:1/tenant-9/oauth2/v2.0/token";
    let mut jtis = HashSet::new();
    let good = certificate.assertion(CLIENT_ID, audience).unwrap();
    let good = good.expose();
    let (signed, signature) = good.rsplit_once('.').unwrap();
    let mut bytes = URL_SAFE_NO_PAD.decode(signature).unwrap();
    bytes[0] ^= 1;
    let tampered = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(bytes));
    assert_eq!(
        verify(&tampered, audience, &mut jtis).unwrap_err(),
        "bad signature"
    );
    assert!(verify(good, "http://elsewhere/token", &mut jtis).is_err());
    verify(good, audience, &mut jtis).unwrap();
    assert_eq!(
        verify(good, audience, &mut jtis).unwrap_err(),
        "jti replayed"
    );
    let other_app = certificate.assertion("other-app", audience).unwrap();
    assert!(verify(other_app.expose(), audience, &mut jtis).is_err());
    let expired = certificate
        .clone()
        .assertion_lifetime(Duration::ZERO)
        .assertion(CLIENT_ID, audience)
        .unwrap();
    assert!(verify(expired.expose(), audience, &mut jtis)
        .unwrap_err()
        .starts_with("lifetime"));
}

#[tokio::test]
async fn a_refusal_quoting_the_assertion_does_not_show_it() {
    let (login, graph) = (TestServer::start().await, TestServer::start().await);
    let assertions = token_server(&login);
    let certificate = ClientCertificate::from_pem(KEY, CERT)
        .unwrap()
        .assertion_lifetime(Duration::ZERO);
    let credentials = ClientCredentials::with_certificate("tenant-9", CLIENT_ID, certificate)
        .authority(login.url());
    let debug = format!("{credentials:?}");
    let client = graph_client(&graph, credentials);
    let error = list_users(&client).await.unwrap_err();
    let text = format!("{error} {error:?} {debug}");
    assert!(text.contains("AADSTS700027: lifetime"), "{text}");
    let sent = assertions.lock().unwrap()[0].clone();
    let signature = sent.rsplit('.').next().unwrap();
    assert!(!text.contains(signature), "{text}");
    assert!(
        !text.contains("PRIVATE KEY") && debug.contains(X5T_S256),
        "{debug}"
    );
    assert!(graph.requests().is_empty());
}

#[test]
fn a_certificate_for_another_key_is_refused() {
    let other_cert =
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJ2uZ\n-----END CERTIFICATE-----\n";
    let error = ClientCertificate::from_pem(KEY, other_cert).unwrap_err();
    assert!(error.to_string().contains("does not hold"), "{error}");
    let error = ClientCertificate::from_pem(KEY, "no pem here").unwrap_err();
    assert!(error.to_string().contains("no CERTIFICATE"), "{error}");
}
