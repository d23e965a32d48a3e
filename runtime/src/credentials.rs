//! OAuth 2.0 client-credentials token provider with caching: the app
//! proves itself with a secret or (feature `certificate`) a signed assertion.

use std::fmt;
use std::time::{Duration, Instant};

use http::header::{ACCEPT, CONTENT_TYPE};
use http::StatusCode;
use serde_json::Value;
use tokio::sync::Mutex;

use crate::auth::{BoxFuture, TokenProvider};
use crate::error::excerpt;
use crate::read::{read_limited, read_prefix, BodyError, ERROR_BODY_LIMIT};
use crate::redirect::origin;
use crate::secret::scrub;
use crate::transport;
use crate::{encode, Cloud, Error, Secret};

#[cfg(feature = "certificate")]
const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const DEFAULT_SKEW: Duration = Duration::from_secs(5 * 60);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_MAX_RESPONSE_SIZE: u64 = 1024 * 1024;
/// The longest a token is cached, whatever `expires_in` says (Entra ID
/// tokens live 60 to 90 minutes).
const MAX_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// Tokens from the Microsoft identity platform's client-credentials flow
/// (`POST {authority}/{tenant}/oauth2/v2.0/token`), for daemons and
/// services acting as themselves (application permissions). The app
/// proves its identity with a client secret ([`ClientCredentials::new`])
/// or, with the `certificate` feature, a client assertion signed by a
/// certificate's key (`ClientCredentials::with_certificate`), which the
/// identity platform recommends over secrets.
///
/// The token is cached and fetched again `refresh_skew` (default 5 minutes)
/// before it expires (at most 24 hours, whatever the endpoint says).
/// Concurrent callers share one refresh: the cache sits behind an async
/// mutex, so only one token request is in flight.
///
/// The token request never follows a redirect (the form carries the
/// secret): a 3xx is an [`Error::Auth`] naming the status and the
/// `Location`'s origin. Its response is read up to `max_response_size`
/// (default 1 MiB). Errors are built from the OAuth `error` and
/// `error_description` fields, never from the raw body, and never contain
/// the secret in any encoding the request used.
pub struct ClientCredentials {
    tenant: String,
    client_id: String,
    proof: Proof,
    authority: String,
    scope: String,
    refresh_skew: Duration,
    timeout: Duration,
    max_response_size: u64,
    state: Mutex<State>,
}

/// How the app proves who it is.
#[derive(Clone)]
enum Proof {
    Secret(Secret),
    #[cfg(feature = "certificate")]
    Certificate(crate::ClientCertificate),
}

#[derive(Default)]
struct State {
    cached: Option<Cached>,
    http: Option<reqwest::Client>,
}

struct Cached {
    token: Secret,
    refresh_at: Instant,
}

impl ClientCredentials {
    /// Credentials for `tenant` (a tenant id or domain) and an app
    /// registration, against the global cloud
    /// (scope `https://graph.microsoft.com/.default`).
    pub fn new(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        Self::with_proof(
            tenant.into(),
            client_id.into(),
            Proof::Secret(client_secret.into()),
        )
    }

    /// Credentials that prove the app's identity with a client assertion
    /// signed by `certificate` (a new one for every token request) instead
    /// of a secret.
    #[cfg(feature = "certificate")]
    pub fn with_certificate(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        certificate: crate::ClientCertificate,
    ) -> Self {
        Self::with_proof(
            tenant.into(),
            client_id.into(),
            Proof::Certificate(certificate),
        )
    }

    fn with_proof(tenant: String, client_id: String, proof: Proof) -> Self {
        let cloud = Cloud::Global;
        ClientCredentials {
            tenant,
            client_id,
            proof,
            authority: cloud.authority().to_owned(),
            scope: cloud.default_scope(),
            refresh_skew: DEFAULT_SKEW,
            timeout: DEFAULT_TIMEOUT,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            state: Mutex::new(State::default()),
        }
    }

    /// Uses the login authority and `<base>/.default` scope of `cloud`.
    pub fn cloud(mut self, cloud: &Cloud) -> Self {
        self.authority = cloud.authority().to_owned();
        self.scope = cloud.default_scope();
        self
    }

    /// Overrides the authority (e.g. a loopback server in tests).
    pub fn authority(mut self, url: impl Into<String>) -> Self {
        self.authority = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// Overrides the requested scope.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// How long before expiry a cached token is replaced (default 5 min).
    pub fn refresh_skew(mut self, skew: Duration) -> Self {
        self.refresh_skew = skew;
        self
    }

    /// The largest token response read, in bytes (default 1 MiB); a
    /// larger one is an [`Error::Auth`] naming the limit.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Timeout of one token request (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The token endpoint: `{authority}/{tenant}/oauth2/v2.0/token`.
    pub fn token_url(&self) -> String {
        format!(
            "{}/{}/oauth2/v2.0/token",
            self.authority,
            encode::segment(&self.tenant)
        )
    }

    async fn token(&self) -> Result<Secret, Error> {
        let mut state = self.state.lock().await;
        if let Some(cached) = &state.cached {
            if Instant::now() < cached.refresh_at {
                return Ok(cached.token.clone());
            }
        }
        let http = self.http_client(&mut state)?;
        let (token, lifetime) = self.fetch(&http).await?;
        let fresh_for = lifetime.min(MAX_LIFETIME).saturating_sub(self.refresh_skew);
        let refresh_at = Instant::now() + fresh_for;
        state.cached = Some(Cached {
            token: token.clone(),
            refresh_at,
        });
        Ok(token)
    }

    fn http_client(&self, state: &mut State) -> Result<reqwest::Client, Error> {
        if let Some(http) = &state.http {
            return Ok(http.clone());
        }
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Auth(format!("cannot build HTTP client: {e}")))?;
        state.http = Some(http.clone());
        Ok(http)
    }

    /// The form, and the secret in it that errors must never show (the
    /// client secret, or this request's signed assertion).
    fn form_body(&self) -> Result<(String, Secret), Error> {
        let mut fields = vec![
            ("grant_type", "client_credentials".to_owned()),
            ("client_id", self.client_id.clone()),
        ];
        let sent = match &self.proof {
            Proof::Secret(secret) => {
                fields.push(("client_secret", secret.expose().to_owned()));
                secret.clone()
            }
            #[cfg(feature = "certificate")]
            Proof::Certificate(certificate) => {
                let assertion = certificate.assertion(&self.client_id, &self.token_url())?;
                fields.push(("client_assertion_type", ASSERTION_TYPE.to_owned()));
                fields.push(("client_assertion", assertion.expose().to_owned()));
                assertion
            }
        };
        fields.push(("scope", self.scope.clone()));
        let pairs: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("{name}={}", encode::form(value)))
            .collect();
        Ok((pairs.join("&"), sent))
    }

    async fn fetch(&self, http: &reqwest::Client) -> Result<(Secret, Duration), Error> {
        let (body, sent) = self.form_body()?;
        let mut response = http
            .post(self.token_url())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| request_failed(e, &sent))?;
        let status = response.status();
        if status.is_redirection() {
            return Err(self.redirected(status, response.headers()));
        }
        if !status.is_success() {
            let body = read_prefix(&mut response, ERROR_BODY_LIMIT)
                .await
                .map_err(|e| request_failed(e, &sent))?;
            return Err(endpoint_error(status, &body, &sent));
        }
        let body = read_limited(&mut response, self.max_response_size)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge => Error::Auth(format!(
                    "the token response is larger than the limit of {} bytes",
                    self.max_response_size
                )),
                BodyError::Transport(error) => request_failed(error, &sent),
            })?;
        parse_token(&body)
    }

    /// A 3xx: not followed, since the form it would repeat holds the secret.
    fn redirected(&self, status: StatusCode, headers: &http::HeaderMap) -> Error {
        let target = headers
            .get(http::header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|location| {
                reqwest::Url::parse(&self.token_url())
                    .ok()?
                    .join(location)
                    .ok()
            })
            .map_or_else(|| "no usable Location".to_owned(), |url| origin(&url));
        Error::Auth(format!(
            "token endpoint answered HTTP {} redirecting to {target}; \
             token requests do not follow redirects",
            status.as_u16()
        ))
    }
}

fn request_failed(error: reqwest::Error, sent: &Secret) -> Error {
    let message = format!("token request failed: {}", transport::message(error));
    Error::Auth(scrub(&message, sent))
}

/// An error from the OAuth `error` and `error_description` fields of
/// the body's start; the body itself is never quoted.
fn endpoint_error(status: StatusCode, body: &[u8], sent: &Secret) -> Error {
    let value = serde_json::from_slice::<Value>(body).ok();
    let field = |name| {
        value
            .as_ref()
            .and_then(|value| value.get(name)?.as_str())
            .map(str::to_owned)
    };
    let detail = match (field("error"), field("error_description")) {
        (Some(code), Some(description)) => format!("{code}: {description}"),
        (Some(code), None) => code,
        _ => "no OAuth error in the response".to_owned(),
    };
    let message = format!("token endpoint returned HTTP {}: {detail}", status.as_u16());
    Error::Auth(excerpt(scrub(&message, sent).as_bytes()))
}

/// Reads `access_token` and `expires_in` (a number or a numeric string; a
/// missing lifetime means the token is not cached).
fn parse_token(body: &[u8]) -> Result<(Secret, Duration), Error> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| Error::Auth("token endpoint returned a body that is not JSON".into()))?;
    let token = value
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| Error::Auth("token endpoint response has no access_token".into()))?;
    let seconds = match value.get("expires_in") {
        Some(Value::Number(number)) => number.as_u64(),
        Some(Value::String(text)) => text.trim().parse().ok(),
        _ => None,
    };
    Ok((
        Secret::new(token),
        Duration::from_secs(seconds.unwrap_or(0)),
    ))
}

impl TokenProvider for ClientCredentials {
    fn access_token(&self) -> BoxFuture<'_, Result<Secret, Error>> {
        Box::pin(self.token())
    }

    /// Drops the cached token if it is the refused one (a concurrent
    /// request may already have replaced it); the next request fetches anew.
    fn token_rejected<'a>(&'a self, token: &'a Secret) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            let mut state = self.state.lock().await;
            if state
                .cached
                .as_ref()
                .is_some_and(|c| c.token.expose() == token.expose())
            {
                state.cached = None;
            }
            true
        })
    }
}

impl fmt::Debug for Proof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Proof::Secret(secret) => f.debug_tuple("Secret").field(secret).finish(),
            #[cfg(feature = "certificate")]
            Proof::Certificate(certificate) => {
                f.debug_tuple("Certificate").field(certificate).finish()
            }
        }
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("tenant", &self.tenant)
            .field("client_id", &self.client_id)
            .field("proof", &self.proof)
            .field("authority", &self.authority)
            .field("scope", &self.scope)
            .field("refresh_skew", &self.refresh_skew)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_url_and_cloud() {
        let creds =
            ClientCredentials::new("contoso.onmicrosoft.com", "id", "s").cloud(&Cloud::UsGovL4);
        assert_eq!(
            creds.token_url(),
            "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
        assert_eq!(creds.scope, "https://graph.microsoft.us/.default");
        let creds = creds.authority("http://127.0.0.1:1/");
        assert_eq!(
            creds.token_url(),
            "http://127.0.0.1:1/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
    }

    #[test]
    fn form_body_is_encoded() {
        let creds = ClientCredentials::new("t", "app id", "p&ss=word+");
        assert_eq!(
            creds.form_body().unwrap().0,
            "grant_type=client_credentials&client_id=app%20id\
             &client_secret=p%26ss%3Dword%2B\
             &scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
        );
    }

    #[test]
    fn parses_token_responses() {
        let (token, life) = parse_token(br#"{"access_token":"abc","expires_in":3599}"#).unwrap();
        assert_eq!((token.expose(), life.as_secs()), ("abc", 3599));
        let (_, life) = parse_token(br#"{"access_token":"abc","expires_in":"60"}"#).unwrap();
        assert_eq!(life.as_secs(), 60);
        let (_, life) = parse_token(br#"{"access_token":"abc"}"#).unwrap();
        assert_eq!(life.as_secs(), 0);
        assert!(parse_token(br#"{"expires_in":1}"#).is_err());
        assert!(parse_token(b"<html>").is_err());
    }

    #[test]
    fn debug_hides_secret() {
        let creds = ClientCredentials::new("t", "id", "very-secret-value");
        let debug = format!("{creds:?}");
        assert!(!debug.contains("very-secret-value"));
        assert!(debug.contains("<redacted>"));
    }
}
