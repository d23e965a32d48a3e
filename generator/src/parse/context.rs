//! What every extractor of one page gets: the text, its blocks and sections,
//! the way to other files of the checkout, and the diagnostics sink.

use super::document::{Block, Document};
use super::sections::Outline;
use super::text::Source;
use crate::ir::page::Diagnostic;

/// Read access to other files of the doc checkout (permission includes).
/// `path` is relative to the doc root, normalized, never leaving it.
pub trait Includes: Sync {
    fn read(&self, path: &str) -> Option<Vec<u8>>;
}

/// No other files: every include is missing.
pub struct NoIncludes;

impl Includes for NoIncludes {
    fn read(&self, _path: &str) -> Option<Vec<u8>> {
        None
    }
}

pub struct PageContext<'a> {
    /// Path relative to the doc root.
    pub file: &'a str,
    pub source: &'a Source,
    pub document: &'a Document,
    pub outline: &'a Outline,
    pub includes: &'a dyn Includes,
}

impl PageContext<'_> {
    pub fn line(&self, block: &Block) -> u32 {
        block.line
    }

    /// Resolves a link target relative to this page to a path under the doc
    /// root; `None` when it is absolute, external, or would leave the root.
    pub fn resolve_relative(&self, target: &str) -> Option<String> {
        resolve_relative(self.file, target)
    }
}

/// `api-reference/beta/api/x.md` + `../includes/y.md` → `api-reference/beta/includes/y.md`.
pub fn resolve_relative(file: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next()?.trim();
    if target.is_empty()
        || target.starts_with('/')
        || target.contains("://")
        || target.contains('\\')
    {
        return None;
    }
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

pub type Diagnostics = Vec<Diagnostic>;

#[cfg(test)]
mod tests {
    use super::resolve_relative;

    #[test]
    fn relative_targets() {
        let page = "api-reference/beta/api/x.md";
        assert_eq!(
            resolve_relative(page, "../includes/permissions/x-permissions.md").as_deref(),
            Some("api-reference/beta/includes/permissions/x-permissions.md")
        );
        assert_eq!(resolve_relative(page, "../../../../etc/passwd"), None);
        assert_eq!(resolve_relative(page, "/graph/permissions"), None);
        assert_eq!(resolve_relative(page, "https://x/y.md"), None);
        assert_eq!(
            resolve_relative(page, "y.md#frag").as_deref(),
            Some("api-reference/beta/api/y.md")
        );
    }
}
