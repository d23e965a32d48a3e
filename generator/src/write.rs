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
//! 2. **Plan**: compare each generated file with what is on disk; check that
//!    every folder on the way is a real folder (not a link) on `--out`'s file
//!    system. Any refusal happens here, before anything changes.
//! 3. **Stage**: write each new or changed file as a fresh file under
//!    `.docgen/staging/`. Killed here, `--out` still holds the old output.
//! 4. **Commit**: write the journal (every file to install, keep and remove)
//!    to a temporary file, flush it to disk and rename it into place: the
//!    single atomic step that decides the new output.
//! 5. **Apply**: rename each staged file over its target, remove owned files
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

use std::collections::BTreeSet;
use std::fs::{self, Metadata};
use std::io::{ErrorKind, Read};
#[cfg(unix)]
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use rayon::prelude::*;

use crate::emit::Files;
use error::io;
use journal::Plan;

pub use error::WriteError;

pub use manifest::{MANIFEST, STATE_DIR};

/// How [`write_with`] treats the output folder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Write into a non-empty folder that has no manifest.
    pub force: bool,
}

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written (new or changed).
    pub written: usize,
    /// Files already up to date, left untouched.
    pub unchanged: usize,
    /// Owned files no longer generated, removed.
    pub removed: usize,
    /// A killed run's journal was played forward first.
    pub recovered: bool,
}

/// Writes `files` into the folder `out`, with the default [`WriteOptions`].
pub fn write(out: &Path, files: &Files) -> Result<(), WriteError> {
    write_with(out, files, &WriteOptions::default()).map(|_| ())
}

/// Writes `files` into the folder `out`: see the module documentation.
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
    let out_meta = open_output(out)?;
    let recovered = recover(out)?;
    let owned = owned_files(out, options)?;
    let plan = plan(out, &out_meta, files, &owned)?;
    state_folder(out, &out_meta)?;
    if let Err(e) = stage(out, files, &plan) {
        let _ = journal::remove_staging(out);
        return Err(e);
    }
    journal::commit(out, &plan)?;
    journal::apply(out, &out_meta, &plan)?;
    Ok(WriteReport {
        written: plan.install.len(),
        unchanged: plan.keep.len(),
        removed: plan.remove.len(),
        recovered,
    })
}

/// Finishes or undoes what a killed run left in `out`: plays a committed
/// journal forward, deletes staging leftovers. `Ok(true)` when a journal was
/// played. Every write does this first.
pub fn recover(out: &Path) -> Result<bool, WriteError> {
    let state = out.join(STATE_DIR);
    match fs::symlink_metadata(&state) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(WriteError::NotARealFolder { path: state }),
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(WriteError::Io {
                path: state,
                source,
            })
        }
    }
    let out_meta = fs::metadata(out).map_err(io(out))?;
    let played = match journal::read(out)? {
        Some(plan) => {
            journal::apply(out, &out_meta, &plan)?;
            true
        }
        None => false,
    };
    journal::remove_staging(out)?;
    for leftover in [journal::JOURNAL_TMP, journal::MANIFEST_TMP] {
        let path = out.join(leftover);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(source) => return Err(WriteError::Io { path, source }),
        }
    }
    // Empty after a killed first run: as if nothing had happened.
    let _ = fs::remove_dir(&state);
    Ok(played)
}

/// Creates `out` when missing; its metadata (following a link: `out` is
/// named by the user).
fn open_output(out: &Path) -> Result<Metadata, WriteError> {
    match fs::metadata(out) {
        Ok(meta) if meta.is_dir() => return Ok(meta),
        Ok(_) => {
            return Err(WriteError::NotAFolder {
                path: out.to_owned(),
            })
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(source) => return Err(io(out)(source)),
    }
    fs::create_dir_all(out).map_err(io(out))?;
    fs::metadata(out).map_err(io(out))
}

/// `.docgen/`, created when missing, checked like any folder on the way.
fn state_folder(out: &Path, out_meta: &Metadata) -> Result<(), WriteError> {
    guard::create(out, out_meta, &format!("{STATE_DIR}/x"))
}

/// The files the manifest of `out` lists; none for an empty or forced folder.
fn owned_files(out: &Path, options: &WriteOptions) -> Result<BTreeSet<String>, WriteError> {
    let path = out.join(MANIFEST);
    let text = match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => fs::read_to_string(&path).map_err(io(&path))?,
        Ok(_) => return Err(WriteError::NotARealFolder { path }),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let empty = fs::read_dir(out).map_err(io(out))?.next().is_none();
            return if empty || options.force {
                Ok(BTreeSet::new())
            } else {
                Err(WriteError::NotOwned {
                    path: out.to_owned(),
                })
            };
        }
        Err(source) => return Err(WriteError::Io { path, source }),
    };
    manifest::parse(&text).map_err(|(line, entry)| WriteError::BadManifest { path, line, entry })
}

/// What to install, keep and remove; refuses anything unsafe before any
/// change is made.
fn plan(
    out: &Path,
    out_meta: &Metadata,
    files: &Files,
    owned: &BTreeSet<String>,
) -> Result<Plan, WriteError> {
    // Each file's decision is independent (metadata, and a read when the
    // size matches): decided in parallel, collected in the files' order.
    let decisions = files
        .par_iter()
        .map(|(relative, contents)| {
            let on_way = guard::check(out, out_meta, relative)?;
            Ok(on_way && unchanged(&out.join(relative), contents)?)
        })
        .collect::<Result<Vec<bool>, WriteError>>()?;
    let mut plan = Plan::default();
    for ((relative, _), keep) in files.iter().zip(decisions) {
        if keep {
            plan.keep.push(relative.clone());
        } else {
            plan.install.push(relative.clone());
        }
    }
    for relative in owned {
        if !files.contains_key(relative) && guard::check(out, out_meta, relative)? {
            plan.remove.push(relative.clone());
        }
    }
    Ok(plan)
}

/// True when `path` is a plain file (not a link, not hard-linked elsewhere)
/// holding exactly `contents`; an error when a folder is in the way.
fn unchanged(path: &Path, contents: &str) -> Result<bool, WriteError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
        Err(source) => return Err(io(path)(source)),
    };
    if meta.is_dir() {
        return Err(WriteError::FolderInTheWay {
            path: path.to_owned(),
        });
    }
    if !meta.is_file() || links(&meta) != 1 || meta.len() != contents.len() as u64 {
        return Ok(false);
    }
    Ok(same_contents(path, contents.as_bytes()).unwrap_or(false))
}

/// True when the file at `path` holds exactly `expected`, read a block at a
/// time: comparing a huge generated file never holds a second copy of it.
fn same_contents(path: &Path, mut expected: &[u8]) -> std::io::Result<bool> {
    let mut file = fs::File::open(path)?;
    let mut block = vec![0; 64 * 1024];
    loop {
        let read = match file.read(&mut block) {
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            read => read?,
        };
        if read == 0 {
            return Ok(expected.is_empty());
        }
        match expected.strip_prefix(&block[..read]) {
            Some(rest) => expected = rest,
            None => return Ok(false),
        }
    }
}

#[cfg(unix)]
fn links(meta: &Metadata) -> u64 {
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_meta: &Metadata) -> u64 {
    1
}

/// Writes each file to install as a fresh file under the staging folder, in
/// parallel (creating thousands of files is mostly the file system's time).
fn stage(out: &Path, files: &Files, plan: &Plan) -> Result<(), WriteError> {
    plan.install.par_iter().try_for_each(|relative| {
        let target = journal::staged(out, relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&target, &files[relative]).map_err(io(&target))
    })
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
        let dir = std::env::temp_dir().join(format!("docgen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
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
        let meta = fs::metadata(&out).unwrap();
        let owned = owned_files(&out, &WriteOptions::default()).unwrap();
        let plan = plan(&out, &meta, &new, &owned).unwrap();
        stage(&out, &new, &plan).unwrap();
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
        let meta = fs::metadata(&out).unwrap();
        let owned = owned_files(&out, &WriteOptions::default()).unwrap();
        let plan = plan(&out, &meta, &second, &owned).unwrap();
        stage(&out, &second, &plan).unwrap();
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
