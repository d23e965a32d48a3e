//! `docgen diff`: the structural difference of two doc checkouts as the
//! generated crate sees it. [`surface`] builds each side from the emitter's
//! lowering, [`compare`] pairs them, [`classify`] decides what breaks code,
//! [`render`](mod@render) prints the text form; [`report`] is the data (`--json`).

pub mod classify;
pub mod compare;
pub mod render;
pub mod report;
pub mod surface;

pub use compare::{diff, diff_pages};
pub use render::{render, summary};
pub use report::Report;
pub use surface::Surface;
