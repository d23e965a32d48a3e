//! Example paths: whether each request example of an API page calls a path
//! that a documented template of its version covers. A check built on the
//! templates the reader found cannot see what the reader missed; the
//! examples can. The route table is `docgen mock`'s, so "covered" means the
//! mock would answer it.

use crate::pipeline::{Mock, Page};

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
            let target = target_of(&request.url, version.as_str());
            let text = format!(
                "{}:{}: {} {}",
                page.file,
                request.line,
                request.method.as_str(),
                request.url
            );
            match mock.documented_by(request.method.as_str(), &target) {
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

/// A relative URL, or one on a Graph host of any cloud
/// (`graph.microsoft.com`, `graph.microsoft.us`, `dod-graph.microsoft.us`,
/// `microsoftgraph.chinacloudapi.cn`, `canary.graph.microsoft.com`).
fn is_graph_url(url: &str) -> bool {
    let url = url.trim();
    let Some(scheme) = url.find("://") else {
        return true;
    };
    let rest = &url[scheme + 3..];
    let host = rest
        .split(['/', '?'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host.contains("graph.microsoft.") || host == "microsoftgraph.chinacloudapi.cn"
}

/// The request target of an example URL, with the page's version when the
/// URL names none (`GET /me` → `/v1.0/me`).
fn target_of(url: &str, version: &str) -> String {
    let url = url.trim();
    let path = match url.find("://") {
        Some(scheme) => {
            let rest = &url[scheme + 3..];
            rest.find('/').map_or("/", |p| &rest[p..])
        }
        None => url,
    };
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    let lower = path.to_ascii_lowercase();
    if lower.starts_with("/v1.0/") || lower.starts_with("/beta/") {
        path
    } else {
        format!("/{version}{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::{is_graph_url, target_of};

    #[test]
    fn callbacks_to_an_app_are_not_graph_calls() {
        assert!(is_graph_url("https://graph.microsoft.com/v1.0/me"));
        assert!(is_graph_url("https://dod-graph.microsoft.us/beta/me"));
        assert!(is_graph_url("/me/drive/root"));
        assert!(!is_graph_url("https://bot.contoso.com/api/calls"));
    }

    #[test]
    fn targets_keep_their_version_or_take_the_page_one() {
        assert_eq!(
            target_of("https://graph.microsoft.com/beta/me?$top=1", "v1.0"),
            "/beta/me?$top=1"
        );
        assert_eq!(
            target_of("/me/drive/root:/a.txt:/content", "v1.0"),
            "/v1.0/me/drive/root:/a.txt:/content"
        );
        assert_eq!(target_of("users/{id}", "beta"), "/beta/users/{id}");
    }
}
