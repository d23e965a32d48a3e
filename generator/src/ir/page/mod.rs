//! What a page says: the reader's output, one [`Page`] per markdown file,
//! in the page's own terms (paths as written, types as named, permissions as
//! listed). Lowering reads it and never changes it.

mod diagnostic;
mod operation;
mod resource;
mod type_ref;

pub use diagnostic::*;
pub use operation::*;
pub use resource::*;
pub use type_ref::*;

use serde::{Deserialize, Serialize};

/// One markdown page of the doc checkout, as read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Path relative to the doc root, with `/` separators:
    /// `api-reference/beta/api/cloudpcdeviceimage-reupload.md`.
    pub file: String,
    pub kind: PageKind,
    /// API version taken from the path (`beta` or `v1.0`).
    pub version: Option<ApiVersion>,
    /// The page title in English (the `sxs-lookup` side for side-by-side pages).
    pub title: String,
    /// The page's first paragraph (English on side-by-side pages); else, on
    /// an English page, the front matter description.
    pub description: String,
    /// The description came from the front matter (the page has no intro
    /// paragraph); a translation has no English one to offer there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub description_from_front_matter: bool,
    /// The language of the page's prose (`en`, `zh-CN`, ...), from front matter.
    pub locale: String,
    /// `Namespace:` line, when present (`microsoft.graph`).
    pub namespace: Option<String>,
    pub operations: Vec<Operation>,
    pub resource: Option<Resource>,
    /// The enums an enum page declares: one, or many on the `enums.md` pages
    /// that hold a `### x values` table per enum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<Enumeration>,
    pub examples: Vec<Example>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a page describes, decided by its `doc_type` (typos accepted), not its folder.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Operation,
    Resource,
    Enum,
    #[default]
    Other,
}

impl Page {
    /// A page of the Intune workload docs (`intune-devices-user.md`). They
    /// restate shared types and requests (`user`, `GET /users/{id}`) from
    /// Intune's side, with Intune permissions and a few of the properties,
    /// so where they and a page of the shared docs name the same thing, the
    /// shared page is the one to follow.
    pub fn is_intune_workload(&self) -> bool {
        let name = self.file.rsplit('/').next().unwrap_or(&self.file);
        name.starts_with("intune-")
    }

    /// Which page's declaration of a type wins when several pages declare
    /// it (lower first): pages under `resources/` before types misfiled
    /// under `api/`, and a shared type's own page before Intune pages
    /// restating it. The resolver and model naming both follow it.
    pub fn declaration_rank(&self) -> (bool, bool) {
        (
            !self.file.contains("/resources/"),
            self.is_intune_workload(),
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApiVersion {
    #[serde(rename = "v1.0")]
    V1_0,
    #[serde(rename = "beta")]
    Beta,
}

impl ApiVersion {
    /// The version segment as it appears in URLs and folder names.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// The Rust module name of this version.
    pub fn module(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1_0",
            ApiVersion::Beta => "beta",
        }
    }
}
