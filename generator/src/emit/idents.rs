//! Identifiers from names settled by lowering.

use proc_macro2::Ident;

use super::error::EmitError;

/// Parses a name settled by lowering into an identifier (`r#type` included).
pub(crate) fn ident(name: &str, context: impl FnOnce() -> String) -> Result<Ident, EmitError> {
    if let Some(ident) = plain_ident(name) {
        return Ok(ident);
    }
    syn::parse_str::<Ident>(name).map_err(|_| EmitError::Ident {
        name: name.to_owned(),
        context: context(),
    })
}

/// Words syn's `Ident` parser refuses (keywords, `_`), and a few more: such
/// a name is left to the parser, which decides as it always did.
const PARSER_DECIDES: &[&str] = &[
    "_",
    "abstract",
    "as",
    "async",
    "auto",
    "await",
    "become",
    "box",
    "break",
    "const",
    "continue",
    "crate",
    "default",
    "do",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "final",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "macro",
    "macro_rules",
    "match",
    "mod",
    "move",
    "mut",
    "override",
    "priv",
    "pub",
    "raw",
    "ref",
    "return",
    "safe",
    "Self",
    "self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "try",
    "type",
    "typeof",
    "union",
    "unsafe",
    "unsized",
    "use",
    "virtual",
    "where",
    "while",
    "yield",
];

/// The identifier of an ASCII word (raw or not) that is no keyword, made
/// without running the lexer: nearly every name, and the same `Ident` the
/// parser gives. Anything else is `None`, for the parser.
fn plain_ident(name: &str) -> Option<Ident> {
    let (raw, word) = match name.strip_prefix("r#") {
        Some(word) => (true, word),
        None => (false, name),
    };
    let mut bytes = word.bytes();
    let first = bytes.next()?;
    let plain = (first.is_ascii_alphabetic() || first == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !PARSER_DECIDES.contains(&word);
    let span = proc_macro2::Span::call_site();
    plain.then(|| match raw {
        true => Ident::new_raw(word, span),
        false => Ident::new(word, span),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_what_the_parser_makes_of_the_name() {
        let names = [
            "get", "by_id", "_x", "X1", "r#foo", "r#type", "type", "_", "1x", "", "a-b", "é",
            "self", "r#self", "Self", "union", "gen", "r#", "r#1",
        ];
        for name in names {
            let made = ident(name, String::new).map(|i| i.to_string()).ok();
            let parsed = syn::parse_str::<Ident>(name).map(|i| i.to_string()).ok();
            assert_eq!(made, parsed, "{name:?}");
        }
        assert!(plain_ident("by_id").is_some() && plain_ident("r#foo").is_some());
    }
}
