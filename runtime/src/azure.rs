//! Any Azure Identity credential (`azure_core::credentials::TokenCredential`:
//! managed identity, workload identity, Azure CLI, developer tools, ...) as
//! a [`TokenProvider`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use azure_core::credentials::TokenCredential;
use tokio::sync::Mutex;

use crate::auth::{BoxFuture, TokenProvider};
use crate::{Cloud, Error, Secret};

const DEFAULT_SKEW: Duration = Duration::from_secs(5 * 60);

/// Tokens from an `azure_core` [`TokenCredential`] for Microsoft Graph.
///
/// Asks for the `<graph base URL>/.default` scope of the client's
/// [`Cloud`] (so a service in the US Government cloud gets a token for
/// `https://graph.microsoft.us`), keeps the token until `refresh_skew`
/// (default 5 minutes) before its `expires_on`, and drops it after a
/// `401`. The credential does the rest (its own caching, retries, the
/// managed identity endpoint, the CLI process ...).
///
/// ```no_run
/// # async fn run(credential: std::sync::Arc<dyn azure_core::credentials::TokenCredential>)
/// # -> Result<(), graph_runtime::Error> {
/// use graph_runtime::{AzureCredential, Client, Cloud};
/// // e.g. azure_identity::ManagedIdentityCredential::new(None)?
/// let cloud = Cloud::Global;
/// let client = Client::builder()
///     .token_provider(AzureCredential::new(credential, &cloud))
///     .cloud(cloud)
///     .build()?;
/// # let _ = client; Ok(()) }
/// ```
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scope: String,
    refresh_skew: Duration,
    cached: Mutex<Option<(Secret, SystemTime)>>,
}

impl AzureCredential {
    /// Graph tokens for `cloud` from `credential`.
    pub fn new(credential: Arc<dyn TokenCredential>, cloud: &Cloud) -> Self {
        AzureCredential {
            credential,
            scope: cloud.default_scope(),
            refresh_skew: DEFAULT_SKEW,
            cached: Mutex::new(None),
        }
    }

    /// Overrides the scope (default `<cloud base URL>/.default`).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// How long before `expires_on` a token is replaced (default 5 min).
    pub fn refresh_skew(mut self, skew: Duration) -> Self {
        self.refresh_skew = skew;
        self
    }

    async fn token(&self) -> Result<Secret, Error> {
        let mut cached = self.cached.lock().await;
        if let Some((token, expires)) = &*cached {
            if SystemTime::now() + self.refresh_skew < *expires {
                return Ok(token.clone());
            }
        }
        let access = self
            .credential
            .get_token(&[self.scope.as_str()], None)
            .await
            .map_err(|e| Error::Auth(format!("the Azure credential gave no token: {e}")))?;
        let seconds = u64::try_from(access.expires_on.unix_timestamp()).unwrap_or(0);
        let token = Secret::new(access.token.secret());
        *cached = Some((token.clone(), UNIX_EPOCH + Duration::from_secs(seconds)));
        Ok(token)
    }
}

impl TokenProvider for AzureCredential {
    fn access_token(&self) -> BoxFuture<'_, Result<Secret, Error>> {
        Box::pin(self.token())
    }

    /// Drops the refused token; the request is tried once more with what
    /// the credential gives next.
    fn token_rejected<'a>(&'a self, token: &'a Secret) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            let mut cached = self.cached.lock().await;
            if cached
                .as_ref()
                .is_some_and(|(current, _)| current.expose() == token.expose())
            {
                *cached = None;
            }
            true
        })
    }
}

impl fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AzureCredential")
            .field("credential", &self.credential)
            .field("scope", &self.scope)
            .field("refresh_skew", &self.refresh_skew)
            .finish_non_exhaustive()
    }
}
