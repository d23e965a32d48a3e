//! Sections of a page, keyed by anchor or slug, never by heading language.

use super::document::{Block, BlockKind, Document, Heading};

/// A heading and the blocks under it, up to the next heading of the same or a
/// higher level. Tab markers (`# [HTTP](#tab/http)`) are not headings here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub level: u8,
    pub key: String,
    /// Index of the heading block.
    pub heading: usize,
    /// Index one past the last block of the section.
    pub end: usize,
}

impl Section {
    /// The blocks of the section, sub-sections included, heading excluded.
    pub fn blocks<'d>(&self, document: &'d Document) -> &'d [Block] {
        &document.blocks[self.heading + 1..self.end]
    }

    /// The blocks before the first sub-heading.
    pub fn own_blocks<'d>(&self, document: &'d Document) -> &'d [Block] {
        let blocks = self.blocks(document);
        let first_heading = blocks
            .iter()
            .position(|b| matches!(&b.kind, BlockKind::Heading(h) if !h.is_tab))
            .unwrap_or(blocks.len());
        &blocks[..first_heading]
    }
}

#[derive(Clone, Debug, Default)]
pub struct Outline {
    pub sections: Vec<Section>,
    /// Index of the page's H1 block.
    pub title: Option<usize>,
}

impl Outline {
    pub fn new(document: &Document) -> Outline {
        let headings: Vec<(usize, &Heading)> = document
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match &b.kind {
                BlockKind::Heading(h) if !h.is_tab => Some((i, h)),
                _ => None,
            })
            .collect();
        let title = headings.iter().find(|(_, h)| h.level == 1).map(|(i, _)| *i);
        let sections = headings
            .iter()
            .enumerate()
            .filter(|(_, (_, h))| h.level > 1)
            .map(|(n, (i, h))| {
                let end = headings[n + 1..]
                    .iter()
                    .find(|(_, next)| next.level <= h.level)
                    .map_or(document.blocks.len(), |(j, _)| *j);
                Section {
                    level: h.level,
                    key: h.key.clone(),
                    heading: *i,
                    end,
                }
            })
            .collect();
        Outline { sections, title }
    }

    /// The blocks after the title and before the first section: the
    /// namespace line, the description, notes.
    pub fn intro<'d>(&self, document: &'d Document) -> &'d [Block] {
        let start = self.title.map_or(0, |t| t + 1);
        let end = self
            .sections
            .first()
            .map_or(document.blocks.len(), |s| s.heading);
        document.blocks.get(start..end).unwrap_or(&[])
    }

    /// The first section whose key is one of `keys`, preferring level 2.
    pub fn find(&self, keys: &[&str]) -> Option<&Section> {
        let matches = |s: &&Section| keys.contains(&s.key.as_str());
        self.sections
            .iter()
            .filter(|s| s.level == 2)
            .find(matches)
            .or_else(|| self.sections.iter().find(matches))
    }

    /// The first section whose key starts with `prefix`, preferring level 2.
    pub fn find_prefix(&self, prefix: &str) -> Option<&Section> {
        let matches = |s: &&Section| s.key.starts_with(prefix);
        self.sections
            .iter()
            .filter(|s| s.level == 2)
            .find(matches)
            .or_else(|| self.sections.iter().find(matches))
    }

    /// Index of the first example heading (`example`, `examples`, `example-1-...`).
    pub fn first_example(&self) -> Option<usize> {
        self.sections
            .iter()
            .find(|s| s.key.starts_with("example"))
            .map(|s| s.heading)
    }
}
