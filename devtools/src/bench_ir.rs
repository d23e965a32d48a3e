//! The reader benchmark (`devtools bench-ir`): `docgen ir` against a bare
//! read + pulldown-cmark parse of the same files, measured in one run.

use std::fs;
use std::io::Write;
use std::time::{Duration, Instant};

use pulldown_cmark::{Options, Parser};

use crate::pipeline::{read_page, resolve, write_json_lines, DocTree, DocsError, Page};

/// Times of one benchmark run over a doc checkout.
#[derive(Clone, Debug)]
pub struct ReaderTimes {
    pub files: usize,
    pub bytes: u64,
    /// Read every file and run pulldown-cmark over it, one thread.
    pub bare: Duration,
    /// Read, parse into the IR, resolve and serialize to JSON Lines, one thread.
    pub ir_single: Duration,
    /// The same on rayon's pool, as `docgen ir` runs.
    pub ir_parallel: Duration,
    pub threads: usize,
}

impl ReaderTimes {
    pub fn ratio_single(&self) -> f64 {
        self.ir_single.as_secs_f64() / self.bare.as_secs_f64().max(1e-9)
    }

    pub fn ratio_parallel(&self) -> f64 {
        self.ir_parallel.as_secs_f64() / self.bare.as_secs_f64().max(1e-9)
    }
}

/// Runs each measurement `rounds` times and keeps the fastest.
pub fn measure(tree: &DocTree, rounds: usize) -> Result<ReaderTimes, DocsError> {
    let files = tree.pages()?;
    let mut bytes = 0;
    for file in &files {
        bytes += fs::metadata(tree.root().join(file)).map_or(0, |m| m.len());
    }
    let rounds = rounds.max(1);
    // What a run returns is dropped after its clock stops: `docgen ir` exits
    // without freeing its pages, as the process end frees them at once.
    let best = |f: &dyn Fn() -> Result<Kept, DocsError>| -> Result<Duration, DocsError> {
        let mut best = Duration::MAX;
        for _ in 0..rounds {
            let start = Instant::now();
            let kept = f()?;
            best = best.min(start.elapsed());
            drop(kept);
        }
        Ok(best)
    };
    let bare = bare_parse_time(tree, rounds)?;
    let ir_single = best(&|| ir_single(tree, &files))?;
    let ir_parallel = best(&|| ir_parallel(tree))?;
    Ok(ReaderTimes {
        files: files.len(),
        bytes,
        bare,
        ir_single,
        ir_parallel,
        threads: rayon::current_num_threads(),
    })
}

/// The fastest of `rounds` bare reads + pulldown-cmark parses of every page,
/// one thread: the yardstick of `bench-ir` and `bench-pipeline`.
pub fn bare_parse_time(tree: &DocTree, rounds: usize) -> Result<Duration, DocsError> {
    let files = tree.pages()?;
    let mut best = Duration::MAX;
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        bare_parse(tree, &files)?;
        best = best.min(start.elapsed());
    }
    Ok(best)
}

fn read(tree: &DocTree, file: &str) -> Result<Vec<u8>, DocsError> {
    let path = tree.root().join(file);
    fs::read(&path).map_err(|source| DocsError::Io { path, source })
}

/// What a measured run leaves behind, freed outside the measurement.
type Kept = Box<dyn std::any::Any>;

fn bare_parse(tree: &DocTree, files: &[String]) -> Result<Kept, DocsError> {
    let mut events = 0usize;
    for file in files {
        let bytes = read(tree, file)?;
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&bytes),
        };
        events += Parser::new_ext(&text, Options::ENABLE_TABLES).count();
    }
    std::hint::black_box(events);
    Ok(Box::new(()))
}

fn ir_single(tree: &DocTree, files: &[String]) -> Result<Kept, DocsError> {
    let mut pages = Vec::with_capacity(files.len());
    for file in files {
        pages.push(read_page(file, &read(tree, file)?, tree));
    }
    resolve(&mut pages);
    serialize_in_turn(&pages);
    Ok(Box::new(pages))
}

fn ir_parallel(tree: &DocTree) -> Result<Kept, DocsError> {
    let pages = tree.read_all()?;
    // As `docgen ir` writes to its standard output, less the system call.
    let _ = write_json_lines(&pages, &mut std::io::sink());
    Ok(Box::new(pages))
}

fn serialize_in_turn(pages: &[Page]) {
    let mut sink = std::io::sink();
    for page in pages {
        let _ = serde_json::to_writer(&mut sink, page);
        let _ = sink.write_all(b"\n");
    }
}
