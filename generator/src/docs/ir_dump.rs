//! The `docgen ir` dump: one page's IR per line, written as `docgen ir`
//! prints it and read back, so that a diff or a permissions query can run on
//! a saved dump instead of a checkout.

use std::io::{BufRead, Write};
use std::path::Path;

use rayon::prelude::*;

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

/// Writes one JSON line per page to `out`, in page order.
///
/// Pages are serialized in parallel a window at a time, each part of the
/// window into a buffer that the next window reuses, and the buffers are
/// written in order: the output is never held whole (38 MB for English
/// 2021), and after the first window no fresh memory is asked for. Parts
/// are small (pages vary a hundredfold in size), so that no thread waits
/// long at the end of a window for another's last part.
pub fn write_json_lines(pages: &[Page], out: &mut dyn Write) -> std::io::Result<()> {
    const WINDOW: usize = 1024;
    const PART: usize = 16;
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); WINDOW / PART];
    for window in pages.chunks(WINDOW) {
        buffers
            .par_iter_mut()
            .zip(window.par_chunks(PART))
            .try_for_each(|(buffer, part)| -> std::io::Result<()> {
                buffer.clear();
                for page in part {
                    super::compact_json::to_writer(buffer, page).map_err(std::io::Error::other)?;
                    buffer.push(b'\n');
                }
                Ok(())
            })?;
        for buffer in &buffers[..window.len().div_ceil(PART)] {
            out.write_all(buffer)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_come_in_page_order_across_windows_and_parts() {
        let pages: Vec<Page> = (0..2500)
            .map(|i| Page {
                file: format!("api-reference/v1.0/api/page-{i}.md"),
                title: "x".repeat(i % 97),
                ..Page::default()
            })
            .collect();
        let mut written = Vec::new();
        write_json_lines(&pages, &mut written).unwrap();
        let mut expected = Vec::new();
        for page in &pages {
            serde_json::to_writer(&mut expected, page).unwrap();
            expected.push(b'\n');
        }
        assert_eq!(written.len(), expected.len());
        assert!(written == expected, "lines out of order or lost");
    }
}
