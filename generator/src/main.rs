use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod allocator;
mod conform_cli;
mod diff_cli;
mod emit_cli;
mod huge_pages;
mod mock_cli;

// Reading a corpus makes millions of small allocations that live as long as
// the IR; mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: allocator::Mimalloc = allocator::Mimalloc;

/// Reads Microsoft Graph API reference pages and emits a typed Rust client.
#[derive(Parser)]
#[command(name = "docgen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the IR of every page as JSON Lines, sorted by file.
    Ir {
        /// The doc checkout (the folder holding `api-reference/`).
        #[arg(long, default_value = "docs-input")]
        docs: PathBuf,
    },
    /// Generate the client crate into --out (only the files docgen owns there change).
    Generate(emit_cli::GenerateArgs),
    /// Serve the docs' response examples as a mock Graph on loopback.
    Mock(mock_cli::MockArgs),
    /// Replay the docs' request examples through the generated calls, and
    /// check their JSON responses against the calls' types.
    Conform(conform_cli::ConformArgs),
    /// What changed between two checkouts (or `docgen ir` dumps), for the generated crate.
    Diff(diff_cli::DiffArgs),
    /// The least privileged permissions for a set of calls, from the docs' tables.
    Permissions(diff_cli::PermissionsArgs),
    /// Print the features of the crate --docs generates, with their terminal
    /// calls; given request lines (`'POST /me/sendMail'`), the features they need.
    Features {
        /// The doc checkout (the folder holding `api-reference/`).
        #[arg(long, default_value = "docs-input")]
        docs: PathBuf,
        /// Documented request lines: `METHOD /path` (a path may start with `/beta`).
        lines: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ir { docs } => emit_cli::ir(&docs),
        Command::Generate(args) => emit_cli::generate(args),
        Command::Mock(args) => mock_cli::run(args),
        Command::Conform(args) => conform_cli::run(args),
        Command::Diff(args) => diff_cli::diff(args),
        Command::Permissions(args) => diff_cli::permissions(args),
        Command::Features { docs, lines } => emit_cli::features(&docs, &lines),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
