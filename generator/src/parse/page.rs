//! One page: classify it, read its title and description, and hand it to the
//! operation or resource extractors.

use crate::ir::page::{ApiVersion, Diagnostic, DiagnosticKind, Page, PageKind};

use super::context::{Includes, PageContext};
use super::document::BlockKind;
use super::load::load;
use super::sections::Outline;
use super::{examples, operation, resource};

/// Reads one page. `file` is its path relative to the doc root, with `/`.
/// Never panics: whatever the bytes, the result is a page with diagnostics.
pub fn read_page(file: &str, raw: &[u8], includes: &dyn Includes) -> Page {
    read_page_bytes(file, raw.to_vec(), includes)
}

/// Like [`read_page`], taking the bytes: they become the page's text without
/// a copy when they need no cleaning (see `Source::from_bytes`).
pub fn read_page_bytes(file: &str, raw: Vec<u8>, includes: &dyn Includes) -> Page {
    let loaded = load(raw);
    let outline = Outline::new(&loaded.document);
    let ctx = PageContext {
        file,
        source: &loaded.source,
        document: &loaded.document,
        outline: &outline,
        includes,
    };
    let intro = description(&ctx);
    let fm = &loaded.front_matter;
    let mut page = Page {
        file: file.to_owned(),
        kind: classify(file, fm.doc_type().as_deref(), &outline),
        version: version_of(file),
        title: title(&ctx).unwrap_or_else(|| fm.get("title").unwrap_or_default().to_owned()),
        description_from_front_matter: intro.is_none(),
        description: intro.unwrap_or_else(|| english_front_matter_description(fm)),
        locale: fm
            .get("ms.contentlocale")
            .unwrap_or("en-us")
            .to_ascii_lowercase(),
        namespace: namespace(&ctx),
        ..Page::default()
    };
    if fm.lines == 0 {
        page.diagnostics
            .push(Diagnostic::warning(1, "no front matter").of(DiagnosticKind::FrontMatter));
    }
    for fence in &loaded.document.unclosed_fences {
        // Swallowed sections are lost content: the first cause of whatever
        // else this page reports missing.
        let diagnostic = match fence.first_heading {
            Some(_) => Diagnostic::error(fence.line, fence.message()),
            None => Diagnostic::warning(fence.line, fence.message()),
        };
        page.diagnostics
            .push(diagnostic.of(DiagnosticKind::UnclosedFence));
    }
    match page.kind {
        PageKind::Operation => read_operation_page(&ctx, &mut page),
        PageKind::Resource => resource::read_resource(&ctx, &mut page),
        PageKind::Enum => resource::read_enum(&ctx, &mut page),
        PageKind::Other => {}
    }
    page.diagnostics.sort();
    page.diagnostics.dedup();
    page
}

fn read_operation_page(ctx: &PageContext<'_>, page: &mut Page) {
    page.examples = examples::read(ctx);
    page.operations = operation::read(ctx, &page.examples, &mut page.diagnostics);
}

/// By `doc_type` (typos accepted); pages without one by folder and content.
fn classify(file: &str, doc_type: Option<&str>, outline: &Outline) -> PageKind {
    let has_requests = outline.find_prefix("http-request").is_some();
    let has_properties = outline.find(&["properties"]).is_some();
    match doc_type {
        // A few resource pages are mislabelled apiPageType: the structure decides.
        Some("apipagetype" | "apipagetypes") if !has_requests && has_properties => {
            PageKind::Resource
        }
        Some("apipagetype" | "apipagetypes") => PageKind::Operation,
        Some("resourcepagetype" | "resourcepagetype_") if has_requests && !has_properties => {
            PageKind::Operation
        }
        Some("resourcepagetype" | "resourcepagetype_") => PageKind::Resource,
        Some("enumpagetype" | "enumtypes" | "enumtype") => PageKind::Enum,
        Some(_) => PageKind::Other,
        None if has_requests => PageKind::Operation,
        None if file.contains("/resources/") && has_properties => PageKind::Resource,
        None => PageKind::Other,
    }
}

fn version_of(file: &str) -> Option<ApiVersion> {
    let mut parts = file.split('/');
    match (parts.next(), parts.next()) {
        (Some("api-reference"), Some("beta")) => Some(ApiVersion::Beta),
        (Some("api-reference"), Some("v1.0")) => Some(ApiVersion::V1_0),
        _ => None,
    }
}

fn title(ctx: &PageContext<'_>) -> Option<String> {
    let block = &ctx.document.blocks[ctx.outline.title?];
    match &block.kind {
        BlockKind::Heading(h) => Some(h.inline.trimmed().to_owned()).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// The first plain paragraph between the title and the first section, which
/// is not the namespace line.
fn description(ctx: &PageContext<'_>) -> Option<String> {
    ctx.outline
        .intro(ctx.document)
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Paragraph(p) if !p.quoted && namespace_in(p.inline.trimmed()).is_none() => {
                Some(p.inline.trimmed().to_owned())
            }
            _ => None,
        })
}

/// A translated page's front matter is translated: without an intro
/// paragraph (which side-by-side pages carry in English) it has no English
/// description.
fn english_front_matter_description(fm: &super::front_matter::FrontMatter) -> String {
    let english = fm
        .get("ms.contentlocale")
        .is_none_or(|l| l.to_ascii_lowercase().starts_with("en"));
    match fm.get("description") {
        Some(description) if english => description.to_owned(),
        _ => String::new(),
    }
}

fn namespace(ctx: &PageContext<'_>) -> Option<String> {
    ctx.outline
        .intro(ctx.document)
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => namespace_in(p.inline.trimmed()),
            _ => None,
        })
}

/// `Namespace: microsoft.graph` in any language: a label, a colon (ASCII or
/// full-width), and a dotted lower-case name starting with `microsoft.`.
fn namespace_in(text: &str) -> Option<String> {
    let (_, value) = text.split_once([':', '：'])?;
    let value = value.trim().trim_end_matches('.');
    (value.starts_with("microsoft.") && !value.contains(' ')).then(|| value.to_owned())
}
