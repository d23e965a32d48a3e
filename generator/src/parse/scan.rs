//! Fast substring search for the short ASCII markers the reader looks for.

/// The next occurrence of an ASCII `needle` at or after `from`: a memchr
/// scan for its first byte, then a comparison (much faster than a substring
/// searcher for these short needles).
pub fn find_from(text: &str, from: usize, needle: &str) -> Option<usize> {
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

/// Counts line feeds; a sum the compiler vectorizes.
pub fn newlines(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |n, &b| n + u32::from(b == b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers_after_false_starts() {
        assert_eq!(find_from("a < b <!-- c", 0, "<!--"), Some(6));
        assert_eq!(find_from("<!-- a <!--", 1, "<!--"), Some(7));
        assert_eq!(find_from("no marker", 0, "<!--"), None);
        assert_eq!(newlines(b"a\nb\n\n"), 3);
    }
}
