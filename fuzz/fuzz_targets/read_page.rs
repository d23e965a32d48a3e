//! Any bytes as a page: the reader never panics, and every diagnostic points
//! at a line of the input.
#![no_main]

use docgen::parse::{read_page, NoIncludes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = read_page("api-reference/v1.0/api/fuzz.md", data, &NoIncludes);
    // Lines as the reader counts them: `\n`, `\r\n` and a lone `\r` end one.
    let lone_cr = data
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(data.last() == Some(&b'\r'));
    let lines = (data.split(|b| *b == b'\n').count() + lone_cr) as u32;
    for d in &page.diagnostics {
        assert!(
            d.line >= 1 && d.line <= lines,
            "line {} of {lines}: {}",
            d.line,
            d.message
        );
    }
});
