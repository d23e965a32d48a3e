//! The reader never panics and never hangs, whatever the bytes, and every
//! diagnostic points at a line of the file. Pages of the checkouts are
//! truncated and mutated with markup fragments by a seeded generator.

use docgen::ir::page::Page;
use docgen::parse::{read_page, side_by_side, NoIncludes};

/// The three pieces of side-by-side markup around a text unit `a-1`'s two
/// sides: what opens it, what lies between the sides, what closes it.
fn unit_markers() -> Vec<String> {
    let unit = side_by_side::text_unit("a-1", "\0", "\0");
    unit.split('\0').map(str::to_owned).collect()
}

/// Markup fragments the mutator inserts, the side-by-side markers (text
/// unit `a-1`) among them.
fn fragments() -> Vec<String> {
    let markers = unit_markers();
    let named = [
        "<!--",
        "-->",
        "```",
        "```http\n",
        "|",
        "\n|---|---|\n",
        &markers[0],
        &markers[1],
        &markers[2],
        // Variant markup the reader also takes.
        "<SPAN class = 'x sxs-lookup' >",
        "</span\n>",
        "## ",
        "# [HTTP](#tab/http)\n",
        "<a name=\"",
        "[!INCLUDE [x](../../../../../etc/passwd)]",
        "GET /",
        "POST ",
        "{",
        "}",
        "\"",
        "&quot;",
        "\u{a0}",
        "\u{200b}",
        "\t",
        "\r",
        "\u{feff}",
        "\u{fffd}",
        // Two-, three- and four-byte UTF-8.
        "\u{fc}\u{20ac}\u{1d11e}",
        "---\n",
        "`",
        "(",
        ")",
        "[",
        "](",
        "*",
        "\n\n",
        "<br>",
        "&nbsp;",
        "HTTP/1.1 204",
        "{id | userPrincipalName}",
        ":/",
        "\\",
    ];
    named.iter().map(|f| (*f).to_owned()).collect()
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn checkout_pages() -> Vec<Vec<u8>> {
    let mut pages = Vec::new();
    for root in [
        "../docs-input",
        "tests/fixtures/checkout",
        "tests/fixtures/zh-cn",
    ] {
        let tree = docgen::docs::DocTree::open(format!("{}/{root}", env!("CARGO_MANIFEST_DIR")))
            .expect("checkout");
        for file in tree.pages().expect("pages") {
            pages.push(std::fs::read(tree.root().join(file)).expect("page"));
        }
    }
    pages
}

fn check(bytes: &[u8]) -> Page {
    let page = read_page("api-reference/beta/api/x.md", bytes, &NoIncludes);
    // Lines as CommonMark and the reader count them: `\n`, `\r\n`, and a
    // lone `\r` (an old Mac line end) each end one.
    let lone_cr = bytes
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(bytes.last() == Some(&b'\r'));
    let lines = (bytes.split(|b| *b == b'\n').count() + lone_cr) as u32;
    for d in &page.diagnostics {
        assert!(
            d.line >= 1 && d.line <= lines.max(1),
            "diagnostic line {} outside 1..={lines}: {}",
            d.line,
            d.message
        );
    }
    page
}

fn mutate(page: &[u8], fragments: &[String], rng: &mut XorShift) -> Vec<u8> {
    let mut bytes = page.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(3) {
            0 => {
                let fragment = fragments[rng.below(fragments.len())].as_bytes();
                bytes.splice(at..at, fragment.iter().copied());
            }
            1 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
        }
    }
    bytes
}

#[test]
fn truncated_pages_are_read() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for page in checkout_pages() {
        for _ in 0..40 {
            check(&page[..rng.below(page.len() + 1)]);
        }
    }
}

#[test]
fn mutated_pages_are_read() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let fragments = fragments();
    for page in checkout_pages() {
        for _ in 0..150 {
            check(&mutate(&page, &fragments, &mut rng));
        }
    }
}

/// Found by fuzzing: an indented code block has no fence line, so its first
/// line is the block's own (a junk line at the last line was reported one
/// past the end of the file).
#[test]
fn an_indented_request_block_reports_its_own_lines() {
    let page = "## HTTP request\n\n    GET /a\n    not a request line";
    let read = check(page.as_bytes());
    let junk = read
        .diagnostics
        .iter()
        .find(|d| d.message.contains("not request lines"))
        .expect("the junk line is reported");
    assert_eq!(junk.line, 4);
    assert_eq!(read.operations[0].line, 3);
}

#[test]
fn pathological_inputs_are_read() {
    let big = |s: &str, n: usize| s.repeat(n).into_bytes();
    let inputs = [
        Vec::new(),
        b"---".to_vec(),
        b"---\n".to_vec(),
        big("<!--", 50_000),
        big("```\n", 50_000),
        big("|", 200_000),
        big("| a | b |\n", 20_000),
        big("```", 100_000),
        big("[", 100_000),
        big(">", 100_000),
        big(&unit_markers()[0], 50_000),
        big(
            &unit_markers()[0][..=unit_markers()[0].find('"').expect("a quoted id")],
            50_000,
        ),
        big("## <a name=\"", 20_000),
        big("GET /a/{b\n", 20_000),
        vec![0xff; 100_000],
        (0..=255u8).cycle().take(300_000).collect(),
    ];
    for input in inputs {
        check(&input);
    }
}

#[test]
fn reading_is_deterministic() {
    for page in checkout_pages() {
        let first = read_page("api-reference/v1.0/api/x.md", &page, &NoIncludes);
        let second = read_page("api-reference/v1.0/api/x.md", &page, &NoIncludes);
        assert_eq!(first, second);
    }
}
