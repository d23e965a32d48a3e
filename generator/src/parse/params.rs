//! Request headers, optional query parameters and function parameters.

use crate::ir::page::{HeaderParam, Parameter, QueryOptions};

use super::context::PageContext;
use super::document::{Block, BlockKind};
use super::scan::mentions_any;
use super::tables::{column, parameters, required_in, DESCRIPTION_LABELS, VALUE_LABELS};

/// Rows of the Request headers table (and of Optional request headers).
pub fn request_headers(ctx: &PageContext<'_>) -> Vec<HeaderParam> {
    let mut headers = Vec::new();
    for key in [
        "request-headers",
        "request-header",
        "optional-request-headers",
    ] {
        let Some(section) = ctx.outline.find(&[key]) else {
            continue;
        };
        let optional_section = key.starts_with("optional");
        for table in tables(section.own_blocks(ctx.document)) {
            let value_col = column(table, VALUE_LABELS)
                .or_else(|| column(table, DESCRIPTION_LABELS))
                .unwrap_or(1);
            for row in &table.rows {
                let Some(name) = row.cells.first().map(|c| header_name(c.text())) else {
                    continue;
                };
                if name.is_empty()
                    || headers
                        .iter()
                        .any(|h: &HeaderParam| h.name.eq_ignore_ascii_case(&name))
                {
                    continue;
                }
                let value = row
                    .cells
                    .get(value_col)
                    .map(|c| c.text().to_owned())
                    .unwrap_or_default();
                let required =
                    !optional_section && required_in(&value).unwrap_or(name == "Authorization");
                headers.push(HeaderParam {
                    name,
                    value,
                    required,
                });
            }
        }
    }
    headers
}

/// Header names as HTTP knows them: translated names mapped back, backticks
/// and `: value` suffixes removed.
fn header_name(cell: &str) -> String {
    let name = cell.trim_matches(|c: char| c == '`' || c == '*' || c == '_' || c.is_whitespace());
    let name = name.split([':', '：', ' ']).next().unwrap_or("");
    let mapped = match name {
        "接受" => "Accept",
        "授权" => "Authorization",
        "首选" => "Prefer",
        "内容类型" => "Content-Type",
        other => other,
    };
    if mapped
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        mapped.to_owned()
    } else {
        String::new()
    }
}

/// The Optional query parameters section: OData support and named options.
pub fn query_options(ctx: &PageContext<'_>) -> QueryOptions {
    let Some(section) = ctx
        .outline
        .find(&["optional-query-parameters", "query-parameters"])
    else {
        return QueryOptions::default();
    };
    let blocks = section.own_blocks(ctx.document);
    let mut options = QueryOptions::default();
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph(p) => {
                let links_odata = p
                    .inline
                    .links()
                    .iter()
                    .any(|l| l.target.contains("query-parameters"));
                let negated = says_not_supported(&p.inline.text);
                options.odata |= links_odata && !negated;
                collect_options(&p.inline.text, &mut options.named);
                if mentions_option(&p.inline.text) {
                    options.notes.push(p.inline.text.trim().to_owned());
                }
            }
            BlockKind::Table(t) => {
                for row in &t.rows {
                    if let Some(cell) = row.cells.first() {
                        collect_options(cell.text(), &mut options.named);
                    }
                }
                options.parameters.extend(
                    parameters(t)
                        .into_iter()
                        .filter(|p| !p.name.starts_with('$')),
                );
            }
            _ => {}
        }
    }
    options.named.sort();
    options.named.dedup();
    options
}

fn says_not_supported(text: &str) -> bool {
    mentions_any(text, &["not support", "doesn't support", "不支持"])
}

/// True when `text` names one of the OData options.
fn mentions_option(text: &str) -> bool {
    let mut named = Vec::new();
    collect_options(text, &mut named);
    !named.is_empty()
}

/// `$select`, `$filter`, ... wherever they are written.
fn collect_options(text: &str, named: &mut Vec<String>) {
    const KNOWN: &[&str] = &[
        "$select",
        "$filter",
        "$top",
        "$expand",
        "$orderby",
        "$search",
        "$count",
        "$skip",
        "$skiptoken",
        "$format",
    ];
    // Every option starts with `$`: most texts name none.
    if !text.contains('$') {
        return;
    }
    let lower = text.to_ascii_lowercase();
    for option in KNOWN {
        let mut rest = lower.as_str();
        while let Some(at) = rest.find(option) {
            let after = rest[at + option.len()..].chars().next();
            if !after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                named.push((*option).to_owned());
                break;
            }
            rest = &rest[at + option.len()..];
        }
    }
}

/// The Function parameters / Path parameters tables.
pub fn function_parameters(ctx: &PageContext<'_>) -> Vec<Parameter> {
    let Some(section) = ctx
        .outline
        .find(&["function-parameters", "path-parameters", "parameters"])
    else {
        return Vec::new();
    };
    tables(section.own_blocks(ctx.document))
        .flat_map(parameters)
        .collect()
}

fn tables(blocks: &[Block]) -> impl Iterator<Item = &super::document::Table> {
    blocks.iter().filter_map(|b| match &b.kind {
        BlockKind::Table(t) => Some(t),
        _ => None,
    })
}
