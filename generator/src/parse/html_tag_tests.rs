//! Tests of the span tag reader (`html_tag.rs`).

use super::*;

/// The value of the first attribute called `name` (any case).
fn attribute<'a>(text: &'a str, tag: Tag, name: &str) -> Option<&'a str> {
    attributes(text, tag)
        .find(|(found, _)| found.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}

fn tags(text: &str) -> Vec<(Kind, &str)> {
    SpanTags::new(text)
        .map(|t| (t.kind, &text[t.start..t.end]))
        .collect()
}

#[test]
fn reads_open_and_close_tags_in_any_case_and_spacing() {
    let text = "a<span>b</span >c<SPAN\n x=1>d</Span\t>e<span/>f<spanx>g</span x>";
    assert_eq!(
        tags(text),
        [
            (Kind::Open, "<span>"),
            (Kind::Close, "</span >"),
            (Kind::Open, "<SPAN\n x=1>"),
            (Kind::Close, "</Span\t>"),
        ]
    );
}

#[test]
fn reads_attribute_values_quoted_or_not() {
    let text = "<span a=\"1 2\" B='x>y' c = 3 d e=\"\">";
    let tag = SpanTags::new(text).next().expect("a tag");
    assert_eq!(tag.end, text.len());
    assert_eq!(attribute(text, tag, "a"), Some("1 2"));
    assert_eq!(attribute(text, tag, "b"), Some("x>y"));
    assert_eq!(attribute(text, tag, "C"), Some("3"));
    assert_eq!(attribute(text, tag, "d"), Some(""));
    assert_eq!(attribute(text, tag, "e"), Some(""));
    assert_eq!(attribute(text, tag, "f"), None);
}

/// A `<` ends every tag attempt, even inside quotes, so no byte is read by
/// two attempts.
#[test]
fn a_tag_is_never_read_past_the_next_open_bracket() {
    let text = "<span a=\"x<span b='1'>";
    assert_eq!(tags(text), [(Kind::Open, "<span b='1'>")]);
    let mut scanner = SpanTags::new(text);
    scanner.by_ref().for_each(drop);
    assert!(scanner.bytes_read <= text.len());
}

#[test]
fn broken_tags_are_not_tags() {
    for text in [
        "<span",
        "<span a",
        "<span a=",
        "<span a='x",
        "<span a=\"x'>",
        "<span =x>",
        "<span \"a\">",
        "<span a=>",
        "</span",
        "</span a>",
        "<span a='x'/>",
        "<",
        "</",
    ] {
        assert_eq!(tags(text), [], "{text}");
    }
}
