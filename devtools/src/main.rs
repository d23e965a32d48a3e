//! `devtools`: the measurements docgen's developers and CI run, apart from
//! the `docgen` binary users run.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;

// As in `docgen`: the reader benchmark must time the allocator users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// docgen's measurements: corpus figures, coverage, benchmarks, model report.
#[derive(Parser)]
#[command(name = "devtools", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
    /// Time the `docgen ir` process against a bare read + pulldown-cmark parse
    /// of the same files (and the same work in this process, 1 and N threads).
    BenchIr {
        #[arg(long, default_value = "docs-input")]
        docs: PathBuf,
        /// Runs per measurement; the fastest is kept.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// The `docgen` binary to time (default: the one next to `devtools`).
        #[arg(long)]
        docgen: Option<PathBuf>,
    },
    /// Time `docgen generate` on a doc checkout against a bare read + parse of
    /// the same files, and its phases (read, lower, emit, write).
    BenchPipeline(devtools::bench_pipeline::PipelineArgs),
    /// Print path templates parsed vs reachable through the generated builders.
    Coverage(commands::CoverageArgs),
    /// Time generation of a corpus and `cargo check` of the result against graph-rs-sdk.
    BenchGenerate(devtools::bench_generate::BenchArgs),
    /// Time clean `cargo check`/`cargo build` of the reference apps in
    /// `devtools/compile-apps` (seed, typical, whole v1.0, graph-rs-sdk).
    BenchCompile(devtools::bench_compile::CompileArgs),
    /// Peak memory and time of the release `docgen generate` and `docgen ir`
    /// on a synthetic huge table page, against its size.
    BenchBigPage(devtools::bench_big_page::BigPageArgs),
    /// `cargo check` random (seeded) pairs and triples of a generated crate's features.
    FeaturesAdditive(devtools::features_check::AdditiveArgs),
    /// Decode the docs' JSON samples into their declared models and count
    /// the documented properties that read back with their documented type.
    ModelReport {
        /// The doc checkout (the folder holding `api-reference/`).
        #[arg(long)]
        docs: PathBuf,
        /// List every failure cause and every example (default: 25 causes, 2 examples).
        #[arg(long)]
        all: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::CorpusCheck { en, sxs, zh } => commands::corpus_check(en, sxs, zh),
        Command::BenchIr {
            docs,
            rounds,
            docgen,
        } => commands::bench_ir(docs, rounds, docgen),
        Command::BenchPipeline(args) => devtools::bench_pipeline::run(args),
        Command::Coverage(args) => commands::coverage(args),
        Command::BenchGenerate(args) => devtools::bench_generate::run(args),
        Command::BenchCompile(args) => devtools::bench_compile::run(args),
        Command::BenchBigPage(args) => devtools::bench_big_page::run(args),
        Command::FeaturesAdditive(args) => devtools::features_check::run(args),
        Command::ModelReport { docs, all } => commands::model_report(docs, all),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
