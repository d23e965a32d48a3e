//! The Request body section: nothing, a resource, the fields to update, action
//! parameters, or raw bytes. Decided by structure (tables, links, the method),
//! not by the wording.

use crate::ir::page::{HttpMethod, RequestBody, TypeRef};

use super::context::PageContext;
use super::document::{Block, BlockKind, Table};
use super::tables::{column, parameters, NAME_LABELS};
use super::type_names::linked_type;

/// Labels of a first column that lists parameters rather than properties.
const PARAMETER_LABELS: &[&str] = &["parameter", "parameter name", "参数", "name", "名称"];

/// The request body of `method` on the page; `success` is the page's success
/// status (a `201` POST creates the resource its body links).
pub fn read(
    ctx: &PageContext<'_>,
    method: HttpMethod,
    paths: &[&str],
    success: Option<u16>,
) -> RequestBody {
    let Some(section) = ctx.outline.find(&["request-body"]) else {
        return default_for(method);
    };
    let blocks = section.blocks(ctx.document);
    let table = blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Table(t) if column(t, NAME_LABELS).is_some() || t.header.len() >= 2 => Some(t),
        _ => None,
    });
    let linked = first_resource_link(blocks);
    // A table of "parameters" under a link to a resource that the request
    // updates (PATCH, PUT) or creates (a POST answered with 201) lists that
    // resource's properties to set, not an action's parameters.
    let writes_linked = linked.is_some()
        && (matches!(method, HttpMethod::Patch | HttpMethod::Put)
            || (method == HttpMethod::Post && success == Some(201)));
    match (table, method) {
        (Some(t), HttpMethod::Patch | HttpMethod::Put) if !lists_parameters(t) => {
            properties(t, linked)
        }
        (Some(t), _) if writes_linked && lists_parameters(t) => properties(t, linked),
        (Some(t), _) if lists_parameters(t) => RequestBody::Parameters {
            parameters: parameters(t),
        },
        (Some(t), _) => match linked {
            Some(type_ref) => RequestBody::Resource { type_ref },
            None => RequestBody::Parameters {
                parameters: parameters(t),
            },
        },
        (None, HttpMethod::Get | HttpMethod::Delete) => RequestBody::None,
        (None, _) => match linked {
            Some(type_ref) => RequestBody::Resource { type_ref },
            None if paths.iter().any(|p| is_content_path(p)) => RequestBody::Binary,
            None if has_code(blocks) => RequestBody::Unknown,
            None => RequestBody::None,
        },
    }
}

fn default_for(method: HttpMethod) -> RequestBody {
    match method {
        HttpMethod::Get | HttpMethod::Delete => RequestBody::None,
        _ => RequestBody::Unknown,
    }
}

fn properties(table: &Table, linked: Option<TypeRef>) -> RequestBody {
    RequestBody::Properties {
        type_ref: linked,
        properties: parameters(table),
    }
}

fn lists_parameters(table: &Table) -> bool {
    let first = table
        .header
        .first()
        .map(|c| c.text().to_lowercase())
        .unwrap_or_default();
    PARAMETER_LABELS.contains(&first.as_str())
}

fn first_resource_link(blocks: &[Block]) -> Option<TypeRef> {
    blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Paragraph(p) if !p.quoted => p
            .inline
            .links()
            .iter()
            .find_map(|l| linked_type(&l.target))
            .map(TypeRef::named),
        _ => None,
    })
}

fn has_code(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| matches!(b.kind, BlockKind::Code(_)))
}

fn is_content_path(path: &str) -> bool {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    last == "$value"
        || last == "content"
        || last.ends_with(":/content")
        || last.starts_with("content")
}
