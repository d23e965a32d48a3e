//! Tests of the side-by-side unit reader (`sxs.rs`).

use super::*;

fn english_of(text: &str) -> String {
    unwrap(text).text
}

#[test]
fn keeps_the_english_side_of_each_pair() {
    let text = format!(
        "|{}|{}|",
        text_unit("a-1", "(translated)", "Widget kind"),
        text_unit("a-2", "(translated)", "Gadgets")
    );
    assert_eq!(english_of(&text), "|Widget kind|Gadgets|");
}

#[test]
fn keeps_links_and_code_inside_spans() {
    let text = text_unit(
        "b-p101",
        "(translated) [(translated)](/widgets/x)",
        "See [widgets](/widgets/x) and `418`",
    );
    assert_eq!(english_of(&text), "See [widgets](/widgets/x) and `418`");
}

/// The markup variants any HTML writer may produce read like the canonical
/// form.
#[test]
fn markup_variants_read_like_the_canonical_form() {
    let canonical = format!("<{}>", text_unit("a-1", "(translated) x", "Widget kind"));
    assert_eq!(english_of(&canonical), "<Widget kind>");
    let variants = [
        // Single quotes, unquoted values.
        "<span data-t='a-1'>(t)</span><span class='wrap'><span data-s='a-1'>Widget kind</span></span>",
        "<span data-t=a-1>(t)</span><span class=wrap><span data-s=a-1>Widget kind</span></span>",
        // Extra attributes, in any order.
        "<span class=\"x\" data-t=\"a-1\" lang=zh>(t)</span><span data-x class=\"wrap\" dir=ltr><span id=\"q\" data-s=\"a-1\">Widget kind</span></span>",
        // Whitespace inside tags.
        "<span  data-t = \"a-1\" >(t)</span ><span\n class = \"wrap\"\t><span data-s= 'a-1'>Widget kind</span\t></span >",
        // Upper-case tag and attribute names.
        "<SPAN DATA-T=\"a-1\">(t)</SPAN><Span Class=\"wrap\"><span Data-S=\"a-1\">Widget kind</sPaN></SPAN>",
        // A class with several tokens.
        "<span data-t=\"a-1\">(t)</span><span class=\"other wrap\tmore\"><span data-s=\"a-1\">Widget kind</span></span>",
        // Whitespace or a newline between the parts.
        "<span data-t=\"a-1\">(t)</span>\n<span class=\"wrap\"> <span data-s=\"a-1\">Widget kind</span>\n</span>",
    ];
    for variant in variants {
        assert_eq!(
            english_of(&format!("<{variant}>")),
            "<Widget kind>",
            "{variant}"
        );
    }
}

#[test]
fn the_two_ids_must_sit_under_different_attributes() {
    let text = "<span data-t=\"a\">x</span><span class=\"w\"><span data-t=\"a\">y</span></span>";
    assert_eq!(english_of(text), text);
}

#[test]
fn mismatched_ids_are_left_alone() {
    let text = text_unit("a", "x", "y").replacen("data-source=\"a\"", "data-source=\"b\"", 1);
    assert!(text.contains("data-source=\"b\""));
    assert_eq!(english_of(&text), text);
}

#[test]
fn text_between_the_sides_is_left_alone() {
    let text = text_unit("a", "x", "y").replacen("</span><span class", "</span>, <span class", 1);
    assert_eq!(english_of(&text), text);
}

#[test]
fn unterminated_span_is_left_alone() {
    for text in [
        "<span data-t=\"a\">x</span>",
        "<span data-t=\"a\">x</span><span class=\"wrap\"><span data-s=\"a\">y</span>",
        "<span data-t=\"a\">x</span><span class=\"wrap\"><span data-s=\"a\">y",
        "<span data-t=\"a\">x</span><span class=\"wrap\"><span data-s=\"a",
        "<span data-t=\"a\">x",
        "<span data-t=\"a",
    ] {
        assert_eq!(english_of(text), text);
    }
}

/// A later, well-formed unit is still read after a broken one.
#[test]
fn a_broken_unit_does_not_stop_the_next() {
    let text = format!(
        "<span data-t=\"a\">x</span> {} <span data-t=\"c\">",
        text_unit("b", "(t)", "y")
    );
    assert_eq!(
        english_of(&text),
        "<span data-t=\"a\">x</span> y <span data-t=\"c\">"
    );
}

#[test]
fn nested_spans_are_matched_by_depth() {
    let translated = "(t) <span class=\"k\">key <span>word</span></span> (t)";
    let english = "See <span class=\"k\">key</span> here";
    assert_eq!(english_of(&text_unit("a", translated, english)), english);
}

#[test]
fn checkpoints_map_back_to_the_input() {
    let unit = text_unit("a", "(t)", "Hello");
    let text = format!("ab{unit}cd");
    let read = unwrap(&text);
    assert_eq!(read.text, "abHellocd");
    let hello = text.find("Hello").unwrap();
    assert_eq!(
        read.checkpoints,
        [
            Checkpoint {
                output: 2,
                input: hello,
            },
            Checkpoint {
                output: 7,
                input: 2 + unit.len(),
            },
        ]
    );
}

/// 200,000 malformed openers (and as many unclosed or unmatched ones)
/// before one unit: the tag scan reads each byte at most once and each tag
/// is tried once as a unit.
#[test]
fn many_broken_openers_stay_linear() {
    let unit = text_unit("a-1", "x", "y");
    for broken in [
        "<span data-t=\"",
        "<span data-t=\"a\">",
        "<span data-t=\"a\">x</span>",
        "<span data-t=a>x</span><span class=wrap><span data-s=b>",
    ] {
        let text = format!("{}{unit}", broken.repeat(200_000));
        let (read, steps) = read_units(&text);
        assert!(read.text.ends_with('y'), "{broken}");
        assert!(!read.text.ends_with("</span>"), "{broken}");
        assert!(steps.tag_bytes_read <= text.len(), "{broken}: {steps:?}");
        assert!(steps.unit_attempts <= steps.tags, "{broken}: {steps:?}");
    }
}

#[test]
fn pages_with_span_tags_are_read_for_units() {
    assert!(may_hold_units(&text_unit("a", "x", "y")));
    assert!(may_hold_units("<SPAN x=a>"));
    assert!(!may_hold_units("a <spa> b"));
    let mixed = "|<span Data-T=\"a-1\">(t)</span><span class=\"w\"><span Data-S=\"a-1\">Widget kind</span></span>|";
    assert_eq!(unwrap(mixed).text, "|Widget kind|");
}
