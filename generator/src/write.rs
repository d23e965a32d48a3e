//! Writing a generated crate: the only I/O of generation.
//!
//! ## What docgen owns
//!
//! `--out/.docgen/manifest` lists every file docgen wrote. A run replaces and
//! removes only the files the manifest lists (and adds the new ones);
//! everything else in `--out` (`.git/`, `target/`, a user's files) is left
//! alone. A folder with no manifest is written only when it is empty, or when
//! [`WriteOptions::force`] says so (then nothing in it is removed, and files
//! at generated paths are replaced).
//!
//! ## The invariant
//!
//! At every instant, `--out` holds the complete old output, or the complete
//! new output, or a committed journal (`.docgen/journal`) that the next run,
//! or [`recover`], plays forward before doing anything else, which ends in the
//! complete new output. The steps of a run:
//!
//! 1. **Recover**: play forward the journal of a killed run, then delete what
//!    killed runs left in `.docgen/` (staging folder, temporary files).
//! 2. **Stage**: as each generated file arrives (files are handed over
//!    while they are emitted, a big one in pieces: [`Stager`]), compare it
//!    with what is on disk, check that every folder on the way is a real
//!    folder (not a link) on `--out`'s file system, and write it, when new
//!    or changed, as a fresh file under `.docgen/staging/`. A refusal here
//!    deletes the staging folder; killed here, `--out` still holds the old
//!    output.
//! 3. **Commit**: write the journal (every file to install, keep and remove)
//!    to a temporary file, flush it to disk and rename it into place: the
//!    single atomic step that decides the new output.
//! 4. **Apply**: rename each staged file over its target, remove owned files
//!    no longer generated (and folders they leave empty), write the new
//!    manifest (temporary file + rename), delete the journal. Each step can be
//!    repeated, so a replay after a kill at any point gives the same result.
//!
//! Links: a file is always replaced by renaming a fresh file over it, so a
//! symbolic or hard link at a generated path is dropped, never written
//! through or carried over; docgen never creates hard links. A symbolic link
//! on the way to a generated or owned file is refused in step 2. `--out`
//! itself may be reached through a link, as the user names it.
//! Unchanged files (same bytes, a plain file with one link) are not touched,
//! so their modification time, and cargo's fingerprint, stay.
//!
//! Not covered: two runs writing the same `--out` at once (no lock), and a
//! power loss (only the journal and the manifest are flushed to disk).

mod error;
mod guard;
mod journal;
mod manifest;
mod output;
mod stager;

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::emit::Files;
use error::io;

pub use error::WriteError;
pub use output::{recover, WriteOptions, WriteReport};
pub use stager::{Stager, HOLD_UP_TO};

pub use manifest::{MANIFEST, STATE_DIR};

/// Writes `files` into the folder `out`, with the default [`WriteOptions`].
pub fn write(out: &Path, files: &Files) -> Result<(), WriteError> {
    write_with(out, files, &WriteOptions::default()).map(|_| ())
}

/// Writes `files` into the folder `out`: see the module documentation.
/// [`Stager`] does the same for files handed over as they are emitted.
pub fn write_with(
    out: &Path,
    files: &Files,
    options: &WriteOptions,
) -> Result<WriteReport, WriteError> {
    for path in files.keys() {
        if !manifest::is_plain(path) {
            return Err(WriteError::BadPath { path: path.clone() });
        }
    }
    let stager = Stager::open(out, options)?;
    // Each file's decision is independent (metadata, and a read when the
    // size matches), and creating thousands of files is mostly the file
    // system's time: staged in parallel.
    files
        .par_iter()
        .for_each(|(relative, text)| stager.put_text(relative, text));
    stager.finish()
}

/// How a folder differs from generated files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    Missing(String),
    Extra(String),
    Changed(String),
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Missing(path) => write!(f, "missing: {path}"),
            Difference::Extra(path) => write!(f, "not generated: {path}"),
            Difference::Changed(path) => write!(f, "differs: {path}"),
        }
    }
}

/// Compares the folder `out` with what [`write`](fn@write) makes of `files`: the files
/// and the manifest listing them (missing, extra and changed files;
/// anything else in `.docgen/`, such as a killed run's journal, is extra).
pub fn compare(out: &Path, files: &Files) -> Result<Vec<Difference>, WriteError> {
    let mut on_disk = Vec::new();
    list_files(out, "", &mut on_disk)?;
    let mut expected = files.clone();
    expected.insert(
        MANIFEST.to_owned(),
        manifest::render(files.keys().map(String::as_str)),
    );
    let files = &expected;
    let mut differences = Vec::new();
    for (path, contents) in files {
        match fs::read(out.join(path)) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => differences.push(Difference::Changed(path.clone())),
            Err(_) => differences.push(Difference::Missing(path.clone())),
        }
    }
    for path in on_disk {
        if !files.contains_key(&path) {
            differences.push(Difference::Extra(path));
        }
    }
    Ok(differences)
}

/// Every file below `dir`, relative, `/`-separated, skipping `target/`.
fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), WriteError> {
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{prefix}{name}");
        let kind = entry.file_type().map_err(io(dir))?;
        if kind.is_dir() && !(prefix.is_empty() && name == "target") {
            list_files(&entry.path(), &format!("{relative}/"), out)?;
        } else if kind.is_file() {
            out.push(relative);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn temp(name: &str) -> PathBuf {
        crate::scratch::test_folder(name)
    }

    /// Stages `files` and returns the plan, stopping before the commit.
    fn stage_only(out: &Path, files: &Files) -> journal::Plan {
        let stager = Stager::open(out, &WriteOptions::default()).unwrap();
        for (relative, text) in files {
            stager.put_text(relative, text);
        }
        stager.plan().unwrap()
    }

    fn files(lib: &str) -> Files {
        let mut files = Files::new();
        files.insert("Cargo.toml".into(), "[package]\n".into());
        files.insert("src/lib.rs".into(), lib.into());
        files
    }

    #[test]
    fn replaces_and_removes_only_owned_files() {
        let root = temp("replace");
        let out = root.join("crate");
        let mut first = files("a");
        first.insert("src/gone/old.rs".into(), "old".into());
        write(&out, &first).unwrap();
        fs::write(out.join("src/mine.rs"), "x").unwrap();
        let report = write_with(&out, &files("b"), &WriteOptions::default()).unwrap();
        assert_eq!(
            report,
            WriteReport {
                written: 1,
                unchanged: 1,
                removed: 1,
                recovered: false
            }
        );
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "b");
        assert_eq!(fs::read_to_string(out.join("src/mine.rs")).unwrap(), "x");
        assert!(!out.join("src/gone").exists(), "emptied folder pruned");
        let state: Vec<_> = fs::read_dir(out.join(STATE_DIR)).unwrap().collect();
        assert_eq!(state.len(), 1, "only the manifest remains in .docgen");
        assert!(compare(&out, &files("b"))
            .unwrap()
            .iter()
            .all(|d| *d == Difference::Extra("src/mine.rs".into())));
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn refuses_a_folder_without_manifest_unless_forced() {
        let root = temp("refuse");
        let out = root.join("crate");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let refused = write(&out, &files("a"));
        assert!(
            matches!(refused, Err(WriteError::NotOwned { .. })),
            "{refused:?}"
        );
        assert!(refused.unwrap_err().to_string().contains("--force"));
        assert_eq!(
            fs::read_to_string(out.join("Cargo.toml")).unwrap(),
            "[package]\nname = \"mine\"\n"
        );
        assert!(!out.join(STATE_DIR).exists());
        write_with(&out, &files("a"), &WriteOptions { force: true }).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("Cargo.toml")).unwrap(),
            "[package]\n"
        );
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn refuses_paths_outside_the_folder() {
        let root = temp("escape");
        for bad in ["../x.rs", "/abs.rs", ".docgen/manifest", "a/../../x"] {
            let mut bad_files = files("a");
            bad_files.insert(bad.into(), String::new());
            assert!(
                matches!(
                    write(&root.join("crate"), &bad_files),
                    Err(WriteError::BadPath { .. })
                ),
                "{bad}"
            );
        }
        assert!(!root.join("crate").exists());
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn refuses_a_manifest_that_reaches_outside() {
        let root = temp("bad-manifest");
        let out = root.join("crate");
        write(&out, &files("a")).unwrap();
        fs::write(root.join("victim.txt"), "keep me").unwrap();
        let text = fs::read_to_string(out.join(MANIFEST)).unwrap() + "../victim.txt\n";
        fs::write(out.join(MANIFEST), text).unwrap();
        assert!(matches!(
            write(&out, &files("b")),
            Err(WriteError::BadManifest { line: 6, .. })
        ));
        assert_eq!(
            fs::read_to_string(root.join("victim.txt")).unwrap(),
            "keep me"
        );
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "a");
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_killed_run_is_finished_by_the_next() {
        let root = temp("journal");
        let out = root.join("crate");
        write(&out, &files("a")).unwrap();
        // Stop a run right after its commit point, as a kill would.
        let new = files("b");
        let plan = stage_only(&out, &new);
        journal::commit(&out, &plan).unwrap();
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "a");
        assert!(recover(&out).unwrap());
        assert!(compare(&out, &new).unwrap().is_empty());
        assert!(!recover(&out).unwrap(), "nothing left to play");
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn the_next_write_finishes_a_killed_run_before_its_own() {
        let root = temp("journal-next");
        let out = root.join("crate");
        let mut first = files("a");
        first.insert("src/first.rs".into(), "1".into());
        write(&out, &first).unwrap();
        let mut second = files("b");
        second.insert("src/second.rs".into(), "2".into());
        let plan = stage_only(&out, &second);
        journal::commit(&out, &plan).unwrap();
        // The next run generates the first files again: it must first finish
        // the second (so src/second.rs becomes owned), then remove it.
        let report = write_with(&out, &first, &WriteOptions::default()).unwrap();
        assert!(report.recovered);
        assert_eq!(report.removed, 1);
        assert!(compare(&out, &first).unwrap().is_empty());
        fs::remove_dir_all(root).unwrap();
    }
}
