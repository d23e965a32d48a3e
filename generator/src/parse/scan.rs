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

/// True when `text` contains one of `words`, ignoring ASCII case (words in
/// other scripts match exactly). No allocation: these run on every cell.
pub fn mentions_any(text: &str, words: &[&str]) -> bool {
    words
        .iter()
        .any(|word| contains_ignore_ascii_case(text, word))
}

/// A memchr for each case of the needle's first letter, then a comparison.
fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let Some(&first) = needle.as_bytes().first() else {
        return true;
    };
    if !first.is_ascii() {
        // A word in another script cannot be in an ASCII text.
        return !haystack.is_ascii() && haystack.contains(needle);
    }
    if !first.is_ascii_alphabetic() {
        return haystack.contains(needle);
    }
    let bytes = haystack.as_bytes();
    [first.to_ascii_lowercase(), first.to_ascii_uppercase()]
        .into_iter()
        .any(|case| {
            let mut at = 0;
            while let Some(found) = haystack
                .get(at..)
                .and_then(|rest| rest.find(char::from(case)))
            {
                let hit = at + found;
                if bytes
                    .get(hit..hit + needle.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
                {
                    return true;
                }
                at = hit + 1;
            }
            false
        })
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
        assert!(mentions_any("A String Collection.", &["collection"]));
        assert!(mentions_any("字符串集合", &["collection", "集合"]));
        assert!(!mentions_any("Required", &["optional"]));
        assert!(!mentions_any("", &["x"]));
    }
}
