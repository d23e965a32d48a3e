//! The token-provider trait and the static bearer token.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::{Error, Secret};

/// A boxed, `Send` future, used to keep [`TokenProvider`] dyn-compatible.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Supplies the bearer token sent as `Authorization: Bearer <token>`.
///
/// Called before every attempt of every request, so implementations should
/// cache. Errors should be [`Error::Auth`] and must not contain secrets.
pub trait TokenProvider: Send + Sync {
    /// Returns a currently valid access token.
    fn access_token(&self) -> BoxFuture<'_, Result<Secret, Error>>;

    /// The service answered `401 Unauthorized` to `token` (revoked, or
    /// expired earlier than announced). A provider that caches drops it and
    /// returns true, and the client tries the request once more with a
    /// fresh token; the default keeps it and returns false (a fixed token
    /// would only be refused again).
    fn token_rejected<'a>(&'a self, token: &'a Secret) -> BoxFuture<'a, bool> {
        let _ = token;
        Box::pin(async { false })
    }
}

impl<P: TokenProvider + ?Sized> TokenProvider for Arc<P> {
    fn access_token(&self) -> BoxFuture<'_, Result<Secret, Error>> {
        (**self).access_token()
    }

    fn token_rejected<'a>(&'a self, token: &'a Secret) -> BoxFuture<'a, bool> {
        (**self).token_rejected(token)
    }
}

impl<P: TokenProvider + ?Sized> TokenProvider for Box<P> {
    fn access_token(&self) -> BoxFuture<'_, Result<Secret, Error>> {
        (**self).access_token()
    }

    fn token_rejected<'a>(&'a self, token: &'a Secret) -> BoxFuture<'a, bool> {
        (**self).token_rejected(token)
    }
}

/// A fixed bearer token, e.g. one obtained elsewhere or in tests.
#[derive(Clone, Debug)]
pub struct StaticToken {
    token: Secret,
}

impl StaticToken {
    /// Uses `token` for every request.
    pub fn new(token: impl Into<Secret>) -> Self {
        StaticToken {
            token: token.into(),
        }
    }
}

impl TokenProvider for StaticToken {
    fn access_token(&self) -> BoxFuture<'_, Result<Secret, Error>> {
        let token = self.token.clone();
        Box::pin(async move { Ok(token) })
    }
}
