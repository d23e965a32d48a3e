//! The hostile samples and the oracle on doc pages: every template lowering
//! accepts is reachable by name through the builders, and the oracle's own
//! reading of the written template gives the same path as lowering's.
//! (`tests/tests/reachability.rs` in the tests crate compiles the calls and
//! sets the oracle against what the generated client really sends.)

use std::path::PathBuf;

use devtools::oracle::expected_path;
use devtools::pipeline::{lower, read_page, read_pages, resolve, NoIncludes, Page};
use devtools::reachability::{samples, wire_path, Sample, Samples};

/// One v1.0 API page with a GET for each template.
fn get(templates: &[&str]) -> Vec<Page> {
    let text = format!(
        "---\ntitle: \"a\"\ndescription: \"A fixture.\"\ndoc_type: apiPageType\n---\n\n# a\n\n\
         Namespace: microsoft.graph\n\nA fixture.\n\n## HTTP request\n\n```http\n{}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code.\n",
        templates
            .iter()
            .map(|t| format!("GET {t}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let mut pages = vec![read_page(
        "api-reference/v1.0/api/a.md",
        text.as_bytes(),
        &NoIncludes,
    )];
    resolve(&mut pages);
    pages
}

fn workspace(folder: &str) -> Vec<Page> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(folder);
    read_pages(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display()))
}

/// Each sample whose oracle path differs from lowering's, with both paths.
fn disagreements(found: &[Sample]) -> Vec<String> {
    found
        .iter()
        .filter_map(|sample| {
            let lowering = wire_path(&sample.expected);
            let oracle = expected_path(&sample.template, &sample.arguments());
            (oracle.as_ref() != Ok(&lowering)).then(|| {
                format!(
                    "{}:{}: {}\n  oracle   {oracle:?}\n  lowering {lowering}",
                    sample.file, sample.line, sample.template
                )
            })
        })
        .collect()
}

#[test]
fn every_lowered_template_is_reachable_by_name() {
    let pages = get(&[
        "/users/{id | userPrincipalName}/photo/$value",
        "/me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/range(<address>)/format",
        "/reports/getEmailActivityUserDetail(date={date_value})",
    ]);
    let lowered = lower(&pages);
    let Samples { found, missing } = samples(&pages, &lowered.api);
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(found.len(), 3);
    let steps: Vec<&str> = found[1].steps.iter().map(|s| s.method.as_str()).collect();
    assert_eq!(
        steps,
        [
            "drive",
            "root",
            "by_path",
            "workbook",
            "worksheets",
            "by_id",
            "range",
            "format"
        ]
    );
    assert_eq!(disagreements(&found), Vec::<String>::new());
    assert_eq!(
        expected_path(&found[1].template, &found[1].arguments()).unwrap(),
        "/me/drive/root:/folder%200/a/b%3Fc%23d.txt:/workbook/worksheets/x%20y%25z/range(42)/format"
    );
}

#[test]
fn alternate_keys_are_entry_functions() {
    let pages = get(&[
        "/applications/{id}/owners",
        "/applications(appId='{appId}')/owners/{id}/$ref",
    ]);
    let lowered = lower(&pages);
    let Samples { found, missing } = samples(&pages, &lowered.api);
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(found[1].entry.method, "applications_with_app_id");
    assert_eq!(
        expected_path(&found[1].template, &found[1].arguments()).unwrap(),
        "/applications(appId='a%2Fb%3Fc%23d')/owners/x%20y%25z/$ref"
    );
}

#[test]
fn oracle_and_lowering_agree_on_docs_input_and_the_emit_fixtures() {
    for folder in ["docs-input", "generator/tests/fixtures/emit"] {
        let pages = workspace(folder);
        let lowered = lower(&pages);
        let Samples { found, missing } = samples(&pages, &lowered.api);
        assert!(found.len() >= 20, "{folder}: {} samples", found.len());
        assert!(missing.is_empty(), "{folder}: {missing:?}");
        let differ = disagreements(&found);
        assert!(differ.is_empty(), "{folder}:\n{}", differ.join("\n"));
    }
}

/// The same over whole corpora, where lowering normalizes the most.
#[test]
#[ignore = "needs DOCGEN_CORPUS=<folder holding the unpacked corpora>"]
fn oracle_and_lowering_agree_on_the_corpora() {
    let root = std::env::var_os("DOCGEN_CORPUS")
        .unwrap_or_else(|| panic!("needs DOCGEN_CORPUS=<folder holding the unpacked corpora>"));
    for name in ["graph-docs-en-2021-07", "graph-docs-en-modern-sample"] {
        let pages = read_pages(PathBuf::from(&root).join(name)).expect(name);
        let lowered = lower(&pages);
        let Samples { found, .. } = samples(&pages, &lowered.api);
        let differ = disagreements(&found);
        eprintln!(
            "{name}: the oracle agrees with lowering on {} of {} reachable templates",
            found.len() - differ.len(),
            found.len()
        );
        assert!(differ.is_empty(), "{name}:\n{}", differ.join("\n"));
    }
}
