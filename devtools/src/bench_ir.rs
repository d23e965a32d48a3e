//! The reader benchmark (`devtools bench-ir`): `docgen ir` against a bare
//! read + pulldown-cmark parse of the same files, measured in one run.
//!
//! The figure that counts is the `docgen ir` process, as a user runs it (its
//! output goes to `/dev/null`). The same reading and serialization is also
//! timed in this process, on one thread and on rayon's pool: those show how
//! the work scales, but repeated runs in one process also time the heap the
//! previous runs left, which a fresh `docgen ir` never meets.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use pulldown_cmark::{Options, Parser};

use crate::docgen_binary::time_run;
use crate::error::Error;
use crate::pipeline::{write_json_lines, DocTree, DocsError};

/// Times of one benchmark run over a doc checkout.
#[derive(Clone, Debug)]
pub struct ReaderTimes {
    pub files: usize,
    pub bytes: u64,
    /// Read every file and run pulldown-cmark over it, one thread.
    pub bare: Duration,
    /// Read, parse into the IR, resolve and serialize to JSON Lines in this
    /// process, on a pool of one thread.
    pub ir_single: Duration,
    /// The same on rayon's global pool, as `docgen ir` runs.
    pub ir_parallel: Duration,
    /// The `docgen ir` process, start to exit.
    pub ir_process: Duration,
    pub threads: usize,
}

impl ReaderTimes {
    pub fn ratio(&self, ir: Duration) -> f64 {
        ir.as_secs_f64() / self.bare.as_secs_f64().max(1e-9)
    }
}

/// Runs each measurement `rounds` times and keeps the fastest.
pub fn measure(tree: &DocTree, docgen: &Path, rounds: usize) -> Result<ReaderTimes, Error> {
    let files = tree.pages()?;
    let mut bytes = 0;
    for file in &files {
        bytes += fs::metadata(tree.root().join(file)).map_or(0, |m| m.len());
    }
    let rounds = rounds.max(1);
    let bare = bare_parse_time(tree, rounds)?;
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread");
    let ir_single = fastest(rounds, || one_thread.install(|| ir_in_process(tree)))?;
    let ir_parallel = fastest(rounds, || ir_in_process(tree))?;
    let ir_process = fastest(rounds, || ir_as_process(docgen, tree.root()))?;
    Ok(ReaderTimes {
        files: files.len(),
        bytes,
        bare,
        ir_single,
        ir_parallel,
        ir_process,
        threads: rayon::current_num_threads(),
    })
}

fn fastest<E>(rounds: usize, run: impl Fn() -> Result<Duration, E>) -> Result<Duration, E> {
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        best = best.min(run()?);
    }
    Ok(best)
}

/// The fastest of `rounds` bare reads + pulldown-cmark parses of every page,
/// one thread: the yardstick of `bench-ir` and `bench-pipeline`.
pub fn bare_parse_time(tree: &DocTree, rounds: usize) -> Result<Duration, DocsError> {
    let files = tree.pages()?;
    fastest(rounds.max(1), || {
        let start = Instant::now();
        bare_parse(tree, &files)?;
        Ok(start.elapsed())
    })
}

fn bare_parse(tree: &DocTree, files: &[String]) -> Result<(), DocsError> {
    let mut events = 0usize;
    for file in files {
        let path = tree.root().join(file);
        let bytes = fs::read(&path).map_err(|source| DocsError::Io { path, source })?;
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&bytes),
        };
        events += Parser::new_ext(&text, Options::ENABLE_TABLES).count();
    }
    std::hint::black_box(events);
    Ok(())
}

/// What `docgen ir` does, in this process: read, then serialize to a sink.
/// The pages are freed after the clock stops (`docgen ir` exits without
/// freeing them).
fn ir_in_process(tree: &DocTree) -> Result<Duration, DocsError> {
    let start = Instant::now();
    let pages = tree.read_all()?;
    let _ = write_json_lines(&pages, &mut std::io::sink());
    let elapsed = start.elapsed();
    drop(pages);
    Ok(elapsed)
}

/// Runs `docgen ir` on the checkout, its output to `/dev/null`; its wall time.
fn ir_as_process(docgen: &Path, docs: &Path) -> Result<Duration, Error> {
    time_run(
        docgen,
        &["ir".as_ref(), "--docs".as_ref(), docs.as_os_str()],
    )
}
