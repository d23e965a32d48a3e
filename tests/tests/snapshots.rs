//! The fixture code compiled by this crate is the code the emitter's insta
//! snapshots pin (`generator/tests/snapshots/emit__*.snap`).

use std::path::Path;

#[test]
fn compiled_fixtures_equal_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generator/tests/snapshots");
    assert!(docgen_tests::fixtures::SNAPSHOT_TEXTS.len() >= 10);
    for (name, compiled) in docgen_tests::fixtures::SNAPSHOT_TEXTS {
        let file = dir.join(format!("emit__{name}.snap"));
        let snap = std::fs::read_to_string(&file).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run `cargo insta test -p docgen --test emit`",
                file.display()
            )
        });
        let body = snapshot_body(&snap);
        assert_eq!(
            body.trim_end(),
            compiled.trim_end(),
            "{name}: the snapshot differs from the compiled fixture; run `cargo insta test -p docgen --test emit` and review"
        );
    }
}

/// The text after insta's `---` header.
fn snapshot_body(snap: &str) -> &str {
    let mut parts = snap.splitn(3, "---\n");
    let (_, _, body) = (parts.next(), parts.next(), parts.next());
    body.unwrap_or("")
}
