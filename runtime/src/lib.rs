//! A small async HTTP runtime for the generated Microsoft Graph client.
//!
//! Generated code builds plain [`Request`] values synchronously (method,
//! [`RequestPath`], query options, headers, body); this crate sends them:
//! [`Client`] holds the connection pool, base URL ([`Cloud`]), timeouts,
//! [`RetryPolicy`] and [`TokenProvider`], and [`Request::send`] decodes the
//! response through [`FromResponse`]. Collections are paged with
//! [`Client::pages`], [`Client::items`] and [`Client::collect_all`].
//!
//! Responses decode into typed models: [`model`] has the [`model::Model`]
//! trait that generated types implement (a typed view over the JSON object,
//! so properties the docs do not know survive a round trip), the
//! [`model::FromJson`]/[`model::ToJson`] conversions that [`Page`] items
//! use, and wire types for the Edm primitives JSON has no type for
//! ([`model::DateTimeOffset`], [`model::Guid`], ...).
//!
//! Sign-in (optional features): [`ClientCredentials`] with a secret or,
//! with `certificate`, a signed client assertion (`ClientCertificate`);
//! with `signin`, the `signin` module's device code and authorization code
//! (PKCE) flows for a signed-in user, refresh tokens and token caches; with
//! `azure-identity`, `AzureCredential` over any `azure_core`
//! `TokenCredential` (managed identity, workload identity, Azure CLI).
//!
//! Throttling (429) and unavailability (503, 504) are retried with
//! `Retry-After` or jittered exponential backoff; failures become an
//! [`Error`] that says what the service said. Tokens and secrets never show
//! in `Debug` output or error messages.
//!
//! Nothing a server sends can make a call loop, wait or grow without end:
//! redirects stop after 5 hops and never carry the token or a body to
//! another origin (token requests follow none); a listing ends at a page
//! seen before or after [`ClientBuilder::max_pages`]; bodies read into
//! memory stop at [`ClientBuilder::max_body_size`] (error bodies at
//! 64 KiB); every attempt ends within [`ClientBuilder::timeout`], and a
//! streamed body may pause at most [`ClientBuilder::idle_timeout`].
//!
//! ```no_run
//! use graph_runtime::http::Method;
//! use graph_runtime::{
//!     ApiVersion, Client, ClientCredentials, Cloud, Page, Request, RequestPath, StaticToken,
//! };
//! use serde_json::Value;
//!
//! # async fn run() -> Result<(), graph_runtime::Error> {
//! // A token obtained elsewhere.
//! let client = Client::builder()
//!     .token_provider(StaticToken::new("eyJ0eXAi..."))
//!     .build()?;
//! let me: Value = Request::new(Method::GET, RequestPath::new(ApiVersion::V1_0).segment("me"))
//!     .select(&["displayName", "mail"])
//!     .send(&client)
//!     .await?;
//! println!("{}", me["displayName"]);
//!
//! // An app registration in the US Government cloud; tokens are cached
//! // and refreshed five minutes before they expire.
//! let cloud = Cloud::UsGovL4;
//! let credentials = ClientCredentials::new("contoso.onmicrosoft.com", "app-id", "app-secret")
//!     .cloud(&cloud);
//! let client = Client::builder()
//!     .cloud(cloud)
//!     .token_provider(credentials)
//!     .build()?;
//! let users = Request::<Page<Value>>::new(
//!     Method::GET,
//!     RequestPath::new(ApiVersion::V1_0).segment("users"),
//! )
//! .top(100)
//! .collect_all(&client)
//! .await?;
//! println!("{} users", users.items.len());
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// `Error::Graph` carries the service's whole error (code, message,
// innerError, ids) as named fields that callers match on; boxing it would
// change that shape for a cold path.
#![allow(clippy::result_large_err)]

mod auth;
#[cfg(feature = "azure-identity")]
mod azure;
mod batch;
mod body;
mod cast;
#[cfg(feature = "certificate")]
mod certificate;
mod client;
mod cloud;
mod credentials;
mod delta;
mod encode;
mod error;
mod exchange;
mod httpdate;
pub mod model;
mod operation;
mod page;
mod page_guard;
mod paging;
mod path;
mod permissions;
mod prepared;
mod read;
mod redirect;
mod request;
mod response;
mod retry;
mod rng;
mod scope_set;
mod secret;
mod send;
#[cfg(feature = "signin")]
pub mod signin;
mod stream;
mod trace;
mod transport;
mod upload;

pub use auth::{BoxFuture, StaticToken, TokenProvider};
#[cfg(feature = "azure-identity")]
pub use azure::AzureCredential;
#[cfg(feature = "azure-identity")]
/// Re-exported for [`AzureCredential`]: the trait and its token types.
pub use azure_core;
pub use batch::{Batch, BatchId, BatchItem, BatchResponses, MAX_BATCH};
pub use body::Body;
pub use cast::Cast;
#[cfg(feature = "certificate")]
pub use certificate::{AssertionAlgorithm, ClientCertificate};
pub use client::{Client, ClientBuilder};
pub use cloud::Cloud;
pub use credentials::ClientCredentials;
pub use delta::{DeltaItem, DeltaSync, Removed};
pub use error::Error;
pub use operation::{Operation, OperationStatus};
pub use page::Page;
pub use paging::Collected;
pub use path::{ApiVersion, FunctionArg, RequestPath};
pub use permissions::{PermissionKind, Permissions};
pub use request::Request;
pub use response::{Binary, FromResponse, Json, RawResponse};
pub use retry::RetryPolicy;
pub use scope_set::ScopeError;
pub use secret::Secret;
pub use stream::ByteStream;
pub use upload::{LargeFileUpload, UploadSession, UPLOAD_CHUNK_UNIT};

/// Re-exported so generated code needs no direct dependency.
pub use bytes::{self, Bytes};
/// Re-exported so generated code needs no direct dependency.
pub use http;
