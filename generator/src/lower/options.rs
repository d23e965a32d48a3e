//! A call's optional query parameters and request headers: what the page's
//! sections list, each paired with the `graph_runtime::Request` method that
//! sets it, and the headers related to the options their table row names
//! (`ConsistencyLevel` names `$count` and `$search`).

use crate::ir::api::{CallOption, CallOptions};
use crate::ir::page::{HeaderParam, HttpMethod, Operation, Page};

/// The OData options and the `Request` call for each.
const ODATA: &[(&str, &str)] = &[
    ("$select", "select(&[..])"),
    ("$filter", "filter(..)"),
    ("$count", "count(true)"),
    ("$search", "search(..)"),
    ("$orderby", "orderby(..)"),
    ("$expand", "expand(..)"),
    ("$top", "top(n)"),
    ("$skip", "skip(n)"),
];

/// What `op` on `page` documents besides its path and body.
pub(crate) fn call_options(page: &Page, op: &Operation) -> CallOptions {
    let headers: Vec<CallOption> = op
        .request_headers
        .iter()
        .filter(|h| !h.name.eq_ignore_ascii_case("authorization"))
        .map(header)
        .collect();
    let mut query: Vec<CallOption> = op
        .query
        .named
        .iter()
        .map(|name| CallOption {
            name: name.clone(),
            text: String::new(),
            required: false,
            methods: vec![odata_method(name)],
            related: related_headers(name, &headers),
        })
        .collect();
    query.extend(op.query.parameters.iter().map(|p| CallOption {
        name: p.name.clone(),
        text: p.description.trim().to_owned(),
        required: p.required == Some(true),
        methods: vec![format!("query({:?}, ..)", p.name)],
        related: Vec::new(),
    }));
    CallOptions {
        odata: op.query.odata,
        query,
        query_notes: op.query.notes.clone(),
        headers,
        body_odata_types: body_odata_types(page, op.method),
    }
}

fn odata_method(name: &str) -> String {
    ODATA
        .iter()
        .find(|(option, _)| option.eq_ignore_ascii_case(name))
        .map(|(_, method)| (*method).to_owned())
        .unwrap_or_else(|| format!("query({name:?}, ..)"))
}

/// The headers whose row names `option` (as a whole word).
fn related_headers(option: &str, headers: &[CallOption]) -> Vec<String> {
    headers
        .iter()
        .filter(|h| h.related.iter().any(|r| r.eq_ignore_ascii_case(option)))
        .map(|h| h.name.clone())
        .collect()
}

fn header(param: &HeaderParam) -> CallOption {
    let text = param.value.trim().to_owned();
    CallOption {
        name: param.name.clone(),
        related: named_options(&text),
        methods: header_methods(&param.name, &text),
        required: param.required,
        text,
    }
}

/// The OData options a header's row names, in the table's order of `ODATA`.
fn named_options(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    ODATA
        .iter()
        .map(|(option, _)| *option)
        .filter(|option| {
            lower.match_indices(option).any(|(at, _)| {
                let next = lower[at + option.len()..].chars().next();
                !next.is_some_and(|c| c.is_ascii_alphanumeric())
            })
        })
        .map(str::to_owned)
        .collect()
}

/// The typed `Request` calls for the headers Graph defines; `header(..)`
/// for any other.
fn header_methods(name: &str, text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let typed: &[&str] = match name.to_ascii_lowercase().as_str() {
        "consistencylevel" if lower.contains("eventual") => &["consistency_level_eventual()"],
        "if-match" => &["if_match(etag)"],
        "if-none-match" => &["if_none_match(etag)"],
        "workbook-session-id" => &["workbook_session_id(id)"],
        // Set by the call from its body.
        "content-type" | "content-length" => return Vec::new(),
        "prefer" => return prefer_methods(&lower),
        _ => &[],
    };
    if typed.is_empty() {
        vec![format!("header({name:?}, ..)")]
    } else {
        typed.iter().map(|m| (*m).to_owned()).collect()
    }
}

/// The `Prefer` preferences the row names, each with its typed call, then
/// the general `prefer(..)`.
fn prefer_methods(text: &str) -> Vec<String> {
    const KNOWN: &[(&str, &str)] = &[
        ("odata.maxpagesize", "prefer_max_page_size(n)"),
        ("return=minimal", "prefer_return_minimal()"),
        ("return=representation", "prefer_return_representation()"),
        ("outlook.timezone", "prefer_outlook_timezone(zone)"),
        (
            "outlook.body-content-type",
            "prefer_outlook_body_content_type(kind)",
        ),
    ];
    KNOWN
        .iter()
        .filter(|(token, _)| text.contains(token))
        .map(|(_, method)| (*method).to_owned())
        .chain(["prefer(..)".to_owned()])
        .collect()
}

/// Top-level `@odata.type` values of the page's example request bodies
/// for `method`, in order, once each.
fn body_odata_types(page: &Page, method: HttpMethod) -> Vec<String> {
    let mut types = Vec::new();
    let bodies = page
        .examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .filter(|r| r.method == method)
        .filter_map(|r| r.body.as_deref());
    for body in bodies {
        let Ok(serde_json::Value::Object(object)) = serde_json::from_str(body) else {
            continue;
        };
        if let Some(serde_json::Value::String(name)) = object.get("@odata.type") {
            if !types.contains(name) {
                types.push(name.clone());
            }
        }
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &str, value: &str, required: bool) -> HeaderParam {
        HeaderParam {
            name: name.into(),
            value: value.into(),
            required,
        }
    }

    #[test]
    fn headers_get_their_calls_and_the_options_their_row_names() {
        let level = header(&param(
            "ConsistencyLevel",
            "eventual. Needed with `$count` or $search, not with $searchable.",
            true,
        ));
        assert_eq!(level.methods, ["consistency_level_eventual()"]);
        assert_eq!(level.related, ["$count", "$search"]);
        assert!(level.required);
        let prefer = header(&param("Prefer", "outlook.timezone=\"x\". Optional.", false));
        assert_eq!(
            prefer.methods,
            ["prefer_outlook_timezone(zone)", "prefer(..)"]
        );
        let other = header(&param("Workbook-Session-Id", "id", false));
        assert_eq!(other.methods, ["workbook_session_id(id)"]);
        let custom = header(&param("X-Custom", "v", false));
        assert_eq!(custom.methods, ["header(\"X-Custom\", ..)"]);
        assert_eq!(
            related_headers("$search", &[level, prefer]),
            ["ConsistencyLevel"]
        );
        assert_eq!(odata_method("$count"), "count(true)");
        assert_eq!(odata_method("$skiptoken"), "query(\"$skiptoken\", ..)");
    }
}
