//! The HTTP request section: every request line of every fenced block, grouped
//! by method.

use crate::ir::page::{Diagnostic, DiagnosticKind, HttpMethod};

use super::context::{Diagnostics, PageContext};
use super::document::{Block, BlockKind, Code};
use super::sections::Section;

/// One `METHOD /path?query` line of the HTTP request section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestLine {
    pub method: HttpMethod,
    pub path: String,
    pub query: Option<String>,
    pub line: u32,
}

/// Every request line of the page's HTTP request section(s).
pub fn request_lines(ctx: &PageContext<'_>, diagnostics: &mut Diagnostics) -> Vec<RequestLine> {
    let sections = request_sections(ctx);
    if sections.is_empty() {
        return lines_before_examples(ctx, diagnostics);
    }
    let mut lines = Vec::new();
    for section in &sections {
        for block in section.blocks(ctx.document) {
            if let BlockKind::Code(code) = &block.kind {
                read_block(ctx, block, code, &mut lines, diagnostics);
            }
        }
    }
    if lines.is_empty() {
        let line = ctx.line(&ctx.document.blocks[sections[0].heading]);
        diagnostics.push(
            Diagnostic::error(line, "the HTTP request section has no `METHOD /path` line")
                .of(DiagnosticKind::RequestSection),
        );
    }
    lines
}

/// Pages without an HTTP request heading (site-get, chat-post-members) still
/// write their request lines in fenced blocks before the examples; example
/// requests use absolute URLs and are not taken.
fn lines_before_examples(ctx: &PageContext<'_>, diagnostics: &mut Diagnostics) -> Vec<RequestLine> {
    let end = ctx
        .outline
        .first_example()
        .unwrap_or(ctx.document.blocks.len());
    let mut lines = Vec::new();
    let mut ignored = Vec::new();
    for block in &ctx.document.blocks[..end] {
        if let BlockKind::Code(code) = &block.kind {
            if !code.text.trim_start().contains("://") {
                read_block(ctx, block, code, &mut lines, &mut ignored);
            }
        }
    }
    if lines.is_empty() {
        diagnostics.push(Diagnostic::error(1, "no HTTP request section (looked for an `http-request` anchor or heading) and no request line before the examples").of(DiagnosticKind::RequestSection));
    } else {
        let message = "no HTTP request section; request lines taken from the fenced blocks before the examples";
        diagnostics
            .push(Diagnostic::warning(lines[0].line, message).of(DiagnosticKind::RequestSection));
    }
    lines
}

/// Every level-2 http-request section (driveitem-put-content documents its
/// variants under several: "to replace an existing item", "to upload a new
/// file"), or else every http-request section (pages such as drive-get have
/// one per sub-operation at level 3).
fn request_sections<'o>(ctx: &PageContext<'o>) -> Vec<&'o Section> {
    let is_request = |s: &&Section| s.key.starts_with("http-request");
    let sections = &ctx.outline.sections;
    let top: Vec<&Section> = sections
        .iter()
        .filter(|s| s.level == 2)
        .filter(is_request)
        .collect();
    if !top.is_empty() {
        return top;
    }
    sections.iter().filter(is_request).collect()
}

fn read_block(
    ctx: &PageContext<'_>,
    block: &Block,
    code: &Code,
    out: &mut Vec<RequestLine>,
    diagnostics: &mut Diagnostics,
) {
    // A fence line is the block's first line; an indented block has none.
    let first_line = ctx.line(block) + u32::from(code.fenced);
    let text = &code.text;
    let mut junk = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = first_line + n as u32;
        if is_junk(raw) {
            junk.push((line, raw));
        }
        match parse_request_line(raw) {
            Some(Ok((method, path, query))) => out.push(RequestLine {
                method,
                path,
                query,
                line,
            }),
            Some(Err(message)) => {
                diagnostics.push(Diagnostic::warning(line, message).of(DiagnosticKind::RequestLine))
            }
            None => {}
        }
    }
    // An unclosed fence is reported as such; what it swallowed is no news.
    let unclosed = ctx
        .document
        .unclosed_fences
        .iter()
        .any(|f| f.offset == block.offset);
    if let Some(&(line, first)) = junk.first().filter(|_| !unclosed) {
        let mut message = format!(
            "{} line(s) of this `http` block are not request lines and are ignored (first: `{}`)",
            junk.len(),
            shorten(first.trim())
        );
        if junk
            .iter()
            .any(|(_, raw)| raw.trim_start().starts_with("## "))
        {
            message.push_str("; it holds a section heading: a closing fence is probably missing");
        }
        diagnostics.push(Diagnostic::warning(line, message).of(DiagnosticKind::RequestLine));
    }
}

/// A line of a request block that is neither a request line, nor blank, nor
/// a header (`Name: value`), nor a JSON body: text the block should not hold.
fn is_junk(raw: &str) -> bool {
    let line = raw.trim();
    if line.is_empty() || parse_request_line(line).is_some() {
        return false;
    }
    let header = line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let json = line.starts_with(['{', '}', '[', ']', '"']);
    !header && !json
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

type Parsed = (HttpMethod, String, Option<String>);

/// `None` for lines that are not request lines at all (headers, JSON, prose);
/// `Err` for request lines whose path is unusable.
pub fn parse_request_line(raw: &str) -> Option<Result<Parsed, String>> {
    let line = raw.trim();
    let word_end = line
        .find(|c: char| !c.is_ascii_uppercase())
        .unwrap_or(line.len());
    let method = HttpMethod::parse(&line[..word_end])?;
    let rest = &line[word_end..];
    if !rest.starts_with([' ', '/']) {
        return None;
    }
    let target = strip_http_version(rest.trim());
    Some(split_target(target).map(|(path, query)| (method, path, query)))
}

fn strip_http_version(target: &str) -> &str {
    match target.rsplit_once(' ') {
        Some((head, tail)) if tail.starts_with("HTTP/") => head.trim_end(),
        _ => target,
    }
}

fn split_target(target: &str) -> Result<(String, Option<String>), String> {
    let relative = strip_origin(target);
    let relative = relative.strip_prefix('~').unwrap_or(relative);
    let (path, query) = match relative.split_once('?') {
        Some((p, q)) => (p.trim(), Some(q.trim().to_owned())),
        None => (relative.trim(), None),
    };
    check_path(path)?;
    Ok((path.to_owned(), query.filter(|q| !q.is_empty())))
}

/// `https://graph.microsoft.com/beta/me` → `/me`.
fn strip_origin(target: &str) -> &str {
    let lower = target
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !lower.starts_with("https://") && !lower.starts_with("http://") {
        return target;
    }
    let after_scheme = &target[target.find("//").map_or(0, |i| i + 2)..];
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    for version in ["/v1.0", "/beta", "/V1.0", "/v1"] {
        if let Some(rest) = path.strip_prefix(version) {
            if rest.is_empty() || rest.starts_with(['/', '?']) {
                return rest;
            }
        }
    }
    path
}

/// A path may hold spaces only inside `{...}`, `(...)` or quotes.
fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("request line without a path".to_owned());
    }
    let mut depth = 0i32;
    let mut quoted = false;
    for c in path.chars() {
        match c {
            '\'' => quoted = !quoted,
            '{' | '(' | '<' if !quoted => depth += 1,
            '}' | ')' | '>' if !quoted => depth -= 1,
            c if c.is_whitespace() && depth <= 0 && !quoted => {
                return Err(format!("request line path `{path}` is not a URL path"));
            }
            _ => {}
        }
    }
    if path.starts_with('*') {
        return Err(format!("request line path `{path}` is not a URL path"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Option<Result<Parsed, String>> {
        parse_request_line(line)
    }

    #[test]
    fn plain_request_line() {
        let (m, p, q) = parse("POST /deviceManagement/virtualEndpoint/deviceImages/{id}/reupload")
            .unwrap()
            .unwrap();
        assert_eq!(m, HttpMethod::Post);
        assert_eq!(
            p,
            "/deviceManagement/virtualEndpoint/deviceImages/{id}/reupload"
        );
        assert_eq!(q, None);
    }

    #[test]
    fn alternatives_and_query_with_spaces() {
        let (_, p, q) = parse("GET /users/{id | userPrincipalName}/events?$filter=a eq 'b c'")
            .unwrap()
            .unwrap();
        assert_eq!(p, "/users/{id | userPrincipalName}/events");
        assert_eq!(q.as_deref(), Some("$filter=a eq 'b c'"));
    }

    #[test]
    fn absolute_urls_and_tilde() {
        assert_eq!(
            parse("GET https://graph.microsoft.com/beta/me/drive")
                .unwrap()
                .unwrap()
                .1,
            "/me/drive"
        );
        assert_eq!(
            parse("GET ~/onPremisesPublishingProfiles/x")
                .unwrap()
                .unwrap()
                .1,
            "/onPremisesPublishingProfiles/x"
        );
    }

    #[test]
    fn missing_space_after_method() {
        assert_eq!(
            parse("DELETE/identity/b2xUserFlows/{id}")
                .unwrap()
                .unwrap()
                .1,
            "/identity/b2xUserFlows/{id}"
        );
    }

    #[test]
    fn function_call_with_quoted_spaces() {
        let (_, p, _) = parse("GET /reports/getX(period='{period value}')")
            .unwrap()
            .unwrap();
        assert_eq!(p, "/reports/getX(period='{period value}')");
    }

    #[test]
    fn not_request_lines() {
        assert!(parse("Content-Type: application/json").is_none());
        assert!(parse("GETTING started").is_none());
        assert!(parse("or").is_none());
    }

    #[test]
    fn junk_paths_are_errors() {
        assert!(parse("GET ** Collection URI for microsoft.x not found")
            .unwrap()
            .is_err());
        assert!(parse("GET /users or /groups").unwrap().is_err());
    }
}
