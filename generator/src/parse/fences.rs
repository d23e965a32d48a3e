//! Code fences that are never closed. CommonMark lets such a fence run to the
//! end of its container, so everything after it (the Response section, the
//! Permissions table...) silently becomes code: the reader names the fence,
//! because what goes missing downstream does not point back to it.

use std::ops::Range;

/// A fenced block whose closing fence is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnclosedFence {
    /// Offset of the opening fence in the normalized text.
    pub offset: usize,
    /// 1-based line of the opening fence, set with the blocks' lines.
    pub line: u32,
    /// Lines the fence swallowed after its own.
    pub swallowed_lines: usize,
    /// The first ATX heading swallowed (`## Response`), if any.
    pub first_heading: Option<String>,
}

/// `Some` when the fenced block at `range` of `text` has no closing fence.
pub fn unclosed(text: &str, range: Range<usize>) -> Option<UnclosedFence> {
    let block = text.get(range.clone())?;
    let mut lines = block.lines();
    let (fence_char, fence_len) = opening(lines.next()?)?;
    // Only the last line can close the block: most blocks are closed, and
    // are told so without walking their lines.
    let last = lines.next_back();
    if last.is_some_and(|last| closes(last, fence_char, fence_len)) {
        return None;
    }
    let rest = || lines.clone().chain(last);
    let first_heading = rest()
        .map(strip_container)
        .find(|l| l.starts_with('#') && l.trim_start_matches('#').starts_with(' '))
        .map(|l| shorten(l.trim()));
    Some(UnclosedFence {
        offset: range.start,
        line: 0,
        swallowed_lines: rest().count(),
        first_heading,
    })
}

impl UnclosedFence {
    pub fn message(&self) -> String {
        let mut message = format!(
            "code fence never closed: the {} line(s) after it are read as code",
            self.swallowed_lines
        );
        if let Some(heading) = &self.first_heading {
            message.push_str(&format!(", sections included (first: `{heading}`)"));
        }
        message
    }
}

/// Blockquote markers and indentation before a fence.
fn strip_container(line: &str) -> &str {
    line.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
}

fn opening(line: &str) -> Option<(char, usize)> {
    let line = strip_container(line);
    let fence_char = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = line.chars().take_while(|c| *c == fence_char).count();
    (len >= 3).then_some((fence_char, len))
}

fn closes(line: &str, fence_char: char, fence_len: usize) -> bool {
    let line = strip_container(line).trim_end();
    line.chars().count() >= fence_len && line.chars().all(|c| c == fence_char)
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Option<UnclosedFence> {
        unclosed(text, 0..text.len())
    }

    #[test]
    fn closed_fences_are_not_reported() {
        assert_eq!(check("```http\nGET /x\n```\n"), None);
        assert_eq!(check("~~~~\nGET /x\n~~~~~\n"), None);
        assert_eq!(check("> ```\n> a\n> ```"), None);
    }

    #[test]
    fn an_unclosed_fence_names_what_it_swallowed() {
        let found = check("```http\nGET /x\n\n## Response\n\nok\n").unwrap();
        assert_eq!(found.swallowed_lines, 5);
        assert_eq!(found.first_heading.as_deref(), Some("## Response"));
        assert!(found.message().contains("`## Response`"));
    }

    #[test]
    fn a_shorter_or_different_fence_does_not_close() {
        assert!(check("````\na\n```\n").is_some());
        assert!(check("```\na\n~~~\n").is_some());
        assert!(check("```").is_some());
    }
}
