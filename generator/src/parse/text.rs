//! Input normalization: bytes → clean UTF-8 text whose lines can be mapped
//! back to lines of the original file.
//!
//! Every step here keeps the line structure, except the side-by-side
//! unwrapping, which records checkpoints so offsets can still be mapped back.

use std::cell::Cell;

use super::scan::newlines;
use super::sxs::{self, Checkpoint};

/// The text a page is read from, and the way back to original line numbers.
pub struct Source {
    pub text: String,
    /// The text before side-by-side unwrapping, when it was unwrapped.
    original: Option<String>,
    /// Sorted by `output`; empty when the text was not rewritten.
    checkpoints: Vec<Checkpoint>,
    /// The last (offset in the reference text, line) answered: queries come
    /// mostly in order, so each one counts only the newlines since the last.
    cursor: Cell<(usize, u32)>,
}

impl Source {
    /// Normalizes raw page bytes: lossy UTF-8, no BOM, LF only, no zero-width
    /// spaces, no-break spaces as plain spaces, side-by-side spans unwrapped to
    /// their English side.
    #[cfg(test)]
    pub fn new(raw: &[u8]) -> Source {
        Source::from_bytes(raw.to_vec())
    }

    /// Like [`Source::new`], taking the bytes: a valid UTF-8 page that needs
    /// no cleaning (most) becomes the text without being copied, so a huge
    /// page is never held twice.
    pub fn from_bytes(raw: Vec<u8>) -> Source {
        // The strict check is much faster than the lossy one, which only runs
        // on the rare invalid file.
        let decoded = match String::from_utf8(raw) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        let cleaned = if needs_cleaning(&decoded) {
            clean_characters(&decoded)
        } else {
            decoded
        };
        let unwrapped = sxs::may_hold_units(&cleaned)
            .then(|| sxs::unwrap(&cleaned))
            .filter(|unwrapped| !unwrapped.checkpoints.is_empty());
        let (text, original, checkpoints) = match unwrapped {
            Some(sxs::Unwrapped { text, checkpoints }) => (text, Some(cleaned), checkpoints),
            None => (cleaned, None, Vec::new()),
        };
        Source {
            text,
            original,
            checkpoints,
            cursor: Cell::new((0, 1)),
        }
    }

    /// The 1-based line of the original file that holds `offset` of
    /// [`Source::text`]. Blanking text never removes newlines, so counting in
    /// the current text gives original lines.
    pub fn line(&self, offset: usize) -> u32 {
        let reference = self.original.as_deref().unwrap_or(&self.text).as_bytes();
        let target = self.input_offset(offset).min(reference.len());
        let (at, line) = self.cursor.get();
        let line = if target >= at {
            line + newlines(&reference[at..target])
        } else {
            line - newlines(&reference[target..at])
        };
        self.cursor.set((target, line));
        line
    }

    fn input_offset(&self, offset: usize) -> usize {
        let after = self.checkpoints.partition_point(|c| c.output <= offset);
        match after.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some(c) => c.input + (offset - c.output),
            None => offset,
        }
    }
}

/// Drops a BOM, carriage returns before line feeds, zero-width spaces and
/// bidi embedding/override/isolate controls (rustc rejects them in comments,
/// and they make doc text read differently from what it holds),
/// turns no-break spaces into spaces and expands tabs to the next 4-column
/// stop (tabs inside table delimiter rows would otherwise break the table).
/// Line count is unchanged. Plain runs are copied whole; only the special
/// characters are looked at one by one.
fn clean_characters(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !needs_cleaning(text) {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 64);
    // Where the line being written starts in `out`, for a tab's column.
    let mut line_start = 0;
    let mut copied = 0;
    let mut next = 0;
    while let Some(found) = bytes[next..]
        .iter()
        .position(|&b| MAY_CLEAN[usize::from(b)])
    {
        let at = next + found;
        next = at + 1;
        let Some(replacement) = replacement_at(&bytes[at..]) else {
            continue;
        };
        let run = &text[copied..at];
        if let Some(newline) = memchr::memrchr(b'\n', run.as_bytes()) {
            line_start = out.len() + newline + 1;
        }
        let replacement = match replacement {
            Replacement::Text(text) => text,
            Replacement::Tab => {
                let column = out.len() + run.len() - line_start;
                &"    "[..4 - column % 4]
            }
        };
        out.push_str(run);
        out.push_str(replacement);
        copied = at + special_len(bytes[at]);
        if replacement == "\n" {
            line_start = out.len();
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The first bytes of what [`clean_characters`] may replace.
const MAY_CLEAN: [bool; 256] = {
    let mut table = [false; 256];
    table[b'\r' as usize] = true;
    table[b'\t' as usize] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table[0xEF] = true;
    table
};

enum Replacement {
    Text(&'static str),
    /// Spaces to the next 4-column stop.
    Tab,
}

/// What replaces the character at the start of `bytes`, if it is replaced.
fn replacement_at(bytes: &[u8]) -> Option<Replacement> {
    Some(match bytes {
        [b'\r', b'\n', ..] => Replacement::Text(""),
        [b'\r', ..] => Replacement::Text("\n"),
        [b'\t', ..] => Replacement::Tab,
        [0xC2, 0xA0, ..] => Replacement::Text(" "),
        _ if is_invisible(bytes) => Replacement::Text(""),
        _ => return None,
    })
}

/// A zero-width space, a BOM or a bidi control at the start of `bytes`.
fn is_invisible(bytes: &[u8]) -> bool {
    matches!(bytes, [0xE2, 0x80, 0x8B, ..] | [0xEF, 0xBB, 0xBF, ..]) || is_bidi_control(bytes)
}

/// False when [`clean_characters`] would give `text` back unchanged (a BOM
/// is a zero-width no-break space, so it counts). SIMD scans; most pages
/// need no cleaning.
fn needs_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2(b'\r', b'\t', bytes).is_some()
        || memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes)
            .any(|at| replacement_at(&bytes[at..]).is_some())
}

/// U+202A..=U+202E and U+2066..=U+2069 at the start of `bytes`.
fn is_bidi_control(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xE2, 0x80, 0xAA..=0xAE, ..] | [0xE2, 0x81, 0xA6..=0xA9, ..]
    )
}

fn special_len(byte: u8) -> usize {
    match byte {
        0xC2 => 2,
        0xE2 | 0xEF => 3,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_are_dropped() {
        let source = Source::new("a\u{202e}b\u{2066}c\u{2069}\n\u{200e}d".as_bytes());
        assert_eq!(source.text, "abc\n\u{200e}d");
    }

    #[test]
    fn crlf_bom_and_invisible_characters_are_cleaned() {
        let source = Source::new("\u{feff}a\r\nb\u{a0}c\u{200b}d\r\n".as_bytes());
        assert_eq!(source.text, "a\nb cd\n");
        assert_eq!(source.line(0), 1);
        assert_eq!(source.line(2), 2);
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(Source::new(b"| a\t|\tb |\n\tc").text, "| a |   b |\n    c");
    }

    /// The byte-by-byte cleaner that `clean_characters` replaced, kept as
    /// its oracle.
    fn clean_bytewise(text: &str) -> String {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut out = String::with_capacity(text.len());
        let mut line_start = 0;
        let mut copied = 0;
        for (at, byte) in text.bytes().enumerate() {
            let replacement: Option<&str> = match byte {
                b'\n' => {
                    line_start = out.len() + (at - copied) + 1;
                    None
                }
                b'\r' if text.as_bytes().get(at + 1) == Some(&b'\n') => Some(""),
                b'\r' => Some("\n"),
                b'\t' => {
                    let column = out.len() + (at - copied) - line_start;
                    Some(&"    "[..4 - column % 4])
                }
                0xC2 if text[at..].starts_with('\u{a0}') => Some(" "),
                0xE2 if text[at..].starts_with('\u{200b}') => Some(""),
                0xE2 if is_bidi_control(&text.as_bytes()[at..]) => Some(""),
                0xEF if text[at..].starts_with('\u{feff}') => Some(""),
                _ => None,
            };
            if let Some(replacement) = replacement {
                out.push_str(&text[copied..at]);
                out.push_str(replacement);
                copied = at + special_len(byte);
                if replacement == "\n" {
                    line_start = out.len();
                }
            }
        }
        out.push_str(&text[copied..]);
        out
    }

    #[test]
    fn cleaning_matches_the_bytewise_oracle() {
        const PIECES: &[&str] = &[
            "a", "bc", " ", "\n", "\r", "\r\n", "\t", "\u{a0}", "\u{200b}", "\u{feff}", "\u{202a}",
            "\u{202e}", "\u{2066}", "\u{2069}", "\u{2014}", "\u{201c}", "\u{2060}", "é", "中", "|",
        ];
        let mut random = crate::random::Xorshift::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..100_000 {
            let state = random.next_u64();
            let len = (state % 14) as usize;
            let text: String = (0..len)
                .map(|k| PIECES[(state >> (4 * k + 6)) as usize % PIECES.len()])
                .collect();
            let expected = clean_bytewise(&text);
            assert_eq!(needs_cleaning(&text), expected != text, "{text:?}");
            assert_eq!(clean_characters(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_not_rejected() {
        let source = Source::new(b"users\xff iOS\n");
        assert_eq!(source.text, "users\u{fffd} iOS\n");
    }

    #[test]
    fn lines_map_back_through_side_by_side_unwrapping() {
        let unit = crate::parse::sxs::text_unit("a-1", "translated\nover two lines", "Hello");
        let raw = format!("x\n{unit}\n## H\n");
        let source = Source::new(raw.as_bytes());
        assert_eq!(source.text, "x\nHello\n## H\n");
        let heading = source.text.find("## H").unwrap();
        assert_eq!(source.line(heading), 4);
        // The English side sits on the third line of the original.
        assert_eq!(source.line(source.text.find("Hello").unwrap()), 3);
    }
}
