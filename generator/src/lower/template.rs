//! Path templates as the docs write them → a list of [`Piece`]s.
//!
//! Normalizations (each keeps the documented request working):
//! - `https://graph.microsoft.com`, a leading `/v1.0` or `/beta`, surrounding
//!   spaces and trailing `/` are dropped; a missing leading `/` is added;
//! - `{{x}}` is `{x}`; `<x>`, `(x)` and `'{x}'` as a whole segment are
//!   placeholders; `{x}$ref` is `{x}/$ref`;
//! - a literal segment that is an example key (a GUID, 32 hex digits, or a
//!   dotted name outside `microsoft.*` such as `contoso.com`) is a placeholder;
//! - colon addressing without a closing colon (`/sites/{hostname}:/{path}`)
//!   is closed (`:/{path}:`), the form that also allows further segments.
//!
//! Refused, with a reason: `...` segments, empty segments inside the path,
//! alternate-key segments (`roleTemplateId={x}`), text mixed with a
//! placeholder inside one segment, and anything else outside the shapes above.

use std::fmt;

/// One segment of a parsed template, still as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// A fixed segment: `deviceImages`, `$value`, `microsoft.graph.user`.
    Literal(String),
    /// A caller-supplied key: the placeholder as written (`{id | userPrincipalName}`).
    Key(String),
    /// An OData function call.
    Function { name: String, args: Vec<Arg> },
    /// Colon addressing: the template between `:/` and `:` (`{parent-path}/{filename}`).
    ColonPath(String),
}

/// One argument of a function call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The name as written; empty for a positional argument.
    pub name: String,
    /// The name of the method parameter (the placeholder's name when positional).
    pub param: String,
    pub value: ArgValue,
}

/// An argument value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgValue {
    /// `'{period_value}'`: a string the caller supplies.
    QuotedParam(String),
    /// `{row}` or `<x>`: an unquoted value the caller supplies.
    Param(String),
    /// `'D7'`: an example string.
    QuotedLiteral(String),
    /// `640`: an example number.
    Int(i64),
    /// `2017-09-01`, `includePersonalNotebooks-value`: an example written unquoted.
    Raw(String),
}

impl fmt::Display for ArgValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgValue::QuotedParam(p) | ArgValue::QuotedLiteral(p) => write!(f, "'{p}'"),
            ArgValue::Param(p) | ArgValue::Raw(p) => f.write_str(p),
            ArgValue::Int(n) => write!(f, "{n}"),
        }
    }
}

/// Why a template cannot be represented.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("empty path")]
    Empty,
    #[error("`...` stands for elided segments; the path cannot be called as written")]
    Ellipsis,
    #[error("empty segment inside the path")]
    EmptySegment,
    #[error("unbalanced brackets or quotes")]
    Unbalanced,
    #[error("alternate-key segment `{0}` is not supported")]
    AlternateKey(String),
    #[error("colon addressing `{0}` without a path")]
    EmptyColonPath(String),
    #[error("function call `{0}` cannot be read")]
    BadFunction(String),
    #[error("segment `{0}` mixes text and placeholders or holds unusable characters")]
    BadSegment(String),
    #[error("the first segment `{0}` is not a plain name")]
    NoArea(String),
}

/// Parses one path template.
pub fn parse(raw: &str) -> Result<Vec<Piece>, TemplateError> {
    let text = normalize(raw);
    if text.is_empty() {
        return Err(TemplateError::Empty);
    }
    let segments = split(&text)?;
    let pieces = group_colons(&segments)?;
    match pieces.first() {
        Some(Piece::Literal(first)) if !first.starts_with('$') && !first.contains('.') => {
            Ok(pieces)
        }
        Some(Piece::Function { name, .. }) if !name.contains('.') => Ok(pieces),
        Some(other) => Err(TemplateError::NoArea(render(std::slice::from_ref(other)))),
        None => Err(TemplateError::Empty),
    }
}

/// Writes pieces back as a template (`/a/{id}/f(x='{x}')/root:/{p}:`).
pub fn render(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(text) | Piece::Key(text) => {
                out.push('/');
                out.push_str(text);
            }
            Piece::Function { name, args } => {
                out.push('/');
                out.push_str(name);
                out.push('(');
                let args: Vec<String> = args.iter().map(render_arg).collect();
                out.push_str(&args.join(","));
                out.push(')');
            }
            Piece::ColonPath(text) => {
                out.push_str(":/");
                out.push_str(text);
                out.push(':');
            }
        }
    }
    out
}

fn render_arg(arg: &Arg) -> String {
    if arg.name.is_empty() {
        arg.value.to_string()
    } else {
        format!("{}={}", arg.name, arg.value)
    }
}

/// Text-level clean-up: prefix, version, braces, slashes.
fn normalize(raw: &str) -> String {
    let mut text = raw.trim().replace("{{", "{").replace("}}", "}");
    text = text.replace("}$", "}/$");
    for prefix in ["https://graph.microsoft.com", "http://graph.microsoft.com"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.to_owned();
        }
    }
    let mut text = text.trim_start_matches('/').to_owned();
    for version in ["v1.0/", "beta/"] {
        if let Some(rest) = text.strip_prefix(version) {
            text = rest.to_owned();
        }
    }
    text.trim_end_matches('/').to_owned()
}

/// Splits at `/` outside brackets and quotes.
fn split(text: &str) -> Result<Vec<String>, TemplateError> {
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '\'' => quoted = !quoted,
            '{' | '(' if !quoted => depth += 1,
            '}' | ')' if !quoted => depth -= 1,
            '/' if depth == 0 && !quoted => {
                segments.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        if depth < 0 {
            return Err(TemplateError::Unbalanced);
        }
        current.push(c);
    }
    if depth != 0 || quoted {
        return Err(TemplateError::Unbalanced);
    }
    segments.push(current);
    Ok(segments)
}

/// Turns `x:` + following segments up to one ending in `:` into a colon path.
fn group_colons(segments: &[String]) -> Result<Vec<Piece>, TemplateError> {
    let mut pieces = Vec::new();
    let mut rest = segments.iter();
    while let Some(segment) = rest.next() {
        let Some(head) = colon_head(segment) else {
            pieces.push(classify(segment)?);
            continue;
        };
        pieces.push(classify(head)?);
        let mut parts = Vec::new();
        for part in rest.by_ref() {
            if let Some(last) = part.strip_suffix(':') {
                parts.push(last);
                break;
            }
            parts.push(part);
        }
        let content = parts.join("/");
        if content.is_empty() || parts.iter().any(|p| p.is_empty()) {
            return Err(TemplateError::EmptyColonPath(segment.clone()));
        }
        pieces.push(Piece::ColonPath(content));
    }
    Ok(pieces)
}

/// `root:` → `root`; `{item-id}:` → `{item-id}`.
fn colon_head(segment: &str) -> Option<&str> {
    let head = segment.strip_suffix(':')?;
    (!head.ends_with(')') && !head.is_empty()).then_some(head)
}

fn classify(segment: &str) -> Result<Piece, TemplateError> {
    let bad = || TemplateError::BadSegment(segment.to_owned());
    if segment.is_empty() {
        return Err(TemplateError::EmptySegment);
    }
    if segment == "..." || segment == ".." || segment == "…" {
        return Err(TemplateError::Ellipsis);
    }
    if let Some(key) = placeholder(segment) {
        return Ok(Piece::Key(key.to_owned()));
    }
    if let Some(inner) = segment
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
    {
        return placeholder(inner)
            .map(|p| Piece::Key(p.to_owned()))
            .ok_or_else(bad);
    }
    if segment.ends_with(')') {
        return function(segment);
    }
    if segment.contains('=') {
        return Err(TemplateError::AlternateKey(segment.to_owned()));
    }
    if is_example_key(segment) {
        return Ok(Piece::Key(segment.to_owned()));
    }
    if is_literal(segment) {
        return Ok(Piece::Literal(segment.to_owned()));
    }
    Err(bad())
}

/// `{x}`, `<x>` and a whole-segment `(x)`, with a non-empty name.
fn placeholder(segment: &str) -> Option<&str> {
    let inner = [('{', '}'), ('<', '>'), ('(', ')')]
        .iter()
        .find_map(|(open, close)| segment.strip_prefix(*open)?.strip_suffix(*close))?;
    let ok = !inner.trim().is_empty() && !inner.contains(['{', '}', '<', '>', '(', ')', '/', '\'']);
    ok.then_some(segment)
}

/// `deviceImages`, `$value`, `microsoft.graph.user`.
fn is_literal(segment: &str) -> bool {
    let body = segment.strip_prefix('$').unwrap_or(segment);
    let word = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if segment.starts_with("microsoft.") {
        return segment.split('.').all(word);
    }
    word(body)
}

/// A GUID, 32 hex digits, or a dotted name like `contoso.sharepoint.com`.
fn is_example_key(segment: &str) -> bool {
    let hex = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_hexdigit());
    let parts: Vec<&str> = segment.split('-').collect();
    let guid = parts.len() == 5
        && [8, 4, 4, 4, 12]
            .iter()
            .zip(&parts)
            .all(|(n, part)| hex(part, *n));
    let dotted = segment.contains('.')
        && !segment.starts_with("microsoft.")
        && segment
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    guid || hex(segment, 32) || dotted
}

/// `name(a='{x}',b=5)`, `name()`, `name(<x>)`.
fn function(segment: &str) -> Result<Piece, TemplateError> {
    let bad = || TemplateError::BadFunction(segment.to_owned());
    let (name, rest) = segment.split_once('(').ok_or_else(bad)?;
    let inner = rest.strip_suffix(')').ok_or_else(bad)?;
    let name_ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if !name_ok {
        return Err(bad());
    }
    let mut args = Vec::new();
    if !inner.trim().is_empty() {
        for text in split_args(inner) {
            args.push(argument(text.trim()).ok_or_else(bad)?);
        }
    }
    Ok(Piece::Function {
        name: name.to_owned(),
        args,
    })
}

/// Splits at commas outside quotes.
fn split_args(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

fn argument(text: &str) -> Option<Arg> {
    let (name, value) = match text.split_once('=') {
        Some((name, value)) if !name.contains('\'') => (name.trim(), value.trim()),
        _ => ("", text),
    };
    let value = arg_value(value)?;
    let param = match (&value, name) {
        (ArgValue::Param(p) | ArgValue::QuotedParam(p), "") => placeholder_name(p).to_owned(),
        (_, "") => return None,
        (_, name) => name.to_owned(),
    };
    let ident_ok = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    (ident_ok(name) || name.is_empty()).then_some(Arg {
        name: name.to_owned(),
        param,
        value,
    })
}

fn arg_value(value: &str) -> Option<ArgValue> {
    if value.is_empty() || value.contains('/') {
        return None;
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return Some(match placeholder(inner) {
            Some(p) => ArgValue::QuotedParam(p.to_owned()),
            None => ArgValue::QuotedLiteral(inner.to_owned()),
        });
    }
    if let Some(p) = placeholder(value) {
        return Some(ArgValue::Param(p.to_owned()));
    }
    Some(match value.parse::<i64>() {
        Ok(n) => ArgValue::Int(n),
        Err(_) => ArgValue::Raw(value.to_owned()),
    })
}

/// `{id | userPrincipalName}` → `id | userPrincipalName`.
pub fn placeholder_name(written: &str) -> &str {
    let inner = written
        .get(1..written.len().saturating_sub(1))
        .unwrap_or(written);
    inner.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Piece {
        Piece::Literal(s.to_owned())
    }
    fn key(s: &str) -> Piece {
        Piece::Key(s.to_owned())
    }

    #[test]
    fn plain_paths() {
        let pieces =
            parse("/deviceManagement/virtualEndpoint/deviceImages/{cloudPcDeviceImageId}/reupload")
                .unwrap();
        assert_eq!(
            pieces,
            [
                lit("deviceManagement"),
                lit("virtualEndpoint"),
                lit("deviceImages"),
                key("{cloudPcDeviceImageId}"),
                lit("reupload")
            ]
        );
    }

    #[test]
    fn slashes_versions_and_double_braces() {
        let want = [lit("users"), key("{id}"), lit("events")];
        assert_eq!(parse("users/{id}/events/").unwrap(), want);
        assert_eq!(parse(" /beta/users/{{id}}/events ").unwrap(), want);
        assert_eq!(
            parse("https://graph.microsoft.com/v1.0/users/{id}/events").unwrap(),
            want
        );
    }

    #[test]
    fn alternatives_and_odd_placeholders() {
        assert_eq!(
            parse("/users/{id | userPrincipalName}").unwrap()[1],
            key("{id | userPrincipalName}")
        );
        assert_eq!(
            parse("/teams/(team-id)/channels").unwrap()[1],
            key("(team-id)")
        );
        assert_eq!(parse("/a/<resourceId>/b").unwrap()[1], key("<resourceId>"));
        assert_eq!(parse("/a/'{x}'").unwrap()[1], key("{x}"));
        assert_eq!(
            parse("/a/{path and filename}").unwrap()[1],
            key("{path and filename}")
        );
    }

    #[test]
    fn example_keys_become_placeholders() {
        let pieces = parse("/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/x").unwrap();
        assert_eq!(pieces[2], key("acdefc6b-2dc6-4e71-b1e9-6d9810ab1793"));
        assert_eq!(
            parse("/sites/contoso.sharepoint.com").unwrap()[1],
            key("contoso.sharepoint.com")
        );
        assert_eq!(
            parse("/a/2192ca408ea2410eba3bec8ae873be6b").unwrap()[1],
            key("2192ca408ea2410eba3bec8ae873be6b")
        );
    }

    #[test]
    fn special_segments_and_casts() {
        let pieces = parse("/servicePrincipals/{id}/owners/{id}$ref").unwrap();
        assert_eq!(pieces.last(), Some(&lit("$ref")));
        let pieces = parse("/me/photo/$value").unwrap();
        assert_eq!(pieces[2], lit("$value"));
        let pieces =
            parse("/deviceManagement/x/{id}/microsoft.graph.windowsDomainJoinConfiguration/y")
                .unwrap();
        assert_eq!(
            pieces[3],
            lit("microsoft.graph.windowsDomainJoinConfiguration")
        );
    }

    #[test]
    fn functions() {
        let pieces =
            parse("/reports/getOffice365ActiveUserDetail(period='{period_value}')").unwrap();
        let Piece::Function { name, args } = &pieces[1] else {
            panic!("{pieces:?}")
        };
        assert_eq!(name, "getOffice365ActiveUserDetail");
        assert_eq!(args[0].name, "period");
        assert_eq!(
            args[0].value,
            ArgValue::QuotedParam("{period_value}".into())
        );

        let pieces = parse("/a/image(width=640,height=480,fittingMode='fit')").unwrap();
        let Piece::Function { args, .. } = &pieces[1] else {
            panic!()
        };
        let values: Vec<_> = args.iter().map(|a| a.value.clone()).collect();
        assert_eq!(
            values,
            [
                ArgValue::Int(640),
                ArgValue::Int(480),
                ArgValue::QuotedLiteral("fit".into())
            ]
        );

        let pieces = parse("/a/range(<address>)/format").unwrap();
        let Piece::Function { args, .. } = &pieces[1] else {
            panic!()
        };
        assert_eq!(
            (args[0].name.as_str(), args[0].param.as_str()),
            ("", "address")
        );

        let pieces = parse("/a/resizedRange(deltaRows={r}, deltaColumns={c})").unwrap();
        let Piece::Function { args, .. } = &pieces[1] else {
            panic!()
        };
        assert_eq!(args[1].name, "deltaColumns");
        assert_eq!(args[1].value, ArgValue::Param("{c}".into()));

        let pieces = parse("/a/generateDownloadUri()").unwrap();
        assert_eq!(
            pieces[1],
            Piece::Function {
                name: "generateDownloadUri".into(),
                args: vec![]
            }
        );

        let pieces = parse("/r/getTeamsUserActivityUserDetail(date=2017-09-01)").unwrap();
        let Piece::Function { args, .. } = &pieces[1] else {
            panic!()
        };
        assert_eq!(args[0].value, ArgValue::Raw("2017-09-01".into()));
    }

    #[test]
    fn alternate_keys_are_function_calls() {
        let pieces = parse("/applications(appId='{appId}')/owners/{id}/$ref").unwrap();
        let Piece::Function { name, args } = &pieces[0] else {
            panic!("{pieces:?}")
        };
        assert_eq!(
            (name.as_str(), args[0].name.as_str()),
            ("applications", "appId")
        );
        let pieces = parse("/a/{id}/learningContents(externalId='{externalId}')").unwrap();
        assert!(matches!(&pieces[2], Piece::Function { name, .. } if name == "learningContents"));
    }

    #[test]
    fn colon_paths() {
        let pieces = parse("/me/drive/root:/{item-path}:/workbook").unwrap();
        assert_eq!(
            pieces,
            [
                lit("me"),
                lit("drive"),
                lit("root"),
                Piece::ColonPath("{item-path}".into()),
                lit("workbook")
            ]
        );
        let pieces = parse("/me/drive/root:/{parent-path}/{filename}:/content").unwrap();
        assert_eq!(
            pieces[3],
            Piece::ColonPath("{parent-path}/{filename}".into())
        );
        let pieces = parse("/sites/{hostname}:/{server-relative-path}").unwrap();
        assert_eq!(
            pieces[1..],
            [
                key("{hostname}"),
                Piece::ColonPath("{server-relative-path}".into())
            ]
        );
        assert_eq!(
            render(&pieces),
            "/sites/{hostname}:/{server-relative-path}:"
        );
        let pieces = parse("/me/drive/items/{item-id}:/{filename}:/content").unwrap();
        assert_eq!(pieces[4], Piece::ColonPath("{filename}".into()));
        let pieces = parse("/drive/root:/{path and filename}:/content").unwrap();
        assert_eq!(pieces[2], Piece::ColonPath("{path and filename}".into()));
    }

    #[test]
    fn refusals() {
        assert_eq!(
            parse("/me/mailFolders/{id}/childFolders/{id}/.../messages"),
            Err(TemplateError::Ellipsis)
        );
        assert_eq!(parse(""), Err(TemplateError::Empty));
        assert_eq!(parse("/me//messages"), Err(TemplateError::EmptySegment));
        assert!(matches!(
            parse("/directoryRoles/roleTemplateId={x}"),
            Err(TemplateError::AlternateKey(_))
        ));
        assert!(matches!(
            parse("/a/range(address='x'"),
            Err(TemplateError::Unbalanced)
        ));
        assert!(matches!(
            parse("/a/tables/$/add"),
            Err(TemplateError::BadSegment(_))
        ));
        assert!(matches!(parse("/{id}/x"), Err(TemplateError::NoArea(_))));
        assert!(matches!(
            parse("/microsoft.graph.x/y"),
            Err(TemplateError::NoArea(_))
        ));
        assert!(matches!(
            parse("/a/b{x}"),
            Err(TemplateError::BadSegment(_))
        ));
        assert!(matches!(
            parse("/me/drive/root:"),
            Err(TemplateError::BadSegment(_)) | Err(TemplateError::EmptyColonPath(_))
        ));
    }

    #[test]
    fn render_round_trips() {
        for t in [
            "/a/{id}/b",
            "/a/f(x='{x}',y=3)/g",
            "/me/drive/root:/{p}:/content",
            "/a/range(<address>)",
        ] {
            assert_eq!(render(&parse(t).unwrap()), t);
        }
    }
}
