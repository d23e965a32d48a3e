//! `docgen generate` says what it dropped: each broken page of the `broken`
//! fixture checkout gives a diagnostic naming its cause at its line, the
//! summary counts them per kind, `--strict` fails, and a checkout without an
//! API page is an error. The real binary, real files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BROKEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken");

fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("diagnostics-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn generate(docs: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docgen"))
        .arg("generate")
        .arg("--docs")
        .arg(docs)
        .arg("--out")
        .arg(out)
        .arg("--standalone")
        .args(extra)
        .output()
        .expect("docgen runs")
}

/// `(first line, location line)` of every diagnostic printed.
fn diagnostics(stderr: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[1].starts_with("  --> "))
        .map(|w| {
            (
                w[0].to_owned(),
                w[1].trim_start_matches("  --> ").to_owned(),
            )
        })
        .collect()
}

fn has(found: &[(String, String)], head: &str, location: &str) -> bool {
    found
        .iter()
        .any(|(line, at)| line.starts_with(head) && at == location)
}

#[test]
fn every_broken_page_is_named_at_its_cause() {
    let out = fresh("broken").join("out");
    let output = generate(Path::new(BROKEN), &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let found = diagnostics(&stderr);
    let api = "api-reference/v1.0/api";
    // The unclosed fence is named at its line, with the sections it swallowed.
    assert!(
        has(
            &found,
            "error[unclosed-fence]: ",
            &format!("{api}/widget-list.md:16")
        ),
        "{stderr}"
    );
    assert!(stderr.contains("(first: `## Permissions`)"), "{stderr}");
    // What it swallowed is not reported again as junk request lines.
    assert!(!has(
        &found,
        "warning[request-line]",
        &format!("{api}/widget-list.md:19")
    ));
    // Garbage in an http block, and a stray method, each at their line.
    assert!(
        has(
            &found,
            "warning[request-line]: 1 line(s)",
            &format!("{api}/widget-get.md:26")
        ),
        "{stderr}"
    );
    assert!(
        has(
            &found,
            "warning[mixed-methods]: `DELETE /widgets/{id}` left out",
            &format!("{api}/widget-get.md:27")
        ),
        "{stderr}"
    );
    assert!(
        has(
            &found,
            "warning[json-representation]: ",
            "api-reference/v1.0/resources/widget.md:27"
        ),
        "{stderr}"
    );
    // The count per kind follows the lines.
    assert!(
        stderr.contains("diagnostics: 2 errors, 4 warnings"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.trim() == "1  warning[mixed-methods]"),
        "{stderr}"
    );
    // The stray DELETE did not become a call.
    let widgets = fs::read_to_string(out.join("src/v1_0/widgets.rs")).unwrap();
    assert!(widgets.contains("pub fn get("));
    assert!(!widgets.contains("pub fn delete("), "{widgets}");
}

#[test]
fn strict_fails_on_the_broken_pages() {
    let out = fresh("strict").join("out");
    let output = generate(Path::new(BROKEN), &out, &["--strict"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2 errors, 4 warnings (--strict)"),
        "{stderr}"
    );
}

#[test]
fn only_the_first_diagnostics_are_shown_unless_all_are_asked_for() {
    let base = fresh("many");
    let api = base.join("docs/api-reference/v1.0/api");
    fs::create_dir_all(&api).unwrap();
    for n in 0..25 {
        let page = format!(
            "---\ntitle: \"Get thing{n}\"\ndoc_type: apiPageType\n---\n\n# Get thing{n}\n\n\
             ## HTTP request\n\n```http\nGET /things{n}\n```\n"
        );
        fs::write(api.join(format!("thing{n}-get.md")), page).unwrap();
    }
    let docs = base.join("docs");
    let short = generate(&docs, &base.join("out"), &[]);
    let stderr = String::from_utf8_lossy(&short.stderr);
    assert_eq!(diagnostics(&stderr).len(), 20, "{stderr}");
    assert!(
        stderr.contains("more (--all-diagnostics shows every one)"),
        "{stderr}"
    );
    let all = generate(&docs, &base.join("out"), &["--all-diagnostics"]);
    let stderr = String::from_utf8_lossy(&all.stderr);
    // Each page lacks a Permissions section and a Response section.
    assert_eq!(diagnostics(&stderr).len(), 50, "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.trim() == "25  warning[permissions]"),
        "{stderr}"
    );
    assert!(
        stderr.lines().any(|l| l.trim() == "25  error[response]"),
        "{stderr}"
    );
}

#[test]
fn an_empty_or_pageless_checkout_is_an_error() {
    let base = fresh("empty");
    let docs = base.join("docs");
    fs::create_dir_all(docs.join("api-reference/v1.0/api")).unwrap();
    let output = generate(&docs, &base.join("out"), &[]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no API page"), "{stderr}");
    assert!(!base.join("out").exists(), "nothing is written");
    // Pages that are none of them API pages are no better.
    fs::write(
        docs.join("api-reference/v1.0/api/notes.md"),
        "# Notes\n\nJust prose.\n",
    )
    .unwrap();
    let output = generate(&docs, &base.join("out"), &[]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("among 1 pages"));
}

#[test]
fn ir_counts_what_generate_counts() {
    let out = fresh("ir").join("out");
    let generated = generate(Path::new(BROKEN), &out, &[]);
    let ir = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["ir", "--docs", BROKEN])
        .output()
        .expect("docgen runs");
    assert!(ir.status.success());
    let tally = |stderr: &[u8]| -> Vec<String> {
        let text = String::from_utf8_lossy(stderr).into_owned();
        let start = text.find("diagnostics: ").expect("a tally");
        text[start..].lines().map(str::to_owned).collect()
    };
    assert_eq!(tally(&ir.stderr), tally(&generated.stderr));
}
