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
    /// Path globs of the request lines to generate (`/deviceManagement/
    /// virtualEndpoint/**`, `POST /me/sendMail`); none means all of them.
    pub include: Vec<String>,
    /// Path globs of request lines left out, after `include`.
    pub exclude: Vec<String>,
    /// Areas with at least this many terminal calls get a feature per
    /// segment after the area (see [`SPLIT_AT`]).
    pub split_at: usize,
}

/// Areas with at least this many terminal calls are split into a feature per
/// second-level segment. Measured on the English 2021 corpus: a terminal call
/// costs about 50 emitted lines, and `cargo check` cleared about 20k lines a
/// second (beta deviceManagement: 120k lines in 5.9 s), so an area below 100
/// calls costs under ~0.25 s, within the run-to-run noise of checking a
/// graph-rs-sdk app (~5 s); the 15 areas at or above it (beta
/// deviceManagement with 2,107 calls, v1.0 me with 928, ...) hold 76% of all
/// 9,343 calls. Splitting smaller areas would only add features.
pub const SPLIT_AT: usize = 100;

impl Default for Settings {
    /// The committed `generated/` crate of this workspace.
    fn default() -> Self {
        Settings {
            crate_name: "graph-client".to_owned(),
            crate_version: "0.1.0".to_owned(),
            runtime: RuntimeDependency::Path("../runtime".to_owned()),
            out_dir: PathBuf::from("generated"),
            standalone: false,
            include: Vec::new(),
            exclude: Vec::new(),
            split_at: SPLIT_AT,
        }
    }
}
