//! `docgen mock`: a Graph built from the docs. A request whose method and
//! path match a documented operation (either version prefix, any path
//! values) gets that operation's documented response example; anything else
//! gets a Graph-shaped `404` (or `405` for a documented path with another
//! method) naming the closest documented operations.
//!
//! [`Mock::answer`] is pure; [`server`] is the HTTP edge.

mod answer;
pub mod decode;
mod route;
pub mod server;
mod table;
pub mod url;

pub use answer::Answer;
pub use table::Mock;
