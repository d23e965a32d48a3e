//! `Edm.Decimal`: the number's text, kept.

use serde_json::{Number, Value};

use super::{text_impls, WireError};
use crate::model::number::is_number_text;
use crate::model::{FromJson, ToJson};

const EDM: &str = "Edm.Decimal";

/// An `Edm.Decimal`: `12.50`, `-3`, `1e-7`, kept as text so no digit is
/// lost to floating point.
///
/// Graph sends decimals as JSON numbers, or as strings under
/// `IEEE754Compatible=true`; a value read from JSON is written back in the
/// same form. A value built from text is written as a JSON number when that
/// number prints back as the same text, else as a string (`"12.50"`), so it
/// never loses a digit. The text of a JSON number is `serde_json`'s
/// rendering of it (`1.50` arrives as `1.5`).
///
/// `==` compares the text and the form (number or string).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: String,
    quoted: bool,
}

text_impls!(Decimal);

impl Decimal {
    fn parse(text: &str) -> Result<Self, WireError> {
        if !is_number_text(text) {
            let reason = "expected [+-]digits[.digits][e[+-]digits]";
            return Err(WireError::new(EDM, reason, text));
        }
        Ok(Decimal {
            text: text.to_owned(),
            quoted: json_number(text).is_none(),
        })
    }

    /// The nearest `f64` (infinite beyond its range).
    pub fn to_f64(&self) -> f64 {
        self.text.parse().unwrap_or(f64::NAN)
    }
}

/// The JSON number that prints as exactly `text`, if there is one.
fn json_number(text: &str) -> Option<Number> {
    let number: Number = serde_json::from_str(text).ok()?;
    (number.to_string() == text).then_some(number)
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal {
            text: value.to_string(),
            quoted: false,
        }
    }
}

impl From<u64> for Decimal {
    fn from(value: u64) -> Self {
        Decimal {
            text: value.to_string(),
            quoted: false,
        }
    }
}

impl From<i32> for Decimal {
    fn from(value: i32) -> Self {
        Decimal::from(i64::from(value))
    }
}

/// A JSON number, or a string of the decimal grammar.
impl FromJson for Decimal {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Number(number) => Some(Decimal {
                text: number.to_string(),
                quoted: false,
            }),
            Value::String(text) => Decimal::parse(text).ok().map(|decimal| Decimal {
                quoted: true,
                ..decimal
            }),
            _ => None,
        }
    }
}

impl ToJson for Decimal {
    fn to_json(self) -> Value {
        match json_number(&self.text).filter(|_| !self.quoted) {
            Some(number) => Value::Number(number),
            None => Value::String(self.text),
        }
    }
}

impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.clone().to_json().serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Decimal::from_json(&value)
            .ok_or_else(|| serde::de::Error::custom("expected an Edm.Decimal number or string"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_the_form_it_was_read_in() {
        for value in [
            json!(12.5),
            json!(-3),
            json!(1e-7),
            json!("12.50"),
            json!("1"),
        ] {
            let decimal = Decimal::from_json(&value).unwrap();
            assert_eq!(decimal.to_json(), value);
        }
        assert_eq!(Decimal::from_json(&json!("x")), None);
        assert_eq!(Decimal::from_json(&json!("NaN")), None);
        assert_eq!(Decimal::from_json(&json!(true)), None);
    }

    #[test]
    fn text_becomes_a_number_only_when_exact() {
        let exact: Decimal = "12.5".parse().unwrap();
        assert_eq!(exact.to_json(), json!(12.5));
        let trailing: Decimal = "12.50".parse().unwrap();
        assert_eq!(trailing.to_json(), json!("12.50"));
        let long: Decimal = "0.1000000000000000055511151231257827".parse().unwrap();
        assert_eq!(long.clone().to_json(), json!(long.as_str()));
        assert!((long.to_f64() - 0.1).abs() < 1e-12);
        assert_eq!(Decimal::from(-5i64).to_json(), json!(-5));
        assert_eq!(Decimal::from(u64::MAX).to_json(), json!(u64::MAX));
        assert!("1,5".parse::<Decimal>().is_err());
    }
}
