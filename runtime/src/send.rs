//! Sending a request: attempts within the timeout, retries, reading the
//! body within its limit, and status decoding.

use std::future::Future;
use std::time::{Duration, Instant};

use tracing::Instrument;

use http::{HeaderValue, StatusCode};

use crate::error::from_status;
use crate::exchange::{client_request_id, AuthRetry};
use crate::prepared::Prepared;
use crate::read::{read_limited, read_prefix, BodyError, ERROR_BODY_LIMIT};
use crate::retry::{Outcome, RetryState};
use crate::trace;
use crate::transport::failed;
use crate::{ByteStream, Client, Error, FromResponse, RawResponse, Request, RetryPolicy};

impl Client {
    /// Sends `request`, retrying as the policy says, and decodes a 2xx
    /// response with [`FromResponse`]; other statuses become
    /// [`Error::Graph`] or [`Error::Status`]. A body over the client's
    /// [`max_body_size`](crate::ClientBuilder::max_body_size) is
    /// [`Error::BodyTooLarge`].
    pub async fn send<T: FromResponse>(&self, request: Request<T>) -> Result<T, Error> {
        let prepared = request.prepare(self.base_url())?;
        let response = self.execute(&prepared).await?;
        T::from_response(response)
    }

    /// Sends `prepared` with retries; returns the 2xx response.
    pub(crate) async fn execute(&self, prepared: &Prepared) -> Result<RawResponse, Error> {
        let request_id = client_request_id(&prepared.headers);
        let span = trace::request_span(prepared, &request_id);
        async {
            let mut tries = Tries::new(&self.inner.retry);
            loop {
                let retry = tries.retries.retries();
                let started = Instant::now();
                let attempt = self.attempt(prepared, &request_id, retry, &mut tries.auth);
                let outcome = self
                    .in_time(attempt)
                    .await
                    .unwrap_or_else(|outcome| outcome);
                trace::attempt(&outcome, retry, started.elapsed());
                if !self.try_again(prepared, &outcome, &mut tries).await {
                    return finish(outcome, &request_id);
                }
            }
        }
        .instrument(span)
        .await
    }

    /// Sends `request` like [`Client::send`], retrying the same way, but
    /// hands back a 2xx response before reading its body, for downloads too
    /// large to hold in memory: [`ByteStream`] reads it chunk by chunk. The
    /// client's timeout ends at the response headers; the body is bounded
    /// by the idle timeout instead, so a slow but live download finishes.
    pub async fn send_streaming<T>(&self, request: Request<T>) -> Result<ByteStream, Error> {
        let prepared = request.prepare(self.base_url())?;
        let request_id = client_request_id(&prepared.headers);
        let span = trace::request_span(&prepared, &request_id);
        async {
            let mut tries = Tries::new(&self.inner.retry);
            loop {
                let retry = tries.retries.retries();
                let started = Instant::now();
                let attempt = self.stream_attempt(&prepared, &request_id, retry, &mut tries.auth);
                let outcome = match self.in_time(attempt).await {
                    Ok(Ok(stream)) => {
                        trace::streamed(&stream, retry, started.elapsed());
                        return Ok(stream);
                    }
                    Ok(Err(outcome)) | Err(outcome) => outcome,
                };
                trace::attempt(&outcome, retry, started.elapsed());
                if !self.try_again(&prepared, &outcome, &mut tries).await {
                    return Err(failure(outcome, &request_id));
                }
            }
        }
        .instrument(span)
        .await
    }

    /// Runs `attempt` within the client's timeout; `Err` with
    /// [`Error::Timeout`] when it takes longer.
    async fn in_time<F: Future>(&self, attempt: F) -> Result<F::Output, Outcome> {
        tokio::time::timeout(self.inner.limits.timeout, attempt)
            .await
            .map_err(|_| Outcome::final_error(Error::Timeout))
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
            trace::retry("the token was refused (401) and replaced", Duration::ZERO);
            return true;
        }
        match tries.retries.next_delay(&prepared.method, outcome) {
            Some(delay) => {
                trace::retry(&trace::reason(outcome), delay);
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

    /// One attempt: a fresh token, the HTTP exchange and the body.
    async fn attempt(
        &self,
        prepared: &Prepared,
        request_id: &HeaderValue,
        retry: u32,
        auth: &mut AuthRetry,
    ) -> Outcome {
        match self.exchange(prepared, request_id, retry, auth).await {
            Ok(response) => self.read_response(response).await,
            Err(outcome) => outcome,
        }
    }

    /// One streamed attempt: a 2xx response with its body unread, or the
    /// outcome of a failure (its body read like any error body).
    async fn stream_attempt(
        &self,
        prepared: &Prepared,
        request_id: &HeaderValue,
        retry: u32,
        auth: &mut AuthRetry,
    ) -> Result<ByteStream, Outcome> {
        let response = self.exchange(prepared, request_id, retry, auth).await?;
        if !response.status().is_success() {
            return Err(self.read_response(response).await);
        }
        let limits = &self.inner.limits;
        Ok(ByteStream::new(
            response,
            limits.idle_timeout,
            limits.max_body_size,
        ))
    }

    /// Reads a response's body: a 2xx body whole, within the client's
    /// limit; another body only as far as an error keeps (its start).
    async fn read_response(&self, mut response: reqwest::Response) -> Outcome {
        let status = response.status();
        let headers = response.headers().clone();
        let limit = self.inner.limits.max_body_size;
        let body = if status.is_success() {
            read_limited(&mut response, limit).await
        } else {
            let cap = usize::try_from(limit).map_or(ERROR_BODY_LIMIT, |l| l.min(ERROR_BODY_LIMIT));
            read_prefix(&mut response, cap)
                .await
                .map_err(BodyError::Transport)
        };
        match body {
            Ok(body) => Outcome::Response(RawResponse {
                status,
                headers,
                body,
            }),
            Err(BodyError::TooLarge) => Outcome::final_error(Error::BodyTooLarge { limit }),
            Err(BodyError::Transport(error)) => failed(error),
        }
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
