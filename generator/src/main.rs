use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use docgen::docs::DocTree;

mod emit_cli;

// Reading a corpus makes millions of small allocations that live as long as
// the IR; mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Generate the client crate (atomically replaces --out).
    Generate(emit_cli::GenerateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ir { docs } => print_ir(docs),
        Command::Generate(args) => emit_cli::generate(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn print_ir(docs: PathBuf) -> Result<(), String> {
    let tree = DocTree::open(docs).map_err(|e| e.to_string())?;
    let pages = tree.read_all().map_err(|e| e.to_string())?;
    let lines = docgen::docs::json_lines(&pages).map_err(|e| e.to_string())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in &lines {
        out.write_all(line).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    // The process ends here: freeing a corpus's pages one by one only costs time.
    std::mem::forget((pages, lines));
    Ok(())
}
