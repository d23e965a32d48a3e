//! Rustdoc text: doc lines built from the lowered IR, emitted one
//! `#[doc = "..."]` attribute per line (through `doc_blocks`).
//!
//! Text from the docs is never code: each prose line is trimmed (an indented
//! line would be a code block, hence a doctest), paragraphs are joined into
//! one line, and every code fence becomes ```` ```text ````.

use crate::ir::api::{CallOption, CallOptions, Edge, Endpoint, FunctionArg, Node, Segment};
use crate::ir::page::{PermissionSource, Permissions};

/// The texts of the doc attributes of `lines` (`/// line` is `#[doc = " line"]`).
pub fn attr_texts(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// Docs prose → safe doc lines: paragraphs on one line each, fences as text.
pub fn prose(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            flush(&mut paragraph, &mut out);
            out.push(if in_fence { "```" } else { "```text" }.to_owned());
            in_fence = !in_fence;
        } else if in_fence {
            out.push(clean(line));
        } else if line.is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    if in_fence {
        out.push("```".to_owned());
    }
    out
}

fn flush(paragraph: &mut Vec<&str>, out: &mut Vec<String>) {
    if paragraph.is_empty() {
        return;
    }
    if !out.is_empty() && out.last().is_some_and(|l| !l.is_empty()) {
        out.push(String::new());
    }
    out.push(plain_markdown(&clean(&paragraph.join(" "))));
    paragraph.clear();
}

/// Doc text as rustdoc should show it: outside code spans, brackets are
/// escaped (`[Deprecated]`, `PCR[0]` are not intra-doc links), `<` is an
/// entity (`<number>` is not an HTML tag), and bare URLs become links.
fn plain_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
            if !url.contains(['<', '>', '`']) {
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[url.len()..];
                continue;
            }
        }
        match c {
            '`' => in_code = !in_code,
            '[' | ']' if !in_code => out.push('\\'),
            '<' if !in_code => {
                out.push_str("&lt;");
                rest = &rest[1..];
                continue;
            }
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Tabs and control characters become spaces.
fn clean(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `` `text` `` with any backtick inside replaced, so the span stays closed.
pub fn code(text: &str) -> String {
    format!("`{}`", clean(text).replace('`', "'"))
}

/// Docs of a builder struct.
pub fn node(node: &Node) -> Vec<String> {
    vec![format!("Request builder for {}.", code(&node.template))]
}

/// Docs of a navigation method.
pub fn edge(edge: &Edge, target: &Node) -> Vec<String> {
    let path = code(&target.template);
    match &edge.segment {
        Segment::Literal { .. } => vec![path],
        Segment::Key { written } => {
            let names: Vec<String> = written.iter().map(|w| code(w)).collect();
            vec![
                format!(
                    "One item by key ({}), percent-encoded as one segment:",
                    names.join(", ")
                ),
                String::new(),
                path,
            ]
        }
        Segment::ColonPath { written } => {
            let names: Vec<String> = written.iter().map(|w| code(w)).collect();
            vec![
                format!(
                    "Colon addressing ({}): each `/`-separated part is percent-encoded:",
                    names.join(", ")
                ),
                String::new(),
                path,
            ]
        }
        Segment::Function { args, .. } => function(&path, args),
    }
}

fn function(path: &str, args: &[FunctionArg]) -> Vec<String> {
    let mut lines = vec![format!("OData function call or alternate key {path}.")];
    if args.is_empty() {
        return lines;
    }
    lines.push(String::new());
    lines.push("Every argument is a parameter; the docs write:".to_owned());
    lines.push(String::new());
    for arg in args {
        let written: Vec<String> = arg.written.iter().map(|w| code(w)).collect();
        let name = if arg.wire.is_empty() {
            "(positional)".to_owned()
        } else {
            code(&arg.wire)
        };
        let mut line = format!("- {name}: {}", written.join(", "));
        if let Some(type_name) = &arg.type_name {
            line.push_str(&format!(" ({})", code(type_name)));
        }
        let description = prose(&arg.description).join(" ");
        let description = description.trim().trim_end_matches('.');
        if !description.is_empty() {
            line.push_str(&format!(". {description}"));
        }
        let unquoted = arg.written.iter().all(|w| !w.starts_with('\''));
        let numeric = arg.written.iter().all(|w| w.parse::<i64>().is_ok());
        if unquoted && !numeric {
            line.push_str(". Written unquoted: pass an integer, a bool or `FunctionArg::Raw`");
        }
        lines.push(line);
    }
    lines
}

/// Docs of a terminal call.
pub fn endpoint(endpoint: &Endpoint) -> Vec<String> {
    let mut lines = prose(&endpoint.title);
    if !endpoint.description.is_empty() {
        lines.push(String::new());
        lines.extend(prose(&endpoint.description));
    }
    lines.push(String::new());
    lines.push("```text".to_owned());
    lines.extend(endpoint.http_lines.iter().map(|l| clean(l)));
    lines.push("```".to_owned());
    if !endpoint.path_queries.is_empty() {
        let queries: Vec<String> = endpoint.path_queries.iter().map(|q| code(q)).collect();
        lines.push(String::new());
        lines.push(format!(
            "The docs write this path with the query {}.",
            queries.join(", ")
        ));
    }
    lines.extend(call_options(&endpoint.options));
    lines.push(String::new());
    lines.extend(permissions(&endpoint.permissions));
    lines.push(String::new());
    lines.push(match endpoint.success_status {
        Some(status) => format!("Success status: `{status}`."),
        None => "Success status: not documented.".to_owned(),
    });
    lines.push(String::new());
    lines.push(format!("Reference: <{}>", endpoint.doc_url));
    lines.extend(also_documented(endpoint));
    lines
}

/// The page's optional query parameters and request headers, each with the
/// `Request` calls that set it, and the type its example bodies name.
fn call_options(options: &CallOptions) -> Vec<String> {
    let mut lines = Vec::new();
    if !options.query.is_empty() || options.odata {
        lines.push(String::new());
        lines.push(if options.odata {
            "Optional query parameters (the OData query parameters are supported):".to_owned()
        } else {
            "Optional query parameters:".to_owned()
        });
        lines.push(String::new());
        lines.extend(options.query.iter().map(|o| option_line(o, "header")));
        for note in &options.query_notes {
            lines.push(String::new());
            lines.extend(prose(note));
        }
    }
    if !options.headers.is_empty() {
        lines.push(String::new());
        lines.push("Request headers:".to_owned());
        lines.push(String::new());
        lines.extend(options.headers.iter().map(|o| option_line(o, "option")));
    }
    for name in &options.body_odata_types {
        lines.push(String::new());
        lines.push(format!(
            "The docs' example body names its type ({}): start such a body with the model's `with_odata_type()`, as `new()` sends only what is set.",
            code(&format!("\"@odata.type\": \"{name}\""))
        ));
    }
    lines
}

/// `- `name`: `.call()`. Required ...: text`, on one line.
fn option_line(option: &CallOption, related_kind: &str) -> String {
    let calls: Vec<String> = option
        .methods
        .iter()
        .map(|m| code(&format!(".{m}")))
        .collect();
    let calls = if calls.is_empty() {
        "set by the call".to_owned()
    } else {
        calls.join(", ")
    };
    let mut line = format!("- {}: {calls}", code(&option.name));
    if !option.related.is_empty() && related_kind == "header" {
        let names: Vec<String> = option.related.iter().map(|r| code(r)).collect();
        line.push_str(&format!("; see the {} header below", names.join(", ")));
    }
    let text = plain_markdown(&clean(option.text.trim()));
    match (option.required, option.related.is_empty()) {
        (true, false) => line.push_str(&format!(
            ". Required where its text says (it names {}): {text}",
            option
                .related
                .iter()
                .map(|r| code(r))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        // The reader found "required" in the text: it says so itself.
        (true, true) if text.to_lowercase().contains("required") => {
            line.push_str(&format!(". {text}"))
        }
        (true, true) => line.push_str(&format!(". Required. {text}")),
        (false, _) if !text.is_empty() => line.push_str(&format!(". {text}")),
        (false, _) => {}
    }
    line
}

/// Permissions by kind, least privileged first.
pub fn permissions(permissions: &Permissions) -> Vec<String> {
    let kinds = [
        (
            "Delegated (work or school account)",
            &permissions.delegated_work,
        ),
        (
            "Delegated (personal Microsoft account)",
            &permissions.delegated_personal,
        ),
        ("Application", &permissions.application),
    ];
    if permissions.source == PermissionSource::Missing {
        return vec!["Permissions: not documented.".to_owned()];
    }
    let mut lines = vec![
        "Permissions (least to most privileged):".to_owned(),
        String::new(),
    ];
    for (kind, list) in kinds {
        let text = if list.is_empty() {
            "Not supported.".to_owned()
        } else {
            list.iter().map(|p| code(p)).collect::<Vec<_>>().join(", ")
        };
        lines.push(format!("- {kind}: {text}"));
    }
    lines
}

fn also_documented(endpoint: &Endpoint) -> Vec<String> {
    if endpoint.also_documented.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        String::new(),
        "The same request is also documented (not used here) by:".to_owned(),
        String::new(),
    ];
    for source in &endpoint.also_documented {
        lines.push(format!("- {} (line {})", code(&source.file), source.line));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_and_lines_are_trimmed() {
        let lines = prose("Intro\n    indented\n\n```rust\nfn x() {}\n```\n~~~\nraw\n");
        assert_eq!(
            lines,
            [
                "Intro indented",
                "```text",
                "fn x() {}",
                "```",
                "```text",
                "raw",
                "```"
            ]
        );
    }

    #[test]
    fn an_open_fence_is_closed() {
        assert_eq!(prose("```\ncode"), ["```text", "code", "```"]);
    }

    #[test]
    fn brackets_tags_and_urls_read_as_text() {
        assert_eq!(
            prose("[Deprecated] PCR[0] <number> `a[0] <b>` see https://aka.ms/x."),
            ["\\[Deprecated\\] PCR\\[0\\] &lt;number> `a[0] <b>` see <https://aka.ms/x>."]
        );
    }

    #[test]
    fn paragraphs_are_joined() {
        assert_eq!(prose("a\nb\n\nc\td"), ["a b", "", "c d"]);
    }

    #[test]
    fn options_name_their_calls_and_when_they_are_required() {
        let level = CallOption {
            name: "ConsistencyLevel".into(),
            text: "eventual. Needed with `$count`.".into(),
            required: true,
            methods: vec!["consistency_level_eventual()".into()],
            related: vec!["$count".into()],
        };
        let count = CallOption {
            name: "$count".into(),
            text: String::new(),
            required: false,
            methods: vec!["count(true)".into()],
            related: vec!["ConsistencyLevel".into()],
        };
        let content_type = CallOption {
            name: "Content-Type".into(),
            text: "application/json".into(),
            required: true,
            methods: Vec::new(),
            related: Vec::new(),
        };
        let options = CallOptions {
            odata: true,
            query: vec![count],
            query_notes: vec!["Use [x] with `$count`.".into()],
            headers: vec![level, content_type],
            body_odata_types: vec!["#microsoft.graph.a".into()],
        };
        let lines = call_options(&options);
        assert_eq!(
            lines[..12],
            [
                "",
                "Optional query parameters (the OData query parameters are supported):",
                "",
                "- `$count`: `.count(true)`; see the `ConsistencyLevel` header below",
                "",
                "Use \\[x\\] with `$count`.",
                "",
                "Request headers:",
                "",
                "- `ConsistencyLevel`: `.consistency_level_eventual()`. Required where its text says (it names `$count`): eventual. Needed with `$count`.",
                "- `Content-Type`: set by the call. Required. application/json",
                "",
            ]
        );
        assert!(lines[12].contains("`\"@odata.type\": \"#microsoft.graph.a\"`"));
    }

    #[test]
    fn code_spans_stay_closed() {
        assert_eq!(code("a`b"), "`a'b`");
    }
}
