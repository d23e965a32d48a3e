//! A string that never shows up in `Debug` output.

use std::fmt;

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

/// Replaces every occurrence of `secret` in `text` with `<redacted>`.
pub(crate) fn scrub(text: &str, secret: &Secret) -> String {
    if secret.expose().is_empty() {
        return text.to_owned();
    }
    text.replace(secret.expose(), "<redacted>")
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
}
