//! Cross-page pass: every named type is matched to the resource or enum page
//! that declares it (same API version), by link target, declared name or
//! qualified name, and takes the declared spelling.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::ir::page::{
    ApiVersion, Diagnostic, DiagnosticKind, Page, RequestBody, ResponseBody, TypeRef,
};

/// A declared type: the name references take, and its page.
struct Declared {
    name: String,
    page: String,
}

/// One version's declarations, and each lower-case key to the declaration
/// that claimed it first. Looked up by `&str`: no allocation per lookup.
#[derive(Default)]
struct VersionIndex {
    declared: Vec<Declared>,
    keys: HashMap<String, usize>,
}

impl VersionIndex {
    fn declare(&mut self, declared: Declared) -> usize {
        self.declared.push(declared);
        self.declared.len() - 1
    }

    /// Gives `key` to declaration `at` unless an earlier one has it.
    fn claim(&mut self, key: String, at: usize) {
        self.keys.entry(key).or_insert(at);
    }

    fn get(&self, key: &str) -> Option<&Declared> {
        self.declared.get(*self.keys.get(key)?)
    }
}

/// The declarations of each version: a type resolves only within its own.
struct Index {
    v1_0: VersionIndex,
    beta: VersionIndex,
}

impl Index {
    fn of(&self, version: ApiVersion) -> &VersionIndex {
        match version {
            ApiVersion::V1_0 => &self.v1_0,
            ApiVersion::Beta => &self.beta,
        }
    }
}

/// Resolves named types in place and warns about the ones no page declares.
pub fn resolve(pages: &mut [Page]) {
    let (v1_0, beta) = rayon::join(
        || build_index(pages, ApiVersion::V1_0),
        || build_index(pages, ApiVersion::Beta),
    );
    let index = Index { v1_0, beta };
    pages
        .par_iter_mut()
        .for_each(|page| resolve_page(&index, page));
}

fn resolve_page(index: &Index, page: &mut Page) {
    let Some(version) = page.version else {
        return;
    };
    let mut unresolved = Vec::new();
    for_each_type(page, &mut |type_ref, line| {
        resolve_one(index, version, type_ref, line, &mut unresolved)
    });
    resolve_base_type(index, version, page);
    unresolved.sort();
    unresolved.dedup();
    for (line, name) in unresolved {
        let message = format!(
            "type `{name}` is not declared by any page of {}",
            version.as_str()
        );
        page.diagnostics
            .push(Diagnostic::warning(line, message).of(DiagnosticKind::UndeclaredType));
    }
    page.diagnostics.sort();
}

/// Keys, most specific first: file stems, qualified names, declared names,
/// inline enum names. The first page to claim a key keeps it (file order).
fn build_index(pages: &[Page], version: ApiVersion) -> VersionIndex {
    let mut index = VersionIndex::default();
    // Most pages declare nothing; the rest, in declaration order (a stable
    // sort: file order within a rank).
    let mut by_folder: Vec<&Page> = pages
        .iter()
        .filter(|p| p.version == Some(version))
        .filter(|p| p.resource.is_some() || !p.enums.is_empty())
        .collect();
    by_folder.sort_by_cached_key(|p| p.declaration_rank());
    // (page, qualified name, declaration)
    let mut claims: Vec<(&Page, String, usize)> = Vec::new();
    for page in by_folder {
        let names = page.resource.iter().map(|r| (&r.name, &r.namespace));
        let names = names.chain(page.enums.iter().map(|e| (&e.name, &e.namespace)));
        for (name, namespace) in names {
            let qualified = format!("{namespace}.{name}");
            let shown = if namespace == "microsoft.graph" {
                name.clone()
            } else {
                qualified.clone()
            };
            let at = index.declare(Declared {
                name: shown,
                page: page.file.clone(),
            });
            claims.push((page, qualified, at));
        }
    }
    for (page, _, at) in &claims {
        if page.enums.len() <= 1 {
            index.claim(stem(&page.file).to_ascii_lowercase(), *at);
        }
    }
    for (_, qualified, at) in &claims {
        index.claim(qualified.to_ascii_lowercase(), *at);
    }
    for (_, _, at) in &claims {
        let name = &index.declared[*at].name;
        let bare = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
        index.claim(bare, *at);
    }
    add_inline_enums(pages, version, &mut index);
    index
}

fn add_inline_enums(pages: &[Page], version: ApiVersion, index: &mut VersionIndex) {
    for page in pages.iter().filter(|p| p.version == Some(version)) {
        let Some(resource) = &page.resource else {
            continue;
        };
        for e in &resource.inline_enums {
            let key = e.name.to_ascii_lowercase();
            if index.get(&key).is_none() {
                let at = index.declare(Declared {
                    name: e.name.clone(),
                    page: page.file.clone(),
                });
                index.claim(key, at);
            }
        }
    }
}

fn stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".md").unwrap_or(name)
}

fn lookup<'i>(index: &'i Index, version: ApiVersion, name: &str) -> Option<&'i Declared> {
    let lower = name.trim_start_matches('#').to_ascii_lowercase();
    let bare = lower.strip_prefix("microsoft.graph.").unwrap_or(&lower);
    let last = lower.rsplit('.').next().unwrap_or(&lower);
    let index = index.of(version);
    [lower.as_str(), bare, last]
        .iter()
        .find_map(|key| index.get(key))
}

fn resolve_one(
    index: &Index,
    version: ApiVersion,
    type_ref: &mut TypeRef,
    line: u32,
    unresolved: &mut Vec<(u32, String)>,
) {
    match type_ref {
        TypeRef::Named {
            name,
            page,
            link_text,
        } => {
            let by_text = || link_text.as_deref().and_then(|t| lookup(index, version, t));
            match lookup(index, version, name).or_else(by_text) {
                Some(found) => {
                    *name = found.name.clone();
                    *page = Some(found.page.clone());
                }
                None => unresolved.push((line, name.clone())),
            }
            // Read or not, the text has done its part; dropping it keeps the
            // IR the same in every language (translations change link text).
            *link_text = None;
        }
        TypeRef::Collection { item } => resolve_one(index, version, item, line, unresolved),
        TypeRef::Primitive { .. } | TypeRef::Unknown { .. } => {}
    }
}

fn resolve_base_type(index: &Index, version: ApiVersion, page: &mut Page) {
    let Some(resource) = &mut page.resource else {
        return;
    };
    let Some(base) = &resource.base_type else {
        return;
    };
    if let Some(found) = lookup(index, version, base) {
        let qualified = if found.name.contains('.') {
            found.name.clone()
        } else {
            format!("microsoft.graph.{}", found.name)
        };
        resource.base_type = Some(qualified);
    }
}

/// Visits every type of a page with the line it was read from.
fn for_each_type(page: &mut Page, visit: &mut impl FnMut(&mut TypeRef, u32)) {
    for op in &mut page.operations {
        let line = op.line;
        for p in op
            .function_parameters
            .iter_mut()
            .chain(op.query.parameters.iter_mut())
        {
            visit(&mut p.type_ref, line);
        }
        match &mut op.request_body {
            RequestBody::Resource { type_ref } => visit(type_ref, line),
            RequestBody::Properties {
                type_ref,
                properties,
            } => {
                if let Some(t) = type_ref {
                    visit(t, line);
                }
                properties
                    .iter_mut()
                    .for_each(|p| visit(&mut p.type_ref, line));
            }
            RequestBody::Parameters { parameters } => parameters
                .iter_mut()
                .for_each(|p| visit(&mut p.type_ref, line)),
            RequestBody::None | RequestBody::Binary | RequestBody::Unknown => {}
        }
        if let ResponseBody::Json { type_ref } = &mut op.response {
            visit(type_ref, line);
        }
    }
    if let Some(resource) = &mut page.resource {
        for p in resource
            .properties
            .iter_mut()
            .chain(resource.relationships.iter_mut())
        {
            visit(&mut p.type_ref, p.line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::context::NoIncludes;
    use crate::parse::page::read_page;

    const WIDGET: &str = "# widget resource type\n\nA widget.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\" } -->\n```json\n{ \"id\": \"String\" }\n```\n";

    fn gadget(link: &str) -> String {
        format!("# gadget resource type\n\nA gadget.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| parts | {link} collection | The parts. |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gadget\" }} -->\n```json\n{{ \"parts\": [] }}\n```\n")
    }

    fn parts_type(link: &str) -> TypeRef {
        let mut pages = vec![
            read_page(
                "api-reference/v1.0/resources/widget.md",
                WIDGET.as_bytes(),
                &NoIncludes,
            ),
            read_page(
                "api-reference/v1.0/resources/gadget.md",
                gadget(link).as_bytes(),
                &NoIncludes,
            ),
        ];
        resolve(&mut pages);
        let gadget = pages[1].resource.as_ref().expect("gadget resource");
        gadget.properties[0].type_ref.clone()
    }

    #[test]
    fn a_link_to_a_missing_page_resolves_by_its_text() {
        let resolved = TypeRef::collection(TypeRef::Named {
            name: "widget".to_owned(),
            page: Some("api-reference/v1.0/resources/widget.md".to_owned()),
            link_text: None,
        });
        assert_eq!(parts_type("[widget](intune-shared-widget.md)"), resolved);
        assert_eq!(parts_type("[widget](widget.md)"), resolved);
        let TypeRef::Collection { item } = parts_type("[gizmo](intune-shared-gizmo.md)") else {
            panic!("a collection");
        };
        assert!(
            matches!(*item, TypeRef::Named { page: None, .. }),
            "{item:?}"
        );
    }
}
