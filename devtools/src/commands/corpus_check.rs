use std::path::{Path, PathBuf};

use devtools::corpus::{agreement, api_coverage, resource_coverage};
use devtools::pipeline::{read_pages, Page};
use devtools::Error;

pub fn corpus_check(en: PathBuf, sxs: Option<PathBuf>, zh: Option<PathBuf>) -> Result<(), Error> {
    let english = read_pages(&en)?;
    let mut failures = english_figures(&english);
    if let Some(sxs) = sxs {
        failures.extend(side_by_side_figures(&english, &sxs)?);
    }
    if let Some(zh) = zh {
        failures.extend(translated_figures(&zh)?);
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Error::BelowTarget(failures.join(", ")))
    }
}

fn english_figures(english: &[Page]) -> Vec<&'static str> {
    let mut failures = Vec::new();
    let api = api_coverage(english);
    println!("en: {}/{} API pages yield a complete operation ({:.2}%, target 99.5%); {} incomplete pages without a diagnostic",
        api.complete, api.operation_pages, api.percent(), api.silent_failures.len());
    if api.percent() < 99.5 || !api.silent_failures.is_empty() {
        failures.push("en API coverage");
    }
    let resources = resource_coverage(english);
    println!("en: {}/{} resource pages with properties have every type resolved ({:.2}%, target 98%); {} pages document none; {}/{} properties resolved",
        resources.resolved, resources.with_properties, resources.percent(), resources.without_properties,
        resources.resolved_properties, resources.properties);
    if resources.percent() < 98.0 {
        failures.push("en resource coverage");
    }
    failures
}

fn side_by_side_figures(english: &[Page], sxs: &Path) -> Result<Vec<&'static str>, Error> {
    let side_by_side = read_pages(sxs)?;
    let agree = agreement(english, &side_by_side);
    println!(
        "sxs: {}/{} shared API pages give the same operations as en ({:.2}%, target 99.5%)",
        agree.same,
        agree.shared,
        agree.percent()
    );
    for file in agree.different.iter().take(10) {
        println!("  differs: {file}");
    }
    Ok(if agree.percent() < 99.5 {
        vec!["sxs agreement"]
    } else {
        vec![]
    })
}

fn translated_figures(zh: &Path) -> Result<Vec<&'static str>, Error> {
    let translated = read_pages(zh)?;
    let api = api_coverage(&translated);
    println!(
        "zh: {}/{} API pages yield a complete operation ({:.2}%, target 99%)",
        api.complete,
        api.operation_pages,
        api.percent()
    );
    Ok(if api.percent() < 99.0 || !api.silent_failures.is_empty() {
        vec!["zh API coverage"]
    } else {
        vec![]
    })
}
