//! One stream of diagnostics for every command: what the reader found on each
//! page and the path templates lowering had to leave out, each with its file
//! and line, printed rustc-style.

use std::collections::BTreeMap;
use std::fmt;

use crate::ir::page::{Page, Severity};
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
}

impl fmt::Display for LocatedDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity}: {}\n  --> {}:{}",
            self.message, self.file, self.line
        )
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
