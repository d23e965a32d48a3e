//! Which kind a row label (or a transposed table's column header) names,
//! read from the structure the docs keep in every language: the rows come
//! as delegated work or school, delegated personal Microsoft account, then
//! application; the delegated labels carry a parenthesis (or share their
//! first word) and the application label does not. The label's words only
//! confirm: they settle a reversed pair of delegated rows or a table with a
//! single delegated row.

use std::sync::OnceLock;

use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Work,
    Personal,
    Application,
}

/// The documented order, used when nothing else tells the rows apart.
const ORDER: [Kind; 3] = [Kind::Work, Kind::Personal, Kind::Application];

/// The kinds read from a set of labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindSet {
    pub kinds: Vec<Kind>,
    /// Taken from the documented order alone: no parenthesis, shared word
    /// or known word told the labels apart.
    pub positional: bool,
}

/// The kinds of a set of labels that reads as one permission table's kind
/// labels; `None` when it does not (resource rows, scenario sentences).
pub fn kind_set(labels: &[&str]) -> Option<KindSet> {
    let n = labels.len();
    if n == 0 || n > ORDER.len() || labels.iter().any(|l| !is_kind_label(l)) {
        return None;
    }
    let delegated = delegated_marks(labels);
    let marked = delegated.iter().filter(|d| **d).count();
    if marked > 0 && marked <= 2 && n - marked <= 1 {
        let kinds = assign(labels, &delegated);
        return Some(KindSet {
            kinds,
            positional: false,
        });
    }
    // No structure to read, or every label parenthesized: a shorter table
    // needs its words; a full one follows the documented order.
    if let Some(kinds) = labels
        .iter()
        .map(|l| word_kind(l))
        .collect::<Option<Vec<_>>>()
    {
        if distinct(&kinds) {
            return Some(KindSet {
                kinds,
                positional: false,
            });
        }
    }
    (n == ORDER.len()).then(|| KindSet {
        kinds: ORDER.to_vec(),
        positional: true,
    })
}

fn distinct(kinds: &[Kind]) -> bool {
    kinds
        .iter()
        .enumerate()
        .all(|(i, k)| !kinds[..i].contains(k))
}

/// A label naming a kind is short text, not a link to a resource.
fn is_kind_label(label: &str) -> bool {
    let label = label.trim();
    !label.is_empty() && !label.contains(['[', ']']) && label.chars().count() <= 80
}

/// Delegated labels carry a parenthesis; without any, the labels that share
/// their first word with another (`Delegated – work…`, `Delegated – personal…`).
fn delegated_marks(labels: &[&str]) -> Vec<bool> {
    let parens: Vec<bool> = labels.iter().map(|l| l.contains(['(', '（'])).collect();
    if parens.iter().any(|p| *p) {
        return parens;
    }
    let firsts: Vec<Option<String>> = labels.iter().map(|l| first_word(l)).collect();
    firsts
        .iter()
        .map(|w| w.is_some() && firsts.iter().filter(|o| *o == w).count() >= 2)
        .collect()
}

/// The first word of a label of several words, lower-cased.
fn first_word(label: &str) -> Option<String> {
    let mut words = label
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '：' | ','))
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    words.next().map(|_| first.to_lowercase())
}

/// Delegated rows in order are work then personal, unless the words of the
/// first say personal and those of the second do not; the unmarked row is
/// the application.
fn assign(labels: &[&str], delegated: &[bool]) -> Vec<Kind> {
    let rows: Vec<usize> = (0..labels.len()).filter(|i| delegated[*i]).collect();
    let personal = |i: usize| says_personal(labels[i]);
    let delegated_kinds: Vec<Kind> = match rows.as_slice() {
        [only] if personal(*only) => vec![Kind::Personal],
        [_] => vec![Kind::Work],
        [a, b] if personal(*a) && !personal(*b) => vec![Kind::Personal, Kind::Work],
        _ => vec![Kind::Work, Kind::Personal],
    };
    let mut next = delegated_kinds.into_iter();
    delegated
        .iter()
        .map(|d| match d {
            true => next.next().unwrap_or(Kind::Work),
            false => Kind::Application,
        })
        .collect()
}

fn says_personal(label: &str) -> bool {
    matches!(word_kind(label), Some(Kind::Personal))
}

/// What a label's words say, in the languages whose words are known; a
/// confirmation only, never needed for a full table.
pub fn word_kind(label: &str) -> Option<Kind> {
    let lower = label.to_lowercase();
    let [personal, work, application, delegated] = known_words();
    if personal.is_match(&lower) {
        Some(Kind::Personal)
    } else if work.is_match(&lower) {
        Some(Kind::Work)
    } else if application.is_match(&lower) {
        Some(Kind::Application)
    } else if delegated.is_match(&lower) {
        Some(Kind::Work)
    } else {
        None
    }
}

/// One matcher per word list, true when the text holds any of its words:
/// a searcher built once, where testing each word was a substring search of
/// its own (some 545,000 of them on English 2021).
fn known_words() -> &'static [Regex; 4] {
    static KNOWN: OnceLock<[Regex; 4]> = OnceLock::new();
    KNOWN.get_or_init(|| {
        [PERSONAL, WORK, APPLICATION, DELEGATED].map(|words| {
            let alternatives: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
            Regex::new(&alternatives.join("|")).expect("escaped words form a valid pattern")
        })
    })
}

/// The personal account is the Microsoft account: its name in any script
/// marks the row as well as the word "personal" does.
const PERSONAL: &[&str] = &[
    "personal",
    "personnel",
    "persönlich",
    "pessoal",
    "personale",
    "persoonlijk",
    "osobist",
    "личн",
    "個人",
    "个人",
    "개인",
    "microsoft",
    "майкрософт",
    "マイクロソフト",
    "마이크로소프트",
    "微软",
    "微軟",
];
const WORK: &[&str] = &[
    "work",
    "school",
    "工作",
    "学校",
    "學校",
    "職場",
    "회사",
    "학교",
    "geschäft",
    "schul",
    "profesional",
    "educativ",
    "professionnel",
    "scolaire",
    "corporativ",
    "estudante",
    "рабоч",
    "учебн",
    "aziendal",
];
const APPLICATION: &[&str] = &[
    "application",
    "应用",
    "應用",
    "アプリ",
    "aplicaci",
    "aplicação",
    "aplicativo",
    "anwendung",
    "applicazione",
    "приложени",
    "애플리케이션",
    "응용",
];
const DELEGATED: &[&str] = &[
    "delegated",
    "委派",
    "委托",
    "委任",
    "delegad",
    "delegiert",
    "délégu",
    "delegat",
    "делегир",
    "위임",
];

#[cfg(test)]
mod tests {
    use super::Kind::*;
    use super::*;

    #[test]
    fn parentheses_and_order_decide() {
        let labels = ["Xxx (yyy zzz)", "Xxx (www Qqq)", "Vvv"];
        assert_eq!(kinds(&labels), Some(vec![Work, Personal, Application]));
    }

    #[test]
    fn shared_first_word_marks_delegated_rows() {
        let labels = ["Aaa – bbb ccc", "Ddd", "Aaa – eee fff"];
        assert_eq!(kinds(&labels), Some(vec![Work, Application, Personal]));
    }

    #[test]
    fn unknown_words_follow_the_documented_order() {
        let set = kind_set(&["Aaa", "Bbb", "Ccc"]).expect("three rows");
        assert_eq!(set.kinds, [Work, Personal, Application]);
        assert!(set.positional);
        assert_eq!(kinds(&["Aaa", "Bbb"]), None);
    }

    fn kinds(labels: &[&str]) -> Option<Vec<Kind>> {
        kind_set(labels).map(|s| s.kinds)
    }

    #[test]
    fn words_settle_a_single_delegated_row() {
        assert_eq!(
            kinds(&[
                "Делегированные (личная учетная запись Майкрософт)",
                "Приложение"
            ]),
            Some(vec![Personal, Application])
        );
        assert_eq!(
            kinds(&["Delegada (conta corporativa ou de estudante)", "Aplicativo"]),
            Some(vec![Work, Application])
        );
    }

    #[test]
    fn reversed_delegated_rows_follow_their_words() {
        let labels = [
            "Delegated (personal Microsoft account)",
            "Delegated (work or school account)",
        ];
        assert_eq!(kinds(&labels), Some(vec![Personal, Work]));
    }

    #[test]
    fn resources_and_sentences_are_not_kind_labels() {
        assert_eq!(
            kinds(&["[event](../resources/event.md)", "Application"]),
            None
        );
        assert_eq!(kinds(&["A", "B", "C", "D"]), None);
    }
}
