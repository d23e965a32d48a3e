//! What to generate and where: the settings every stage may read (the
//! ground floor: imports nothing of the crate).

use std::path::PathBuf;

/// How the generated crate depends on `graph-runtime`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// `graph-runtime = { path = "..." }`.
    Path(String),
    /// `graph-runtime = "..."` from a registry.
    Version(String),
}

/// What to generate and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The package name (`graph-client`).
    pub crate_name: String,
    pub crate_version: String,
    pub runtime: RuntimeDependency,
    /// Where the crate is written (read only at the edge, by `docgen::write`).
    pub out_dir: PathBuf,
    /// Add an empty `[workspace]` table, for a crate built on its own inside
    /// another workspace's folder.
    pub standalone: bool,
}

impl Default for Settings {
    /// The committed `generated/` crate of this workspace.
    fn default() -> Self {
        Settings {
            crate_name: "graph-client".to_owned(),
            crate_version: "0.1.0".to_owned(),
            runtime: RuntimeDependency::Path("../runtime".to_owned()),
            out_dir: PathBuf::from("generated"),
            standalone: false,
        }
    }
}
