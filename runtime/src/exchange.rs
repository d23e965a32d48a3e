//! One attempt's HTTP exchange: headers, the access token, redirects.

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::prepared::Prepared;
use crate::redirect::{next_hop, Hop};
use crate::retry::Outcome;
use crate::transport::failed;
use crate::{rng, Client, Error, Secret};

const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");
const RETRY_ATTEMPT: HeaderName = HeaderName::from_static("retry-attempt");

/// The token an attempt sent, and whether a refused token was already
/// replaced for this request.
#[derive(Default)]
pub(crate) struct AuthRetry {
    pub(crate) sent: Option<Secret>,
    pub(crate) refreshed: bool,
}

impl Client {
    /// A fresh token and the HTTP exchange, through the redirects the
    /// policy follows (redirect.rs), up to the final response's headers.
    /// `auth.sent` is the token the final hop carried, if any.
    pub(crate) async fn exchange(
        &self,
        prepared: &Prepared,
        request_id: &HeaderValue,
        retry: u32,
        auth: &mut AuthRetry,
    ) -> Result<reqwest::Response, Outcome> {
        let mut hop = self
            .first_hop(prepared, request_id, retry)
            .map_err(Outcome::final_error)?;
        let token = match &self.inner.token {
            Some(_) if prepared.anonymous => None,
            Some(provider) => Some(
                provider
                    .access_token()
                    .await
                    .map_err(Outcome::final_error)?,
            ),
            None => None,
        };
        let mut hops = 0;
        loop {
            let token = token.as_ref().filter(|_| self.is_own_origin(&hop.url));
            let response = self.send_hop(&hop, token).await?;
            auth.sent = token.cloned();
            let own = |url: &reqwest::Url| self.is_own_origin(url);
            let next = next_hop(&hop, response.status(), response.headers(), own)
                .map_err(Outcome::final_error)?;
            let Some(next) = next else {
                return Ok(response);
            };
            if hops == self.inner.limits.max_redirects {
                let error = Error::Redirect(format!("more than {hops} redirects"));
                return Err(Outcome::final_error(error));
            }
            hops += 1;
            hop = next;
        }
    }

    /// Sends one hop, with the token when it goes to the client's origin.
    async fn send_hop(
        &self,
        hop: &Hop,
        token: Option<&Secret>,
    ) -> Result<reqwest::Response, Outcome> {
        let mut headers = hop.headers.clone();
        if let Some(token) = token {
            let value = bearer(token).map_err(Outcome::final_error)?;
            headers.insert(AUTHORIZATION, value);
        }
        let mut request = self
            .inner
            .http
            .request(hop.method.clone(), hop.url.clone())
            .headers(headers);
        if !hop.body.is_empty() {
            request = request.body(hop.body.bytes());
        }
        request.send().await.map_err(failed)
    }

    /// The request as first sent: its URL and headers (without the token).
    fn first_hop(
        &self,
        prepared: &Prepared,
        request_id: &HeaderValue,
        retry: u32,
    ) -> Result<Hop, Error> {
        let url = reqwest::Url::parse(&prepared.url)
            .map_err(|e| Error::InvalidRequest(format!("invalid URL: {e}")))?;
        let mut headers = prepared.headers.clone();
        headers.insert(CLIENT_REQUEST_ID, request_id.clone());
        if !headers.contains_key(ACCEPT) {
            headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        }
        if let Some(content_type) = prepared.body.content_type() {
            if !headers.contains_key(CONTENT_TYPE) {
                let value = HeaderValue::from_str(content_type)
                    .map_err(|_| Error::InvalidRequest("invalid body content type".into()))?;
                headers.insert(CONTENT_TYPE, value);
            }
        }
        if prepared.body.is_empty() && needs_length(&prepared.method) {
            headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
        }
        if retry > 0 {
            headers.insert(RETRY_ATTEMPT, HeaderValue::from(retry));
        }
        Ok(Hop {
            method: prepared.method.clone(),
            url,
            headers,
            body: prepared.body.clone(),
        })
    }
}

/// POST, PUT and PATCH without a body get an explicit `Content-Length: 0`:
/// Graph answers 411 Length Required without it.
fn needs_length(method: &Method) -> bool {
    matches!(*method, Method::POST | Method::PUT | Method::PATCH)
}

/// The caller's `client-request-id` header, else a fresh UUID v4.
pub(crate) fn client_request_id(headers: &HeaderMap) -> HeaderValue {
    match headers.get(CLIENT_REQUEST_ID) {
        Some(value) => value.clone(),
        None => HeaderValue::from_str(&rng::uuid_v4())
            .unwrap_or_else(|_| HeaderValue::from_static("00000000-0000-4000-8000-000000000000")),
    }
}

fn bearer(token: &Secret) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
        .map_err(|_| Error::Auth("the access token is not a valid header value".into()))?;
    value.set_sensitive(true);
    Ok(value)
}
