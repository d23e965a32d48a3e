//! The same page in any language yields the same operation: English pages
//! rewritten into the side-by-side format read back identically, and a
//! zh-CN translation agrees on everything that is not prose.

use docgen::docs::DocTree;
use docgen::ir::page::{Operation, Page, RequestBody};
use docgen::parse::{read_page, resolve, side_by_side, NoIncludes};

fn checkout(root: &str) -> (DocTree, Vec<String>) {
    let tree = DocTree::open(format!("{}/{root}", env!("CARGO_MANIFEST_DIR"))).expect("checkout");
    let files = tree.pages().expect("pages");
    (tree, files)
}

fn read(tree: &DocTree, file: &str, bytes: &[u8]) -> Page {
    let mut pages = vec![read_page(file, bytes, tree)];
    resolve(&mut pages);
    pages.remove(0)
}

/// Rewrites an English page into the side-by-side format: every heading,
/// paragraph line and table cell becomes a translated span followed by its
/// English span (`side_by_side::text_unit`); headings get their slug anchor; front matter
/// title and description are translated, as on the real branch.
fn side_by_side(english: &str) -> String {
    let mut out = String::new();
    let mut unit = 100;
    let mut next_id = || {
        unit += 1;
        format!("7a1b2-{unit}")
    };
    let mut in_fence = false;
    let mut in_comment = false;
    let mut front_matter = 0;
    for line in english.lines() {
        let trimmed = line.trim();
        let plain = if front_matter < 2 {
            if trimmed == "---" {
                front_matter += 1;
            }
            Some(translate_front_matter(line))
        } else if trimmed.starts_with("```") {
            in_fence = !in_fence;
            Some(line.to_owned())
        } else if in_fence || in_comment || trimmed.starts_with("<!--") {
            in_comment = (in_comment || trimmed.starts_with("<!--")) && !trimmed.contains("-->");
            Some(line.to_owned())
        } else {
            None
        };
        let converted = plain.unwrap_or_else(|| wrap_line(line, &mut next_id));
        out.push_str(&converted);
        out.push('\n');
    }
    out
}

fn translate_front_matter(line: &str) -> String {
    match line.split_once(':') {
        // Real side-by-side pages name their locale; the author line gives
        // way to it so that line numbers stay as they are.
        Some(("author", _)) => "ms.contentlocale: zh-CN".to_owned(),
        Some(("title" | "description", _)) => {
            format!(
                "{}: (translated title)",
                line.split(':').next().unwrap_or("")
            )
        }
        _ => line.to_owned(),
    }
}

fn span(id: &str, english: &str) -> String {
    side_by_side::text_unit(id, "(translated)", english)
}

fn wrap_line(line: &str, next_id: &mut impl FnMut() -> String) -> String {
    let trimmed = line.trim();
    if trimmed.is_empty()
        || trimmed.starts_with("[!INCLUDE")
        || trimmed.starts_with("---")
        || is_delimiter_row(trimmed)
    {
        return line.to_owned();
    }
    if let Some(rest) = trimmed.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|c| *c == '#').count();
        let text = trimmed[level..].trim();
        if text.contains("(#tab/") {
            return line.to_owned();
        }
        return format!(
            "{} <a name=\"{}\"></a>{}",
            "#".repeat(level),
            github_slug(text),
            span(&next_id(), text)
        );
    }
    if trimmed.starts_with('|') {
        let cells: Vec<String> = trimmed
            .trim_matches('|')
            .split('|')
            .map(|cell| {
                let cell = cell.trim();
                if cell.is_empty() || cell.starts_with("&nbsp;") {
                    cell.to_owned()
                } else {
                    span(&next_id(), cell)
                }
            })
            .collect();
        return format!("|{}|", cells.join("|"));
    }
    for marker in ["> ", "- ", "* "] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            return format!("{marker}{}", span(&next_id(), rest));
        }
    }
    span(&next_id(), trimmed)
}

fn is_delimiter_row(line: &str) -> bool {
    line.starts_with('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn github_slug(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

fn assert_same_reading(root: &str) {
    let (tree, files) = checkout(root);
    let mut checked = 0;
    for file in &files {
        let english = std::fs::read_to_string(tree.root().join(file)).expect("page");
        if english.contains("<span") || english.contains("<a name=") {
            continue; // already translated (the seed page, the zh fixtures)
        }
        let en = read(&tree, file, english.as_bytes());
        let mut sxs = read(&tree, file, side_by_side(&english).as_bytes());
        assert_ne!(sxs.title, "", "{file}");
        assert_eq!(sxs.locale, "zh-cn");
        sxs.locale.clone_from(&en.locale);
        // A page with no intro paragraph has only its front matter
        // description, which the translation replaced.
        if sxs.description.is_empty() {
            sxs.description.clone_from(&en.description);
        }
        assert_eq!(
            en, sxs,
            "{file} reads differently in the side-by-side format"
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} pages checked under {root}");
}

#[test]
fn docs_input_pages_read_the_same_side_by_side() {
    assert_same_reading("../docs-input");
}

#[test]
fn fixture_pages_read_the_same_side_by_side() {
    assert_same_reading("tests/fixtures/checkout");
}

/// What must not depend on the language: everything but prose.
fn structure(op: &Operation) -> String {
    let body = match &op.request_body {
        RequestBody::Properties {
            type_ref,
            properties,
        } => {
            let fields: Vec<_> = properties.iter().map(|p| (&p.name, &p.type_ref)).collect();
            format!("properties {type_ref:?} {fields:?}")
        }
        other => format!("{other:?}"),
    };
    let headers: Vec<_> = op
        .request_headers
        .iter()
        .map(|h| (&h.name, h.required))
        .collect();
    format!(
        "{:?} {:?} {:?} {:?} {body} {:?} {headers:?} {:?}",
        op.method, op.paths, op.success_status, op.permissions, op.response, op.query.odata
    )
}

#[test]
fn chinese_translation_yields_the_same_operation() {
    let (en_tree, _) = checkout("tests/fixtures/checkout");
    let (zh_tree, _) = checkout("tests/fixtures/zh-cn");
    let file = "api-reference/v1.0/api/event-update.md";
    let en = read(
        &en_tree,
        file,
        &std::fs::read(en_tree.root().join(file)).expect("en"),
    );
    let zh = read(
        &zh_tree,
        file,
        &std::fs::read(zh_tree.root().join(file)).expect("zh"),
    );
    assert_eq!(zh.locale, "zh-cn");
    assert_eq!(en.operations.len(), 1);
    let en_ops: Vec<String> = en.operations.iter().map(structure).collect();
    let zh_ops: Vec<String> = zh.operations.iter().map(structure).collect();
    assert_eq!(en_ops, zh_ops);
}

#[test]
fn pages_read_without_includes_still_yield_operations() {
    let (tree, _) = checkout("tests/fixtures/checkout");
    let file = "api-reference/v1.0/api/group-delete-members.md";
    let page = read_page(
        file,
        &std::fs::read(tree.root().join(file)).expect("page"),
        &NoIncludes,
    );
    assert!(devtools::corpus::is_complete(&page));
    assert!(page.operations[0].permissions.application.is_empty());
    assert!(page
        .diagnostics
        .iter()
        .any(|d| d.message.contains("missing from the checkout")));
}
