//! `devtools bench-pipeline`: the wall time of `docgen generate` on a doc
//! checkout, in the same run as a bare read + pulldown-cmark parse of the same
//! files, and where the time goes (read, lower, emit, write).
//!
//! Each round generates into a folder of its own under `--work`, so every
//! write is a first write (no file is "unchanged"); the folders are deleted
//! only at the end, because deleting thousands of files just before creating
//! thousands more makes the file system's inode allocation markedly slower
//! (ext4 skips recently freed inodes), which would time the deletion, not
//! docgen.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;

use crate::bench_ir::bare_parse_time;
use crate::docgen_binary::{sibling_docgen, time_run};
use crate::error::Error;
use crate::pipeline::{
    emit_crate, lower, read_pages, write, DocTree, GenerateError, RuntimeDependency, Settings,
};

#[derive(Args)]
pub struct PipelineArgs {
    /// The doc checkout to generate from.
    #[arg(long)]
    pub docs: PathBuf,
    /// Scratch folder for the generated crates (deleted at the end).
    #[arg(long)]
    pub work: PathBuf,
    /// Runs per measurement; the fastest is kept.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// The `docgen` binary to time (default: the one next to `devtools`).
    #[arg(long)]
    pub docgen: Option<PathBuf>,
}

/// The fastest time of each phase of an in-process generation.
#[derive(Clone, Copy, Debug)]
struct Phases {
    read: Duration,
    lower: Duration,
    emit: Duration,
    write: Duration,
}

pub fn run(args: PipelineArgs) -> Result<(), Error> {
    let docgen = match args.docgen {
        Some(path) => path,
        None => sibling_docgen()?,
    };
    fs::create_dir_all(&args.work).map_err(Error::io(&args.work))?;
    let rounds = args.rounds.max(1);
    let tree = DocTree::open(&args.docs)?;
    let bare = bare_parse_time(&tree, rounds)?;
    let process = fastest(rounds, |round| {
        time_process(
            &docgen,
            &args.docs,
            &args.work.join(format!("process-{round}")),
        )
    })?;
    let phases = in_process(&args.docs, &args.work, rounds)?;
    let removed = fs::remove_dir_all(&args.work);
    print(&args.docs, &args.work, bare, process, &phases);
    removed.map_err(Error::io(&args.work))
}

fn print(docs: &Path, work: &Path, bare: Duration, process: Duration, phases: &Phases) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("corpus: {}", docs.display());
    println!("crates written under: {}", work.display());
    println!(
        "bare read + pulldown-cmark parse (1 thread): {:>7.0} ms",
        ms(bare)
    );
    println!(
        "docgen generate (process, {} threads):         {:>7.0} ms  ratio {:.2}  (target <= 2000 ms)",
        rayon::current_num_threads(),
        ms(process),
        process.as_secs_f64() / bare.as_secs_f64().max(1e-9)
    );
    println!(
        "in process, fastest of each: read + parse {:.0} ms, lower {:.0} ms, emit {:.0} ms, write {:.0} ms",
        ms(phases.read),
        ms(phases.lower),
        ms(phases.emit),
        ms(phases.write)
    );
}

/// Runs `docgen generate` into a fresh folder; its wall time.
fn time_process(docgen: &Path, docs: &Path, out: &Path) -> Result<Duration, Error> {
    let args = [
        "generate".as_ref(),
        "--docs".as_ref(),
        docs.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    time_run(docgen, &args)
}

/// The phases of generation run in this process, each the fastest of `rounds`.
fn in_process(docs: &Path, work: &Path, rounds: usize) -> Result<Phases, Error> {
    let mut best = Phases {
        read: Duration::MAX,
        lower: Duration::MAX,
        emit: Duration::MAX,
        write: Duration::MAX,
    };
    for round in 0..rounds {
        let out = work.join(format!("phases-{round}"));
        let settings = Settings {
            runtime: RuntimeDependency::Path("../runtime".to_owned()),
            out_dir: out.clone(),
            ..Settings::default()
        };
        let start = Instant::now();
        let pages = read_pages(docs)?;
        best.read = best.read.min(start.elapsed());
        let start = Instant::now();
        let lowered = lower(&pages);
        best.lower = best.lower.min(start.elapsed());
        let start = Instant::now();
        let files = emit_crate(&settings, &lowered.api).map_err(GenerateError::from)?;
        best.emit = best.emit.min(start.elapsed());
        let start = Instant::now();
        write(&out, &files)?;
        best.write = best.write.min(start.elapsed());
    }
    Ok(best)
}

fn fastest(
    rounds: usize,
    mut run: impl FnMut(usize) -> Result<Duration, Error>,
) -> Result<Duration, Error> {
    let mut best = Duration::MAX;
    for round in 0..rounds {
        best = best.min(run(round)?);
    }
    Ok(best)
}
