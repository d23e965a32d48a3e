//! The doc checkout on disk: finding pages, reading them (in parallel, output
//! in file order), and include files confined to the checkout.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::ir::page::Page;
use crate::parse::{read_page, resolve, Includes};

/// Errors reaching the doc checkout itself (a page that cannot be parsed is
/// not an error: it becomes a page with diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a doc checkout (no api-reference folder)")]
    NotACheckout { path: PathBuf },
}

/// A doc checkout rooted at a folder holding `api-reference/`.
pub struct DocTree {
    root: PathBuf,
}

impl DocTree {
    pub fn open(root: impl Into<PathBuf>) -> Result<DocTree, DocsError> {
        let root = root.into();
        if !root.join("api-reference").is_dir() {
            return Err(DocsError::NotACheckout { path: root });
        }
        Ok(DocTree { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every page under `api-reference/*/api` and `api-reference/*/resources`,
    /// relative to the root with `/` separators, sorted.
    pub fn pages(&self) -> Result<Vec<String>, DocsError> {
        let mut pages = Vec::new();
        let reference = self.root.join("api-reference");
        for version in sorted_dirs(&reference)? {
            for folder in ["api", "resources"] {
                let dir = reference.join(&version).join(folder);
                if !dir.is_dir() {
                    continue;
                }
                for name in sorted_files(&dir)? {
                    if name.ends_with(".md") {
                        pages.push(format!("api-reference/{version}/{folder}/{name}"));
                    }
                }
            }
        }
        pages.sort();
        Ok(pages)
    }

    /// Reads and parses every page, in parallel, then resolves named types
    /// across pages; the result is in file order.
    pub fn read_all(&self) -> Result<Vec<Page>, DocsError> {
        let files = self.pages()?;
        let mut pages = files
            .par_iter()
            .map(|file| {
                let path = self.root.join(file);
                let bytes = fs::read(&path).map_err(|source| DocsError::Io { path, source })?;
                Ok(read_page(file, &bytes, self))
            })
            .collect::<Result<Vec<Page>, DocsError>>()?;
        resolve(&mut pages);
        Ok(pages)
    }
}

/// One JSON line per page, serialized in parallel, in page order.
pub fn json_lines(pages: &[Page]) -> Result<Vec<Vec<u8>>, serde_json::Error> {
    pages
        .par_iter()
        .map(|page| {
            let mut line = serde_json::to_vec(page)?;
            line.push(b'\n');
            Ok(line)
        })
        .collect()
}

impl Includes for DocTree {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        if path.split('/').any(|part| part == ".." || part.is_empty()) {
            return None;
        }
        fs::read(self.root.join(path)).ok()
    }
}

fn sorted_dirs(dir: &Path) -> Result<Vec<String>, DocsError> {
    Ok(entries(dir)?
        .into_iter()
        .filter(|(_, is_dir)| *is_dir)
        .map(|(name, _)| name)
        .collect())
}

fn sorted_files(dir: &Path) -> Result<Vec<String>, DocsError> {
    Ok(entries(dir)?
        .into_iter()
        .filter(|(_, is_dir)| !*is_dir)
        .map(|(name, _)| name)
        .collect())
}

fn entries(dir: &Path) -> Result<Vec<(String, bool)>, DocsError> {
    let io = |source| DocsError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let is_dir = entry.file_type().map_err(io)?.is_dir();
        if let Some(name) = entry.file_name().to_str() {
            out.push((name.to_owned(), is_dir));
        }
    }
    out.sort();
    Ok(out)
}
