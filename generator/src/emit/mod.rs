//! The emitter: the client to emit ([`crate::ir::api::Api`]) → the files of
//! the client crate. Pure; it reads only the IR and the settings, and decides
//! no name. Rust is built with `quote!` only and formatted with prettyplease;
//! model accessors are clones of `quote!` templates with their names, wire
//! name, docs and `cfg` set in the syntax tree (`accessor_items`).
//! See `generator/NAMING.md` for the call surface.

mod accessor_items;
pub mod area;
mod area_calls;
mod area_context;
pub mod area_share;
pub mod crate_files;
mod crate_layout;
mod doc_blocks;
mod error;
mod idents;
mod item_templates;
pub mod models;
pub mod parameters;
pub mod response_types;
pub mod rustdoc;
pub mod sink;
mod syntax;

pub use crate_layout::{area_file_stem, emit_crate, emit_crate_into};
pub use error::EmitError;
pub use sink::{Collect, FileOut, FileSink, Files, TextOut};
pub use syntax::HEADER;
