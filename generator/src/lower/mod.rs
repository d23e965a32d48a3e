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
mod place;
pub use place::type_text;
mod spelling;
pub mod template;
mod tree;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ident::{self, Scope};
use crate::ir::api::{Accessor, Api, Area, Node, ResponseKind, VersionApi};
use crate::ir::page::{ApiVersion, HttpMethod, Page};
pub use endpoint::doc_url;
use filter::PathFilter;
use models::AreaRoots;
pub use naming::TERMINALS;
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
    // Not run side by side with `declare` (rayon::join): that moved where
    // the huge page's model is built and raised generate's peak on the
    // 20 MB page from about 9x to 10.4x its size.
    let all_templates = place::templates_by_precedence(pages);
    let mut declared = models::declare(pages);
    let templates: Vec<_> = all_templates
        .iter()
        .filter(|(_, op, written)| filter.keeps(op.method, written))
        .copied()
        .collect();
    let (mut trees, outcomes) = place::place_all(&declared, &templates);
    let mut stats = LowerStats {
        templates: templates.len(),
        ..LowerStats::default()
    };
    let mut refused = Vec::new();
    for ((page, op, written), outcome) in templates.iter().zip(outcomes) {
        match outcome {
            Ok(dropped) => {
                stats.lowered += 1;
                stats.dropped_duplicates += usize::from(dropped);
            }
            Err(reason) => refused.push(Refused {
                file: page.file.clone(),
                line: op.line,
                method: op.method,
                template: (*written).clone(),
                reason,
            }),
        }
    }
    place::place_root_aliases(&mut trees, &declared, &all_templates, filter);
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

/// Names everything, orders areas by module name, splits the large ones and
/// gates each version's models by its areas' features. A version appears
/// when it has areas, or models and no filter (`prune`).
fn assemble(
    trees: BTreeMap<(ApiVersion, String), TreeBuilder>,
    declared: &mut BTreeMap<ApiVersion, models::DeclaredModels>,
    options: &LowerOptions,
    prune: bool,
) -> Api {
    let settled: Vec<_> = trees
        .into_par_iter()
        .map(|((version, _), mut tree)| {
            let models = &declared[&version];
            tree.settle_spellings(&|node| declared_below(node, models));
            let wire = spelling::choose(&tree.area_spellings, &[]).unwrap_or_default();
            (version, wire, tree)
        })
        .collect();
    let mut versions: BTreeMap<ApiVersion, Vec<(String, TreeBuilder)>> = BTreeMap::new();
    for (version, wire, tree) in settled {
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
    // Module names are claimed in order; the areas are then named in
    // parallel (each on its own), their roots kept in order.
    let claimed: Vec<_> = trees
        .into_iter()
        .map(|(wire, tree)| {
            let module = scope.claim(&ident::module_name(&wire));
            (wire, module, tree)
        })
        .collect();
    let named: Vec<(Area, Vec<AreaRoots>)> = claimed
        .into_par_iter()
        .map(|(wire, module, tree)| {
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
            let roots = parts::split(&mut area, &tree.roots, split_at);
            (area, roots)
        })
        .collect();
    let mut roots = Vec::new();
    let mut areas = Vec::with_capacity(named.len());
    for (area, area_roots) in named {
        areas.push(area);
        roots.extend(area_roots);
    }
    areas.sort_by(|a, b| a.module.cmp(&b.module));
    (areas, roots)
}

#[cfg(test)]
mod tests;
