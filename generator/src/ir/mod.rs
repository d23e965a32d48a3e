//! The intermediate representation: plain serde data between the page reader
//! (`parse`) and the code emitter (`emit`).
//!
//! Every name that reaches Rust code is stored twice: as the docs write it (the
//! wire name) and as a cleaned Rust identifier, computed once by
//! [`crate::ident`] when the IR is built. The emitter never cleans names.

mod api;
mod models;
mod operation;
mod page;
mod resource;
mod types;

pub use api::*;
pub use models::*;
pub use operation::*;
pub use page::*;
pub use resource::*;
pub use types::*;
