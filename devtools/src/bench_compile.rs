//! `devtools bench-compile`: what an app pays to compile against the client.
//! Generates the crate from a checkout (English 2021), then builds the
//! reference apps of `devtools/compile-apps/` in one cargo workspace with one
//! target folder, so every app starts from the same warm dependency cache:
//! the seed's app (one beta call), a typical app (me, users, groups, drive,
//! mail), the typical calls with the whole of v1.0 enabled, and the typical
//! app on graph-rs-sdk 3.0.1. For each: clean `cargo check` and `cargo
//! build` (the app and the client crate cleaned, dependencies kept,
//! `CARGO_INCREMENTAL=0` as for registry crates) with peak memory.
//!
//! Each app file says what it needs in its header: `//! features: a b`
//! (graph-client features) or `//! dependencies: x = "1", y = "2"`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clap::Args;

use crate::bench_generate::generation;
use crate::error::Error;

#[derive(Args)]
pub struct CompileArgs {
    /// The doc checkout to generate from (graph-docs-en-2021-07).
    #[arg(long)]
    pub docs: PathBuf,
    /// Scratch folder for the generated crate, the apps and their target folder.
    #[arg(long)]
    pub work: PathBuf,
    /// Runs per measurement; the fastest is kept.
    #[arg(long, default_value_t = 1)]
    pub rounds: usize,
}

/// The apps, by file stem, in the order printed.
const APPS: [&str; 4] = ["seed", "typical", "whole_v1_0", "graph_rs_sdk_typical"];

/// What one app costs.
struct Cost {
    check: Duration,
    check_memory: Option<u64>,
    build: Duration,
    build_memory: Option<u64>,
}

pub fn run(args: CompileArgs) -> Result<(), Error> {
    fs::create_dir_all(&args.work).map_err(Error::io(&args.work))?;
    let work = args.work.canonicalize().map_err(Error::io(&args.work))?;
    let client = work.join("graph-client");
    generation(&args.docs, &client)?;
    write_workspace(&work, &client)?;
    let mut costs = Vec::new();
    for app in APPS {
        let cost = measure(&work, app, args.rounds)?;
        println!(
            "{app:<22} check {:>6.2} s, {:>5} peak; build {:>6.2} s, {:>5} peak",
            cost.check.as_secs_f64(),
            megabytes(cost.check_memory),
            cost.build.as_secs_f64(),
            megabytes(cost.build_memory),
        );
        costs.push(cost.check.as_secs_f64());
    }
    let [seed, typical, v1, sdk] = [costs[0], costs[1], costs[2], costs[3]];
    println!(
        "compile: seed {seed:.2} s, typical {typical:.2} s, v1.0 {v1:.2} s; graph-rs-sdk {sdk:.2} s; ratios {:.2} {:.2} {:.2}",
        seed / sdk,
        typical / sdk,
        v1 / sdk
    );
    Ok(())
}

/// The apps' source folder (`devtools/compile-apps`).
fn apps_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("compile-apps")
}

/// One workspace, one member per app, each depending on what its header names.
fn write_workspace(work: &Path, client: &Path) -> Result<(), Error> {
    let root = work.join("apps");
    let members: Vec<String> = APPS.iter().map(|a| format!("\"{a}\"")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    write(&root.join("Cargo.toml"), &manifest)?;
    for app in APPS {
        let source_path = apps_dir().join(format!("{app}.rs"));
        let source = fs::read_to_string(&source_path).map_err(Error::io(&source_path))?;
        let dependencies = dependencies(&source, client);
        let manifest = format!(
            "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{dependencies}",
            app.replace('_', "-")
        );
        write(&root.join(app).join("Cargo.toml"), &manifest)?;
        write(&root.join(app).join("src/main.rs"), &source)?;
    }
    Ok(())
}

/// The `[dependencies]` lines an app's header asks for.
fn dependencies(source: &str, client: &Path) -> String {
    let header = |key: &str| {
        source
            .lines()
            .find_map(|l| l.strip_prefix(&format!("//! {key}: ")))
            .map(str::to_owned)
    };
    if let Some(features) = header("features") {
        let listed: Vec<String> = features
            .split_whitespace()
            .map(|f| format!("\"{f}\""))
            .collect();
        return format!(
            "graph-client = {{ path = \"{}\", features = [{}] }}\n",
            client.display(),
            listed.join(", ")
        );
    }
    let lines = header("dependencies").unwrap_or_default();
    lines.split(", ").map(|d| format!("{d}\n")).collect()
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(Error::io(parent))?;
    }
    fs::write(path, text).map_err(Error::io(path))
}

/// Warms the dependencies, then times a clean check and a clean build.
fn measure(work: &Path, app: &str, rounds: usize) -> Result<Cost, Error> {
    let package = app.replace('_', "-");
    let client = if app.starts_with("graph_rs_sdk") {
        "graph-rs-sdk"
    } else {
        "graph-client"
    };
    for mode in ["check", "build"] {
        run_measured(cargo(work, mode, &package), None)?;
    }
    let mut best = [(Duration::MAX, None), (Duration::MAX, None)];
    for _ in 0..rounds.max(1) {
        for (slot, mode) in ["check", "build"].into_iter().enumerate() {
            let mut clean = cargo(work, "clean", client);
            clean.args(["-p", &package]);
            run_measured(clean, None)?;
            let memory = work.join("peak-memory");
            let start = Instant::now();
            let peak = run_measured(cargo(work, mode, &package), Some(&memory))?;
            let elapsed = start.elapsed();
            if elapsed < best[slot].0 {
                best[slot] = (elapsed, peak);
            }
        }
    }
    Ok(Cost {
        check: best[0].0,
        check_memory: best[0].1,
        build: best[1].0,
        build_memory: best[1].1,
    })
}

/// `cargo <subcommand> -p <package>` in the apps' workspace.
fn cargo(work: &Path, subcommand: &str, package: &str) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .arg(subcommand)
        .args(["-p", package, "--quiet"])
        .current_dir(work.join("apps"))
        .env("CARGO_TARGET_DIR", work.join("target-apps"))
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS");
    command
}

/// Runs `command`; with `memory`, under GNU time (when installed) and returns
/// the peak resident set of cargo and the compilers it ran, in kB.
fn run_measured(command: Command, memory: Option<&Path>) -> Result<Option<u64>, Error> {
    let timed = memory.filter(|_| Path::new("/usr/bin/time").exists());
    let mut command = match timed {
        Some(file) => {
            let mut wrapped = Command::new("/usr/bin/time");
            wrapped.args(["-f", "%M", "-o"]).arg(file);
            wrapped.arg(command.get_program()).args(command.get_args());
            if let Some(dir) = command.get_current_dir() {
                wrapped.current_dir(dir);
            }
            for (key, value) in command.get_envs() {
                match value {
                    Some(value) => wrapped.env(key, value),
                    None => wrapped.env_remove(key),
                };
            }
            wrapped
        }
        None => command,
    };
    let output = command.output().map_err(Error::io(command.get_program()))?;
    if !output.status.success() {
        return Err(Error::Command {
            command: format!("{command:?}"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    Ok(timed
        .and_then(|file| fs::read_to_string(file).ok())
        .and_then(|text| text.trim().lines().last()?.trim().parse().ok()))
}

fn megabytes(kb: Option<u64>) -> String {
    kb.map(|kb| format!("{} MB", kb / 1024))
        .unwrap_or_else(|| "n/a".to_owned())
}
