//! docgen: reads the Microsoft Graph API reference pages and emits a typed,
//! documented Rust client crate.
//!
//! The pipeline is visible in the modules: [`parse`] (markdown → IR), [`ir`]
//! (plain serde data), and the emitter. I/O lives at the edges ([`docs`]).

pub mod docs;
pub mod emit;
pub mod generate;
pub mod ident;
pub mod ir;
pub mod lower;
pub mod parse;
pub mod write;
