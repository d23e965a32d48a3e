//! `docgen conform` on a fixture checkout: each example either reproduced
//! by a generated call or filed in its group, and response examples checked
//! against the call's type; then on `docs-input/`, whose examples must all
//! be reproduced and decode.

use docgen::conform::{conform, Group, Report};
use docgen::docs::DocTree;

fn report(root: &str) -> Report {
    let path = format!("{}/{root}", env!("CARGO_MANIFEST_DIR"));
    let pages = DocTree::open(&path)
        .and_then(|t| t.read_all())
        .expect("checkout");
    let lowered = docgen::lower::lower(&pages);
    conform(&pages, &lowered.api)
}

#[test]
fn fixture_examples_are_reproduced_or_grouped() {
    let report = report("tests/fixtures/conform");
    assert_eq!(report.examples, 8);
    // `GET /gadgets?$top=2`, `GET /gadgets?$filter=size eq 4`, `GET /gadgets('g%201')` (the key in parentheses),
    // `GET /gadgets/$count` (the count call beside the listing `get`),
    // `GET /gadgets/microsoft.graph.gadget` (`cast::<Gadget>()`) and
    // `GET /gadgets/newest`, whose prose says "a collection" while its
    // example shows the one object Graph sends: read as one object.
    assert_eq!(report.reproduced, 6);
    assert_eq!(
        report.groups[&Group::DocErrorUndocumented],
        ["api-reference/v1.0/api/gadget-list.md:57: GET https://graph.microsoft.com/v1.0/gadgetz"]
    );
    assert_eq!(
        report.groups[&Group::DocErrorOtherMethod],
        ["api-reference/v1.0/api/gadget-get.md:52: DELETE https://graph.microsoft.com/v1.0/gadgets/g1"]
    );
    assert_eq!(report.doc_errors(), 2);
    assert_eq!((report.responses_checked, report.responses_decoded), (6, 5));
    assert_eq!(
        report.response_failures,
        ["api-reference/v1.0/api/gadget-get.md:42: `size`: expected an integer, found a string"]
    );
}

#[test]
fn docs_input_examples_are_all_reproduced_and_decode() {
    let report = report("../docs-input");
    assert!(report.examples >= 20, "{report:?}");
    assert_eq!(report.reproduced, report.examples, "{:?}", report.groups);
    assert!(report.responses_checked > 0);
    assert_eq!(
        report.responses_decoded, report.responses_checked,
        "{:?}",
        report.response_failures
    );
}

#[test]
fn an_upload_by_path_under_root_is_the_documented_items_upload() {
    // The page documents `PUT /me/drive/items/{parent-id}:/{filename}:/content`;
    // its example writes `PUT /me/drive/root:/FolderA/FileB.txt:/content`, the
    // same request with the root item addressed as `root`.
    let report = report("tests/fixtures/checkout");
    assert!(report.groups.is_empty(), "{:?}", report.groups);
    assert_eq!(report.reproduced, report.examples);
}
