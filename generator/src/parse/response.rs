//! The Response section: the success status and what the body carries.

use std::sync::OnceLock;

use regex::Regex;

use crate::ir::page::{Diagnostic, DiagnosticKind, Example, Primitive, ResponseBody, TypeRef};

use super::context::{Diagnostics, PageContext};
use super::document::{Block, BlockKind};
use super::json_shape::is_object_without;
use super::scan::mentions_any;
use super::sections::Section;
use super::type_names::{linked_type, type_of_text};

pub struct ResponseInfo {
    pub status: Option<u16>,
    pub body: ResponseBody,
}

/// Reads the main Response section, falling back to the first example response.
pub fn read(
    ctx: &PageContext<'_>,
    examples: &[Example],
    paths: &[&str],
    diagnostics: &mut Diagnostics,
) -> ResponseInfo {
    let section = main_response(ctx);
    let blocks = section.map_or(&[][..], |s| s.blocks(ctx.document));
    let stated = stated_statuses(blocks);
    let from_example = examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .map(|r| r.status)
        .find(|s| is_success(*s));
    let line = section.map_or(1, |s| ctx.line(&ctx.document.blocks[s.heading]));
    let status = stated.iter().copied().find(|s| is_success(*s)).or_else(|| {
        let shows_json = blocks
            .iter()
            .any(|b| matches!(&b.kind, BlockKind::Code(c) if c.text.trim_start().starts_with('{')));
        let (status, message) = match (section, from_example) {
            (_, Some(status)) => (
                Some(status),
                format!(
                    "no success status in the Response section; using {status} from the example"
                ),
            ),
            (Some(_), None) if shows_json => (
                Some(200),
                "no success status in the Response section, which shows a JSON body; assuming 200"
                    .to_owned(),
            ),
            (Some(_), None) => (
                None,
                "the Response section states no success status code".to_owned(),
            ),
            (None, None) => (
                None,
                "no Response section and no example response".to_owned(),
            ),
        };
        let diagnostic = if status.is_some() {
            Diagnostic::warning(line, message).of(DiagnosticKind::Response)
        } else {
            Diagnostic::error(line, message).of(DiagnosticKind::Response)
        };
        diagnostics.push(diagnostic);
        status
    });
    let body = body_of(status, blocks, examples, paths);
    let body = one_item_when_examples_agree(body, examples, status, line, diagnostics);
    ResponseInfo { status, body }
}

/// The Response section's prose says "a collection of chat objects" while
/// every JSON response example shows one object (no `value` array) and no
/// annotation says `isCollection`: the examples are what Graph sends, so
/// the call returns one item. Said in a warning.
fn one_item_when_examples_agree(
    body: ResponseBody,
    examples: &[Example],
    status: Option<u16>,
    line: u32,
    diagnostics: &mut Diagnostics,
) -> ResponseBody {
    let ResponseBody::Json {
        type_ref: TypeRef::Collection { item },
    } = &body
    else {
        return body;
    };
    let responses: Vec<_> = examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .filter(|r| status.is_none() || Some(r.status) == status)
        .collect();
    let annotated_collection = responses.iter().any(|r| r.is_collection == Some(true));
    // For each body that is JSON: one object, not a page of `value`.
    let one_item: Vec<bool> = responses
        .iter()
        .filter_map(|r| is_object_without(r.body.as_deref()?, "value"))
        .collect();
    if annotated_collection || one_item.is_empty() || !one_item.iter().all(|&one| one) {
        return body;
    }
    diagnostics.push(
        Diagnostic::warning(
            line,
            "the Response section says a collection, but every response example is one object; reading one object".to_owned(),
        )
        .of(DiagnosticKind::Response),
    );
    ResponseBody::Json {
        type_ref: (**item).clone(),
    }
}

fn is_success(status: u16) -> bool {
    (200..400).contains(&status)
}

/// The level-2 `response` section, or else the first `response` section that
/// comes before the examples.
fn main_response<'o>(ctx: &PageContext<'o>) -> Option<&'o Section> {
    let sections = &ctx.outline.sections;
    if let Some(main) = sections
        .iter()
        .find(|s| s.level == 2 && s.key == "response")
    {
        return Some(main);
    }
    let first_example = ctx.outline.first_example().unwrap_or(usize::MAX);
    sections
        .iter()
        .find(|s| s.key == "response" && s.heading < first_example)
}

/// Every status code the section states: backticked ones first, else bare
/// three-digit numbers (never `200-series`).
fn stated_statuses(blocks: &[Block]) -> Vec<u16> {
    let paragraphs = || {
        blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Paragraph(p) => Some(&p.inline),
            _ => None,
        })
    };
    let in_code: Vec<u16> = paragraphs()
        .flat_map(|p| p.code().iter())
        .filter_map(|c| leading_status(c))
        .collect();
    if !in_code.is_empty() {
        return in_code;
    }
    static BARE: OnceLock<Regex> = OnceLock::new();
    let bare = BARE
        .get_or_init(|| Regex::new(r"(?:^|[^\w-])([1-5]\d\d)(?:$|[^\w-])").expect("valid regex"));
    paragraphs()
        .flat_map(|p| {
            bare.captures_iter(&p.text)
                .filter_map(|c| c[1].parse().ok())
                .collect::<Vec<u16>>()
        })
        .collect()
}

/// `204 No Content`, `200 OK`, `204, No Content` → the number.
fn leading_status(code: &str) -> Option<u16> {
    let code = code.trim();
    let digits = code.get(..3)?;
    let rest = &code[3..];
    if !rest.is_empty() && !rest.starts_with([' ', ',']) {
        return None;
    }
    digits.parse().ok().filter(|s| (100..600).contains(s))
}

fn body_of(
    status: Option<u16>,
    blocks: &[Block],
    examples: &[Example],
    paths: &[&str],
) -> ResponseBody {
    match status {
        Some(204 | 205) => return ResponseBody::Empty,
        Some(301..=303 | 307 | 308) => return ResponseBody::Redirect,
        _ => {}
    }
    // `$value` and `/content` reads are bytes whatever the rest of the page
    // returns (`paths` are the page's GET paths, see `operation::read`).
    if !paths.is_empty() && paths.iter().all(|p| is_binary_path(p)) {
        return ResponseBody::Binary;
    }
    if let Some(type_ref) = declared_type(blocks, examples, status) {
        return ResponseBody::Json { type_ref };
    }
    let example_body = examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .find(|r| Some(r.status) == status);
    match example_body {
        Some(r) if r.body.as_deref().is_some_and(|b| b.starts_with(['{', '['])) => {
            ResponseBody::Json {
                type_ref: TypeRef::primitive(Primitive::Json),
            }
        }
        Some(r) if r.body.is_none() => ResponseBody::Empty,
        _ => ResponseBody::Unknown,
    }
}

fn is_binary_path(path: &str) -> bool {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    last == "$value" || last == "content" || last.starts_with("content?")
}

/// The type the Response section links to, with collection-ness from the text
/// or the response annotation; else the response annotation's type.
fn declared_type(blocks: &[Block], examples: &[Example], status: Option<u16>) -> Option<TypeRef> {
    let annotated = examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .find(|r| r.odata_type.is_some() && (status.is_none() || Some(r.status) == status));
    for block in blocks {
        let BlockKind::Paragraph(p) = &block.kind else {
            continue;
        };
        let Some(name) = p.inline.links().iter().find_map(|l| linked_type(&l.target)) else {
            continue;
        };
        let said_collection = mentions_collection(&p.inline.text);
        let annotated_collection = annotated.and_then(|r| r.is_collection).unwrap_or(false);
        let item = TypeRef::named(name);
        return Some(if said_collection || annotated_collection {
            TypeRef::collection(item)
        } else {
            item
        });
    }
    let response = annotated?;
    let item = annotation_type(response.odata_type.as_deref()?)?;
    Some(if response.is_collection == Some(true) {
        TypeRef::collection(item)
    } else {
        item
    })
}

fn mentions_collection(text: &str) -> bool {
    mentions_any(text, &["collection", "集合", "array of", "list of"])
}

/// `microsoft.graph.user` → the named type; `Edm.String` → a primitive.
fn annotation_type(odata_type: &str) -> Option<TypeRef> {
    let t = odata_type.trim().trim_start_matches('#');
    if t.is_empty() {
        return None;
    }
    match t.strip_prefix("microsoft.graph.") {
        Some(name) if !name.contains('.') => Some(TypeRef::named(name)),
        Some(_) => Some(TypeRef::named(t)),
        None => match type_of_text(t) {
            TypeRef::Unknown { .. } => None,
            known => Some(known),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_in_code_spans() {
        assert_eq!(leading_status("204 No Content"), Some(204));
        assert_eq!(leading_status("204, No Content"), Some(204));
        assert_eq!(leading_status("200"), Some(200));
        assert_eq!(leading_status("200-series"), None);
        assert_eq!(leading_status("$value"), None);
    }

    #[test]
    fn annotation_types() {
        assert_eq!(
            annotation_type("microsoft.graph.user"),
            Some(TypeRef::named("user"))
        );
        assert_eq!(
            annotation_type("Edm.String"),
            Some(TypeRef::primitive(Primitive::String))
        );
        assert_eq!(
            annotation_type("microsoft.graph.callRecords.callRecord"),
            Some(TypeRef::named("microsoft.graph.callRecords.callRecord"))
        );
    }
}
