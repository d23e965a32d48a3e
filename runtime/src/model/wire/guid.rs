//! `Edm.Guid`: `8-4-4-4-12` hexadecimal digits.

use std::cmp::Ordering;

use super::{string_json_impls, text_impls, WireError};

const EDM: &str = "Edm.Guid";

/// Where the hyphens are.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

/// An `Edm.Guid`, `5f4d1c2e-9a3b-4c8d-8e7f-0a1b2c3d4e5f`, upper or lower
/// case (kept as sent; no braces).
///
/// `==` compares the text, so case matters; compare
/// [`to_u128`](Self::to_u128) to ignore it. [`Ord`] orders by value, then
/// by text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Guid {
    text: String,
    value: u128,
}

text_impls!(Guid);
string_json_impls!(Guid);

impl Guid {
    fn parse(text: &str) -> Result<Self, WireError> {
        let value = scan_guid(text).map_err(|reason| WireError::new(EDM, reason, text))?;
        Ok(Guid {
            text: text.to_owned(),
            value,
        })
    }

    /// The GUID with this 128-bit value (big-endian, as written), lower case.
    pub fn from_u128(value: u128) -> Self {
        let hex = format!("{value:032x}");
        let text = format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        );
        Guid { text, value }
    }

    /// The GUID with these bytes, in the order they are written.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Self::from_u128(u128::from_be_bytes(bytes))
    }

    /// The 128-bit value, the digits read as one big-endian number.
    pub fn to_u128(&self) -> u128 {
        self.value
    }

    /// The 16 bytes in the order they are written (RFC 9562 order).
    pub fn to_bytes(&self) -> [u8; 16] {
        self.value.to_be_bytes()
    }
}

/// By value, then by text.
impl Ord for Guid {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value
            .cmp(&other.value)
            .then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for Guid {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn scan_guid(text: &str) -> Result<u128, &'static str> {
    if text.len() != 36 {
        return Err("expected 36 characters (8-4-4-4-12 hex digits)");
    }
    let mut value: u128 = 0;
    for (index, byte) in text.bytes().enumerate() {
        if HYPHENS.contains(&index) {
            if byte != b'-' {
                return Err("expected '-' after 8, 4, 4 and 4 hex digits");
            }
            continue;
        }
        let digit = char::from(byte).to_digit(16).ok_or("not a hex digit")?;
        value = value << 4 | u128::from(digit);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_any_case() {
        let lower: Guid = "5f4d1c2e-9a3b-4c8d-8e7f-0a1b2c3d4e5f".parse().unwrap();
        let upper: Guid = "5F4D1C2E-9A3B-4C8D-8E7F-0A1B2C3D4E5F".parse().unwrap();
        assert_eq!(upper.as_str(), "5F4D1C2E-9A3B-4C8D-8E7F-0A1B2C3D4E5F");
        assert_ne!(lower, upper);
        assert_eq!(lower.to_u128(), upper.to_u128());
        assert_eq!(lower.to_u128(), 0x5f4d1c2e_9a3b_4c8d_8e7f_0a1b2c3d4e5f);
        assert_eq!(Guid::from_u128(upper.to_u128()), lower);
        assert_eq!(Guid::from_bytes(lower.to_bytes()), lower);
        assert_eq!(lower.to_bytes()[0], 0x5f);
        assert!(upper < lower, "same value: ordered by text");
        assert_eq!(
            Guid::from_u128(0).as_str(),
            "00000000-0000-0000-0000-000000000000"
        );
    }

    #[test]
    fn rejected() {
        for text in [
            "",
            "5f4d1c2e9a3b4c8d8e7f0a1b2c3d4e5f",
            "{5f4d1c2e-9a3b-4c8d-8e7f-0a1b2c3d4e5f}",
            "5f4d1c2e-9a3b-4c8d-8e7f-0a1b2c3d4e5g",
            "5f4d1c2e-9a3b-4c8d-8e7f0-a1b2c3d4e5f",
            "5f4d1c2e-9a3b-4c8d-8e7f-0a1b2c3d4e5",
            "5f4d1c2e-9a3b-4c8d-8e7f-0a1b2c3d4e5f0",
            "+f4d1c2e-9a3b-4c8d-8e7f-0a1b2c3d4e5f",
            "5f4d1c2e-9a3b-4c8d-8e7f-0a1b2c3d4é",
        ] {
            assert!(text.parse::<Guid>().is_err(), "{text}");
        }
    }
}
