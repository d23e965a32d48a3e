//! `<!-- { "blockType": "request", ... } -->` annotations, parsed leniently:
//! trailing commas, `&quot;` from translation, unquoted keys, and a last-resort
//! regex for the block type.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::json::parse_annotation;

/// The annotation fields the reader uses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annotation {
    /// Byte offset of the comment in the text.
    pub offset: usize,
    pub block_type: String,
    pub name: Option<String>,
    /// `@odata.type` (or the legacy `@type`).
    pub odata_type: Option<String>,
    pub is_collection: Option<bool>,
    pub key_property: Option<String>,
    /// `Some(None)` when the annotation says `"baseType": null`.
    pub base_type: Option<Option<String>>,
    pub open_type: Option<bool>,
    pub is_abstract: Option<bool>,
    /// False when only the regex fallback could read it.
    pub well_formed: bool,
}

/// Parses a comment body; `None` when it is not a blockType annotation.
pub fn parse(offset: usize, body: &str) -> Option<Annotation> {
    if !body.contains("blockType") {
        return None;
    }
    let unescaped = body.replace("&quot;", "\"");
    let json = json_part(&unescaped)?;
    match parse_annotation(json) {
        Some(object) => from_object(offset, &object),
        None => regex_fallback(offset, &unescaped),
    }
}

fn json_part(body: &str) -> Option<&str> {
    let start = body.find('{')?;
    let end = body.rfind('}')?;
    (end > start).then(|| &body[start..=end])
}

fn from_object(offset: usize, object: &Map<String, Value>) -> Option<Annotation> {
    let block_type = object.get("blockType")?.as_str()?.trim().to_owned();
    Some(Annotation {
        offset,
        block_type,
        name: string(object, "name"),
        odata_type: string(object, "@odata.type").or_else(|| string(object, "@type")),
        is_collection: boolean(object, "isCollection"),
        key_property: string(object, "keyProperty").filter(|k| !k.is_empty()),
        base_type: object
            .get("baseType")
            .map(|v| v.as_str().map(str::to_owned)),
        open_type: boolean(object, "openType"),
        is_abstract: boolean(object, "abstract").or_else(|| boolean(object, "isAbstract")),
        well_formed: true,
    })
}

fn string(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key)?.as_str().map(|s| s.trim().to_owned())
}

/// Booleans sometimes arrive as strings (`"true"`).
fn boolean(object: &Map<String, Value>, key: &str) -> Option<bool> {
    match object.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn regex_fallback(offset: usize, body: &str) -> Option<Annotation> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r#""blockType"\s*:\s*"(\w+)""#).expect("valid regex"));
    let block_type = re.captures(body)?.get(1)?.as_str().to_owned();
    Some(Annotation {
        offset,
        block_type,
        well_formed: false,
        ..Annotation::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_annotation() {
        let a = parse(3, r#" { "blockType": "response", "@odata.type": "microsoft.graph.user", "isCollection": true } "#).unwrap();
        assert_eq!(a.block_type, "response");
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.user"));
        assert_eq!(a.is_collection, Some(true));
        assert_eq!(a.offset, 3);
        assert!(a.well_formed);
    }

    #[test]
    fn trailing_comma_and_string_boolean() {
        let a = parse(
            0,
            "{\n \"blockType\": \"response\",\n \"isCollection\": \"true\",\n}",
        )
        .unwrap();
        assert_eq!(a.is_collection, Some(true));
        assert!(a.well_formed);
    }

    #[test]
    fn quot_entities_from_translation() {
        let a = parse(
            0,
            r#"{ "blockType": "request", "@odata.type&quot;: &quot;microsoft.graph.listItem" }"#,
        )
        .unwrap();
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.listItem"));
    }

    #[test]
    fn unquoted_key() {
        let a = parse(0, r#"{ "blockType": "response", isCollection: true }"#).unwrap();
        assert_eq!(a.is_collection, Some(true));
    }

    #[test]
    fn legacy_type_key_and_null_base_type() {
        let a = parse(
            0,
            r#"{ "blockType": "resource", "@type": "microsoft.graph.x", "baseType": null }"#,
        )
        .unwrap();
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.x"));
        assert_eq!(a.base_type, Some(None));
    }

    #[test]
    fn broken_json_falls_back_to_block_type() {
        let a = parse(0, r#"{ "blockType": "ignored", "name": oops oops }"#).unwrap();
        assert_eq!(a.block_type, "ignored");
        assert!(!a.well_formed);
    }

    #[test]
    fn other_comments_are_not_annotations() {
        assert!(parse(0, " markdownlint-disable MD024 ").is_none());
    }
}
