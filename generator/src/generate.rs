//! The library API: `Settings` → [`Generator::new`] → [`Generator::generate`]
//! (pure, pages in, files out) → [`write`] (the only I/O, at the edge).
//!
//! ```no_run
//! use docgen::generate::{Generator, Settings};
//! let pages = docgen::docs::DocTree::open("docs-input")?.read_all()?;
//! let settings = Settings::default();
//! let files = Generator::new(&settings).generate(&pages)?;
//! docgen::generate::write(&settings.out_dir, &files)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::emit::{self, area, crate_files, EmitError};
use crate::ir::{Api, Page};
use crate::lower::{self, Lowered};

pub use crate::write::{write, WriteError};

/// The generated crate: path relative to the crate root (`/` separators) →
/// contents. Ordered, so iteration and output are deterministic.
pub type Files = BTreeMap<String, String>;

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
    /// Where [`write`] puts the crate; not used by [`Generator::generate`].
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

/// A failure to generate (always an internal error of the emitter).
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Emit(#[from] EmitError),
}

/// Generates the client crate for the given settings.
#[derive(Clone, Debug)]
pub struct Generator<'a> {
    settings: &'a Settings,
}

impl<'a> Generator<'a> {
    pub fn new(settings: &'a Settings) -> Self {
        Generator { settings }
    }

    /// Lowers `pages` and emits every file of the crate.
    pub fn generate(&self, pages: &[Page]) -> Result<Files, GenerateError> {
        let lowered = lower::lower(pages);
        self.generate_lowered(&lowered)
    }

    /// Emits the crate for pages already lowered.
    pub fn generate_lowered(&self, lowered: &Lowered) -> Result<Files, GenerateError> {
        self.emit(&lowered.api)
    }

    /// Emits the crate for a lowered API. Areas are emitted in parallel; the
    /// result does not depend on the thread count.
    pub fn emit(&self, api: &Api) -> Result<Files, GenerateError> {
        let mut files = Files::new();
        files.insert(
            "Cargo.toml".to_owned(),
            crate_files::cargo_toml(self.settings, api),
        );
        files.insert("rustfmt.toml".to_owned(), crate_files::rustfmt_toml());
        files.insert("src/lib.rs".to_owned(), crate_files::lib_rs(api)?);
        for version in &api.versions {
            let dir = version.version.module();
            files.insert(
                format!("src/{dir}/mod.rs"),
                crate_files::version_mod(version)?,
            );
            files.extend(emit::models::model_files(version.version, &version.models)?);
        }
        let jobs: Vec<_> = api
            .versions
            .iter()
            .flat_map(|v| v.areas.iter().map(move |a| (v, a)))
            .collect();
        let areas = jobs
            .par_iter()
            .map(|(version, area)| {
                let path = format!(
                    "src/{}/{}.rs",
                    version.version.module(),
                    area_file_stem(&area.module)
                );
                let body = area::area_file(version.version, area, &version.models)?;
                Ok((path, format!("{}{body}", emit::rust_header())))
            })
            .collect::<Result<Vec<_>, EmitError>>()?;
        files.extend(areas);
        Ok(files)
    }
}

/// The file of a module: `r#type` lives in `type.rs`.
pub fn area_file_stem(module: &str) -> &str {
    module.strip_prefix("r#").unwrap_or(module)
}
