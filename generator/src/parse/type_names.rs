//! Type cells (`String`, `[x](x.md) collection`, `Collection(Edm.String)`,
//! `字符串集合`, ...) → [`TypeRef`]. Link targets win over link text, which
//! translation may have changed; the text is kept for when the target is a
//! page the checkout lacks.

use crate::ir::page::{Primitive, TypeRef};

use super::inline::Inline;
use super::scan::mentions_any;

/// Reads the type written in a table cell.
pub fn type_of_cell(cell: &Inline) -> TypeRef {
    let text = cell.trimmed();
    let collection = is_collection(text);
    let item = match cell
        .links()
        .iter()
        .find_map(|l| Some((linked_type(&l.target)?, l)))
    {
        Some((name, link)) => TypeRef::Named {
            name,
            page: None,
            link_text: link_text_type(&link.text),
        },
        None => type_of_text(text),
    };
    if collection && !matches!(item, TypeRef::Collection { .. }) {
        TypeRef::collection(item)
    } else {
        item
    }
}

/// The type name a link's text gives, if it reads as one (`managedDevice`).
fn link_text_type(text: &str) -> Option<String> {
    let word = text.trim().trim_start_matches('#');
    (!word.is_empty() && is_type_name(word) && primitive(word).is_none()).then(|| word.to_owned())
}

/// Reads a type written as plain text.
pub fn type_of_text(text: &str) -> TypeRef {
    let text = text.trim();
    if let Some(inner) = strip_collection_call(text) {
        return TypeRef::collection(type_of_text(inner));
    }
    let collection = is_collection(text);
    let item = match first_word(text) {
        Some(word) => match primitive(word) {
            Some(p) => TypeRef::primitive(p),
            None if is_type_name(word) => TypeRef::named(word.trim_start_matches('#')),
            None => TypeRef::Unknown {
                text: text.to_owned(),
            },
        },
        None => TypeRef::Unknown {
            text: text.to_owned(),
        },
    };
    if collection && item.is_known() {
        TypeRef::collection(item)
    } else {
        item
    }
}

/// The type named by a link to a resource page: the file stem, which the
/// resolver maps to the declared name. A link into a page of many enums
/// (`enums.md#risklevel-values`) names the enum by its anchor.
pub fn linked_type(target: &str) -> Option<String> {
    let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
    if let Some(anchor) = fragment.strip_suffix("-values").filter(|a| !a.is_empty()) {
        return Some(anchor.to_ascii_lowercase());
    }
    let path = path.split('?').next()?.trim();
    let file = path.rsplit('/').next()?;
    let stem = file.strip_suffix(".md")?;
    let in_resources = !path.contains('/') || path.contains("resources/");
    (in_resources && !stem.is_empty()).then(|| stem.to_ascii_lowercase())
}

fn is_collection(text: &str) -> bool {
    mentions_any(text, &["collection", "集合", "array"])
}

fn strip_collection_call(text: &str) -> Option<&str> {
    let lower = text.get(..11)?.to_ascii_lowercase();
    if lower != "collection(" {
        return None;
    }
    let inner = &text[11..];
    Some(inner[..inner.find(')')?].trim())
}

fn first_word(text: &str) -> Option<&str> {
    let word = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '(' | '（' | '、' | ';'))
        .find(|w| !w.is_empty())?;
    let word = word.trim_matches(|c: char| matches!(c, '[' | ']' | '`' | '*' | '.' | '。'));
    (!word.is_empty()).then_some(word)
}

fn is_type_name(word: &str) -> bool {
    let word = word.trim_start_matches('#');
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// Maps a primitive type word, in English or Chinese, any case, with or
/// without the `Edm.` prefix.
pub fn primitive(word: &str) -> Option<Primitive> {
    let lower = word.to_ascii_lowercase();
    let bare = lower.strip_prefix("edm.").unwrap_or(&lower);
    let english = match bare {
        "string" | "str" | "url" | "uri" => Primitive::String,
        "boolean" | "bool" => Primitive::Boolean,
        "int32" | "integer" | "int" => Primitive::Int32,
        "int64" | "long" => Primitive::Int64,
        "int16" => Primitive::Int16,
        "byte" => Primitive::Byte,
        "sbyte" => Primitive::SByte,
        "single" | "float" => Primitive::Single,
        "double" | "number" => Primitive::Double,
        "decimal" | "numeric" => Primitive::Decimal,
        "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
        "date" => Primitive::Date,
        "timeofday" => Primitive::TimeOfDay,
        "duration" | "timespan" => Primitive::Duration,
        "guid" | "uuid" => Primitive::Guid,
        "binary" | "base64" => Primitive::Binary,
        "stream" => Primitive::Stream,
        "json" | "object" | "any" => Primitive::Json,
        _ => return chinese_primitive(word),
    };
    Some(english)
}

fn chinese_primitive(word: &str) -> Option<Primitive> {
    let word = word.trim_end_matches("集合").trim();
    Some(match word {
        "字符串" => Primitive::String,
        "布尔" | "布尔值" | "布尔型" => Primitive::Boolean,
        "整数" | "整型" => Primitive::Int32,
        "双精度" | "双精度型" => Primitive::Double,
        "单一" | "单精度" => Primitive::Single,
        "日期" => Primitive::Date,
        "日期时间" | "日期时间偏移" => Primitive::DateTimeOffset,
        "持续时间" | "期限" => Primitive::Duration,
        "二进制" => Primitive::Binary,
        "流" => Primitive::Stream,
        "位数" => Primitive::Decimal,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::inline::Link;

    fn cell(text: &str, links: &[&str]) -> Inline {
        let links = links
            .iter()
            .map(|t| Link {
                text: String::new(),
                target: (*t).to_owned(),
            })
            .collect();
        let mut inline = Inline::default();
        inline.text = text.to_owned();
        *inline.links_mut() = links;
        inline
    }

    fn prim(p: Primitive) -> TypeRef {
        TypeRef::primitive(p)
    }

    #[test]
    fn primitives_any_case_and_prefix() {
        assert_eq!(type_of_text("String"), prim(Primitive::String));
        assert_eq!(type_of_text("string (url)"), prim(Primitive::String));
        assert_eq!(type_of_text("Edm.Int64"), prim(Primitive::Int64));
        assert_eq!(
            type_of_text("dateTimeOffset"),
            prim(Primitive::DateTimeOffset)
        );
        assert_eq!(type_of_text("GUID"), prim(Primitive::Guid));
    }

    #[test]
    fn collections_in_every_form() {
        let strings = TypeRef::collection(prim(Primitive::String));
        assert_eq!(type_of_text("String collection"), strings);
        assert_eq!(type_of_text("Collection(Edm.String)"), strings);
        assert_eq!(type_of_text("collection(string)"), strings);
        assert_eq!(type_of_text("字符串集合"), strings);
        assert_eq!(type_of_text("String 集合"), strings);
    }

    #[test]
    fn a_link_keeps_the_type_its_text_names_for_a_missing_target() {
        let mut c = cell(
            "[managedDevice](../resources/intune-shared-manageddevice.md) collection",
            &["../resources/intune-shared-manageddevice.md"],
        );
        c.links_mut()[0].text = "managedDevice".to_owned();
        let expected = TypeRef::Named {
            name: "intune-shared-manageddevice".to_owned(),
            page: None,
            link_text: Some("managedDevice".to_owned()),
        };
        assert_eq!(type_of_cell(&c), TypeRef::collection(expected));
        c.links_mut()[0].text = "托管设备".to_owned();
        let translated = TypeRef::named("intune-shared-manageddevice");
        assert_eq!(type_of_cell(&c), TypeRef::collection(translated));
    }

    #[test]
    fn links_name_the_type_by_file_stem() {
        let c = cell(
            "[cloudPcDeviceImage](../resources/cloudpcdeviceimage.md) collection",
            &["../resources/cloudpcdeviceimage.md"],
        );
        assert_eq!(
            type_of_cell(&c),
            TypeRef::collection(TypeRef::named("cloudpcdeviceimage"))
        );
        let translated = cell("[身份集](identityset.md)", &["identityset.md"]);
        assert_eq!(type_of_cell(&translated), TypeRef::named("identityset"));
        let enum_link = cell(
            "[风险级别](enums.md#risklevel-values)",
            &["enums.md#risklevel-values"],
        );
        assert_eq!(type_of_cell(&enum_link), TypeRef::named("risklevel"));
    }

    #[test]
    fn bare_names_and_chinese_words() {
        assert_eq!(
            type_of_text("alertSeverity"),
            TypeRef::named("alertSeverity")
        );
        assert_eq!(
            type_of_text("microsoft.graph.callRecords.clientPlatform"),
            TypeRef::named("microsoft.graph.callRecords.clientPlatform")
        );
        assert_eq!(
            type_of_text("字符串，最大大小为20"),
            prim(Primitive::String)
        );
        assert_eq!(type_of_text("布尔值"), prim(Primitive::Boolean));
        assert!(matches!(type_of_text("见下文"), TypeRef::Unknown { .. }));
    }
}
