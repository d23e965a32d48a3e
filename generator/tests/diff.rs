//! `docgen diff` over two small fixture checkouts that hold every change
//! class: an operation added and removed, a status, response, query and
//! body-field change, a re-cased segment (a renamed builder), permissions
//! added, removed and reordered (from a page and from an include), a model
//! added, removed and changed, an enum member added and removed; and, as
//! non-changes, a page translated to Japanese, reworded descriptions and a
//! renamed placeholder.

use std::path::PathBuf;
use std::process::Command;

fn fixture(side: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/diff/{side}"))
}

fn docgen(args: &[&std::ffi::OsStr]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(args)
        .output()
        .expect("run docgen");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

fn diff(old: &std::path::Path, new: &std::path::Path, json: bool) -> String {
    let mut args = vec![
        "diff".as_ref(),
        "--old".as_ref(),
        old.as_os_str(),
        "--new".as_ref(),
        new.as_os_str(),
    ];
    if json {
        args.push("--json".as_ref());
    }
    docgen(&args)
}

#[test]
fn the_whole_text_of_the_fixture_diff() {
    let text = diff(&fixture("old"), &fixture("new"), false);
    insta::assert_snapshot!("diff_fixture_text", text);
    assert_eq!(
        text.lines().last(),
        Some("diff: operations +1 -1 ~4; permissions ~4; models +1 -1 ~2; breaking 7")
    );
}

#[test]
fn the_json_holds_the_same_data() {
    let json: serde_json::Value =
        serde_json::from_str(&diff(&fixture("old"), &fixture("new"), true)).expect("json");
    insta::assert_json_snapshot!("diff_fixture_json", json);
    let counts = &json["counts"];
    let summary = format!(
        "diff: operations +{} -{} ~{}; permissions ~{}; models +{} -{} ~{}; breaking {}",
        counts["operations_added"],
        counts["operations_removed"],
        counts["operations_changed"],
        counts["permissions_changed"],
        counts["models_added"],
        counts["models_removed"],
        counts["models_changed"],
        counts["breaking"]
    );
    let text = diff(&fixture("old"), &fixture("new"), false);
    assert_eq!(text.lines().last(), Some(summary.as_str()));
}

#[test]
fn a_checkout_against_itself_has_no_change() {
    let text = diff(&fixture("new"), &fixture("new"), false);
    assert_eq!(
        text.lines().last(),
        Some("diff: operations +0 -0 ~0; permissions ~0; models +0 -0 ~0; breaking 0")
    );
    assert!(text.contains("files that change (0):"), "{text}");
}

#[test]
fn an_ir_dump_diffs_like_its_checkout() {
    let dir = std::env::temp_dir().join(format!("docgen-diff-dump-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dump = dir.join("old.jsonl");
    let ir = docgen(&["ir".as_ref(), "--docs".as_ref(), fixture("old").as_os_str()]);
    std::fs::write(&dump, ir).unwrap();
    let from_dump = diff(&dump, &fixture("new"), false);
    let from_checkout = diff(&fixture("old"), &fixture("new"), false);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(from_dump, from_checkout);
}

#[test]
fn a_file_that_is_not_a_dump_is_refused_with_its_line() {
    let dir = std::env::temp_dir().join(format!("docgen-diff-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, "not json\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["diff", "--old"])
        .arg(&bad)
        .arg("--new")
        .arg(fixture("new"))
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.jsonl:1: not a line of `docgen ir` output"),
        "{stderr}"
    );
}
