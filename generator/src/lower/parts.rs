//! Splitting a large area into parts, one feature each: a part is every
//! request under one named segment right after the area (keys and colon
//! paths do not count: `/users/{id}/messages` is the `messages` part of
//! `users`). What no part holds (the area's own requests, `/users/{id}`, the
//! alternate-key entries) is the root part, which every part enables.

use std::collections::BTreeMap;

use super::models::{AreaRoots, NodeRoots};
use crate::ident::Scope;
use crate::ir::api::{Area, Part, Segment, ROOT_PART};

/// Splits `area` when it has at least `split_at` terminal calls (see
/// [`crate::settings::SPLIT_AT`] for the measurements behind the default);
/// returns the features its models are gated by (the area's, or its root
/// part's and each part's).
pub(crate) fn split(area: &mut Area, roots: &NodeRoots, split_at: usize) -> Vec<AreaRoots> {
    let calls: usize = area.nodes.iter().map(|n| n.endpoints.len()).sum();
    if calls < split_at {
        return vec![AreaRoots {
            feature: area.feature.clone(),
            within: None,
            types: roots.of_nodes(0..area.nodes.len()),
        }];
    }
    area.parts = parts(area);
    let root_feature = area.root_feature();
    let mut in_part = vec![false; area.nodes.len()];
    let mut features = Vec::with_capacity(area.parts.len() + 1);
    for part in &area.parts {
        part.nodes.iter().for_each(|&n| in_part[n] = true);
        features.push(AreaRoots {
            feature: part.feature.clone(),
            within: Some(root_feature.clone()),
            types: roots.of_nodes(part.nodes.iter().copied()),
        });
    }
    let root_nodes = (0..area.nodes.len()).filter(|&n| !in_part[n]);
    features.insert(
        0,
        AreaRoots {
            feature: root_feature,
            within: None,
            types: roots.of_nodes(root_nodes),
        },
    );
    features
}

/// The parts of an area, in the order their segments are first met.
fn parts(area: &Area) -> Vec<Part> {
    let mut scope = Scope::new();
    scope.reserve(ROOT_PART);
    // The area module imports the version's `models` for its parts.
    scope.reserve("models");
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut parts: Vec<Part> = Vec::new();
    let mut stack: Vec<usize> = area.entries.iter().map(|e| e.target).collect();
    stack.reverse();
    while let Some(at) = stack.pop() {
        for edge in area.nodes[at].edges.iter().rev() {
            if matches!(
                edge.segment,
                Segment::Key { .. } | Segment::ColonPath { .. }
            ) {
                stack.push(edge.target);
                continue;
            }
            let index = *by_name.entry(edge.rust_name.clone()).or_insert_with(|| {
                let module = scope.claim(&edge.rust_name);
                parts.push(Part {
                    wire: wire_of(&edge.segment),
                    feature: format!("{}-{}", area.feature, feature_word(&module)),
                    module,
                    nodes: Vec::new(),
                });
                parts.len() - 1
            });
            subtree(area, edge.target, &mut parts[index].nodes);
        }
    }
    parts.retain(|p| !p.nodes.is_empty());
    for part in &mut parts {
        part.nodes.sort_unstable();
    }
    parts.sort_by(|a, b| a.module.cmp(&b.module));
    parts
}

/// `virtual_endpoint` → `virtual-endpoint`, as area features are written.
pub(crate) fn feature_word(module: &str) -> String {
    module
        .trim_start_matches("r#")
        .trim_end_matches('_')
        .replace('_', "-")
}

fn wire_of(segment: &Segment) -> String {
    match segment {
        Segment::Literal { wire } | Segment::Function { name: wire, .. } => wire.clone(),
        Segment::Key { .. } | Segment::ColonPath { .. } => String::new(),
    }
}

/// Appends `node` and every node under it.
fn subtree(area: &Area, node: usize, out: &mut Vec<usize>) {
    let mut stack = vec![node];
    while let Some(at) = stack.pop() {
        out.push(at);
        stack.extend(area.nodes[at].edges.iter().map(|e| e.target));
    }
}
