//! The committed `generated/` crate is what docgen makes of `docs-input/`.

use std::path::Path;

use docgen::docs::DocTree;
use docgen::generate::Generator;
use docgen::settings::Settings;

const COMMAND: &str = "cargo run -p docgen -- generate --docs docs-input --out generated";

#[test]
fn generated_crate_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let pages = DocTree::open(root.join("docs-input"))
        .and_then(|tree| tree.read_all())
        .expect("docs-input");
    let files = Generator::new(&Settings::default())
        .generate(&pages)
        .expect("generate")
        .files;
    let differences =
        docgen::write::compare(&root.join("generated"), &files).expect("read generated/");
    let list: Vec<String> = differences.iter().map(|d| format!("  {d}")).collect();
    assert!(
        differences.is_empty(),
        "generated/ is stale; run `{COMMAND}`\n{}",
        list.join("\n")
    );
}
