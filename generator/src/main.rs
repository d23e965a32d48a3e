use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use docgen::docs::DocTree;

mod bench_generate;
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
    /// Print the reader's figures over real corpora and fail below the targets.
    CorpusCheck {
        /// The English corpus (graph-docs-en-2021-07).
        #[arg(long)]
        en: PathBuf,
        /// The zh-CN side-by-side corpus (graph-docs-zh-cn-sxs-2021-08).
        #[arg(long)]
        sxs: Option<PathBuf>,
        /// The zh-CN 2023 corpus (graph-docs-zh-cn-2023-02).
        #[arg(long)]
        zh: Option<PathBuf>,
    },
    /// Time `docgen ir` against a bare read + pulldown-cmark parse of the same files.
    BenchIr {
        #[arg(long, default_value = "docs-input")]
        docs: PathBuf,
        /// Runs per measurement; the fastest is kept.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// Print path templates parsed vs reachable through the generated builders.
    Coverage(emit_cli::CoverageArgs),
    /// Generate the client crate (atomically replaces --out).
    Generate(emit_cli::GenerateArgs),
    /// Time generation of a corpus and `cargo check` of the result against graph-rs-sdk.
    BenchGenerate(bench_generate::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ir { docs } => print_ir(docs),
        Command::BenchIr { docs, rounds } => bench_ir(docs, rounds),
        Command::CorpusCheck { en, sxs, zh } => corpus_check(en, sxs, zh),
        Command::Coverage(args) => emit_cli::coverage(args),
        Command::Generate(args) => emit_cli::generate(args).map_err(|e| e.to_string()),
        Command::BenchGenerate(args) => bench_generate::run(args),
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
    let diagnostics = docgen::diagnostics::collect(&pages, &[]);
    eprint!("{}", docgen::diagnostics::tally(&diagnostics));
    // The process ends here: freeing a corpus's pages one by one only costs time.
    std::mem::forget((pages, lines));
    Ok(())
}

fn bench_ir(docs: PathBuf, rounds: usize) -> Result<(), String> {
    let tree = DocTree::open(&docs).map_err(|e| e.to_string())?;
    let t = docgen::bench::measure(&tree, rounds).map_err(|e| e.to_string())?;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "corpus: {} ({} pages, {:.1} MB)",
        docs.display(),
        t.files,
        t.bytes as f64 / 1e6
    );
    println!(
        "bare read + pulldown-cmark parse (1 thread): {:>8.1} ms",
        ms(t.bare)
    );
    println!(
        "docgen ir (1 thread):                        {:>8.1} ms  ratio {:.2}",
        ms(t.ir_single),
        t.ratio_single()
    );
    println!(
        "docgen ir ({} threads):                       {:>8.1} ms  ratio {:.2}",
        t.threads,
        ms(t.ir_parallel),
        t.ratio_parallel()
    );
    Ok(())
}

fn read_corpus(path: &PathBuf) -> Result<Vec<docgen::ir::page::Page>, String> {
    let tree = DocTree::open(path).map_err(|e| e.to_string())?;
    tree.read_all().map_err(|e| e.to_string())
}

fn corpus_check(en: PathBuf, sxs: Option<PathBuf>, zh: Option<PathBuf>) -> Result<(), String> {
    use docgen::corpus::{agreement, api_coverage, resource_coverage};
    let english = read_corpus(&en)?;
    let mut failures = Vec::new();
    let api = api_coverage(&english);
    println!("en: {}/{} API pages yield a complete operation ({:.2}%, target 99.5%); {} incomplete pages without a diagnostic",
        api.complete, api.operation_pages, api.percent(), api.silent_failures.len());
    if api.percent() < 99.5 || !api.silent_failures.is_empty() {
        failures.push("en API coverage");
    }
    let resources = resource_coverage(&english);
    println!("en: {}/{} resource pages with properties have every type resolved ({:.2}%, target 98%); {} pages document none; {}/{} properties resolved",
        resources.resolved, resources.with_properties, resources.percent(), resources.without_properties,
        resources.resolved_properties, resources.properties);
    if resources.percent() < 98.0 {
        failures.push("en resource coverage");
    }
    if let Some(sxs) = sxs {
        let side_by_side = read_corpus(&sxs)?;
        let agree = agreement(&english, &side_by_side);
        println!(
            "sxs: {}/{} shared API pages give the same operations as en ({:.2}%, target 99.5%)",
            agree.same,
            agree.shared,
            agree.percent()
        );
        for file in agree.different.iter().take(10) {
            println!("  differs: {file}");
        }
        if agree.percent() < 99.5 {
            failures.push("sxs agreement");
        }
    }
    if let Some(zh) = zh {
        let translated = read_corpus(&zh)?;
        let api = api_coverage(&translated);
        println!(
            "zh: {}/{} API pages yield a complete operation ({:.2}%, target 99%)",
            api.complete,
            api.operation_pages,
            api.percent()
        );
        if api.percent() < 99.0 || !api.silent_failures.is_empty() {
            failures.push("zh API coverage");
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("below target: {}", failures.join(", ")))
    }
}
