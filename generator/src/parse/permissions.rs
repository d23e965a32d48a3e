//! Permissions tables in every shape: 2 columns, least/higher privileged
//! columns, transposed (one row per resource, one column per kind), Intune
//! workload sub-rows, tables pulled in by `[!INCLUDE]`, and translated labels.
//!
//! Row labels are matched by keyword in English and Chinese; when no keyword
//! matches, a language-independent rule decides: a delegated label carries a
//! parenthesis (`委派（…）`, `Délégué (…)`), and the personal one names the
//! (untranslated) "Microsoft" account; a label without one is the application.

use std::sync::OnceLock;

use regex::Regex;

use crate::ir::page::{Diagnostic, PermissionSource, Permissions};

use super::context::{Diagnostics, PageContext};
#[cfg(test)]
use super::document::Document;
use super::document::{Block, BlockKind, Cell, Table};
use super::load::load;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Work,
    Personal,
    Application,
}

pub fn read(ctx: &PageContext<'_>, diagnostics: &mut Diagnostics) -> Permissions {
    let Some(section) = ctx.outline.find(&["permissions", "prerequisites"]) else {
        diagnostics.push(Diagnostic::warning(1, "no Permissions section"));
        return Permissions::default();
    };
    let blocks = section.blocks(ctx.document);
    let mut permissions = Permissions::default();
    if read_tables(&ctx.source.text, blocks, &mut permissions) {
        permissions.source = PermissionSource::Page;
        return permissions;
    }
    // Pages with one scenario per sub-heading include one table each: their
    // permissions add up; the first include found is named as the source.
    let before = diagnostics.len();
    for block in blocks {
        let BlockKind::Include(target) = &block.kind else {
            continue;
        };
        if let Some(path) = read_include(ctx, block, target, &mut permissions, diagnostics) {
            if permissions.source == PermissionSource::Missing {
                permissions.source = PermissionSource::Include(path);
            }
        }
    }
    if permissions.source != PermissionSource::Missing {
        return permissions;
    }
    // A missing include has already said why there is no table.
    if diagnostics.len() == before {
        let heading_line = ctx.line(&ctx.document.blocks[section.heading]);
        let message = "the Permissions section has no permissions table";
        diagnostics.push(Diagnostic::warning(heading_line, message));
    }
    permissions
}

/// Adds the tables of an included file; returns its path when it held a
/// permissions table.
fn read_include(
    ctx: &PageContext<'_>,
    block: &Block,
    target: &str,
    permissions: &mut Permissions,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    if target.contains("/snippets/") {
        return None;
    }
    let line = ctx.line(block);
    let Some(path) = ctx.resolve_relative(target) else {
        diagnostics.push(Diagnostic::warning(
            line,
            format!("include `{target}` points outside the doc checkout"),
        ));
        return None;
    };
    let Some(bytes) = ctx.includes.read(&path) else {
        if target.contains("permissions") {
            diagnostics.push(Diagnostic::warning(
                line,
                format!("permissions include `{path}` is missing from the checkout"),
            ));
        }
        return None;
    };
    let loaded = load(&bytes);
    read_tables(&loaded.source.text, &loaded.document.blocks, permissions).then_some(path)
}

/// Reads every permissions table among `blocks`; false when there is none.
fn read_tables(text: &str, blocks: &[Block], permissions: &mut Permissions) -> bool {
    let mut found = false;
    for block in blocks {
        if let BlockKind::Table(table) = &block.kind {
            found |= read_table(text, table, permissions);
        }
    }
    found
}

fn read_table(text: &str, table: &Table, permissions: &mut Permissions) -> bool {
    let column_kinds: Vec<Option<Kind>> = table
        .header
        .iter()
        .map(|c| keyword_kind(c.text()))
        .collect();
    if column_kinds.iter().skip(1).flatten().count() >= 2 {
        read_transposed(table, &column_kinds, permissions);
        return true;
    }
    read_by_rows(text, table, permissions)
}

/// One row per resource, one column per kind.
fn read_transposed(table: &Table, column_kinds: &[Option<Kind>], permissions: &mut Permissions) {
    for row in &table.rows {
        for (cell, kind) in row.cells.iter().zip(column_kinds).skip(1) {
            if let Some(kind) = kind {
                add(permissions, *kind, cell);
            }
        }
    }
}

/// One row per kind; every column after the label holds names (least
/// privileged first, then higher privileged; or self, then others).
fn read_by_rows(text: &str, table: &Table, permissions: &mut Permissions) -> bool {
    let labels = row_kinds(text, table);
    if labels.iter().all(Option::is_none) {
        return false;
    }
    let mut current = None;
    for (row, label) in table.rows.iter().zip(&labels) {
        let sub_row = row.cells.first().is_some_and(|c| is_sub_row(text, c));
        current = if sub_row { current } else { *label };
        let Some(kind) = current else { continue };
        for cell in row.cells.iter().skip(1) {
            add(permissions, kind, cell);
        }
    }
    true
}

/// The kind of each row: by keyword; else by the structural rule, where a
/// label without a parenthesis is the application row only in a table whose
/// delegated rows were recognized by theirs.
fn row_kinds(text: &str, table: &Table) -> Vec<Option<Kind>> {
    let labels: Vec<Option<&Cell>> = table
        .rows
        .iter()
        .map(|r| r.cells.first().filter(|c| !is_sub_row(text, c)))
        .collect();
    let by_keyword: Vec<Option<Kind>> = labels
        .iter()
        .map(|l| l.and_then(|c| keyword_kind(c.text())))
        .collect();
    if by_keyword.iter().any(Option::is_some) {
        return by_keyword;
    }
    let by_structure: Vec<Option<Kind>> = labels
        .iter()
        .map(|l| l.and_then(|c| structural_kind(c.text())))
        .collect();
    let has_delegated = by_structure
        .iter()
        .any(|k| matches!(k, Some(Kind::Work | Kind::Personal)));
    labels
        .iter()
        .zip(by_structure)
        .map(|(label, kind)| match (label, kind) {
            (_, Some(kind)) => Some(kind),
            (Some(c), None) if has_delegated && !c.text().is_empty() && !c.text().contains('[') => {
                Some(Kind::Application)
            }
            _ => None,
        })
        .collect()
}

/// Intune workload rows: `&nbsp; &nbsp; **Policy Set**` under a kind row.
fn is_sub_row(text: &str, label: &Cell) -> bool {
    let raw = text
        .get(label.range.clone())
        .unwrap_or("")
        .trim_start_matches(['|', ' ']);
    raw.starts_with("&nbsp;")
        || raw.starts_with('\u{a0}')
        || (label.inline.strong && keyword_kind(label.text()).is_none())
}

fn keyword_kind(label: &str) -> Option<Kind> {
    let lower = label.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["personal", "个人", "個人"]) {
        Some(Kind::Personal)
    } else if has(&["work or school", "work", "school", "工作", "学校"]) {
        Some(Kind::Work)
    } else if has(&["application", "应用", "應用"]) {
        Some(Kind::Application)
    } else if has(&["delegated", "委派", "委托"]) {
        Some(Kind::Work)
    } else {
        None
    }
}

/// The language-independent rule, for labels in other languages.
fn structural_kind(label: &str) -> Option<Kind> {
    let label = label.trim();
    if label.is_empty() || label.contains('[') {
        return None;
    }
    if label.contains(['(', '（']) {
        Some(if label.contains("Microsoft") {
            Kind::Personal
        } else {
            Kind::Work
        })
    } else {
        None
    }
}

fn add(permissions: &mut Permissions, kind: Kind, cell: &Cell) {
    let list = match kind {
        Kind::Work => &mut permissions.delegated_work,
        Kind::Personal => &mut permissions.delegated_personal,
        Kind::Application => &mut permissions.application,
    };
    for name in names_in(cell.text()) {
        if !list.contains(&name) {
            list.push(name);
        }
    }
}

/// Permission names in a cell, in order. Separators in any language, `*`
/// resource-specific-consent markers and "not supported" wording all drop out.
pub fn names_in(text: &str) -> Vec<String> {
    static NAME: OnceLock<Regex> = OnceLock::new();
    let name = NAME.get_or_init(|| {
        Regex::new(r"^[A-Z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$").expect("valid regex")
    });
    const PLAIN: &[&str] = &["openid", "profile", "email", "offline_access"];
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '、' | '，' | ';' | '；' | '和' | '或' | '/')
    })
    .map(|token| {
        token.trim_matches(|c: char| {
            matches!(
                c,
                '*' | '\\' | '`' | '.' | '。' | '(' | ')' | '[' | ']' | '"' | '\'' | ':'
            )
        })
    })
    .filter(|token| name.is_match(token) || PLAIN.contains(token))
    .map(str::to_owned)
    .collect()
}

/// Used by tests of other modules to read a table in isolation.
#[cfg(test)]
pub fn read_document(text: &str, document: &Document) -> Permissions {
    let mut permissions = Permissions::default();
    read_tables(text, &document.blocks, &mut permissions);
    permissions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(markdown: &str) -> Permissions {
        let loaded = load(markdown.as_bytes());
        read_document(&loaded.source.text, &loaded.document)
    }

    #[test]
    fn names_split_in_every_language() {
        assert_eq!(
            names_in("User.Read, User.ReadWrite.All"),
            ["User.Read", "User.ReadWrite.All"]
        );
        assert_eq!(
            names_in("Mail.Read 和 Mail.Send"),
            ["Mail.Read", "Mail.Send"]
        );
        assert_eq!(names_in("Mail.Read、Mail.Send"), ["Mail.Read", "Mail.Send"]);
        assert_eq!(
            names_in("TeamsTab.ReadWrite.Group\\*"),
            ["TeamsTab.ReadWrite.Group"]
        );
        assert!(names_in("Not supported.").is_empty());
        assert!(names_in("不支持。").is_empty());
        assert!(names_in("任务.读取").is_empty());
    }

    #[test]
    fn two_column_table() {
        let p = read("|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)|CloudPC.Read.All, CloudPC.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|CloudPC.ReadWrite.All|\n");
        assert_eq!(
            p.delegated_work,
            ["CloudPC.Read.All", "CloudPC.ReadWrite.All"]
        );
        assert!(p.delegated_personal.is_empty());
        assert_eq!(p.application, ["CloudPC.ReadWrite.All"]);
    }

    #[test]
    fn chinese_labels_and_full_width_separators() {
        let p = read("|权限类型|权限（从最低特权到最高特权）|\n|:---|:---|\n|委派（工作或学校帐户）|User.Read、User.ReadWrite|\n|委派（个人 Microsoft 帐户）|不支持。|\n|应用程序|User.Read.All|\n");
        assert_eq!(p.delegated_work, ["User.Read", "User.ReadWrite"]);
        assert_eq!(p.application, ["User.Read.All"]);
    }

    #[test]
    fn unknown_language_uses_the_structural_rule() {
        let p = read("|Type|Autorisations|\n|:---|:---|\n|Délégué (compte professionnel)|A.Read|\n|Délégué (compte Microsoft personnel)|B.Read|\n|Programme|C.Read|\n");
        assert_eq!(p.delegated_work, ["A.Read"]);
        assert_eq!(p.delegated_personal, ["B.Read"]);
        assert_eq!(p.application, ["C.Read"]);
    }

    #[test]
    fn least_and_higher_columns_in_order() {
        let p = read("|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|A.Read|B.ReadWrite, C.All|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n|Application|D.Read|E.All|\n");
        assert_eq!(p.delegated_work, ["A.Read", "B.ReadWrite", "C.All"]);
        assert_eq!(p.application, ["D.Read", "E.All"]);
    }

    #[test]
    fn transposed_table() {
        let p = read("| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| [event](../resources/event.md) | Calendars.ReadWrite | Calendars.ReadWrite | Calendars.ReadWrite |\n| [post](../resources/post.md) | Group.ReadWrite.All | Not supported | Not supported |\n");
        assert_eq!(
            p.delegated_work,
            ["Calendars.ReadWrite", "Group.ReadWrite.All"]
        );
        assert_eq!(p.delegated_personal, ["Calendars.ReadWrite"]);
        assert_eq!(p.application, ["Calendars.ReadWrite"]);
    }

    #[test]
    fn intune_workload_sub_rows() {
        let p = read("|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Delegated (work or school account)||\n| &nbsp; &nbsp; **Mobile app management (MAM)** | DeviceManagementApps.ReadWrite.All|\n| &nbsp; &nbsp; **Policy Set** | DeviceManagementConfiguration.ReadWrite.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|Not supported.|\n");
        assert_eq!(
            p.delegated_work,
            [
                "DeviceManagementApps.ReadWrite.All",
                "DeviceManagementConfiguration.ReadWrite.All"
            ]
        );
        assert!(p.application.is_empty());
    }
}
