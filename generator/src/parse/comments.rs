//! HTML comments are taken out of the text before markdown parsing: the
//! `blockType` annotations are kept, and everything else commented out
//! (old paths, draft tables) disappears, as it does on the published page.

use std::ops::Range;

/// An HTML comment found outside code fences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Byte offset of `<!--` in the text.
    pub offset: usize,
    /// The text between `<!--` and `-->`.
    pub body: String,
}

/// Finds every HTML comment outside fenced code blocks, blanks it out (spaces,
/// newlines kept, so offsets and lines do not move) and returns them in order.
/// An unterminated comment runs to the end of the text.
pub fn extract(text: &mut String) -> Vec<Comment> {
    let found = find_comments(text);
    let comments = found
        .iter()
        .map(|range| Comment {
            offset: range.start,
            body: inner(&text[range.clone()]).to_owned(),
        })
        .collect();
    blank(text, &found);
    comments
}

/// Replaces every byte of the ranges except newlines by a space. Ranges
/// start and end on character boundaries, so the result is valid UTF-8.
pub fn blank(text: &mut String, ranges: &[Range<usize>]) {
    if ranges.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for range in ranges {
        for byte in &mut bytes[range.clone()] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    *text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

fn inner(comment: &str) -> &str {
    let body = comment.strip_prefix("<!--").unwrap_or(comment);
    body.strip_suffix("-->").unwrap_or(body)
}

fn find_comments(text: &str) -> Vec<Range<usize>> {
    const NONE: usize = usize::MAX;
    let mut ranges = Vec::new();
    let mut at = 0;
    // The next comment and fence at or after `at` (NONE when there is none);
    // each is searched again only once the scan has passed it.
    let mut comment = 0;
    let mut fence = 0;
    while at < text.len() {
        if comment != NONE && comment < at || comment == 0 {
            comment = find_from(text, at, "<!--").unwrap_or(NONE);
        }
        if fence != NONE && fence < at || fence == 0 {
            fence = next_fence(text, at).unwrap_or(NONE);
        }
        if fence < comment {
            at = after_fence(text, fence);
        } else if comment != NONE {
            let end = find_from(text, comment + 4, "-->").map_or(text.len(), |j| j + 3);
            ranges.push(comment..end);
            at = end;
        } else {
            break;
        }
    }
    ranges
}

/// The next occurrence of an ASCII `needle` at or after `from`: a memchr
/// scan for its first byte, then a comparison (much faster than a substring
/// searcher for these short needles).
fn find_from(text: &str, from: usize, needle: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = *needle.as_bytes().first()?;
    let mut at = from;
    while at < bytes.len() {
        // `str::find` with an ASCII char is a memchr.
        let hit = at + text.get(at..)?.find(char::from(first))?;
        if bytes[hit..].starts_with(needle.as_bytes()) {
            return Some(hit);
        }
        at = hit + 1;
    }
    None
}

/// The offset of the next "```" that opens a line (after indentation).
fn next_fence(text: &str, from: usize) -> Option<usize> {
    let mut search = from;
    loop {
        let found = find_from(text, search, "```")?;
        // Only the indentation before the backticks is looked at, so a long
        // line full of backticks stays linear.
        let indent = text.as_bytes()[..found]
            .iter()
            .rev()
            .take_while(|&&b| b == b' ')
            .count();
        let before = found - indent;
        if before == 0 || text.as_bytes()[before - 1] == b'\n' {
            return Some(found);
        }
        search = found + 3;
    }
}

/// The offset after the line that closes the fence opened at `open`, or the
/// end of the text for an unclosed fence.
fn after_fence(text: &str, open: usize) -> usize {
    let Some(first_line_end) = text[open..].find('\n').map(|i| open + i + 1) else {
        return text.len();
    };
    match next_fence(text, first_line_end) {
        Some(close) => text[close..]
            .find('\n')
            .map_or(text.len(), |i| close + i + 1),
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_blanked_and_returned() {
        let mut text =
            "a\n<!-- {\n \"blockType\": \"ignored\"\n} -->\n```http\nGET /x\n```\n".to_owned();
        let before = text.len();
        let comments = extract(&mut text);
        assert_eq!(comments.len(), 1);
        assert!(comments[0].body.contains("blockType"));
        assert_eq!(text.len(), before);
        assert_eq!(text.lines().count(), 7);
        assert!(!text.contains("<!--"));
        assert!(text.contains("GET /x"));
    }

    #[test]
    fn comments_inside_fences_are_code() {
        let mut text = "```html\n<!-- keep -->\n```\n<!-- drop -->\n".to_owned();
        let comments = extract(&mut text);
        assert_eq!(comments.len(), 1);
        assert_eq!(comments[0].body, " drop ");
        assert!(text.contains("<!-- keep -->"));
    }

    #[test]
    fn commented_out_fence_does_not_open_a_fence() {
        let mut text = "<!--```http\nGET /old\n```-->\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /x\n```\n".to_owned();
        let comments = extract(&mut text);
        assert_eq!(comments.len(), 2);
        assert!(!text.contains("/old"));
    }

    #[test]
    fn two_comments_on_one_line() {
        let mut text = "<!-- a --> x <!-- b -->\n".to_owned();
        assert_eq!(extract(&mut text).len(), 2);
        assert_eq!(text.trim(), "x");
    }

    #[test]
    fn unterminated_comment_runs_to_the_end() {
        let mut text = "a\n<!--\nb\n".to_owned();
        let comments = extract(&mut text);
        assert_eq!(comments.len(), 1);
        assert_eq!(text.trim(), "a");
    }
}
