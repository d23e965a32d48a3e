//! Resource pages (properties, relationships, JSON representation, base type,
//! inline enums) and enum pages (members).

use serde_json::{Map, Value};

use crate::ident;
use crate::ir::page::{
    Diagnostic, DiagnosticKind, EnumMember, Enumeration, JsonBlock, Page, Property, Resource,
    TypeRef,
};

use super::annotation::Annotation;
use super::context::PageContext;
use super::document::{Block, BlockKind, Code, Table};
use super::json;
use super::scan::mentions_any;
use super::sections::Section;
use super::tables::{
    clean_name, column, is_wire_name, NameTypeColumns, DESCRIPTION_LABELS, NAME_LABELS,
    TYPE_LABELS, VALUE_LABELS,
};
use super::type_names::{linked_type, type_of_cell};

pub fn read_resource(ctx: &PageContext<'_>, page: &mut Page) {
    let json_code = json_representation(ctx);
    let annotation = json_code.and_then(|(_, code)| code.annotation.as_ref());
    let (name, namespace) = declared_name(ctx, page, annotation);
    let (json_representation, sample) =
        match json_code.map(|(block, code)| json_block(ctx, block, code)) {
            Some((block, sample)) => (Some(block), sample),
            None => (None, Map::new()),
        };
    if let Some(block) = json_representation
        .as_ref()
        .filter(|b| json::is_unterminated_after(&b.text, b.error.is_none()))
    {
        // At the opening fence: an empty block has no line of its own.
        let fence_line = block.line - 1;
        let message = "the JSON representation ends before its value does (unterminated): its property types and names are not used";
        page.diagnostics
            .push(Diagnostic::warning(fence_line, message).of(DiagnosticKind::JsonRepresentation));
    }
    let mut properties = Vec::new();
    let mut relationships = Vec::new();
    if let Some(section) = ctx.outline.find(&["properties"]) {
        properties = read_properties(ctx, section, &sample, &mut page.diagnostics);
    } else {
        page.diagnostics.push(
            Diagnostic::warning(1, "resource page without a Properties section")
                .of(DiagnosticKind::ResourceTable),
        );
    }
    if let Some(section) = ctx.outline.find(&["relationships"]) {
        relationships = read_properties(ctx, section, &sample, &mut page.diagnostics);
    }
    page.resource = Some(Resource {
        rust_name: ident::type_name(&name),
        name,
        namespace,
        base_type: base_type(ctx, annotation),
        key_property: annotation.and_then(|a| a.key_property.clone()),
        open_type: annotation.and_then(|a| a.open_type).unwrap_or(false),
        is_abstract: annotation.and_then(|a| a.is_abstract).unwrap_or(false),
        properties,
        relationships,
        inline_enums: inline_enums(ctx, page.namespace.as_deref()),
        json_representation,
    });
}

/// An enum page declares one enum (a Members table) or, like `enums.md`,
/// one enum per `### x values` section.
pub fn read_enum(ctx: &PageContext<'_>, page: &mut Page) {
    let section = ctx.outline.find(&["members", "values", "properties"]);
    let members = section
        .map(|s| members_in(s.blocks(ctx.document)))
        .unwrap_or_default();
    if !members.is_empty() {
        let (name, namespace) = declared_name(ctx, page, None);
        page.enums = vec![Enumeration {
            rust_name: ident::type_name(&name),
            name,
            namespace,
            members,
        }];
        return;
    }
    page.enums = inline_enums(ctx, page.namespace.as_deref());
    if page.enums.is_empty() {
        page.diagnostics.push(
            Diagnostic::error(1, "enum page without a members table")
                .of(DiagnosticKind::ResourceTable),
        );
    }
}

/// The type's declared name and namespace: the `@odata.type` of the JSON
/// representation, else the first word of the title (`x resource type`, in
/// any language), else the file name.
fn declared_name(
    ctx: &PageContext<'_>,
    page: &Page,
    annotation: Option<&Annotation>,
) -> (String, String) {
    let page_namespace = page
        .namespace
        .clone()
        .unwrap_or_else(|| "microsoft.graph".to_owned());
    if let Some(qualified) = annotation.and_then(|a| a.odata_type.as_deref()) {
        let qualified = qualified.trim_start_matches('#');
        if let Some((namespace, name)) = qualified.rsplit_once('.') {
            if is_wire_name(name) && namespace.starts_with("microsoft.") {
                return (name.to_owned(), namespace.to_owned());
            }
        }
    }
    let title_word = page
        .title
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()));
    let name = match title_word {
        Some(word)
            if is_wire_name(word)
                && word.chars().next().is_some_and(|c| c.is_ascii_lowercase()) =>
        {
            word.to_owned()
        }
        _ => file_stem(ctx.file)
            .rsplit('-')
            .next()
            .unwrap_or_default()
            .to_owned(),
    };
    let name = name.rsplit('.').next().unwrap_or(&name).to_owned();
    (name, page_namespace)
}

fn file_stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The first fenced block of the JSON representation section, or else the
/// first block annotated `resource`.
fn json_representation<'d>(ctx: &PageContext<'d>) -> Option<(&'d Block, &'d Code)> {
    let code = |b: &'d Block| match &b.kind {
        BlockKind::Code(c) => Some((b, c)),
        _ => None,
    };
    if let Some(section) = ctx.outline.find(&["json-representation"]) {
        if let Some(found) = section.blocks(ctx.document).iter().find_map(code) {
            return Some(found);
        }
    }
    ctx.document.blocks.iter().filter_map(code).find(|(_, c)| {
        c.annotation
            .as_ref()
            .is_some_and(|a| a.block_type == "resource")
    })
}

/// The block as written, and its top-level object (empty when it is not one).
fn json_block(
    ctx: &PageContext<'_>,
    block: &Block,
    code: &Code,
) -> (JsonBlock, Map<String, Value>) {
    let text = code.text.trim_end().to_owned();
    let (error, sample) = match json::parse_lenient(&text) {
        Ok(Value::Object(map)) => (None, map),
        Ok(_) => (None, Map::new()),
        Err(e) => (Some(e), Map::new()),
    };
    (
        JsonBlock {
            line: ctx.line(block) + 1,
            text,
            error,
        },
        sample,
    )
}

/// Base type from the annotation (`baseType`), else from an "Inherits from
/// [x](x.md)" sentence (any language: a sentence whose only link is a
/// resource page, before the first section, or the description).
fn base_type(ctx: &PageContext<'_>, annotation: Option<&Annotation>) -> Option<String> {
    if let Some(declared) = annotation.and_then(|a| a.base_type.clone()) {
        return declared;
    }
    ctx.outline
        .intro(ctx.document)
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Paragraph(p) if says_inherits(&p.inline.text) => {
                p.inline.links().iter().find_map(|l| linked_type(&l.target))
            }
            _ => None,
        })
}

fn says_inherits(text: &str) -> bool {
    mentions_any(
        text,
        &[
            "inherits from",
            "derived from",
            "derives from",
            "继承自",
            "派生自",
        ],
    )
}

/// Every property table of a section (not the `### x values` enum tables).
fn read_properties(
    ctx: &PageContext<'_>,
    section: &Section,
    sample: &Map<String, Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Property> {
    let mut properties = Vec::new();
    let mut in_values = false;
    for block in section.blocks(ctx.document) {
        match &block.kind {
            BlockKind::Heading(h) if !h.is_tab => {
                in_values = h.key.ends_with("-values") || h.key.ends_with("-value")
            }
            BlockKind::Table(t) if !in_values && column(t, TYPE_LABELS).is_some() => {
                read_property_rows(t, &mut properties);
            }
            _ => {}
        }
    }
    let json_keys: Vec<String> = sample.keys().cloned().collect();
    recover_translated_names(&mut properties, &json_keys, diagnostics);
    for property in properties.iter_mut().filter(|p| !p.type_ref.is_known()) {
        let written = match &property.type_ref {
            TypeRef::Unknown { text } => text.clone(),
            _ => String::new(),
        };
        let message = match sample.get(&property.name).and_then(json::placeholder_type) {
            Some(type_ref) => {
                property.type_ref = type_ref;
                format!("property `{}`: type `{written}` not recognized; taken from the JSON representation", property.name)
            }
            None => format!(
                "property `{}`: type `{written}` not recognized",
                property.name
            ),
        };
        diagnostics.push(Diagnostic::warning(property.line, message).of(DiagnosticKind::Property));
    }
    properties
}

fn read_property_rows(table: &Table, out: &mut Vec<Property>) {
    let NameTypeColumns {
        name: name_col,
        type_of: type_col,
        description: description_col,
    } = NameTypeColumns::of(table);
    // Room for every row at once: growing by doubling would copy a huge
    // table's properties and could leave half as much again unused.
    out.reserve_exact(table.rows.len());
    for row in &table.rows {
        let (Some(name_cell), Some(type_cell)) = (row.cells.get(name_col), row.cells.get(type_col))
        else {
            continue;
        };
        let line = row.line;
        let name = clean_name(name_cell);
        let description_cell = row
            .cells
            .get(description_col)
            .filter(|_| description_col != name_col);
        // Category rows (`|**Onboarding**|`) and prose that wrapped onto its
        // own line have neither a type nor a description.
        if type_cell.text().is_empty() && description_cell.is_none_or(|c| c.text().is_empty()) {
            continue;
        }
        let type_ref = type_of_cell(&type_cell.inline);
        let description = row
            .cells
            .get(description_col)
            .map(|c| c.text().to_owned())
            .unwrap_or_default();
        let possible_values = row
            .cells
            .get(description_col)
            .map(|c| possible_values(&c.inline))
            .unwrap_or_default();
        out.push(Property {
            rust_name: ident::field_name(&name),
            read_only: is_read_only(&description),
            name,
            type_ref,
            description,
            possible_values,
            line,
        });
    }
}

/// Translation sometimes turns a property name into prose (`状态` for
/// `status`). Such rows take the JSON representation keys that no row claims,
/// in order, when the counts agree.
fn recover_translated_names(
    properties: &mut Vec<Property>,
    json_keys: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let bad: Vec<usize> = (0..properties.len())
        .filter(|&i| !is_wire_name(&properties[i].name))
        .collect();
    if bad.is_empty() {
        return;
    }
    let claimed: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
    let free: Vec<String> = json_keys
        .iter()
        .filter(|k| !claimed.contains(&k.as_str()))
        .cloned()
        .collect();
    if free.len() == bad.len() {
        for (index, key) in bad.iter().zip(free) {
            let property = &mut properties[*index];
            let message = format!(
                "property name `{}` is not a wire name; using `{key}` from the JSON representation",
                property.name
            );
            diagnostics
                .push(Diagnostic::warning(property.line, message).of(DiagnosticKind::Property));
            property.rust_name = ident::field_name(&key);
            property.name = key;
        }
        return;
    }
    for index in bad.iter().rev() {
        let property = properties.remove(*index);
        let message = format!(
            "property name `{}` is not a wire name; row skipped",
            property.name
        );
        diagnostics.push(Diagnostic::warning(property.line, message).of(DiagnosticKind::Property));
    }
}

fn is_read_only(description: &str) -> bool {
    // Each English spelling holds `ead`: most descriptions are passed over
    // after one search instead of six.
    if !description.contains("ead") && !description.contains("只读") {
        return false;
    }
    [
        "Read-only",
        "read-only",
        "Read-Only",
        "Read only",
        "read only",
        "只读",
    ]
    .iter()
    .any(|w| description.contains(w))
}

/// Backticked identifiers of a description that lists possible values.
fn possible_values(cell: &super::inline::Inline) -> Vec<String> {
    const LISTS: &[&str] = &[
        "possible value",
        "values are",
        "supported value",
        "可能的值",
        "可取值",
        "可能值",
        "值为",
        "支持的值",
    ];
    if cell.code().is_empty() || !mentions_any(&cell.text, LISTS) {
        return Vec::new();
    }
    cell.code()
        .iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| is_wire_name(c))
        .collect()
}

/// `### x values` tables anywhere on the page.
fn inline_enums(ctx: &PageContext<'_>, namespace: Option<&str>) -> Vec<Enumeration> {
    let namespace = namespace.unwrap_or("microsoft.graph").to_owned();
    ctx.outline
        .sections
        .iter()
        .filter(|s| s.key.ends_with("-values") && s.level >= 2)
        .filter_map(|s| {
            let name = enum_name_of_heading(ctx, s)?;
            let members = members_in(s.own_blocks(ctx.document));
            (!members.is_empty()).then(|| Enumeration {
                rust_name: ident::type_name(&name),
                name,
                namespace: namespace.clone(),
                members,
            })
        })
        .collect()
}

fn enum_name_of_heading(ctx: &PageContext<'_>, section: &Section) -> Option<String> {
    let BlockKind::Heading(h) = &ctx.document.blocks[section.heading].kind else {
        return None;
    };
    let word = h
        .inline
        .trimmed()
        .split_whitespace()
        .next()?
        .trim_matches('`');
    if is_wire_name(word) {
        return Some(word.to_owned());
    }
    section
        .key
        .strip_suffix("-values")
        .filter(|k| is_wire_name(k))
        .map(str::to_owned)
}

/// Members from the first table with a name-like first column.
fn members_in(blocks: &[Block]) -> Vec<EnumMember> {
    let Some(table) = blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Table(t) => Some(t),
        _ => None,
    }) else {
        return Vec::new();
    };
    let name_col = column(table, NAME_LABELS)
        .or_else(|| column(table, VALUE_LABELS))
        .unwrap_or(0);
    let value_col = column(table, VALUE_LABELS).filter(|c| *c != name_col);
    let description_col = column(table, DESCRIPTION_LABELS);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = clean_name(row.cells.get(name_col)?);
            if !is_wire_name(&name) {
                return None;
            }
            let value = value_col
                .and_then(|c| row.cells.get(c))
                .and_then(|c| parse_int(c.text()));
            let description = description_col
                .and_then(|c| row.cells.get(c))
                .map(|c| c.text().to_owned())
                .unwrap_or_default();
            Some(EnumMember {
                rust_name: ident::type_name(&name),
                name,
                value,
                description,
            })
        })
        .collect()
}

fn parse_int(text: &str) -> Option<i64> {
    let text = text.trim().trim_matches('`');
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => i64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}
