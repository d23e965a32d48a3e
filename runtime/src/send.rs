//! Sending a request: headers, attempts, retries and status decoding.

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};

use crate::error::from_status;
use crate::prepared::Prepared;
use crate::retry::{Outcome, RetryState, TransportRetry};
use crate::transport::classify;
use crate::{
    rng, ByteStream, Client, Error, FromResponse, RawResponse, Request, RetryPolicy, Secret,
};

const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");
const RETRY_ATTEMPT: HeaderName = HeaderName::from_static("retry-attempt");

impl Client {
    /// Sends `request`, retrying as the policy says, and decodes a 2xx
    /// response with [`FromResponse`]; other statuses become
    /// [`Error::Graph`] or [`Error::Status`].
    pub async fn send<T: FromResponse>(&self, request: Request<T>) -> Result<T, Error> {
        let prepared = request.prepare(self.base_url())?;
        let response = self.execute(&prepared).await?;
        T::from_response(response)
    }

    /// Sends `prepared` with retries; returns the 2xx response.
    pub(crate) async fn execute(&self, prepared: &Prepared) -> Result<RawResponse, Error> {
        let request_id = client_request_id(&prepared.headers);
        let mut tries = Tries::new(&self.inner.retry);
        loop {
            let retry = tries.retries.retries();
            let outcome = self
                .attempt(prepared, &request_id, retry, &mut tries.auth)
                .await;
            if !self.try_again(prepared, &outcome, &mut tries).await {
                return finish(outcome, &request_id);
            }
        }
    }

    /// Sends `request` like [`Client::send`], retrying the same way, but
    /// hands back a 2xx response before reading its body, for downloads too
    /// large to hold in memory: [`ByteStream`] reads it chunk by chunk.
    pub async fn send_streaming<T>(&self, request: Request<T>) -> Result<ByteStream, Error> {
        let prepared = request.prepare(self.base_url())?;
        let request_id = client_request_id(&prepared.headers);
        let mut tries = Tries::new(&self.inner.retry);
        loop {
            let retry = tries.retries.retries();
            let exchange = self.exchange(&prepared, &request_id, retry, &mut tries.auth);
            let outcome = match exchange.await {
                Ok(response) if response.status().is_success() => {
                    return Ok(ByteStream::new(response))
                }
                Ok(response) => read_whole(response).await,
                Err(outcome) => outcome,
            };
            if !self.try_again(&prepared, &outcome, &mut tries).await {
                return Err(failure(outcome, &request_id));
            }
        }
    }

    /// Whether to send again after `outcome`: at once when a refused token
    /// was replaced, after the policy's delay when it retries; false when
    /// the outcome is final (a success, or a failure not to retry).
    async fn try_again(
        &self,
        prepared: &Prepared,
        outcome: &Outcome,
        tries: &mut Tries<'_>,
    ) -> bool {
        if self.refresh_after(outcome, &mut tries.auth).await {
            return true;
        }
        match tries.retries.next_delay(&prepared.method, outcome) {
            Some(delay) => {
                tokio::time::sleep(delay).await;
                true
            }
            None => false,
        }
    }

    /// After a `401` to a token this client sent, asks the provider (once
    /// per request) to drop it; true to try again at once with a new token.
    async fn refresh_after(&self, outcome: &Outcome, auth: &mut AuthRetry) -> bool {
        let Outcome::Response(response) = outcome else {
            return false;
        };
        if response.status != StatusCode::UNAUTHORIZED || auth.refreshed {
            return false;
        }
        let (Some(provider), Some(sent)) = (&self.inner.token, auth.sent.take()) else {
            return false;
        };
        auth.refreshed = true;
        provider.token_rejected(&sent).await
    }

    /// One attempt: a fresh token, the HTTP exchange and the whole body.
    async fn attempt(
        &self,
        prepared: &Prepared,
        request_id: &HeaderValue,
        retry: u32,
        auth: &mut AuthRetry,
    ) -> Outcome {
        match self.exchange(prepared, request_id, retry, auth).await {
            Ok(response) => read_whole(response).await,
            Err(outcome) => outcome,
        }
    }

    /// A fresh token and the HTTP exchange, up to the response headers.
    async fn exchange(
        &self,
        prepared: &Prepared,
        request_id: &HeaderValue,
        retry: u32,
        auth: &mut AuthRetry,
    ) -> Result<reqwest::Response, Outcome> {
        let headers = match self.headers_for(prepared, request_id, retry, auth).await {
            Ok(headers) => headers,
            Err(error) => {
                return Err(Outcome::Failed {
                    error,
                    retry: TransportRetry::Never,
                })
            }
        };
        let mut request = self
            .inner
            .http
            .request(prepared.method.clone(), prepared.url.as_str())
            .headers(headers);
        if !prepared.body.is_empty() {
            request = request.body(prepared.body.bytes());
        }
        request.send().await.map_err(|error| failed(&error))
    }

    async fn headers_for(
        &self,
        prepared: &Prepared,
        request_id: &HeaderValue,
        retry: u32,
        auth: &mut AuthRetry,
    ) -> Result<HeaderMap, Error> {
        let mut headers = prepared.headers.clone();
        if let Some(provider) = &self.inner.token {
            let token = provider.access_token().await?;
            headers.insert(AUTHORIZATION, bearer(&token)?);
            auth.sent = Some(token);
        }
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
        Ok(headers)
    }
}

/// The retry bookkeeping of one logical request.
struct Tries<'a> {
    retries: RetryState<'a>,
    auth: AuthRetry,
}

impl<'a> Tries<'a> {
    fn new(policy: &'a RetryPolicy) -> Self {
        Tries {
            retries: RetryState::new(policy),
            auth: AuthRetry::default(),
        }
    }
}

/// The token an attempt sent, and whether a refused token was already
/// replaced for this request.
#[derive(Default)]
struct AuthRetry {
    sent: Option<Secret>,
    refreshed: bool,
}

/// POST, PUT and PATCH without a body get an explicit `Content-Length: 0`:
/// Graph answers 411 Length Required without it.
fn needs_length(method: &Method) -> bool {
    matches!(*method, Method::POST | Method::PUT | Method::PATCH)
}

/// The caller's `client-request-id` header, else a fresh UUID v4.
fn client_request_id(headers: &HeaderMap) -> HeaderValue {
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

/// Reads the whole body of a response.
async fn read_whole(response: reqwest::Response) -> Outcome {
    let status = response.status();
    let headers = response.headers().clone();
    match response.bytes().await {
        Ok(body) => Outcome::Response(RawResponse {
            status,
            headers,
            body,
        }),
        Err(error) => failed(&error),
    }
}

fn failed(error: &reqwest::Error) -> Outcome {
    let (error, retry) = classify(error);
    Outcome::Failed { error, retry }
}

fn finish(outcome: Outcome, request_id: &HeaderValue) -> Result<RawResponse, Error> {
    match outcome {
        Outcome::Response(response) if response.status.is_success() => Ok(response),
        other => Err(failure(other, request_id)),
    }
}

/// The error for an outcome that is not a success.
fn failure(outcome: Outcome, request_id: &HeaderValue) -> Error {
    match outcome {
        Outcome::Response(response) => from_status(
            response.status,
            &response.headers,
            &response.body,
            request_id.to_str().unwrap_or(""),
        ),
        Outcome::Failed { error, .. } => error,
    }
}
