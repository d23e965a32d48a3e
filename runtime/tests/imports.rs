//! The files of `runtime/src` import each other without cycles.
//!
//! A file "imports" another when it names `crate::<module>` or a name the
//! crate root re-exports from that module (`crate::Client` is `client`),
//! in a `use` or inline, outside comments.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))
}

/// Top-level module name -> the text of its files (a folder module's
/// files all count as that module).
fn modules() -> BTreeMap<String, String> {
    let mut modules = BTreeMap::new();
    for entry in fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = if path.is_dir() {
            let mut text = String::new();
            collect_dir(&path, &mut text);
            text
        } else {
            fs::read_to_string(&path).unwrap()
        };
        modules.insert(name, without_comments(&text));
    }
    modules
}

fn collect_dir(dir: &Path, out: &mut String) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_dir(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&fs::read_to_string(&path).unwrap());
            out.push('\n');
        }
    }
}

fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first-level names after each `crate::`: `crate::{a, b::c}` gives
/// `a` and `b`, `crate::x::y` gives `x`.
fn crate_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (index, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        names.push(ident_at(&group[index..]).to_owned());
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            names.push(ident_at(rest).to_owned());
        }
    }
    names
}

/// Re-exported name -> defining module, from `pub use module::{..};`.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for statement in lib.split(';') {
        let Some(rest) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        let names = names.trim_matches(|c| c == '{' || c == '}');
        for name in names.split(',').map(|n| ident_at(n.trim())) {
            if !name.is_empty() && name != "self" {
                map.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    map
}

fn graph() -> Graph {
    let mut modules = modules();
    let lib = modules.remove("lib").expect("lib.rs");
    let exported = reexports(&lib);
    let mut graph = Graph::new();
    for (module, text) in &modules {
        let deps = crate_names(text)
            .into_iter()
            .filter_map(|name| {
                if modules.contains_key(&name) {
                    Some(name)
                } else {
                    exported.get(&name).cloned()
                }
            })
            .filter(|dep| dep != module)
            .collect();
        graph.insert(module.clone(), deps);
    }
    graph
}

/// A cycle through `start`, if any, as the modules along it.
fn cycle_from(graph: &Graph, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((module, path)) = stack.pop() {
        for dep in graph.get(&module).into_iter().flatten() {
            if dep == start {
                let mut cycle = path.clone();
                cycle.push(dep.clone());
                return Some(cycle);
            }
            if seen.insert(dep.clone()) {
                let mut next = path.clone();
                next.push(dep.clone());
                stack.push((dep.clone(), next));
            }
        }
    }
    None
}

#[test]
fn the_reader_sees_uses_and_reexports() {
    let names = crate_names("use crate::{a, b::{c, d}, E};\nlet x = crate::f::g();");
    assert_eq!(names, ["a", "b", "E", "f"]);
    let map = reexports("pub use x::{A, B};\npub use y::C;\nmod z;");
    assert_eq!(map["A"], "x");
    assert_eq!(map["C"], "y");
    let graph = graph();
    assert!(graph["send"].contains("client"), "{graph:?}");
    assert!(graph["request"].contains("body"), "{graph:?}");
}

#[test]
fn no_file_imports_one_that_imports_it_back() {
    let graph = graph();
    let cycles: Vec<_> = graph
        .keys()
        .filter_map(|module| cycle_from(&graph, module))
        .collect();
    assert!(cycles.is_empty(), "import cycles: {cycles:?}");
}
