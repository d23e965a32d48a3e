//! The reachability oracle: the path a documented request must have, read
//! straight from the template as the page writes it (`Operation::paths`),
//! with the values a user passes to the builder calls, in call order.
//!
//! It shares no code with lowering's template parser (`lower/template.rs`):
//! it reads the doc format's rules on its own, so the compiled reachability
//! test compares two independent readings: this one, and the path the
//! generated builders actually produce. The rules, as the docs use them:
//! - `https://graph.microsoft.com`, `/v1.0`, `/beta`, `{{x}}` and a trailing
//!   `/` are decoration; `{x}$ref` is `{x}/$ref`;
//! - a whole segment `{x}`, `<x>`, `(x)` or `'{x}'` is a key the caller
//!   passes, as is an example key written in its place (a GUID, 32 hex
//!   digits, a host name such as `contoso.sharepoint.com`);
//! - `name(a='{x}',b={y})` is a function: the caller passes one value per
//!   argument, a string where the docs quote it and a number or raw token
//!   where they do not;
//! - `x:/{path}:` (or `x:/{path}` at the end) addresses by path: the caller
//!   passes the whole path as one value, each part encoded on its own.
//!
//! Values are percent-encoded as RFC 3986 unreserved-only, the runtime's
//! documented rule; a string argument doubles its quotes (OData).

use serde::{Deserialize, Serialize};

/// Why the oracle's reading and the builder calls do not fit together.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OracleError {
    #[error("the template needs more values than the builder calls pass ({0} passed)")]
    TooFewValues(usize),
    #[error("the builder calls pass {passed} values, the template takes {used}")]
    TooManyValues { passed: usize, used: usize },
    #[error("`{place}` takes {wanted}, the builder call passes {got:?}")]
    WrongKind {
        place: String,
        wanted: &'static str,
        got: Value,
    },
    #[error("unbalanced brackets in `{0}`")]
    Unbalanced(String),
}

/// The wire path (without the version) of `template` called with `values`.
pub fn expected_path(template: &str, values: &[Value]) -> Result<String, OracleError> {
    let text = undecorate(template);
    let mut values = Values {
        all: values,
        next: 0,
    };
    let mut path = String::new();
    let mut rest = text.as_str();
    loop {
        let Some(at) = find_outside(rest, ":/")? else {
            plain_segments(rest, &mut values, &mut path)?;
            break;
        };
        plain_segments(&rest[..at], &mut values, &mut path)?;
        let after = &rest[at + 2..];
        let end = find_outside(after, ":")?.unwrap_or(after.len());
        colon_path(&after[..end], &mut values, &mut path)?;
        rest = after.get(end + 1..).unwrap_or("");
    }
    values.finish()?;
    Ok(path)
}

/// The arguments of the values passed so far, consumed in order.
struct Values<'a> {
    all: &'a [Value],
    next: usize,
}

impl Values<'_> {
    fn take(&mut self) -> Result<&Value, OracleError> {
        let value = self
            .all
            .get(self.next)
            .ok_or(OracleError::TooFewValues(self.all.len()))?;
        self.next += 1;
        Ok(value)
    }

    fn text(&mut self, place: &str) -> Result<String, OracleError> {
        match self.take()? {
            Value::Text(text) => Ok(text.clone()),
            other => Err(wrong_kind(place, "a text key", other)),
        }
    }

    fn finish(&self) -> Result<(), OracleError> {
        if self.next == self.all.len() {
            Ok(())
        } else {
            Err(OracleError::TooManyValues {
                passed: self.all.len(),
                used: self.next,
            })
        }
    }
}

fn wrong_kind(place: &str, wanted: &'static str, got: &Value) -> OracleError {
    OracleError::WrongKind {
        place: place.to_owned(),
        wanted,
        got: got.clone(),
    }
}

/// The template without host, version, doubled braces and outer slashes.
fn undecorate(template: &str) -> String {
    let mut text = template
        .trim()
        .replace("{{", "{")
        .replace("}}", "}")
        .replace("}$", "}/$");
    for host in ["https://graph.microsoft.com", "http://graph.microsoft.com"] {
        if let Some(rest) = text.strip_prefix(host) {
            text = rest.to_owned();
        }
    }
    let text = text.trim_matches('/');
    let text = ["v1.0/", "beta/"]
        .iter()
        .find_map(|v| text.strip_prefix(v))
        .unwrap_or(text);
    text.trim_end_matches('/').to_owned()
}

/// The first `needle` outside braces, brackets, parentheses and quotes.
fn find_outside(text: &str, needle: &str) -> Result<Option<usize>, OracleError> {
    let mut depth = 0i32;
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '{' | '(' | '<' if !quoted => depth += 1,
            '}' | ')' | '>' if !quoted => depth -= 1,
            _ if depth == 0 && !quoted && text[at..].starts_with(needle) => return Ok(Some(at)),
            _ => {}
        }
        if depth < 0 {
            return Err(OracleError::Unbalanced(text.to_owned()));
        }
    }
    Ok(None)
}

/// Segments between slashes (outside brackets), each rendered with its values.
fn plain_segments(text: &str, values: &mut Values, path: &mut String) -> Result<(), OracleError> {
    let mut rest = text.trim_matches('/');
    while !rest.is_empty() {
        let end = find_outside(rest, "/")?.unwrap_or(rest.len());
        segment(&rest[..end], values, path)?;
        rest = rest.get(end + 1..).unwrap_or("");
    }
    Ok(())
}

fn segment(text: &str, values: &mut Values, path: &mut String) -> Result<(), OracleError> {
    path.push('/');
    if is_placeholder(text) || is_example_key(text) {
        let key = values.text(text)?;
        path.push_str(&encode(&key));
    } else if let Some((name, args)) = function_call(text) {
        path.push_str(name);
        path.push('(');
        let mut rendered = Vec::new();
        for arg in split_arguments(args) {
            rendered.push(argument(arg.trim(), values)?);
        }
        path.push_str(&rendered.join(","));
        path.push(')');
    } else {
        path.push_str(text);
    }
    Ok(())
}

/// `:/a/b:` from the one value passed for the whole path.
fn colon_path(written: &str, values: &mut Values, path: &mut String) -> Result<(), OracleError> {
    let value = values.text(written)?;
    let parts: Vec<String> = value
        .split('/')
        .filter(|p| !p.is_empty())
        .map(encode)
        .collect();
    path.push_str(":/");
    path.push_str(&parts.join("/"));
    path.push(':');
    Ok(())
}

/// `{x}`, `<x>`, `(x)`, `'{x}'` as a whole segment.
fn is_placeholder(text: &str) -> bool {
    let text = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .unwrap_or(text);
    let pairs = [('{', '}'), ('<', '>'), ('(', ')')];
    pairs
        .iter()
        .any(|&(open, close)| text.starts_with(open) && text.ends_with(close) && text.len() > 2)
}

/// A GUID, 32 hex digits, or a host name written where a key goes.
fn is_example_key(text: &str) -> bool {
    let hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    let lengths: Vec<usize> = text.split('-').map(str::len).collect();
    let guid = lengths == [8, 4, 4, 4, 12] && hex(&text.replace('-', ""));
    let host = text.contains('.')
        && !text.starts_with("microsoft.")
        && text
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    guid || (text.len() == 32 && hex(text)) || host
}

/// `name(args)` → (`name`, `args`).
fn function_call(text: &str) -> Option<(&str, &str)> {
    let open = text.find('(')?;
    let args = text[open + 1..].strip_suffix(')')?;
    Some((&text[..open], args))
}

/// Arguments split at commas outside quotes; none for `()`.
fn split_arguments(args: &str) -> Vec<&str> {
    if args.trim().is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (at, c) in args.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&args[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&args[start..]);
    parts
}

/// `name=value` or a positional `value`, with the next value passed: a
/// string where the docs quote the argument, a number or raw token where not.
fn argument(written: &str, values: &mut Values) -> Result<String, OracleError> {
    let (name, value) = match written.split_once('=') {
        Some((name, value)) if !name.contains('\'') => (Some(name.trim()), value.trim()),
        _ => (None, written),
    };
    let quoted = value.starts_with('\'') && value.ends_with('\'') && value.len() >= 2;
    let rendered = match (quoted, values.take()?) {
        (true, Value::Str(text)) => format!("'{}'", encode(&text.replace('\'', "''"))),
        (false, Value::Int(n)) => n.to_string(),
        (false, Value::Raw(text)) => encode(text),
        (true, other) => return Err(wrong_kind(written, "a string", other)),
        (false, other) => return Err(wrong_kind(written, "a number or raw token", other)),
    };
    Ok(match name {
        Some(name) => format!("{name}={rendered}"),
        None => rendered,
    })
}

/// A sample argument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// For `by_id`/`by_path` (`impl AsRef<str>`).
    Text(String),
    /// `FunctionArg::Str`.
    Str(String),
    /// `FunctionArg::Int`.
    Int(i64),
    /// `FunctionArg::Raw`.
    Raw(String),
}

/// True when the client's `sent` path is the `documented` one as Graph reads
/// it: a literal segment or a function name may differ in ASCII case (the
/// client sends one spelling per segment, see `NAMING.md`), and an argument
/// written positionally may be sent by name (`range('A1')`,
/// `range(address='A1')`). Values, encoded, must match exactly.
pub fn same_path(documented: &str, sent: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) =
        (documented.split('/').collect(), sent.split('/').collect());
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| same_segment(x, y))
}

fn same_segment(documented: &str, sent: &str) -> bool {
    if documented == sent {
        return true;
    }
    match (documented.split_once('('), sent.split_once('(')) {
        (Some((f, x)), Some((g, y))) => {
            let args = |s: &str| -> Vec<String> {
                s.trim_end_matches(')')
                    .split(',')
                    .map(|a| unnamed(a).to_owned())
                    .collect()
            };
            f.eq_ignore_ascii_case(g) && args(x) == args(y)
        }
        (None, None) => {
            let plain = |s: &str| !s.contains(['%', '\'']);
            plain(documented) && plain(sent) && documented.eq_ignore_ascii_case(sent)
        }
        _ => false,
    }
}

/// `address='A1'` → `'A1'`: the value of a named argument.
fn unnamed(arg: &str) -> &str {
    match arg.split_once('=') {
        Some((name, value))
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            value
        }
        _ => arg,
    }
}

/// RFC 3986: everything but `A-Z a-z 0-9 - . _ ~` is percent-encoded (UTF-8).
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.to_owned())
    }

    fn str(s: &str) -> Value {
        Value::Str(s.to_owned())
    }

    #[test]
    fn keys_are_encoded_in_their_segment() {
        let path = expected_path(
            "/users/{id | userPrincipalName}/photo/$value",
            &[text("a/b?c#d")],
        );
        assert_eq!(path.unwrap(), "/users/a%2Fb%3Fc%23d/photo/$value");
        let path = expected_path(
            "https://graph.microsoft.com/beta/teams/(team-id)/channels/<id>/x/",
            &[text("x y%z"), text("é")],
        );
        assert_eq!(path.unwrap(), "/teams/x%20y%25z/channels/%C3%A9/x");
    }

    #[test]
    fn decoration_and_ref_segments() {
        let path = expected_path(
            "/v1.0/groups/{{id}}/owners/{id}$ref",
            &[text("g"), text("o")],
        );
        assert_eq!(path.unwrap(), "/groups/g/owners/o/$ref");
        let path = expected_path("/a/'{x}'", &[text("k")]);
        assert_eq!(path.unwrap(), "/a/k");
    }

    #[test]
    fn example_keys_take_a_value() {
        let path = expected_path(
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/members",
            &[text("c")],
        );
        assert_eq!(path.unwrap(), "/education/classes/c/members");
        let path = expected_path("/sites/contoso.sharepoint.com/lists", &[text("h")]);
        assert_eq!(path.unwrap(), "/sites/h/lists");
        let path = expected_path("/directory/microsoft.graph.user", &[]);
        assert_eq!(path.unwrap(), "/directory/microsoft.graph.user");
    }

    #[test]
    fn functions_take_one_value_per_argument() {
        let path = expected_path(
            "/reports/getOffice365ActiveUserDetail(period='{period_value}')",
            &[str("D'7")],
        );
        assert_eq!(
            path.unwrap(),
            "/reports/getOffice365ActiveUserDetail(period='D%27%277')"
        );
        let path = expected_path(
            "/a/image(width=640,height={h},fittingMode='fit')",
            &[Value::Int(1), Value::Int(2), str("crop")],
        );
        assert_eq!(
            path.unwrap(),
            "/a/image(width=1,height=2,fittingMode='crop')"
        );
        let path = expected_path("/a/range(<address>)/format", &[Value::Raw("A1:B2".into())]);
        assert_eq!(path.unwrap(), "/a/range(A1%3AB2)/format");
        let path = expected_path("/a/generateDownloadUri()", &[]);
        assert_eq!(path.unwrap(), "/a/generateDownloadUri()");
        let path = expected_path("/applications(appId='{appId}')/owners", &[str("x")]);
        assert_eq!(path.unwrap(), "/applications(appId='x')/owners");
    }

    #[test]
    fn colon_paths_take_the_whole_path() {
        let path = expected_path(
            "/me/drive/root:/{parent-path}/{filename}:/content",
            &[text("folder 1/a b.txt")],
        );
        assert_eq!(
            path.unwrap(),
            "/me/drive/root:/folder%201/a%20b.txt:/content"
        );
        let path = expected_path(
            "/sites/{hostname}:/{server-relative-path}",
            &[text("h"), text("/x/y")],
        );
        assert_eq!(path.unwrap(), "/sites/h:/x/y:");
        let path = expected_path(
            "/me/drive/items/{item-id}:/{filename}:/content",
            &[text("i"), text("f")],
        );
        assert_eq!(path.unwrap(), "/me/drive/items/i:/f:/content");
    }

    #[test]
    fn segments_compare_as_graph_reads_them() {
        assert!(same_path(
            "/me/calendargroups/a%2Fb",
            "/me/calendarGroups/a%2Fb"
        ));
        assert!(same_path("/w/range('A1')", "/w/Range(address='A1')"));
        assert!(!same_path("/me/x/a%2Fb", "/me/x/a%2fb"), "values are exact");
        assert!(!same_path("/w/range('A1')", "/w/range('A2')"));
        assert!(!same_path("/me/a", "/me/a/b"));
    }

    #[test]
    fn a_disagreement_is_an_error() {
        assert_eq!(
            expected_path("/users/{id}/events/{id}", &[text("u")]),
            Err(OracleError::TooFewValues(1))
        );
        assert_eq!(
            expected_path("/users/{id}", &[text("u"), text("v")]),
            Err(OracleError::TooManyValues { passed: 2, used: 1 })
        );
        assert!(matches!(
            expected_path("/r/f(date='{d}')", &[Value::Int(1)]),
            Err(OracleError::WrongKind { .. })
        ));
        assert!(matches!(
            expected_path("/users/{id}", &[str("u")]),
            Err(OracleError::WrongKind { .. })
        ));
    }
}
