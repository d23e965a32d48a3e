//! What the mock sends back: the best documented example, or a Graph error.

use serde_json::{json, Value};

use super::decode::percent_decode;
use super::route::{Route, Template};
use super::url::without_origin;
use crate::ir::page::{Example, ExampleResponse};

/// A response to write: status, headers, body, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// `file:line` of the example or operation served, or the error code.
    pub source: String,
}

/// Headers of an example that describe the doc's transfer, not the answer.
const TRANSFER_HEADERS: [&str; 3] = ["content-length", "transfer-encoding", "connection"];

/// What was asked: the decoded path without version, the target as sent,
/// and the mock's own origin (`http://127.0.0.1:8080`).
pub struct Asked<'a> {
    pub path: &'a str,
    pub target: &'a str,
    pub origin: &'a str,
}

/// The example of `route`'s page whose request looks most like the one
/// received; without one, the operation's success status and no body.
pub fn documented(route: &Route, examples: &[Example], asked: &Asked<'_>) -> Answer {
    // `max_by_key` keeps the last of equals: reversed, the first example wins.
    let best = examples
        .iter()
        .rev()
        .filter_map(|e| Some((e.request.as_ref()?, e.response.as_ref()?)))
        .filter(|(request, _)| request.method == route.method)
        .max_by_key(|(request, _)| {
            let (template, segments) = resemblance(&route.template, &request.url, asked.path);
            let (names, pairs) = shared_query(&request.url, asked.target);
            (template, segments, names, pairs)
        });
    match best {
        Some((_, response)) => from_example(response, route, asked),
        None => Answer {
            status: route.success_status.unwrap_or(200),
            headers: Vec::new(),
            body: Vec::new(),
            source: route.origin.clone(),
        },
    }
}

/// Examples of the same template first, then the most path segments equal
/// to the request's.
fn resemblance(template: &Template, example_url: &str, path: &str) -> (bool, usize) {
    let example_path = example_path(example_url);
    let same_template = template.matches(&example_path);
    let equal_segments = example_path
        .split('/')
        .zip(path.split('/'))
        .filter(|(a, b)| a.eq_ignore_ascii_case(b))
        .count();
    (same_template, equal_segments)
}

/// How much of the query the example shares with the request: option names
/// (`$select`, `$filter`, up to case), then whole `name=value` pairs
/// (decoded). Ties between examples of one path go to the closer query.
fn shared_query(example_url: &str, target: &str) -> (usize, usize) {
    fn options(url: &str) -> Vec<(String, String)> {
        let Some((_, query)) = url.trim().split_once('?') else {
            return Vec::new();
        };
        query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (
                    percent_decode(name).to_ascii_lowercase(),
                    percent_decode(value),
                )
            })
            .collect()
    }
    let (example, asked) = (options(example_url), options(target));
    let names = asked
        .iter()
        .filter(|(name, _)| example.iter().any(|(n, _)| n == name))
        .count();
    let pairs = asked.iter().filter(|pair| example.contains(pair)).count();
    (names, pairs)
}

/// The path of an example URL: no origin, no version, no query.
fn example_path(url: &str) -> String {
    let path = without_origin(url).split('?').next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    for version in ["/v1.0/", "/beta/"] {
        if lower.starts_with(version) {
            return path[version.len() - 1..].to_owned();
        }
    }
    path.to_owned()
}

fn from_example(response: &ExampleResponse, route: &Route, asked: &Asked<'_>) -> Answer {
    let headers = response
        .headers
        .iter()
        .filter(|(name, _)| !TRANSFER_HEADERS.contains(&name.to_ascii_lowercase().as_str()))
        .cloned()
        .collect();
    let body = match &response.body {
        Some(body) if response.status != 204 => rewrite_links(body, asked).into_bytes(),
        _ => Vec::new(),
    };
    Answer {
        status: response.status,
        headers,
        body,
        source: format!("{}:{}", route.file, response.line),
    }
}

/// Points `@odata.nextLink` and `@odata.deltaLink` back at the mock; a body
/// that is not JSON (the docs truncate some) is served as written. The docs
/// show one page: asked for its own next link, the mock serves it again as
/// the last page (no next link), so a paging client ends.
fn rewrite_links(body: &str, asked: &Asked<'_>) -> String {
    let Ok(mut value) = serde_json::from_str::<Value>(body) else {
        return body.to_owned();
    };
    if let Some(object) = value.as_object_mut() {
        for key in ["@odata.nextLink", "@odata.deltaLink"] {
            if let Some(Value::String(link)) = object.get_mut(key) {
                *link = rebase(link, asked.origin);
            }
        }
        let this_page = format!("{}{}", asked.origin, asked.target);
        let is_next = |link: &Value| {
            link.as_str()
                .is_some_and(|l| percent_decode(l) == percent_decode(&this_page))
        };
        if object.get("@odata.nextLink").is_some_and(is_next) {
            object.remove("@odata.nextLink");
        }
    }
    value.to_string()
}

fn rebase(link: &str, origin: &str) -> String {
    match link.find("://") {
        Some(scheme) => {
            let rest = &link[scheme + 3..];
            let path = rest.find('/').map_or("", |p| &rest[p..]);
            format!("{origin}{path}")
        }
        None => link.to_owned(),
    }
}

/// `404` with a Graph error naming the closest documented operations.
pub fn not_found(method: &str, target: &str, closest: &[&Route]) -> Answer {
    let mut message = format!("no documented operation matches {method} {target}");
    if !closest.is_empty() {
        message.push_str("; closest documented: ");
        message.push_str(&describe(closest));
    }
    error(404, "docgenMock.noDocumentedOperation", message)
}

/// `405`: the path is documented, for other methods.
pub fn method_not_allowed(method: &str, target: &str, on_path: &[&Route]) -> Answer {
    let message = format!(
        "{target} is documented, but not for {method}; documented: {}",
        describe(on_path)
    );
    error(405, "docgenMock.methodNotDocumented", message)
}

fn describe(routes: &[&Route]) -> String {
    let mut lines: Vec<String> = routes
        .iter()
        .map(|r| {
            format!(
                "{} /{}{} ({})",
                r.method.as_str(),
                r.version.as_str(),
                r.text,
                r.origin
            )
        })
        .collect();
    lines.dedup();
    lines.join(", ")
}

fn error(status: u16, code: &str, message: String) -> Answer {
    let body = json!({ "error": { "code": code, "message": message } });
    Answer {
        status,
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        body: body.to_string().into_bytes(),
        source: code.to_owned(),
    }
}
