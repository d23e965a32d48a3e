//! Any text as a path template: the parser never panics, and what it accepts
//! renders back to a template it accepts again, unchanged.
#![no_main]

use docgen::lower::template::{parse, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(pieces) = parse(text) {
        let rendered = render(&pieces);
        let again =
            parse(&rendered).unwrap_or_else(|e| panic!("{rendered:?} no longer parses: {e}"));
        assert_eq!(render(&again), rendered);
    }
});
