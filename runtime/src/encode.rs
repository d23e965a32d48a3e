//! Percent-encoding rules for path segments and query components.
//!
//! Both sets are fixed points of the WHATWG URL parser used by `reqwest`:
//! every byte left as-is here is also left as-is by the parser, so the URL
//! built by [`crate::Request::url`] is exactly what goes on the wire.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything except the RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query names and values: unreserved plus the OData punctuation that is
/// harmless inside a query component (`$ ( ) * , : @ / !`). `&`, `=`, `+`,
/// `#`, `?`, `'`, `;`, `%`, space, controls and non-ASCII are encoded.
const QUERY: &AsciiSet = &SEGMENT
    .remove(b'$')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'!');

/// Encodes `value` as one path segment (or one part of a segment).
pub(crate) fn segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Encodes `value` as a query name or value.
pub(crate) fn query(value: &str) -> String {
    utf8_percent_encode(value, QUERY).to_string()
}

/// Encodes `value` for an `application/x-www-form-urlencoded` body.
pub(crate) fn form(value: &str) -> String {
    segment(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_encodes_everything_but_unreserved() {
        assert_eq!(segment("aZ09-._~"), "aZ09-._~");
        assert_eq!(segment("a/b?c#d e%f"), "a%2Fb%3Fc%23d%20e%25f");
        assert_eq!(segment("é"), "%C3%A9");
        assert_eq!(segment("'()=,:$"), "%27%28%29%3D%2C%3A%24");
        assert_eq!(segment("\n\u{0}\\"), "%0A%00%5C");
    }

    #[test]
    fn query_keeps_odata_punctuation() {
        assert_eq!(query("$select"), "$select");
        assert_eq!(query("startswith(a,b)"), "startswith(a,b)");
        assert_eq!(query("a eq 'x'"), "a%20eq%20%27x%27");
        assert_eq!(query("a&b=c+d#e?f;g%"), "a%26b%3Dc%2Bd%23e%3Ff%3Bg%25");
        assert_eq!(query("ü"), "%C3%BC");
    }
}
