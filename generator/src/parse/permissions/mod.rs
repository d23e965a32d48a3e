//! Permissions tables in every shape and language: 2 columns, least/higher
//! privileged columns, transposed (one row per resource, one column per
//! kind), Intune workload sub-rows, and tables pulled in by `[!INCLUDE]`.
//!
//! Row kinds come from the table's structure ([`labels`]), never from the
//! language of its labels; every name the reader finds in the section but
//! cannot place, and every cell it cannot read, gets a diagnostic.

mod labels;
mod names;
mod table;

pub use names::names_in;

use crate::ir::page::{Diagnostic, PermissionSource, Permissions};

use super::context::{Diagnostics, PageContext};
#[cfg(test)]
use super::document::Document;
use super::document::{Block, BlockKind};
use super::load::load;
use super::sections::Section;

pub fn read(ctx: &PageContext<'_>, diagnostics: &mut Diagnostics) -> Permissions {
    let Some((blocks, heading_line)) = find_section(ctx, diagnostics) else {
        diagnostics.push(Diagnostic::warning(1, "no Permissions section"));
        return Permissions::default();
    };
    let mut permissions = Permissions::default();
    let before = diagnostics.len();
    if read_tables(&ctx.source.text, blocks, &mut permissions, &mut |d| {
        diagnostics.push(d)
    }) {
        permissions.source = PermissionSource::Page;
    } else {
        read_includes(ctx, blocks, &mut permissions, diagnostics);
    }
    if permissions.source == PermissionSource::Missing {
        // A missing include has already said why there is no table.
        if diagnostics.len() == before {
            let message = "the Permissions section has no permissions table";
            diagnostics.push(Diagnostic::warning(heading_line, message));
        }
    } else if is_empty(&permissions) {
        let message = if diagnostics.len() == before {
            "the Permissions section yields no permission: every cell of its table says none"
        } else {
            "the Permissions section yields no permission: no cell could be read as one"
        };
        diagnostics.push(Diagnostic::warning(heading_line, message));
    }
    stray_prose_names(blocks, &permissions, diagnostics);
    permissions
}

/// The Permissions section's blocks and heading line, by its anchor (or
/// slug); else, by content, the first section (or the page intro) whose own
/// table reads as a permissions table with a name in it (a translated
/// heading without anchor, a table under another heading or none), said
/// with a diagnostic.
fn find_section<'c>(
    ctx: &PageContext<'c>,
    diagnostics: &mut Diagnostics,
) -> Option<(&'c [Block], u32)> {
    let document = ctx.document;
    if let Some(section) = ctx.outline.find(&["permissions", "prerequisites"]) {
        let line = ctx.line(&document.blocks[section.heading]);
        return Some((section.blocks(document), line));
    }
    let intro = ctx.outline.intro(document);
    let sections = ctx.outline.sections.iter().map(|s: &Section| {
        let line = ctx.line(&document.blocks[s.heading]);
        (s.own_blocks(document), line)
    });
    let intro_line = intro.first().map_or(1, |b| ctx.line(b));
    let (blocks, line) = std::iter::once((intro, intro_line))
        .chain(sections)
        .find(|(blocks, _)| holds_permission_names(&ctx.source.text, blocks))?;
    let message = "no section anchored `permissions`: permissions read from the table here";
    diagnostics.push(Diagnostic::warning(line, message));
    Some((blocks, line))
}

fn holds_permission_names(text: &str, blocks: &[Block]) -> bool {
    blocks.iter().any(|block| {
        let BlockKind::Table(t) = &block.kind else {
            return false;
        };
        let mut scratch = Permissions::default();
        table::read(text, t, &mut scratch).found && !is_empty(&scratch)
    })
}

fn is_empty(permissions: &Permissions) -> bool {
    permissions.delegated_work.is_empty()
        && permissions.delegated_personal.is_empty()
        && permissions.application.is_empty()
}

/// Pages with one scenario per sub-heading include one table each: their
/// permissions add up; the first include found is named as the source.
fn read_includes(
    ctx: &PageContext<'_>,
    blocks: &[Block],
    permissions: &mut Permissions,
    diagnostics: &mut Diagnostics,
) {
    for block in blocks {
        let BlockKind::Include(target) = &block.kind else {
            continue;
        };
        if let Some(path) = read_include(ctx, block, target, permissions, diagnostics) {
            if permissions.source == PermissionSource::Missing {
                permissions.source = PermissionSource::Include(path);
            }
        }
    }
}

/// Adds the tables of an included file; returns its path when it held a
/// permissions table. Its diagnostics point at the include line.
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
    let loaded = load(bytes);
    let mut relay = |d: Diagnostic| {
        let message = format!("in `{path}` line {}: {}", d.line, d.message);
        diagnostics.push(Diagnostic::warning(line, message));
    };
    read_tables(
        &loaded.source.text,
        &loaded.document.blocks,
        permissions,
        &mut relay,
    )
    .then_some(path)
}

/// Reads every permissions table among `blocks`; false when there is none.
fn read_tables(
    text: &str,
    blocks: &[Block],
    permissions: &mut Permissions,
    diagnose: &mut dyn FnMut(Diagnostic),
) -> bool {
    let mut found = false;
    for block in blocks {
        let BlockKind::Table(t) = &block.kind else {
            continue;
        };
        let reading = table::read(text, t, permissions);
        found |= reading.found;
        for (line, names) in reading.stray {
            for name in names {
                let message = format!(
                    "permission `{name}` lands in no kind: its row label does not name one"
                );
                diagnose(Diagnostic::warning(line, message));
            }
        }
        for (line, rest) in reading.partial {
            let message = format!(
                "permission cell holds name-like text `{rest}` beside its names; only the names are read"
            );
            diagnose(Diagnostic::warning(line, message));
        }
        for (line, cell) in reading.unreadable {
            let message = format!(
                "permission cell `{cell}` holds no permission name and does not say \"not supported\""
            );
            diagnose(Diagnostic::warning(line, message));
        }
    }
    found
}

/// Names in the section's prose (bullet lists, notes) that no table row put
/// in a kind.
fn stray_prose_names(blocks: &[Block], permissions: &Permissions, diagnostics: &mut Diagnostics) {
    let placed = |name: &String| {
        permissions.delegated_work.contains(name)
            || permissions.delegated_personal.contains(name)
            || permissions.application.contains(name)
    };
    let mut seen: Vec<String> = Vec::new();
    for block in blocks {
        let BlockKind::Paragraph(paragraph) = &block.kind else {
            continue;
        };
        for name in names_in(paragraph.inline.trimmed()) {
            if !placed(&name) && !seen.contains(&name) {
                let message = format!(
                    "permission `{name}` is named outside a permissions table and lands in no kind"
                );
                diagnostics.push(Diagnostic::warning(block.line, message));
                seen.push(name);
            }
        }
    }
}

/// Used by tests of other modules to read a table in isolation.
#[cfg(test)]
pub fn read_document(text: &str, document: &Document) -> Permissions {
    let mut permissions = Permissions::default();
    read_tables(text, &document.blocks, &mut permissions, &mut |_| {});
    permissions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(markdown: &str) -> Permissions {
        let loaded = load(markdown.as_bytes().to_vec());
        read_document(&loaded.source.text, &loaded.document)
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
