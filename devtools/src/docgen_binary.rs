//! The `docgen` binary the benchmarks run as a user would.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::Error;

/// `docgen` in the folder of the running binary (`target/release`).
pub fn sibling_docgen() -> Result<PathBuf, Error> {
    let exe = std::env::current_exe().map_err(Error::io("current executable"))?;
    let docgen = exe.with_file_name(format!("docgen{}", std::env::consts::EXE_SUFFIX));
    if !docgen.is_file() {
        return Err(Error::Command {
            command: "devtools".to_owned(),
            stderr: format!(
                "no docgen next to devtools at {}: build it (cargo build --release -p docgen) or pass --docgen",
                docgen.display()
            ),
        });
    }
    Ok(docgen)
}

/// Runs `docgen` with `args` as a user would, its output to `/dev/null` (its
/// errors kept for the message of a failure): the wall time from start to exit.
pub fn time_run(docgen: &Path, args: &[&OsStr]) -> Result<Duration, Error> {
    let start = Instant::now();
    let output = Command::new(docgen)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(Error::io(docgen))?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        let args: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
        return Err(Error::Command {
            command: format!("{} {}", docgen.display(), args.join(" ")),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    Ok(elapsed)
}
