//! The reader stays inside the doc checkout and reads only regular files of
//! bounded size: every bad entry is one refusal naming its path, and the run
//! goes on. Real files, links, a FIFO and the real `docgen` binary.
#![cfg(unix)]

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use docgen::docs::{DocTree, Reason, PAGE_SIZE_LIMIT};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/checkout");
const API: &str = "api-reference/v1.0/api";
const PERMISSIONS: &str = "api-reference/v1.0/includes/permissions";
/// A permission name only the outside include carries.
const OUTSIDE_PERMISSION: &str = "Outside.Marker.All";

fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("confinement-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_fixture(root: &Path, relative: &str) {
    let target = root.join(relative);
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    fs::copy(Path::new(FIXTURES).join(relative), target).unwrap();
}

/// A resource page whose type name marks it: if it is read, its model appears.
fn outside_page() -> &'static str {
    "---\ntitle: \"outsideMarker resource type\"\ndoc_type: resourcePageType\n---\n\n\
     # outsideMarker resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
     |Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n\n\
     ## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \
     \"@odata.type\": \"microsoft.graph.outsideMarker\"\n}-->\n\n```json\n{\n  \"id\": \"String\"\n}\n```\n"
}

/// The bad entries a checkout gets, by path relative to the root.
struct Bad {
    zero: String,
    fifo: String,
    dangling: String,
    outside: String,
    folder: String,
    not_utf8: String,
    oversized: String,
}

/// A checkout with two good pages (one using a permissions include) and one
/// entry of each bad kind; `outside` holds files the checkout must not reach.
fn hostile_checkout(name: &str) -> (PathBuf, PathBuf, Bad) {
    let base = fresh(name);
    let root = base.join("docs");
    let outside = base.join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("outside-marker.md"), outside_page()).unwrap();
    copy_fixture(&root, &format!("{API}/group-delete-members.md"));
    copy_fixture(&root, &format!("{API}/group-delete-owners.md"));
    copy_fixture(
        &root,
        &format!("{PERMISSIONS}/group-delete-members-permissions.md"),
    );
    let api = root.join(API);
    symlink("/dev/zero", api.join("zero.md")).unwrap();
    let status = Command::new("mkfifo")
        .arg(api.join("fifo.md"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    symlink(root.join("nowhere.md"), api.join("dangling.md")).unwrap();
    symlink(outside.join("outside-marker.md"), api.join("outside.md")).unwrap();
    fs::create_dir_all(api.join("folder.md")).unwrap();
    fs::write(api.join(OsStr::from_bytes(b"caf\xe9.md")), outside_page()).unwrap();
    let big = fs::File::create(api.join("oversized.md")).unwrap();
    big.set_len(PAGE_SIZE_LIMIT + 1).unwrap();
    let at = |name: &str| format!("{API}/{name}");
    let bad = Bad {
        zero: at("zero.md"),
        fifo: at("fifo.md"),
        dangling: at("dangling.md"),
        outside: at("outside.md"),
        folder: at("folder.md"),
        not_utf8: at("caf\u{fffd}.md"),
        oversized: at("oversized.md"),
    };
    (root, outside, bad)
}

#[test]
fn every_bad_entry_is_one_refusal_and_the_good_pages_are_read() {
    let (root, _outside, bad) = hostile_checkout("library");
    let checkout = DocTree::open(&root).unwrap().read_checked().unwrap();
    let files: Vec<&str> = checkout.pages.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(
        files,
        [
            format!("{API}/group-delete-members.md"),
            format!("{API}/group-delete-owners.md")
        ]
    );
    let refused: Vec<(&str, &Reason)> = checkout
        .refused
        .iter()
        .map(|r| (r.path.as_str(), &r.reason))
        .collect();
    assert_eq!(refused.len(), 7, "one refusal per bad entry: {refused:#?}");
    let reason = |path: &str| {
        let found: Vec<_> = refused.iter().filter(|(p, _)| *p == path).collect();
        assert_eq!(found.len(), 1, "{path}: {refused:#?}");
        found[0].1.clone()
    };
    assert!(matches!(reason(&bad.zero), Reason::SymbolicLink { target } if target == "/dev/zero"));
    assert!(matches!(
        reason(&bad.fifo),
        Reason::Special { kind: "FIFO" }
    ));
    assert!(matches!(reason(&bad.dangling), Reason::SymbolicLink { .. }));
    assert!(matches!(reason(&bad.outside), Reason::SymbolicLink { .. }));
    assert_eq!(reason(&bad.folder), Reason::Folder);
    assert_eq!(reason(&bad.not_utf8), Reason::NameNotUtf8);
    assert_eq!(
        reason(&bad.oversized),
        Reason::TooLarge {
            size: PAGE_SIZE_LIMIT + 1
        }
    );
    // The include the good page uses is read: its permissions are there.
    let json = serde_json::to_string(&checkout.pages).unwrap();
    assert!(json.contains("GroupMember.ReadWrite.All"));
}

#[test]
fn includes_are_confined_like_pages_and_refused_once() {
    let (root, outside, _bad) = hostile_checkout("includes");
    // Both good pages now include a linked file; the second page's include
    // is made to point at the same link.
    let include = root
        .join(PERMISSIONS)
        .join("group-delete-members-permissions.md");
    let text = fs::read_to_string(&include)
        .unwrap()
        .replace("GroupMember.ReadWrite.All", OUTSIDE_PERMISSION);
    fs::write(outside.join("permissions.md"), text).unwrap();
    fs::remove_file(&include).unwrap();
    symlink(outside.join("permissions.md"), &include).unwrap();
    let other = root.join(API).join("group-delete-owners.md");
    let page = fs::read_to_string(&other).unwrap();
    let page = format!(
        "{page}\n[!INCLUDE [permissions-table](../includes/permissions/group-delete-members-permissions.md)]\n"
    );
    fs::write(&other, page).unwrap();
    // A folder of includes that is a link is refused as a folder.
    let linked_folder = root.join("api-reference/v1.0/includes/linked");
    symlink(&outside, &linked_folder).unwrap();

    let tree = DocTree::open(&root).unwrap();
    let checkout = tree.read_checked().unwrap();
    let json = serde_json::to_string(&checkout.pages).unwrap();
    assert!(!json.contains(OUTSIDE_PERMISSION), "read through a link");
    let include_path = format!("{PERMISSIONS}/group-delete-members-permissions.md");
    let refusals: Vec<_> = checkout
        .refused
        .iter()
        .filter(|r| r.path == include_path)
        .collect();
    assert_eq!(refusals.len(), 1, "{:#?}", checkout.refused);
    assert!(matches!(refusals[0].reason, Reason::SymbolicLink { .. }));
    // Through the Includes trait directly: the linked folder reads as nothing.
    use docgen::parse::Includes;
    assert_eq!(
        tree.read("api-reference/v1.0/includes/linked/permissions.md"),
        None
    );
    assert_eq!(
        tree.read("api-reference/../../outside/permissions.md"),
        None
    );
}

#[test]
fn a_linked_page_folder_is_refused_not_followed() {
    let base = fresh("linked-folder");
    let root = base.join("docs");
    let outside = base.join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("outside-marker.md"), outside_page()).unwrap();
    fs::create_dir_all(root.join("api-reference/v1.0")).unwrap();
    copy_fixture(&root, &format!("{API}/group-delete-owners.md"));
    symlink(&outside, root.join("api-reference/v1.0/resources")).unwrap();
    symlink(&outside, root.join("api-reference/beta")).unwrap();
    let checkout = DocTree::open(&root).unwrap().read_checked().unwrap();
    assert_eq!(checkout.pages.len(), 1);
    let paths: Vec<&str> = checkout.refused.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        ["api-reference/beta", "api-reference/v1.0/resources"],
        "{:#?}",
        checkout.refused
    );
}

/// Runs `docgen` with `args`, failing the test if it does not end in time
/// (a FIFO read would block forever).
fn run_docgen(args: &[&OsStr]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("docgen");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("docgen did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn generate_completes_and_names_each_refused_entry_once() {
    let (root, _outside, bad) = hostile_checkout("process");
    let out = root.parent().unwrap().join("client");
    let output = run_docgen(&[
        OsStr::new("generate"),
        OsStr::new("--docs"),
        root.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    for path in [
        &bad.zero,
        &bad.fifo,
        &bad.dangling,
        &bad.outside,
        &bad.folder,
        &bad.not_utf8,
        &bad.oversized,
    ] {
        // rustc-style: `warning[not-read]: not read: <reason>` then `  --> <path>:1`.
        let location = format!("  --> {path}:1");
        let lines: Vec<&str> = stderr.lines().collect();
        let shown = lines
            .windows(2)
            .filter(|w| w[0].starts_with("warning[not-read]: not read: ") && w[1] == location)
            .count();
        assert_eq!(shown, 1, "{path} in:\n{stderr}");
    }
    let lib = fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("v1_0"));
    let models = fs::read_dir(out.join("src/v1_0/models"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    assert!(!models.iter().any(|m| m.contains("outside")), "{models:?}");
}

/// A 20 MB page is under the size limit: it is read, not refused. Its bulk is
/// one HTML comment, which the reader skips cheaply, around a one-row table.
#[test]
fn a_20_mb_page_is_read() {
    let root = fresh("twenty-mb");
    let resources = root.join("api-reference/v1.0/resources");
    fs::create_dir_all(&resources).unwrap();
    let mut page = outside_page().replace("outsideMarker", "bigMarker");
    page.push_str("\n<!-- ");
    page.push_str(&"padding ".repeat(20_000_000 / 8));
    page.push_str("-->\n");
    assert!(page.len() as u64 > 20_000_000 && (page.len() as u64) < PAGE_SIZE_LIMIT);
    fs::write(resources.join("bigmarker.md"), &page).unwrap();
    let checkout = DocTree::open(&root).unwrap().read_checked().unwrap();
    assert!(checkout.refused.is_empty(), "{:#?}", checkout.refused);
    let files: Vec<&str> = checkout.pages.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["api-reference/v1.0/resources/bigmarker.md"]);
    let resource = checkout.pages[0].resource.as_ref().expect("a resource");
    assert_eq!(resource.name, "bigMarker");
    let _ = fs::remove_dir_all(&root);
}
