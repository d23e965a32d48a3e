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
        "<span data-ttu-id='a-1'>(t)</span><span class='sxs-lookup'><span data-stu-id='a-1'>Widget kind</span></span>",
        "<span data-ttu-id=a-1>(t)</span><span class=sxs-lookup><span data-stu-id=a-1>Widget kind</span></span>",
        // Extra attributes, in any order.
        "<span class=\"x\" data-ttu-id=\"a-1\" lang=zh>(t)</span><span data-x class=\"sxs-lookup\" dir=ltr><span id=\"q\" data-stu-id=\"a-1\">Widget kind</span></span>",
        // Whitespace inside tags.
        "<span  data-ttu-id = \"a-1\" >(t)</span ><span\n class = \"sxs-lookup\"\t><span data-stu-id= 'a-1'>Widget kind</span\t></span >",
        // Upper-case tag and attribute names.
        "<SPAN DATA-TTU-ID=\"a-1\">(t)</SPAN><Span Class=\"sxs-lookup\"><span Data-Stu-Id=\"a-1\">Widget kind</sPaN></SPAN>",
        // A class with several tokens.
        "<span data-ttu-id=\"a-1\">(t)</span><span class=\"other sxs-lookup\tmore\"><span data-stu-id=\"a-1\">Widget kind</span></span>",
        // Whitespace or a newline between the parts.
        "<span data-ttu-id=\"a-1\">(t)</span>\n<span class=\"sxs-lookup\"> <span data-stu-id=\"a-1\">Widget kind</span>\n</span>",
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
fn the_lookup_class_must_be_a_whole_token() {
    let text = "<span data-ttu-id=\"a\">x</span><span class=\"sxs-lookups\"><span data-stu-id=\"a\">y</span></span>";
    assert_eq!(english_of(text), text);
}

#[test]
fn mismatched_ids_are_left_alone() {
    let text = text_unit("a", "x", "y").replacen("data-stu-id=\"a\"", "data-stu-id=\"b\"", 1);
    assert!(text.contains("data-stu-id=\"b\""));
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
        "<span data-ttu-id=\"a\">x</span>",
        "<span data-ttu-id=\"a\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a\">y</span>",
        "<span data-ttu-id=\"a\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a\">y",
        "<span data-ttu-id=\"a\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a",
        "<span data-ttu-id=\"a\">x",
        "<span data-ttu-id=\"a",
    ] {
        assert_eq!(english_of(text), text);
    }
}

/// A later, well-formed unit is still read after a broken one.
#[test]
fn a_broken_unit_does_not_stop_the_next() {
    let text = format!(
        "<span data-ttu-id=\"a\">x</span> {} <span data-ttu-id=\"c\">",
        text_unit("b", "(t)", "y")
    );
    assert_eq!(
        english_of(&text),
        "<span data-ttu-id=\"a\">x</span> y <span data-ttu-id=\"c\">"
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
        "<span data-ttu-id=\"",
        "<span data-ttu-id=\"a\">",
        "<span data-ttu-id=\"a\">x</span>",
        "<span data-ttu-id=a>x</span><span class=sxs-lookup><span data-stu-id=b>",
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
fn pages_are_recognised_by_the_id_attribute() {
    assert!(is_side_by_side(&text_unit("a", "x", "y")));
    assert!(is_side_by_side("<SPAN DATA-TTU-ID=a>"));
    assert!(is_side_by_side("<span Data-Ttu-Id=a>"));
    assert!(!is_side_by_side(
        "<span class=\"sxs-lookup\" data-ttu=\"a\">"
    ));
    let mixed = "|<span Data-Ttu-Id=\"a-1\">(t)</span><span class=\"sxs-lookup\"><span Data-Stu-Id=\"a-1\">Widget kind</span></span>|";
    assert_eq!(unwrap(mixed).text, "|Widget kind|");
}
