//! A documented path template as a pattern a concrete request path matches.
//!
//! Literal text compares without regard to case (Graph path segments are
//! case-insensitive); a `{placeholder}` matches one or more characters of a
//! single segment, except the item path of a colon path (`root:/{path}:`),
//! which may span segments (`root:/FolderA/FileB.txt:`).

use crate::ir::page::{ApiVersion, HttpMethod};

/// One documented path of one operation, with the page's examples.
#[derive(Debug)]
pub struct Route {
    pub version: ApiVersion,
    pub method: HttpMethod,
    pub template: Template,
    /// The template as the page writes it, for messages.
    pub text: String,
    pub success_status: Option<u16>,
    /// The page's file, relative to the checkout.
    pub file: String,
    /// `file:line` of the operation.
    pub origin: String,
    /// Index of the page's examples in the table.
    pub page: usize,
}

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    /// Literal text, lowercased.
    Literal(String),
    /// A placeholder; `spans` when it may contain `/`.
    Value { spans: bool },
}

/// A path template, compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
    /// Literal characters: more is more specific.
    literal_len: usize,
}

impl Template {
    /// Compiles `template` (`/users/{id}/messages`); a trailing `/` is
    /// dropped, a missing leading one added (`auditLogs/signIns`), and a
    /// function's argument list matches any arguments
    /// (`range(address='{address}')` matches `range(address='$A$1')`).
    pub fn new(template: &str) -> Template {
        let template = template.trim().trim_end_matches('/');
        let template = wildcard_arguments(template);
        let template = match template.strip_prefix('/') {
            Some(_) => template,
            None => format!("/{template}"),
        };
        let mut pieces = Vec::new();
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            push_literal(&mut pieces, &rest[..open]);
            let spans = rest[..open].ends_with(":/") || rest[..open].ends_with(':');
            pieces.push(Piece::Value { spans });
            rest = &rest[close + 1..];
        }
        push_literal(&mut pieces, rest);
        let literal_len = pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(text) => text.len(),
                Piece::Value { .. } => 0,
            })
            .sum();
        Template {
            pieces,
            literal_len,
        }
    }

    /// How specific the template is: its literal characters.
    pub fn specificity(&self) -> usize {
        self.literal_len
    }

    /// Whether the decoded request `path` (no query, no version prefix)
    /// is an instance of the template.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/').to_ascii_lowercase();
        matches_from(&self.pieces, &path)
    }

    /// How many leading `/` segments of `path` equal the template's literal
    /// segments or fall on its placeholders: used to name the closest
    /// templates when nothing matches.
    pub fn shared_prefix(&self, path: &str) -> usize {
        let path = path.to_ascii_lowercase();
        let template = self.display_segments();
        template
            .iter()
            .zip(path.split('/').filter(|s| !s.is_empty()))
            .take_while(|(t, p)| t.contains('{') || *t == p)
            .count()
    }

    fn display_segments(&self) -> Vec<String> {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(literal) => text.push_str(literal),
                Piece::Value { .. } => text.push_str("{}"),
            }
        }
        text.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Replaces each non-empty `(...)` argument list by one placeholder.
fn wildcard_arguments(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut depth = 0usize;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    out.push('(');
                    if chars.peek() != Some(&')') {
                        out.push_str("{arguments}");
                    }
                }
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(')');
                }
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

fn push_literal(pieces: &mut Vec<Piece>, text: &str) {
    if !text.is_empty() {
        pieces.push(Piece::Literal(text.to_ascii_lowercase()));
    }
}

/// Backtracking match; templates have a handful of placeholders.
fn matches_from(pieces: &[Piece], path: &str) -> bool {
    match pieces.split_first() {
        None => path.is_empty(),
        Some((Piece::Literal(literal), rest)) => path
            .strip_prefix(literal.as_str())
            .is_some_and(|tail| matches_from(rest, tail)),
        Some((Piece::Value { spans }, rest)) => {
            let limit = if *spans {
                path.len()
            } else {
                path.find('/').unwrap_or(path.len())
            };
            (1..=limit)
                .rev()
                .filter(|&end| path.is_char_boundary(end))
                .any(|end| matches_from(rest, &path[end..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Template;

    #[test]
    fn placeholders_match_one_segment_and_literals_any_case() {
        let template = Template::new("/users/{user-id}/mailFolders/{id}/messages");
        assert!(template.matches("/Users/42/MAILFOLDERS/inbox/messages"));
        assert!(template.matches("/users/42/mailFolders/inbox/messages/"));
        assert!(!template.matches("/users/42/mailFolders/messages"));
        assert!(!template.matches("/users/42/x/mailFolders/inbox/messages"));
        assert!(!template.matches("/users//mailFolders/inbox/messages"));
    }

    #[test]
    fn colon_item_paths_span_segments() {
        let template = Template::new("/me/drive/root:/{item-path}:/content");
        assert!(template.matches("/me/drive/root:/FolderA/FileB.txt:/content"));
        let items = Template::new("/me/drive/items/{parent-id}:/{filename}:/content");
        assert!(items.matches("/me/drive/items/0123:/FileB.txt:/content"));
        assert!(!items.matches("/me/drive/items/0123/content"));
    }

    #[test]
    fn functions_and_specificity() {
        let delta = Template::new("/users/delta()");
        let by_id = Template::new("/users/{id}");
        assert!(delta.matches("/users/delta()"));
        assert!(by_id.matches("/users/delta()"));
        assert!(delta.specificity() > by_id.specificity());
        assert_eq!(by_id.shared_prefix("/users/1/manager"), 2);
        let range = Template::new(
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')",
        );
        assert!(range.matches("/me/drive/items/1/workbook/worksheets/Sheet1/range(address='$A$1')"));
        assert!(Template::new("auditLogs/signIns").matches("/auditLogs/signIns"));
    }
}
