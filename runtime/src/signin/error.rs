//! How a sign-in ends when it does not yield tokens.

use std::time::Duration;

use crate::Error;

/// A sign-in that did not complete. Messages never contain a token, code,
/// verifier or secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignInError {
    /// The device code expired before the user finished (`expired_token`).
    #[error("the device code expired before the user signed in")]
    Expired,
    /// The user declined (`access_denied`, `authorization_declined`).
    #[error("the user declined the sign-in")]
    Denied,
    /// No redirect reached the loopback listener in time.
    #[error("no sign-in redirect arrived within {0:?}")]
    TimedOut(Duration),
    /// The redirect's `state` is not the one this sign-in sent: it belongs
    /// to another sign-in or was forged, so it was refused.
    #[error("the redirect's state does not match this sign-in; it was refused")]
    StateMismatch,
    /// The redirect carries neither a `code` nor an `error`.
    #[error("the redirect carries no authorization code")]
    NoCode,
    /// The identity platform refused with another OAuth error.
    #[error("the identity platform refused the sign-in: {code}: {description}")]
    Refused {
        /// The OAuth `error` code, e.g. `invalid_grant`.
        code: String,
        /// Its `error_description`, secrets removed.
        description: String,
    },
    /// The token endpoint could not be reached or answered unreadably.
    #[error(transparent)]
    Failed(#[from] Error),
}

impl From<SignInError> for Error {
    fn from(error: SignInError) -> Self {
        match error {
            SignInError::Failed(error) => error,
            other => Error::Auth(other.to_string()),
        }
    }
}
