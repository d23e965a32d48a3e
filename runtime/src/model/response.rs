//! Decoding a model from a response body.

use serde_json::Value;

use super::{Model, Object};
use crate::{Error, FromResponse, RawResponse};

/// The body must be a JSON object. The Intune dialect's single-entity
/// responses, `{"value": {...}}` (an object whose only key is `value`,
/// holding an object), are unwrapped: a real entity response always has
/// `@odata.context` next to its properties, so it cannot look like this.
impl<T: Model> FromResponse for T {
    fn from_response(response: RawResponse) -> Result<Self, Error> {
        object_body(&response.body, T::ODATA_TYPE).map(T::from_object)
    }
}

/// The JSON object of `body`, unwrapped from `{"value": {...}}`.
pub(crate) fn object_body(body: &[u8], expected: &str) -> Result<Object, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        let message = format!("empty body, expected a {expected} object");
        return Err(Error::decode(message, body));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| Error::decode(e, body))?;
    match value {
        Value::Object(object) => Ok(unwrap_value(object)),
        other => {
            let message = format!("expected a {expected} object, found {}", kind(&other));
            Err(Error::decode(message, body))
        }
    }
}

/// `{"value": {...}}` → the inner object; anything else unchanged.
fn unwrap_value(mut object: Object) -> Object {
    if object.len() == 1 {
        if let Some(Value::Object(inner)) = object.get_mut("value") {
            return std::mem::take(inner);
        }
    }
    object
}

/// The JSON type of `value`, for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Object {
        match value {
            Value::Object(object) => object,
            _ => Object::new(),
        }
    }

    #[test]
    fn unwraps_only_a_lone_value_object() {
        let inner = json!({"id": "1"});
        assert_eq!(
            Value::Object(unwrap_value(object(json!({"value": inner})))),
            inner
        );
        for kept in [
            json!({"value": {"id": "1"}, "@odata.context": "c"}),
            json!({"value": [1]}),
            json!({"value": "x"}),
            json!({"id": "1"}),
            json!({}),
        ] {
            assert_eq!(Value::Object(unwrap_value(object(kept.clone()))), kept);
        }
    }

    #[test]
    fn non_objects_are_decode_errors() {
        for (body, needle) in [
            ("", "empty body"),
            ("[1]", "found an array"),
            ("\"x\"", "found a string"),
            ("{", "EOF"),
        ] {
            let error = object_body(body.as_bytes(), "microsoft.graph.user").unwrap_err();
            let Error::Decode { message, excerpt } = error else {
                panic!("{error:?}");
            };
            assert!(message.contains(needle), "{message}");
            assert_eq!(excerpt, body);
        }
    }
}
