//! One name for one thing on the English corpus (issue 19): no two sibling
//! builder methods, entry functions or features that are equal after
//! lowercasing and dropping `_` and `-`, and `sendMail` takes one type on
//! `/me` and on `/users/{id}`. Ignored by `cargo test`; run with
//! `DOCGEN_CORPUS=<folder holding the unpacked corpora> cargo test --profile
//! release-tests -p devtools --test one_name -- --ignored` (`.ci/run` runs the ignored ones).

use std::collections::BTreeMap;
use std::path::PathBuf;

use devtools::pipeline::{lower, read_pages, Api, Area, BodyKind, Node, Segment};

const NEEDS: &str = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>";

fn english_api() -> Api {
    let root = std::env::var_os("DOCGEN_CORPUS").unwrap_or_else(|| panic!("{NEEDS}"));
    let dir = PathBuf::from(root).join("graph-docs-en-2021-07");
    assert!(dir.is_dir(), "{} does not exist ({NEEDS})", dir.display());
    let pages = read_pages(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    lower(&pages).api
}

fn look_alike(name: &str) -> String {
    name.trim_start_matches("r#")
        .chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Each group of names in one scope that look alike, with where it is.
fn look_alikes(api: &Api) -> Vec<String> {
    let mut found = Vec::new();
    let mut check = |place: String, names: Vec<&str>| {
        let mut by: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for name in names {
            by.entry(look_alike(name)).or_default().push(name);
        }
        for group in by.into_values().filter(|g| g.len() > 1) {
            found.push(format!("{place}: {group:?}"));
        }
    };
    for version in &api.versions {
        let features = version.areas.iter().map(|a| a.feature.as_str()).collect();
        check(format!("{} features", version.version.as_str()), features);
        for area in &version.areas {
            let entries = area.entries.iter().map(|e| e.rust_name.as_str()).collect();
            check(format!("{} entries", area.feature), entries);
            for node in &area.nodes {
                let methods = node.edges.iter().map(|e| e.rust_name.as_str()).collect();
                check(format!("{} {}", area.feature, node.struct_name), methods);
            }
        }
    }
    found
}

/// The node reached by method names from the area's literal entry.
fn walk<'a>(area: &'a Area, methods: &[&str]) -> &'a Node {
    let entry = area
        .entries
        .iter()
        .find(|e| matches!(e.segment, Segment::Literal { .. }))
        .expect("a literal entry");
    let mut node = &area.nodes[entry.target];
    for method in methods {
        let edge = node.edges.iter().find(|e| e.rust_name == *method);
        let edge = edge.unwrap_or_else(|| panic!("no `{method}` under {}", node.template));
        node = &area.nodes[edge.target];
    }
    node
}

fn post_parameters(node: &Node) -> String {
    let post = node.endpoints.iter().find(|e| e.rust_name == "post");
    match &post.expect("a post").body {
        BodyKind::Parameters(object) => object.rust_name.clone(),
        other => panic!("{}: {other:?}", node.template),
    }
}

#[test]
#[ignore = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>"]
fn english_surface_has_one_name_per_thing() {
    let api = english_api();
    let found = look_alikes(&api);
    assert!(
        found.is_empty(),
        "{} look-alikes:\n{}",
        found.len(),
        found.join("\n")
    );
    let v1 = api.versions.iter().find(|v| v.version.as_str() == "v1.0");
    let area = |wire: &str| {
        let found = v1.expect("v1.0").areas.iter().find(|a| a.wire == wire);
        found.unwrap_or_else(|| panic!("no area {wire}"))
    };
    let me = post_parameters(walk(area("me"), &["send_mail"]));
    let user = post_parameters(walk(area("users"), &["by_id", "send_mail"]));
    assert_eq!(
        (me.as_str(), user.as_str()),
        ("SendMailParameters", "SendMailParameters")
    );
}
