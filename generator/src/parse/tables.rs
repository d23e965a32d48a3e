//! Table helpers shared by the extractors: find a column by its header label
//! in any known language, and read parameter-like rows.

use crate::ident;
use crate::ir::page::Parameter;

use super::document::{Cell, Table};
use super::scan::mentions_any;
use super::type_names::type_of_cell;

/// Header labels by column role, English and Chinese.
pub const NAME_LABELS: &[&str] = &[
    "property",
    "property name",
    "name",
    "parameter",
    "parameter name",
    "member",
    "query parameter",
    "relationship",
    "relationship name",
    "header",
    "属性",
    "属性名称",
    "名称",
    "参数",
    "成员",
    "关系",
    "标头",
    "查询参数",
];
pub const TYPE_LABELS: &[&str] = &[
    "type",
    "类型",
    "data type",
    "value type",
    "return type",
    "返回类型",
];
pub const DESCRIPTION_LABELS: &[&str] = &["description", "说明", "描述", "notes", "备注"];
pub const VALUE_LABELS: &[&str] = &["value", "值", "int value"];
pub const REQUIRED_LABELS: &[&str] = &["required", "required?", "是否必需", "必需"];

/// The index of the first header cell whose label is one of `labels`.
pub fn column(table: &Table, labels: &[&str]) -> Option<usize> {
    table.header.iter().position(|cell| {
        let label = cell
            .text()
            .trim_matches(|c: char| c == '*' || c == ':')
            .trim()
            .to_lowercase();
        labels.contains(&label.as_str())
    })
}

/// A name cell: backticks, bold and trailing notes removed
/// (`**displayName**`, `` `id` ``, `isActive (deprecated)`).
pub fn clean_name(cell: &Cell) -> String {
    let text = without_parentheses(cell.text());
    let name = text
        .split([' ', '\n', '<'])
        .map(|w| w.trim_matches(|c: char| matches!(c, '`' | '*' | '"' | ':' | ',')))
        .find(|w| !w.is_empty())
        .unwrap_or("");
    name.to_owned()
}

/// Drops `(...)` and `（...）` remarks: `backupReviewers (deprecated)`.
fn without_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// True when a name cell holds a plausible wire name.
pub fn is_wire_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '@' || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '@' | '-' | '$'))
}

/// Where a `Name | Type | Description` table keeps each role: found by its
/// header label, else the first, second and last column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameTypeColumns {
    pub name: usize,
    pub type_of: usize,
    pub description: usize,
}

impl NameTypeColumns {
    pub fn of(table: &Table) -> Self {
        NameTypeColumns {
            name: column(table, NAME_LABELS).unwrap_or(0),
            type_of: column(table, TYPE_LABELS).unwrap_or(1),
            description: column(table, DESCRIPTION_LABELS)
                .unwrap_or(table.header.len().saturating_sub(1)),
        }
    }
}

/// Rows of a `Name | Type | Description` table as parameters; rows without a
/// usable name are skipped.
pub fn parameters(table: &Table) -> Vec<Parameter> {
    let NameTypeColumns {
        name: name_col,
        type_of: type_col,
        description: description_col,
    } = NameTypeColumns::of(table);
    let required_col = column(table, REQUIRED_LABELS);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = clean_name(row.cells.get(name_col)?);
            if !is_wire_name(&name) {
                return None;
            }
            let type_ref = type_of_cell(&row.cells.get(type_col)?.inline);
            let description = row
                .cells
                .get(description_col)
                .map(|c| c.text().to_owned())
                .unwrap_or_default();
            let required = required_col
                .and_then(|c| row.cells.get(c))
                .map(|c| says_yes(c.text()))
                .or_else(|| required_in(&description));
            let rust_name = ident::field_name(&name);
            Some(Parameter {
                name,
                rust_name,
                type_ref,
                description,
                required,
            })
        })
        .collect()
}

fn says_yes(text: &str) -> bool {
    let text = text.trim_start().as_bytes();
    let starts = |word: &str| {
        text.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
    };
    starts("yes")
        || starts("true")
        || mentions_any(std::str::from_utf8(text).unwrap_or(""), &["required", "是"])
}

/// "Required." / "Optional." written in a description.
pub fn required_in(text: &str) -> Option<bool> {
    if mentions_any(text, &["optional", "可选"]) {
        Some(false)
    } else if mentions_any(text, &["required", "必需", "必填"]) {
        Some(true)
    } else {
        None
    }
}
