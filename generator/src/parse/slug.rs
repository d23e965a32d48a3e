//! GitHub-style heading slugs, the key of a heading without an anchor.

/// Lower-cases, keeps letters, digits, `-` and `_`, turns each space into `-`
/// (runs are not collapsed, as on GitHub) and drops everything else.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn github_slugs() {
        assert_eq!(slug("HTTP Request"), "http-request");
        assert_eq!(slug("Example 2:  list hosted"), "example-2--list-hosted");
        assert_eq!(slug("Permissions"), "permissions");
        assert_eq!(slug("`$value` (optional)"), "value-optional");
    }
}
