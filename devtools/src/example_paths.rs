//! Example paths: whether each request example of an API page calls a path
//! that a documented template of its version covers, and whether a chain of
//! generated builders reaches it. A check built on the templates the reader
//! found cannot see what the reader missed; the examples can. "Covered" uses
//! `docgen mock`'s route table (the mock would answer it); "built" uses
//! `docgen conform`'s walk down the lowered path trees (a generated call
//! sends it).

use crate::pipeline::{
    find_call, is_graph_url, lower, parse_target, request_target, Mock, Page, Walk,
};

/// Request examples by what covers them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExamplePaths {
    /// Request examples on API pages.
    pub examples: usize,
    /// Covered by a template of the example's own page.
    pub own_page: usize,
    /// Covered by a template of another page.
    pub other_page: usize,
    /// On a page that yields no operation (a reader gap, or no API page).
    pub page_without_operation: Vec<String>,
    /// Covered by no template of the version: `file:line: METHOD url`.
    pub uncovered: Vec<String>,
    /// Covered by a template, but no generated builder chain reaches it.
    pub covered_not_built: Vec<String>,
    /// Requests to another host (the notifications Graph sends to an app's
    /// callback): not Graph calls, not counted in `examples`.
    pub other_host: usize,
}

impl ExamplePaths {
    /// Examples covered by some documented template, in percent.
    pub fn percent(&self) -> f64 {
        if self.examples == 0 {
            return 100.0;
        }
        (self.own_page + self.other_page) as f64 * 100.0 / self.examples as f64
    }
}

/// Classifies every request example of every page that has a version.
pub fn example_paths(pages: &[Page]) -> ExamplePaths {
    let mock = Mock::new(pages);
    let api = lower(pages).api;
    let mut report = ExamplePaths::default();
    for page in pages.iter().filter(|p| p.file.contains("/api/")) {
        let Some(version) = page.version else {
            continue;
        };
        for request in page.examples.iter().filter_map(|e| e.request.as_ref()) {
            if !is_graph_url(&request.url) {
                report.other_host += 1;
                continue;
            }
            report.examples += 1;
            let target = request_target(&request.url, version);
            let text = format!(
                "{}:{}: {} {}",
                page.file,
                request.line,
                request.method.as_str(),
                request.url
            );
            let built = parse_target(&target).is_some_and(|t| {
                api.versions.iter().any(|v| {
                    v.version == t.version
                        && matches!(
                            find_call(v, request.method, &t.parts),
                            Walk::Call(_) | Walk::Count(_)
                        )
                })
            });
            match mock.documented_by(request.method.as_str(), &target) {
                Some(_) if !built => report.covered_not_built.push(text),
                Some(origin) if origin.starts_with(&format!("{}:", page.file)) => {
                    report.own_page += 1
                }
                Some(_) => report.other_page += 1,
                None if page.operations.is_empty() => report.page_without_operation.push(text),
                None => report.uncovered.push(text),
            }
        }
    }
    report
}
