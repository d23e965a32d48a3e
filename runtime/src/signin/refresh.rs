//! The signed-in user's tokens as a [`TokenProvider`]: refreshed before
//! they expire and after a `401`, refresh tokens rotated.

use std::fmt;

use tokio::sync::Mutex;

use super::app::SignIn;
use super::endpoint::Endpoint;
use super::tokens::TokenSet;
use crate::auth::{BoxFuture, TokenProvider};
use crate::{Error, Secret};

/// A signed-in user's tokens. The access token is used until
/// `refresh_skew` before it expires, then replaced through the refresh
/// token (`grant_type=refresh_token`); a new refresh token in the answer
/// replaces the old one. After a `401` the access token is dropped and
/// refreshed once. Every new set goes to the [`SignIn`]'s cache.
///
/// Concurrent callers share one refresh. A refused refresh token
/// (`invalid_grant`: revoked, expired, password changed) is removed from
/// the cache and reported as an [`Error::Auth`] asking to sign in again.
pub struct UserTokens {
    app: SignIn,
    state: Mutex<State>,
}

struct State {
    tokens: TokenSet,
    endpoint: Option<Endpoint>,
}

impl UserTokens {
    pub(crate) fn resume(app: SignIn, tokens: TokenSet) -> Self {
        UserTokens {
            app,
            state: Mutex::new(State {
                tokens,
                endpoint: None,
            }),
        }
    }

    /// The current tokens (for an app that keeps them itself).
    pub async fn tokens(&self) -> TokenSet {
        self.state.lock().await.tokens.clone()
    }

    async fn token(&self) -> Result<Secret, Error> {
        let mut state = self.state.lock().await;
        if state.tokens.fresh_for(self.app.refresh_skew) {
            return Ok(state.tokens.access_token().clone());
        }
        let Some(refresh_token) = state.tokens.refresh_token().cloned() else {
            return Err(Error::Auth(
                "the access token expired and there is no refresh token: sign in again".into(),
            ));
        };
        let endpoint = match &state.endpoint {
            Some(endpoint) => endpoint.clone(),
            None => Endpoint::new(self.app.timeout)?,
        };
        state.endpoint = Some(endpoint.clone());
        let fresh = self.redeem(&endpoint, &refresh_token).await?;
        let fresh = fresh.keep_refresh_token(Some(&refresh_token));
        self.app.cache.store(&self.app.cache_key(), &fresh)?;
        state.tokens = fresh;
        Ok(state.tokens.access_token().clone())
    }

    async fn redeem(&self, endpoint: &Endpoint, refresh_token: &Secret) -> Result<TokenSet, Error> {
        let scope = self.app.scope_param();
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
            ("scope", scope.as_str()),
        ];
        form.extend(self.app.client_fields());
        let mut secrets = vec![refresh_token];
        secrets.extend(&self.app.client_secret);
        let url = self.app.authority.token_url();
        match endpoint.post(&url, &form, &secrets).await? {
            Ok(value) => TokenSet::from_response(&value),
            Err(refused) => {
                if refused.code == "invalid_grant" {
                    // Best effort: a cache that cannot forget is not the
                    // error the caller needs to see.
                    let _ = self.app.cache.remove(&self.app.cache_key());
                }
                Err(Error::Auth(format!(
                    "the refresh token was refused ({}: {}): sign in again",
                    refused.code, refused.description
                )))
            }
        }
    }
}

impl TokenProvider for UserTokens {
    fn access_token(&self) -> BoxFuture<'_, Result<Secret, Error>> {
        Box::pin(self.token())
    }

    /// Marks the refused access token expired (if it is still the current
    /// one); with a refresh token the request is tried once more.
    fn token_rejected<'a>(&'a self, token: &'a Secret) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            let mut state = self.state.lock().await;
            if state.tokens.access_token().expose() == token.expose() {
                state.tokens = state.tokens.clone().expired();
            }
            state.tokens.refresh_token().is_some()
        })
    }
}

impl fmt::Debug for UserTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserTokens")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}
