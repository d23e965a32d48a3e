//! The lowered IR: every operation path of every page, merged into one path
//! tree per API version and top-level area, with Rust names settled.
//!
//! This is what the emitter reads. It is plain serde data; each name is kept
//! as the docs write it (the wire form) and as the Rust name, cleaned once by
//! [`crate::ident`] when the tree is built (`crate::lower`).

use serde::{Deserialize, Serialize};

use super::page::{ApiVersion, HttpMethod, Permissions};

mod call;
mod models;

pub use call::*;
pub use models::*;

/// The module of each version's models module that holds the generic
/// `View<K>`: no model module takes its name.
pub const VIEW_MODULE: &str = "view";

/// The module of each version that holds the actions' parameter objects:
/// no area takes its name.
pub const ACTIONS_MODULE: &str = "actions";

/// The client surface of a doc checkout, one entry per API version present.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Api {
    pub versions: Vec<VersionApi>,
}

/// One API version (`v1.0`, `beta`): its areas sorted by module name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionApi {
    pub version: ApiVersion,
    pub areas: Vec<Area>,
    /// The models and enums of this version (built by `crate::lower::models`).
    #[serde(default)]
    pub models: ModelSet,
    /// The actions' parameter objects, sorted by Rust name (the
    /// `<version>::actions` module).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionParameters>,
}

/// A top-level area: every path whose first segment is `wire`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// The first path segment as written (`deviceManagement`).
    pub wire: String,
    /// Rust module and entry function name (`device_management`).
    pub module: String,
    /// The cargo feature that enables the area (`beta-device-management`).
    pub feature: String,
    /// Entry functions: the first segment as a literal (`device_management()`
    /// → `/deviceManagement`, named like the module) and as alternate-key
    /// calls (`applications_with_app_id(app_id)` → `/applications(appId='..')`).
    pub entries: Vec<Edge>,
    /// The path tree: every node is reached from an entry.
    pub nodes: Vec<Node>,
    /// A large area's requests split by their first named segment after the
    /// area (`virtualEndpoint`), each behind a feature of its own; empty for
    /// an area compiled whole. Nodes in no part are the area's root part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

impl Area {
    /// The feature of the area's own file (entries and the requests in no
    /// part): the area feature, or `<area feature>-root` when split.
    pub fn root_feature(&self) -> String {
        if self.parts.is_empty() {
            self.feature.clone()
        } else {
            format!("{}-{}", self.feature, ROOT_PART)
        }
    }

    /// The feature of the file that holds node `node`: its part's, else the
    /// root file's.
    pub fn node_feature(&self, node: usize) -> String {
        let part = self.parts.iter().find(|p| p.nodes.contains(&node));
        part.map_or_else(|| self.root_feature(), |p| p.feature.clone())
    }
}

/// The name of a split area's root part (no part module takes it).
pub const ROOT_PART: &str = "root";

/// The requests of a large area under one named second-level segment: one
/// module (`src/beta/device_management/virtual_endpoint.rs`) and feature
/// (`beta-device-management-virtual-endpoint`, which enables the root part).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// The segment as written (`virtualEndpoint`).
    pub wire: String,
    /// The module (`virtual_endpoint`), unique in the area.
    pub module: String,
    pub feature: String,
    /// The nodes it holds (indexes into [`Area::nodes`]), ascending.
    pub nodes: Vec<usize>,
}

/// One position in the path tree: one builder struct.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The builder struct's name, unique in its area (`VirtualEndpointDeviceImages`).
    pub struct_name: String,
    /// The path of this node as first written in the docs (file order).
    pub template: String,
    /// Steps to child nodes, in the order first seen.
    pub edges: Vec<Edge>,
    /// Terminal calls, one per HTTP method, sorted by method.
    pub endpoints: Vec<Endpoint>,
}

/// A builder method that appends one path segment and returns the child builder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The method name (`device_images`, `by_id`, `graph_windows_domain_join_configuration`).
    pub rust_name: String,
    pub segment: Segment,
    /// Index of the child node in [`Area::nodes`].
    pub target: usize,
}

/// What one edge appends to the request path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Segment {
    /// A fixed segment, written as-is: `deviceImages`, `$value`, `$ref`,
    /// `microsoft.graph.user` (a cast or a bound action/function by its
    /// qualified name).
    Literal { wire: String },
    /// One caller-supplied key, percent-encoded as one segment. `written`
    /// holds every placeholder the docs write at this position
    /// (`{id | userPrincipalName}`, `{user-id}`), in the order first seen.
    Key { written: Vec<String> },
    /// An OData function call `name(a=v,...)`; every argument is a parameter.
    Function {
        name: String,
        args: Vec<FunctionArg>,
    },
    /// Colon addressing `:/{item-path}:`: one caller-supplied path whose
    /// `/`-separated parts are each percent-encoded. `written` holds the
    /// templates the docs write between the colons (`{item-path}`,
    /// `{parent-path}/{filename}`).
    ColonPath { written: Vec<String> },
}

/// One argument of a function segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionArg {
    /// The argument name as written (`period`); empty for a positional
    /// argument (`range(<address>)`).
    pub wire: String,
    /// The Rust parameter name (`period`, `address`).
    pub rust_name: String,
    /// Every value the docs write for it (`'{period_value}'`, `'D7'`), in the
    /// order first seen.
    pub written: Vec<String>,
    /// The type from the page's function parameter table, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// The description from the page's function parameter table.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A terminal call (`get`, `post`, ...) on a node, from one documented operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub method: HttpMethod,
    /// `get`, `post`, `patch`, `put`, `delete`.
    pub rust_name: String,
    /// The page that documents it, relative to the doc root.
    pub file: String,
    /// Line of the operation's first request line on that page.
    pub line: u32,
    pub title: String,
    pub description: String,
    /// The request lines that reach this node, as written (`POST /a/{id}/b`).
    pub http_lines: Vec<String>,
    /// Fixed query strings the docs write after those paths (`$expand=x`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_queries: Vec<String>,
    pub permissions: Permissions,
    pub success_status: Option<u16>,
    /// The published page (`https://learn.microsoft.com/en-us/graph/api/...`).
    pub doc_url: String,
    pub body: BodyKind,
    pub returns: ResponseKind,
    /// The page's optional query parameters and request headers, each with
    /// the `Request` method that sets it.
    #[serde(default)]
    pub options: CallOptions,
    /// Other operations documented for the same path and method, dropped in
    /// favour of this one (the first in file order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_documented: Vec<SourceRef>,
    /// On a `GET` that lists a collection: the name of the call that sends
    /// `GET <path>/$count` for the number of items (OData's `$count`, which
    /// Graph answers on every collection and the docs' examples use).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    /// On a `GET` that lists models: the name of the generic call that casts
    /// the collection to a derived type (`<path>/microsoft.graph.user`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cast: Option<String>,
}

/// A place in the docs: page file and 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceRef {
    pub file: String,
    pub line: u32,
}
