//! What the reader reports about a page: a severity, a line, a message and a
//! stable kind that the summary counts by.

use serde::{Deserialize, Serialize};

/// A problem found on a page, with the 1-based line in the original file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub line: u32,
    pub message: String,
    /// Not serialized: `docgen ir` prints the same JSON as before kinds
    /// existed; the kind is for the diagnostics stream's counts and labels.
    #[serde(skip)]
    pub kind: DiagnosticKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a diagnostic is about. Each kind has a stable code
/// ([`DiagnosticKind::code`]) shown as `warning[code]` and counted in the
/// summary.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum DiagnosticKind {
    /// Not classified by the reader that raised it.
    #[default]
    Other,
    FrontMatter,
    /// A code fence that is never closed swallows the rest of the page.
    UnclosedFence,
    /// The HTTP request section is missing or has no request line.
    RequestSection,
    /// A line of an `http` block that is not a usable request line.
    RequestLine,
    /// Request lines of several methods on one page.
    MixedMethods,
    Permissions,
    Response,
    /// The JSON representation of a resource does not parse to its end.
    JsonRepresentation,
    /// A resource or enum page without its table.
    ResourceTable,
    Property,
    /// A named type no page of the version declares.
    UndeclaredType,
    /// A path template lowering left out of the client.
    RefusedTemplate,
    /// A checkout entry that was not read.
    NotRead,
}

impl DiagnosticKind {
    pub const ALL: [DiagnosticKind; 14] = [
        DiagnosticKind::Other,
        DiagnosticKind::FrontMatter,
        DiagnosticKind::UnclosedFence,
        DiagnosticKind::RequestSection,
        DiagnosticKind::RequestLine,
        DiagnosticKind::MixedMethods,
        DiagnosticKind::Permissions,
        DiagnosticKind::Response,
        DiagnosticKind::JsonRepresentation,
        DiagnosticKind::ResourceTable,
        DiagnosticKind::Property,
        DiagnosticKind::UndeclaredType,
        DiagnosticKind::RefusedTemplate,
        DiagnosticKind::NotRead,
    ];

    /// The stable short name: `unclosed-fence`.
    pub fn code(self) -> &'static str {
        match self {
            DiagnosticKind::Other => "other",
            DiagnosticKind::FrontMatter => "front-matter",
            DiagnosticKind::UnclosedFence => "unclosed-fence",
            DiagnosticKind::RequestSection => "request-section",
            DiagnosticKind::RequestLine => "request-line",
            DiagnosticKind::MixedMethods => "mixed-methods",
            DiagnosticKind::Permissions => "permissions",
            DiagnosticKind::Response => "response",
            DiagnosticKind::JsonRepresentation => "json-representation",
            DiagnosticKind::ResourceTable => "resource-table",
            DiagnosticKind::Property => "property",
            DiagnosticKind::UndeclaredType => "undeclared-type",
            DiagnosticKind::RefusedTemplate => "refused-template",
            DiagnosticKind::NotRead => "not-read",
        }
    }
}

impl Diagnostic {
    pub fn error(line: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            line,
            message: message.into(),
            kind: DiagnosticKind::Other,
        }
    }

    pub fn warning(line: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            line,
            message: message.into(),
            kind: DiagnosticKind::Other,
        }
    }

    /// The same diagnostic, of `kind`.
    pub fn of(self, kind: DiagnosticKind) -> Self {
        Diagnostic { kind, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_kebab_case() {
        let mut codes: Vec<&str> = DiagnosticKind::ALL.iter().map(|k| k.code()).collect();
        assert!(codes
            .iter()
            .all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-')));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), DiagnosticKind::ALL.len());
    }

    #[test]
    fn the_kind_is_not_in_the_ir_json() {
        let d = Diagnostic::warning(3, "m").of(DiagnosticKind::Response);
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, r#"{"severity":"warning","line":3,"message":"m"}"#);
    }
}
