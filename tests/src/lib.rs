//! The emitter's fixture output, compiled: `build.rs` runs docgen on each
//! fixture page of `generator/tests/fixtures/emit/` and every area and model
//! file it makes is included here: the files the emitter's snapshot tests
//! pin (`generator/tests/emit.rs`) are thereby code that compiles.

/// One module per fixture page: `<fixture>::<version>::<area>`.
pub mod fixtures {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}
