//! Any text as a path template: the parser never panics, and what it accepts
//! renders back to a template it accepts again.
#![no_main]

use docgen::lower::template::{parse, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(pieces) = parse(text) {
        // Rendering is not a fixpoint for nested braces in quoted function
        // arguments (`q='{a{{b}'`), so only "parses again" is required.
        let rendered = render(&pieces);
        if let Err(e) = parse(&rendered) {
            panic!("{rendered:?} no longer parses: {e}");
        }
    }
});
