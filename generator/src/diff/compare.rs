//! Pairs two surfaces by key and collects every change, grouped by area.

use std::collections::{BTreeMap, BTreeSet};

use super::classify::{model_details, operation_details, permission_changes};
use super::report::{
    AreaChanges, ChangeKind, Counts, ModelChange, OperationChange, PagePairing, Report,
};
use super::surface::{ModelSurface, OperationKey, OperationSurface, Surface};
use crate::ir::page::{ApiVersion, Page};

/// The diff of two sets of pages (both sides built in parallel).
pub fn diff_pages(old: &[Page], new: &[Page]) -> Report {
    let (old, new) = rayon::join(|| Surface::of(old), || Surface::of(new));
    diff(&old, &new)
}

/// The diff of two surfaces.
pub fn diff(old: &Surface, new: &Surface) -> Report {
    let mut report = Report {
        pages: PagePairing {
            paired: old.pages.intersection(&new.pages).count(),
            only_old: old.pages.difference(&new.pages).count(),
            only_new: new.pages.difference(&old.pages).count(),
        },
        ..Report::default()
    };
    let mut files = BTreeSet::new();
    report.areas = operation_changes(old, new, &mut files);
    report.models = model_changes(old, new, &mut files);
    report.files = files.into_iter().collect();
    report.counts = count(&report);
    report
}

fn operation_changes(
    old: &Surface,
    new: &Surface,
    files: &mut BTreeSet<String>,
) -> Vec<AreaChanges> {
    let mut areas: BTreeMap<(ApiVersion, String), AreaChanges> = BTreeMap::new();
    let keys: BTreeSet<&OperationKey> =
        old.operations.keys().chain(new.operations.keys()).collect();
    for key in keys {
        let (o, n) = (old.operations.get(key), new.operations.get(key));
        let Some(change) = operation_change(key, o, n) else {
            continue;
        };
        let side = n.or(o).expect("a key comes from one side");
        files.insert(side.file.clone());
        if let (Some(o), Some(n)) = (o, n) {
            files.insert(o.file.clone());
            files.insert(n.file.clone());
        }
        let (version, _, _) = key;
        areas
            .entry((*version, side.area.clone()))
            .or_insert_with(|| AreaChanges {
                version: version.as_str().to_owned(),
                area: side.area.clone(),
                file: side.file.clone(),
                operations: Vec::new(),
            })
            .operations
            .push(change);
    }
    areas.into_values().collect()
}

fn operation_change(
    key: &OperationKey,
    old: Option<&OperationSurface>,
    new: Option<&OperationSurface>,
) -> Option<OperationChange> {
    let (change, side, details, permissions) = match (old, new) {
        (None, Some(n)) => (ChangeKind::Added, n, Vec::new(), Vec::new()),
        (Some(o), None) => (ChangeKind::Removed, o, Vec::new(), Vec::new()),
        (Some(o), Some(n)) => {
            let details = operation_details(o, n);
            let permissions = permission_changes(&o.permissions, &n.permissions);
            if details.is_empty() && permissions.is_empty() {
                return None;
            }
            (ChangeKind::Changed, n, details, permissions)
        }
        (None, None) => return None,
    };
    let breaking = change == ChangeKind::Removed || details.iter().any(|d| d.breaking);
    Some(OperationChange {
        change,
        method: key.1.as_str().to_owned(),
        path: side.path.clone(),
        call: side.call.clone(),
        details,
        permissions,
        breaking,
    })
}

fn model_changes(old: &Surface, new: &Surface, files: &mut BTreeSet<String>) -> Vec<ModelChange> {
    let keys: BTreeSet<_> = old.models.keys().chain(new.models.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let (o, n) = (old.models.get(key), new.models.get(key));
        let Some(change) = model_change(key.0, o, n) else {
            continue;
        };
        files.insert(change.file.clone());
        if change.change != ChangeKind::Changed {
            // The models module lists every model.
            files.insert(format!("src/{}/models/mod.rs", key.0.module()));
        }
        out.push(change);
    }
    out
}

fn model_change(
    version: ApiVersion,
    old: Option<&ModelSurface>,
    new: Option<&ModelSurface>,
) -> Option<ModelChange> {
    let (change, side, details) = match (old, new) {
        (None, Some(n)) => (ChangeKind::Added, n, Vec::new()),
        (Some(o), None) => (ChangeKind::Removed, o, Vec::new()),
        (Some(o), Some(n)) => {
            let details = model_details(o, n);
            if details.is_empty() {
                return None;
            }
            (ChangeKind::Changed, n, details)
        }
        (None, None) => return None,
    };
    let breaking = change == ChangeKind::Removed || details.iter().any(|d| d.breaking);
    Some(ModelChange {
        change,
        version: version.as_str().to_owned(),
        kind: side.kind.to_owned(),
        qualified: side.qualified.clone(),
        rust_name: side.rust_name.clone(),
        file: side.file.clone(),
        details,
        breaking,
    })
}

fn count(report: &Report) -> Counts {
    let mut counts = Counts::default();
    for op in report.areas.iter().flat_map(|a| &a.operations) {
        match op.change {
            ChangeKind::Added => counts.operations_added += 1,
            ChangeKind::Removed => counts.operations_removed += 1,
            ChangeKind::Changed => {
                counts.operations_changed += usize::from(!op.details.is_empty());
                counts.permissions_changed += usize::from(!op.permissions.is_empty());
            }
        }
        counts.breaking += usize::from(op.breaking);
    }
    for model in &report.models {
        match model.change {
            ChangeKind::Added => counts.models_added += 1,
            ChangeKind::Removed => counts.models_removed += 1,
            ChangeKind::Changed => counts.models_changed += 1,
        }
        counts.breaking += usize::from(model.breaking);
    }
    counts
}
