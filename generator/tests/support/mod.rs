//! Shared by the output tests: doc checkouts that generate different crates,
//! the real `docgen` binary, and snapshots of an output folder.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The files a user keeps in an output folder, relative to it.
pub const USER_FILES: &[&str] = &[
    "MYFILE.txt",
    ".git/HEAD",
    ".git/objects/ab/cdef",
    "target/debug/build.log",
    "src/user_notes.md",
];

/// A fresh, empty folder for one test.
pub fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn widget_page(number: usize, edition: &str) -> String {
    format!(
        "---\ntitle: \"widget{number} resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # widget{number} resource type\n\nNamespace: microsoft.graph\n\n\
         A widget number {number}, edition {edition}.\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n\
         |size{number}|Int32|The size, edition {edition}.|\n\n## JSON representation\n\n\
         <!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.widget{number}\"\n}}-->\n\n\
         ```json\n{{\n  \"id\": \"String\",\n  \"size{number}\": 1024\n}}\n```\n"
    )
}

/// Two checkouts, `a` and `b`, under `base`: the project's `docs-input/`
/// plus synthetic resource pages (one model file each). From `a` to `b`,
/// widgets 0..40 go away, 40..120 stay (every other one changed), 120..160
/// come new, and one API page goes away.
pub fn checkouts(base: &Path) -> (PathBuf, PathBuf) {
    let docs_input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let (a, b) = (base.join("docs-a"), base.join("docs-b"));
    copy_tree(&docs_input, &a);
    copy_tree(&docs_input, &b);
    fs::remove_file(b.join("api-reference/v1.0/api/user-sendmail.md")).unwrap();
    let resources = |root: &Path| root.join("api-reference/v1.0/resources");
    for number in 0..120 {
        fs::write(
            resources(&a).join(format!("widget{number}.md")),
            widget_page(number, "A"),
        )
        .unwrap();
    }
    for number in 40..160 {
        let edition = if number % 2 == 0 { "B" } else { "A" };
        fs::write(
            resources(&b).join(format!("widget{number}.md")),
            widget_page(number, edition),
        )
        .unwrap();
    }
    (a, b)
}

/// Runs `docgen generate --docs docs --out out [extra]` to the end.
pub fn generate(docs: &Path, out: &Path, extra: &[&str]) -> Output {
    generate_command(docs, out, extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("docgen")
}

pub fn generate_command(docs: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_docgen"));
    command
        .arg("generate")
        .arg("--docs")
        .arg(docs)
        .arg("--out")
        .arg(out)
        .args(extra);
    command
}

/// Generates `docs` into `out`, asserting success.
pub fn generate_ok(docs: &Path, out: &Path) {
    let output = generate(docs, out, &[]);
    assert!(
        output.status.success(),
        "docgen generate failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file below `dir` (relative path → bytes), not following links: a
/// link is recorded as `-> target`.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    walk(dir, "", &mut files);
    files
}

fn walk(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let relative = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            let target = fs::read_link(entry.path()).unwrap();
            files.insert(relative, format!("-> {}", target.display()).into_bytes());
        } else if kind.is_dir() {
            walk(&entry.path(), &format!("{relative}/"), files);
        } else {
            files.insert(relative, fs::read(entry.path()).unwrap());
        }
    }
}

/// The output part of a snapshot: without the user's files and without
/// docgen's leftovers other than the manifest.
pub fn output_part(snapshot: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    snapshot
        .iter()
        .filter(|(path, _)| !USER_FILES.contains(&path.as_str()))
        .filter(|(path, _)| !path.starts_with(".docgen/") || *path == ".docgen/manifest")
        .map(|(path, bytes)| (path.clone(), bytes.clone()))
        .collect()
}

/// Puts the user's files into `out`; each holds its own path.
pub fn add_user_files(out: &Path) {
    for relative in USER_FILES {
        let path = out.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, format!("user data: {relative}")).unwrap();
    }
}

/// Asserts the user's files are all there, unchanged.
pub fn assert_user_files(out: &Path) {
    for relative in USER_FILES {
        let text =
            fs::read_to_string(out.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
        assert_eq!(text, format!("user data: {relative}"));
    }
}
