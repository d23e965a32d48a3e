//! The older side-by-side translated format: every text unit is a span with
//! a [`TRANSLATION_ID`] holding the translation, then a span of class
//! [`LOOKUP_CLASS`] holding a span with the same [`SOURCE_ID`] around the
//! English ([`text_unit`] writes one). The reader keeps the English side, so
//! a translated page reads like the English one. Units are read from the
//! span tags ([`super::html_tag`]), so attribute order, quoting, case and
//! whitespace do not matter.

use super::html_tag::{attribute, has_token, is_space, Kind, SpanTags, Tag};
use super::scan::contains_ignore_ascii_case;

/// The attribute that marks the translated side of a unit, and its id.
pub const TRANSLATION_ID: &str = "data-ttu-id";
/// The attribute that marks the English side, with the same id.
pub const SOURCE_ID: &str = "data-stu-id";
/// The class token of the span around the English side.
pub const LOOKUP_CLASS: &str = "sxs-lookup";

/// A side-by-side page with only its English side, and where each part of
/// it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unwrapped {
    pub text: String,
    pub checkpoints: Vec<Checkpoint>,
}

/// Where a byte range of the unwrapped text was copied from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub output: usize,
    pub input: usize,
}

/// One text unit written in the side-by-side format (canonical markup): the
/// inverse of `unwrap`, for tests and fixtures that need such pages.
pub fn text_unit(id: &str, translated: &str, english: &str) -> String {
    format!(
        "<span {TRANSLATION_ID}=\"{id}\">{translated}</span>\
         <span class=\"{LOOKUP_CLASS}\"><span {SOURCE_ID}=\"{id}\">{english}</span></span>"
    )
}

/// Whether a page may hold text units: it names the translation id
/// attribute, in any case (HTML attribute names are case-blind).
pub fn is_side_by_side(text: &str) -> bool {
    contains_ignore_ascii_case(text, TRANSLATION_ID)
}

/// Replaces every text unit by its English side. Returns the new text and
/// checkpoints mapping output offsets back to input offsets. A malformed
/// unit is left as it is.
pub fn unwrap(text: &str) -> Unwrapped {
    read_units(text).0
}

/// How much work [`read_units`] did, to show it stays linear (read by the
/// tests only).
#[derive(Debug, Default)]
#[cfg_attr(not(test), allow(dead_code))]
struct Steps {
    tags: usize,
    tag_bytes_read: usize,
    unit_attempts: usize,
}

fn read_units(text: &str) -> (Unwrapped, Steps) {
    let mut scanner = SpanTags::new(text);
    let tags: Vec<Tag> = scanner.by_ref().collect();
    let closes = matching_closes(&tags);
    let spans = Spans {
        text,
        tags: &tags,
        closes: &closes,
    };
    let mut out = String::with_capacity(text.len() / 2);
    let mut checkpoints = Vec::new();
    let mut copied_to = 0;
    let mut next = 0;
    let mut unit_attempts = 0;
    while next < tags.len() {
        unit_attempts += 1;
        let Some(unit) = spans.unit_at(next) else {
            next += 1;
            continue;
        };
        out.push_str(&text[copied_to..tags[next].start]);
        checkpoints.push(Checkpoint {
            output: out.len(),
            input: unit.english.start,
        });
        out.push_str(&text[unit.english.clone()]);
        checkpoints.push(Checkpoint {
            output: out.len(),
            input: unit.end,
        });
        copied_to = unit.end;
        next = unit.next_tag;
    }
    out.push_str(&text[copied_to..]);
    let steps = Steps {
        tags: tags.len(),
        tag_bytes_read: scanner.bytes_read,
        unit_attempts,
    };
    (
        Unwrapped {
            text: out,
            checkpoints,
        },
        steps,
    )
}

/// For each opening tag, the index of the closing tag that ends it (the
/// first one after it where the span depth comes back to zero).
fn matching_closes(tags: &[Tag]) -> Vec<Option<usize>> {
    let mut closes = vec![None; tags.len()];
    let mut open = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        match tag.kind {
            Kind::Open => open.push(i),
            Kind::Close => {
                if let Some(opener) = open.pop() {
                    closes[opener] = Some(i);
                }
            }
        }
    }
    closes
}

struct Spans<'a> {
    text: &'a str,
    tags: &'a [Tag],
    closes: &'a [Option<usize>],
}

struct Unit {
    english: std::ops::Range<usize>,
    /// The offset after the unit's last tag.
    end: usize,
    /// The index of the first tag after the unit.
    next_tag: usize,
}

impl Spans<'_> {
    /// The text unit whose translated side opens at tag `i`, if it is one.
    /// Looks at a fixed number of tags: the whole scan stays linear.
    fn unit_at(&self, i: usize) -> Option<Unit> {
        let id = self.open_attribute(i, TRANSLATION_ID)?;
        let translated_close = self.close_of(i)?;
        let lookup = translated_close + 1;
        let class = self.open_attribute(lookup, "class")?;
        if !has_token(class, LOOKUP_CLASS) || !self.space_between(translated_close, lookup) {
            return None;
        }
        let source = lookup + 1;
        if self.open_attribute(source, SOURCE_ID)? != id || !self.space_between(lookup, source) {
            return None;
        }
        let source_close = self.close_of(source)?;
        let lookup_close = self.close_of(lookup)?;
        if lookup_close != source_close + 1 || !self.space_between(source_close, lookup_close) {
            return None;
        }
        Some(Unit {
            english: self.tags[source].end..self.tags[source_close].start,
            end: self.tags[lookup_close].end,
            next_tag: lookup_close + 1,
        })
    }

    /// A non-empty attribute of opening tag `i`.
    fn open_attribute(&self, i: usize, name: &str) -> Option<&str> {
        let value = attribute(self.text, *self.tags.get(i)?, name)?;
        (!value.is_empty()).then_some(value)
    }

    fn close_of(&self, i: usize) -> Option<usize> {
        self.closes.get(i).copied().flatten()
    }

    /// Only whitespace between the end of tag `a` and the start of tag `b`.
    fn space_between(&self, a: usize, b: usize) -> bool {
        self.text.as_bytes()[self.tags[a].end..self.tags[b].start]
            .iter()
            .all(|b| is_space(*b))
    }
}

#[cfg(test)]
#[path = "sxs_tests.rs"]
mod tests;
