//! The Request body section: nothing, a resource, the fields to update, action
//! parameters, or raw bytes. Decided by structure (tables, links, the method),
//! not by the wording.

use crate::ir::{HttpMethod, RequestBody, TypeRef};

use super::context::PageContext;
use super::document::{Block, BlockKind, Table};
use super::tables::{column, parameters, NAME_LABELS};
use super::types::linked_type;

/// Labels of a first column that lists parameters rather than properties.
const PARAMETER_LABELS: &[&str] = &["parameter", "parameter name", "参数", "name", "名称"];

pub fn read(ctx: &PageContext<'_>, method: HttpMethod, paths: &[&str]) -> RequestBody {
    let Some(section) = ctx.outline.find(&["request-body"]) else {
        return default_for(method);
    };
    let blocks = section.blocks(ctx.document);
    let table = blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Table(t) if column(t, NAME_LABELS).is_some() || t.header.len() >= 2 => Some(t),
        _ => None,
    });
    let linked = first_resource_link(blocks);
    match (table, method) {
        (Some(t), HttpMethod::Patch | HttpMethod::Put) if !lists_parameters(t) => {
            properties(t, linked)
        }
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
            .links
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
