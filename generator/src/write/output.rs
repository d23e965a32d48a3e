//! The output folder before a run stages anything: created when missing,
//! a killed run's leftovers recovered, and the files docgen owns there read
//! from its manifest (or the folder refused).

use std::collections::BTreeSet;
use std::fs::{self, Metadata};
use std::io::ErrorKind;
use std::path::Path;

use super::error::{io, WriteError};
use super::manifest::{self, MANIFEST, STATE_DIR};
use super::{guard, journal};

/// How a write treats the output folder.
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
pub(super) fn open_output(out: &Path) -> Result<Metadata, WriteError> {
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
pub(super) fn state_folder(out: &Path, out_meta: &Metadata) -> Result<(), WriteError> {
    guard::create(out, out_meta, &format!("{STATE_DIR}/x"))
}

/// The files the manifest of `out` lists; none for an empty or forced folder.
pub(super) fn owned_files(
    out: &Path,
    options: &WriteOptions,
) -> Result<BTreeSet<String>, WriteError> {
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
