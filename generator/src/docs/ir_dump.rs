//! Reading back what `docgen ir` printed: one page's IR per line. A diff or
//! a permissions query can then run on a saved dump instead of a checkout.

use std::io::BufRead;
use std::path::Path;

use crate::ir::page::Page;

/// A dump that cannot be read, or a line of it that is not a page's IR.
#[derive(Debug, thiserror::Error)]
pub enum IrDumpError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a line of `docgen ir` output: {source}")]
    Line {
        path: std::path::PathBuf,
        line: usize,
        source: serde_json::Error,
    },
}

/// The pages of a `docgen ir` dump, in file order. A line that is not a
/// page's IR is an error naming the file and line: a dump is written by
/// docgen, so a bad line means the wrong file, not a page to skip.
pub fn read_ir_dump(path: &Path) -> Result<Vec<Page>, IrDumpError> {
    let io = |source| IrDumpError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut pages = Vec::new();
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let page = serde_json::from_str(&line).map_err(|source| IrDumpError::Line {
            path: path.to_path_buf(),
            line: index + 1,
            source,
        })?;
        pages.push(page);
    }
    Ok(pages)
}
