//! `docgen permissions`: which scopes an app needs for the calls it makes,
//! from the docs' permission tables. [`path`] splits calls and templates
//! into comparable segments, [`index`] finds the template documenting a
//! call, [`scopes`] computes the set answers (union of least privileged,
//! fewest covering scopes), [`answer`](mod@answer) assembles them, [`render`](mod@render) prints.

pub mod answer;
pub mod index;
pub mod path;
pub mod render;
pub mod scopes;

pub use answer::{answer, Answer, Kind};
pub use index::{Call, CallError, Index};
pub use render::render;
