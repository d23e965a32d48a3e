//! The structural surface of a doc checkout, as the generated crate sees it:
//! every operation by version, method and normalized path template, every
//! model and enum, each with the crate file it lands in. Built from the same
//! lowering the emitter reads, so names, kinds and files are the emitter's.
//! Descriptions and titles are left out: text-only edits are not changes.

use std::collections::{BTreeMap, BTreeSet};

use crate::emit::area_file_stem;
use crate::ir::api::{
    Accessor, Area, BodyKind, Edge, Field, ResponseKind, Segment, TypeDef, TypeKind, VersionApi,
};
use crate::ir::page::{ApiVersion, HttpMethod, Operation, Page, Permissions};
use crate::lower;

/// An operation's identity: version, method and the path template with
/// every placeholder written `{}` and literals lower-cased, so that a
/// renamed `{id}` or a re-cased segment is the same operation.
pub type OperationKey = (ApiVersion, HttpMethod, String);

/// A model's identity: version and qualified name, lower-cased.
pub type ModelKey = (ApiVersion, String);

/// One side of a diff.
#[derive(Clone, Debug, Default)]
pub struct Surface {
    pub operations: BTreeMap<OperationKey, OperationSurface>,
    pub models: BTreeMap<ModelKey, ModelSurface>,
    /// Page files (relative to the doc root): pages are paired by path.
    pub pages: BTreeSet<String>,
}

/// What the generated crate exposes for one operation.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationSurface {
    /// The area's first segment as written (`users`).
    pub area: String,
    /// The crate file holding the builders and the call (`src/v1_0/users.rs`).
    pub file: String,
    /// The path as the docs first write it (`/users/{id}`).
    pub path: String,
    /// The builder chain a caller writes (`users().by_id().get()`).
    pub call: String,
    pub status: Option<u16>,
    pub body: BodyShape,
    /// The `T` of `Request<T>` (`Page<User>`).
    pub response: String,
    /// The query options the page documents (`$select`, `odata`, custom names).
    pub query: Vec<String>,
    pub permissions: Permissions,
}

/// A request body: its kind and, for an action's parameter object, its fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BodyShape {
    /// `none`, `json`, `model User`, `parameters MeSendMailPostParameters`, `bytes`.
    pub kind: String,
    /// Field wire name → accessor type.
    pub fields: BTreeMap<String, String>,
}

/// What the generated crate exposes for one model or enum.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelSurface {
    /// `microsoft.graph.user`, as the docs write it.
    pub qualified: String,
    pub rust_name: String,
    pub file: String,
    /// `model` or `enum`.
    pub kind: &'static str,
    pub base: Option<String>,
    /// Property wire name lower-cased → accessor type (models).
    pub fields: BTreeMap<String, String>,
    /// Member wire name lower-cased → as written (enums). A re-cased
    /// member keeps its Rust variant, so it is compared apart.
    pub members: BTreeMap<String, String>,
}

impl Surface {
    /// The surface of `pages`, through the emitter's lowering.
    pub fn of(pages: &[Page]) -> Surface {
        let lowered = lower::lower(pages);
        let queries = query_options(pages);
        let mut surface = Surface {
            pages: pages.iter().map(|p| p.file.clone()).collect(),
            ..Surface::default()
        };
        for version in &lowered.api.versions {
            for area in &version.areas {
                add_area(&mut surface, version.version, area, &queries);
            }
            add_models(&mut surface, version);
        }
        surface
    }
}

/// Each operation's documented query options, by page file and line.
fn query_options(pages: &[Page]) -> BTreeMap<(&str, u32), Vec<String>> {
    let mut map = BTreeMap::new();
    for page in pages {
        for op in &page.operations {
            map.insert((page.file.as_str(), op.line), query_list(op));
        }
    }
    map
}

fn query_list(op: &Operation) -> Vec<String> {
    let mut list: Vec<String> = Vec::new();
    if op.query.odata {
        list.push("odata".to_owned());
    }
    list.extend(op.query.named.iter().cloned());
    list.extend(op.query.parameters.iter().map(|p| p.name.clone()));
    list.sort();
    list.dedup();
    list
}

/// Where a walk of the tree stands at a node: the builder chain, the
/// normalized path (the key) and a readable path.
#[derive(Clone, Debug, Default)]
struct Reached {
    chain: String,
    key: String,
    shown: String,
}

impl Reached {
    fn step(&self, edge: &Edge, first: bool) -> Reached {
        let (key, shown) = segment_text(&edge.segment);
        let chain = if first {
            format!("{}()", edge.rust_name)
        } else {
            format!("{}.{}()", self.chain, edge.rust_name)
        };
        Reached {
            chain,
            key: format!("{}/{key}", self.key),
            shown: format!("{}/{shown}", self.shown),
        }
    }
}

/// A segment as a key (placeholders `{}`, lower-cased) and as shown (the
/// first placeholder the docs write).
fn segment_text(segment: &Segment) -> (String, String) {
    // The first placeholder written; a concrete id a page wrote is not shown.
    let first = |written: &[String], default: &str| {
        let placeholder = written
            .iter()
            .find(|w| w.trim_matches('\'').starts_with('{'));
        placeholder.cloned().unwrap_or_else(|| default.to_owned())
    };
    match segment {
        Segment::Literal { wire } => (wire.to_lowercase(), wire.clone()),
        Segment::Key { written } => ("{}".to_owned(), first(written, "{id}")),
        Segment::ColonPath { written } => {
            (":{}:".to_owned(), format!(":{}:", first(written, "{path}")))
        }
        Segment::Function { name, args } => {
            let key_args: Vec<String> = args
                .iter()
                .map(|a| format!("{}={{}}", a.wire.to_lowercase()))
                .collect();
            let shown_args: Vec<String> = args
                .iter()
                .map(|a| format!("{}={}", a.wire, first(&a.written, "{}")))
                .collect();
            (
                format!("{}({})", name.to_lowercase(), key_args.join(",")),
                format!("{name}({})", shown_args.join(",")),
            )
        }
    }
}

/// Walks an area's tree from its entries, so each node gets the builder
/// chain that reaches it and its path built from the tree's segments (a
/// node's first written template may hold a concrete id).
fn add_area(
    surface: &mut Surface,
    version: ApiVersion,
    area: &Area,
    queries: &BTreeMap<(&str, u32), Vec<String>>,
) {
    let file = format!(
        "src/{}/{}.rs",
        version.module(),
        area_file_stem(&area.module)
    );
    let mut reached: Vec<Option<Reached>> = vec![None; area.nodes.len()];
    let mut stack: Vec<usize> = Vec::new();
    let root = Reached::default();
    for entry in area.entries.iter().rev() {
        if reached[entry.target].is_none() {
            reached[entry.target] = Some(root.step(entry, true));
            stack.push(entry.target);
        }
    }
    while let Some(at) = stack.pop() {
        let here = reached[at].clone().unwrap_or_default();
        for edge in area.nodes[at].edges.iter().rev() {
            if reached[edge.target].is_none() {
                reached[edge.target] = Some(here.step(edge, false));
                stack.push(edge.target);
            }
        }
    }
    for (node, here) in area.nodes.iter().zip(reached) {
        let Some(here) = here else {
            continue;
        };
        for endpoint in &node.endpoints {
            let key = (version, endpoint.method, here.key.clone());
            let query = queries
                .get(&(endpoint.file.as_str(), endpoint.line))
                .cloned()
                .unwrap_or_default();
            let op = OperationSurface {
                area: area.wire.clone(),
                file: file.clone(),
                path: here.shown.clone(),
                call: format!("{}.{}()", here.chain, endpoint.rust_name),
                status: endpoint.success_status,
                body: body_shape(&endpoint.body),
                response: response_text(&endpoint.returns),
                query,
                permissions: endpoint.permissions.clone(),
            };
            surface.operations.entry(key).or_insert(op);
        }
    }
}

/// `/users/{user-id}/photos('{size}')` → `/users/{}/photos({})`, lower-cased.
pub fn normalize_template(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
                if out.ends_with('\'') {
                    out.pop();
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                    }
                }
                out.push_str("{}");
            }
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn body_shape(body: &BodyKind) -> BodyShape {
    let (kind, fields) = match body {
        BodyKind::None => ("none".to_owned(), BTreeMap::new()),
        BodyKind::Json => ("json".to_owned(), BTreeMap::new()),
        BodyKind::Bytes => ("bytes".to_owned(), BTreeMap::new()),
        BodyKind::Model { model } => (format!("model {model}"), BTreeMap::new()),
        BodyKind::Parameters(object) => (
            format!("parameters {}", object.rust_name),
            field_types(&object.fields),
        ),
    };
    BodyShape { kind, fields }
}

fn field_types(fields: &[Field]) -> BTreeMap<String, String> {
    fields
        .iter()
        .map(|f| (f.wire.clone(), accessor_text(&f.accessor)))
        .collect()
}

/// The `T` of `Request<T>`, as a caller's code names it.
fn response_text(returns: &ResponseKind) -> String {
    match returns {
        ResponseKind::Unit => "()".to_owned(),
        ResponseKind::Json => "Value".to_owned(),
        ResponseKind::Binary => "Binary".to_owned(),
        ResponseKind::Model(accessor) => accessor_text(accessor),
        ResponseKind::Page(accessor) => format!("Page<{}>", accessor_text(accessor)),
    }
}

/// Field wire name → accessor type; for a model's properties the name is
/// lower-cased (the getter does not change with the wire name's case).
fn property_types(fields: &[Field]) -> BTreeMap<String, String> {
    fields
        .iter()
        .map(|f| (f.wire.to_lowercase(), accessor_text(&f.accessor)))
        .collect()
}

/// An accessor's Rust type, short: `String`, `User`, `Vec<i32>`.
pub fn accessor_text(accessor: &Accessor) -> String {
    match accessor {
        Accessor::Str => "String".to_owned(),
        Accessor::Model(name) | Accessor::Enum(name) => name.clone(),
        Accessor::List(item) => format!("Vec<{}>", accessor_text(item)),
        Accessor::Value => "Value".to_owned(),
        other => format!("{other:?}").to_lowercase(),
    }
}

fn add_models(surface: &mut Surface, version: &VersionApi) {
    let dir = format!("src/{}/models", version.version.module());
    for def in &version.models.types {
        let key = (version.version, def.qualified.to_lowercase());
        surface
            .models
            .entry(key)
            .or_insert_with(|| model_surface(&dir, def));
    }
}

fn model_surface(dir: &str, def: &TypeDef) -> ModelSurface {
    let file = format!("{dir}/{}.rs", def.module.trim_start_matches("r#"));
    let (kind, base, fields, members) = match &def.kind {
        TypeKind::Model { base, fields, .. } => (
            "model",
            base.clone(),
            property_types(fields),
            BTreeMap::new(),
        ),
        TypeKind::Enum { members, .. } => (
            "enum",
            None,
            BTreeMap::new(),
            members
                .iter()
                .map(|m| (m.wire.to_lowercase(), m.wire.clone()))
                .collect(),
        ),
    };
    ModelSurface {
        qualified: def.qualified.clone(),
        rust_name: def.rust_name.clone(),
        file,
        kind,
        base,
        fields,
        members,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_names_and_case_do_not_matter() {
        assert_eq!(
            normalize_template("/users/{user-id}/sendMail"),
            "/users/{}/sendmail"
        );
        assert_eq!(
            normalize_template("/reports/getTeamsUserActivityCounts(period='{period_value}')"),
            "/reports/getteamsuseractivitycounts(period={})"
        );
        assert_eq!(
            normalize_template("/users/{id | userPrincipalName}"),
            normalize_template("/Users/{id}")
        );
    }
}
