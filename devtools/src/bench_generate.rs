//! `devtools bench-generate`: generation time and peak memory for a corpus,
//! then `cargo check` times of the generated crate (all features, one area)
//! and of graph-rs-sdk 3.0.1, each from a clean build of the measured crates
//! with their dependencies already built (dependency build and download time
//! excluded).
//!
//! Both sides are checked with `CARGO_INCREMENTAL=0`: cargo never builds
//! registry crates (graph-rs-sdk) incrementally, so this compares like with
//! like. The generated crate is also timed with cargo's default for a local
//! crate (incremental), what a workspace member pays.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clap::Args;

use crate::error::Error;
use crate::pipeline::{
    emit_crate, lower, read_pages, write, GenerateError, RuntimeDependency, Settings,
};

/// graph-rs-sdk's own crates at 3.0.1.
const SDK_CRATES: [&str; 5] = [
    "graph-rs-sdk",
    "graph-http",
    "graph-core",
    "graph-oauth",
    "graph-error",
];

#[derive(Args)]
pub struct BenchArgs {
    /// The doc checkout to generate from.
    #[arg(long)]
    pub docs: PathBuf,
    /// Scratch folder for the generated crate, graph-rs-sdk and target dirs.
    #[arg(long)]
    pub work: PathBuf,
    /// The area feature timed on its own.
    #[arg(long, default_value = "v1_0-users")]
    pub area: String,
    /// The whole-version feature timed on its own (graph-rs-sdk has one
    /// surface for both versions; this is one version of ours).
    #[arg(long, default_value = "v1_0-full")]
    pub version: String,
    /// Runs per `cargo check` measurement; the fastest is kept.
    #[arg(long, default_value_t = 1)]
    pub rounds: usize,
    /// Skip graph-rs-sdk (no network needed).
    #[arg(long)]
    pub no_sdk: bool,
}

type BenchResult<T> = Result<T, Error>;

pub fn run(args: BenchArgs) -> BenchResult<()> {
    fs::create_dir_all(&args.work).map_err(Error::io(&args.work))?;
    let work = args.work.canonicalize().map_err(Error::io(&args.work))?;
    let crate_dir = work.join("graph-client");
    generation(&args.docs, &crate_dir)?;
    let ours = CrateBench {
        dir: crate_dir,
        target: work.join("target-client"),
        own: vec!["graph-client", "graph-runtime"],
    };
    let full = ["--all-features"];
    let area = ["--features", args.area.as_str()];
    ours.warm(&full)?;
    let full_time = ours.time(&full, &["graph-client"], args.rounds, false)?;
    let full_incremental = ours.time(&full, &["graph-client"], args.rounds, true)?;
    let own_time = ours.time(&full, &ours.own, args.rounds, false)?;
    let area_time = ours.time(&area, &["graph-client"], args.rounds, false)?;
    let version = ["--features", args.version.as_str()];
    let version_time = ours.time(&version, &["graph-client"], args.rounds, false)?;
    println!(
        "cargo check graph-client --all-features:      {:>6.2} s (incremental: {:.2} s)",
        secs(full_time),
        secs(full_incremental)
    );
    println!(
        "cargo check graph-client + graph-runtime:     {:>6.2} s",
        secs(own_time)
    );
    println!(
        "cargo check graph-client --features {}: {:>6.2} s ({:.1}% of all features; target <= 15%)",
        args.area,
        secs(area_time),
        100.0 * secs(area_time) / secs(full_time)
    );
    println!(
        "cargo check graph-client --features {}:   {:>6.2} s ({:.1}% of all features)",
        args.version,
        secs(version_time),
        100.0 * secs(version_time) / secs(full_time)
    );
    if !args.no_sdk {
        let ours = Ours {
            full: full_time,
            own: own_time,
            version: (&args.version, version_time),
        };
        sdk(&work, args.rounds, &ours)?;
    }
    Ok(())
}

/// Reads, lowers, emits and writes the corpus once, with timings and peak memory.
pub(crate) fn generation(docs: &Path, out: &Path) -> BenchResult<()> {
    let start = Instant::now();
    let pages = read_pages(docs)?;
    let read = start.elapsed();
    let settings = Settings {
        runtime: RuntimeDependency::Path(runtime_path()?),
        out_dir: out.to_owned(),
        standalone: true,
        ..Settings::default()
    };
    let start = Instant::now();
    let lowered = lower(&pages);
    let lowering = start.elapsed();
    let files = emit_crate(&settings, &lowered.api).map_err(GenerateError::from)?;
    let generate = start.elapsed();
    let start = Instant::now();
    write(out, &files)?;
    let write = start.elapsed();
    let bytes: usize = files.values().map(String::len).sum();
    println!("corpus: {} ({} pages)", docs.display(), pages.len());
    println!(
        "read + parse: {:.0} ms; lower: {:.0} ms; lower + emit: {:.0} ms ({} threads); write: {:.0} ms",
        ms(read),
        ms(lowering),
        ms(generate),
        rayon::current_num_threads(),
        ms(write)
    );
    println!(
        "output: {} files, {:.1} MB, {} builder structs, {} terminal calls; peak memory (VmHWM): {}",
        files.len(),
        bytes as f64 / 1e6,
        lowered.stats.nodes,
        lowered.stats.endpoints,
        peak_memory().unwrap_or_else(|| "unavailable".to_owned())
    );
    Ok(())
}

/// The workspace's runtime crate, absolute.
fn runtime_path() -> BenchResult<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let path = path.canonicalize().map_err(Error::io(&path))?;
    Ok(path.to_string_lossy().into_owned())
}

fn peak_memory() -> Option<String> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MB", kb / 1024.0))
}

/// A crate whose own packages are cleaned and re-checked.
struct CrateBench<'a> {
    dir: PathBuf,
    target: PathBuf,
    own: Vec<&'a str>,
}

impl CrateBench<'_> {
    /// Builds everything once (dependencies included).
    fn warm(&self, features: &[&str]) -> BenchResult<()> {
        let mut check = self.cargo("check");
        check.args(features);
        run_quiet(check)
    }

    /// Fastest `cargo check` after `cargo clean -p` of `clean`.
    fn time(
        &self,
        features: &[&str],
        clean: &[&str],
        rounds: usize,
        incremental: bool,
    ) -> BenchResult<Duration> {
        let mut best = Duration::MAX;
        for _ in 0..rounds.max(1) {
            for package in clean {
                let mut command = self.cargo("clean");
                command.args(["-p", package]);
                run_quiet(command)?;
            }
            let mut check = self.cargo("check");
            check.args(features);
            if !incremental {
                check.env("CARGO_INCREMENTAL", "0");
            }
            let start = Instant::now();
            run_quiet(check)?;
            best = best.min(start.elapsed());
        }
        Ok(best)
    }

    fn cargo(&self, subcommand: &str) -> Command {
        let mut command =
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
        command.arg(subcommand);
        if subcommand != "fetch" {
            command.arg("--target-dir").arg(&self.target);
        }
        command
            .current_dir(&self.dir)
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("RUSTFLAGS");
        command
    }
}

fn run_quiet(mut command: Command) -> BenchResult<()> {
    let output = command.output().map_err(Error::io(command.get_program()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(Error::Command {
            command: format!("{command:?}"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}

/// Our `cargo check` times that are set against graph-rs-sdk's.
struct Ours<'a> {
    full: Duration,
    /// graph-client and graph-runtime, all features.
    own: Duration,
    /// One whole version: its feature and time.
    version: (&'a str, Duration),
}

/// A scratch crate depending on graph-rs-sdk 3.0.1, fetched and built once.
fn sdk(work: &Path, rounds: usize, ours: &Ours) -> BenchResult<()> {
    let dir = work.join("graph-rs-sdk-scratch");
    fs::create_dir_all(dir.join("src")).map_err(Error::io(&dir))?;
    let manifest = "[package]\nname = \"sdk-scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\ngraph-rs-sdk = \"=3.0.1\"\n\n[workspace]\n";
    fs::write(dir.join("Cargo.toml"), manifest).map_err(Error::io(&dir))?;
    fs::write(dir.join("src/lib.rs"), "").map_err(Error::io(&dir))?;
    let bench = CrateBench {
        dir,
        target: work.join("target-sdk"),
        own: SDK_CRATES.to_vec(),
    };
    run_quiet(bench.cargo("fetch"))?;
    bench.warm(&[])?;
    let alone = bench.time(&[], &["graph-rs-sdk"], rounds, false)?;
    let all = bench.time(&[], &bench.own, rounds, false)?;
    println!(
        "cargo check graph-rs-sdk 3.0.1:               {:>6.2} s",
        secs(alone)
    );
    println!(
        "cargo check graph-rs-sdk + its own crates:    {:>6.2} s ({})",
        secs(all),
        SDK_CRATES.join(", ")
    );
    println!(
        "graph-client all features / graph-rs-sdk own crates: {:.2} (target <= 1); with graph-runtime: {:.2}",
        secs(ours.full) / secs(all),
        secs(ours.own) / secs(all)
    );
    println!(
        "graph-client --features {} / graph-rs-sdk own crates: {:.2}",
        ours.version.0,
        secs(ours.version.1) / secs(all)
    );
    Ok(())
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
