//! No file of any crate in the workspace imports a file that imports it back
//! (directly or through re-exports), test modules included.

use std::path::Path;

use devtools::import_graph::ImportGraph;

const CRATES: &[&str] = &["generator", "runtime", "devtools", "tests", "generated"];

#[test]
fn no_crate_has_an_import_cycle() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for name in CRATES {
        let graph = ImportGraph::of_crate(&workspace.join(name)).expect("readable crate");
        for cycle in graph.cycles() {
            let ties: Vec<String> = graph
                .ties(&cycle)
                .into_iter()
                .map(|tie| format!("  {} -> {}: {}", tie.from, tie.to, tie.names.join(", ")))
                .collect();
            found.push(format!("{name}: {}\n{}", cycle.join(", "), ties.join("\n")));
        }
    }
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

/// The check sees a cycle through a re-export, and an inline `super::` use.
#[test]
fn a_cycle_through_a_re_export_is_found() {
    let dir = std::env::temp_dir().join(format!("docgen-imports-{}", std::process::id()));
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("lib.rs"), "mod a;\nmod b;\npub use b::Thing;\n").unwrap();
    std::fs::write(
        src.join("a.rs"),
        "pub fn helper() {}\npub fn uses() -> crate::Thing { crate::Thing }\n",
    )
    .unwrap();
    std::fs::write(
        src.join("b.rs"),
        "pub struct Thing;\npub fn calls() { super::a::helper() }\n",
    )
    .unwrap();
    let graph = ImportGraph::of_crate(&dir).unwrap();
    let cycles = graph.cycles();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert!(
        cycles[0][0].ends_with("a.rs") && cycles[0][1].ends_with("b.rs"),
        "{cycles:?}"
    );
}
