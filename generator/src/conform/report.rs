//! Every request example of every API page replayed through the generated
//! calls: reproduced, or filed in a named group that says why not.

use std::collections::BTreeMap;

use serde::Serialize;

use super::decode::{decode, Decoded};
use super::target::{is_graph_url, parse_target, request_target};
use super::walk::{find, Walk};
use crate::ir::api::{Api, VersionApi};
use crate::ir::page::{ApiVersion, Example, HttpMethod, Page};
use crate::mock::Mock;

/// Why an example is not reproduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// Doc error: the path is documented only in the other version.
    DocErrorOtherVersion,
    /// Doc error: the path is documented in its version, with other methods.
    DocErrorOtherMethod,
    /// Doc error: no page of the checkout documents the path in any version.
    DocErrorUndocumented,
    /// The example's page yields no operation (a reader gap or a page in error).
    PageWithoutOperation,
    /// A documented template covers it, but the generated builders lack the method.
    GeneratedWithoutMethod,
    /// A documented template covers it, but no chain of generated builders spells it.
    NotGenerated,
}

impl Group {
    /// Doc errors: method and path match no documented template of their
    /// version on any page of the checkout.
    pub fn is_doc_error(self) -> bool {
        matches!(
            self,
            Group::DocErrorOtherVersion | Group::DocErrorOtherMethod | Group::DocErrorUndocumented
        )
    }

    pub fn describe(self) -> &'static str {
        match self {
            Group::DocErrorOtherVersion => "doc error: path documented only in the other version",
            Group::DocErrorOtherMethod => "doc error: path documented with other methods only",
            Group::DocErrorUndocumented => "doc error: path documented by no page",
            Group::PageWithoutOperation => "on a page that yields no operation",
            Group::GeneratedWithoutMethod => "documented, generated path lacks the method",
            Group::NotGenerated => "documented, no generated builder chain",
        }
    }
}

/// The conformance of a checkout's examples.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// Request examples to Graph on API pages.
    pub examples: usize,
    /// Sent as written by a generated call (method and path, segment by segment).
    pub reproduced: usize,
    /// Not reproduced, by group: `file:line: METHOD url`.
    pub groups: BTreeMap<Group, Vec<String>>,
    /// Requests to other hosts (notifications Graph sends to an app): not counted.
    pub other_host: usize,
    /// JSON response examples of reproduced requests checked against the call's type.
    pub responses_checked: usize,
    pub responses_decoded: usize,
    /// Responses that do not decode: `file:line: cause`.
    pub response_failures: Vec<String>,
}

impl Report {
    /// Reproduced examples, in percent of all.
    pub fn reproduced_percent(&self) -> f64 {
        percent(self.reproduced, self.examples)
    }

    /// Doc errors (see [`Group::is_doc_error`]).
    pub fn doc_errors(&self) -> usize {
        self.groups
            .iter()
            .filter(|(g, _)| g.is_doc_error())
            .map(|(_, v)| v.len())
            .sum()
    }

    /// Reproduced examples, in percent of those that are not doc errors.
    pub fn rest_percent(&self) -> f64 {
        percent(self.reproduced, self.examples - self.doc_errors())
    }

    /// Decoded responses, in percent of those checked.
    pub fn decoded_percent(&self) -> f64 {
        percent(self.responses_decoded, self.responses_checked)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// Replays every request example of `pages` (API pages with a version)
/// through `api`, the client lowered from the same pages.
pub fn conform(pages: &[Page], api: &Api) -> Report {
    let mock = Mock::new(pages);
    let mut report = Report::default();
    for page in pages.iter().filter(|p| p.file.contains("/api/")) {
        let Some(version) = page.version else {
            continue;
        };
        for example in &page.examples {
            replay(&mut report, page, version, example, api, &mock);
        }
    }
    report
}

fn replay(
    report: &mut Report,
    page: &Page,
    version: ApiVersion,
    example: &Example,
    api: &Api,
    mock: &Mock,
) {
    let Some(request) = &example.request else {
        return;
    };
    if !is_graph_url(&request.url) {
        report.other_host += 1;
        return;
    }
    report.examples += 1;
    let target = request_target(&request.url, version);
    let located = format!(
        "{}:{}: {} {}",
        page.file,
        request.line,
        request.method.as_str(),
        request.url.trim()
    );
    let parsed = parse_target(&target);
    let walk = parsed.as_ref().and_then(|t| {
        let client = api.versions.iter().find(|v| v.version == t.version)?;
        Some((client, find(client, request.method, &t.parts)))
    });
    match walk {
        Some((client, Walk::Call(endpoint))) => {
            report.reproduced += 1;
            check_response(report, page, example, client, &endpoint.returns);
        }
        Some((client, Walk::Cast(_, item))) => {
            report.reproduced += 1;
            let returns = crate::ir::api::ResponseKind::Page(crate::ir::api::Accessor::Model(
                item.to_owned(),
            ));
            check_response(report, page, example, client, &returns);
        }
        Some((_, Walk::Count(_))) => {
            report.reproduced += 1;
            check_count(report, page, example);
        }
        other => {
            let generated_path = matches!(other, Some((_, Walk::OtherMethods(_))));
            let group = classify(page, request.method, &target, mock, generated_path);
            report.groups.entry(group).or_default().push(located);
        }
    }
}

fn classify(
    page: &Page,
    method: HttpMethod,
    target: &str,
    mock: &Mock,
    generated_path: bool,
) -> Group {
    if page.operations.is_empty() {
        return Group::PageWithoutOperation;
    }
    if mock.documented_by(method.as_str(), target).is_some() {
        return if generated_path {
            Group::GeneratedWithoutMethod
        } else {
            Group::NotGenerated
        };
    }
    let other_version = swap_version(target);
    if mock
        .documented_by(method.as_str(), &other_version)
        .is_some()
    {
        return Group::DocErrorOtherVersion;
    }
    let methods = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Patch,
        HttpMethod::Put,
        HttpMethod::Delete,
    ];
    if methods
        .iter()
        .any(|m| mock.documented_by(m.as_str(), target).is_some())
    {
        return Group::DocErrorOtherMethod;
    }
    Group::DocErrorUndocumented
}

/// `/v1.0/x` ↔ `/beta/x`.
fn swap_version(target: &str) -> String {
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("/v1.0") {
        format!("/beta{}", &target[5..])
    } else if lower.starts_with("/beta") {
        format!("/v1.0{}", &target[5..])
    } else {
        target.to_owned()
    }
}

/// A `$count` answer is a plain-text integer (after an optional byte order mark).
fn check_count(report: &mut Report, page: &Page, example: &Example) {
    let Some(response) = &example.response else {
        return;
    };
    let Some(body) = response
        .body
        .as_deref()
        .map(|b| b.trim_start_matches('\u{feff}').trim())
    else {
        return;
    };
    report.responses_checked += 1;
    if body.parse::<u64>().is_ok() {
        report.responses_decoded += 1;
    } else {
        report.response_failures.push(format!(
            "{}:{}: a count that is not an integer",
            page.file, response.line
        ));
    }
}

fn check_response(
    report: &mut Report,
    page: &Page,
    example: &Example,
    client: &VersionApi,
    returns: &crate::ir::api::ResponseKind,
) {
    let Some(response) = &example.response else {
        return;
    };
    match decode(returns, &client.models, response.body.as_deref()) {
        Decoded::NotJson => {}
        Decoded::Yes => {
            report.responses_checked += 1;
            report.responses_decoded += 1;
        }
        Decoded::No(cause) => {
            report.responses_checked += 1;
            report
                .response_failures
                .push(format!("{}:{}: {cause}", page.file, response.line));
        }
    }
}
