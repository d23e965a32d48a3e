//! A markdown file turned into blocks, ready for the extractors.

use super::document::Document;
use super::front_matter::{self, FrontMatter};
use super::text::Source;

/// A page's normalized text, front matter and blocks.
pub(crate) struct Loaded {
    pub source: Source,
    pub front_matter: FrontMatter,
    pub document: Document,
}

/// Normalizes, strips front matter and comments, and parses the blocks.
pub(crate) fn load(raw: Vec<u8>) -> Loaded {
    let source = Source::from_bytes(raw);
    let front_matter = front_matter::read(&source.text);
    let mut document = Document::parse(&source.text, front_matter.end);
    document.number_lines(|offset| source.line(offset));
    Loaded {
        source,
        front_matter,
        document,
    }
}
