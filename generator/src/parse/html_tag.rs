//! A small reader of HTML `span` tags: `<span attr=value ...>` and
//! `</span>`, the tag name in any case, attributes as `name[=value]` with
//! double-, single- or un-quoted values, any whitespace between the parts.
//!
//! A tag is never read past the next `<` (not even inside a quoted value):
//! every byte is looked at by at most one tag attempt, so scanning a page is
//! linear in its size whatever it holds.

use std::ops::Range;

const NAME: &[u8] = b"span";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Open,
    Close,
}

/// One span tag: `text[start..end]` is the whole tag, `<` to `>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// The span tags of a text, in order. `<span .../>` is not counted: an
/// empty element neither opens nor closes anything.
pub struct SpanTags<'a> {
    text: &'a str,
    at: usize,
    /// Bytes looked at by tag attempts so far (for the linearity test).
    pub bytes_read: usize,
}

impl<'a> SpanTags<'a> {
    pub fn new(text: &'a str) -> Self {
        SpanTags {
            text,
            at: 0,
            bytes_read: 0,
        }
    }
}

impl Iterator for SpanTags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        let bytes = self.text.as_bytes();
        while let Some(found) = memchr::memchr(b'<', bytes.get(self.at..)?) {
            let start = self.at + found;
            let read = read_tag(bytes, start);
            let stop = match read {
                Ok(tag) => tag.end,
                Err(stop) => stop,
            };
            self.bytes_read += stop - start;
            self.at = stop.max(start + 1);
            if let Ok(tag) = read {
                return Some(tag);
            }
        }
        self.at = bytes.len();
        None
    }
}

/// Reads the tag that starts at `start` (a `<`). `Err` holds where reading
/// stopped when it is no span tag (or an empty `<span/>`).
fn read_tag(bytes: &[u8], start: usize) -> Result<Tag, usize> {
    let closing = bytes.get(start + 1) == Some(&b'/');
    let name_start = start + 1 + usize::from(closing);
    let name_end = name_start + NAME.len();
    match bytes.get(name_start..name_end) {
        Some(name) if name.eq_ignore_ascii_case(NAME) => {}
        _ => return Err(name_start),
    }
    let kind = if closing { Kind::Close } else { Kind::Open };
    let end = if closing {
        let after_space = skip_space(bytes, name_end);
        (bytes.get(after_space) == Some(&b'>'))
            .then_some(after_space + 1)
            .ok_or(after_space)?
    } else {
        if !bytes
            .get(name_end)
            .is_some_and(|b| is_space(*b) || *b == b'>')
        {
            return Err(name_end);
        }
        attributes_end(bytes, name_end)?
    };
    Ok(Tag { kind, start, end })
}

/// Reads attributes from `at` up to the `>` that ends the tag; returns the
/// offset after it.
fn attributes_end(bytes: &[u8], mut at: usize) -> Result<usize, usize> {
    loop {
        match next_attribute(bytes, at) {
            Step::Attribute { next, .. } => at = next,
            Step::End(end) => return Ok(end),
            Step::Invalid(stop) => return Err(stop),
        }
    }
}

/// The attributes of an opening tag read by [`SpanTags`], in order, as
/// (name, value); `""` for an attribute without a value.
pub fn attributes(text: &str, tag: Tag) -> impl Iterator<Item = (&str, &str)> {
    let bytes = &text.as_bytes()[..tag.end];
    let mut at = (tag.kind == Kind::Open).then_some(tag.start + 1 + NAME.len());
    std::iter::from_fn(move || match next_attribute(bytes, at?) {
        Step::Attribute { name, value, next } => {
            at = Some(next);
            Some((&text[name], &text[value]))
        }
        Step::End(_) | Step::Invalid(_) => None,
    })
}

enum Step {
    Attribute {
        name: Range<usize>,
        value: Range<usize>,
        next: usize,
    },
    /// The tag ends; the offset after its `>`.
    End(usize),
    /// No tag: reading stopped here (a `<`, the end of the text, a stray
    /// quote, or `/>`).
    Invalid(usize),
}

fn next_attribute(bytes: &[u8], at: usize) -> Step {
    let at = skip_space(bytes, at);
    match bytes.get(at) {
        Some(b'>') => return Step::End(at + 1),
        None | Some(b'<' | b'/' | b'=' | b'"' | b'\'') => return Step::Invalid(at),
        Some(_) => {}
    }
    let name_end = run(bytes, at, |b| {
        !is_space(b) && !matches!(b, b'>' | b'<' | b'/' | b'=' | b'"' | b'\'')
    });
    let after_name = skip_space(bytes, name_end);
    if bytes.get(after_name) != Some(&b'=') {
        // An attribute without a value.
        return Step::Attribute {
            name: at..name_end,
            value: name_end..name_end,
            next: name_end,
        };
    }
    let value_start = skip_space(bytes, after_name + 1);
    let (value, next) = match bytes.get(value_start) {
        Some(&quote @ (b'"' | b'\'')) => {
            let end = run(bytes, value_start + 1, |b| b != quote && b != b'<');
            if bytes.get(end) != Some(&quote) {
                return Step::Invalid(end);
            }
            (value_start + 1..end, end + 1)
        }
        _ => {
            let end = run(bytes, value_start, |b| {
                !is_space(b) && b != b'>' && b != b'<'
            });
            if end == value_start {
                return Step::Invalid(end);
            }
            (value_start..end, end)
        }
    };
    Step::Attribute {
        name: at..name_end,
        value,
        next,
    }
}

/// The end of the run of bytes from `at` that `keep` accepts.
fn run(bytes: &[u8], at: usize, keep: impl Fn(u8) -> bool) -> usize {
    let len = bytes.get(at..).map_or(0, |rest| {
        rest.iter().position(|b| !keep(*b)).unwrap_or(rest.len())
    });
    at + len
}

fn skip_space(bytes: &[u8], at: usize) -> usize {
    run(bytes, at, is_space)
}

/// HTML's ASCII whitespace.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

#[cfg(test)]
#[path = "html_tag_tests.rs"]
mod tests;
