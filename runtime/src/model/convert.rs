//! Conversions between one JSON value and a typed value.

use serde_json::Value;

use super::{Model, Object};

/// Conversion of one JSON value to a typed value.
///
/// `None` when the value does not have the documented type; callers keep
/// the raw value (accessors read from an object they never modify).
pub trait FromJson: Sized {
    /// Reads `value`; `None` when it does not have this type.
    fn from_json(value: &Value) -> Option<Self>;

    /// Like [`FromJson::from_json`], taking the value: types that can take
    /// it over (models, strings, [`Value`]) do not copy it. Gives the value
    /// back when it does not convert.
    fn from_json_owned(value: Value) -> Result<Self, Value> {
        Self::from_json(&value).ok_or(value)
    }
}

/// Conversion of a typed value to one JSON value.
pub trait ToJson {
    /// The JSON value.
    fn to_json(self) -> Value;
}

/// Objects only; clones the object.
impl<T: Model> FromJson for T {
    fn from_json(value: &Value) -> Option<Self> {
        value
            .as_object()
            .map(|object| T::from_object(object.clone()))
    }

    fn from_json_owned(value: Value) -> Result<Self, Value> {
        match value {
            Value::Object(object) => Ok(T::from_object(object)),
            other => Err(other),
        }
    }
}

impl<T: Model> ToJson for T {
    fn to_json(self) -> Value {
        Value::Object(self.into_object())
    }
}

/// Any value, `null` included.
impl FromJson for Value {
    fn from_json(value: &Value) -> Option<Self> {
        Some(value.clone())
    }

    fn from_json_owned(value: Value) -> Result<Self, Value> {
        Ok(value)
    }
}

impl ToJson for Value {
    fn to_json(self) -> Value {
        self
    }
}

/// Objects only (an untyped complex value or open type).
impl FromJson for Object {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_object().cloned()
    }

    fn from_json_owned(value: Value) -> Result<Self, Value> {
        match value {
            Value::Object(object) => Ok(object),
            other => Err(other),
        }
    }
}

impl ToJson for Object {
    fn to_json(self) -> Value {
        Value::Object(self)
    }
}

/// Strings only.
impl FromJson for String {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }

    fn from_json_owned(value: Value) -> Result<Self, Value> {
        match value {
            Value::String(text) => Ok(text),
            other => Err(other),
        }
    }
}

impl ToJson for String {
    fn to_json(self) -> Value {
        Value::String(self)
    }
}

impl ToJson for &str {
    fn to_json(self) -> Value {
        Value::String(self.to_owned())
    }
}

/// Booleans only (not `"true"`).
impl FromJson for bool {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_bool()
    }
}

impl ToJson for bool {
    fn to_json(self) -> Value {
        Value::Bool(self)
    }
}

/// Arrays whose every element converts; one element of another type makes
/// the whole value `None` (a partial list would silently drop items).
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_array()?.iter().map(T::from_json).collect()
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(self) -> Value {
        Value::Array(self.into_iter().map(ToJson::to_json).collect())
    }
}
