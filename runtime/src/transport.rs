//! Transport failures (no complete response): their error and retry class.

use crate::error::transport_message;
use crate::retry::{Outcome, TransportRetry};
use crate::Error;

/// The outcome of an attempt that failed in transport.
pub(crate) fn failed(error: reqwest::Error) -> Outcome {
    let (error, retry) = classify(error);
    Outcome::Failed { error, retry }
}

/// The error a transport failure becomes (for a body read after the retries).
pub(crate) fn transport_error(error: reqwest::Error) -> Error {
    classify(error).0
}

/// A transport failure's error, and how the request may be retried.
pub(crate) fn classify(error: reqwest::Error) -> (Error, TransportRetry) {
    let kind = (error.is_timeout(), error.is_builder(), error.is_connect());
    let message = message(error);
    match kind {
        (true, _, _) => (Error::Timeout, TransportRetry::Never),
        (_, true, _) => (Error::InvalidRequest(message), TransportRetry::Never),
        (_, _, true) => (Error::Transport(message), TransportRetry::Always),
        _ => (Error::Transport(message), TransportRetry::IfIdempotent),
    }
}

/// The message of `error` with its source chain, naming the URL without
/// its query: a redirect's query may hold a pre-authenticated token.
pub(crate) fn message(error: reqwest::Error) -> String {
    let place = error
        .url()
        .map(|url| format!(" ({}{})", url.origin().ascii_serialization(), url.path()));
    let mut message = transport_message(&error.without_url());
    message.push_str(&place.unwrap_or_default());
    message
}
