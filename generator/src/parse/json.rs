//! JSON blocks as the docs write them: trailing commas, `&quot;`, comments
//! and `...` ellipses are common.

use std::sync::OnceLock;

use regex::Regex;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::type_names::type_of_text;
use crate::ir::page::{Primitive, TypeRef};

/// Parses strictly, then after removing trailing commas and `&quot;`.
pub fn parse_lenient(text: &str) -> Result<Value, String> {
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(strict) => {
            let repaired = repair(text, Keys::AsWritten);
            serde_json::from_str(&repaired).map_err(|_| strict.to_string())
        }
    }
}

/// An annotation's JSON object (`{ "blockType": ... }`) read as `T`, parsed
/// strictly, then after the repairs of [`parse_lenient`] and quoting bare
/// keys (`isCollection: true`), which annotations often have and JSON blocks
/// never need.
pub(crate) fn parse_annotation<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text)
        .or_else(|_| serde_json::from_str(&repair(text, Keys::QuoteBare)))
        .ok()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Keys {
    AsWritten,
    QuoteBare,
}

/// The text stops inside a value (an object or string never closed), as
/// opposed to holding junk: what an unclosed brace or a cut page gives.
fn is_unterminated(text: &str) -> bool {
    serde_json::from_str::<Value>(&repair(text, Keys::AsWritten)).is_err_and(|e| e.is_eof())
}

/// [`is_unterminated`] for a text that [`parse_lenient`] has read (`parsed`)
/// or not, without parsing it again where the answer is known: a text read
/// after repair reads the same way here, and a strict JSON text still reads
/// once repaired, as a trailing comma can only sit inside one of its strings,
/// unless the repair's unquoting of `&quot;` opens a string.
pub fn is_unterminated_after(text: &str, parsed: bool) -> bool {
    if parsed && !text.contains("&quot;") {
        return false;
    }
    is_unterminated(text)
}

/// The one repairer of the docs' JSON slips: `&quot;` for `"`, trailing
/// commas, and (for annotations) bare keys.
fn repair(text: &str, keys: Keys) -> String {
    static TRAILING: OnceLock<Regex> = OnceLock::new();
    static BARE_KEY: OnceLock<Regex> = OnceLock::new();
    let trailing = TRAILING.get_or_init(|| Regex::new(r",(\s*[}\]])").expect("valid regex"));
    let unescaped = text.replace("&quot;", "\"");
    let repaired = trailing.replace_all(&unescaped, "$1");
    if keys == Keys::AsWritten {
        return repaired.into_owned();
    }
    let bare_key = BARE_KEY
        .get_or_init(|| Regex::new(r#"([{,]\s*)([A-Za-z@][\w.@]*)\s*:"#).expect("valid regex"));
    bare_key.replace_all(&repaired, "$1\"$2\":").into_owned()
}

/// The type a JSON representation placeholder stands for: `"String"`,
/// `"String (timestamp)"`, `true`, `1024`, `{"@odata.type": "microsoft.graph.x"}`,
/// `["String"]`.
pub fn placeholder_type(value: &Value) -> Option<TypeRef> {
    match value {
        Value::Bool(_) => Some(TypeRef::primitive(Primitive::Boolean)),
        Value::Number(n) if n.is_f64() => Some(TypeRef::primitive(Primitive::Double)),
        Value::Number(_) => Some(TypeRef::primitive(Primitive::Int32)),
        Value::String(s) if s.to_ascii_lowercase().contains("timestamp") => {
            Some(TypeRef::primitive(Primitive::DateTimeOffset))
        }
        Value::String(s) => Some(type_of_text(s)).filter(TypeRef::is_known),
        Value::Array(items) => items
            .first()
            .and_then(placeholder_type)
            .map(TypeRef::collection),
        Value::Object(map) => {
            let odata_type = map.get("@odata.type")?.as_str()?.trim_start_matches('#');
            let name = odata_type
                .strip_prefix("microsoft.graph.")
                .filter(|n| !n.contains('.'))
                .unwrap_or(odata_type);
            Some(TypeRef::named(name))
        }
        Value::Null => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_commas_are_repaired() {
        assert!(parse_lenient("{\"a\": [1, 2,],}").is_ok());
        assert!(parse_lenient("{\"a\": 1 ...}").is_err());
    }

    #[test]
    fn unterminated_is_told_from_junk() {
        assert!(is_unterminated("{\"a\": {\"b\": 1}"));
        assert!(is_unterminated("{\"a\": \"b"));
        assert!(!is_unterminated("{\"a\": 1 ...}"));
        assert!(!is_unterminated("{\"a\": 1,}"));
    }

    #[test]
    fn unterminated_after_a_parse_agrees_with_a_fresh_check() {
        let texts = [
            "{\"a\": 1}",
            "{\"a\": [1, 2,],}",
            "{\"a\": \"x,}\", \"b\": [\",]\"]}",
            "{\"a\": {\"b\": 1}",
            "{\"a\": \"b",
            "{\"a\": 1 ...}",
            "{&quot;a&quot;: 1}",
            "{\"a\": \"&quot;\"}",
            "{\"a\": \"say &quot;hi&quot;\"}",
            "[1, 2",
            "",
            "   ",
            "\"",
            "[\"&quot;, \"]",
        ];
        for text in texts {
            let parsed = parse_lenient(text).is_ok();
            assert_eq!(
                is_unterminated_after(text, parsed),
                is_unterminated(text),
                "{text}"
            );
        }
        // A strict text whose repair opens a string is still caught.
        let opened = "[\"&quot;, \"]";
        assert!(parse_lenient(opened).is_ok());
        assert!(is_unterminated_after(opened, true));
    }

    #[test]
    fn keys_keep_document_order() {
        let Ok(Value::Object(object)) = parse_lenient("{\"z\": 1, \"a\": 2}") else {
            panic!("an object")
        };
        let keys: Vec<String> = object.keys().cloned().collect();
        assert_eq!(keys, ["z", "a"]);
    }

    #[test]
    fn placeholders_name_their_types() {
        let Ok(Value::Object(object)) = parse_lenient(
            r#"{"a": "String", "b": "String (timestamp)", "c": true, "d": 1024,
            "e": {"@odata.type": "microsoft.graph.identitySet"}, "f": ["String"]}"#,
        ) else {
            panic!("an object")
        };
        let types: Vec<Option<TypeRef>> = object.values().map(placeholder_type).collect();
        assert_eq!(types[0], Some(TypeRef::primitive(Primitive::String)));
        assert_eq!(
            types[1],
            Some(TypeRef::primitive(Primitive::DateTimeOffset))
        );
        assert_eq!(types[2], Some(TypeRef::primitive(Primitive::Boolean)));
        assert_eq!(types[3], Some(TypeRef::primitive(Primitive::Int32)));
        assert_eq!(types[4], Some(TypeRef::named("identitySet")));
        assert_eq!(
            types[5],
            Some(TypeRef::collection(TypeRef::primitive(Primitive::String)))
        );
    }
}
