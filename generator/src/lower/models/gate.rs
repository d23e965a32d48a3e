//! Which features compile each model: the closure, per area, of the types its
//! operations take and return, through property types and base types.
//! Relationships (navigation properties) are not followed: they would pull
//! in nearly every type; their accessors get their target's features instead.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::ir::api::{TypeDef, TypeKind};
use crate::ir::page::{ApiVersion, Operation, RequestBody, ResponseBody, TypeRef};

use super::accessor::{mentioned, TypeIndex};

/// A feature of an area (the whole area, its root part or one part) and the
/// types its kept operations take and return.
#[derive(Debug, Default)]
pub(crate) struct AreaRoots {
    pub feature: String,
    /// For a part: its area's root-part feature, which the part's feature
    /// enables (so a type the root part reaches needs no part listed).
    pub within: Option<String>,
    pub types: Vec<TypeRef>,
}

/// The body and response types of the operations kept at each node of an
/// area's tree (node index → types).
#[derive(Debug, Default)]
pub(crate) struct NodeRoots {
    pub by_node: BTreeMap<usize, Vec<TypeRef>>,
}

impl NodeRoots {
    /// Adds the body and response types of an operation kept at `node`.
    pub fn add(&mut self, node: usize, op: &Operation) {
        let types = self.by_node.entry(node).or_default();
        match &op.request_body {
            RequestBody::Resource { type_ref }
            | RequestBody::Properties {
                type_ref: Some(type_ref),
                ..
            } => types.push(type_ref.clone()),
            RequestBody::Parameters { parameters } => {
                types.extend(parameters.iter().map(|p| p.type_ref.clone()))
            }
            _ => {}
        }
        if let ResponseBody::Json { type_ref } = &op.response {
            types.push(type_ref.clone());
        }
    }

    /// Every type of the given nodes, in node order.
    pub fn of_nodes(&self, nodes: impl Iterator<Item = usize>) -> Vec<TypeRef> {
        nodes
            .filter_map(|n| self.by_node.get(&n))
            .flatten()
            .cloned()
            .collect()
    }
}

/// Sets `features` on every type and on relationship fields that need them.
/// With `prune` (a filtered generation), types no area reaches are left
/// out, and so are the relationships that point to them.
pub(crate) fn gate(
    version: ApiVersion,
    areas: &[AreaRoots],
    types: &mut Vec<TypeDef>,
    index: &TypeIndex,
    relationships: &BTreeSet<(String, String)>,
    prune: bool,
) {
    let reached = reach(areas, types, index, relationships);
    if prune {
        prune_unreached(types, &reached);
    }
    let all: BTreeSet<&str> = areas.iter().map(|a| a.feature.as_str()).collect();
    let within: BTreeMap<&str, &str> = areas
        .iter()
        .filter_map(|a| Some((a.feature.as_str(), a.within.as_deref()?)))
        .collect();
    let models_feature = format!("{}-models", version.module());
    let features_of = |name: &str| -> Vec<String> {
        match reached.get(name) {
            Some(areas) if areas.len() == all.len() => Vec::new(),
            // A part implies its root part: listing both adds nothing.
            Some(areas) => areas
                .iter()
                .filter(|f| !within.get(f.as_str()).is_some_and(|r| areas.contains(*r)))
                .cloned()
                .collect(),
            None => vec![models_feature.clone()],
        }
    };
    let gates: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|t| (t.rust_name.clone(), features_of(&t.rust_name)))
        .collect();
    for def in types.iter_mut() {
        def.features = gates[&def.rust_name].clone();
        let TypeKind::Model { fields, .. } = &mut def.kind else {
            continue;
        };
        for field in fields.iter_mut() {
            let Some(target) = mentioned(&field.accessor) else {
                continue;
            };
            let target_gate = gates.get(target).cloned().unwrap_or_default();
            if !covers(&target_gate, &def.features) {
                field.features = Some(if target_gate.is_empty() {
                    vec![models_feature.clone()]
                } else {
                    target_gate
                });
            }
        }
    }
}

/// Drops the types `reached` does not hold, and the fields that mention them.
fn prune_unreached(types: &mut Vec<TypeDef>, reached: &BTreeMap<String, BTreeSet<String>>) {
    types.retain(|t| reached.contains_key(&t.rust_name));
    for def in types.iter_mut() {
        if let TypeKind::Model { fields, .. } = &mut def.kind {
            fields.retain(|f| mentioned(&f.accessor).is_none_or(|t| reached.contains_key(t)));
        }
    }
}

/// True when whatever compiles `owner` also compiles `target` (an empty list
/// is the whole version).
fn covers(target: &[String], owner: &[String]) -> bool {
    target.is_empty() || (!owner.is_empty() && owner.iter().all(|f| target.contains(f)))
}

/// Rust name → the area features that reach it. Each type's dependencies
/// are listed once, not again for every area that reaches it, and the areas
/// are walked in parallel.
fn reach(
    areas: &[AreaRoots],
    types: &[TypeDef],
    index: &TypeIndex,
    relationships: &BTreeSet<(String, String)>,
) -> BTreeMap<String, BTreeSet<String>> {
    let depends_on: BTreeMap<&str, Vec<String>> = types
        .par_iter()
        .map(|t| (t.rust_name.as_str(), dependencies(t, relationships)))
        .collect();
    let reached_by_area: Vec<BTreeSet<String>> = areas
        .par_iter()
        .map(|area| {
            let mut stack: Vec<String> =
                area.types.iter().filter_map(|t| named(t, index)).collect();
            let mut seen = BTreeSet::new();
            while let Some(name) = stack.pop() {
                if seen.contains(&name) {
                    continue;
                }
                if let Some(next) = depends_on.get(name.as_str()) {
                    stack.extend(next.iter().filter(|n| !seen.contains(*n)).cloned());
                }
                seen.insert(name);
            }
            seen
        })
        .collect();
    let mut reached: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (area, names) in areas.iter().zip(reached_by_area) {
        for name in names {
            reached
                .entry(name)
                .or_default()
                .insert(area.feature.clone());
        }
    }
    reached
}

/// Base type and property types (not relationships) of a type.
fn dependencies(def: &TypeDef, relationships: &BTreeSet<(String, String)>) -> Vec<String> {
    let TypeKind::Model { base, fields, .. } = &def.kind else {
        return Vec::new();
    };
    let mut out: Vec<String> = base.iter().cloned().collect();
    for field in fields {
        if relationships.contains(&(def.rust_name.clone(), field.wire.clone())) {
            continue;
        }
        out.extend(mentioned(&field.accessor).map(str::to_owned));
    }
    out
}

fn named(type_ref: &TypeRef, index: &TypeIndex) -> Option<String> {
    match type_ref {
        TypeRef::Named {
            name,
            page: Some(page),
            ..
        } => index.get(name, page).map(|t| t.rust_name.to_owned()),
        TypeRef::Collection { item } => named(item, index),
        _ => None,
    }
}
