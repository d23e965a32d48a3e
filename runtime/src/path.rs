//! API version, request path and OData function arguments.

use std::fmt;

use crate::encode;

/// The Microsoft Graph API version a request targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    /// `v1.0`, the stable API.
    V1_0,
    /// `beta`, the preview API.
    Beta,
}

impl ApiVersion {
    /// The version as written in URLs: `"v1.0"` or `"beta"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An encoded request path below the version, built segment by segment.
///
/// Caller-supplied values (keys, colon paths, function arguments) are always
/// percent-encoded, so they cannot add segments, a query or a fragment.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RequestPath {
    version: ApiVersion,
    path: String,
    /// The path with every caller-supplied value as `{}`: what traces name
    /// (ids and user principal names stay out of logs).
    template: String,
    unsendable_key: bool,
}

impl RequestPath {
    /// An empty path for `version`.
    pub fn new(version: ApiVersion) -> Self {
        RequestPath {
            version,
            path: String::new(),
            template: String::new(),
            unsendable_key: false,
        }
    }

    /// Appends `/` and `literal` as-is. The generator only passes safe ASCII
    /// (letters, digits and `$ . : ' ( ) = , - _`); a literal with anything
    /// else (`/ ? # %`, space), or that is empty, `.` or `..`, makes the
    /// request unsendable ([`crate::Error::InvalidRequest`] at send time).
    pub fn segment(mut self, literal: &'static str) -> Self {
        self.unsendable_key |= !is_safe_literal(literal);
        self.path.push('/');
        self.path.push_str(literal);
        self.template.push('/');
        self.template.push_str(literal);
        self
    }

    /// Appends `/` and `value` percent-encoded as exactly one segment.
    ///
    /// A value of `.` or `..` is written `%2E` / `%2E%2E`; since URL parsers
    /// treat those as dot segments, such a request is refused at send time
    /// with [`crate::Error::InvalidRequest`], and so is an empty value
    /// (`/users/` would address the collection).
    pub fn key(mut self, value: impl AsRef<str>) -> Self {
        let value = value.as_ref();
        self.unsendable_key |= value.is_empty();
        self.path.push('/');
        self.push_part(value);
        self.template.push_str("/{}");
        self
    }

    /// Appends an OData function call `/name(a1=v1,a2=v2)`, or `/name()`
    /// without arguments. An argument with an empty name is positional:
    /// only its value is written (`/range('A1')`).
    pub fn function(mut self, name: &'static str, args: &[(&'static str, FunctionArg)]) -> Self {
        self.unsendable_key |= !is_safe_literal(name)
            || args
                .iter()
                .any(|(arg, _)| !arg.is_empty() && !is_safe_literal(arg));
        self.path.push('/');
        self.path.push_str(name);
        self.path.push('(');
        for (index, (arg_name, value)) in args.iter().enumerate() {
            if index > 0 {
                self.path.push(',');
            }
            if !arg_name.is_empty() {
                self.path.push_str(arg_name);
                self.path.push('=');
            }
            value.write_to(&mut self.path);
        }
        self.path.push(')');
        let args = if args.is_empty() { "" } else { "{}" };
        self.template.push_str(&format!("/{name}({args})"));
        self
    }

    /// Appends OData colon addressing `:/part/part:` right after the previous
    /// segment. Each `/`-separated part of `value` is percent-encoded as one
    /// segment; empty parts (and so a leading `/`) are dropped.
    ///
    /// `segment("root").colon_path("a b/c.txt")` gives `/root:/a%20b/c.txt:`.
    pub fn colon_path(mut self, value: impl AsRef<str>) -> Self {
        self.path.push_str(":/");
        let parts = value.as_ref().split('/').filter(|part| !part.is_empty());
        for (index, part) in parts.enumerate() {
            if index > 0 {
                self.path.push('/');
            }
            self.push_part(part);
        }
        self.path.push(':');
        self.template.push_str(":/{}:");
        self
    }

    /// The API version.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The encoded path without the version, e.g. `/users/abc/manager`.
    pub fn as_str(&self) -> &str {
        &self.path
    }

    /// The path with every key, colon path and function argument as `{}`,
    /// version included: `/v1.0/users/{}/manager`.
    pub fn template(&self) -> String {
        format!("/{}{}", self.version, self.template)
    }

    /// True when a key was empty, a key or colon-path part was exactly `.`
    /// or `..`, or a literal was not safe ASCII: sending such a path would
    /// address another resource.
    pub(crate) fn has_unsendable_key(&self) -> bool {
        self.unsendable_key
    }

    fn push_part(&mut self, value: &str) {
        match value {
            "." => {
                self.unsendable_key = true;
                self.path.push_str("%2E");
            }
            ".." => {
                self.unsendable_key = true;
                self.path.push_str("%2E%2E");
            }
            _ => self.path.push_str(&encode::segment(value)),
        }
    }
}

impl fmt::Display for RequestPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}{}", self.version, self.path)
    }
}

/// A literal the URL parser keeps as one segment, unchanged.
fn is_safe_literal(literal: &str) -> bool {
    !matches!(literal, "" | "." | "..")
        && literal
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"$.:'()=,-_".contains(&b))
}

/// One argument value of an OData function call in a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FunctionArg {
    /// A string literal: written `'...'` with `'` doubled, the content
    /// percent-encoded (so `/ ? # % ' , ( )`, space and non-ASCII cannot
    /// escape the argument).
    Str(String),
    /// An integer, written as-is.
    Int(i64),
    /// A boolean, written `true` / `false`.
    Bool(bool),
    /// A value written without quotes (enum members, dates), percent-encoded.
    Raw(String),
}

impl FunctionArg {
    fn write_to(&self, out: &mut String) {
        match self {
            FunctionArg::Str(value) => {
                out.push('\'');
                out.push_str(&encode::segment(&value.replace('\'', "''")));
                out.push('\'');
            }
            FunctionArg::Int(value) => out.push_str(&value.to_string()),
            FunctionArg::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            FunctionArg::Raw(value) => out.push_str(&encode::segment(value)),
        }
    }
}

impl From<&str> for FunctionArg {
    fn from(value: &str) -> Self {
        FunctionArg::Str(value.to_owned())
    }
}

impl From<String> for FunctionArg {
    fn from(value: String) -> Self {
        FunctionArg::Str(value)
    }
}

impl From<&String> for FunctionArg {
    fn from(value: &String) -> Self {
        FunctionArg::Str(value.clone())
    }
}

impl From<i64> for FunctionArg {
    fn from(value: i64) -> Self {
        FunctionArg::Int(value)
    }
}

impl From<i32> for FunctionArg {
    fn from(value: i32) -> Self {
        FunctionArg::Int(i64::from(value))
    }
}

impl From<bool> for FunctionArg {
    fn from(value: bool) -> Self {
        FunctionArg::Bool(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> RequestPath {
        RequestPath::new(ApiVersion::V1_0)
    }

    #[test]
    fn versions() {
        assert_eq!(ApiVersion::V1_0.as_str(), "v1.0");
        assert_eq!(ApiVersion::Beta.to_string(), "beta");
        assert_eq!(root().segment("me").to_string(), "/v1.0/me");
    }

    #[test]
    fn segments_and_keys() {
        let path = root()
            .segment("deviceManagement")
            .segment("virtualEndpoint")
            .segment("deviceImages")
            .key("abc")
            .segment("reupload");
        assert_eq!(
            path.as_str(),
            "/deviceManagement/virtualEndpoint/deviceImages/abc/reupload"
        );
        assert_eq!(path.version(), ApiVersion::V1_0);
        assert!(!path.has_unsendable_key());
    }

    #[test]
    fn hostile_keys_stay_one_segment() {
        let cases = [
            ("../", "/u/..%2F"),
            ("a/b", "/u/a%2Fb"),
            ("?x=1", "/u/%3Fx%3D1"),
            ("#frag", "/u/%23frag"),
            ("a b", "/u/a%20b"),
            ("100%", "/u/100%25"),
            ("Zoë", "/u/Zo%C3%AB"),
            ("user@contoso.com", "/u/user%40contoso.com"),
        ];
        for (value, expected) in cases {
            assert_eq!(root().segment("u").key(value).as_str(), expected, "{value}");
        }
    }

    #[test]
    fn dot_keys_are_encoded_and_flagged() {
        let one = root().segment("u").key(".");
        assert_eq!(one.as_str(), "/u/%2E");
        assert!(one.has_unsendable_key());
        let two = root().segment("u").key("..");
        assert_eq!(two.as_str(), "/u/%2E%2E");
        assert!(two.has_unsendable_key());
        assert!(!root().key("...").has_unsendable_key());
        let empty = root().segment("u").key("");
        assert_eq!(empty.as_str(), "/u/");
        assert!(empty.has_unsendable_key());
    }

    #[test]
    fn unsafe_literals_make_the_path_unsendable() {
        let v1 = || RequestPath::new(ApiVersion::V1_0);
        for literal in ["", ".", "..", "a/b", "a?b", "a#b", "a%2F", "a b", "é"] {
            assert!(v1().segment(literal).has_unsendable_key(), "{literal:?}");
            assert!(
                v1().function(literal, &[]).has_unsendable_key(),
                "{literal:?}"
            );
        }
        let arg = [("a/b", FunctionArg::Int(1))];
        assert!(v1().function("f", &arg).has_unsendable_key());
        let fine = v1()
            .segment("$value")
            .segment("microsoft.graph.user")
            .function("range", &[("", "A1".into()), ("x_y-z", 1i64.into())]);
        assert!(!fine.has_unsendable_key());
    }

    #[test]
    fn functions() {
        assert_eq!(root().function("delta", &[]).as_str(), "/delta()");
        let path = root().function(
            "getReport",
            &[
                ("period", "D7".into()),
                ("top", 5i32.into()),
                ("all", true.into()),
                ("since", FunctionArg::Raw("2021-01-01".into())),
            ],
        );
        assert_eq!(
            path.as_str(),
            "/getReport(period='D7',top=5,all=true,since=2021-01-01)"
        );
        let positional = root().function("range", &[("", "A1:B2".into())]);
        assert_eq!(positional.as_str(), "/range('A1%3AB2')");
    }

    #[test]
    fn hostile_function_args() {
        let path = root().function(
            "f",
            &[
                ("s", "it's a/b?c#d,e)f%".into()),
                ("r", FunctionArg::Raw("x),y=(/z".into())),
                ("n", FunctionArg::Int(-3)),
            ],
        );
        assert_eq!(
            path.as_str(),
            "/f(s='it%27%27s%20a%2Fb%3Fc%23d%2Ce%29f%25',r=x%29%2Cy%3D%28%2Fz,n=-3)"
        );
    }

    #[test]
    fn colon_paths() {
        let path = root().segment("root").colon_path("a b/c.txt");
        assert_eq!(path.as_str(), "/root:/a%20b/c.txt:");
        let path = root()
            .segment("root")
            .colon_path("/x//y/")
            .segment("children");
        assert_eq!(path.as_str(), "/root:/x/y:/children");
        let path = root().segment("root").colon_path("a/../b?#%");
        assert_eq!(path.as_str(), "/root:/a/%2E%2E/b%3F%23%25:");
        assert!(path.has_unsendable_key());
    }
}
