//! What a devtools command can fail with, printed once by `main`.

use std::path::PathBuf;

use crate::pipeline::{DocsError, GenerateError, WriteError};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Docs(#[from] DocsError),
    #[error(transparent)]
    Generate(#[from] GenerateError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{command} failed:\n{stderr}")]
    Command { command: String, stderr: String },
    /// A measurement ran but missed its target.
    #[error("below target: {0}")]
    BelowTarget(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}
