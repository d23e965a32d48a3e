//! The intermediate representation: plain serde data in two stages.
//!
//! - [`page`]: what a page says, as the reader (`crate::parse`) finds it.
//! - [`api`]: the client to emit, built from the pages by `crate::lower` and
//!   read by `crate::emit`.
//!
//! Every name that reaches Rust code is stored twice: as the docs write it (the
//! wire name) and as a cleaned Rust identifier, computed once by
//! [`crate::ident`] when the IR is built. The emitter never cleans names.

pub mod api;
pub mod page;
