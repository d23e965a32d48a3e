//! The review subcommands, `diff` and `permissions`: thin wrappers that read
//! each side (a checkout or a `docgen ir` dump), call the library and print
//! text or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use docgen::ir::page::Page;

use crate::emit_cli::{refusal_diagnostic, require_api_pages};

/// `docgen diff`.
#[derive(Args)]
pub struct DiffArgs {
    /// The old side: a doc checkout (the folder holding `api-reference/`) or a `docgen ir` dump.
    #[arg(long)]
    pub old: PathBuf,
    /// The new side: a doc checkout or a `docgen ir` dump.
    #[arg(long)]
    pub new: PathBuf,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Reads one side; entries that were not read are reported on stderr.
pub fn read_side(path: &Path) -> Result<Vec<Page>, docgen::Error> {
    let checkout = docgen::docs::read_pages_or_dump(path)?;
    for refusal in &checkout.refused {
        eprintln!("{}", refusal_diagnostic(refusal));
    }
    require_api_pages(path, &checkout.pages)?;
    Ok(checkout.pages)
}

/// `docgen diff`: the text form (or JSON) on stdout.
pub fn diff(args: DiffArgs) -> Result<(), docgen::Error> {
    let (old, new) = rayon::join(|| read_side(&args.old), || read_side(&args.new));
    let (old, new) = (old?, new?);
    let report = docgen::diff::diff_pages(&old, &new);
    print(&report, args.json, docgen::diff::render)?;
    // The process ends here: freeing a corpus's pages one by one only costs time.
    std::mem::forget((old, new));
    Ok(())
}

/// Prints `value` as pretty JSON, or as `text` renders it.
pub fn print<T: serde::Serialize>(
    value: &T,
    json: bool,
    text: impl Fn(&T) -> String,
) -> Result<(), docgen::Error> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, value)?;
        out.write_all(b"\n")?;
    } else {
        out.write_all(text(value).as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

/// `docgen permissions`.
#[derive(Args)]
pub struct PermissionsArgs {
    /// The doc checkout (or a `docgen ir` dump) whose permission tables answer.
    #[arg(long, default_value = "docs-input")]
    pub docs: PathBuf,
    /// Also give, per kind, the fewest scopes that serve every call.
    #[arg(long)]
    pub fewest: bool,
    /// Print the answer as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The API version of calls that do not name one (`v1.0` or `beta`).
    #[arg(long = "api-version", default_value = "v1.0", value_parser = ["v1.0", "beta"])]
    pub api_version: String,
    /// A file of calls, one HTTP line each (blank lines and `#` comments skipped).
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// Calls as HTTP lines: `GET /users/{id}`, `POST /me/sendMail`.
    pub calls: Vec<String>,
}

/// `docgen permissions`: the answer on stdout.
pub fn permissions(args: PermissionsArgs) -> Result<(), docgen::Error> {
    use docgen::ir::page::ApiVersion;
    let mut calls = args.calls.clone();
    if let Some(file) = &args.file {
        let text = std::fs::read_to_string(file).map_err(|source| docgen::docs::DocsError::Io {
            path: file.clone(),
            source,
        })?;
        let lines = text.lines().map(str::trim);
        calls.extend(
            lines
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned),
        );
    }
    let pages = read_side(&args.docs)?;
    let index = docgen::least_privilege::Index::new(&pages);
    let version = if args.api_version == "beta" {
        ApiVersion::Beta
    } else {
        ApiVersion::V1_0
    };
    let answer = docgen::least_privilege::answer(&index, &calls, version, args.fewest);
    print(&answer, args.json, docgen::least_privilege::render)?;
    drop(index);
    std::mem::forget(pages);
    let unknown = answer.calls.iter().filter(|c| c.unknown.is_some()).count();
    if unknown > 0 {
        return Err(docgen::Error::UnknownCalls {
            unknown,
            calls: answer.calls.len(),
        });
    }
    Ok(())
}
