//! Signing in a user, for delegated permissions: the device code flow
//! (CLIs, headless tools), the authorization code flow with PKCE (desktop
//! apps on a loopback redirect, web apps handing over the redirect URL),
//! refresh tokens and token caches.
//!
//! Start from [`SignIn`] (authority, app id, scopes, cache), then run
//! [`SignIn::device_code`] or [`SignIn::authorization_code`]; both end in
//! [`UserTokens`], the [`crate::TokenProvider`] that refreshes the access
//! token before it expires and after a `401`. [`SignIn::cached`] picks up
//! tokens a [`FileCache`] kept from an earlier run.
//!
//! ```no_run
//! use graph_runtime::signin::{Authority, FileCache, SignIn, Tenant};
//! use graph_runtime::{Client, Cloud};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let app = SignIn::new(
//!     Authority::new(&Cloud::Global, Tenant::Common),
//!     "00000000-0000-0000-0000-000000000000",
//!     &["User.Read", "Mail.Read"],
//! )
//! .cache(FileCache::new("/home/me/.cache/my-cli/tokens.json"));
//! let tokens = match app.cached() {
//!     Some(tokens) => tokens,
//!     None => app.device_code().sign_in().await?,
//! };
//! let client = Client::builder().token_provider(tokens).build()?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```

mod app;
mod authority;
mod authorization_code;
mod cache;
mod device_code;
mod endpoint;
mod error;
mod loopback;
mod pkce;
mod refresh;
mod tokens;

pub use app::SignIn;
pub use authority::{graph_scopes, Authority, Tenant};
pub use authorization_code::{AuthorizationCode, PendingAuthorization};
pub use cache::{FileCache, MemoryCache, TokenCache};
pub use device_code::{DeviceAuthorization, DeviceCode, DevicePoll, DevicePrompt};
pub use error::SignInError;
pub use refresh::UserTokens;
pub use tokens::TokenSet;
