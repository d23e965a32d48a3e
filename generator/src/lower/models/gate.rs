//! Which features compile each model: the closure, per area, of the types its
//! operations take and return, through property types and base types.
//! Relationships (navigation properties) are not followed: they would pull
//! in nearly every type; their accessors get their target's features instead.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::api::{TypeDef, TypeKind};
use crate::ir::page::{ApiVersion, Operation, RequestBody, ResponseBody, TypeRef};

use super::accessor::{mentioned, TypeIndex};

/// An area's feature and the types its kept operations take and return.
#[derive(Debug, Default)]
pub(crate) struct AreaRoots {
    pub feature: String,
    pub types: Vec<TypeRef>,
}

impl AreaRoots {
    /// Adds the body and response types of an operation the area keeps.
    pub fn add(&mut self, op: &Operation) {
        match &op.request_body {
            RequestBody::Resource { type_ref }
            | RequestBody::Properties {
                type_ref: Some(type_ref),
                ..
            } => self.types.push(type_ref.clone()),
            RequestBody::Parameters { parameters } => self
                .types
                .extend(parameters.iter().map(|p| p.type_ref.clone())),
            _ => {}
        }
        if let ResponseBody::Json { type_ref } = &op.response {
            self.types.push(type_ref.clone());
        }
    }
}

/// Sets `features` on every type and on relationship fields that need them.
pub(crate) fn gate(
    version: ApiVersion,
    areas: &[AreaRoots],
    types: &mut [TypeDef],
    index: &TypeIndex,
    relationships: &BTreeSet<(String, String)>,
) {
    let reached = reach(areas, types, index, relationships);
    let all: BTreeSet<&str> = areas.iter().map(|a| a.feature.as_str()).collect();
    let models_feature = format!("{}-models", version.module());
    let features_of = |name: &str| -> Vec<String> {
        match reached.get(name) {
            Some(areas) if areas.len() == all.len() => Vec::new(),
            Some(areas) => areas.iter().cloned().collect(),
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

/// True when whatever compiles `owner` also compiles `target` (an empty list
/// is the whole version).
fn covers(target: &[String], owner: &[String]) -> bool {
    target.is_empty() || (!owner.is_empty() && owner.iter().all(|f| target.contains(f)))
}

/// Rust name → the area features that reach it.
fn reach(
    areas: &[AreaRoots],
    types: &[TypeDef],
    index: &TypeIndex,
    relationships: &BTreeSet<(String, String)>,
) -> BTreeMap<String, BTreeSet<String>> {
    let by_name: BTreeMap<&str, &TypeDef> =
        types.iter().map(|t| (t.rust_name.as_str(), t)).collect();
    let mut reached: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for area in areas {
        let mut stack: Vec<String> = area.types.iter().filter_map(|t| named(t, index)).collect();
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            reached
                .entry(name.clone())
                .or_default()
                .insert(area.feature.clone());
            if let Some(def) = by_name.get(name.as_str()) {
                stack.extend(dependencies(def, relationships));
            }
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
