//! An example's request URL read as Graph reads it: its host (is it a Graph
//! call at all), its version, and its path cut into segments. Segments are
//! cut at `/` outside parentheses and quotes, so function arguments keep
//! their slashes (`range(address='A1:B2')`, `(path='/a/b')`), and OData
//! colon addressing (`root:/a/b.txt:`) is one segment of its own.

use crate::ir::page::ApiVersion;
use crate::mock::decode::percent_decode;
pub use crate::mock::url::is_graph_url;
use crate::mock::url::without_origin;

/// One segment of an example path, percent-decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPart {
    /// A plain segment: a literal, a key or a function call.
    Plain(String),
    /// The text between `:/` and the closing `:` of colon addressing.
    Colon(String),
}

/// The version and segments of an example request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub version: ApiVersion,
    pub parts: Vec<PathPart>,
}

/// The request target of an example URL (path and query, no host), with
/// the page's version when the URL names none (`GET /me` → `/v1.0/me`).
pub fn request_target(url: &str, page_version: ApiVersion) -> String {
    let path = without_origin(url);
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    match version_prefix(&path) {
        Some(_) => path,
        None => format!("/{}{path}", page_version.as_str()),
    }
}

/// The version a target names, by its first segment.
fn version_prefix(target: &str) -> Option<ApiVersion> {
    let lower = target.to_ascii_lowercase();
    [ApiVersion::V1_0, ApiVersion::Beta].into_iter().find(|v| {
        lower.starts_with(&format!("/{}/", v.as_str())) || lower == format!("/{}", v.as_str())
    })
}

/// The version and segments of a request target (`/v1.0/me/drive/root:/a.txt:/content`).
pub fn parse_target(target: &str) -> Option<Target> {
    let version = version_prefix(target)?;
    let path = &target[1 + version.as_str().len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    Some(Target {
        version,
        parts: split_parts(path),
    })
}

fn split_parts(path: &str) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted) = (0usize, false);
    let mut current = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ':' if !quoted && depth == 0 && chars.peek() == Some(&'/') => {
                push_plain(&mut parts, &mut current);
                chars.next();
                let colon: String = chars.by_ref().take_while(|&c| c != ':').collect();
                parts.push(PathPart::Colon(percent_decode(colon.trim_matches('/'))));
                continue;
            }
            '/' if !quoted && depth == 0 => {
                push_plain(&mut parts, &mut current);
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    push_plain(&mut parts, &mut current);
    parts
}

fn push_plain(parts: &mut Vec<PathPart>, current: &mut String) {
    let text = std::mem::take(current);
    if !text.trim().is_empty() {
        parts.push(PathPart::Plain(percent_decode(text.trim())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> PathPart {
        PathPart::Plain(s.to_owned())
    }

    #[test]
    fn colon_addressing_is_one_part_and_functions_keep_their_slashes() {
        let target =
            parse_target("/v1.0/me/drive/root:/Folder%20A/FileB.txt:/content?x=1").unwrap();
        assert_eq!(target.version, ApiVersion::V1_0);
        assert_eq!(
            target.parts,
            [
                plain("me"),
                plain("drive"),
                plain("root"),
                PathPart::Colon("Folder A/FileB.txt".to_owned()),
                plain("content")
            ]
        );
        let target = parse_target(
            "/beta/me/drive/items/1/workbook/worksheets('S/1')/range(address='A1:B2')",
        )
        .unwrap();
        assert_eq!(target.parts[5], plain("worksheets('S/1')"));
        assert_eq!(target.parts[6], plain("range(address='A1:B2')"));
    }

    #[test]
    fn targets_get_the_page_version_unless_the_url_names_one() {
        assert_eq!(request_target("/me", ApiVersion::Beta), "/beta/me");
        assert_eq!(
            request_target(
                "https://graph.microsoft.com/v1.0/users?$top=1",
                ApiVersion::Beta
            ),
            "/v1.0/users?$top=1"
        );
        assert_eq!(
            request_target("me/events", ApiVersion::V1_0),
            "/v1.0/me/events"
        );
        assert!(is_graph_url("https://graph.microsoft.us/v1.0/me"));
        assert!(!is_graph_url("https://webhook.contoso.com/api"));
    }
}
