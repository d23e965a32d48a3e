//! IR snapshots: one per page of `docs-input/` and one per fixture page of
//! each variant the reader handles (`tests/fixtures/checkout/`).

use devtools::snapshot::snapshot_name;
use docgen::docs::DocTree;
use docgen::ir::page::{HttpMethod, Page, PermissionSource};

fn read(root: &str) -> Vec<Page> {
    let path = format!("{}/{root}", env!("CARGO_MANIFEST_DIR"));
    DocTree::open(&path)
        .and_then(|t| t.read_all())
        .expect("fixture checkout")
}

fn snapshot_name_in(prefix: &str, file: &str) -> String {
    format!("{prefix}__{}", snapshot_name(file))
}

#[test]
fn docs_input_pages() {
    let pages = read("../docs-input");
    assert!(pages.len() >= 30, "docs-input holds {} pages", pages.len());
    for page in &pages {
        insta::assert_json_snapshot!(snapshot_name_in("docs_input", &page.file), page);
    }
}

#[test]
fn fixture_pages() {
    let pages = read("tests/fixtures/checkout");
    for page in &pages {
        insta::assert_json_snapshot!(snapshot_name_in("fixture", &page.file), page);
    }
}

/// The seed page is the zh-CN side-by-side reupload page: it must read as
/// the English operation.
#[test]
fn seed_page_reads_as_the_documented_operation() {
    let pages = read("../docs-input");
    let seed = pages
        .iter()
        .find(|p| p.file == "api-reference/beta/api/cloudpcdeviceimage-reupload.md")
        .expect("seed page");
    assert_eq!(seed.title, "cloudPcDeviceImage: reupload");
    assert_eq!(seed.locale, "zh-cn");
    let [op] = seed.operations.as_slice() else {
        panic!("one operation: {:?}", seed.operations)
    };
    assert_eq!(op.method, HttpMethod::Post);
    assert_eq!(
        op.paths,
        ["/deviceManagement/virtualEndpoint/deviceImages/{cloudPcDeviceImageId}/reupload"]
    );
    assert_eq!(op.success_status, Some(204));
    assert_eq!(op.permissions.delegated_work, ["CloudPC.ReadWrite.All"]);
    assert!(op.permissions.delegated_personal.is_empty());
    assert_eq!(op.permissions.application, ["CloudPC.ReadWrite.All"]);
    assert_eq!(op.permissions.source, PermissionSource::Page);
    assert!(seed.diagnostics.is_empty(), "{:?}", seed.diagnostics);
}

/// Every page of docs-input except the seed is English and complete.
#[test]
fn docs_input_pages_have_no_errors() {
    for page in read("../docs-input") {
        let errors: Vec<_> = page
            .diagnostics
            .iter()
            .filter(|d| d.severity == docgen::ir::page::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", page.file);
        if page.kind == docgen::ir::page::PageKind::Operation {
            assert!(
                devtools::corpus::is_complete(&page),
                "{} has no complete operation",
                page.file
            );
        }
    }
}

/// A page that documents its variants under several level-2 "HTTP request"
/// headings yields the paths of every one of them.
#[test]
fn every_level_two_request_section_is_read() {
    let pages = read("tests/fixtures/checkout");
    let page = pages
        .iter()
        .find(|p| p.file.ends_with("driveitem-put-content.md"))
        .expect("fixture page");
    let paths: Vec<&str> = page
        .operations
        .iter()
        .flat_map(|op| op.paths.iter().map(String::as_str))
        .collect();
    assert_eq!(
        paths,
        [
            "/drives/{drive-id}/items/{item-id}/content",
            "/me/drive/items/{item-id}/content",
            "/drives/{drive-id}/items/{parent-id}:/{filename}:/content",
            "/me/drive/items/{parent-id}:/{filename}:/content",
        ]
    );
    assert!(page
        .operations
        .iter()
        .all(|op| op.method == HttpMethod::Put));
}
