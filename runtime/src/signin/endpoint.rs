//! Form posts to the identity platform's endpoints.

use std::time::Duration;

use http::header::{ACCEPT, CONTENT_TYPE};
use http::StatusCode;
use serde_json::Value;

use crate::error::excerpt;
use crate::read::{read_limited, read_prefix, BodyError, ERROR_BODY_LIMIT};
use crate::secret::scrub;
use crate::{encode, transport, Error, Secret};

const MAX_RESPONSE_SIZE: u64 = 1024 * 1024;

/// An OAuth error answer (`error`, `error_description`), secrets removed.
#[derive(Debug)]
pub(crate) struct OAuthError {
    pub(crate) code: String,
    pub(crate) description: String,
}

/// An HTTP client for token requests: follows no redirect (the form holds
/// secrets), reads at most 1 MiB.
#[derive(Clone, Debug)]
pub(crate) struct Endpoint {
    http: reqwest::Client,
}

impl Endpoint {
    pub(crate) fn new(timeout: Duration) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Auth(format!("cannot build HTTP client: {e}")))?;
        Ok(Endpoint { http })
    }

    /// Posts `form` to `url`: the JSON of a 2xx answer, or the OAuth error
    /// of a 4xx/5xx one. Every text is scrubbed of `secrets`.
    pub(crate) async fn post(
        &self,
        url: &str,
        form: &[(&str, &str)],
        secrets: &[&Secret],
    ) -> Result<Result<Value, OAuthError>, Error> {
        let clean = |text: String| secrets.iter().fold(text, |text, s| scrub(&text, s));
        let failed = |e: reqwest::Error| {
            Error::Auth(clean(format!(
                "token request failed: {}",
                transport::message(e)
            )))
        };
        let mut response = self
            .http
            .post(url)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT, "application/json")
            .body(form_body(form))
            .send()
            .await
            .map_err(failed)?;
        let status = response.status();
        if status.is_redirection() {
            return Err(Error::Auth(format!(
                "the identity platform answered HTTP {}; token requests do not follow redirects",
                status.as_u16()
            )));
        }
        if !status.is_success() {
            let body = read_prefix(&mut response, ERROR_BODY_LIMIT)
                .await
                .map_err(failed)?;
            return oauth_error(status, &body, &clean).map(Err);
        }
        let body = read_limited(&mut response, MAX_RESPONSE_SIZE)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge => Error::Auth(format!(
                    "the token response is larger than the limit of {MAX_RESPONSE_SIZE} bytes"
                )),
                BodyError::Transport(error) => failed(error),
            })?;
        serde_json::from_slice(&body).map(Ok).map_err(|_| {
            Error::Auth("the identity platform answered with a body that is not JSON".into())
        })
    }
}

fn form_body(form: &[(&str, &str)]) -> String {
    let pairs: Vec<String> = form
        .iter()
        .map(|(name, value)| format!("{name}={}", encode::form(value)))
        .collect();
    pairs.join("&")
}

/// The OAuth error of a refusal; a body without one is an [`Error::Auth`]
/// naming the status (the body itself is never quoted).
fn oauth_error(
    status: StatusCode,
    body: &[u8],
    clean: &dyn Fn(String) -> String,
) -> Result<OAuthError, Error> {
    let value = serde_json::from_slice::<Value>(body).ok();
    let field = |name| {
        value
            .as_ref()
            .and_then(|value| value.get(name)?.as_str())
            .map(str::to_owned)
    };
    let Some(code) = field("error") else {
        return Err(Error::Auth(format!(
            "the identity platform answered HTTP {} without an OAuth error",
            status.as_u16()
        )));
    };
    let description = field("error_description").unwrap_or_default();
    Ok(OAuthError {
        code: excerpt(clean(code).as_bytes()),
        description: excerpt(clean(description).as_bytes()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_is_encoded() {
        assert_eq!(
            form_body(&[("a", "x y"), ("b", "1&2=3")]),
            "a=x%20y&b=1%262%3D3"
        );
    }
}
