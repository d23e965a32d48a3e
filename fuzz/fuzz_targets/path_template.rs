//! Any text as a path template: neither the parser nor rendering what it
//! accepts panics. (Rendering then parsing again is not required to agree:
//! `parse` normalizes, e.g. strips one leading `beta/` and halves `{{`, so
//! `/beta/beta/x.y` and nested braces in quoted arguments do not round-trip;
//! no doc path has either.)
#![no_main]

use docgen::lower::template::{parse, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(pieces) = parse(text) {
        let rendered = render(&pieces);
        let _ = parse(&rendered);
    }
});
