//! Input normalization: bytes → clean UTF-8 text whose lines can be mapped
//! back to lines of the original file.
//!
//! Every step here keeps the line structure, except the side-by-side
//! unwrapping, which records checkpoints so offsets can still be mapped back.

use super::sxs;

/// The text a page is read from, and the way back to original line numbers.
pub struct Source {
    pub text: String,
    lines: LineMap,
}

impl Source {
    /// Normalizes raw page bytes: lossy UTF-8, no BOM, LF only, no zero-width
    /// spaces, no-break spaces as plain spaces, side-by-side spans unwrapped to
    /// their English side.
    pub fn new(raw: &[u8]) -> Source {
        let decoded = String::from_utf8_lossy(raw);
        let cleaned = clean_characters(&decoded);
        let line_starts = line_starts(&cleaned);
        let (text, checkpoints) = if sxs::is_side_by_side(&cleaned) {
            sxs::unwrap(&cleaned)
        } else {
            (cleaned, Vec::new())
        };
        Source {
            text,
            lines: LineMap {
                line_starts,
                checkpoints,
            },
        }
    }

    /// The 1-based line of the original file that holds `offset` of [`Source::text`].
    pub fn line(&self, offset: usize) -> u32 {
        self.lines.line(offset)
    }
}

/// Where a byte range of the unwrapped text was copied from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub output: usize,
    pub input: usize,
}

struct LineMap {
    /// Byte offsets at which lines start, in the text before unwrapping.
    line_starts: Vec<usize>,
    /// Sorted by `output`; empty when the text was not rewritten.
    checkpoints: Vec<Checkpoint>,
}

impl LineMap {
    fn line(&self, offset: usize) -> u32 {
        let input = self.input_offset(offset);
        let index = self.line_starts.partition_point(|&start| start <= input);
        u32::try_from(index.max(1)).unwrap_or(u32::MAX)
    }

    fn input_offset(&self, offset: usize) -> usize {
        let after = self.checkpoints.partition_point(|c| c.output <= offset);
        match after.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some(c) => c.input + (offset - c.output),
            None => offset,
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// Drops a BOM, carriage returns before line feeds and zero-width spaces,
/// turns no-break spaces into spaces and expands tabs to the next 4-column
/// stop (tabs inside table delimiter rows would otherwise break the table).
/// Line count is unchanged.
fn clean_characters(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains(['\r', '\t', '\u{200b}', '\u{a0}', '\u{feff}']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut column = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let width = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', width));
                column += width;
            }
            '\u{200b}' | '\u{feff}' => {}
            '\u{a0}' => {
                out.push(' ');
                column += 1;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn invalid_utf8_is_replaced_not_rejected() {
        let source = Source::new(b"users\xff iOS\n");
        assert_eq!(source.text, "users\u{fffd} iOS\n");
    }

    #[test]
    fn lines_map_back_through_side_by_side_unwrapping() {
        let raw = "x\n<span data-ttu-id=\"a-1\">\u{4e2d}\n\u{6587}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Hello</span></span>\n## H\n";
        let source = Source::new(raw.as_bytes());
        assert_eq!(source.text, "x\nHello\n## H\n");
        let heading = source.text.find("## H").unwrap();
        assert_eq!(source.line(heading), 4);
        // The English side sits on the third line of the original.
        assert_eq!(source.line(source.text.find("Hello").unwrap()), 3);
    }
}
