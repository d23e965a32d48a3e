//! The journal: what a run is about to change in `--out`, committed before
//! the first change and deleted after the last, so that a run killed in
//! between is finished by the next one (see the invariant in [`super`]).
//!
//! Format, one entry per line after `docgen journal 1`, closed by `end`:
//! `+ path` (install the staged file), `= path` (unchanged, kept),
//! `- path` (remove the owned file no longer generated).

use std::collections::BTreeSet;
use std::fs::{self, File, Metadata};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::error::{io, WriteError};
use super::{guard, manifest};

pub const JOURNAL: &str = ".docgen/journal";
pub const JOURNAL_TMP: &str = ".docgen/journal.tmp";
pub const MANIFEST_TMP: &str = ".docgen/manifest.tmp";
pub const STAGING: &str = ".docgen/staging";

const FIRST_LINE: &str = "docgen journal 1";
const LAST_LINE: &str = "end";

/// The changes of one run, each list sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub install: Vec<String>,
    pub keep: Vec<String>,
    pub remove: Vec<String>,
}

impl Plan {
    fn render(&self) -> String {
        let mut text = format!("{FIRST_LINE}\n");
        for (mark, paths) in [("+", &self.install), ("=", &self.keep), ("-", &self.remove)] {
            for path in paths {
                text.push_str(&format!("{mark} {path}\n"));
            }
        }
        text.push_str(LAST_LINE);
        text.push('\n');
        text
    }

    fn parse(text: &str) -> Option<Plan> {
        let mut lines = text.lines();
        if lines.next() != Some(FIRST_LINE) {
            return None;
        }
        let mut plan = Plan::default();
        for line in lines {
            if line == LAST_LINE {
                return Some(plan);
            }
            let (mark, path) = line.split_once(' ')?;
            if !manifest::is_plain(path) {
                return None;
            }
            let list = match mark {
                "+" => &mut plan.install,
                "=" => &mut plan.keep,
                "-" => &mut plan.remove,
                _ => return None,
            };
            list.push(path.to_owned());
        }
        None
    }

    /// Every file of the new output.
    fn outputs(&self) -> impl Iterator<Item = &str> {
        self.install.iter().chain(&self.keep).map(String::as_str)
    }
}

/// Where the staged copy of `relative` lives.
pub fn staged(out: &Path, relative: &str) -> PathBuf {
    out.join(STAGING).join(relative)
}

/// Writes `text` to `tmp`, flushes it to disk, and renames it to `path`:
/// `path` holds either its old contents or all of `text`.
fn replace_durably(tmp: &Path, path: &Path, text: &str) -> Result<(), WriteError> {
    let mut file = File::create(tmp).map_err(io(tmp))?;
    file.write_all(text.as_bytes()).map_err(io(tmp))?;
    file.sync_all().map_err(io(tmp))?;
    fs::rename(tmp, path).map_err(io(path))
}

/// The commit point: once the journal exists, the new output is decided.
pub fn commit(out: &Path, plan: &Plan) -> Result<(), WriteError> {
    let journal = out.join(JOURNAL);
    replace_durably(&out.join(JOURNAL_TMP), &journal, &plan.render())?;
    sync_folder(&out.join(manifest::STATE_DIR));
    Ok(())
}

/// The committed journal of a killed run, if there is one.
pub fn read(out: &Path) -> Result<Option<Plan>, WriteError> {
    let path = out.join(JOURNAL);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(WriteError::Io { path, source }),
    };
    Plan::parse(&text)
        .map(Some)
        .ok_or(WriteError::BadJournal { path })
}

/// Carries out a committed plan. Every step can be repeated: a staged file
/// already moved is skipped, a file already removed is skipped, so running
/// this again after a kill at any point ends in the same output.
pub fn apply(out: &Path, out_meta: &Metadata, plan: &Plan) -> Result<(), WriteError> {
    // The folders on the way are checked (and made) once per folder, then
    // the installs, each its own path, run in parallel; a replay redoes
    // what is left.
    let folders: BTreeSet<&str> = plan.install.iter().map(|r| guard::parent(r)).collect();
    for folder in folders {
        guard::create_folder(out, out_meta, folder)?;
    }
    plan.install
        .par_iter()
        .try_for_each(|relative| install(out, relative))?;
    for relative in &plan.remove {
        remove_owned(out, out_meta, relative)?;
    }
    let manifest = manifest::render(plan.outputs());
    replace_durably(
        &out.join(MANIFEST_TMP),
        &out.join(manifest::MANIFEST),
        &manifest,
    )?;
    let journal = out.join(JOURNAL);
    fs::remove_file(&journal).map_err(io(&journal))?;
    remove_staging(out)
}

/// Moves one staged file into place, its folders already checked (nothing
/// when it is not staged: a replay after it was moved).
fn install(out: &Path, relative: &str) -> Result<(), WriteError> {
    let from = staged(out, relative);
    let to = out.join(relative);
    // A rename replaces the entry at `to`: a link or hard link there is
    // dropped, never written through.
    match fs::rename(&from, &to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound && !exists(&from) => Ok(()),
        Err(source) => Err(WriteError::Io { path: to, source }),
    }
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Removes a file docgen wrote and no longer generates (a link there is
/// removed itself; a folder there is not docgen's and stays).
fn remove_owned(out: &Path, out_meta: &Metadata, relative: &str) -> Result<(), WriteError> {
    if !guard::check(out, out_meta, relative)? {
        return Ok(());
    }
    let path = out.join(relative);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_dir() => return Ok(()),
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(WriteError::Io { path, source }),
    }
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(source) => return Err(WriteError::Io { path, source }),
    }
    guard::prune(out, relative);
    Ok(())
}

/// Deletes the staging folder (of this run or of a killed one).
pub fn remove_staging(out: &Path) -> Result<(), WriteError> {
    let staging = out.join(STAGING);
    match fs::remove_dir_all(&staging) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(source) => Err(WriteError::Io {
            path: staging,
            source,
        }),
    }
}

/// Flushes a folder's entries (the journal's name) to disk; best effort.
fn sync_folder(path: &Path) {
    if let Ok(folder) = File::open(path) {
        let _ = folder.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_round_trips_and_a_cut_journal_is_refused() {
        let plan = Plan {
            install: vec!["src/lib.rs".into()],
            keep: vec!["Cargo.toml".into()],
            remove: vec!["src/old.rs".into()],
        };
        let text = plan.render();
        assert_eq!(Plan::parse(&text), Some(plan));
        let cut = text.trim_end_matches("end\n");
        assert_eq!(Plan::parse(cut), None);
        assert_eq!(Plan::parse(&text.replace("src/old.rs", "../x")), None);
    }

    /// Stages `relative` under `out` with `text`, as the stager does.
    fn stage(out: &Path, relative: &str, text: &str) {
        let path = staged(out, relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn apply_installs_through_real_folders_only_and_replays() {
        let base = crate::scratch::test_folder("journal-apply");
        let out = base.join("out");
        fs::create_dir_all(&out).unwrap();
        let out_meta = fs::metadata(&out).unwrap();
        let plan = Plan {
            install: vec!["Cargo.toml".into(), "src/a/x.rs".into(), "src/y.rs".into()],
            keep: Vec::new(),
            remove: Vec::new(),
        };
        for relative in &plan.install {
            stage(&out, relative, relative);
        }
        commit(&out, &plan).unwrap();
        apply(&out, &out_meta, &plan).unwrap();
        for relative in &plan.install {
            assert_eq!(fs::read_to_string(out.join(relative)).unwrap(), *relative);
        }
        // A replay after everything moved changes nothing.
        stage(&out, "src/y.rs", "again");
        fs::remove_file(staged(&out, "src/y.rs")).unwrap();
        commit(&out, &plan).unwrap();
        apply(&out, &out_meta, &plan).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("src/y.rs")).unwrap(),
            "src/y.rs"
        );
        // A link where a folder belongs is refused before any file moves.
        let elsewhere = base.join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::remove_dir_all(out.join("src")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&elsewhere, out.join("src")).unwrap();
            for relative in &plan.install {
                stage(&out, relative, "new");
            }
            commit(&out, &plan).unwrap();
            let refused = apply(&out, &out_meta, &plan);
            assert!(
                matches!(refused, Err(WriteError::NotARealFolder { .. })),
                "{refused:?}"
            );
            assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
            assert_eq!(
                fs::read_to_string(out.join("Cargo.toml")).unwrap(),
                "Cargo.toml"
            );
        }
        fs::remove_dir_all(&base).unwrap();
    }
}
