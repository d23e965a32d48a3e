//! Numbers: JSON numbers, and the strings Graph sends for them.
//!
//! With `IEEE754Compatible=true` Graph writes `Edm.Int64` and
//! `Edm.Decimal` as strings, and `Edm.Double`/`Edm.Single` use the strings
//! `NaN`, `INF` and `-INF` for values JSON numbers cannot hold.

use serde_json::{Number, Value};

use super::{FromJson, ToJson};

/// True for OData's number grammar: `[+-]digits[.digits][(e|E)[+-]digits]`.
pub(crate) fn is_number_text(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let exponent = exponent.map(|e| e.strip_prefix(['+', '-']).unwrap_or(e));
    is_digits(whole) && fraction.into_iter().all(is_digits) && exponent.into_iter().all(is_digits)
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// An integer from a JSON integer or a string of digits (`-` allowed).
fn integer(value: &Value) -> Option<i128> {
    match value {
        Value::Number(number) => number
            .as_i64()
            .map(i128::from)
            .or_else(|| number.as_u64().map(i128::from)),
        Value::String(text) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            if is_digits(digits) {
                text.parse().ok()
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A float from a JSON number, `NaN`/`INF`/`-INF`, or a numeric string.
fn float(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => match text.as_str() {
            "NaN" => Some(f64::NAN),
            "INF" => Some(f64::INFINITY),
            "-INF" => Some(f64::NEG_INFINITY),
            _ if is_number_text(text) => text.parse().ok(),
            _ => None,
        },
        _ => None,
    }
}

/// A JSON number, or the OData strings for the values JSON cannot hold.
fn float_json(value: f64) -> Value {
    match Number::from_f64(value) {
        Some(number) => Value::Number(number),
        None if value.is_nan() => Value::String("NaN".to_owned()),
        None if value > 0.0 => Value::String("INF".to_owned()),
        None => Value::String("-INF".to_owned()),
    }
}

macro_rules! integer_json {
    ($($ty:ty => $doc:literal),+ $(,)?) => {$(
        #[doc = concat!($doc, ": a JSON integer or a string of digits, in range.")]
        impl FromJson for $ty {
            fn from_json(value: &Value) -> Option<Self> {
                integer(value).and_then(|n| <$ty>::try_from(n).ok())
            }
        }

        impl ToJson for $ty {
            fn to_json(self) -> Value {
                Value::from(self)
            }
        }
    )+};
}

integer_json! {
    i64 => "`Edm.Int64`",
    i32 => "`Edm.Int32`",
    i16 => "`Edm.Int16`",
    u8 => "`Edm.Byte`",
    i8 => "`Edm.SByte`",
    u16 => "Not an Edm type",
    u32 => "Not an Edm type",
    u64 => "Not an Edm type",
}

/// `Edm.Double`: a JSON number, `"NaN"`, `"INF"`, `"-INF"` or a numeric
/// string.
impl FromJson for f64 {
    fn from_json(value: &Value) -> Option<Self> {
        float(value)
    }
}

/// A JSON number; NaN and the infinities as `"NaN"`, `"INF"`, `"-INF"`.
impl ToJson for f64 {
    fn to_json(self) -> Value {
        float_json(self)
    }
}

/// `Edm.Single`: as `f64`; a finite value beyond `f32`'s range is `None`.
impl FromJson for f32 {
    fn from_json(value: &Value) -> Option<Self> {
        let wide = float(value)?;
        // `as` rounds to the nearest f32; a finite value too large for f32
        // becomes infinite, which is not the value sent.
        let narrow = wide as f32;
        (narrow.is_finite() || !wide.is_finite()).then_some(narrow)
    }
}

/// Written with `f32`'s shortest decimal form (`0.1`, not
/// `0.10000000149011612`).
impl ToJson for f32 {
    fn to_json(self) -> Value {
        let wide = self.to_string().parse().unwrap_or(f64::from(self));
        float_json(wide)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn number_grammar() {
        for text in ["0", "-1", "+1", "1.5", "1e5", "1E-5", "-1.25e+10", "007"] {
            assert!(is_number_text(text), "{text}");
        }
        for text in [
            "", "-", "1.", ".5", "1e", "e5", "1.5.5", "0x10", "1 ", "inf",
        ] {
            assert!(!is_number_text(text), "{text}");
        }
    }

    #[test]
    fn integers() {
        assert_eq!(i64::from_json(&json!(5)), Some(5));
        assert_eq!(
            i64::from_json(&json!("-9223372036854775808")),
            Some(i64::MIN)
        );
        assert_eq!(i64::from_json(&json!("9223372036854775808")), None);
        assert_eq!(i64::from_json(&json!("+5")), None);
        assert_eq!(i64::from_json(&json!("5.0")), None);
        assert_eq!(i64::from_json(&json!(5.0)), None);
        assert_eq!(i64::from_json(&json!(true)), None);
        assert_eq!(i32::from_json(&json!("2147483648")), None);
        assert_eq!(i32::from_json(&json!("-2147483648")), Some(i32::MIN));
        assert_eq!(u8::from_json(&json!(255)), Some(255));
        assert_eq!(u8::from_json(&json!(-1)), None);
        assert_eq!(i8::from_json(&json!(-128)), Some(-128));
        assert_eq!(i16::from_json(&json!(40000)), None);
        assert_eq!(u8::from_json(&json!(u64::MAX)), None);
        assert_eq!(7i64.to_json(), json!(7));
    }

    #[test]
    fn floats() {
        assert_eq!(f64::from_json(&json!(1.5)), Some(1.5));
        assert_eq!(f64::from_json(&json!(2)), Some(2.0));
        assert_eq!(f64::from_json(&json!("INF")), Some(f64::INFINITY));
        assert_eq!(f64::from_json(&json!("-INF")), Some(f64::NEG_INFINITY));
        assert!(f64::from_json(&json!("NaN")).unwrap().is_nan());
        assert_eq!(f64::from_json(&json!("1.25e2")), Some(125.0));
        for bad in [
            json!("inf"),
            json!("nan"),
            json!("Infinity"),
            json!(""),
            json!(null),
        ] {
            assert_eq!(f64::from_json(&bad), None, "{bad}");
        }
        assert_eq!(f64::NAN.to_json(), json!("NaN"));
        assert_eq!(f64::INFINITY.to_json(), json!("INF"));
        assert_eq!(f64::NEG_INFINITY.to_json(), json!("-INF"));
        assert_eq!(0.5f64.to_json(), json!(0.5));
        assert_eq!(f32::from_json(&json!(1e300)), None);
        assert_eq!(f32::from_json(&json!("INF")), Some(f32::INFINITY));
        assert_eq!(0.1f32.to_json(), json!(0.1));
        assert_eq!(f32::NAN.to_json(), json!("NaN"));
    }
}
