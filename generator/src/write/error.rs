//! What can go wrong while writing the crate, each with the path concerned.

use std::path::{Path, PathBuf};

use super::manifest::MANIFEST;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not empty and holds no docgen manifest ({MANIFEST}), so docgen cannot tell its files from yours; refusing to write into it (pass --force, or WriteOptions::force, to write anyway: generated files then replace same-named files and nothing is removed)")]
    NotOwned { path: PathBuf },
    #[error("{path}: not a folder")]
    NotAFolder { path: PathBuf },
    #[error("{path}: a symbolic link or a file where docgen needs a real folder; docgen writes nothing through links (replace it with a folder)")]
    NotARealFolder { path: PathBuf },
    #[error(
        "{path}: on another file system than the output folder; docgen's renames cannot cross it"
    )]
    OtherFileSystem { path: PathBuf },
    #[error("{path}: a folder where docgen writes a file")]
    FolderInTheWay { path: PathBuf },
    #[error("{path}:{line}: `{entry}` is not a plain relative path; refusing a manifest that reaches outside its folder")]
    BadManifest {
        path: PathBuf,
        line: usize,
        entry: String,
    },
    #[error(
        "{path}: unreadable journal of an interrupted run; docgen cannot tell how to finish it"
    )]
    BadJournal { path: PathBuf },
    #[error("internal error: generated file path `{path}` is not a plain relative path")]
    BadPath { path: String },
}

/// Wraps an I/O error with the path it concerns.
pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}
