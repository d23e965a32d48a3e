//! The app registration a user signs in to, and where its tokens are kept.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::authority::Authority;
use super::authorization_code::AuthorizationCode;
use super::cache::{MemoryCache, TokenCache};
use super::device_code::DeviceCode;
use super::refresh::UserTokens;
use super::tokens::TokenSet;
use crate::Secret;

const DEFAULT_SKEW: Duration = Duration::from_secs(5 * 60);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A public client (desktop app, CLI) or, with
/// [`SignIn::client_secret`], a confidential one (web app) that signs
/// users in to `authority` and asks for `scopes`.
///
/// `offline_access` is always requested, so the sign-in yields a refresh
/// token. Tokens go to the [`TokenCache`] (in memory unless
/// [`SignIn::cache`] says otherwise).
#[derive(Clone)]
pub struct SignIn {
    pub(crate) authority: Authority,
    pub(crate) client_id: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) client_secret: Option<Secret>,
    pub(crate) cache: Arc<dyn TokenCache>,
    pub(crate) refresh_skew: Duration,
    pub(crate) timeout: Duration,
}

impl SignIn {
    /// Sign-in for the app registration `client_id`, asking for `scopes`
    /// (e.g. `["User.Read", "Mail.Read"]`; see
    /// [`super::graph_scopes`] for national clouds).
    pub fn new(authority: Authority, client_id: impl Into<String>, scopes: &[&str]) -> Self {
        SignIn {
            authority,
            client_id: client_id.into(),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            client_secret: None,
            cache: Arc::new(MemoryCache::default()),
            refresh_skew: DEFAULT_SKEW,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// A confidential client (web app): the secret goes with every code
    /// redemption and refresh.
    pub fn client_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// Keeps tokens in `cache` (e.g. a [`super::FileCache`]).
    pub fn cache(mut self, cache: impl TokenCache + 'static) -> Self {
        self.cache = Arc::new(cache);
        self
    }

    /// How long before expiry the access token is refreshed (default 5 min).
    pub fn refresh_skew(mut self, skew: Duration) -> Self {
        self.refresh_skew = skew;
        self
    }

    /// Timeout of one request to the identity platform (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The device code flow, for CLIs and devices without a browser.
    pub fn device_code(&self) -> DeviceCode {
        DeviceCode::new(self.clone())
    }

    /// The authorization code flow with PKCE, for desktop and web apps.
    pub fn authorization_code(&self) -> AuthorizationCode {
        AuthorizationCode::new(self.clone())
    }

    /// The tokens an earlier sign-in left in the cache, if they include a
    /// refresh token or a still valid access token.
    pub fn cached(&self) -> Option<UserTokens> {
        let tokens = self.cache.load(&self.cache_key())?;
        let usable = tokens.refresh_token().is_some() || tokens.fresh_for(self.refresh_skew);
        usable.then(|| UserTokens::resume(self.clone(), tokens))
    }

    /// Signs out: forgets the cached tokens.
    pub fn sign_out(&self) -> Result<(), crate::Error> {
        self.cache.remove(&self.cache_key())
    }

    /// The `scope` parameter: the scopes and `offline_access`.
    pub(crate) fn scope_param(&self) -> String {
        let mut scopes = self.scopes.clone();
        if !scopes.iter().any(|s| s == "offline_access") {
            scopes.push("offline_access".to_owned());
        }
        scopes.join(" ")
    }

    /// The key of this app's tokens in the [`TokenCache`]: one entry per
    /// token endpoint, app and scope set.
    pub fn cache_key(&self) -> String {
        format!(
            "{} {} {}",
            self.authority.token_url(),
            self.client_id,
            self.scope_param()
        )
    }

    /// Keeps `tokens` and hands out the provider that refreshes them.
    pub(crate) fn signed_in(&self, tokens: TokenSet) -> Result<UserTokens, crate::Error> {
        self.cache.store(&self.cache_key(), &tokens)?;
        Ok(UserTokens::resume(self.clone(), tokens))
    }

    /// The client's own form fields: `client_id` and, for a confidential
    /// client, `client_secret`.
    pub(crate) fn client_fields(&self) -> Vec<(&'static str, &str)> {
        let mut fields = vec![("client_id", self.client_id.as_str())];
        if let Some(secret) = &self.client_secret {
            fields.push(("client_secret", secret.expose()));
        }
        fields
    }
}

impl fmt::Debug for SignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignIn")
            .field("authority", &self.authority)
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .field("client_secret", &self.client_secret)
            .field("refresh_skew", &self.refresh_skew)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}
