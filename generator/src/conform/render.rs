//! The conformance report as text: figures first, then each group with its
//! count and examples (every doc error when `all` is set), then responses.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::report::Report;

/// The report for a terminal; `shown` examples per group (doc errors: all
/// of them when `all_doc_errors`).
pub fn render(report: &Report, shown: usize, all_doc_errors: bool) -> String {
    let mut out = String::new();
    let not_doc_errors = report.examples - report.doc_errors();
    let _ = writeln!(
        out,
        "request examples: {}; reproduced by a generated call {} ({:.2}%); doc errors {}; \
         reproduced of the rest {}/{} ({:.2}%); other hosts not counted {}",
        report.examples,
        report.reproduced,
        report.reproduced_percent(),
        report.doc_errors(),
        report.reproduced,
        not_doc_errors,
        report.rest_percent(),
        report.other_host
    );
    let _ = writeln!(
        out,
        "JSON response examples of reproduced requests: {}; decode into the call's type {} ({:.2}%)",
        report.responses_checked,
        report.responses_decoded,
        report.decoded_percent()
    );
    for (group, located) in &report.groups {
        let _ = writeln!(out, "  {} {}", located.len(), group.describe());
        let limit = if all_doc_errors && group.is_doc_error() {
            usize::MAX
        } else {
            shown
        };
        for line in located.iter().take(limit) {
            let _ = writeln!(out, "    {line}");
        }
    }
    let mut causes: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for failure in &report.response_failures {
        let cause = failure.splitn(3, ": ").nth(2).unwrap_or(failure);
        // Group by what failed, not by which property.
        let kind = cause.rsplit(": ").next().unwrap_or(cause).to_owned();
        causes.entry(kind).or_default().push(failure);
    }
    for (cause, failures) in &causes {
        let _ = writeln!(out, "  {} responses: {cause}", failures.len());
        for failure in failures.iter().take(shown) {
            let _ = writeln!(out, "    {failure}");
        }
    }
    out
}
