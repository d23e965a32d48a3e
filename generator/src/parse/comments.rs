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
    for range in found {
        blank(text, range);
    }
    comments
}

/// Replaces every byte of `range` except newlines by a space.
pub fn blank(text: &mut String, range: Range<usize>) {
    let blanked: String = text[range.clone()]
        .bytes()
        .map(|b| if b == b'\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(range, &blanked);
}

fn inner(comment: &str) -> &str {
    let body = comment.strip_prefix("<!--").unwrap_or(comment);
    body.strip_suffix("-->").unwrap_or(body)
}

fn find_comments(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut in_fence = false;
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..line_end];
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            line_start = line_end + 1;
            continue;
        }
        if in_fence {
            line_start = line_end + 1;
            continue;
        }
        match line.find("<!--") {
            Some(i) => {
                let start = line_start + i;
                let end = text[start + 4..]
                    .find("-->")
                    .map_or(text.len(), |j| start + 4 + j + 3);
                ranges.push(start..end);
                line_start = continue_after(text, end);
            }
            None => line_start = line_end + 1,
        }
    }
    ranges
}

/// Scanning resumes on the rest of the line that closed a comment, so a second
/// comment or a fence on that line is still seen.
fn continue_after(text: &str, end: usize) -> usize {
    match text[end..].find('\n') {
        Some(i) if text[end..end + i].contains("<!--") => end,
        Some(i) => end + i + 1,
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
