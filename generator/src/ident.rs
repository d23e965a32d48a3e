//! The one identifier sanitizer: every name from the docs that becomes Rust
//! code passes through here, when the IR is built.
//!
//! Rules: case as `heck` cases words (its rules, written here for ASCII:
//! see [`words_of`]); anything outside `[A-Za-z0-9_]` becomes a word
//! break; a leading digit gets a `_` prefix; keywords become raw identifiers
//! (`r#type`), except `self`, `super`, `crate` and `Self`, which cannot be raw
//! and get a `_` suffix; an empty name becomes `unnamed`. Collisions inside
//! one scope are settled by [`Scope::claim`].

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::thread::LocalKey;

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];

/// `displayName` → `display_name`; `@odata.type` → `odata_type`; `type` → `r#type`.
pub fn field_name(wire: &str) -> String {
    remembered(&FIELD_NAMES, wire, |w| finish(snake_case(&words(w))))
}

/// `cloudPcDeviceImage` → `CloudPcDeviceImage`.
pub fn type_name(wire: &str) -> String {
    remembered(&TYPE_NAMES, wire, |w| finish(upper_camel_case(&words(w))))
}

type Memo = RefCell<HashMap<String, String>>;

/// Names a thread remembers at most: well above the few thousand that recur.
const MEMO_LIMIT: usize = 20_000;

thread_local! {
    // The same few thousand names (`id`, `displayName`, ...) recur on every
    // page; heck is the slow part of reading a corpus without this.
    static FIELD_NAMES: Memo = RefCell::new(HashMap::new());
    static TYPE_NAMES: Memo = RefCell::new(HashMap::new());
}

/// `convert(wire)`, remembered per thread (a pure function, so the result is
/// the same whichever thread computes it).
fn remembered(memo: &'static LocalKey<Memo>, wire: &str, convert: fn(&str) -> String) -> String {
    memo.with(|memo| {
        if let Some(known) = memo.borrow().get(wire) {
            return known.clone();
        }
        let name = convert(wire);
        let mut memo = memo.borrow_mut();
        // Bounded: a page of a hundred thousand invented names would
        // otherwise keep them all, in every thread, for the whole run.
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(wire.to_owned(), name.clone());
        name
    })
}

/// Module names are snake case, like fields.
pub fn module_name(wire: &str) -> String {
    field_name(wire)
}

/// Replaces every character that cannot appear in an identifier by a space,
/// so heck sees a word break there.
fn words(wire: &str) -> String {
    wire.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `heck::ToSnakeCase` of an ASCII text: its words, lower case, joined by `_`.
fn snake_case(text: &str) -> String {
    let words: Vec<String> = words_of(text)
        .into_iter()
        .map(str::to_ascii_lowercase)
        .collect();
    words.join("_")
}

/// `heck::ToUpperCamelCase` of an ASCII text: each word capitalized, joined.
fn upper_camel_case(text: &str) -> String {
    let mut name = String::with_capacity(text.len());
    for word in words_of(text) {
        let (first, rest) = word.split_at(1);
        name.push_str(&first.to_ascii_uppercase());
        name.push_str(&rest.to_ascii_lowercase());
    }
    name
}

/// The words of an ASCII text as heck splits them: at every character that
/// is not a letter or digit, after a lower-case letter (or a digit that
/// follows one) that an upper-case letter follows, and before the last of a
/// run of capitals that a lower-case letter follows (`XMLHttp` → `XML`,
/// `Http`). heck's own Unicode path cost some 7,000 instructions a name; a
/// test holds the two to the same output.
fn words_of(text: &str) -> Vec<&str> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lowercase,
        Uppercase,
    }
    let mut found = Vec::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = word.as_bytes();
        let (mut init, mut mode) = (0, Mode::Boundary);
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                found.push(&word[init..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lowercase
            } else if c.is_ascii_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_ascii_uppercase() {
                found.push(&word[init..=i]);
                (init, mode) = (i + 1, Mode::Boundary);
            } else if mode == Mode::Uppercase && c.is_ascii_uppercase() && next.is_ascii_lowercase()
            {
                found.push(&word[init..i]);
                (init, mode) = (i, Mode::Boundary);
            } else {
                mode = next_mode;
            }
        }
    }
    found
}

fn finish(name: String) -> String {
    let name = if name.is_empty() {
        "unnamed".to_owned()
    } else {
        name
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    };
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The names taken in one Rust scope (a struct's fields, an impl's methods, a
/// module's items). A name that is taken gets `_2`, `_3`, ... appended.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Scope::default()
    }

    /// Marks `name` as used without renaming it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(bare(name).to_owned());
    }

    /// Returns `name`, or the first free `name_N`, and marks it taken.
    pub fn claim(&mut self, name: &str) -> String {
        if self.taken.insert(bare(name).to_owned()) {
            return name.to_owned();
        }
        let base = bare(name).trim_end_matches('_');
        (2..)
            .map(|n| format!("{base}_{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

impl Scope {
    /// Like [`Scope::claim`], for type names: a taken name gets `2`, `3`, ...
    /// appended (no underscore), so it stays upper camel case.
    pub fn claim_type(&mut self, name: &str) -> String {
        if self.taken.insert(bare(name).to_owned()) {
            return name.to_owned();
        }
        (2..)
            .map(|n| format!("{}{n}", bare(name)))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod scope_type_tests {
    use super::*;

    #[test]
    fn type_collisions_get_a_bare_number() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim_type("Item"), "Item");
        assert_eq!(scope.claim_type("Item"), "Item2");
        assert_eq!(scope.claim_type("Item2"), "Item22");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case() {
        assert_eq!(field_name("displayName"), "display_name");
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("osBuildNumber"), "os_build_number");
        assert_eq!(field_name("x-ms-client"), "x_ms_client");
    }

    #[test]
    fn keywords_become_raw() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("async"), "r#async");
        assert_eq!(type_name("type"), "Type");
    }

    #[test]
    fn unraw_keywords_get_a_suffix() {
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(type_name("self"), "Self_");
    }

    #[test]
    fn leading_digits_and_symbols() {
        assert_eq!(field_name("3dModel"), "_3d_model");
        assert_eq!(type_name("1drive"), "_1drive");
        assert_eq!(field_name("$value"), "value");
        assert_eq!(field_name("中文"), "unnamed");
        assert_eq!(field_name(""), "unnamed");
    }

    /// The case rules are heck's: random ASCII names (letters of both cases,
    /// digits, separators) come out as heck writes them.
    #[test]
    fn case_follows_heck() {
        use heck::{ToSnakeCase, ToUpperCamelCase};
        const ALPHABET: &[u8] = b"aAbZz09_ -.@xXyY";
        let mut random = crate::random::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200_000 {
            let mut text = String::new();
            let state = random.next_u64();
            let len = (state % 12) as usize;
            for k in 0..len {
                let pick = (state >> (4 * k + 8)) as usize % ALPHABET.len();
                text.push(ALPHABET[pick] as char);
            }
            let text = words(&text);
            assert_eq!(snake_case(&text), text.to_snake_case(), "{text:?}");
            assert_eq!(
                upper_camel_case(&text),
                text.to_upper_camel_case(),
                "{text:?}"
            );
        }
        for name in [
            "XMLHttpRequest",
            "osBuild10Number",
            "iOS",
            "a1B",
            "ABC",
            "abc1DEF2ghi",
            "x9Y",
        ] {
            assert_eq!(snake_case(name), name.to_snake_case());
            assert_eq!(upper_camel_case(name), name.to_upper_camel_case());
        }
    }

    #[test]
    fn collisions_get_numbered() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("value"), "value");
        assert_eq!(scope.claim("value"), "value_2");
        assert_eq!(scope.claim("value"), "value_3");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type_2");
    }
}
