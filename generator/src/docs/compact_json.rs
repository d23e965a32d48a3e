//! The IR dump's JSON writer: serde_json's compact output, byte for byte,
//! with strings scanned for escapes eight bytes at a time.
//!
//! serde_json looks at every byte of a string on its own; the dump of
//! English 2021 is 38 MB, most of it strings, so that loop is the largest
//! single cost of `docgen ir` after parsing. Everything but strings (numbers,
//! bytes) is handed to serde_json itself, so its formatting cannot drift.

use std::fmt::Display;

use serde::ser::{self, Serialize};

/// A value that serde_json would refuse too (a map key that is not a
/// string, a number or a unit variant; a custom error).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error(e.to_string())
    }
}

/// Appends `value` as compact JSON, exactly as `serde_json::to_writer` does.
pub fn to_writer<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Writer<'a> {
    /// serde_json's own serializer on the same output, for what this one
    /// does not write itself.
    fn json(&mut self) -> serde_json::Serializer<&mut Vec<u8>> {
        serde_json::Serializer::new(&mut *self.out)
    }

    fn open<'w>(&'w mut self, bracket: u8) -> Compound<'w, 'a> {
        self.out.push(bracket);
        Compound {
            writer: self,
            first: true,
        }
    }

    /// `{"variant":` before a variant's content; the caller closes it.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
    }

    /// `{"variant":` then the bracket of its tuple or struct.
    fn open_variant_compound<'w>(&'w mut self, variant: &str, bracket: u8) -> Compound<'w, 'a> {
        self.open_variant(variant);
        self.open(bracket)
    }
}

/// True for the bytes JSON strings escape: control characters, `"` and `\`.
static ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// True when one of the eight bytes is below 0x20, `"` or `\` (may also
/// say so of a word without one: the caller then looks byte by byte).
fn may_need_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let control = word.wrapping_sub(ONES * 0x20);
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w;
    ((control & !word) | zero_byte(quote) | zero_byte(backslash)) & HIGH != 0
}

/// `text` as a JSON string, escaped as serde_json escapes it.
fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let (mut start, mut at) = (0, 0);
    while at < bytes.len() {
        if let Some(word) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            if !may_need_escape(word) {
                at += 8;
                continue;
            }
        }
        let byte = bytes[at];
        if ESCAPED[usize::from(byte)] {
            out.extend_from_slice(&bytes[start..at]);
            write_escape(out, byte);
            start = at + 1;
        }
        at += 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

fn write_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        _ => {
            let hex = [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]];
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&hex);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Numbers, bytes and the rest that serde_json writes for itself.
macro_rules! through_serde_json {
    ($($method:ident($type:ty)),* $(,)?) => {$(
        fn $method(self, value: $type) -> Result<(), Error> {
            ser::Serializer::$method(&mut self.json(), value)?;
            Ok(())
        }
    )*};
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    through_serde_json!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
    );

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write_str(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(b'['))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open_variant_compound(variant, b'['))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(b'{'))
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open_variant_compound(variant, b'{'))
    }
}

/// An array, object or variant being written: `first` until an element.
struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
}

impl Compound<'_, '_> {
    fn separate(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(b',');
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.separate();
        write_str(self.writer.out, key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    fn close(self, brackets: &[u8]) -> Result<(), Error> {
        self.writer.out.extend_from_slice(brackets);
        Ok(())
    }
}

/// The compounds other than maps: those whose elements are values (arrays,
/// tuples, a variant's tuple) and those whose elements are named fields
/// (structs, a variant's struct), each closed by its brackets.
macro_rules! compounds {
    (@impl $compound:ident, $close:literal, $($method:tt)*) => {
        impl ser::$compound for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            $($method)*
            fn end(self) -> Result<(), Error> {
                self.close($close)
            }
        }
    };
    (values: $($compound:ident::$method:ident closed by $close:literal),*;
     fields: $($named:ident closed by $named_close:literal),*) => {
        $(compounds!(@impl $compound, $close,
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
        );)*
        $(compounds!(@impl $named, $named_close,
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
        );)*
    };
}

compounds!(
    values: SerializeSeq::serialize_element closed by b"]",
        SerializeTuple::serialize_element closed by b"]",
        SerializeTupleStruct::serialize_field closed by b"]",
        SerializeTupleVariant::serialize_field closed by b"]}";
    fields: SerializeStruct closed by b"}",
        SerializeStructVariant closed by b"}}"
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        // The page IR has no maps: keys take serde_json's own rules (strings;
        // numbers quoted; others refused), through a one-entry object whose
        // `{` is dropped.
        let mut scratch = Vec::new();
        let mut json = serde_json::Serializer::new(&mut scratch);
        let mut object = ser::Serializer::serialize_map(&mut json, Some(1))?;
        ser::SerializeMap::serialize_key(&mut object, key)?;
        self.writer.out.extend_from_slice(&scratch[1..]);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b"}")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;
    use crate::random::Xorshift;

    fn same_as_serde_json<T: Serialize>(value: &T) {
        let mut ours = Vec::new();
        to_writer(&mut ours, value).unwrap();
        let theirs = serde_json::to_vec(value).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    /// Texts of every byte class a string escape cares about, at lengths
    /// around the eight-byte steps.
    fn random_text(random: &mut Xorshift) -> String {
        const PIECES: &[&str] = &[
            "a",
            "plain text ",
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{8}",
            "\u{c}",
            "\u{0}",
            "\u{1f}",
            "\u{7f}",
            " ",
            "é",
            "中文",
            "😀",
            "\u{2028}",
            "/",
            "'",
            "<>&",
            "\u{1b}[0m",
        ];
        let count = random.below(20);
        random.pieces(PIECES, count).concat()
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(String),
        Tuple(u8, String),
        Struct { name: String, tags: Vec<String> },
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        Empty,
        Named { name: String, line: u32 },
    }

    #[derive(Serialize)]
    struct Everything {
        text: String,
        list: Vec<String>,
        empty: Vec<u8>,
        maybe: Option<String>,
        nothing: Option<u32>,
        shapes: Vec<Shape>,
        tagged: Vec<Tagged>,
        numbers: (i64, u64, i8, f64, f64, f32),
        flags: (bool, bool, char, char),
        by_name: BTreeMap<String, u32>,
        by_number: BTreeMap<u16, String>,
        bytes: serde_bytes_like::Bytes,
        unit: (),
    }

    /// `serialize_bytes` without a dependency for it.
    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let mut random = Xorshift::new(0x00c0_ffee);
        for round in 0..3_000u64 {
            let mut text = || random_text(&mut random);
            let value = Everything {
                text: text(),
                list: (0..round % 4).map(|_| text()).collect(),
                empty: Vec::new(),
                maybe: Some(text()),
                nothing: None,
                shapes: vec![
                    Shape::Unit,
                    Shape::Newtype(text()),
                    Shape::Tuple(7, text()),
                    Shape::Struct {
                        name: text(),
                        tags: vec![text(), text()],
                    },
                ],
                tagged: vec![
                    Tagged::Empty,
                    Tagged::Named {
                        name: text(),
                        line: 42,
                    },
                ],
                numbers: (
                    -(round as i64),
                    round * 977,
                    -8,
                    0.1 * round as f64,
                    f64::NAN,
                    1.5,
                ),
                flags: (true, false, '"', char::from(round as u8 % 128)),
                by_name: [(text(), 1), (text(), 2)].into_iter().collect(),
                by_number: [(3, text()), (65535, text())].into_iter().collect(),
                bytes: serde_bytes_like::Bytes(text().into_bytes()),
                unit: (),
            };
            same_as_serde_json(&value);
        }
    }

    #[test]
    fn writes_the_pages_of_docs_input_as_serde_json_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let mut read = 0;
        for version in ["v1.0", "beta"] {
            for folder in ["api", "resources"] {
                let dir = root.join("api-reference").join(version).join(folder);
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries {
                    let path = entry.unwrap().path();
                    let file = format!("api-reference/{version}/{folder}/{}", path.display());
                    let bytes = std::fs::read(&path).unwrap();
                    same_as_serde_json(&crate::parse::read_page(
                        &file,
                        &bytes,
                        &crate::parse::NoIncludes,
                    ));
                    read += 1;
                }
            }
        }
        assert!(read >= 10, "{read} pages");
    }

    #[test]
    fn refuses_the_keys_serde_json_refuses() {
        let map: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
        assert!(serde_json::to_vec(&map).is_err());
        assert!(to_writer(&mut Vec::new(), &map).is_err());
    }
}
