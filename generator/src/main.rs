use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use docgen::docs::DocTree;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ir { docs } => print_ir(docs),
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
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for page in &pages {
        serde_json::to_writer(&mut out, page).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}
