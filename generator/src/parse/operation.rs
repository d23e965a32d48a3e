//! An API page → its operations: one per HTTP method, carrying every path the
//! page lists for that method and the page-wide facts (permissions, status,
//! headers, body, response).

use crate::ir::page::{
    Diagnostic, DiagnosticKind, Example, HttpMethod, Operation, PathQuery, RequestBody,
    ResponseBody, TypeRef,
};

use super::context::{Diagnostics, PageContext};
use super::http::{request_lines, RequestLine};
use super::{body, methods, params, permissions, response};

pub fn read(
    ctx: &PageContext<'_>,
    examples: &[Example],
    diagnostics: &mut Diagnostics,
) -> Vec<Operation> {
    let lines = methods::settle(ctx.file, request_lines(ctx, diagnostics), diagnostics);
    if lines.is_empty() {
        return Vec::new();
    }
    let paths: Vec<&str> = lines.iter().map(|l| l.path.as_str()).collect();
    let before = diagnostics.len();
    let permissions = permissions::read(ctx, diagnostics);
    for d in &mut diagnostics[before..] {
        d.kind = DiagnosticKind::Permissions;
    }
    // Only a read of a `$value`/`content` path answers with raw bytes; an
    // upload to one answers with what the Response section documents.
    let read_paths: Vec<&str> = lines
        .iter()
        .filter(|l| l.method == HttpMethod::Get)
        .map(|l| l.path.as_str())
        .collect();
    let response = response::read(ctx, examples, &read_paths, diagnostics);
    let request_headers = params::request_headers(ctx);
    let query = params::query_options(ctx);
    let function_parameters = params::function_parameters(ctx);
    group_by_method(&lines)
        .into_iter()
        .map(|(method, lines)| Operation {
            method,
            paths: unique_paths(&lines),
            path_queries: path_queries(&lines),
            line: lines[0].line,
            success_status: response.status,
            permissions: permissions.clone(),
            request_headers: request_headers.clone(),
            query: query.clone(),
            function_parameters: function_parameters.clone(),
            request_body: body::read(ctx, method, &paths, response.status),
            response: response.body.clone(),
        })
        .map(body_parameters_of_functions)
        .map(|op| typed_update(op, ctx.file))
        .inspect(|op| check_paths(op, diagnostics))
        .collect()
}

/// An update whose Request body section names no type ("supply the values
/// for relevant fields that should be updated") updates the resource it
/// returns, or the one its page is named after (`domain-update.md`).
fn typed_update(mut op: Operation, file: &str) -> Operation {
    if !matches!(op.method, HttpMethod::Patch | HttpMethod::Put) {
        return op;
    }
    let guess = match &op.response {
        ResponseBody::Json {
            type_ref: named @ TypeRef::Named { .. },
        } => Some(named.clone()),
        _ => updated_resource_of(file).map(TypeRef::named),
    };
    op.request_body = match std::mem::take(&mut op.request_body) {
        RequestBody::None => match guess {
            Some(type_ref) => RequestBody::Properties {
                type_ref: Some(type_ref),
                properties: Vec::new(),
            },
            None => RequestBody::None,
        },
        RequestBody::Properties {
            type_ref: None,
            properties,
        } => RequestBody::Properties {
            type_ref: guess,
            properties,
        },
        other => other,
    };
    op
}

/// `api-reference/v1.0/api/domain-update.md` → `domain`.
fn updated_resource_of(file: &str) -> Option<&str> {
    let stem = file.rsplit('/').next()?.strip_suffix(".md")?;
    stem.strip_suffix("-update").filter(|s| !s.is_empty())
}

/// A GET sends no body: a parameter table in its Request body section
/// ("In the request URL, provide the following parameters") lists the
/// function's parameters.
fn body_parameters_of_functions(mut op: Operation) -> Operation {
    if op.method != HttpMethod::Get {
        return op;
    }
    let listed = match std::mem::take(&mut op.request_body) {
        RequestBody::Parameters { parameters } => parameters,
        RequestBody::Properties { properties, .. } => properties,
        _ => Vec::new(),
    };
    for parameter in listed {
        if !op
            .function_parameters
            .iter()
            .any(|p| p.name == parameter.name)
        {
            op.function_parameters.push(parameter);
        }
    }
    op
}

/// Methods in order of first appearance.
fn group_by_method(lines: &[RequestLine]) -> Vec<(HttpMethod, Vec<&RequestLine>)> {
    let mut groups: Vec<(HttpMethod, Vec<&RequestLine>)> = Vec::new();
    for line in lines {
        match groups.iter_mut().find(|(m, _)| *m == line.method) {
            Some((_, group)) => group.push(line),
            None => groups.push((line.method, vec![line])),
        }
    }
    groups
}

fn unique_paths(lines: &[&RequestLine]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for line in lines {
        if !paths.contains(&line.path) {
            paths.push(line.path.clone());
        }
    }
    paths
}

fn path_queries(lines: &[&RequestLine]) -> Vec<PathQuery> {
    let mut queries: Vec<PathQuery> = Vec::new();
    for line in lines {
        let Some(query) = &line.query else { continue };
        let entry = PathQuery {
            path: line.path.clone(),
            query: query.clone(),
        };
        if !queries.contains(&entry) {
            queries.push(entry);
        }
    }
    queries
}

fn check_paths(operation: &Operation, diagnostics: &mut Diagnostics) {
    for path in &operation.paths {
        if !path.starts_with('/') {
            let message = format!("path `{path}` has no leading `/`");
            diagnostics
                .push(Diagnostic::warning(operation.line, message).of(DiagnosticKind::RequestLine));
        }
    }
}
