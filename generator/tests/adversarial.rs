//! Hostile doc text never becomes code. A checkout whose titles, descriptions,
//! table cells, paths and placeholder names carry comment closers, raw-string
//! closers, braces, backslashes, newlines, `#[cfg]`, `include!`, Rust
//! keywords, names that collide after case conversion, bidi controls, very
//! long lines, unbalanced fences and comments, invalid UTF-8 and binary junk
//! is generated; every file must parse, and the words only prose carries
//! (`EVILTOKEN`, `evil_fn`, `passwd`) may appear only inside literals (string
//! literals and doc attributes). A second test runs `cargo check` on the
//! crate.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

/// Text that would be code if it escaped its literal.
const PROSE: &str = "x */ /* \"# \"## } { \\ \\\" \n fn evil_fn() {} #[cfg(EVILTOKEN)] include!(\"/etc/passwd\"); \u{202e}EVILTOKEN\u{202c} ``` <!-- ";

/// Words of [`PROSE`] that must never be identifiers.
const FORBIDDEN: [&str; 3] = ["EVILTOKEN", "evil_fn", "passwd"];

fn front_matter(title: &str, doc_type: &str) -> String {
    let title = title.replace('"', "'").replace('\n', " ");
    format!("---\ntitle: \"{title}\"\ndescription: \"{title}\"\ndoc_type: {doc_type}\n---\n\n")
}

/// Prose on one line (a table cell cannot hold a newline).
fn cell() -> String {
    PROSE.replace('\n', " ").replace('|', "\\|")
}

fn operation_page(title: &str, path: &str, extra_lines: &str) -> String {
    format!(
        "{fm}# {title}\n\nNamespace: microsoft.graph\n\n{PROSE}\n\n## Permissions\n\n\
         |Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n\
         |Delegated (work or school account)|Widget.Read.All {cell}|\n|Application|Widget.Read.All|\n\n\
         ## HTTP request\n\n```http\nGET {path}\n{extra_lines}```\n\n\
         ## Optional query parameters\n\n|Name|Type|Description|\n|:---|:---|:---|\n|$evil|String|{cell}|\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
         [widget](../resources/widget.md) object in the response body. {cell}\n",
        fm = front_matter(title, "apiPageType"),
        cell = cell(),
    )
}

fn resource_page() -> String {
    let long = "y".repeat(200_000);
    let mut rows = String::new();
    // Names that collide after case conversion, keywords, hostile names.
    for name in [
        "id",
        "fooBar",
        "foo_bar",
        "FooBar",
        "foobar",
        "type",
        "self",
        "Self",
        "crate",
        "super",
        "fn",
        "match",
        "async",
        "r#type",
        "include!",
        "cfg",
        "_",
        "1st",
        "naïve",
        "a\u{202e}b",
    ] {
        rows.push_str(&format!("|{name}|String|{}|\n", cell()));
    }
    rows.push_str(&format!("|long|String|{long}|\n"));
    rows.push_str(&format!("|weird|{}|{}|\n", cell(), cell()));
    format!(
        "{fm}# widget resource type\n\nNamespace: microsoft.graph\n\n{PROSE}\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\
         ## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \
         \"@odata.type\": \"microsoft.graph.widget\"\n}}-->\n\n```json\n{{\n  \"id\": \"String\"\n}}\n```\n",
        fm = front_matter("widget resource type", "resourcePageType"),
    )
}

/// A checkout of hostile pages; returns its root.
fn hostile_checkout(base: &Path) -> PathBuf {
    let root = base.join("docs");
    let api = root.join("api-reference/v1.0/api");
    let resources = root.join("api-reference/v1.0/resources");
    fs::create_dir_all(&api).unwrap();
    fs::create_dir_all(&resources).unwrap();
    fs::write(resources.join("widget.md"), resource_page()).unwrap();
    let pages = [
        (
            "widget-get.md",
            PROSE.to_owned(),
            "/widgets/{id}".to_owned(),
            String::new(),
        ),
        (
            "widget-list.md",
            format!("List {}", cell()),
            "/widgets/{type}/{self}/{Self}/{include!}/{a*/b}/{x\"#y}/{fooBar}/{foo_bar}/items"
                .to_owned(),
            "GET /widgets/{crate}/{super}/{fn}/{\u{202e}evil}\n".to_owned(),
        ),
        (
            "widget-match.md",
            "Match".to_owned(),
            "/widgets/{id}/match/type/self/async/fn/r#loop".to_owned(),
            "GET /widgets/{id}/microsoft.graph.evil(a='{b}',c=@d)\n".to_owned(),
        ),
        (
            "widget-long.md",
            "Long".to_owned(),
            format!("/widgets/{}", "z".repeat(5_000)),
            format!("GET /w/{{{}}}\n", "q".repeat(5_000)),
        ),
    ];
    for (file, title, path, extra) in pages {
        fs::write(api.join(file), operation_page(&title, &path, &extra)).unwrap();
    }
    // Unbalanced fences and comments, invalid UTF-8 and binary junk.
    let mut junk = operation_page("Junk", "/junk", "").into_bytes();
    junk.extend_from_slice(b"\n```http\nGET /junk2\n<!-- never closed\n\xff\xfe\x00\x01");
    junk.extend((0..=255u8).cycle().take(4096));
    fs::write(api.join("junk-get.md"), junk).unwrap();
    root
}

fn generate(base: &Path) -> PathBuf {
    let docs = hostile_checkout(base);
    let out = base.join("out");
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let output = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(["generate", "--standalone", "--crate-name", "hostile-client"])
        .arg("--docs")
        .arg(&docs)
        .arg("--out")
        .arg(&out)
        .arg("--runtime-path")
        .arg(fs::canonicalize(runtime).unwrap())
        .output()
        .expect("docgen runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    out
}

fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("adversarial-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every identifier of `tokens` (literals, doc attributes included, are
/// `Literal` tokens and not walked into).
fn identifiers(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => identifiers(group.stream(), out),
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[test]
fn hostile_text_stays_inside_literals() {
    let out = generate(&fresh("tokens"));
    let mut files = Vec::new();
    rust_files(&out.join("src"), &mut files);
    assert!(files.len() > 4, "{files:?}");
    let mut seen_prose = false;
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        seen_prose |= text.contains("EVILTOKEN");
        let parsed = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.display()));
        let mut idents = Vec::new();
        identifiers(parsed.into_token_stream(), &mut idents);
        for ident in idents {
            for word in FORBIDDEN {
                assert!(
                    !ident.to_lowercase().contains(&word.to_lowercase()),
                    "{}: `{word}` became code: identifier `{ident}`",
                    file.display()
                );
            }
        }
        // Bidi controls never reach code; in literals they are escaped.
        for line in text.lines() {
            assert!(
                !line.contains(['\u{202e}', '\u{202c}', '\u{2066}', '\u{2067}']),
                "{}: raw bidi control in `{line}`",
                file.display()
            );
        }
    }
    assert!(seen_prose, "the hostile prose reached the generated docs");
}

/// Offline, in a target folder of its own that later runs reuse (about 30 s
/// the first time: the runtime's dependencies are checked once).
#[test]
fn hostile_crate_compiles() {
    let base = fresh("check");
    let out = generate(&base);
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("adversarial-target");
    let status = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--all-features", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the hostile crate does not compile");
}
