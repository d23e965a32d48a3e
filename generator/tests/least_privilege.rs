//! `docgen permissions` on the diff fixtures' new checkout: least and higher
//! columns from a page's table and from an include, calls written with
//! concrete values, `{x}` placeholders and full URLs, kinds that do not
//! allow a call, unknown calls, and the set answers.

use std::process::Command;

fn docs() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/new")
}

const CALLS: [&str; 4] = [
    "GET /widgets",
    "GET /widgets/w1",
    "POST /widgets/{id}/publishNow",
    "DELETE https://graph.microsoft.com/v1.0/widgets/w1",
];

fn permissions(extra: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .arg("permissions")
        .arg("--docs")
        .arg(docs())
        .args(extra)
        .output()
        .expect("run docgen permissions");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    (output.status.success(), stdout)
}

#[test]
fn least_and_higher_per_call_and_the_set() {
    let mut args = vec!["--fewest"];
    args.extend(CALLS);
    let (ok, text) = permissions(&args);
    assert!(ok, "{text}");
    let expected = "\
GET /widgets  (/widgets at api-reference/v1.0/api/widget-list.md:26)
  delegated (work or school account): least Widget.ReadBasic.All; higher Widget.Read.All, Widget.ReadWrite.All
  delegated (personal Microsoft account): least Widget.Read; higher Widget.ReadWrite
  application: least Widget.Read.All; higher Widget.ReadWrite.All
GET /widgets/w1  (/widgets/{id} at api-reference/v1.0/api/widget-get.md:27)
  delegated (work or school account): least Widget.ReadBasic; higher Widget.Read, Widget.ReadWrite
  delegated (personal Microsoft account): not allowed
  application: least Widget.Read.All
POST /widgets/{id}/publishNow  (/widgets/{widget-id}/publishNow at api-reference/v1.0/api/widget-publish.md:27)
  delegated (work or school account): least Widget.ReadWrite
  delegated (personal Microsoft account): not allowed
  application: least Widget.ReadWrite.All
DELETE https://graph.microsoft.com/v1.0/widgets/w1  (/widgets/{widget-id} at api-reference/v1.0/api/widget-delete.md:27)
  delegated (work or school account): least Widget.ReadWrite
  delegated (personal Microsoft account): least Widget.ReadWrite
  application: least Widget.ReadWrite.All

for the set (union of each call's least privileged):
  delegated (work or school account): Widget.ReadBasic.All, Widget.ReadBasic, Widget.ReadWrite
    fewest: Widget.ReadBasic.All, Widget.ReadWrite
  delegated (personal Microsoft account): Widget.Read, Widget.ReadWrite
    fewest: Widget.ReadWrite
    not allowed: GET /widgets/w1; POST /widgets/{id}/publishNow
  application: Widget.Read.All, Widget.ReadWrite.All
    fewest: Widget.Read.All, Widget.ReadWrite.All
";
    assert_eq!(text, expected);
}

#[test]
fn json_carries_the_same_answer() {
    let mut args = vec!["--json"];
    args.extend(CALLS);
    let (ok, text) = permissions(&args);
    assert!(ok, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let widgets = &json["calls"][0];
    assert_eq!(
        widgets["matched"]["file"],
        "api-reference/v1.0/api/widget-list.md"
    );
    assert_eq!(widgets["kinds"][0]["kind"], "delegated_work");
    assert_eq!(widgets["kinds"][0]["least"], "Widget.ReadBasic.All");
    assert_eq!(
        widgets["kinds"][0]["higher"],
        serde_json::json!(["Widget.Read.All", "Widget.ReadWrite.All"])
    );
    assert_eq!(json["calls"][1]["kinds"][1]["allowed"], false);
    assert_eq!(
        json["set"][0]["least_privileged_union"],
        serde_json::json!([
            "Widget.ReadBasic.All",
            "Widget.ReadBasic",
            "Widget.ReadWrite"
        ])
    );
    // No --fewest: no fewest field.
    assert!(json["set"][0].get("fewest").is_none());
}

#[test]
fn unknown_calls_are_named_and_fail_the_run() {
    let (ok, text) = permissions(&["GET /widgets", "GET /gadgets", "FETCH /x", "nonsense"]);
    assert!(!ok);
    assert!(
        text.contains("GET /gadgets\n  unknown: no documented v1.0 template matches"),
        "{text}"
    );
    assert!(
        text.contains("FETCH /x\n  unknown: `FETCH /x`: unknown method"),
        "{text}"
    );
    assert!(
        text.contains("nonsense\n  unknown: `nonsense`: not an HTTP line"),
        "{text}"
    );
    // The known call is still answered, and alone makes the set.
    assert!(
        text.contains("  delegated (work or school account): Widget.ReadBasic.All\n"),
        "{text}"
    );
}

#[test]
fn calls_from_a_file() {
    let dir = std::env::temp_dir().join(format!("docgen-calls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("calls.txt");
    std::fs::write(
        &file,
        "# the app's calls\nGET /widgets\n\nGET /widgets/w1\n",
    )
    .unwrap();
    let (ok, text) = permissions(&["--file", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert!(ok, "{text}");
    assert!(text.starts_with("GET /widgets  ("), "{text}");
    assert!(
        text.contains(
            "  delegated (work or school account): Widget.ReadBasic.All, Widget.ReadBasic\n"
        ),
        "{text}"
    );
}

/// The call set on the English 2021 corpus.
#[test]
#[ignore = "set DOCGEN_CORPUS=<folder holding the unpacked corpora>"]
fn english_2021_answers_the_four_calls() {
    let root = std::env::var_os("DOCGEN_CORPUS").expect("set DOCGEN_CORPUS");
    let docs = std::path::Path::new(&root).join("graph-docs-en-2021-07");
    let output = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["permissions", "--json", "--fewest", "--docs"])
        .arg(docs)
        .args([
            "GET /me",
            "GET /users",
            "POST /me/sendMail",
            "GET /me/drive/root/children",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let work = &json["set"][0];
    assert_eq!(
        work["least_privileged_union"],
        serde_json::json!(["User.Read", "User.ReadBasic.All", "Mail.Send", "Files.Read"])
    );
    assert_eq!(
        work["fewest"],
        serde_json::json!(["User.ReadBasic.All", "Mail.Send", "Files.Read"])
    );
    assert_eq!(
        json["set"][1]["not_allowed"],
        serde_json::json!(["GET /users"])
    );
}
