//! Rust names for the path tree, settled once per area (see `NAMING.md`).
//!
//! Methods: a literal segment is its snake case (`deviceImages` →
//! `device_images`); `$value`/`$count`/`$ref`/`$entity` are `value`/`count`/
//! `reference`/`entity`; a qualified name drops `microsoft.`
//! (`microsoft.graph.fooBar` → `graph_foo_bar`); a placeholder is `by_id`; a
//! colon path is `by_path`; a function is its snake-cased name, or
//! `name_with_a_and_b` when another function or segment at the same node
//! would get the same name. A segment named like a terminal call (`get`,
//! `post`, `patch`, `put`, `delete`) gets `_path`. Remaining clashes get
//! `_2`, `_3`, ... in the order first seen (file order). A listing `GET`
//! (a page of items) also gets `count` for `$count`, after the segments
//! (so `count_2` when a segment is already named `count`).
//!
//! Structs: the area root is the area in upper camel case
//! (`DeviceManagement`); any other node joins the words of the segments after
//! the area (`VirtualEndpointDeviceImagesItemReupload`), a placeholder being
//! `Item`, a colon path `Path`; clashes get `2`, `3`, ...

use std::collections::BTreeMap;

use crate::ident::{self, Scope};
use crate::ir::api::{Edge, Node, ResponseKind, Segment};
use crate::ir::page::HttpMethod;

/// The names of the terminal calls, reserved on every builder.
pub const TERMINALS: [&str; 5] = ["get", "post", "patch", "put", "delete"];

/// Names the entry functions, structs, methods and function parameters of
/// one area (`module` is the area's module name, already unique).
pub(crate) fn name_area(wire: &str, module: &str, entries: &mut [Edge], nodes: &mut [Node]) {
    name_entries(module, entries);
    name_structs(wire, entries, nodes);
    for node in nodes.iter_mut() {
        name_edges(node);
    }
}

/// The literal entry is the module name; alternate-key entries are
/// `<module>_with_<args>` (or the module name when there is no literal entry
/// and no other alternate key).
fn name_entries(module: &str, entries: &mut [Edge]) {
    let shared = entries.len() > 1;
    let mut scope = Scope::new();
    for entry in entries.iter_mut() {
        let name = match &mut entry.segment {
            Segment::Function { args, .. } if shared && !args.is_empty() => {
                name_args(args);
                let args: Vec<&str> = args.iter().map(|a| bare(&a.rust_name)).collect();
                format!("{}_with_{}", bare(module), args.join("_and_"))
            }
            Segment::Function { args, .. } => {
                name_args(args);
                module.to_owned()
            }
            _ => module.to_owned(),
        };
        entry.rust_name = scope.claim(&name);
    }
}

fn name_structs(wire: &str, entries: &[Edge], nodes: &mut [Node]) {
    let mut words: Vec<String> = vec![String::new(); nodes.len()];
    let mut roots: Vec<Option<String>> = vec![None; nodes.len()];
    for entry in entries {
        roots[entry.target] = Some(match entry.segment {
            Segment::Literal { .. } => ident::type_name(wire),
            _ => {
                words[entry.target] = entry.rust_name.replace('_', " ");
                ident::type_name(&words[entry.target])
            }
        });
    }
    let mut scope = Scope::new();
    for at in 0..nodes.len() {
        let is_area = roots[at].is_some() && words[at].is_empty();
        let name = roots[at]
            .take()
            .unwrap_or_else(|| ident::type_name(&words[at]));
        nodes[at].struct_name = scope.claim_type(&name);
        for edge in &nodes[at].edges {
            let word = segment_word(&edge.segment);
            // Names start after the area (`users().manager()` is
            // `Manager`), but a key or path right under it takes the
            // area's name (`users().by_id(id)` is `UsersItem`, not `Item`).
            let keyed = matches!(
                edge.segment,
                Segment::Key { .. } | Segment::ColonPath { .. }
            );
            let parent = if is_area && keyed { wire } else { &words[at] };
            words[edge.target] = format!("{parent} {word}");
        }
    }
}

fn segment_word(segment: &Segment) -> String {
    match segment {
        Segment::Literal { wire } => {
            let wire = wire.strip_prefix("microsoft.").unwrap_or(wire);
            wire.trim_start_matches('$').replace('.', " ")
        }
        Segment::Key { .. } => "item".to_owned(),
        Segment::ColonPath { .. } => "path".to_owned(),
        Segment::Function { name, .. } => {
            let name = name.strip_prefix("microsoft.").unwrap_or(name);
            name.replace('.', " ")
        }
    }
}

fn name_edges(node: &mut Node) {
    for edge in &mut node.edges {
        if let Segment::Function { args, .. } = &mut edge.segment {
            name_args(args);
        }
    }
    let preferred: Vec<String> = node
        .edges
        .iter()
        .map(|e| preferred_name(&e.segment))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &preferred {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    let mut names = Vec::with_capacity(preferred.len());
    for (edge, name) in node.edges.iter().zip(&preferred) {
        let shared = counts.get(name.as_str()).copied().unwrap_or(0) > 1;
        names.push(match &edge.segment {
            Segment::Function { args, .. } if shared && !args.is_empty() => {
                let args: Vec<&str> = args.iter().map(|a| bare(&a.rust_name)).collect();
                format!("{}_with_{}", bare(name), args.join("_and_"))
            }
            _ => name.clone(),
        });
    }
    let mut scope = Scope::new();
    for terminal in TERMINALS {
        scope.reserve(terminal);
    }
    for (edge, name) in node.edges.iter_mut().zip(names) {
        edge.rust_name = scope.claim(&name);
    }
    name_count(node, &mut scope);
}

/// A listing `GET` also gets its `$count` call, unless the docs already
/// give the collection a `$count` segment of its own, and, when it lists
/// models, `cast::<T>()` for a derived type.
fn name_count(node: &mut Node, scope: &mut Scope) {
    let documented = node.edges.iter().any(
        |e| matches!(&e.segment, Segment::Literal { wire } if wire.eq_ignore_ascii_case("$count")),
    );
    let list = node
        .endpoints
        .iter_mut()
        .find(|e| e.method == HttpMethod::Get && matches!(e.returns, ResponseKind::Page(_)));
    let Some(list) = list else {
        return;
    };
    if !documented {
        list.count = Some(scope.claim("count"));
    }
    if matches!(
        &list.returns,
        ResponseKind::Page(crate::ir::api::Accessor::Model(_))
    ) {
        list.cast = Some(scope.claim("cast"));
    }
}

/// Parameter names arrive cleaned from the tree (`ident::field_name` of the
/// argument or placeholder name); here they are made unique per function.
fn name_args(args: &mut [crate::ir::api::FunctionArg]) {
    let mut scope = Scope::new();
    for arg in args {
        arg.rust_name = scope.claim(&arg.rust_name);
    }
}

fn preferred_name(segment: &Segment) -> String {
    let name = match segment {
        Segment::Key { .. } => return "by_id".to_owned(),
        Segment::ColonPath { .. } => return "by_path".to_owned(),
        Segment::Literal { wire } => match wire.as_str() {
            "$value" => return "value".to_owned(),
            "$count" => return "count".to_owned(),
            "$ref" => return "reference".to_owned(),
            "$entity" => return "entity".to_owned(),
            _ => ident::field_name(wire.strip_prefix("microsoft.").unwrap_or(wire)),
        },
        Segment::Function { name, .. } => {
            ident::field_name(name.strip_prefix("microsoft.").unwrap_or(name))
        }
    };
    if TERMINALS.contains(&name.as_str()) {
        format!("{name}_path")
    } else {
        name
    }
}

fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}
