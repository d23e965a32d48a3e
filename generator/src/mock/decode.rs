//! Percent-decoding of request paths.

/// Decodes the escapes of a path except `%2F`: an escaped `/` belongs to a
/// value (`by_id("x/y")`), not a segment boundary.
pub fn decode_within_segments(path: &str) -> String {
    path.split("%2F")
        .flat_map(|part| part.split("%2f"))
        .map(percent_decode)
        .collect::<Vec<_>>()
        .join("%2F")
}

/// Decodes `%XX` escapes; invalid escapes and non-UTF-8 results are kept
/// as sent.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}
