//! What an area file's items are emitted in: the area, the share of it
//! being written, and its distinct permission sets (one constant each).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::area_share::Share;
use super::error::EmitError;
use crate::ir::api::{Area, Edge, Endpoint, Node};
use crate::ir::page::{ApiVersion, PermissionSource, Permissions};

/// The area being emitted, for names, shared permission sets and error messages.
pub(super) struct Context<'a> {
    pub version: ApiVersion,
    pub area: &'a Area,
    pub permissions: PermissionSets<'a>,
    pub share: &'a Share,
}

impl Context<'_> {
    pub fn target(&self, edge: &Edge) -> Result<&Node, EmitError> {
        self.area
            .nodes
            .get(edge.target)
            .ok_or_else(|| EmitError::Tree {
                context: format!("{} area `{}`", self.version.as_str(), self.area.wire),
            })
    }

    pub fn node(&self, node: &Node) -> String {
        format!(
            "{} area `{}`, path `{}`",
            self.version.as_str(),
            self.area.wire,
            node.template
        )
    }

    /// The node, and the operations whose terminal calls it holds.
    pub fn node_and_operations(&self, node: &Node) -> String {
        let operations: Vec<String> = node
            .endpoints
            .iter()
            .map(|e| format!("{} {}:{}", e.method.as_str(), e.file, e.line))
            .collect();
        if operations.is_empty() {
            self.node(node)
        } else {
            format!("{} (operations {})", self.node(node), operations.join(", "))
        }
    }

    pub fn endpoint(&self, endpoint: &Endpoint) -> String {
        format!(
            "{} area `{}`, operation {}:{}",
            self.version.as_str(),
            self.area.wire,
            endpoint.file,
            endpoint.line
        )
    }
}

/// The distinct permission sets of an area, each emitted once as a private
/// constant (`PERMISSIONS_0`, ...) that terminal calls attach to the request
/// they build: one constant per distinct set costs far less `cargo check`
/// time than one literal, or one public constant, per terminal.
pub(super) struct PermissionSets<'a> {
    sets: Vec<&'a Permissions>,
}

impl<'a> PermissionSets<'a> {
    pub fn collect(nodes: &[&'a Node]) -> Self {
        let mut sets: Vec<&Permissions> = Vec::new();
        for endpoint in nodes.iter().flat_map(|n| &n.endpoints) {
            if !sets
                .iter()
                .any(|s| same_permissions(s, &endpoint.permissions))
            {
                sets.push(&endpoint.permissions);
            }
        }
        PermissionSets { sets }
    }

    pub fn name(&self, permissions: &Permissions) -> Result<Ident, EmitError> {
        let index = self
            .sets
            .iter()
            .position(|s| same_permissions(s, permissions))
            .ok_or_else(|| EmitError::Tree {
                context: "a permission set missing from its table".to_owned(),
            })?;
        Ok(format_ident!("PERMISSIONS_{}", index))
    }

    pub fn items(&self) -> Result<TokenStream, EmitError> {
        let mut items = Vec::new();
        for set in &self.sets {
            let name = self.name(set)?;
            let (work, personal, application) = (
                &set.delegated_work,
                &set.delegated_personal,
                &set.application,
            );
            let documented = set.source != PermissionSource::Missing;
            items.push(quote! {
                const #name: ::graph_runtime::Permissions = ::graph_runtime::Permissions {
                    delegated_work: &[#(#work),*],
                    delegated_personal: &[#(#personal),*],
                    application: &[#(#application),*],
                    documented: #documented,
                };
            });
        }
        Ok(quote!(#(#items)*))
    }
}

/// Equal lists and equally documented (where the table came from does not matter).
fn same_permissions(a: &Permissions, b: &Permissions) -> bool {
    let missing = |p: &Permissions| p.source == PermissionSource::Missing;
    a.delegated_work == b.delegated_work
        && a.delegated_personal == b.delegated_personal
        && a.application == b.application
        && missing(a) == missing(b)
}
