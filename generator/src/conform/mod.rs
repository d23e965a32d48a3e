//! `docgen conform`: the docs' own request examples as conformance tests.
//! Each example request is walked down the generated builders (the lowered
//! path trees) to the call that sends it; its JSON response example is then
//! checked against the call's declared type. Whatever is not reproduced is
//! filed in a named group, doc errors apart. Pure: pages and the lowered
//! client in, a [`Report`] out.

mod decode;
mod render;
mod report;
mod target;
mod walk;

pub use decode::{decode, Decoded};
pub use render::render;
pub use report::{conform, Group, Report};
pub use target::{is_graph_url, parse_target, request_target, PathPart, Target};
pub use walk::{find, segment_matches, Walk};
