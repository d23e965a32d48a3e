//! `<!-- { "blockType": "request", ... } -->` annotations, parsed leniently:
//! trailing commas, `&quot;` from translation, unquoted keys, and a last-resort
//! regex for the block type.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

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
    let unescaped = if body.contains("&quot;") {
        Cow::Owned(body.replace("&quot;", "\""))
    } else {
        Cow::Borrowed(body)
    };
    let json = json_part(&unescaped)?;
    match parse_annotation::<Fields>(json) {
        Some(fields) => from_fields(offset, &fields),
        None => regex_fallback(offset, &unescaped),
    }
}

fn json_part(body: &str) -> Option<&str> {
    let start = body.find('{')?;
    let end = body.rfind('}')?;
    (end > start).then(|| &body[start..=end])
}

fn from_fields(offset: usize, fields: &Fields) -> Option<Annotation> {
    let block_type = fields.get(Field::BlockType)?.as_str()?.trim().to_owned();
    Some(Annotation {
        offset,
        block_type,
        name: fields.string(Field::Name),
        odata_type: fields
            .string(Field::OdataType)
            .or_else(|| fields.string(Field::LegacyType)),
        is_collection: fields.boolean(Field::IsCollection),
        key_property: fields.string(Field::KeyProperty).filter(|k| !k.is_empty()),
        base_type: fields
            .get(Field::BaseType)
            .map(|v| v.as_str().map(str::to_owned)),
        open_type: fields.boolean(Field::OpenType),
        is_abstract: fields
            .boolean(Field::Abstract)
            .or_else(|| fields.boolean(Field::IsAbstract)),
        well_formed: true,
    })
}

/// The keys of an annotation the reader uses.
#[derive(Clone, Copy)]
enum Field {
    BlockType,
    Name,
    OdataType,
    /// The legacy `@type`.
    LegacyType,
    IsCollection,
    KeyProperty,
    BaseType,
    OpenType,
    Abstract,
    IsAbstract,
}

impl Field {
    const ALL: [(&'static str, Field); 10] = [
        ("blockType", Field::BlockType),
        ("name", Field::Name),
        ("@odata.type", Field::OdataType),
        ("@type", Field::LegacyType),
        ("isCollection", Field::IsCollection),
        ("keyProperty", Field::KeyProperty),
        ("baseType", Field::BaseType),
        ("openType", Field::OpenType),
        ("abstract", Field::Abstract),
        ("isAbstract", Field::IsAbstract),
    ];

    fn of(key: &str) -> Option<Field> {
        Field::ALL
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, key)| *key)
    }
}

/// The values of the keys the reader uses, read from an annotation's JSON
/// object, without building a map of the whole object. It parses exactly
/// when the object parses as a map (other values are read and dropped), and
/// a key given twice keeps its last value, as in a map.
#[derive(Default)]
struct Fields {
    values: [Option<Value>; Field::ALL.len()],
}

impl Fields {
    fn get(&self, key: Field) -> Option<&Value> {
        self.values[key as usize].as_ref()
    }

    fn string(&self, key: Field) -> Option<String> {
        self.get(key)?.as_str().map(|s| s.trim().to_owned())
    }

    /// Booleans sometimes arrive as strings (`"true"`).
    fn boolean(&self, key: Field) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an annotation object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(KnownKey(key)) = map.next_key()? {
            let value: Value = map.next_value()?;
            if let Some(key) = key {
                fields.values[key as usize] = Some(value);
            }
        }
        Ok(fields)
    }
}

/// An object key: one the reader uses, or `None`; read without a copy.
struct KnownKey(Option<Field>);

impl<'de> Deserialize<'de> for KnownKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KnownKeyVisitor)
    }
}

struct KnownKeyVisitor;

impl Visitor<'_> for KnownKeyVisitor {
    type Value = KnownKey;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<KnownKey, E> {
        Ok(KnownKey(Field::of(key)))
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
