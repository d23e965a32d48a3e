//! Documented operations → terminal calls on tree nodes.

use crate::ir::api::{BodyKind, Endpoint, Node, ResponseKind, SourceRef};
use crate::ir::page::{ApiVersion, HttpMethod, Operation, Page};

/// What [`attach`] did with an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Attached {
    /// The first operation for this node and method.
    New,
    /// Another path of the operation already kept here.
    Merged,
    /// A different operation was kept first; this one is mentioned in its docs.
    Dropped,
}

/// One documented operation reached through one path template, with what
/// its call takes and returns.
pub(crate) struct Call<'a> {
    pub page: &'a Page,
    pub op: &'a Operation,
    /// The path template as written.
    pub written: &'a str,
    pub body: BodyKind,
    pub returns: ResponseKind,
}

/// Puts the call's operation on `node`, unless an earlier operation already
/// documents that method there.
pub(crate) fn attach(node: &mut Node, call: Call) -> Attached {
    let (page, op) = (call.page, call.op);
    let line = http_line(op.method, call.written);
    let query = path_query(op, call.written);
    let found = node.endpoints.iter_mut().find(|e| e.method == op.method);
    let Some(endpoint) = found else {
        node.endpoints.push(new_endpoint(call, line, query));
        node.endpoints.sort_by_key(|e| e.method);
        return Attached::New;
    };
    if endpoint.file == page.file && endpoint.line == op.line {
        push_new(&mut endpoint.http_lines, line);
        if let Some(query) = query {
            push_new(&mut endpoint.path_queries, query);
        }
        return Attached::Merged;
    }
    let source = SourceRef {
        file: page.file.clone(),
        line: op.line,
    };
    if endpoint.also_documented.contains(&source) {
        return Attached::Merged;
    }
    endpoint.also_documented.push(source);
    Attached::Dropped
}

fn new_endpoint(call: Call, line: String, query: Option<String>) -> Endpoint {
    let (page, op) = (call.page, call.op);
    Endpoint {
        method: op.method,
        rust_name: op.method.as_str().to_ascii_lowercase(),
        file: page.file.clone(),
        line: op.line,
        title: page.title.trim().to_owned(),
        description: page.description.trim().to_owned(),
        http_lines: vec![line],
        path_queries: query.into_iter().collect(),
        permissions: op.permissions.clone(),
        success_status: op.success_status,
        doc_url: doc_url(page),
        body: call.body,
        returns: call.returns,
        options: super::options::call_options(page, op),
        also_documented: Vec::new(),
        count: None,
        cast: None,
    }
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

fn http_line(method: HttpMethod, written: &str) -> String {
    format!("{} {}", method.as_str(), written.trim())
}

fn path_query(op: &Operation, written: &str) -> Option<String> {
    op.path_queries
        .iter()
        .find(|q| q.path == written)
        .map(|q| q.query.clone())
}

/// `https://learn.microsoft.com/en-us/graph/api/<page-stem>?view=graph-rest-beta`.
pub fn doc_url(page: &Page) -> String {
    let name = page.file.rsplit('/').next().unwrap_or(&page.file);
    let stem = name
        .strip_suffix(".md")
        .unwrap_or(name)
        .to_ascii_lowercase();
    let view = match page.version {
        Some(ApiVersion::Beta) => "graph-rest-beta",
        _ => "graph-rest-1.0",
    };
    format!("https://learn.microsoft.com/en-us/graph/api/{stem}?view={view}")
}
