//! The `generate` subcommand: a thin wrapper over the library; errors
//! become one message each.

use std::path::PathBuf;

use clap::Args;
use docgen::docs::DocTree;

fn read_pages(docs: &PathBuf) -> Result<Vec<docgen::ir::Page>, String> {
    let tree = DocTree::open(docs).map_err(|e| e.to_string())?;
    tree.read_all().map_err(|e| e.to_string())
}

/// `docgen generate`.
#[derive(Args)]
pub struct GenerateArgs {
    /// The doc checkout (the folder holding `api-reference/`).
    #[arg(long, default_value = "docs-input")]
    pub docs: PathBuf,
    /// The crate folder to (re)generate.
    #[arg(long, default_value = "generated")]
    pub out: PathBuf,
    /// The package name.
    #[arg(long, default_value = "graph-client")]
    pub crate_name: String,
    /// Depend on graph-runtime at this path (relative to the output crate).
    #[arg(long, default_value = "../runtime", conflicts_with = "runtime_version")]
    pub runtime_path: String,
    /// Depend on graph-runtime from a registry, at this version requirement.
    #[arg(long)]
    pub runtime_version: Option<String>,
    /// Add an empty `[workspace]` table (for a crate inside another workspace's folder).
    #[arg(long)]
    pub standalone: bool,
}

impl GenerateArgs {
    pub fn settings(&self) -> docgen::generate::Settings {
        use docgen::generate::{RuntimeDependency, Settings};
        let runtime = match &self.runtime_version {
            Some(version) => RuntimeDependency::Version(version.clone()),
            None => RuntimeDependency::Path(self.runtime_path.clone()),
        };
        Settings {
            crate_name: self.crate_name.clone(),
            runtime,
            out_dir: self.out.clone(),
            standalone: self.standalone,
            ..Settings::default()
        }
    }
}

pub fn generate(args: GenerateArgs) -> Result<(), String> {
    let pages = read_pages(&args.docs)?;
    let settings = args.settings();
    let lowered = docgen::lower::lower(&pages);
    for refused in &lowered.refused {
        eprintln!("warning: {refused}");
    }
    let files = docgen::generate::Generator::new(&settings)
        .generate_lowered(&lowered)
        .map_err(|e| e.to_string())?;
    docgen::generate::write(&settings.out_dir, &files).map_err(|e| e.to_string())?;
    println!(
        "{}: {} files, {} builder structs, {} terminal calls; {} of {} path templates left out, {} duplicate operations folded",
        settings.out_dir.display(),
        files.len(),
        lowered.stats.nodes,
        lowered.stats.endpoints,
        lowered.refused.len(),
        lowered.stats.templates,
        lowered.stats.dropped_duplicates
    );
    Ok(())
}
