//! Enum members on the wire, unknown ones included.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde_json::Value;

/// A generated enum: one variant per documented member, plus a fallback
/// variant holding any other member as sent, so a member added to the
/// service after the docs survives a round trip.
///
/// Generated enums implement [`FromJson`](super::FromJson) and
/// [`ToJson`](super::ToJson) with one-line calls to [`enum_from_json`] and
/// [`enum_to_json`] (a blanket impl is impossible next to the one for
/// models).
pub trait WireEnum: Sized {
    /// The member named `text`, or the fallback variant holding it.
    fn from_wire(text: &str) -> Self;

    /// The member's name on the wire.
    fn as_wire(&self) -> &str;
}

/// `Clone` of a generated enum: the member with the same wire name.
///
/// Generated enums implement `Clone`, `Debug`, `PartialEq`, `Eq` and `Hash`
/// with one-line calls to these helpers instead of derives: a derive writes
/// a match over every member for each trait, and over a thousand enums that
/// is a second of `cargo check`.
pub fn clone_enum<T: WireEnum>(value: &T) -> T {
    T::from_wire(value.as_wire())
}

/// `Debug` of a generated enum: `Name("wireName")`.
pub fn debug_enum<T: WireEnum>(name: &str, value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.debug_tuple(name).field(&value.as_wire()).finish()
}

/// `PartialEq` of a generated enum: equal wire names (a fallback holding a
/// documented name equals that member).
pub fn eq_enum<T: WireEnum>(a: &T, b: &T) -> bool {
    a.as_wire() == b.as_wire()
}

/// `Hash` of a generated enum, consistent with [`eq_enum`].
pub fn hash_enum<T: WireEnum, H: Hasher>(value: &T, state: &mut H) {
    value.as_wire().hash(state);
}

/// Implements `Clone`, `Debug`, `PartialEq`, `Eq` and `Hash` for a generated
/// enum through its wire name ([`clone_enum`], [`debug_enum`], [`eq_enum`],
/// [`hash_enum`]): one line per enum in generated code,
/// `graph_runtime::wire_enum_traits!(Importance);`.
#[macro_export]
macro_rules! wire_enum_traits {
    ($name:ident) => {
        impl ::core::clone::Clone for $name {
            fn clone(&self) -> Self {
                $crate::model::clone_enum(self)
            }
        }
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::model::debug_enum(::core::stringify!($name), self, f)
            }
        }
        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                $crate::model::eq_enum(self, other)
            }
        }
        impl ::core::cmp::Eq for $name {}
        impl ::core::hash::Hash for $name {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                $crate::model::hash_enum(self, state)
            }
        }
    };
}

/// Reads a JSON string as an enum member; `None` for any other JSON type.
pub fn enum_from_json<T: WireEnum>(value: &Value) -> Option<T> {
    value.as_str().map(T::from_wire)
}

/// Writes an enum member as a JSON string.
pub fn enum_to_json<T: WireEnum>(value: &T) -> Value {
    Value::String(value.as_wire().to_owned())
}

/// Reads a flags enum value (members joined by commas, `"a,b"`, spaces
/// around members allowed) as its members; `""` has none.
pub fn flags_from_json<T: WireEnum>(value: &Value) -> Option<Vec<T>> {
    let text = value.as_str()?;
    Some(
        text.split(',')
            .map(str::trim)
            .filter(|member| !member.is_empty())
            .map(T::from_wire)
            .collect(),
    )
}

/// Writes flags enum members as one comma-separated JSON string.
pub fn flags_to_json<T: WireEnum>(members: &[T]) -> Value {
    let names: Vec<&str> = members.iter().map(WireEnum::as_wire).collect();
    Value::String(names.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Other(String),
    }

    impl WireEnum for Color {
        fn from_wire(text: &str) -> Self {
            match text {
                "red" => Color::Red,
                _ => Color::Other(text.to_owned()),
            }
        }

        fn as_wire(&self) -> &str {
            match self {
                Color::Red => "red",
                Color::Other(text) => text,
            }
        }
    }

    #[test]
    fn members_and_unknown_members() {
        assert_eq!(enum_from_json::<Color>(&json!("red")), Some(Color::Red));
        let unknown = enum_from_json::<Color>(&json!("ultraviolet")).unwrap();
        assert_eq!(unknown, Color::Other("ultraviolet".into()));
        assert_eq!(enum_to_json(&unknown), json!("ultraviolet"));
        assert_eq!(enum_from_json::<Color>(&json!(1)), None);
    }

    #[test]
    fn flags() {
        let members = flags_from_json::<Color>(&json!("red, blue")).unwrap();
        assert_eq!(members, [Color::Red, Color::Other("blue".into())]);
        assert_eq!(flags_to_json(&members), json!("red,blue"));
        assert_eq!(flags_from_json::<Color>(&json!("")), Some(vec![]));
        assert_eq!(flags_from_json::<Color>(&json!(["red"])), None);
    }
}
