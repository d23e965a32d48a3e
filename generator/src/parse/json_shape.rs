//! What a JSON text is at its top, read without building it: response
//! examples are asked only "one object, or a page of them?", and building a
//! `serde_json::Value` of every body to answer cost more than the answer.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Whether `text` is a JSON object without a `key` member at its top;
/// `None` for text that `serde_json::from_str::<Value>` refuses (every value
/// is still parsed as that would parse it, so the two refuse the same texts).
pub fn is_object_without(text: &str, key: &str) -> Option<bool> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let answer = Shape { key: Some(key) }
        .deserialize(&mut deserializer)
        .ok()?;
    deserializer.end().ok()?;
    Some(answer)
}

/// A value, parsed as `Value` parses it (numbers, strings and escapes
/// checked) and dropped; with a `key`, `true` when it is an object without
/// that member. Not `serde::de::IgnoredAny` for the values inside: serde_json
/// skips that with a laxer scan (a number out of range passes it).
struct Shape<'k> {
    key: Option<&'k str>,
}

const ANY: Shape<'static> = Shape { key: None };

impl<'de> DeserializeSeed<'de> for Shape<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Shape<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut has_key = false;
        while let Some(is_key) = map.next_key_seed(KeyIs(self.key))? {
            has_key |= is_key;
            map.next_value_seed(ANY)?;
        }
        Ok(self.key.is_some() && !has_key)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element_seed(ANY)?.is_some() {}
        Ok(false)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// A map key, compared with the key asked about (after unescaping).
struct KeyIs<'k>(Option<&'k str>);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(self.0 == Some(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The question answered by building the value, as response.rs did.
    fn by_value(text: &str, key: &str) -> Option<bool> {
        let value: Value = serde_json::from_str(text).ok()?;
        Some(value.as_object().is_some_and(|o| !o.contains_key(key)))
    }

    #[test]
    fn agrees_with_building_the_value() {
        let deep_ok = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let too_deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let texts = [
            r#"{"id": "1", "name": "x"}"#,
            r#"{"value": [{"id": "1"}]}"#,
            r#"{"@odata.context": "x", "value": []}"#,
            r#"{"a": {"value": 1}}"#,
            r#"{"\u0076alue": 1}"#,
            r#"{"value": 1, "value": 2}"#,
            r#"{}"#,
            r#"[{"id": 1}]"#,
            r#""value""#,
            "12",
            "null",
            "true",
            r#"{"a": 1e400}"#,
            r#"{"a": 1.5e300, "b": -0, "c": 18446744073709551616}"#,
            r#"{"a": "\ud800"}"#,
            r#"{"a": "\ud83d\ude00"}"#,
            r#"{"a": 1,}"#,
            r#"{"a": 1} trailing"#,
            r#"{"a": 1}  "#,
            r#"{"a": [1, 2}"#,
            r#"{"a": "unterminated"#,
            "",
            "HTTP/1.1 200 OK",
            &deep_ok,
            &too_deep,
        ];
        for text in texts {
            assert_eq!(
                is_object_without(text, "value"),
                by_value(text, "value"),
                "{text}"
            );
        }
    }
}
