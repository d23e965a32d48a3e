//! Corpus checks on the real doc corpora, when `DOCGEN_CORPUS` names the
//! folder they were unpacked into (holding `graph-docs-en-2021-07/` and the
//! others). Without it the test says so and passes: `cargo test` alone must
//! not need the corpora. `.ci/run` unpacks them and sets the variable.

use std::path::PathBuf;

use docgen::corpus::{agreement, api_coverage, resource_coverage};
use docgen::docs::DocTree;
use docgen::ir::Page;

fn corpus(name: &str) -> Option<Vec<Page>> {
    let root = PathBuf::from(std::env::var_os("DOCGEN_CORPUS")?).join(name);
    if !root.is_dir() {
        eprintln!("DOCGEN_CORPUS has no {name}; skipped");
        return None;
    }
    Some(
        DocTree::open(root)
            .and_then(|t| t.read_all())
            .expect("corpus"),
    )
}

#[test]
fn english_corpus_meets_the_targets() {
    let Some(en) = corpus("graph-docs-en-2021-07") else {
        eprintln!("DOCGEN_CORPUS not set: corpus checks skipped");
        return;
    };
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
fn side_by_side_corpus_agrees_with_english() {
    let (Some(en), Some(sxs)) = (
        corpus("graph-docs-en-2021-07"),
        corpus("graph-docs-zh-cn-sxs-2021-08"),
    ) else {
        return;
    };
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
fn chinese_2023_corpus_yields_operations() {
    let Some(zh) = corpus("graph-docs-zh-cn-2023-02") else {
        return;
    };
    let api = api_coverage(&zh);
    assert!(api.percent() >= 99.0, "{api:?}");
    assert!(api.silent_failures.is_empty(), "{:?}", api.silent_failures);
}

#[test]
fn modern_sample_reads_permission_includes() {
    let Some(modern) = corpus("graph-docs-en-modern-sample") else {
        return;
    };
    let from_includes = modern
        .iter()
        .flat_map(|p| &p.operations)
        .filter(|op| {
            matches!(
                op.permissions.source,
                docgen::ir::PermissionSource::Include(_)
            )
        })
        .count();
    assert!(
        from_includes >= 15,
        "{from_includes} operations took their permissions from an include"
    );
}

/// Models of resource pages the two corpora share come out the same: the
/// side-by-side pages are read on their English side. The rest is content
/// drift between the two snapshots of the docs (pages one of them lacks,
/// translated front matter on pages without an intro paragraph).
#[test]
fn side_by_side_models_match_english() {
    let (Some(en), Some(sxs)) = (
        corpus("graph-docs-en-2021-07"),
        corpus("graph-docs-zh-cn-sxs-2021-08"),
    ) else {
        return;
    };
    let settings = docgen::generate::Settings::default();
    let generate = |pages: &[Page]| {
        docgen::generate::Generator::new(&settings)
            .generate(pages)
            .expect("generate")
    };
    let (en_files, sxs_files) = (generate(&en), generate(&sxs));
    let shared: std::collections::BTreeSet<&str> = sxs.iter().map(|p| p.file.as_str()).collect();
    let (mut same, mut total) = (0, 0);
    for (path, text) in en_files
        .iter()
        .filter(|(p, _)| p.contains("/models/") && !p.ends_with("mod.rs"))
    {
        let Some(page) = text
            .split("documented in `")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
        else {
            continue;
        };
        if !shared.contains(page) {
            continue;
        }
        total += 1;
        same += usize::from(sxs_files.get(path) == Some(text));
    }
    let percent = same as f64 * 100.0 / total.max(1) as f64;
    eprintln!("side-by-side models identical to English: {same}/{total} ({percent:.2}%)");
    assert!(total > 4000 && percent >= 95.0, "{same}/{total}");
}
