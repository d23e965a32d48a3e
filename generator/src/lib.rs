//! docgen: reads the Microsoft Graph API reference pages and emits a typed,
//! documented Rust client crate.
//!
//! The pipeline is visible in the modules: [`parse`] (markdown → [`ir::page`]),
//! [`lower`] ([`ir::page`] → [`ir::api`]), [`emit`] ([`ir::api`] → files).
//! [`generate`] is the one entry over them; I/O lives at the edges
//! ([`docs`] reads the checkout, [`write`](mod@write) writes the crate).

pub mod conform;
pub mod diagnostics;
pub mod diff;
pub mod docs;
pub mod emit;
mod error;
pub mod features;
pub mod generate;
pub mod ident;
pub mod ir;
pub mod least_privilege;
pub mod lower;
pub mod mock;
pub mod parse;
#[cfg(test)]
mod random;
#[cfg(test)]
mod scratch;
pub mod settings;
pub mod write;

pub use error::Error;
