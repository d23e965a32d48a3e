//! Lowering: pages (`Vec<ir::Page>`) → the client surface ([`crate::ir::api::Api`]):
//! one merged path tree per API version and area, with Rust names settled.
//!
//! Pure: no I/O, output depends only on the pages (taken in file order).

mod actions;
mod calls;
mod endpoint;
pub mod filter;
pub mod models;
mod naming;
mod options;
pub mod parts;
mod spelling;
pub mod template;
mod tree;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ident::{self, Scope};
use crate::ir::api::{Accessor, Api, Area, Node, ResponseKind, Segment, VersionApi};
use crate::ir::page::{ApiVersion, HttpMethod, Operation, Page, Parameter, TypeRef};
pub use endpoint::doc_url;
use filter::PathFilter;
use models::AreaRoots;
pub use naming::TERMINALS;
use template::Piece;
use tree::TreeBuilder;

/// The lowered API with what could not be lowered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lowered {
    pub api: Api,
    /// Path templates that cannot be represented, with the reason.
    pub refused: Vec<Refused>,
    pub stats: LowerStats,
}

/// A path template left out of the client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub file: String,
    pub line: u32,
    pub method: HttpMethod,
    pub template: String,
    pub reason: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {} {}: {}",
            self.file,
            self.line,
            self.method.as_str(),
            self.template,
            self.reason
        )
    }
}

/// Counts over the path templates of all operations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LowerStats {
    /// Path templates of all operations (each `(operation, path)` once).
    pub templates: usize,
    /// Templates placed in a tree (reachable through the builders).
    pub lowered: usize,
    /// Operations not kept because an earlier one documents the same path
    /// and method (mentioned in the kept one's docs).
    pub dropped_duplicates: usize,
    /// Builder structs (tree nodes) over all areas.
    pub nodes: usize,
    /// Terminal calls over all nodes.
    pub endpoints: usize,
}

/// Lowers pages into the client surface, in three steps: declare each
/// version's models (their names are what calls resolve against), place
/// every path template in its area's tree, then name the areas and gate the
/// models by the areas that reach them.
pub fn lower(pages: &[Page]) -> Lowered {
    lower_with(pages, &LowerOptions::default())
}

/// What to lower besides the pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowerOptions {
    /// The request lines kept (when it leaves some out, only the models
    /// they reach are kept too).
    pub filter: PathFilter,
    /// Areas with at least this many terminal calls are split into parts.
    pub split_at: usize,
}

impl Default for LowerOptions {
    fn default() -> Self {
        LowerOptions {
            filter: PathFilter::default(),
            split_at: crate::settings::SPLIT_AT,
        }
    }
}

/// Like [`lower`], with a filter and a split threshold.
pub fn lower_with(pages: &[Page], options: &LowerOptions) -> Lowered {
    let filter = &options.filter;
    let mut declared = models::declare(pages);
    let mut trees: BTreeMap<(ApiVersion, String), TreeBuilder> = BTreeMap::new();
    let mut stats = LowerStats::default();
    let mut refused = Vec::new();
    for (page, op, written) in templates_by_precedence(pages) {
        if !filter.keeps(op.method, written) {
            continue;
        }
        stats.templates += 1;
        match place(&mut trees, &declared, page, op, written) {
            Ok(dropped) => {
                stats.lowered += 1;
                stats.dropped_duplicates += usize::from(dropped);
            }
            Err(reason) => refused.push(Refused {
                file: page.file.clone(),
                line: op.line,
                method: op.method,
                template: written.clone(),
                reason,
            }),
        }
    }
    place_root_aliases(&mut trees, &declared, pages, filter);
    refused.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    let api = assemble(trees, &mut declared, options, !filter.is_everything());
    for area in api.versions.iter().flat_map(|v| &v.areas) {
        stats.nodes += area.nodes.len();
        stats.endpoints += area.nodes.iter().map(|n| n.endpoints.len()).sum::<usize>();
    }
    Lowered {
        api,
        refused,
        stats,
    }
}

/// Every path template of every operation, in the order that decides which
/// page documents a request several pages write (the first placed is kept,
/// the others are listed in its docs): pages of the shared docs before
/// Intune workload pages, a path written plainly before one written with a
/// query (`GET /users/{id}?$expand=manager` documents something else), then
/// file order.
fn templates_by_precedence(pages: &[Page]) -> Vec<(&Page, &Operation, &String)> {
    let mut order: Vec<&Page> = pages.iter().collect();
    order.sort_by(|a, b| a.file.cmp(&b.file));
    let mut templates: Vec<(&Page, &Operation, &String)> = order
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
fn place_root_aliases(
    trees: &mut BTreeMap<(ApiVersion, String), TreeBuilder>,
    declared: &BTreeMap<ApiVersion, models::DeclaredModels>,
    pages: &[Page],
    filter: &PathFilter,
) {
    for (page, op, written) in templates_by_precedence(pages) {
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
    trees: &mut BTreeMap<(ApiVersion, String), TreeBuilder>,
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
fn root_alias(written: &str) -> Option<String> {
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
    trees: &mut BTreeMap<(ApiVersion, String), TreeBuilder>,
    declared: &BTreeMap<ApiVersion, models::DeclaredModels>,
    page: &Page,
    op: &Operation,
    written: &str,
) -> Result<bool, String> {
    let version = page
        .version
        .ok_or_else(|| "the page is not under a version folder".to_owned())?;
    let pieces = template::parse(written).map_err(|e| e.to_string())?;
    let area = area_key(&pieces).ok_or_else(|| "no area segment".to_owned())?;
    let tree = trees.entry((version, area)).or_default();
    let at = tree
        .insert(&pieces)
        .ok_or_else(|| "no area segment".to_owned())?;
    describe_args(tree, &pieces, &op.function_parameters);
    let raw_value = matches!(pieces.last(), Some(Piece::Literal(l)) if l == "$value");
    let index = &declared[&version].index;
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

/// Names everything, orders areas by module name, splits the large ones and
/// gates each version's models by its areas' features. A version appears
/// when it has areas, or models and no filter (`prune`).
fn assemble(
    trees: BTreeMap<(ApiVersion, String), TreeBuilder>,
    declared: &mut BTreeMap<ApiVersion, models::DeclaredModels>,
    options: &LowerOptions,
    prune: bool,
) -> Api {
    let mut versions: BTreeMap<ApiVersion, Vec<(String, TreeBuilder)>> = BTreeMap::new();
    for ((version, _), mut tree) in trees {
        let models = &declared[&version];
        tree.settle_spellings(&|node| declared_below(node, models));
        let wire = spelling::choose(&tree.area_spellings, &[]).unwrap_or_default();
        versions.entry(version).or_default().push((wire, tree));
    }
    for (version, models) in declared.iter() {
        if !models.is_empty() && !prune {
            versions.entry(*version).or_default();
        }
    }
    // The versions are independent from here on: assembled in parallel,
    // collected in version order.
    let jobs: Vec<_> = versions
        .into_iter()
        .map(|(version, trees)| (version, trees, declared.remove(&version)))
        .collect();
    let versions = jobs
        .into_par_iter()
        .map(|(version, trees, models)| {
            let (mut areas, roots) = name_areas(version, trees, options.split_at);
            let actions = actions::share(&mut areas);
            let models = models
                .map(|m| m.gated(version, &roots, prune))
                .unwrap_or_default();
            VersionApi {
                version,
                areas,
                models,
                actions,
            }
        })
        .collect();
    Api { versions }
}

/// The property names of the resource a node's `GET` returns: the names of
/// the segments below it.
fn declared_below(node: &Node, models: &models::DeclaredModels) -> Vec<String> {
    node.endpoints
        .iter()
        .find_map(|e| match (&e.method, &e.returns) {
            (HttpMethod::Get, ResponseKind::Model(Accessor::Model(name))) => {
                Some(models.property_names(name))
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// The named areas, and each one's feature with the types it reaches.
fn name_areas(
    version: ApiVersion,
    trees: Vec<(String, TreeBuilder)>,
    split_at: usize,
) -> (Vec<Area>, Vec<AreaRoots>) {
    let mut scope = Scope::new();
    // `models` is the version's models module (and `<version>-models`
    // feature); `full` is the `<version>-full` feature; `actions` holds the
    // actions' parameter objects.
    scope.reserve("models");
    scope.reserve("full");
    scope.reserve(crate::ir::api::ACTIONS_MODULE);
    let mut roots = Vec::new();
    let mut areas: Vec<Area> = trees
        .into_iter()
        .map(|(wire, tree)| {
            let module = scope.claim(&ident::module_name(&wire));
            let (mut entries, mut nodes) = (tree.entries, tree.nodes);
            naming::name_area(&wire, &module, &mut entries, &mut nodes);
            let feature = format!("{}-{}", version.module(), parts::feature_word(&module));
            let mut area = Area {
                wire,
                module,
                feature,
                entries,
                nodes,
                parts: Vec::new(),
            };
            roots.extend(parts::split(&mut area, &tree.roots, split_at));
            area
        })
        .collect();
    areas.sort_by(|a, b| a.module.cmp(&b.module));
    (areas, roots)
}

#[cfg(test)]
mod tests;
