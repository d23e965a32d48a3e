//! A string that never shows up in `Debug` output.

use std::fmt;

use crate::encode;

/// A secret string (access token, client secret). Its `Debug` output is
/// `<redacted>` and it has no `Display`; read it with [`Secret::expose`].
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// Replaces every occurrence of `secret` in `text` with `<redacted>`, in
/// each spelling the runtime sends it in or a server echoing it may give
/// back: raw, form- and percent-encoded (upper- or lower-case escapes,
/// space as `%20` or `+`) and JSON-escaped. (The runtime sends no secret
/// base64-encoded: there is no basic auth.)
pub(crate) fn scrub(text: &str, secret: &Secret) -> String {
    let mut text = text.to_owned();
    for spelling in spellings(secret.expose()) {
        if !spelling.is_empty() {
            text = text.replace(&spelling, "<redacted>");
        }
    }
    text
}

/// The spellings of `secret` that [`scrub`] removes, longest first.
fn spellings(secret: &str) -> Vec<String> {
    let encoded = encode::form(secret);
    let json = serde_json::to_string(secret).unwrap_or_default();
    let mut spellings = vec![
        secret.to_owned(),
        lower_escapes(&encoded),
        encoded.replace("%20", "+"),
        lower_escapes(&encoded).replace("%20", "+"),
        json.get(1..json.len().saturating_sub(1))
            .unwrap_or_default()
            .to_owned(),
        encoded,
    ];
    spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
    spellings.dedup();
    spellings
}

/// `%2F` -> `%2f`: the hex digits of percent-escapes in lower case.
fn lower_escapes(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut hex_left = 0;
    for c in encoded.chars() {
        if hex_left > 0 {
            out.push(c.to_ascii_lowercase());
            hex_left -= 1;
        } else {
            out.push(c);
            hex_left = if c == '%' { 2 } else { 0 };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?}"), "<redacted>");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn scrub_replaces_all() {
        let secret = Secret::from("abc");
        assert_eq!(scrub("xabcyabc", &secret), "x<redacted>y<redacted>");
        assert_eq!(scrub("text", &Secret::from("")), "text");
    }

    #[test]
    fn scrub_replaces_every_encoding() {
        let secret = Secret::from("a+b/c é\"d");
        for spelling in [
            "a+b/c é\"d",
            "a%2Bb%2Fc%20%C3%A9%22d",
            "a%2bb%2fc%20%c3%a9%22d",
            "a%2Bb%2Fc+%C3%A9%22d",
            "a%2bb%2fc+%c3%a9%22d",
            "a+b/c é\\\"d",
        ] {
            let text = format!("echo: {spelling}.");
            assert_eq!(scrub(&text, &secret), "echo: <redacted>.", "{spelling}");
        }
    }
}
