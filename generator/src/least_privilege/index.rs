//! Every documented request template with its operation's permissions, and
//! the lookup of a call among them.

use super::path::{match_score, path_of, segments, Seg};
use crate::ir::page::{ApiVersion, HttpMethod, Page, Permissions};

/// A call as the user writes it: `GET /users/{id}`,
/// `POST https://graph.microsoft.com/beta/me/sendMail`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub method: HttpMethod,
    pub version: ApiVersion,
    pub path: String,
}

/// Why a call line could not be read.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("`{0}`: not an HTTP line (METHOD /path)")]
    NotAnHttpLine(String),
    #[error("`{0}`: unknown method (GET, POST, PATCH, PUT or DELETE)")]
    Method(String),
}

impl Call {
    /// Reads `METHOD path`; the version is the URL's (`/beta/...`) or `default`.
    pub fn parse(line: &str, default: ApiVersion) -> Result<Call, CallError> {
        let line = line.trim();
        let (method, url) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| CallError::NotAnHttpLine(line.to_owned()))?;
        let method = HttpMethod::parse(&method.to_uppercase())
            .ok_or_else(|| CallError::Method(line.to_owned()))?;
        let url = url.trim();
        let version = if url.contains("/beta/") || url.starts_with("beta/") {
            ApiVersion::Beta
        } else if url.contains("/v1.0/") || url.starts_with("v1.0/") {
            ApiVersion::V1_0
        } else {
            default
        };
        Ok(Call {
            method,
            version,
            path: path_of(url).to_owned(),
        })
    }
}

/// A documented request template and what its page says.
#[derive(Clone, Debug)]
pub struct Documented<'a> {
    pub method: HttpMethod,
    pub version: ApiVersion,
    pub template: &'a str,
    pub file: &'a str,
    pub line: u32,
    pub permissions: &'a Permissions,
    segments: Vec<Seg>,
    /// Lower wins: a template of the HTTP request section before an
    /// example's request (tried only when no template matches); among equally
    /// good matches, shared docs before Intune workload pages, a plain path
    /// before one written with a query, then file order (lowering's precedence).
    precedence: (bool, bool, bool, usize),
}

impl Documented<'_> {
    /// True when this is an example's request, not a documented template.
    pub fn from_example(&self) -> bool {
        self.precedence.0
    }
}

/// Every template of every operation of the pages.
pub struct Index<'a> {
    documented: Vec<Documented<'a>>,
}

impl<'a> Index<'a> {
    pub fn new(pages: &'a [Page]) -> Index<'a> {
        let mut order: Vec<&Page> = pages.iter().collect();
        order.sort_by(|a, b| a.file.cmp(&b.file));
        let mut documented = Vec::new();
        for page in order {
            let Some(version) = page.version else {
                continue;
            };
            for op in &page.operations {
                for template in &op.paths {
                    let with_query = op.path_queries.iter().any(|q| &q.path == template);
                    documented.push(Documented {
                        method: op.method,
                        version,
                        template,
                        file: &page.file,
                        line: op.line,
                        permissions: &op.permissions,
                        segments: segments(template),
                        precedence: (
                            false,
                            page.is_intune_workload(),
                            with_query,
                            documented.len(),
                        ),
                    });
                }
            }
            add_examples(&mut documented, page, version);
        }
        Index { documented }
    }

    /// The template that documents `call`: a template before an example,
    /// then the most literal segments matched, then precedence.
    pub fn find(&self, call: &Call) -> Option<&Documented<'a>> {
        let wanted = segments(&call.path);
        self.documented
            .iter()
            .filter(|d| d.method == call.method && d.version == call.version)
            .filter_map(|d| match_score(&wanted, &d.segments).map(|score| (score, d)))
            .max_by(|(sa, a), (sb, b)| {
                let rank = |score: &usize, d: &Documented| (!d.from_example(), *score);
                rank(sa, a)
                    .cmp(&rank(sb, b))
                    .then(b.precedence.cmp(&a.precedence))
            })
            .map(|(_, d)| d)
    }
}

/// The requests of a page's examples, each answered by the page's
/// operation of the same method: some requests are only shown there
/// (`GET /me/drive/root/children` on the list-children page).
fn add_examples<'a>(documented: &mut Vec<Documented<'a>>, page: &'a Page, version: ApiVersion) {
    for request in page.examples.iter().filter_map(|e| e.request.as_ref()) {
        let Some(op) = page
            .operations
            .iter()
            .find(|op| op.method == request.method)
        else {
            continue;
        };
        let template = path_of(&request.url);
        documented.push(Documented {
            method: op.method,
            version,
            template,
            file: &page.file,
            line: request.line,
            permissions: &op.permissions,
            segments: segments(template),
            precedence: (true, page.is_intune_workload(), false, documented.len()),
        });
    }
}
