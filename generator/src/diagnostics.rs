//! One stream of diagnostics for every command: what the reader found on each
//! page and the path templates lowering had to leave out, each with its file
//! and line, printed rustc-style, with a count per kind.

use std::collections::BTreeMap;
use std::fmt;

use crate::ir::page::{DiagnosticKind, Page, Severity};
use crate::lower::Refused;

/// A diagnostic with the page it is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocatedDiagnostic {
    /// The page, relative to the doc root.
    pub file: String,
    /// 1-based line on that page.
    pub line: u32,
    pub severity: Severity,
    pub message: String,
    pub kind: DiagnosticKind,
}

impl fmt::Display for LocatedDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}\n  --> {}:{}",
            severity_word(self.severity),
            self.kind.code(),
            self.message,
            self.file,
            self.line
        )
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Every page's diagnostics, then every refused template, ordered by file
/// and line.
pub fn collect(pages: &[Page], refused: &[Refused]) -> Vec<LocatedDiagnostic> {
    let from_pages = pages.iter().flat_map(|page| {
        page.diagnostics.iter().map(|d| LocatedDiagnostic {
            file: page.file.clone(),
            line: d.line,
            severity: d.severity,
            message: d.message.clone(),
            kind: d.kind,
        })
    });
    let from_lowering = refused.iter().map(|r| LocatedDiagnostic {
        file: r.file.clone(),
        line: r.line,
        severity: Severity::Warning,
        message: format!(
            "{} {} left out of the client: {}",
            r.method.as_str(),
            r.template,
            r.reason
        ),
        kind: DiagnosticKind::RefusedTemplate,
    });
    let mut all: Vec<LocatedDiagnostic> = from_pages.chain(from_lowering).collect();
    all.sort();
    all
}

/// `12 errors, 40 warnings`: the count per severity.
pub fn summary(diagnostics: &[LocatedDiagnostic]) -> String {
    let mut counts: BTreeMap<Severity, usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry(d.severity).or_default() += 1;
    }
    let count = |severity, word: &str| {
        let n = counts.get(&severity).copied().unwrap_or(0);
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    };
    format!(
        "{}, {}",
        count(Severity::Error, "error"),
        count(Severity::Warning, "warning")
    )
}

/// One line per kind present, most frequent first (then by code):
/// `   120  warning[undeclared-type]`.
pub fn counts_by_kind(diagnostics: &[LocatedDiagnostic]) -> Vec<String> {
    let mut counts: BTreeMap<(DiagnosticKind, Severity), usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry((d.kind, d.severity)).or_default() += 1;
    }
    let mut rows: Vec<((DiagnosticKind, Severity), usize)> = counts.into_iter().collect();
    rows.sort_by(|(ka, a), (kb, b)| {
        b.cmp(a)
            .then(ka.0.code().cmp(kb.0.code()))
            .then(ka.1.cmp(&kb.1))
    });
    rows.into_iter()
        .map(|((kind, severity), n)| {
            format!("{n:>8}  {}[{}]", severity_word(severity), kind.code())
        })
        .collect()
}

/// The whole report for a terminal: the first `limit` diagnostics (errors
/// first, then in file order), a line saying how many were not shown, and the
/// count per kind. Empty when there is nothing to report.
pub fn report(diagnostics: &[LocatedDiagnostic], limit: usize) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let mut shown: Vec<&LocatedDiagnostic> = diagnostics.iter().collect();
    shown.sort_by_key(|d| d.severity);
    let mut out = String::new();
    for d in shown.iter().take(limit) {
        out.push_str(&format!("{d}\n"));
    }
    if diagnostics.len() > limit {
        out.push_str(&format!(
            "... and {} more (--all-diagnostics shows every one)\n",
            diagnostics.len() - limit
        ));
    }
    out.push_str(&tally(diagnostics));
    out
}

/// `diagnostics: 1 error, 2 warnings` and the count per kind, one per line;
/// empty when there is nothing to count.
pub fn tally(diagnostics: &[LocatedDiagnostic]) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let mut out = format!("diagnostics: {}\n", summary(diagnostics));
    for row in counts_by_kind(diagnostics) {
        out.push_str(&row);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(line: u32, severity: Severity, kind: DiagnosticKind) -> LocatedDiagnostic {
        LocatedDiagnostic {
            file: "api-reference/v1.0/api/x.md".to_owned(),
            line,
            severity,
            message: format!("m{line}"),
            kind,
        }
    }

    #[test]
    fn report_shows_errors_first_then_stops_at_the_limit_and_counts_every_kind() {
        let all = vec![
            diagnostic(1, Severity::Warning, DiagnosticKind::Response),
            diagnostic(2, Severity::Warning, DiagnosticKind::Response),
            diagnostic(3, Severity::Error, DiagnosticKind::UnclosedFence),
        ];
        let report = report(&all, 2);
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines[0], "error[unclosed-fence]: m3");
        assert_eq!(lines[1], "  --> api-reference/v1.0/api/x.md:3");
        assert_eq!(lines[2], "warning[response]: m1");
        assert_eq!(
            lines[4],
            "... and 1 more (--all-diagnostics shows every one)"
        );
        assert_eq!(lines[5], "diagnostics: 1 error, 2 warnings");
        assert_eq!(lines[6].trim(), "2  warning[response]");
        assert_eq!(lines[7].trim(), "1  error[unclosed-fence]");
        assert_eq!(lines.len(), 8);
    }

    #[test]
    fn nothing_to_report_is_an_empty_report() {
        assert_eq!(report(&[], 20), "");
    }
}
