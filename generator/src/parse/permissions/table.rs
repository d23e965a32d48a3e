//! One table of a permissions section: in rows (one per kind, every later
//! column holding names: least then higher privileged, or self then others)
//! or transposed (one row per resource, one column per kind).

use crate::ir::page::Permissions;

use super::super::document::{Cell, Row, Table};
use super::labels::{kind_set, word_kind, Kind, KindSet};
use super::names::{classify, CellContent};

/// What a table gave, and what it could not place.
#[derive(Debug, Default)]
pub struct Reading {
    /// The table is a permissions table (its labels name kinds).
    pub found: bool,
    /// Names in cells that landed in no kind, with the row's line.
    pub stray: Vec<(u32, Vec<String>)>,
    /// Cells that hold neither a name nor "not supported" wording.
    pub unreadable: Vec<(u32, String)>,
    /// Name-like text left beside the names of a cell.
    pub partial: Vec<(u32, String)>,
}

/// Reads `table` into `permissions`.
pub fn read(text: &str, table: &Table, permissions: &mut Permissions) -> Reading {
    let sub_rows = sub_rows(text, table);
    let labels: Vec<&str> = table
        .rows
        .iter()
        .zip(&sub_rows)
        .filter(|(_, sub)| !**sub)
        .map(|(row, _)| row.cells.first().map_or("", label_text))
        .collect();
    let by_rows = kind_set(&labels);
    let header: Vec<&str> = table.header.iter().skip(1).map(label_text).collect();
    let by_columns = kind_set(&header).filter(|s| is_transposed(s, by_rows.as_ref()));
    let mut reading = Reading::default();
    if let Some(columns) = by_columns {
        read_transposed(table, &columns.kinds, permissions, &mut reading);
    } else if let Some(rows) = by_rows {
        let kinds: Vec<Option<Kind>> = rows.kinds.into_iter().map(Some).collect();
        read_rows(table, &sub_rows, &kinds, permissions, &mut reading);
    } else if let Some(kinds) = by_words(&labels) {
        read_rows(table, &sub_rows, &kinds, permissions, &mut reading);
    } else {
        for row in &table.rows {
            stray_names(row, row.cells.iter().skip(1), &mut reading);
        }
    }
    reading
}

/// Column headers name the three kinds (by structure, not position) and the
/// row labels do not, or only by their position.
fn is_transposed(columns: &KindSet, rows: Option<&KindSet>) -> bool {
    let all_three = [Kind::Work, Kind::Personal, Kind::Application]
        .iter()
        .all(|k| columns.kinds.contains(k));
    !columns.positional && all_three && rows.is_none_or(|r| r.positional)
}

/// In tables whose labels do not read as a kind set (a fourth row, scenario
/// sentences), the rows whose words name a kind; `None` when none does.
fn by_words(labels: &[&str]) -> Option<Vec<Option<Kind>>> {
    let kinds: Vec<Option<Kind>> = labels.iter().map(|l| word_kind(l)).collect();
    kinds.iter().any(Option::is_some).then_some(kinds)
}

/// The label as read; a link to a page of the checkout (a resource, in
/// transposed tables) makes it no kind label, a link to a concept article
/// (`[Delegated permission](/graph/auth-v2-user) (…)`) does not.
fn label_text(cell: &Cell) -> &str {
    let links_a_page = cell.inline.links().iter().any(|l| {
        l.target
            .split('#')
            .next()
            .is_some_and(|t| t.ends_with(".md"))
    });
    if links_a_page {
        "[link]"
    } else {
        cell.text()
    }
}

/// Intune workload rows (`&nbsp; &nbsp; **Policy Set**`) and bold or empty
/// labels under a kind row whose own cells are empty: they add to that kind.
fn sub_rows(text: &str, table: &Table) -> Vec<bool> {
    let mut parent_empty = false;
    let mut result = Vec::with_capacity(table.rows.len());
    for (i, row) in table.rows.iter().enumerate() {
        let sub = row.cells.first().is_some_and(|label| {
            let raw = text
                .get(label.range.clone())
                .unwrap_or("")
                .trim_start_matches(['|', ' ']);
            let indented = raw.starts_with("&nbsp;") || raw.starts_with('\u{a0}');
            let continues = label.inline.strong || label.text().is_empty();
            i > 0 && (indented || (continues && parent_empty))
        });
        if !sub {
            parent_empty = row.cells.iter().skip(1).all(|c| c.text().is_empty());
        }
        result.push(sub);
    }
    result
}

fn read_rows(
    table: &Table,
    sub_rows: &[bool],
    kinds: &[Option<Kind>],
    permissions: &mut Permissions,
    reading: &mut Reading,
) {
    reading.found = true;
    let mut kinds = kinds.iter();
    let mut current = None;
    for (row, sub) in table.rows.iter().zip(sub_rows) {
        if !*sub {
            current = kinds.next().copied().flatten();
        }
        match current {
            Some(kind) => {
                for cell in row.cells.iter().skip(1) {
                    add(permissions, kind, row, cell, reading);
                }
            }
            None => stray_names(row, row.cells.iter().skip(1), reading),
        }
    }
}

fn read_transposed(
    table: &Table,
    column_kinds: &[Kind],
    permissions: &mut Permissions,
    reading: &mut Reading,
) {
    reading.found = true;
    for row in &table.rows {
        let cells = row.cells.iter().skip(1);
        for (cell, kind) in cells.clone().zip(column_kinds) {
            add(permissions, *kind, row, cell, reading);
        }
        stray_names(row, cells.skip(column_kinds.len()), reading);
    }
}

fn add(permissions: &mut Permissions, kind: Kind, row: &Row, cell: &Cell, reading: &mut Reading) {
    let list = match kind {
        Kind::Work => &mut permissions.delegated_work,
        Kind::Personal => &mut permissions.delegated_personal,
        Kind::Application => &mut permissions.application,
    };
    match classify(cell.text()) {
        CellContent::Names(names) => add_names(list, names),
        CellContent::Partial(names, rest) => {
            reading.partial.push((row.line, rest));
            add_names(list, names);
        }
        CellContent::NotSupported => {}
        CellContent::Unreadable => reading.unreadable.push((row.line, cell.text().to_owned())),
    }
}

fn add_names(list: &mut Vec<String>, names: Vec<String>) {
    for name in names {
        if !list.contains(&name) {
            list.push(name);
        }
    }
}

fn stray_names<'c>(row: &Row, cells: impl Iterator<Item = &'c Cell>, reading: &mut Reading) {
    let names: Vec<String> = cells
        .flat_map(|c| super::names::names_in(c.text()))
        .collect();
    if !names.is_empty() {
        reading.stray.push((row.line, names));
    }
}
