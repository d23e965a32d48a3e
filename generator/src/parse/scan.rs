//! Fast search for the short markers the reader looks for. The `memchr`
//! crate's searches use SIMD; std's byte search does not, and these scans
//! run over every byte of a corpus.

/// True when `text` contains one of `words`, ignoring ASCII case (words in
/// other scripts match exactly). No allocation: these run on every cell.
pub fn mentions_any(text: &str, words: &[&str]) -> bool {
    words
        .iter()
        .any(|word| contains_ignore_ascii_case(text, word))
}

/// True when `haystack` holds `needle`, ignoring ASCII case: a memchr for
/// each case of the needle's first byte, then a comparison.
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let Some(&first) = needle.as_bytes().first() else {
        return true;
    };
    if !first.is_ascii() {
        // A word in another script cannot be in an ASCII text.
        return !haystack.is_ascii() && haystack.contains(needle);
    }
    let bytes = haystack.as_bytes();
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, bytes).any(|hit| {
        bytes
            .get(hit..hit + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    })
}

/// Counts line feeds.
pub fn newlines(bytes: &[u8]) -> u32 {
    memchr::memchr_iter(b'\n', bytes).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_and_counts_lines() {
        assert!(contains_ignore_ascii_case("a <SPAN x=1>", "<span"));
        assert!(!contains_ignore_ascii_case("a <spa", "<span"));
        assert_eq!(newlines(b"a\nb\n\n"), 3);
        assert!(mentions_any("A String Collection.", &["collection"]));
        assert!(mentions_any("une συλλογή", &["collection", "συλλογή"]));
        assert!(!mentions_any("Required", &["optional"]));
        assert!(!mentions_any("", &["x"]));
    }
}
