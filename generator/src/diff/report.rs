//! What `docgen diff` reports: plain serde data, printed as text by
//! [`super::render`](mod@super::render) and as JSON by the CLI.

use serde::Serialize;

/// The structural difference of two doc checkouts, for the generated crate.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub pages: PagePairing,
    /// Operation changes grouped by version and area, sorted.
    pub areas: Vec<AreaChanges>,
    /// Model and enum changes per version, sorted by qualified name.
    pub models: Vec<ModelChange>,
    /// The generated-crate files whose contents these changes touch, sorted.
    pub files: Vec<String>,
    pub counts: Counts,
}

/// Pages are paired by file path; a page on one side only is listed by count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PagePairing {
    pub paired: usize,
    pub only_old: usize,
    pub only_new: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaChanges {
    /// `v1.0` or `beta`.
    pub version: String,
    /// The area's first path segment (`users`).
    pub area: String,
    pub file: String,
    pub operations: Vec<OperationChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn sign(self) -> char {
        match self {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        }
    }
}

/// One operation that appeared, vanished, or changed (its surface or its
/// permissions).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperationChange {
    pub change: ChangeKind,
    pub method: String,
    /// The path as the docs write it (the new side's, when both have it).
    pub path: String,
    /// The builder chain (the new side's, when both have it).
    pub call: String,
    /// Surface changes (empty when only the permissions changed).
    pub details: Vec<Detail>,
    pub permissions: Vec<PermissionChange>,
    /// True when code written against the old crate may no longer compile
    /// or may read a different type.
    pub breaking: bool,
}

/// One changed aspect of an operation or model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Detail {
    /// `response`, `status`, `call`, `body`, `body field to`, `property x`, `member y`, ...
    pub what: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub breaking: bool,
}

/// How one permission kind of one operation changed. Never breaking for
/// code, but an app may need another scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PermissionChange {
    /// `delegated_work`, `delegated_personal` or `application`.
    pub kind: String,
    pub old: Vec<String>,
    pub new: Vec<String>,
    /// The least privileged scope changed (or the kind became (un)supported).
    pub least_changed: bool,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// The same scopes in another least-to-most order.
    pub reordered: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelChange {
    pub change: ChangeKind,
    pub version: String,
    /// `model` or `enum`.
    pub kind: String,
    pub qualified: String,
    pub rust_name: String,
    pub file: String,
    pub details: Vec<Detail>,
    pub breaking: bool,
}

/// The figures of the last line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub operations_added: usize,
    pub operations_removed: usize,
    /// Operations whose surface changed (not counting permission-only changes).
    pub operations_changed: usize,
    /// Operations on both sides whose permissions changed.
    pub permissions_changed: usize,
    pub models_added: usize,
    pub models_removed: usize,
    pub models_changed: usize,
    /// Operation and model changes (added, removed or changed) that break
    /// code written against the old crate.
    pub breaking: usize,
}
