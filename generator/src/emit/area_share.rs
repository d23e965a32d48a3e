//! Which nodes one file of an area holds. An area compiled whole is one
//! file; a split area (see `Area::parts`) is its root file, which declares
//! each part's module behind the part's feature, and one file per part,
//! which also holds the methods leading into it from the root's builders.

use proc_macro2::TokenStream;
use quote::quote;

use super::error::EmitError;
use super::idents::ident;
use crate::ir::api::{Area, BodyKind, Node, Part, ACTIONS_MODULE};

/// The nodes of one file, and what else the file carries.
pub struct Share {
    owned: Vec<bool>,
    /// The entry functions (the area's own file).
    pub entries: bool,
    prelude: TokenStream,
}

impl Share {
    /// The whole area in one file.
    pub fn whole(area: &Area) -> Share {
        Share {
            owned: vec![true; area.nodes.len()],
            entries: true,
            prelude: TokenStream::new(),
        }
    }

    /// A split area's own file: the nodes in no part, and the part modules.
    pub fn root(area: &Area) -> Result<Share, EmitError> {
        let mut owned = vec![true; area.nodes.len()];
        let mut modules = Vec::new();
        for part in &area.parts {
            part.nodes.iter().for_each(|&n| owned[n] = false);
            let module = ident(&part.module, || format!("part `{}`", part.wire))?;
            let feature = &part.feature;
            // `/sites/{id}/sites` is the `sites` part of the `sites` area.
            let inception =
                (part.module == area.module).then(|| quote!(#[allow(clippy::module_inception)]));
            modules.push(quote! {
                #[cfg(feature = #feature)]
                #inception
                mod #module;
                #[cfg(feature = #feature)]
                pub use #module::*;
            });
        }
        // Builders name models `super::models::X` and parameter objects
        // `super::actions::X`; in a part, `super` is the area, which names
        // the version's modules here (`actions` only where a part uses it:
        // a version without parameter objects has no such module).
        let actions = parts_take_parameters(area).then(|| {
            let actions = quote::format_ident!("{}", ACTIONS_MODULE);
            quote!(#[allow(unused_imports)] use super::#actions;)
        });
        Ok(Share {
            owned,
            entries: true,
            prelude: quote! {
                #[allow(unused_imports)]
                use super::models;
                #actions
                #(#modules)*
            },
        })
    }

    /// One part's file: its nodes, which name the root's builders through
    /// `super`.
    pub fn part(area: &Area, part: &Part) -> Share {
        let mut owned = vec![false; area.nodes.len()];
        part.nodes.iter().for_each(|&n| owned[n] = true);
        Share {
            owned,
            entries: false,
            prelude: quote!(
                use super::*;
            ),
        }
    }

    pub fn owns(&self, node: usize) -> bool {
        self.owned.get(node).copied().unwrap_or(false)
    }

    pub fn owned<'a>(&'a self, area: &'a Area) -> impl Iterator<Item = &'a Node> + 'a {
        area.nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| self.owns(*i))
            .map(|(_, n)| n)
    }

    /// Nodes of other files with an edge into this one, in node order.
    pub fn crossing<'a>(&'a self, area: &'a Area) -> impl Iterator<Item = &'a Node> + 'a {
        area.nodes.iter().enumerate().filter_map(|(i, n)| {
            let leads_in = n.edges.iter().any(|e| self.owns(e.target));
            (!self.owns(i) && leads_in).then_some(n)
        })
    }

    pub fn prelude(&self) -> TokenStream {
        self.prelude.clone()
    }
}

/// Whether a call in one of the area's parts takes a parameter object.
fn parts_take_parameters(area: &Area) -> bool {
    area.parts
        .iter()
        .flat_map(|part| &part.nodes)
        .filter_map(|&node| area.nodes.get(node))
        .flat_map(|node| &node.endpoints)
        .any(|endpoint| matches!(endpoint.body, BodyKind::Parameters(_)))
}
