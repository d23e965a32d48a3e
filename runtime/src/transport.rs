//! Transport failures (no complete response): their error and retry class.

use crate::error::transport_message;
use crate::retry::TransportRetry;
use crate::Error;

/// The error a transport failure becomes (for a body read after the retries).
pub(crate) fn transport_error(error: &reqwest::Error) -> Error {
    classify(error).0
}

/// A transport failure's error, and how the request may be retried.
pub(crate) fn classify(error: &reqwest::Error) -> (Error, TransportRetry) {
    let message = transport_message(error);
    if error.is_timeout() {
        (Error::Timeout, TransportRetry::Never)
    } else if error.is_builder() {
        (Error::InvalidRequest(message), TransportRetry::Never)
    } else if error.is_connect() {
        (Error::Transport(message), TransportRetry::Always)
    } else {
        (Error::Transport(message), TransportRetry::IfIdempotent)
    }
}
