//! The documented operations of a checkout as a routing table, and the
//! answer to a request: pure, no I/O.

use super::answer::{self, Answer};
use super::decode::decode_within_segments;
use super::route::{Route, Template};
use crate::ir::page::{ApiVersion, Example, HttpMethod, Page};

/// The documented operations and their examples, ready to answer requests.
#[derive(Debug, Default)]
pub struct Mock {
    routes: Vec<Route>,
    pages_examples: Vec<Vec<Example>>,
}

impl Mock {
    /// Every operation of every page that has a version.
    pub fn new(pages: &[Page]) -> Mock {
        let mut mock = Mock::default();
        for page in pages {
            let Some(version) = page.version else {
                continue;
            };
            if page.operations.is_empty() {
                continue;
            }
            let index = mock.pages_examples.len();
            mock.pages_examples.push(page.examples.clone());
            for operation in &page.operations {
                for path in &operation.paths {
                    mock.routes.push(Route {
                        version,
                        method: operation.method,
                        template: Template::new(path),
                        text: path.clone(),
                        success_status: operation.success_status,
                        file: page.file.clone(),
                        origin: format!("{}:{}", page.file, operation.line),
                        page: index,
                    });
                }
            }
        }
        mock
    }

    /// Documented operations (method and path pairs).
    pub fn routes(&self) -> usize {
        self.routes.len()
    }

    /// Examples with a response, which the mock can serve.
    pub fn examples(&self) -> usize {
        self.pages_examples
            .iter()
            .flatten()
            .filter(|e| e.response.is_some())
            .count()
    }

    /// The answer to `method target` (`target` as on the request line:
    /// `/v1.0/users?$top=2`); `origin` (`http://127.0.0.1:8080`) replaces
    /// the Graph host in `@odata.nextLink` and `@odata.deltaLink`.
    pub fn answer(&self, method: &str, target: &str, origin: &str) -> Answer {
        let path = request_path(target);
        let Some((versions, path)) = split_version(&path) else {
            return answer::not_found(method, target, &[]);
        };
        match self.lookup(method, versions, path) {
            Lookup::Documented(route) => {
                let asked = answer::Asked {
                    path,
                    target,
                    origin,
                };
                answer::documented(route, &self.pages_examples[route.page], &asked)
            }
            Lookup::OtherMethods(on_path) => answer::method_not_allowed(method, target, &on_path),
            Lookup::Undocumented => {
                answer::not_found(method, target, &self.closest(versions, path))
            }
        }
    }

    /// The page (`file:line` of the operation) that documents `method
    /// target`, if any: the route the mock would answer from.
    pub fn documented_by(&self, method: &str, target: &str) -> Option<&str> {
        let path = request_path(target);
        let (versions, path) = split_version(&path)?;
        match self.lookup(method, versions, path) {
            Lookup::Documented(route) => Some(&route.origin),
            _ => None,
        }
    }

    fn lookup(&self, method: &str, versions: &[ApiVersion], path: &str) -> Lookup<'_> {
        let on_path: Vec<&Route> = self
            .routes
            .iter()
            .filter(|r| versions.contains(&r.version) && r.template.matches(path))
            .collect();
        let method = HttpMethod::parse(method);
        let best = on_path
            .iter()
            .filter(|r| Some(r.method) == method)
            .max_by_key(|r| r.template.specificity());
        match best {
            Some(route) => Lookup::Documented(route),
            None if !on_path.is_empty() => Lookup::OtherMethods(on_path),
            None => Lookup::Undocumented,
        }
    }

    /// Up to three documented operations sharing the longest path prefix.
    fn closest(&self, versions: &[ApiVersion], path: &str) -> Vec<&Route> {
        let mut ranked: Vec<(usize, &Route)> = self
            .routes
            .iter()
            .filter(|r| versions.contains(&r.version))
            .map(|r| (r.template.shared_prefix(path), r))
            .filter(|(shared, _)| *shared > 0)
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.text.cmp(&b.1.text)));
        ranked.dedup_by(|a, b| a.1.text == b.1.text && a.1.method == b.1.method);
        ranked.into_iter().take(3).map(|(_, r)| r).collect()
    }
}

/// How a request path relates to the documented routes.
enum Lookup<'a> {
    Documented(&'a Route),
    OtherMethods(Vec<&'a Route>),
    Undocumented,
}

/// The decoded path of a request target: no query, escapes decoded within
/// segments.
fn request_path(target: &str) -> String {
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    decode_within_segments(path)
}

/// `/v1.0/users` → ([v1.0], `/users`); a path without a version prefix is
/// tried against both versions.
fn split_version(path: &str) -> Option<(&'static [ApiVersion], &str)> {
    const V1: &[ApiVersion] = &[ApiVersion::V1_0];
    const BETA: &[ApiVersion] = &[ApiVersion::Beta];
    const BOTH: &[ApiVersion] = &[ApiVersion::V1_0, ApiVersion::Beta];
    let trimmed = path.strip_prefix('/')?;
    let (first, rest) = trimmed.split_once('/').unwrap_or((trimmed, ""));
    let rest_path = &path[1 + first.len()..];
    match first.to_ascii_lowercase().as_str() {
        "v1.0" => Some((V1, rest_path)),
        "beta" => Some((BETA, rest_path)),
        _ if rest.is_empty() && first.is_empty() => None,
        _ => Some((BOTH, path)),
    }
}
