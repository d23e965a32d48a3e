//! Reading back what `docgen ir` printed: one page's IR per line. A diff or
//! a permissions query can then run on a saved dump instead of a checkout.

use std::io::BufRead;
use std::path::Path;

use super::DocsError;
use crate::ir::page::Page;

/// The pages of a `docgen ir` dump, in file order. A line that is not a
/// page's IR is an error naming the file and line: a dump is written by
/// docgen, so a bad line means the wrong file, not a page to skip.
pub fn read_ir_dump(path: &Path) -> Result<Vec<Page>, DocsError> {
    let io = |source| DocsError::Io {
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
        let page = serde_json::from_str(&line).map_err(|source| DocsError::IrDump {
            path: path.to_path_buf(),
            line: index + 1,
            source,
        })?;
        pages.push(page);
    }
    Ok(pages)
}
