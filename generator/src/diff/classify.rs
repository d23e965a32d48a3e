//! What changed in one operation or model, and whether it breaks code
//! written against the old generated crate: a removed call, field or enum
//! member, a retyped field or response, a renamed builder or type break it;
//! an added call, optional field or enum member, a base type gained, a new
//! status or query option, and any permission change do not.

use std::collections::{BTreeMap, BTreeSet};

use super::report::{Detail, PermissionChange};
use super::surface::{BodyShape, ModelSurface, OperationSurface};
use crate::ir::page::Permissions;

fn detail(what: &str, old: Option<String>, new: Option<String>, breaking: bool) -> Detail {
    Detail {
        what: what.to_owned(),
        old,
        new,
        breaking,
    }
}

/// Pushes a detail when the two values differ.
fn compare(out: &mut Vec<Detail>, what: &str, old: &str, new: &str, breaking: bool) {
    if old != new {
        out.push(detail(
            what,
            Some(old.to_owned()),
            Some(new.to_owned()),
            breaking,
        ));
    }
}

/// The surface changes of an operation present on both sides.
pub fn operation_details(old: &OperationSurface, new: &OperationSurface) -> Vec<Detail> {
    let mut out = Vec::new();
    // The builder chain is what callers write: a renamed step breaks them.
    compare(&mut out, "call", &old.call, &new.call, true);
    let status = |s: Option<u16>| s.map_or_else(|| "none".to_owned(), |s| s.to_string());
    compare(
        &mut out,
        "status",
        &status(old.status),
        &status(new.status),
        false,
    );
    body_details(&mut out, &old.body, &new.body);
    compare(&mut out, "response", &old.response, &new.response, true);
    let query = |q: &[String]| q.join(", ");
    compare(
        &mut out,
        "query",
        &query(&old.query),
        &query(&new.query),
        false,
    );
    out
}

fn body_details(out: &mut Vec<Detail>, old: &BodyShape, new: &BodyShape) {
    if old.kind != new.kind {
        out.push(detail(
            "body",
            Some(old.kind.clone()),
            Some(new.kind.clone()),
            true,
        ));
        return;
    }
    fields(out, "body field", &old.fields, &new.fields);
}

/// Field by field: removed and retyped fields break getters and setters;
/// added ones are optional (every setter is).
fn fields(
    out: &mut Vec<Detail>,
    label: &str,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for name in names {
        let what = format!("{label} {name}");
        match (old.get(name), new.get(name)) {
            (Some(o), Some(n)) if o != n => {
                out.push(detail(&what, Some(o.clone()), Some(n.clone()), true))
            }
            (Some(o), None) => out.push(detail(&what, Some(o.clone()), None, true)),
            (None, Some(n)) => out.push(detail(&what, None, Some(n.clone()), false)),
            _ => {}
        }
    }
}

/// The changes of a model or enum present on both sides.
pub fn model_details(old: &ModelSurface, new: &ModelSurface) -> Vec<Detail> {
    let mut out = Vec::new();
    compare(&mut out, "rust name", &old.rust_name, &new.rust_name, true);
    compare(&mut out, "kind", old.kind, new.kind, true);
    // A base gained only adds inherited accessors; one lost or swapped
    // takes some away.
    let base = |b: &Option<String>| b.clone().unwrap_or_else(|| "none".to_owned());
    let lost = old.base.is_some();
    compare(&mut out, "base", &base(&old.base), &base(&new.base), lost);
    fields(&mut out, "property", &old.fields, &new.fields);
    members(&mut out, &old.members, &new.members);
    out
}

/// Enum members by lower-cased wire name: a removed one breaks code that
/// names its variant; an added one or a re-cased wire value does not.
fn members(out: &mut Vec<Detail>, old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for key in keys {
        match (old.get(key), new.get(key)) {
            (Some(o), None) => out.push(detail("member", Some(o.clone()), None, true)),
            (None, Some(n)) => out.push(detail("member", None, Some(n.clone()), false)),
            (Some(o), Some(n)) if o != n => out.push(detail(
                "member wire value",
                Some(o.clone()),
                Some(n.clone()),
                false,
            )),
            _ => {}
        }
    }
}

/// Per kind, how the permission lists changed (empty when none did).
pub fn permission_changes(old: &Permissions, new: &Permissions) -> Vec<PermissionChange> {
    let kinds = [
        ("delegated_work", &old.delegated_work, &new.delegated_work),
        (
            "delegated_personal",
            &old.delegated_personal,
            &new.delegated_personal,
        ),
        ("application", &old.application, &new.application),
    ];
    kinds
        .into_iter()
        .filter(|(_, o, n)| o != n)
        .map(|(kind, o, n)| permission_change(kind, o, n))
        .collect()
}

fn permission_change(kind: &str, old: &[String], new: &[String]) -> PermissionChange {
    let not_in = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|x| !b.contains(x)).cloned().collect()
    };
    let added = not_in(new, old);
    let removed = not_in(old, new);
    PermissionChange {
        kind: kind.to_owned(),
        old: old.to_vec(),
        new: new.to_vec(),
        least_changed: old.first() != new.first(),
        reordered: added.is_empty() && removed.is_empty(),
        added,
        removed,
    }
}
