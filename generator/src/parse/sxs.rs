//! The older side-by-side translated format, read from its structure: a
//! text unit is a span holding the translation, then (whitespace aside) a
//! wrapping span whose first child is a span holding the English, the two
//! paired by one id, carried by an attribute of each (under two different
//! names). The reader keeps the English side, so a translated page reads
//! like the English one. Units are read from the span tags
//! ([`super::html_tag`]), so attribute names, order, quoting, case and
//! whitespace do not matter.

use super::html_tag::{attributes, is_space, Kind, SpanTags, Tag};
use super::scan::contains_ignore_ascii_case;

/// The attributes of a tag looked at to pair the two sides: a bound that
/// keeps a tag with thousands of attributes from costing their square.
const PAIRING_ATTRIBUTES: usize = 8;

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

/// One text unit written in the side-by-side structure: the inverse of
/// `unwrap`, for tests and fixtures that need such pages.
pub fn text_unit(id: &str, translated: &str, english: &str) -> String {
    format!(
        "<span data-translated=\"{id}\">{translated}</span>\
         <span class=\"source\"><span data-source=\"{id}\">{english}</span></span>"
    )
}

/// Whether a page may hold text units: it has a span tag.
pub fn may_hold_units(text: &str) -> bool {
    contains_ignore_ascii_case(text, "<span")
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
        let translated_close = self.close_of(i)?;
        let wrapper = translated_close + 1;
        if self.close_of(wrapper).is_none() || !self.space_between(translated_close, wrapper) {
            return None;
        }
        let source = wrapper + 1;
        if !self.paired(i, source) || !self.space_between(wrapper, source) {
            return None;
        }
        let source_close = self.close_of(source)?;
        let wrapper_close = self.close_of(wrapper)?;
        if wrapper_close != source_close + 1 || !self.space_between(source_close, wrapper_close) {
            return None;
        }
        Some(Unit {
            english: self.tags[source].end..self.tags[source_close].start,
            end: self.tags[wrapper_close].end,
            next_tag: wrapper_close + 1,
        })
    }

    /// True when opening tags `a` and `b` carry one non-empty value under
    /// attributes of different names: the id pairing the two sides.
    fn paired(&self, a: usize, b: usize) -> bool {
        let (Some(&a), Some(&b)) = (self.tags.get(a), self.tags.get(b)) else {
            return false;
        };
        let ids = |tag| {
            attributes(self.text, tag)
                .take(PAIRING_ATTRIBUTES)
                .filter(|(_, value)| !value.is_empty())
        };
        ids(a).any(|(name, id)| {
            ids(b).any(|(other, value)| value == id && !other.eq_ignore_ascii_case(name))
        })
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
