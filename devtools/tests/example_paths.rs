//! Example paths on the fixture checkouts: every example of `docs-input/`
//! calls a documented path; the fixture put-content page's example calls
//! `root:/path:`, which no documented PUT template covers, and is listed.

use devtools::example_paths::example_paths;
use devtools::pipeline::read_pages;

fn report(root: &str) -> devtools::example_paths::ExamplePaths {
    let pages = read_pages(format!("{}/../{root}", env!("CARGO_MANIFEST_DIR"))).expect("checkout");
    example_paths(&pages)
}

#[test]
fn every_docs_input_example_calls_a_documented_path() {
    let report = report("docs-input");
    assert!(report.examples >= 19, "{report:?}");
    assert_eq!(report.own_page, report.examples, "{report:?}");
    assert!(report.uncovered.is_empty(), "{report:?}");
}

#[test]
fn an_example_outside_every_template_is_a_finding() {
    let report = report("generator/tests/fixtures/checkout");
    assert_eq!(
        report.uncovered,
        ["api-reference/v1.0/api/driveitem-put-content.md:52: PUT /me/drive/root:/FolderA/FileB.txt:/content"]
    );
    assert_eq!(report.own_page + report.other_page + 1, report.examples);
}
