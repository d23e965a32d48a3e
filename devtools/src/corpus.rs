//! Figures over whole doc corpora: how many API pages yield a complete
//! operation, how well a translated corpus agrees with the English one, how
//! many resource pages yield typed properties. Used by `devtools corpus-check`
//! and by the corpus tests.

use std::collections::BTreeMap;

use crate::pipeline::{Operation, Page, PageKind, Severity};

/// API pages: how many yield a complete operation (method, path, success
/// status), and whether every other one says why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiCoverage {
    pub operation_pages: usize,
    pub complete: usize,
    /// Incomplete pages that carry no error diagnostic (should be 0).
    pub silent_failures: Vec<String>,
}

impl ApiCoverage {
    pub fn percent(&self) -> f64 {
        percent(self.complete, self.operation_pages)
    }
}

pub fn is_complete(page: &Page) -> bool {
    page.operations
        .iter()
        .any(|op| !op.paths.is_empty() && op.success_status.is_some())
}

pub fn api_coverage(pages: &[Page]) -> ApiCoverage {
    let mut coverage = ApiCoverage::default();
    for page in pages.iter().filter(|p| p.kind == PageKind::Operation) {
        coverage.operation_pages += 1;
        if is_complete(page) {
            coverage.complete += 1;
        } else if !page
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            coverage.silent_failures.push(page.file.clone());
        }
    }
    coverage
}

/// What must agree between languages: method, paths, success status and
/// permission names per kind, for every operation of the page.
pub fn operation_signature(page: &Page) -> Vec<String> {
    page.operations.iter().map(signature_of).collect()
}

fn signature_of(op: &Operation) -> String {
    let p = &op.permissions;
    format!(
        "{} {:?} {:?} work={:?} personal={:?} app={:?}",
        op.method.as_str(),
        op.paths,
        op.success_status,
        p.delegated_work,
        p.delegated_personal,
        p.application
    )
}

/// Agreement of a translated corpus with the English one, over the API
/// pages both hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agreement {
    pub shared: usize,
    pub same: usize,
    pub different: Vec<String>,
}

impl Agreement {
    pub fn percent(&self) -> f64 {
        percent(self.same, self.shared)
    }
}

pub fn agreement(english: &[Page], other: &[Page]) -> Agreement {
    let english: BTreeMap<&str, &Page> = english.iter().map(|p| (p.file.as_str(), p)).collect();
    let mut result = Agreement::default();
    for page in other.iter().filter(|p| p.kind == PageKind::Operation) {
        let Some(en) = english
            .get(page.file.as_str())
            .filter(|e| e.kind == PageKind::Operation)
        else {
            continue;
        };
        result.shared += 1;
        if operation_signature(en) == operation_signature(page) {
            result.same += 1;
        } else {
            result.different.push(page.file.clone());
        }
    }
    result
}

/// Resource pages: properties read, and how many have every type resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceCoverage {
    pub resource_pages: usize,
    /// Pages that document no properties at all ("None.").
    pub without_properties: usize,
    pub with_properties: usize,
    /// Pages with properties whose every property type is resolved.
    pub resolved: usize,
    pub properties: usize,
    pub resolved_properties: usize,
    pub unresolved_pages: Vec<String>,
}

impl ResourceCoverage {
    /// Share of pages with properties whose every type is resolved.
    pub fn percent(&self) -> f64 {
        percent(self.resolved, self.with_properties)
    }
}

pub fn resource_coverage(pages: &[Page]) -> ResourceCoverage {
    let mut coverage = ResourceCoverage::default();
    for page in pages {
        let Some(resource) = page
            .resource
            .as_ref()
            .filter(|_| page.kind == PageKind::Resource)
        else {
            continue;
        };
        coverage.resource_pages += 1;
        if resource.properties.is_empty() {
            coverage.without_properties += 1;
            continue;
        }
        coverage.with_properties += 1;
        let all = resource.properties.iter().chain(&resource.relationships);
        let (total, resolved) = all.fold((0, 0), |(t, r), p| {
            (t + 1, r + usize::from(p.type_ref.is_resolved()))
        });
        coverage.properties += total;
        coverage.resolved_properties += resolved;
        if total == resolved {
            coverage.resolved += 1;
        } else {
            coverage.unresolved_pages.push(page.file.clone());
        }
    }
    coverage
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 100.0;
    }
    part as f64 * 100.0 / whole as f64
}
