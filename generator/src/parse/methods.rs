//! Request lines of several methods on one page. A page documents one
//! operation; a few document two on purpose (`PATCH` and `PUT` on an update,
//! `DELETE` and `POST` on driveitem-unfollow), and a stray line (a `DELETE` in
//! a GET page) would become a call with the wrong title, permissions and
//! response. When the file name says what the page does (`-get`, `-list`,
//! `-delete`), lines of another method are left out, each with a warning: a
//! read page never grows a write call. Otherwise every method is kept, with
//! one warning naming the mix.

use crate::ir::page::{Diagnostic, DiagnosticKind, HttpMethod};

use super::context::Diagnostics;
use super::http::RequestLine;

/// The lines the page's operation(s) are built from.
pub fn settle(
    file: &str,
    lines: Vec<RequestLine>,
    diagnostics: &mut Diagnostics,
) -> Vec<RequestLine> {
    let mut methods: Vec<HttpMethod> = Vec::new();
    for line in &lines {
        if !methods.contains(&line.method) {
            methods.push(line.method);
        }
    }
    if methods.len() < 2 {
        return lines;
    }
    let named = named_methods(file).filter(|named| methods.iter().any(|m| named.contains(m)));
    match named {
        Some(named) => keep_named(file, lines, named, diagnostics),
        None => {
            if !explained(file, &methods) {
                let listed: Vec<&str> = methods.iter().map(|m| m.as_str()).collect();
                let second = lines
                    .iter()
                    .find(|l| l.method == methods[1])
                    .map_or(1, |l| l.line);
                let message = format!(
                    "request lines mix methods ({}): each becomes its own call with this page's title, permissions and response",
                    listed.join(", ")
                );
                diagnostics
                    .push(Diagnostic::warning(second, message).of(DiagnosticKind::MixedMethods));
            }
            lines
        }
    }
}

fn keep_named(
    file: &str,
    lines: Vec<RequestLine>,
    named: &[HttpMethod],
    diagnostics: &mut Diagnostics,
) -> Vec<RequestLine> {
    let (kept, dropped): (Vec<RequestLine>, Vec<RequestLine>) =
        lines.into_iter().partition(|l| named.contains(&l.method));
    let stem = file_stem(file);
    for line in dropped {
        let message = format!(
            "`{} {}` left out: the page is a {} operation (`{stem}`), and one page documents one operation",
            line.method.as_str(),
            line.path,
            named[0].as_str()
        );
        diagnostics.push(Diagnostic::warning(line.line, message).of(DiagnosticKind::MixedMethods));
    }
    kept
}

/// The only methods a page named `x-get`, `x-list-y` or `x-delete` may use.
fn named_methods(file: &str) -> Option<&'static [HttpMethod]> {
    let verbs = file_stem(file).split('-').skip(1);
    verbs.into_iter().find_map(|verb| match verb {
        "get" | "list" => Some(&[HttpMethod::Get][..]),
        "delete" => Some(&[HttpMethod::Delete][..]),
        _ => None,
    })
}

/// Writes that the docs document together on purpose: an update or create
/// page with `PATCH`/`PUT`/`POST`.
fn explained(file: &str, methods: &[HttpMethod]) -> bool {
    let writes = [HttpMethod::Patch, HttpMethod::Put, HttpMethod::Post];
    let names_a_write = file_stem(file)
        .split('-')
        .skip(1)
        .any(|verb| matches!(verb, "update" | "create" | "post" | "upsert"));
    names_a_write && methods.iter().all(|m| writes.contains(m))
}

fn file_stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".md").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(method: HttpMethod, n: u32) -> RequestLine {
        RequestLine {
            method,
            path: format!("/widgets/{n}"),
            query: None,
            line: n,
        }
    }

    fn methods(lines: &[RequestLine]) -> Vec<HttpMethod> {
        lines.iter().map(|l| l.method).collect()
    }

    #[test]
    fn a_stray_delete_in_a_get_page_is_left_out_and_named() {
        let mut diagnostics = Vec::new();
        let lines = vec![line(HttpMethod::Get, 10), line(HttpMethod::Delete, 11)];
        let kept = settle(
            "api-reference/v1.0/api/widget-get.md",
            lines,
            &mut diagnostics,
        );
        assert_eq!(methods(&kept), [HttpMethod::Get]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 11);
        assert_eq!(diagnostics[0].kind, DiagnosticKind::MixedMethods);
        assert!(diagnostics[0]
            .message
            .contains("`DELETE /widgets/11` left out"));
    }

    #[test]
    fn an_unnamed_mix_is_kept_with_one_warning() {
        let mut diagnostics = Vec::new();
        let lines = vec![line(HttpMethod::Delete, 5), line(HttpMethod::Post, 6)];
        let kept = settle(
            "api-reference/v1.0/api/driveitem-unfollow.md",
            lines,
            &mut diagnostics,
        );
        assert_eq!(kept.len(), 2);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 6);
    }

    #[test]
    fn an_update_with_patch_and_put_is_not_flagged() {
        let mut diagnostics = Vec::new();
        let lines = vec![line(HttpMethod::Patch, 5), line(HttpMethod::Put, 6)];
        let kept = settle(
            "api-reference/v1.0/api/photo-update.md",
            lines,
            &mut diagnostics,
        );
        assert_eq!(kept.len(), 2);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn a_get_page_without_any_get_line_keeps_its_lines() {
        let mut diagnostics = Vec::new();
        let lines = vec![line(HttpMethod::Post, 5), line(HttpMethod::Delete, 6)];
        let kept = settle("api-reference/v1.0/api/x-get.md", lines, &mut diagnostics);
        assert_eq!(kept.len(), 2);
        assert_eq!(diagnostics.len(), 1);
    }
}
