//! The client: configuration, connection pool and token provider.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::TokenProvider;
use crate::redirect::MAX_REDIRECTS;
use crate::{Cloud, Error, RetryPolicy, Secret, StaticToken};

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_MAX_BODY_SIZE: u64 = 64 * 1024 * 1024;
const DEFAULT_MAX_PAGES: usize = 10_000;

/// The bounds on what one request or listing may cost.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub(crate) timeout: Duration,
    pub(crate) idle_timeout: Duration,
    pub(crate) max_body_size: u64,
    pub(crate) max_pages: usize,
    pub(crate) max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: DEFAULT_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            max_pages: DEFAULT_MAX_PAGES,
            max_redirects: MAX_REDIRECTS,
        }
    }
}

/// A Microsoft Graph client. Build it once with [`Client::builder`]; it is
/// cheap to clone (an `Arc` inside) and clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) token: Option<Arc<dyn TokenProvider>>,
    pub(crate) retry: RetryPolicy,
    pub(crate) limits: Limits,
    cloud: Cloud,
    base: reqwest::Url,
    user_agent: String,
    connect_timeout: Duration,
}

impl Client {
    /// A builder with the defaults: global cloud, 10 s connect timeout,
    /// 60 s request timeout, 30 s idle timeout for streamed bodies, 64 MiB
    /// bodies, 10,000 pages per listing, 5 redirects, user agent
    /// `graph-runtime/<version>`, the default [`RetryPolicy`] and no token
    /// provider.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            cloud: Cloud::Global,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            limits: Limits::default(),
            user_agent: concat!("graph-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            token: None,
            no_proxy: false,
        }
    }

    /// The Graph base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        self.inner.cloud.base_url()
    }

    /// The cloud.
    pub fn cloud(&self) -> &Cloud {
        &self.inner.cloud
    }

    /// The most pages one listing fetches.
    pub fn max_pages(&self) -> usize {
        self.inner.limits.max_pages
    }

    /// The largest body read into memory, in bytes.
    pub fn max_body_size(&self) -> u64 {
        self.inner.limits.max_body_size
    }

    /// How long a streamed body may send nothing.
    pub fn idle_timeout(&self) -> Duration {
        self.inner.limits.idle_timeout
    }

    /// The timeout of one attempt (buffered: up to the end of the body;
    /// streamed: up to the response headers).
    pub fn timeout(&self) -> Duration {
        self.inner.limits.timeout
    }

    /// The most redirects one attempt follows.
    pub fn max_redirects(&self) -> usize {
        self.inner.limits.max_redirects
    }
    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// True when `url` has the scheme, host and port of the base URL.
    pub(crate) fn is_own_origin(&self, url: &reqwest::Url) -> bool {
        let base = &self.inner.base;
        url.scheme() == base.scheme()
            && url.host_str() == base.host_str()
            && url.port_or_known_default() == base.port_or_known_default()
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &self.base_url())
            .field("user_agent", &inner.user_agent)
            .field("connect_timeout", &inner.connect_timeout)
            .field("limits", &inner.limits)
            .field("retry", &inner.retry)
            .field(
                "token_provider",
                &inner.token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Configures and builds a [`Client`].
pub struct ClientBuilder {
    cloud: Cloud,
    connect_timeout: Duration,
    limits: Limits,
    user_agent: String,
    retry: RetryPolicy,
    token: Option<Arc<dyn TokenProvider>>,
    no_proxy: bool,
}

impl ClientBuilder {
    /// The cloud (base URL). Default [`Cloud::Global`].
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self
    }

    /// Shorthand for `cloud(Cloud::Custom(url))`.
    pub fn base_url(self, url: impl Into<String>) -> Self {
        self.cloud(Cloud::Custom(url.into()))
    }

    /// Timeout for establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Timeout for one attempt (default 60 s), from connecting, through
    /// redirects, to the end of the response body; for
    /// [`Client::send_streaming`], to the response headers, after which
    /// [`ClientBuilder::idle_timeout`] bounds the body. Exceeding it gives
    /// [`Error::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.limits.timeout = timeout;
        self
    }

    /// How long a body read with [`Client::send_streaming`] may send
    /// nothing before it fails with [`Error::IdleTimeout`] (default 30 s).
    /// A streamed body is not bounded by [`ClientBuilder::timeout`], so a
    /// slow but live download finishes.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.limits.idle_timeout = timeout;
        self
    }

    /// The largest response body read into memory, in bytes (default
    /// 64 MiB): larger bodies fail with [`Error::BodyTooLarge`], unread when
    /// their `Content-Length` says so. Streamed bodies are not limited
    /// (except by [`ByteStream::collect`](crate::ByteStream::collect)).
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.limits.max_body_size = bytes;
        self
    }

    /// The most pages one listing (`pages`, `items`, `collect_all`)
    /// fetches (default 10,000, at least 1); one more fails with
    /// [`Error::TooManyPages`].
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.limits.max_pages = pages.max(1);
        self
    }

    /// The most redirects one attempt follows: at most, and by default, 5;
    /// 0 follows none. One more fails with [`Error::Redirect`].
    pub fn max_redirects(mut self, hops: usize) -> Self {
        self.limits.max_redirects = hops.min(MAX_REDIRECTS);
        self
    }
    /// The `User-Agent` header (default `graph-runtime/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The token provider. Without one, no `Authorization` header is sent.
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.token = Some(Arc::new(provider));
        self
    }

    /// Shorthand for `token_provider(StaticToken::new(token))`.
    pub fn bearer_token(self, token: impl Into<Secret>) -> Self {
        self.token_provider(StaticToken::new(token))
    }

    /// Ignores proxy settings from the environment (`HTTPS_PROXY`, ...).
    pub fn no_proxy(mut self) -> Self {
        self.no_proxy = true;
        self
    }

    /// Builds the client; fails with [`Error::Config`] for a base URL that is
    /// not an absolute `http`/`https` URL without query or fragment, or an
    /// unusable user agent.
    pub fn build(self) -> Result<Client, Error> {
        let base = parse_base(self.cloud.base_url())?;
        // Timeouts past connecting and redirects are the runtime's own
        // (send.rs, redirect.rs), so a streamed body can outlast `timeout`.
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(
                http::HeaderValue::from_str(&self.user_agent)
                    .map_err(|_| Error::Config("invalid user agent".into()))?,
            );
        if self.no_proxy {
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("cannot build HTTP client: {e}")))?;
        let inner = Inner {
            http,
            token: self.token,
            retry: self.retry,
            limits: self.limits,
            cloud: self.cloud,
            base,
            user_agent: self.user_agent,
            connect_timeout: self.connect_timeout,
        };
        Ok(Client {
            inner: Arc::new(inner),
        })
    }
}

fn parse_base(text: &str) -> Result<reqwest::Url, Error> {
    let url =
        reqwest::Url::parse(text).map_err(|e| Error::Config(format!("base URL {text:?}: {e}")))?;
    let usable = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some()
        && url.query().is_none()
        && url.fragment().is_none();
    if !usable {
        return Err(Error::Config(format!(
            "base URL {text:?} must be an absolute http(s) URL without query or fragment"
        )));
    }
    Ok(url)
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("cloud", &self.cloud)
            .field("user_agent", &self.user_agent)
            .field("connect_timeout", &self.connect_timeout)
            .field("limits", &self.limits)
            .field("retry", &self.retry)
            .field("token_provider", &self.token.as_ref().map(|_| "<redacted>"))
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_with_defaults() {
        let client = Client::builder().build().unwrap();
        assert_eq!(client.base_url(), "https://graph.microsoft.com");
        assert_eq!(client.cloud(), &Cloud::Global);
        assert_eq!(client.retry_policy(), &RetryPolicy::default());
        let debug = format!("{client:?}");
        assert!(debug.contains(concat!("graph-runtime/", env!("CARGO_PKG_VERSION"))));
    }

    #[test]
    fn rejects_bad_configuration() {
        for base in [
            "not a url",
            "ftp://x",
            "http://h/?q=1",
            "http://h/#f",
            "mailto:a@b",
        ] {
            let error = Client::builder().base_url(base).build().unwrap_err();
            assert!(matches!(error, Error::Config(_)), "{base}");
        }
        let error = Client::builder()
            .user_agent("bad\nagent")
            .build()
            .unwrap_err();
        assert!(matches!(error, Error::Config(_)));
    }

    #[test]
    fn origin_check() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:8080/")
            .build()
            .unwrap();
        let own = |url: &str| client.is_own_origin(&reqwest::Url::parse(url).unwrap());
        assert!(own("http://127.0.0.1:8080/v1.0/users?$skiptoken=x"));
        assert!(!own("http://127.0.0.1:8081/v1.0/users"));
        assert!(!own("https://127.0.0.1:8080/v1.0/users"));
        assert!(!own("http://evil.example/v1.0/users"));
        let global = Client::builder().build().unwrap();
        assert!(global
            .is_own_origin(&reqwest::Url::parse("https://GRAPH.microsoft.com:443/x").unwrap()));
    }
}
