//! Whether a response example decodes into the type its call declares, the
//! way the generated accessors read it: every documented property present
//! in the example must hold a value of its declared kind (nested models and
//! lists included); `null` and undocumented properties are accepted, as
//! the generated models accept them.

use serde_json::Value;

use crate::ir::api::{Accessor, Field, ModelSet, ResponseKind, TypeKind};

/// What became of one response example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// The body decodes into the declared type.
    Yes,
    /// It does not: the first property that fails, and why.
    No(String),
    /// Not counted: no body, a body that is not valid JSON (the docs
    /// shorten many), or a call that answers with raw bytes.
    NotJson,
}

/// Checks `body` against what the call returns.
pub fn decode(returns: &ResponseKind, models: &ModelSet, body: Option<&str>) -> Decoded {
    let Some(body) = body.map(str::trim).filter(|b| !b.is_empty()) else {
        return Decoded::NotJson;
    };
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return Decoded::NotJson;
    };
    let check = Check { models };
    let result = match returns {
        ResponseKind::Binary => return Decoded::NotJson,
        ResponseKind::Unit | ResponseKind::Json => Ok(()),
        ResponseKind::Model(accessor) => check.fits(accessor, &value, 0),
        ResponseKind::Page(item) => match value.get("value") {
            Some(Value::Array(items)) => items.iter().try_for_each(|v| check.fits(item, v, 0)),
            _ => Err("a page without a `value` array".to_owned()),
        },
    };
    match result {
        Ok(()) => Decoded::Yes,
        Err(cause) => Decoded::No(cause),
    }
}

struct Check<'m> {
    models: &'m ModelSet,
}

/// Nesting deeper than this is not followed (the docs' examples stay far below).
const MAX_DEPTH: usize = 16;

impl Check<'_> {
    fn fits(&self, accessor: &Accessor, value: &Value, depth: usize) -> Result<(), String> {
        if value.is_null() || depth > MAX_DEPTH {
            return Ok(());
        }
        let ok = match accessor {
            Accessor::Value => true,
            Accessor::Str
            | Accessor::Guid
            | Accessor::Base64
            | Accessor::DateTimeOffset
            | Accessor::Date
            | Accessor::TimeOfDay
            | Accessor::Duration
            | Accessor::Enum(_) => value.is_string(),
            Accessor::Bool => value.is_boolean(),
            Accessor::I8 | Accessor::I16 | Accessor::I32 | Accessor::I64 | Accessor::U8 => {
                value.is_i64() || value.is_u64()
            }
            Accessor::F32 | Accessor::F64 | Accessor::Decimal => {
                value.is_number() || value.is_string()
            }
            Accessor::List(item) => {
                let Value::Array(items) = value else {
                    return Err(format!("expected a list, found {}", kind_of(value)));
                };
                return items.iter().try_for_each(|v| self.fits(item, v, depth + 1));
            }
            Accessor::Model(name) => {
                let Value::Object(object) = value else {
                    return Err(format!(
                        "expected an object ({name}), found {}",
                        kind_of(value)
                    ));
                };
                for field in self.fields(name) {
                    if let Some(v) = object.get(&field.wire) {
                        self.fits(&field.accessor, v, depth + 1)
                            .map_err(|cause| format!("`{}`: {cause}", field.wire))?;
                    }
                }
                true
            }
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "expected {}, found {}",
                expected(accessor),
                kind_of(value)
            ))
        }
    }

    /// A model's fields and its bases', nearest first; a cycle the docs made ends the chain.
    fn fields(&self, name: &str) -> Vec<&Field> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let mut at = Some(name.to_owned());
        while let Some(current) = at.take() {
            if seen.contains(&current) {
                break;
            }
            if let Some(TypeKind::Model { fields, base, .. }) =
                self.models.by_rust_name(&current).map(|t| &t.kind)
            {
                out.extend(fields);
                at.clone_from(base);
            }
            seen.push(current);
        }
        out
    }
}

fn expected(accessor: &Accessor) -> &'static str {
    match accessor {
        Accessor::Bool => "a boolean",
        Accessor::I8 | Accessor::I16 | Accessor::I32 | Accessor::I64 | Accessor::U8 => "an integer",
        Accessor::F32 | Accessor::F64 | Accessor::Decimal => "a number",
        _ => "a string",
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
