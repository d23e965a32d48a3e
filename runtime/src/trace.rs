//! `tracing` spans and events of each request: what was asked (method,
//! path template, client-request-id), each attempt (number, status,
//! request-id, duration) and each retry (reason, wait). Never a URL (a
//! query or an upload URL may be pre-authenticated), a header value other
//! than the ids, a body or a token.

use std::time::Duration;

use http::HeaderValue;
use tracing::Span;

use crate::prepared::Prepared;
use crate::retry::Outcome;
use crate::ByteStream;

/// The span of one logical request (all its attempts).
pub(crate) fn request_span(prepared: &Prepared, client_request_id: &HeaderValue) -> Span {
    tracing::info_span!(
        "graph.request",
        method = %prepared.method,
        path = %prepared.label,
        client_request_id = client_request_id.to_str().unwrap_or_default(),
    )
}

/// One attempt's outcome.
pub(crate) fn attempt(outcome: &Outcome, retry: u32, took: Duration) {
    let attempt = retry + 1;
    let duration_ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
    match outcome {
        Outcome::Response(response) => {
            let request_id = response
                .headers
                .get("request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            tracing::info!(
                attempt,
                status = response.status.as_u16(),
                request_id,
                duration_ms,
                "graph.response"
            );
        }
        Outcome::Failed { error, .. } => {
            tracing::info!(attempt, error = %error, duration_ms, "graph.failure");
        }
    }
}

/// A streamed attempt's success (its body still to read).
pub(crate) fn streamed(stream: &ByteStream, retry: u32, took: Duration) {
    let request_id = stream
        .headers()
        .get("request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info!(
        attempt = retry + 1,
        status = stream.status().as_u16(),
        request_id,
        duration_ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
        "graph.response"
    );
}

/// A retry about to happen after `delay`.
pub(crate) fn retry(reason: &str, delay: Duration) {
    let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
    tracing::info!(reason, delay_ms, "graph.retry");
}

/// Why `outcome` is retried, in words.
pub(crate) fn reason(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Response(response) => match response.status.as_u16() {
            429 => "throttled (429)".into(),
            status => format!("unavailable ({status})"),
        },
        Outcome::Failed { error, .. } => format!("transport: {error}"),
    }
}
