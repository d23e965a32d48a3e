//! The device code flow (RFC 8628): the user signs in on another device
//! while the app polls.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::app::SignIn;
use super::endpoint::Endpoint;
use super::error::SignInError;
use super::refresh::UserTokens;
use super::tokens::TokenSet;
use crate::{Error, Secret};

const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// RFC 8628: without an `interval`, poll every 5 seconds; `slow_down`
/// adds 5 seconds.
const DEFAULT_INTERVAL: u64 = 5;
const SLOW_DOWN_STEP: u64 = 5;

/// What to show the user: go to `verification_uri` and enter `user_code`.
#[derive(Clone, Debug)]
pub struct DevicePrompt {
    /// The code the user types in.
    pub user_code: String,
    /// Where to type it, e.g. `https://microsoft.com/devicelogin`.
    pub verification_uri: String,
    /// The identity platform's ready-made sentence saying both.
    pub message: String,
    /// How long the code stays valid.
    pub expires_in: Duration,
}

type Prompt = Arc<dyn Fn(&DevicePrompt) + Send + Sync>;

/// The device code flow: [`DeviceCode::sign_in`] asks for a code, shows it
/// through the prompt callback (by default printed to stderr) and polls
/// the token endpoint at the `interval` the server asked for until the
/// user has signed in, declined, or the code expired.
#[derive(Clone)]
pub struct DeviceCode {
    app: SignIn,
    prompt: Prompt,
    second: Duration,
}

impl DeviceCode {
    pub(crate) fn new(app: SignIn) -> Self {
        DeviceCode {
            app,
            prompt: Arc::new(|prompt: &DevicePrompt| eprintln!("{}", prompt.message)),
            second: Duration::from_secs(1),
        }
    }

    /// Shows the prompt with `show` instead of printing it.
    pub fn on_prompt(mut self, show: impl Fn(&DevicePrompt) + Send + Sync + 'static) -> Self {
        self.prompt = Arc::new(show);
        self
    }

    /// The length of one second of the server's `interval` and
    /// `expires_in` (default one second). Tests shorten it; the rules
    /// (wait `interval` between polls, add 5 on `slow_down`) stay the same.
    pub fn time_unit(mut self, second: Duration) -> Self {
        self.second = second;
        self
    }

    /// Asks for a device code and shows the prompt.
    pub async fn start(&self) -> Result<DeviceAuthorization, SignInError> {
        let endpoint = Endpoint::new(self.app.timeout)?;
        let scope = self.app.scope_param();
        let mut form = vec![("scope", scope.as_str())];
        form.extend(self.app.client_fields());
        let secrets: Vec<&Secret> = self.app.client_secret.iter().collect();
        let url = self.app.authority.device_code_url();
        let value = endpoint
            .post(&url, &form, &secrets)
            .await?
            .map_err(|refused| SignInError::Refused {
                code: refused.code,
                description: refused.description,
            })?;
        let authorization = DeviceAuthorization::from_response(self.clone(), endpoint, &value)?;
        (self.prompt)(&authorization.prompt);
        Ok(authorization)
    }

    /// Runs the whole flow: [`DeviceCode::start`], then
    /// [`DeviceAuthorization::wait`].
    pub async fn sign_in(&self) -> Result<UserTokens, SignInError> {
        self.start().await?.wait().await
    }
}

impl fmt::Debug for DeviceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceCode")
            .field("app", &self.app)
            .field("time_unit", &self.second)
            .finish_non_exhaustive()
    }
}

/// The result of one poll.
#[derive(Debug)]
pub enum DevicePoll {
    /// `authorization_pending`: the user has not finished yet.
    Pending,
    /// `slow_down`: the interval grew by 5 seconds.
    SlowDown,
    /// The user signed in.
    SignedIn(Box<UserTokens>),
}

/// A device code being redeemed.
pub struct DeviceAuthorization {
    flow: DeviceCode,
    endpoint: Endpoint,
    device_code: Secret,
    prompt: DevicePrompt,
    interval: u64,
    expires_at: Instant,
}

impl DeviceAuthorization {
    fn from_response(flow: DeviceCode, endpoint: Endpoint, value: &Value) -> Result<Self, Error> {
        let text = |name| value.get(name).and_then(Value::as_str).map(str::to_owned);
        let number = |name| match value.get(name) {
            Some(Value::Number(n)) => n.as_u64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        let missing = |name| Error::Auth(format!("the device code answer has no {name}"));
        let device_code = text("device_code").ok_or_else(|| missing("device_code"))?;
        let user_code = text("user_code").ok_or_else(|| missing("user_code"))?;
        let verification_uri =
            text("verification_uri").ok_or_else(|| missing("verification_uri"))?;
        let expires_in = number("expires_in").unwrap_or(15 * 60);
        let message = text("message").unwrap_or_else(|| {
            format!("To sign in, open {verification_uri} and enter the code {user_code}.")
        });
        let lifetime = flow
            .second
            .saturating_mul(expires_in.min(u32::MAX.into()) as u32);
        Ok(DeviceAuthorization {
            prompt: DevicePrompt {
                user_code,
                verification_uri,
                message,
                expires_in: Duration::from_secs(expires_in),
            },
            interval: number("interval").unwrap_or(DEFAULT_INTERVAL).max(1),
            expires_at: Instant::now() + lifetime,
            device_code: Secret::new(device_code),
            endpoint,
            flow,
        })
    }

    /// What the user was shown.
    pub fn prompt(&self) -> &DevicePrompt {
        &self.prompt
    }

    /// The wait before the next poll (`interval` seconds, in the flow's
    /// time unit).
    pub fn interval(&self) -> Duration {
        self.flow
            .second
            .saturating_mul(self.interval.min(u32::MAX.into()) as u32)
    }

    /// Asks the token endpoint once whether the user has signed in.
    pub async fn poll_once(&mut self) -> Result<DevicePoll, SignInError> {
        let app = &self.flow.app;
        let mut form = vec![
            ("grant_type", GRANT_TYPE),
            ("device_code", self.device_code.expose()),
        ];
        form.extend(app.client_fields());
        let mut secrets = vec![&self.device_code];
        secrets.extend(&app.client_secret);
        let url = app.authority.token_url();
        match self.endpoint.post(&url, &form, &secrets).await? {
            Ok(value) => {
                let tokens = app.signed_in(TokenSet::from_response(&value)?)?;
                Ok(DevicePoll::SignedIn(Box::new(tokens)))
            }
            Err(refused) => match refused.code.as_str() {
                "authorization_pending" => Ok(DevicePoll::Pending),
                "slow_down" => {
                    self.interval += SLOW_DOWN_STEP;
                    Ok(DevicePoll::SlowDown)
                }
                "expired_token" | "code_expired" => Err(SignInError::Expired),
                "access_denied" | "authorization_declined" => Err(SignInError::Denied),
                _ => Err(SignInError::Refused {
                    code: refused.code,
                    description: refused.description,
                }),
            },
        }
    }

    /// Polls every [`DeviceAuthorization::interval`] until the user signed
    /// in ([`UserTokens`]), declined ([`SignInError::Denied`]) or the code
    /// expired ([`SignInError::Expired`], also when its lifetime ran out
    /// here first).
    pub async fn wait(mut self) -> Result<UserTokens, SignInError> {
        loop {
            tokio::time::sleep(self.interval()).await;
            if Instant::now() >= self.expires_at {
                return Err(SignInError::Expired);
            }
            if let DevicePoll::SignedIn(tokens) = self.poll_once().await? {
                return Ok(*tokens);
            }
        }
    }
}

impl fmt::Debug for DeviceAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceAuthorization")
            .field("prompt", &self.prompt)
            .field("device_code", &self.device_code)
            .field("interval", &self.interval)
            .finish_non_exhaustive()
    }
}
