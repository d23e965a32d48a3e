//! The emitter's snapshots (`generator/tests/snapshots/emit__*.snap`) pin
//! the fixture code's text; this crate compiles that code. Here, only that
//! the two sets are the same: every pinned fixture is compiled, and every
//! compiled fixture is pinned. The text itself is pinned once, by insta.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_pinned_fixture_is_compiled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generator/tests/snapshots");
    let pinned: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let fixture = name.strip_prefix("emit__")?.strip_suffix(".snap")?;
            Some(fixture.to_owned())
        })
        .collect();
    let compiled: BTreeSet<String> = docgen_tests::fixtures::FIXTURES
        .iter()
        .map(|name| name.to_string())
        .collect();
    assert!(compiled.len() >= 10, "{compiled:?}");
    assert_eq!(
        pinned, compiled,
        "the emit snapshots and the compiled fixtures differ; run `cargo insta test -p docgen --test emit`"
    );
}
