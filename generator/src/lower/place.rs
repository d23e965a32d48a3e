//! Placing path templates into their trees: one tree per API version and
//! area, each operation attached at its template's node. Templates are
//! placed in precedence order (the first to document a request keeps it);
//! the trees are independent, so they are built in parallel.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::filter::PathFilter;
use super::models::{self, TypeIndex};
use super::template::{self, Piece};
use super::tree::TreeBuilder;
use super::{calls, endpoint};
use crate::ir::api::Segment;
use crate::ir::page::{ApiVersion, Operation, Page, Parameter, TypeRef};

/// A tree's key: its version and area (the first segment, lower case).
pub(super) type TreeKey = (ApiVersion, String);
/// Every tree, by key.
pub(super) type Trees = BTreeMap<TreeKey, TreeBuilder>;
/// A template as written on a page, with the page and its operation.
pub(super) type Template<'p> = (&'p Page, &'p Operation, &'p String);

/// Every path template of every operation, in the order that decides which
/// page documents a request several pages write (the first placed is kept,
/// the others are listed in its docs): pages of the shared docs before
/// Intune workload pages, a path written plainly before one written with a
/// query (`GET /users/{id}?$expand=manager` documents something else), then
/// file order.
pub(super) fn templates_by_precedence(pages: &[Page]) -> Vec<Template<'_>> {
    let mut order: Vec<&Page> = pages.iter().collect();
    order.sort_by(|a, b| a.file.cmp(&b.file));
    let mut templates: Vec<Template<'_>> = order
        .into_iter()
        .flat_map(|page| {
            let ops = page.operations.iter();
            ops.flat_map(move |op| op.paths.iter().map(move |path| (page, op, path)))
        })
        .collect();
    // A stable sort: file order stays within each rank.
    templates.sort_by_key(|(page, op, path)| {
        let with_query = op.path_queries.iter().any(|q| &q.path == *path);
        (page.is_intune_workload(), with_query)
    });
    templates
}

/// A drive's `root` is its root item: `…/drive/items/{parent-id}:/{name}:/content`
/// is also sent as `…/drive/root:/{name}:/content`, the form the docs' own
/// examples use (uploading into a folder by path). Placed after every
/// documented template, so that a page documenting the `root:` form keeps
/// it; not counted as templates.
pub(super) fn place_root_aliases(
    trees: &mut Trees,
    declared: &BTreeMap<ApiVersion, models::DeclaredModels>,
    templates: &[Template<'_>],
    filter: &PathFilter,
) {
    for &(page, op, written) in templates {
        let Some(alias) = root_alias(written) else {
            continue;
        };
        if filter.keeps(op.method, &alias) {
            // A refusal changes nothing; a documented form of the same
            // request keeps its own lines.
            let _ = place_alias(trees, declared, page, op, &alias);
        }
    }
}

/// Like [`place`] for an alias: nothing is attached where the method is
/// already documented, so the docs' own request lines stay as written.
fn place_alias(
    trees: &mut Trees,
    declared: &BTreeMap<ApiVersion, models::DeclaredModels>,
    page: &Page,
    op: &Operation,
    alias: &str,
) -> Result<bool, String> {
    let (Some(version), Ok(pieces)) = (page.version, template::parse(alias)) else {
        return Ok(false);
    };
    let documented = area_key(&pieces)
        .and_then(|area| trees.get(&(version, area)))
        .and_then(|tree| tree.find_node(&pieces).map(|at| &tree.nodes[at]))
        .is_some_and(|node| node.endpoints.iter().any(|e| e.method == op.method));
    if documented {
        return Ok(false);
    }
    place(trees, declared, page, op, alias)
}

/// The tree a template goes to: its first segment, up to case (areas, like
/// every segment, are one up to case; named in `assemble`).
fn area_key(pieces: &[Piece]) -> Option<String> {
    match pieces.first() {
        Some(Piece::Literal(name) | Piece::Function { name, .. }) => {
            Some(name.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// `/drive/items/{id}:/` (or `/drives/{d}/items/{id}:/`) → `/drive/root:/`.
pub(super) fn root_alias(written: &str) -> Option<String> {
    let at = written.find("/items/{")?;
    let before = &written[..at];
    let in_drive = before.ends_with("/drive") || before.rsplit('/').nth(1) == Some("drives");
    let close = at + written[at..].find("}:/")?;
    (in_drive && !written[at + "/items/{".len()..close].contains('/'))
        .then(|| format!("{before}/root{}", &written[close + 1..]))
}

/// Parses one template and attaches its operation; `Ok(true)` when the
/// operation was dropped as a duplicate.
fn place(
    trees: &mut Trees,
    declared: &BTreeMap<ApiVersion, models::DeclaredModels>,
    page: &Page,
    op: &Operation,
    written: &str,
) -> Result<bool, String> {
    let (key, pieces) = placement(page, written)?;
    let index = &declared[&key.0].index;
    attach_to(
        trees.entry(key).or_default(),
        index,
        page,
        op,
        written,
        &pieces,
    )
}

/// Places every template, in the order given, and says for each whether
/// it was placed (`Ok(true)`: dropped as a duplicate) or why not. A
/// template reaches one tree only, and each tree is built from its own
/// templates in the order given, so building the trees in parallel gives
/// the trees that placing one template at a time would.
pub(super) fn place_all(
    declared: &BTreeMap<ApiVersion, models::DeclaredModels>,
    templates: &[Template<'_>],
) -> (Trees, Vec<Result<bool, String>>) {
    let placements: Vec<_> = templates
        .par_iter()
        .map(|(page, _, written)| placement(page, written))
        .collect();
    let mut outcomes: Vec<Result<bool, String>> = vec![Ok(false); templates.len()];
    let mut by_tree: BTreeMap<TreeKey, Vec<(usize, Vec<Piece>)>> = BTreeMap::new();
    for (at, placement) in placements.into_iter().enumerate() {
        match placement {
            Ok((key, pieces)) => by_tree.entry(key).or_default().push((at, pieces)),
            Err(reason) => outcomes[at] = Err(reason),
        }
    }
    let built: Vec<_> = by_tree
        .into_par_iter()
        .map(|(key, members)| {
            let index = &declared[&key.0].index;
            let mut tree = TreeBuilder::default();
            let placed: Vec<_> = members
                .into_iter()
                .map(|(at, pieces)| {
                    let (page, op, written) = templates[at];
                    (at, attach_to(&mut tree, index, page, op, written, &pieces))
                })
                .collect();
            (key, tree, placed)
        })
        .collect();
    let mut trees = Trees::new();
    for (key, tree, placed) in built {
        for (at, outcome) in placed {
            outcomes[at] = outcome;
        }
        trees.insert(key, tree);
    }
    (trees, outcomes)
}

/// The tree a template goes to (its version and area) and its pieces.
fn placement(page: &Page, written: &str) -> Result<(TreeKey, Vec<Piece>), String> {
    let version = page
        .version
        .ok_or_else(|| "the page is not under a version folder".to_owned())?;
    let pieces = template::parse(written).map_err(|e| e.to_string())?;
    let area = area_key(&pieces).ok_or_else(|| "no area segment".to_owned())?;
    Ok(((version, area), pieces))
}

/// Attaches an operation at its template's node of `tree`.
fn attach_to(
    tree: &mut TreeBuilder,
    index: &TypeIndex,
    page: &Page,
    op: &Operation,
    written: &str,
    pieces: &[Piece],
) -> Result<bool, String> {
    let at = tree
        .insert(pieces)
        .ok_or_else(|| "no area segment".to_owned())?;
    describe_args(tree, pieces, &op.function_parameters);
    let raw_value = matches!(pieces.last(), Some(Piece::Literal(l)) if l == "$value");
    let call = endpoint::Call {
        page,
        op,
        written,
        body: calls::body_kind(op, index),
        returns: calls::response_kind(op, raw_value, index),
    };
    let attached = endpoint::attach(&mut tree.nodes[at], call);
    if attached == endpoint::Attached::New {
        tree.roots.add(at, op);
    }
    Ok(attached == endpoint::Attached::Dropped)
}

/// Fills function argument types and descriptions from the page's parameter
/// table, where the argument has none yet.
fn describe_args(tree: &mut TreeBuilder, pieces: &[Piece], params: &[Parameter]) {
    if params.is_empty() {
        return;
    }
    let Some((entry, edges)) = tree.find_path(pieces) else {
        return;
    };
    let mut at = tree.entries[entry].target;
    describe_segment(&mut tree.entries[entry].segment, params);
    for edge in edges {
        let edge = &mut tree.nodes[at].edges[edge];
        at = edge.target;
        describe_segment(&mut edge.segment, params);
    }
}

fn describe_segment(segment: &mut Segment, params: &[Parameter]) {
    let Segment::Function { args, .. } = segment else {
        return;
    };
    for arg in args.iter_mut().filter(|a| a.type_name.is_none()) {
        let wanted = if arg.wire.is_empty() {
            &arg.rust_name
        } else {
            &arg.wire
        };
        let found = params
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(wanted) || p.rust_name == arg.rust_name);
        if let Some(param) = found {
            arg.type_name = Some(type_text(&param.type_ref));
            arg.description = param.description.clone();
        }
    }
}

/// A type as the docs would write it: `String`, `Collection(user)`.
pub fn type_text(type_ref: &TypeRef) -> String {
    match type_ref {
        TypeRef::Primitive { name } => format!("{name:?}"),
        TypeRef::Named { name, .. } => name.clone(),
        TypeRef::Collection { item } => format!("Collection({})", type_text(item)),
        TypeRef::Unknown { text } => text.clone(),
    }
}
