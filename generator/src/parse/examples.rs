//! Example requests and responses: fenced blocks outside the HTTP request
//! section whose first line is `METHOD url` or `HTTP/x NNN`, paired in order.

use crate::ir::page::{Example, ExampleRequest, ExampleResponse, HttpMethod};

use super::context::PageContext;
use super::document::{BlockKind, Code};

pub fn read(ctx: &PageContext<'_>) -> Vec<Example> {
    let skip = request_section_ranges(ctx);
    let mut examples: Vec<Example> = Vec::new();
    for (index, block) in ctx.document.blocks.iter().enumerate() {
        if skip.iter().any(|range| range.contains(&index)) {
            continue;
        }
        let BlockKind::Code(code) = &block.kind else {
            continue;
        };
        let line = ctx.line(block) + 1;
        if let Some(request) = request(code, line) {
            let name = code.annotation.as_ref().and_then(|a| a.name.clone());
            examples.push(Example {
                name,
                request: Some(request),
                response: None,
            });
        } else if let Some(response) = response(code, line) {
            match examples.last_mut() {
                Some(last) if last.response.is_none() => last.response = Some(response),
                _ => examples.push(Example {
                    name: None,
                    request: None,
                    response: Some(response),
                }),
            }
        }
    }
    examples
}

/// Every HTTP request section: a page may document its variants under
/// several (driveitem-put-content), and none of their blocks is an example.
fn request_section_ranges(ctx: &PageContext<'_>) -> Vec<std::ops::Range<usize>> {
    ctx.outline
        .sections
        .iter()
        .filter(|s| s.key.starts_with("http-request"))
        .map(|s| s.heading..s.end)
        .collect()
}

fn request(code: &Code, line: u32) -> Option<ExampleRequest> {
    if code
        .annotation
        .as_ref()
        .is_some_and(|a| a.block_type == "response")
    {
        return None;
    }
    let (head, body) = split_message(&code.text);
    let mut head_lines = head.lines();
    let first = head_lines.next()?.trim();
    let (method, url) = first.split_once(' ')?;
    let method = HttpMethod::parse(method)?;
    let url = url.trim().trim_end_matches(" HTTP/1.1").to_owned();
    let headers = header_lines(head_lines);
    Some(ExampleRequest {
        line,
        method,
        url,
        headers,
        body,
    })
}

fn response(code: &Code, line: u32) -> Option<ExampleResponse> {
    let (head, body) = split_message(&code.text);
    let mut head_lines = head.lines();
    let status = status_of(head_lines.next()?)?;
    let headers = header_lines(head_lines);
    let annotation = code.annotation.as_ref();
    Some(ExampleResponse {
        line,
        status,
        headers,
        body,
        odata_type: annotation.and_then(|a| a.odata_type.clone()),
        is_collection: annotation.and_then(|a| a.is_collection),
    })
}

/// `HTTP/1.1 204 No Content`, `HTTP 201 Created` → the number.
pub fn status_of(line: &str) -> Option<u16> {
    let rest = line.trim().strip_prefix("HTTP")?;
    let rest = match rest.strip_prefix('/') {
        Some(version_and_rest) => version_and_rest.split_once(' ')?.1,
        None => rest,
    };
    let code = rest.trim_start().get(..3)?;
    code.parse().ok().filter(|c| (100..600).contains(c))
}

/// Splits an HTTP message into its head (start line and headers) and body.
/// Bodies without a blank line after the headers start at the first `{`/`[` line.
fn split_message(text: &str) -> (&str, Option<String>) {
    let trimmed = text.trim_start_matches('\n');
    if let Some(at) = trimmed.find("\n\n") {
        let body = trimmed[at..].trim();
        return (&trimmed[..at], (!body.is_empty()).then(|| body.to_owned()));
    }
    let mut offset = 0;
    for line in trimmed.split_inclusive('\n') {
        let t = line.trim_start();
        if offset > 0 && (t.starts_with('{') || t.starts_with('[')) {
            return (
                &trimmed[..offset],
                Some(trimmed[offset..].trim().to_owned()),
            );
        }
        offset += line.len();
    }
    (trimmed, None)
}

fn header_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    lines
        .filter_map(|l| l.split_once(':'))
        .filter(|(name, _)| !name.trim().is_empty() && !name.contains(' '))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        assert_eq!(status_of("HTTP/1.1 204 No Content"), Some(204));
        assert_eq!(status_of("HTTP/1.1 200 OK"), Some(200));
        assert_eq!(status_of("HTTP 201 Created"), Some(201));
        assert_eq!(status_of("HTTP/2 202 Accepted"), Some(202));
        assert_eq!(status_of("Content-Type: x"), None);
    }

    #[test]
    fn messages_split_at_blank_line_or_json() {
        let (head, body) =
            split_message("HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"a\":1}\n");
        assert_eq!(head, "HTTP/1.1 200 OK\nContent-type: application/json");
        assert_eq!(body.as_deref(), Some("{\"a\":1}"));
        let (_, body) =
            split_message("HTTP/1.1 200 OK\nContent-type: application/json\n{\"a\":1}\n");
        assert_eq!(body.as_deref(), Some("{\"a\":1}"));
        assert_eq!(split_message("HTTP/1.1 204 No Content\n").1, None);
    }
}
