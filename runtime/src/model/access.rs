//! Reading and writing one property of an object, and whole-model helpers.

use serde_json::Value;

use super::{FromJson, Model, Object, ToJson, WireEnum};

/// The value of `key` as a `T`; `None` when the key is absent, `null`, or
/// not of the documented type (the raw value stays in the object).
pub fn get<T: FromJson>(object: &Object, key: &str) -> Option<T> {
    object
        .get(key)
        .filter(|value| !value.is_null())
        .and_then(T::from_json)
}

/// The string value of `key`, borrowed; `None` when absent, `null` or not a
/// string.
pub fn get_str<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key)?.as_str()
}

/// The array of strings at `key`, borrowed; `None` when absent, `null`, not
/// an array, or when any element is not a string.
pub fn get_str_list<'a>(object: &'a Object, key: &str) -> Option<Vec<&'a str>> {
    object
        .get(key)?
        .as_array()?
        .iter()
        .map(Value::as_str)
        .collect()
}

/// The enum member at `key` (unknown members land in the enum's fallback).
pub fn get_enum<T: WireEnum>(object: &Object, key: &str) -> Option<T> {
    object.get(key)?.as_str().map(T::from_wire)
}

/// The array of enum members at `key`; `None` when any element is not a string.
pub fn get_enum_list<T: WireEnum>(object: &Object, key: &str) -> Option<Vec<T>> {
    object
        .get(key)?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(T::from_wire))
        .collect()
}

/// Sets `key` to an enum member's wire name.
pub fn set_enum<T: WireEnum>(object: &mut Object, key: &str, value: &T) {
    object.insert(key.to_owned(), Value::String(value.as_wire().to_owned()));
}

/// Sets `key` to an array of enum members.
pub fn set_enum_list<T: WireEnum>(object: &mut Object, key: &str, values: &[T]) {
    let values = values
        .iter()
        .map(|v| Value::String(v.as_wire().to_owned()))
        .collect();
    object.insert(key.to_owned(), Value::Array(values));
}

/// Sets `key` to a string.
pub fn set_str(object: &mut Object, key: &str, value: &str) {
    object.insert(key.to_owned(), Value::String(value.to_owned()));
}

/// Sets `key` to an array of strings.
pub fn set_str_list(object: &mut Object, key: &str, values: &[&str]) {
    let values = values
        .iter()
        .map(|v| Value::String((*v).to_owned()))
        .collect();
    object.insert(key.to_owned(), Value::Array(values));
}

/// Sets `key` to `value`; an existing key keeps its position.
pub fn set<T: ToJson>(object: &mut Object, key: &str, value: T) {
    object.insert(key.to_owned(), value.to_json());
}

/// The model as a JSON value (a copy of its object).
pub fn to_value<T: Model>(model: &T) -> Value {
    Value::Object(model.object().clone())
}

/// A model from a JSON value; `None` unless the value is an object.
pub fn from_value<T: Model>(value: Value) -> Option<T> {
    match value {
        Value::Object(object) => Some(T::from_object(object)),
        _ => None,
    }
}
