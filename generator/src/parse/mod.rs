//! The page reader: markdown bytes → [`crate::ir::page::Page`].
//!
//! Pipeline for one page: normalize the text (`text`, unwrapping
//! side-by-side spans), take out front matter and HTML comments (keeping the
//! annotations), build blocks with pulldown-cmark (`document`), find sections
//! by anchor or slug (`sections`), then run the extractors. Nothing here
//! depends on the language of headings or prose.

mod annotation;
mod body;
mod comments;
mod context;
mod document;
mod examples;
mod fences;
mod front_matter;
mod html_tag;
mod http;
mod inline;
mod json;
mod json_shape;
mod load;
mod methods;
mod operation;
mod page;
mod params;
mod permissions;
mod resolve;
mod resource;
mod response;
mod scan;
mod sections;
mod slug;
mod sxs;
mod tables;
mod text;
mod type_names;

pub use context::{resolve_relative, Includes, NoIncludes};
pub use json::parse_lenient as parse_json_lenient;
pub use page::{read_page, read_page_bytes};
pub use resolve::resolve;

/// The side-by-side markup the reader unwraps, for tests and fixtures that
/// write such pages.
pub mod side_by_side {
    pub use super::sxs::text_unit;
}
