//! Corpus checks on the real doc corpora. Ignored by `cargo test`; run them
//! with `DOCGEN_CORPUS=<folder holding the unpacked corpora> cargo test
//! --profile release-tests -p devtools -- --ignored` (`.ci/run` does). Run without the
//! variable, each fails and says what to set.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use devtools::corpus::{agreement, api_coverage, resource_coverage};
use devtools::pipeline::{read_pages, Generator, Page, Settings};

const NEEDS: &str = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>";

/// The pages of one corpus under `$DOCGEN_CORPUS`; panics with what to set.
fn corpus(name: &str) -> Vec<Page> {
    let root = std::env::var_os("DOCGEN_CORPUS").unwrap_or_else(|| panic!("{NEEDS}"));
    let dir = PathBuf::from(root).join(name);
    assert!(dir.is_dir(), "{} does not exist ({NEEDS})", dir.display());
    read_pages(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

#[test]
#[ignore = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>"]
fn english_corpus_meets_the_targets() {
    let en = corpus("graph-docs-en-2021-07");
    let api = api_coverage(&en);
    assert!(api.percent() >= 99.5, "{api:?}");
    assert!(
        api.silent_failures.is_empty(),
        "pages failing without a diagnostic: {:?}",
        api.silent_failures
    );
    let resources = resource_coverage(&en);
    assert!(
        resources.percent() >= 98.0,
        "{} of {} resolved",
        resources.resolved,
        resources.with_properties
    );
}

#[test]
#[ignore = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>"]
fn side_by_side_corpus_agrees_with_english() {
    let (en, sxs) = (
        corpus("graph-docs-en-2021-07"),
        corpus("graph-docs-zh-cn-sxs-2021-08"),
    );
    let agree = agreement(&en, &sxs);
    assert!(agree.shared > 7000, "{} shared pages", agree.shared);
    assert!(
        agree.percent() >= 99.5,
        "{:.2}% agree; first differences: {:?}",
        agree.percent(),
        &agree.different[..agree.different.len().min(10)]
    );
}

#[test]
#[ignore = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>"]
fn chinese_2023_corpus_yields_operations() {
    let zh = corpus("graph-docs-zh-cn-2023-02");
    let api = api_coverage(&zh);
    assert!(api.percent() >= 99.0, "{api:?}");
    assert!(api.silent_failures.is_empty(), "{:?}", api.silent_failures);
}

#[test]
#[ignore = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>"]
fn modern_sample_reads_permission_includes() {
    let modern = corpus("graph-docs-en-modern-sample");
    let from_includes = modern
        .iter()
        .flat_map(|p| &p.operations)
        .filter(|op| {
            matches!(
                op.permissions.source,
                devtools::pipeline::PermissionSource::Include(_)
            )
        })
        .count();
    assert!(
        from_includes >= 15,
        "{from_includes} operations took their permissions from an include"
    );
}

/// Models of resource pages the two corpora share come out the same: the
/// side-by-side pages are read on their English side. A model that names a
/// type whose page only the English corpus has cannot match (the type is
/// unresolved there), so it is counted apart; every other difference is
/// listed, for a reader to tell content drift between the two snapshots of
/// the docs from a reading fault.
#[test]
#[ignore = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>"]
fn side_by_side_models_match_english() {
    let (en, sxs) = (
        corpus("graph-docs-en-2021-07"),
        corpus("graph-docs-zh-cn-sxs-2021-08"),
    );
    let settings = Settings::default();
    let generate = |pages: &[Page]| {
        Generator::new(&settings)
            .generate(pages)
            .expect("generate")
            .files
    };
    let (en_files, sxs_files) = (generate(&en), generate(&sxs));
    let shared: BTreeSet<&str> = sxs.iter().map(|p| p.file.as_str()).collect();
    let models: Vec<(&String, &String, &str)> = en_files
        .iter()
        .filter(|(p, _)| p.contains("/models/") && !p.ends_with("mod.rs"))
        .filter_map(|(path, text)| Some((path, text, documenting_page(text)?)))
        .collect();
    let page_of_type = pages_of_types(&models);
    let (mut same, mut gating, mut missing_dependency, mut drift) = (0, 0, 0, Vec::new());
    for &(path, text, page) in models.iter().filter(|m| shared.contains(m.2)) {
        let sxs_text = sxs_files.get(path);
        if sxs_text == Some(text) {
            same += 1;
        } else if sxs_text.is_some_and(|t| without_cfg(t) == without_cfg(text)) {
            gating += 1;
        } else if referenced_types(path, text)
            .filter_map(|t| page_of_type.get(&t))
            .any(|p| !shared.contains(p.as_str()))
        {
            missing_dependency += 1;
        } else {
            drift.push(page);
        }
    }
    let compared = same + gating + drift.len();
    let percent = same as f64 * 100.0 / compared.max(1) as f64;
    let shape = (same + gating) as f64 * 100.0 / compared.max(1) as f64;
    eprintln!(
        "side-by-side models identical to English: {same}/{compared} ({percent:.2}%); \
         {gating} more differ only in their feature gates ({shape:.2}% the same model); \
         {missing_dependency} more name a type whose page only the English corpus has"
    );
    for page in &drift {
        eprintln!("  differs: {page}");
    }
    assert!(compared > 4000 && percent >= 99.0, "{same}/{compared}");
}

/// The text without its `#[cfg(...)]` attributes. Which area features
/// compile a model follows from the operation pages of each corpus, not
/// from the model's own page.
fn without_cfg(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut depth = 0i32;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if depth == 0 && !trimmed.starts_with("#[cfg(") {
            kept.push_str(line);
            kept.push('\n');
            continue;
        }
        depth += line.matches(['(', '[']).count() as i32;
        depth -= line.matches([')', ']']).count() as i32;
    }
    kept
}

/// The page a generated model file says it comes from.
fn documenting_page(text: &str) -> Option<&str> {
    text.split("documented in `").nth(1)?.split('`').next()
}

/// Each model's Rust name (`pub type X` / `pub enum X`, per version folder)
/// and the page that documents it.
fn pages_of_types(models: &[(&String, &String, &str)]) -> BTreeMap<String, String> {
    let declared = regex::Regex::new(r"pub (?:type|enum) (\w+)").expect("regex");
    let mut map = BTreeMap::new();
    for (path, text, page) in models {
        if let Some(name) = declared.captures(text) {
            map.insert(
                format!("{}/{}", version_dir(path), &name[1]),
                page.to_string(),
            );
        }
    }
    map
}

/// The models a model file names (`super::X`), keyed like [`pages_of_types`].
fn referenced_types<'a>(path: &'a str, text: &'a str) -> impl Iterator<Item = String> + 'a {
    text.match_indices("super::").filter_map(move |(at, _)| {
        let rest = &text[at + "super::".len()..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        name.starts_with(|c: char| c.is_ascii_uppercase())
            .then(|| format!("{}/{name}", version_dir(path)))
    })
}

fn version_dir(path: &str) -> &str {
    path.split("/models/").next().unwrap_or(path)
}
