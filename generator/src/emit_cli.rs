//! The user's subcommands, `generate`, `ir` and `features`: thin wrappers over the
//! library that print its diagnostics rustc-style and return its one error
//! type (printed once, by `main`).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use docgen::docs::DocTree;

/// An entry of the checkout that was not read, in the diagnostics stream.
pub fn refusal_diagnostic(
    refusal: &docgen::docs::Refusal,
) -> docgen::diagnostics::LocatedDiagnostic {
    docgen::diagnostics::LocatedDiagnostic {
        file: refusal.path.clone(),
        line: 1,
        severity: docgen::ir::page::Severity::Warning,
        message: format!("not read: {}", refusal.reason),
        kind: docgen::ir::page::DiagnosticKind::NotRead,
    }
}

/// An empty checkout, or one whose pages are none of them API pages, is an
/// error: it would silently replace the crate with an empty one.
pub fn require_api_pages(
    docs: &std::path::Path,
    pages: &[docgen::ir::page::Page],
) -> Result<(), docgen::Error> {
    use docgen::ir::page::PageKind;
    if pages.iter().any(|p| p.kind != PageKind::Other) {
        return Ok(());
    }
    Err(docgen::Error::NoApiPages {
        path: docs.to_path_buf(),
        pages: pages.len(),
    })
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
    /// Exit with an error when any page has a diagnostic or any entry was not read.
    #[arg(long)]
    pub strict: bool,
    /// Print every diagnostic (default: the first 20, then the count per kind).
    #[arg(long)]
    pub all_diagnostics: bool,
    /// Write into a non-empty --out that holds no docgen manifest (nothing in it is removed).
    #[arg(long)]
    pub force: bool,
    /// Generate only the request lines matching this path glob (repeatable):
    /// `*` is one segment, `**` any number, `{x}` any placeholder, case is
    /// ignored, an HTTP method may lead (`POST /me/sendMail`).
    #[arg(long, value_name = "PATTERN")]
    pub include: Vec<String>,
    /// Leave out the request lines matching this path glob (repeatable).
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
}

impl GenerateArgs {
    pub fn settings(&self) -> docgen::settings::Settings {
        use docgen::settings::{RuntimeDependency, Settings};
        let runtime = match &self.runtime_version {
            Some(version) => RuntimeDependency::Version(version.clone()),
            None => RuntimeDependency::Path(self.runtime_path.clone()),
        };
        Settings {
            crate_name: self.crate_name.clone(),
            runtime,
            out_dir: self.out.clone(),
            standalone: self.standalone,
            include: self.include.clone(),
            exclude: self.exclude.clone(),
            ..Settings::default()
        }
    }
}

/// `docgen ir`: every page's IR as JSON Lines on stdout; entries of the
/// checkout that were not read are reported on stderr.
pub fn ir(docs: &Path) -> Result<(), docgen::Error> {
    let checkout = DocTree::open(docs)?.read_checked()?;
    for refusal in &checkout.refused {
        eprintln!("{}", refusal_diagnostic(refusal));
    }
    require_api_pages(docs, &checkout.pages)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    docgen::docs::write_json_lines(&checkout.pages, &mut out)?;
    out.flush()?;
    let mut diagnostics = docgen::diagnostics::collect(&checkout.pages, &[]);
    diagnostics.extend(checkout.refused.iter().map(refusal_diagnostic));
    eprint!("{}", docgen::diagnostics::tally(&diagnostics));
    // The process ends here: freeing a corpus's pages one by one only costs time.
    std::mem::forget((checkout, diagnostics));
    Ok(())
}

/// `docgen generate`: read, lower, then emit into the writer's stager (each
/// file is written out as it is made); diagnostics on stderr.
pub fn generate(args: GenerateArgs) -> Result<(), docgen::Error> {
    // Before the first big allocation: generate's peak memory is bounded.
    crate::huge_pages::turn_off();
    let checkout = DocTree::open(&args.docs)?.read_checked()?;
    require_api_pages(&args.docs, &checkout.pages)?;
    let settings = args.settings();
    let mut lowering = docgen::generate::Generator::new(&settings).lower_from(checkout.pages)?;
    let mut diagnostics = std::mem::take(&mut lowering.diagnostics);
    diagnostics.extend(checkout.refused.iter().map(refusal_diagnostic));
    diagnostics.sort();
    let limit = if args.all_diagnostics { usize::MAX } else { 20 };
    eprint!("{}", docgen::diagnostics::report(&diagnostics, limit));
    let options = docgen::write::WriteOptions { force: args.force };
    let stager = docgen::write::Stager::open(&settings.out_dir, &options)?;
    if let Err(e) = lowering.emit_into(&stager) {
        stager.abort();
        return Err(docgen::generate::GenerateError::from(e).into());
    }
    let report = stager.finish()?;
    let stats = lowering.stats();
    println!(
        "{}: {} files, {} builder structs, {} terminal calls; {} of {} path templates left out, {} duplicate operations folded; {}",
        settings.out_dir.display(),
        report.written + report.unchanged,
        stats.nodes,
        stats.endpoints,
        stats.templates - stats.lowered,
        stats.templates,
        stats.dropped_duplicates,
        docgen::diagnostics::summary(&diagnostics),
    );
    // The process ends here: freeing the lowered API piece by piece only costs time.
    std::mem::forget(lowering);
    if args.strict && !diagnostics.is_empty() {
        return Err(docgen::Error::Strict {
            summary: docgen::diagnostics::summary(&diagnostics),
        });
    }
    Ok(())
}

/// `docgen features`: the feature table, or the features request lines need
/// (and the `features = [...]` to put in Cargo.toml).
pub fn features(docs: &Path, lines: &[String]) -> Result<(), docgen::Error> {
    let checkout = DocTree::open(docs)?.read_checked()?;
    require_api_pages(docs, &checkout.pages)?;
    let api = docgen::lower::lower(&checkout.pages).api;
    if lines.is_empty() {
        println!("{:<60} {:>6}  path", "feature", "calls");
        for row in docgen::features::table(&api) {
            let indent = if row.part { "  " } else { "" };
            let feature = format!("{indent}{}", row.feature);
            println!("{feature:<60} {:>6}  {}", row.calls, row.path);
        }
        return Ok(());
    }
    let mut chosen = std::collections::BTreeSet::new();
    for line in lines {
        let found = docgen::features::needed(&api, line);
        // One version per line: v1.0 unless the line names beta or only beta has it.
        match found.first() {
            Some((_, feature)) => {
                println!("{line}: {feature}");
                chosen.insert(feature.clone());
            }
            None => println!("{line}: not documented in {}", docs.display()),
        }
    }
    let listed: Vec<String> = chosen.iter().map(|f| format!("\"{f}\"")).collect();
    println!("features = [{}]", listed.join(", "));
    Ok(())
}
