//! The one error type of a docgen run, from reading the checkout to writing
//! the crate: what the CLI prints once, and what a build script can match on.

use crate::docs::DocsError;
use crate::generate::GenerateError;
use crate::write::WriteError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Docs(#[from] DocsError),
    #[error(transparent)]
    Generate(#[from] GenerateError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot write to standard output: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot serialize the IR: {0}")]
    Json(#[from] serde_json::Error),
    /// The checkout holds no API page: generating would give an empty crate.
    #[error("{path}: no API page (operation, resource or enum) among {pages} pages read under api-reference/*/{{api,resources}}")]
    NoApiPages {
        path: std::path::PathBuf,
        pages: usize,
    },
    /// `docgen mock` could not listen or stopped serving.
    #[error("mock on {addr}: {source}")]
    Mock {
        addr: String,
        source: std::io::Error,
    },
    /// `docgen permissions`: some calls have no documented permissions.
    #[error("{unknown} of {calls} calls have no documented permissions (see `unknown:` above)")]
    UnknownCalls { unknown: usize, calls: usize },
    /// `docgen conform`: a figure under its `--min-*` threshold.
    #[error("conformance below threshold: {what} {actual:.2}% < {min}%")]
    Conformance {
        what: &'static str,
        actual: f64,
        min: f64,
    },
    /// `--strict`: the run found problems on the pages.
    #[error("{summary} (--strict)")]
    Strict { summary: String },
}
