//! Permission-shaped names in a cell, and what a cell without one says.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

/// `Scope.Name`, `Scope.Name.All`, `eDiscovery.Read.All`, ...: a capitalized
/// (or camel-cased) scope, then dotted segments.
fn is_permission_name(token: &str) -> bool {
    const PLAIN: &[&str] = &["openid", "profile", "email", "offline_access"];
    // Every name the pattern takes has a dot: the words of prose and of
    // "not supported" cells are passed over without running it.
    (token.as_bytes().contains(&b'.') && name_pattern().is_match(token)) || PLAIN.contains(&token)
}

fn name_pattern() -> &'static Regex {
    static NAME: OnceLock<Regex> = OnceLock::new();
    NAME.get_or_init(|| {
        Regex::new(r"^(?:[A-Z][A-Za-z0-9_-]*|[a-z]+[A-Z][A-Za-z0-9_-]*)(?:\.[A-Za-z0-9_-]+)+$")
            .expect("valid regex")
    })
}

/// Permission names in a text, in order. Separators in any language, `*`
/// resource-specific-consent markers and "not supported" wording all drop out.
pub fn names_in(text: &str) -> Vec<String> {
    let text = latin_stops(text);
    tokens(&text)
        .filter(|token| is_permission_name(token))
        .map(str::to_owned)
        .collect()
}

/// Translation turns the dots of a name into full-width stops
/// (`Bookings。ReadWrite.All`); between two Latin letters or digits a stop
/// can only be such a dot.
fn latin_stops(text: &str) -> Cow<'_, str> {
    if !text.contains(['。', '．']) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let dot = |i: usize| {
        matches!(chars[i], '。' | '．')
            && i > 0
            && chars[i - 1].is_ascii_alphanumeric()
            && chars.get(i + 1).is_some_and(char::is_ascii_alphanumeric)
    };
    let fixed = (0..chars.len())
        .map(|i| if dot(i) { '.' } else { chars[i] })
        .collect();
    Cow::Owned(fixed)
}

/// The words of a cell, split on separators in any language and trimmed of
/// markup and punctuation.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '、' | '，' | ';' | '；' | '和' | '或' | '/')
    })
    .map(|token| {
        token.trim_matches(|c: char| {
            matches!(
                c,
                '*' | '\\' | '`' | '.' | '。' | '(' | ')' | '[' | ']' | '"' | '\'' | ':'
            )
        })
    })
    .filter(|token| !token.is_empty())
}

/// What a permission cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellContent {
    Names(Vec<String>),
    /// Some names, and beside them name-like text the reader could not take
    /// (`AdministrativeUnit、Directory.accessasuser.all`): the names, and
    /// the rest.
    Partial(Vec<String>, String),
    /// Empty, or wording such as "Not supported.", "Nicht unterstützt",
    /// "サポートされていません。" in any language: an empty kind.
    NotSupported,
    /// Neither: a number, a translated or mangled name (`任务.读取`,
    /// `AccessReview の構成`); worth a diagnostic.
    Unreadable,
}

pub fn classify(text: &str) -> CellContent {
    let text = &latin_stops(text);
    // The names, and the words that are not names, from one pass.
    let (mut names, mut others) = (Vec::new(), Vec::new());
    for token in tokens(text) {
        if is_permission_name(token) {
            names.push(token.to_owned());
        } else {
            others.push(token);
        }
    }
    verdict(text, names, || others.join(" "))
}

/// What a cell holds, given its names and (asked only when there are names)
/// its other words joined.
fn verdict(text: &str, names: Vec<String>, rest: impl FnOnce() -> String) -> CellContent {
    if !names.is_empty() {
        let rest = rest();
        if looks_like_a_name(&rest) {
            CellContent::Partial(names, rest)
        } else {
            CellContent::Names(names)
        }
    } else if looks_like_a_name_or_value(text) {
        CellContent::Unreadable
    } else {
        CellContent::NotSupported
    }
}

/// Wording that says "none" has no digit, no dotted token (`任务.读取`,
/// `Mail。Read`) and no camel-cased identifier (`AccessReview`): those are
/// names the reader could not take, whatever the language around them.
fn looks_like_a_name_or_value(text: &str) -> bool {
    looks_like_a_name(text) || text.chars().any(|c| c.is_ascii_digit())
}

fn looks_like_a_name(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    // A full-width stop ends CJK sentences too; it only joins a name's
    // segments when Latin letters touch it (`打印机。阅读.All`, `Mail。Read`).
    let dotted = chars.windows(3).any(|w| match w[1] {
        '.' => is_word_char(w[0]) && is_word_char(w[2]),
        '。' | '．' => w[0].is_ascii_alphanumeric() || w[2].is_ascii_alphanumeric(),
        _ => false,
    });
    let camel = chars.windows(3).any(|w| {
        w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase() && w[2].is_ascii_lowercase()
    });
    dotted || camel
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_in_every_language() {
        assert_eq!(
            names_in("User.Read, User.ReadWrite.All"),
            ["User.Read", "User.ReadWrite.All"]
        );
        assert_eq!(
            names_in("Mail.Read 和 Mail.Send"),
            ["Mail.Read", "Mail.Send"]
        );
        assert_eq!(names_in("Mail.Read、Mail.Send"), ["Mail.Read", "Mail.Send"]);
        assert_eq!(
            names_in("TeamsTab.ReadWrite.Group\\*"),
            ["TeamsTab.ReadWrite.Group"]
        );
        assert_eq!(
            names_in("eDiscovery.Read.All, eDiscovery.ReadWrite.All"),
            ["eDiscovery.Read.All", "eDiscovery.ReadWrite.All"]
        );
        assert!(names_in("Not supported.").is_empty());
        assert!(names_in("不支持。").is_empty());
        assert!(names_in("任务.读取").is_empty());
        assert_eq!(
            names_in("Bookings。ReadWrite.All、Bookings。Manage.All"),
            ["Bookings.ReadWrite.All", "Bookings.Manage.All"]
        );
        assert!(names_in("打印机。阅读.All").is_empty());
        assert!(names_in("see e.g. the docs").is_empty());
    }

    #[test]
    fn not_supported_in_any_language() {
        for text in [
            "",
            "Not supported.",
            "None",
            "n/a",
            "不支持。",
            "サポートされていません。",
            "Nicht unterstützt",
            "No admitida.",
            "Não suportado.",
            "Не поддерживается.",
            "지원되지 않음",
            "不支持。请改用其他方法",
        ] {
            assert_eq!(classify(text), CellContent::NotSupported, "{text}");
        }
    }

    #[test]
    fn numbers_and_mangled_names_are_unreadable() {
        for text in ["42", "任务.读取", "AccessReview の構成", "打印机。阅读.All"] {
            assert_eq!(classify(text), CellContent::Unreadable, "{text}");
        }
        assert_eq!(
            classify("User.Read"),
            CellContent::Names(vec!["User.Read".into()])
        );
    }

    #[test]
    fn name_like_text_beside_names_is_partial() {
        assert_eq!(
            classify("AdministrativeUnit、Directory.accessasuser.all"),
            CellContent::Partial(
                vec!["Directory.accessasuser.all".into()],
                "AdministrativeUnit".into()
            )
        );
        let prose = "Role required to [create subscription] or Subscription.Read.All (see below).";
        assert!(matches!(classify(prose), CellContent::Names(_)));
        assert!(matches!(
            classify("Directory.Read.All (B2C)"),
            CellContent::Names(_)
        ));
    }

    /// `classify`'s passes as they were: names from one pass over the words,
    /// the other words from a second, each word checked by the pattern alone.
    fn classify_oracle(text: &str) -> CellContent {
        let is_name = |token: &str| {
            name_pattern().is_match(token)
                || ["openid", "profile", "email", "offline_access"].contains(&token)
        };
        let text = &latin_stops(text);
        let names: Vec<String> = tokens(text)
            .filter(|t| is_name(t))
            .map(str::to_owned)
            .collect();
        let rest = || {
            tokens(text)
                .filter(|t| !is_name(t))
                .collect::<Vec<_>>()
                .join(" ")
        };
        verdict(text, names, rest)
    }

    #[test]
    fn one_pass_classifies_as_the_two_passes_did() {
        const WORDS: &[&str] = &[
            "User.Read",
            "Mail.ReadWrite.All",
            "eDiscovery.Read.All",
            "openid",
            "email",
            "offline_access",
            "AccessReview",
            "Not",
            "supported.",
            "None",
            "(B2C)",
            "42",
            "任务.读取",
            "Bookings。ReadWrite.All",
            "e.g.",
            "TeamsTab.ReadWrite.Group\\*",
            "、",
            "和",
            ",",
            " ",
            "/",
            "see",
            "[Permissions](/graph/permissions-reference).",
            "User.Read.",
            "`Files.Read`",
            "a.b",
            "A.",
            ".All",
            "x-y.Z",
            "サポートされていません。",
        ];
        let mut random = crate::random::Xorshift::new(0x5eed_cafe);
        for _ in 0..20_000 {
            let count = 1 + random.below(8);
            let text: String =
                random
                    .pieces(WORDS, count)
                    .join(if random.next_u64().is_multiple_of(3) {
                        ""
                    } else {
                        " "
                    });
            assert_eq!(classify(&text), classify_oracle(&text), "{text:?}");
        }
    }
}
