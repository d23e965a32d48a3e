//! Wire newtypes for the Edm primitive types that JSON has no type for.
//!
//! Each keeps the exact text it was read from, so re-encoding is
//! byte-identical, and is validated when read: a malformed value reads as
//! `None` through [`FromJson`](super::FromJson) and stays raw in the object.
//!
//! Equality and hashing compare that text ("the same on the wire"); use the
//! accessors to compare values (`a.unix_timestamp_nanos() ==
//! b.unix_timestamp_nanos()`, `a.to_u128() == b.to_u128()`). `Ord`, where
//! there is one, orders by value and then by text.

mod base64;
mod civil;
mod date;
mod date_time;
mod decimal;
mod duration;
mod error;
mod guid;
mod scan;
mod time_of_day;

#[cfg(feature = "chrono")]
mod with_chrono;
#[cfg(feature = "time")]
mod with_time;
#[cfg(feature = "uuid")]
mod with_uuid;

pub use self::base64::Base64;
pub use date::Date;
pub use date_time::DateTimeOffset;
pub use decimal::Decimal;
pub use duration::{Duration, DurationParts};
pub use error::WireError;
pub use guid::Guid;
pub use time_of_day::TimeOfDay;

/// `as_str`, `Display`, `AsRef<str>`, `FromStr`, `TryFrom<&str>`,
/// `TryFrom<String>` and `From<Self> for String`, for a type with a `text`
/// field and a `fn parse(&str) -> Result<Self, WireError>`.
macro_rules! text_impls {
    ($ty:ident) => {
        impl $ty {
            /// The text as sent or written.
            pub fn as_str(&self) -> &str {
                &self.text
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.text
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::model::WireError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = $crate::model::WireError;

            fn try_from(text: &str) -> Result<Self, Self::Error> {
                Self::parse(text)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::model::WireError;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text)
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.text
            }
        }
    };
}

/// `FromJson`/`ToJson` as a JSON string, and serde as a string, for a type
/// with [`text_impls!`].
macro_rules! string_json_impls {
    ($ty:ident) => {
        /// A JSON string of the right form.
        impl $crate::model::FromJson for $ty {
            fn from_json(value: &::serde_json::Value) -> Option<Self> {
                Self::parse(value.as_str()?).ok()
            }
        }

        impl $crate::model::ToJson for $ty {
            fn to_json(self) -> ::serde_json::Value {
                ::serde_json::Value::String(self.text)
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.text)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Self::parse(&text).map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use string_json_impls;
pub(crate) use text_impls;
