//! `Edm.Binary`: base64 text.

use super::{string_json_impls, text_impls, WireError};

const EDM: &str = "Edm.Binary";

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// An `Edm.Binary`: base64 text, as Graph writes it (standard alphabet,
/// padded: `aGVsbG8=`).
///
/// Also read: the URL-safe alphabet (`-`, `_`) and text without padding.
/// Rejected: both alphabets in one text, whitespace, misplaced or wrong
/// padding, a length of 4n+1. Unused bits of the last character are
/// ignored, as .NET does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Base64 {
    text: String,
}

text_impls!(Base64);
string_json_impls!(Base64);

/// Which characters stand for 62 and 63.
#[derive(Clone, Copy)]
enum Alphabet {
    Standard,
    UrlSafe,
}

impl Base64 {
    fn parse(text: &str) -> Result<Self, WireError> {
        check(text).map_err(|reason| WireError::new(EDM, reason, text))?;
        Ok(Base64 {
            text: text.to_owned(),
        })
    }

    /// `bytes` in standard base64 with padding.
    pub fn encode(bytes: &[u8]) -> Self {
        let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let group = chunk.iter().enumerate().fold(0u32, |group, (i, byte)| {
                group | u32::from(*byte) << (16 - 8 * i)
            });
            for index in 0..4 {
                if index <= chunk.len() {
                    let sextet = (group >> (18 - 6 * index)) & 0x3f;
                    text.push(char::from(STANDARD[sextet as usize]));
                } else {
                    text.push('=');
                }
            }
        }
        Base64 { text }
    }

    /// The bytes. The text was checked when read, so this cannot fail.
    pub fn decode(&self) -> Vec<u8> {
        let body = self.text.trim_end_matches('=');
        let mut bytes = Vec::with_capacity(body.len() * 3 / 4);
        let (mut buffer, mut bits) = (0u32, 0u32);
        for byte in body.bytes() {
            buffer = buffer << 6 | u32::from(sextet(byte).unwrap_or(0));
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                bytes.push((buffer >> bits) as u8);
                buffer &= (1 << bits) - 1;
            }
        }
        bytes
    }
}

/// The value of a character of either alphabet.
fn sextet(byte: u8) -> Option<u8> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    };
    Some(value)
}

fn alphabet_of(byte: u8) -> Option<Alphabet> {
    match byte {
        b'+' | b'/' => Some(Alphabet::Standard),
        b'-' | b'_' => Some(Alphabet::UrlSafe),
        _ => None,
    }
}

fn check(text: &str) -> Result<(), &'static str> {
    let body = text.trim_end_matches('=');
    let padding = text.len() - body.len();
    let mut seen: Option<Alphabet> = None;
    for byte in body.bytes() {
        if sextet(byte).is_none() {
            return Err("not a base64 character");
        }
        match (seen, alphabet_of(byte)) {
            (Some(Alphabet::Standard), Some(Alphabet::UrlSafe))
            | (Some(Alphabet::UrlSafe), Some(Alphabet::Standard)) => {
                return Err("mixes the standard and URL-safe alphabets")
            }
            (None, found) => seen = found,
            _ => {}
        }
    }
    if body.len() % 4 == 1 {
        return Err("length 4n+1 cannot be base64");
    }
    // Padding, when present, fills the last group of four.
    let full_group = (4 - body.len() % 4) % 4;
    if padding > 0 && padding != full_group {
        return Err("wrong padding");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_rfc_4648_vectors() {
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let encoded = Base64::encode(bytes.as_bytes());
            assert_eq!(encoded.as_str(), text);
            assert_eq!(encoded.decode(), bytes.as_bytes());
        }
    }

    #[test]
    fn every_byte_round_trips() {
        let bytes: Vec<u8> = (0..=255).collect();
        for len in 0..bytes.len() {
            let encoded = Base64::encode(&bytes[..len]);
            assert_eq!(encoded.decode(), &bytes[..len]);
            assert!(check(encoded.as_str()).is_ok());
        }
    }
}
