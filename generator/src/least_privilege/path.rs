//! Request paths as segments to match: a call a user writes
//! (`GET /users/alice@contoso.com`, `GET /me/drive/root:/a/b.txt:/children`)
//! and a template the docs write (`/users/{id | userPrincipalName}`,
//! `/drives/{drive-id}/root:/{item-path}:/children`) are split the same way.

use crate::mock::url::without_origin;

/// One path segment, ready to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A fixed segment, lower-cased (literals match case-insensitively).
    Literal(String),
    /// `{x}` in a template; in a call, `{x}` or a concrete value.
    Placeholder,
    /// An OData function or key call `name(a=v, ...)`: the lower-cased name
    /// and each argument as `(name, value)` (name empty when positional).
    Function(String, Vec<(String, String)>),
    /// Colon addressing `:/some/path:` as one segment.
    ColonPath,
}

/// The path part of an HTTP line or URL: no scheme and host, no version
/// segment, no query string.
pub fn path_of(url: &str) -> &str {
    let url = without_origin(url.split(['?', '#']).next().unwrap_or_default());
    ["/v1.0/", "/beta/"]
        .iter()
        .find_map(|prefix| {
            url.strip_prefix(prefix)
                .map(|rest| &url[url.len() - rest.len() - 1..])
        })
        .unwrap_or(url)
}

/// The segments of a path. A function call with one positional argument
/// (`users('id')`) is read as a key (`users/{id}`), which is how most
/// templates write it; a function with no arguments is its name.
pub fn segments(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut rest = path.trim_matches('/');
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(':') {
            // `:/a/b:` up to the closing colon (or the end).
            let end = after.find(':').map_or(after.len(), |i| i + 1);
            out.push(Seg::ColonPath);
            rest = after[end.min(after.len())..].trim_start_matches('/');
            continue;
        }
        let end = segment_end(rest);
        push_segment(&mut out, &rest[..end]);
        rest = rest[end..].trim_start_matches('/');
    }
    out
}

/// Where a segment ends: at a `/` or at a `:/` that starts colon
/// addressing, outside parentheses and braces.
fn segment_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'{' => depth += 1,
            b')' | b'}' => depth -= 1,
            b'/' if depth <= 0 => return i,
            b':' if depth <= 0 && bytes.get(i + 1) == Some(&b'/') => return i,
            _ => {}
        }
    }
    text.len()
}

fn push_segment(out: &mut Vec<Seg>, text: &str) {
    if is_placeholder(text) {
        out.push(Seg::Placeholder);
        return;
    }
    let Some((name, args)) = function_parts(text) else {
        out.push(Seg::Literal(text.to_lowercase()));
        return;
    };
    let name = name.to_lowercase();
    match args.as_slice() {
        [] => out.push(Seg::Literal(name)),
        [(key, _)] if key.is_empty() => {
            out.push(Seg::Literal(name));
            out.push(Seg::Placeholder);
        }
        _ => out.push(Seg::Function(name, args)),
    }
}

fn is_placeholder(text: &str) -> bool {
    let text = text.trim_matches('\'');
    text.starts_with('{') && text.ends_with('}') || text.starts_with('<') && text.ends_with('>')
}

/// `name(a='x',b={y})` → `("name", [("a", "'x'"), ("b", "{y}")])`.
fn function_parts(text: &str) -> Option<(&str, Vec<(String, String)>)> {
    let open = text.find('(')?;
    let inner = text[open + 1..].strip_suffix(')')?;
    let args = inner
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|arg| match arg.split_once('=') {
            Some((k, v)) => (k.trim().to_lowercase(), v.trim().to_owned()),
            None => (String::new(), arg.to_owned()),
        })
        .collect();
    Some((&text[..open], args))
}

/// How well a call's segments match a template's: `None` when they do not,
/// else the number of literal segments matched (more is more specific:
/// `/users/delta` prefers the `delta` template over `/users/{id}`).
pub fn match_score(call: &[Seg], template: &[Seg]) -> Option<usize> {
    if call.len() != template.len() {
        return None;
    }
    let mut score = 0;
    for (c, t) in call.iter().zip(template) {
        score += segment_score(c, t)?;
    }
    Some(score)
}

fn segment_score(call: &Seg, template: &Seg) -> Option<usize> {
    match (call, template) {
        (Seg::Literal(c), Seg::Literal(t)) if c == t => Some(1),
        // A concrete value (or `{x}`) where the template takes a key.
        (Seg::Literal(_) | Seg::Placeholder, Seg::Placeholder) => Some(0),
        (Seg::ColonPath, Seg::ColonPath) => Some(1),
        (Seg::Function(cn, ca), Seg::Function(tn, ta)) if cn == tn && ca.len() == ta.len() => {
            args_match(ca, ta).then_some(1)
        }
        _ => None,
    }
}

/// Arguments pair by name (positionally when unnamed); a template value
/// that is a placeholder takes any value, others must be equal.
fn args_match(call: &[(String, String)], template: &[(String, String)]) -> bool {
    template.iter().enumerate().all(|(i, (name, value))| {
        let given = if name.is_empty() {
            call.get(i)
        } else {
            call.iter().find(|(n, _)| n == name)
        };
        given.is_some_and(|(_, v)| is_placeholder(value) || v.eq_ignore_ascii_case(value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(call: &str, template: &str) -> Option<usize> {
        match_score(&segments(path_of(call)), &segments(template))
    }

    #[test]
    fn literals_match_case_insensitively_and_values_fill_placeholders() {
        assert_eq!(score("/me/sendmail", "/me/sendMail"), Some(2));
        assert_eq!(
            score(
                "/users/alice@contoso.com",
                "/users/{id | userPrincipalName}"
            ),
            Some(1)
        );
        assert_eq!(score("/users/{user-id}", "/users/{id}"), Some(1));
        assert_eq!(score("/users/delta", "/users/delta"), Some(2));
        assert_eq!(score("/users", "/users/{id}"), None);
    }

    #[test]
    fn urls_queries_keys_functions_and_colon_paths() {
        assert_eq!(
            score("https://graph.microsoft.com/v1.0/users?$top=5", "/users"),
            Some(1)
        );
        assert_eq!(score("/users('alice')", "/users/{id}"), Some(1));
        assert_eq!(
            score(
                "/reports/getEmailActivityCounts(period='D7')",
                "/reports/getEmailActivityCounts(period='{period_value}')"
            ),
            Some(2)
        );
        assert_eq!(
            score(
                "/me/drive/root:/a/b.txt:/children",
                "/me/drive/root:/{item-path}:/children"
            ),
            Some(5)
        );
        assert_eq!(
            score(
                "/me/drive/root/children",
                "/me/drive/items/{item-id}/children"
            ),
            None
        );
    }
}
