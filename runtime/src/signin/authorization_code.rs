//! The authorization code flow with PKCE (S256): on a loopback redirect
//! for desktop apps, or with the redirect URL handed over by the app.

use std::fmt;
use std::time::Duration;

use reqwest::Url;

use super::app::SignIn;
use super::endpoint::Endpoint;
use super::error::SignInError;
use super::loopback::Loopback;
use super::pkce::{random_text, Pkce};
use super::refresh::UserTokens;
use super::tokens::TokenSet;
use crate::{Error, Secret};

const DEFAULT_WAIT: Duration = Duration::from_secs(5 * 60);

/// The authorization code flow with PKCE.
///
/// Desktop apps call [`AuthorizationCode::sign_in_loopback`]: it listens
/// on `127.0.0.1`, hands the sign-in URL to a callback that opens the
/// browser, and redeems the code the redirect brings. Web apps and custom
/// URL schemes call [`AuthorizationCode::begin`] with their redirect URI,
/// send the user to [`PendingAuthorization::url`] and pass the URL the
/// user came back on to [`PendingAuthorization::finish`].
#[derive(Clone)]
pub struct AuthorizationCode {
    app: SignIn,
    wait: Duration,
    port: u16,
    login_hint: Option<String>,
}

impl AuthorizationCode {
    pub(crate) fn new(app: SignIn) -> Self {
        AuthorizationCode {
            app,
            wait: DEFAULT_WAIT,
            port: 0,
            login_hint: None,
        }
    }

    /// How long the loopback listener waits for the redirect (default 5 min).
    pub fn timeout(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    /// The loopback port (default: any free port; the identity platform
    /// accepts any port on a loopback redirect URI).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Prefills the account name on the sign-in page.
    pub fn login_hint(mut self, hint: impl Into<String>) -> Self {
        self.login_hint = Some(hint.into());
        self
    }

    /// Starts a sign-in that will come back to `redirect_uri`.
    pub fn begin(&self, redirect_uri: &str) -> Result<PendingAuthorization, SignInError> {
        let pkce = Pkce::new()?;
        let state = random_text(24)?;
        let mut url = Url::parse(&self.app.authority.authorize_url())
            .map_err(|e| Error::Auth(format!("the authority is not a URL: {e}")))?;
        url.query_pairs_mut()
            .append_pair("client_id", &self.app.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("response_mode", "query")
            .append_pair("scope", &self.app.scope_param())
            .append_pair("state", &state)
            .append_pair("code_challenge", &pkce.challenge)
            .append_pair("code_challenge_method", "S256");
        if let Some(hint) = &self.login_hint {
            url.query_pairs_mut().append_pair("login_hint", hint);
        }
        Ok(PendingAuthorization {
            app: self.app.clone(),
            redirect_uri: redirect_uri.to_owned(),
            state,
            pkce,
            url: url.into(),
        })
    }

    /// Signs in through the browser: listens on `127.0.0.1`, calls `open`
    /// with the sign-in URL (open a browser, or print it), waits for the
    /// redirect (at most [`AuthorizationCode::timeout`]), answers the
    /// browser with a page saying the tab may be closed, and redeems the
    /// code. A redirect with another `state` is refused.
    pub async fn sign_in_loopback(
        &self,
        open: impl FnOnce(&str),
    ) -> Result<UserTokens, SignInError> {
        let loopback = Loopback::bind(self.port).await?;
        let pending = self.begin(&loopback.redirect_uri())?;
        open(pending.url());
        let mut check = |target: &str| pending.code_from(target);
        let code = loopback.receive(self.wait, &mut check).await?;
        pending.redeem(&code).await
    }
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCode")
            .field("app", &self.app)
            .field("timeout", &self.wait)
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

/// A sign-in sent to the browser, waiting for its redirect.
pub struct PendingAuthorization {
    app: SignIn,
    redirect_uri: String,
    state: String,
    pkce: Pkce,
    url: String,
}

impl PendingAuthorization {
    /// Where to send the user.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Finishes with the URL the user was redirected to (absolute, or just
    /// its `?query` part): checks `state`, then redeems the code.
    pub async fn finish(self, redirect: &str) -> Result<UserTokens, SignInError> {
        let code = self.code_from(redirect)?;
        self.redeem(&code).await
    }

    /// The code of a redirect whose `state` is this sign-in's.
    pub(crate) fn code_from(&self, redirect: &str) -> Result<Secret, SignInError> {
        let base = Url::parse(&self.redirect_uri)
            .or_else(|_| Url::parse("http://127.0.0.1/"))
            .map_err(|e| Error::Auth(e.to_string()))?;
        let url = base
            .join(redirect)
            .map_err(|_| Error::Auth("the redirect is not a URL".into()))?;
        let param = |name: &str| {
            url.query_pairs()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
        };
        if param("state").as_deref() != Some(self.state.as_str()) {
            return Err(SignInError::StateMismatch);
        }
        if let Some(code) = param("error") {
            if code == "access_denied" {
                return Err(SignInError::Denied);
            }
            let description = param("error_description").unwrap_or_default();
            return Err(SignInError::Refused { code, description });
        }
        param("code")
            .filter(|code| !code.is_empty())
            .map(Secret::new)
            .ok_or(SignInError::NoCode)
    }

    /// Trades `code` and the verifier for tokens.
    async fn redeem(&self, code: &Secret) -> Result<UserTokens, SignInError> {
        let endpoint = Endpoint::new(self.app.timeout)?;
        let scope = self.app.scope_param();
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("code_verifier", self.pkce.verifier.expose()),
            ("scope", scope.as_str()),
        ];
        form.extend(self.app.client_fields());
        let mut secrets = vec![code, &self.pkce.verifier];
        secrets.extend(&self.app.client_secret);
        let url = self.app.authority.token_url();
        match endpoint.post(&url, &form, &secrets).await? {
            Ok(value) => Ok(self.app.signed_in(TokenSet::from_response(&value)?)?),
            Err(refused) => Err(SignInError::Refused {
                code: refused.code,
                description: refused.description,
            }),
        }
    }
}

impl fmt::Debug for PendingAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingAuthorization")
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}
