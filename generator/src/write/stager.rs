//! Step 2 of a write (see [`super`]): each file, as emission hands it over,
//! is compared with what is on disk and, when new or changed, written as a
//! fresh file under the staging folder. A file is held in memory up to
//! [`HOLD_UP_TO`] bytes; a bigger one is written out as it arrives and
//! compared with the old file on the way, so that no generated file, however
//! big its page, is ever held whole.

use std::collections::BTreeSet;
use std::fs::{self, File, Metadata};
use std::io::{BufReader, ErrorKind, Read, Write};
#[cfg(unix)]
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::error::{io, WriteError};
use super::journal::{self, Plan};
use super::output::{self, WriteOptions, WriteReport};
use super::{guard, manifest};
use crate::emit::{FileOut, FileSink, TextOut};

/// The most of one file held in memory before it is written out.
pub const HOLD_UP_TO: usize = 4 << 20;

/// The staging of one run: a [`FileSink`] that stages files from any
/// thread, then [`Stager::finish`] (commit and apply) or
/// [`Stager::abort`]. The first error is kept; later files are ignored.
#[derive(Debug)]
pub struct Stager {
    out: PathBuf,
    out_meta: Metadata,
    owned: BTreeSet<String>,
    recovered: bool,
    staged: Mutex<Staged>,
    /// Staging folders made in this run: each is made once, not once per
    /// file staged in it.
    staging_folders: Mutex<BTreeSet<PathBuf>>,
}

/// What the staged files came to.
#[derive(Debug, Default)]
struct Staged {
    install: Vec<String>,
    keep: Vec<String>,
    error: Option<WriteError>,
}

/// Whether a file goes in or stays as it is on disk.
enum Decision {
    Install,
    Keep,
}

impl Stager {
    /// A stager for `out`, which is checked (its manifest, or its being
    /// empty, or `force`) and recovered first; `.docgen/` is created.
    pub fn open(out: &Path, options: &WriteOptions) -> Result<Stager, WriteError> {
        let out_meta = output::open_output(out)?;
        let recovered = output::recover(out)?;
        let owned = output::owned_files(out, options)?;
        output::state_folder(out, &out_meta)?;
        Ok(Stager {
            out: out.to_owned(),
            out_meta,
            owned,
            recovered,
            staged: Mutex::default(),
            staging_folders: Mutex::default(),
        })
    }

    /// Stages one whole file.
    pub fn put_text(&self, relative: &str, text: &str) {
        if !self.failed() {
            self.record(relative, self.stage_whole(relative, text));
        }
    }

    /// Commits and applies the staged files (steps 3 and 4), removing the
    /// owned files no longer generated.
    pub fn finish(self) -> Result<WriteReport, WriteError> {
        let plan = self.plan()?;
        journal::commit(&self.out, &plan)?;
        journal::apply(&self.out, &self.out_meta, &plan)?;
        Ok(WriteReport {
            written: plan.install.len(),
            unchanged: plan.keep.len(),
            removed: plan.remove.len(),
            recovered: self.recovered,
        })
    }

    /// Drops what was staged: `--out` keeps its old output.
    pub fn abort(self) {
        let _ = journal::remove_staging(&self.out);
    }

    /// The plan of everything staged, each list sorted; the first error of
    /// staging, if any (the staging folder is then removed).
    pub(super) fn plan(&self) -> Result<Plan, WriteError> {
        let mut staged = self.staged.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(error) = staged.error.take() {
            let _ = journal::remove_staging(&self.out);
            return Err(error);
        }
        let mut plan = Plan {
            install: std::mem::take(&mut staged.install),
            keep: std::mem::take(&mut staged.keep),
            remove: Vec::new(),
        };
        plan.install.sort();
        plan.keep.sort();
        let outputs: BTreeSet<&String> = plan.install.iter().chain(&plan.keep).collect();
        for relative in &self.owned {
            if !outputs.contains(relative) && guard::check(&self.out, &self.out_meta, relative)? {
                plan.remove.push(relative.clone());
            }
        }
        Ok(plan)
    }

    fn failed(&self) -> bool {
        self.staged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .error
            .is_some()
    }

    fn record(&self, relative: &str, decision: Result<Decision, WriteError>) {
        let mut staged = self.staged.lock().unwrap_or_else(|e| e.into_inner());
        match decision {
            Ok(Decision::Install) => staged.install.push(relative.to_owned()),
            Ok(Decision::Keep) => staged.keep.push(relative.to_owned()),
            Err(error) => {
                staged.error.get_or_insert(error);
            }
        }
    }

    /// Keeps an unchanged file, or writes the new text to staging.
    fn stage_whole(&self, relative: &str, text: &str) -> Result<Decision, WriteError> {
        let target = self.target(relative)?;
        if let Some(old) = target {
            if old.meta.len() == text.len() as u64
                && same_contents(&old.path, text.as_bytes()).unwrap_or(false)
            {
                return Ok(Decision::Keep);
            }
        }
        let staged = self.staging_file(relative)?;
        fs::write(&staged, text).map_err(io(&staged))?;
        Ok(Decision::Install)
    }

    /// The file now at `relative` when it could be kept as it is: a plain
    /// file (not a link, not hard-linked elsewhere) behind real folders.
    /// Refuses a folder in the way, or a link on the way.
    fn target(&self, relative: &str) -> Result<Option<OldFile>, WriteError> {
        if !manifest::is_plain(relative) {
            return Err(WriteError::BadPath {
                path: relative.to_owned(),
            });
        }
        if !guard::check(&self.out, &self.out_meta, relative)? {
            return Ok(None);
        }
        let path = self.out.join(relative);
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(io(&path)(source)),
        };
        if meta.is_dir() {
            return Err(WriteError::FolderInTheWay { path });
        }
        Ok((meta.is_file() && links(&meta) == 1).then_some(OldFile { path, meta }))
    }

    /// A fresh path under the staging folder for `relative`, its folders made.
    fn staging_file(&self, relative: &str) -> Result<PathBuf, WriteError> {
        let staged = journal::staged(&self.out, relative);
        if let Some(dir) = staged.parent() {
            let mut made = self
                .staging_folders
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if !made.contains(dir) {
                fs::create_dir_all(dir).map_err(io(dir))?;
                made.insert(dir.to_owned());
            }
        }
        Ok(staged)
    }
}

struct OldFile {
    path: PathBuf,
    meta: Metadata,
}

impl FileSink for Stager {
    fn file(&self, path: String) -> Box<dyn FileOut + '_> {
        Box::new(StagedFile {
            stager: self,
            relative: path,
            held: String::new(),
            spill: None,
        })
    }

    fn put(&self, path: String, text: String) {
        self.put_text(&path, &text);
    }
}

/// A file arriving in pieces: held, then written out past [`HOLD_UP_TO`].
struct StagedFile<'s> {
    stager: &'s Stager,
    relative: String,
    held: String,
    spill: Option<Result<Spill, WriteError>>,
}

impl TextOut for StagedFile<'_> {
    fn push_str(&mut self, text: &str) {
        match &mut self.spill {
            Some(Ok(spill)) => {
                if let Err(e) = spill.write(text.as_bytes()) {
                    self.spill = Some(Err(e));
                }
            }
            Some(Err(_)) => {}
            None => {
                self.held.push_str(text);
                if self.held.len() > HOLD_UP_TO && !self.stager.failed() {
                    let held = std::mem::take(&mut self.held);
                    let spill = Spill::start(self.stager, &self.relative)
                        .and_then(|mut spill| spill.write(held.as_bytes()).map(|()| spill));
                    self.spill = Some(spill);
                }
            }
        }
    }
}

impl FileOut for StagedFile<'_> {
    fn finish(self: Box<Self>) {
        let StagedFile {
            stager,
            relative,
            held,
            spill,
        } = *self;
        if stager.failed() {
            return;
        }
        let decision = match spill {
            None => stager.stage_whole(&relative, &held),
            Some(spill) => spill.and_then(Spill::finish),
        };
        stager.record(&relative, decision);
    }
}

/// A big file written to staging as it arrives, compared on the way with
/// the file it replaces.
struct Spill {
    staged: PathBuf,
    file: File,
    /// The old file while it matches what was written so far.
    old: Option<BufReader<File>>,
    block: Vec<u8>,
}

impl Spill {
    fn start(stager: &Stager, relative: &str) -> Result<Spill, WriteError> {
        let old = match stager.target(relative)? {
            Some(old) => Some(BufReader::new(
                File::open(&old.path).map_err(io(&old.path))?,
            )),
            None => None,
        };
        let staged = stager.staging_file(relative)?;
        let file = File::create(&staged).map_err(io(&staged))?;
        Ok(Spill {
            staged,
            file,
            old,
            block: Vec::new(),
        })
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        self.file.write_all(bytes).map_err(io(&self.staged))?;
        if let Some(old) = &mut self.old {
            self.block.resize(bytes.len(), 0);
            if old.read_exact(&mut self.block).is_err() || self.block != bytes {
                self.old = None;
            }
        }
        Ok(())
    }

    /// Keep when the old file held exactly what was written (the staged
    /// copy is then removed), install otherwise.
    fn finish(self) -> Result<Decision, WriteError> {
        let Spill {
            staged, file, old, ..
        } = self;
        drop(file);
        let same = match old {
            Some(mut old) => matches!(old.read(&mut [0]), Ok(0)),
            None => false,
        };
        if !same {
            return Ok(Decision::Install);
        }
        fs::remove_file(&staged).map_err(io(&staged))?;
        Ok(Decision::Keep)
    }
}

/// True when the file at `path` holds exactly `expected`, read a block at a
/// time: comparing a huge generated file never holds a second copy of it.
fn same_contents(path: &Path, mut expected: &[u8]) -> std::io::Result<bool> {
    let mut file = File::open(path)?;
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        crate::scratch::test_folder(name)
    }

    /// A text past the hold limit, made of numbered lines.
    fn big_text(tail: &str) -> String {
        let mut text = String::new();
        let mut line = 0;
        while text.len() <= HOLD_UP_TO + 100_000 {
            text.push_str(&format!("    pub fn get_{line}(&self) {{}}\n"));
            line += 1;
        }
        text.push_str(tail);
        text
    }

    /// Stages `big` in pieces as emission would, and `Cargo.toml` whole.
    fn write_in_pieces(out: &Path, big: &str) -> WriteReport {
        let stager = Stager::open(out, &WriteOptions::default()).unwrap();
        stager.put("Cargo.toml".to_owned(), "[package]\n".to_owned());
        let mut file = stager.file("src/big.rs".to_owned());
        for piece in big.as_bytes().chunks(64 * 1024) {
            file.push_str(std::str::from_utf8(piece).unwrap());
        }
        file.finish();
        stager.finish().unwrap()
    }

    fn inode(path: &Path) -> u64 {
        fs::metadata(path).unwrap().ino()
    }

    #[test]
    fn a_big_file_in_pieces_is_written_kept_and_replaced_like_a_whole_one() {
        let root = temp("pieces");
        let out = root.join("crate");
        let big = big_text("}\n");
        let first = write_in_pieces(&out, &big);
        assert_eq!((first.written, first.unchanged), (2, 0));
        let path = out.join("src/big.rs");
        assert_eq!(fs::read_to_string(&path).unwrap(), big);
        let before = inode(&path);
        let again = write_in_pieces(&out, &big);
        assert_eq!((again.written, again.unchanged), (0, 2));
        assert_eq!(inode(&path), before, "an unchanged big file is not touched");
        assert!(!out.join(journal::STAGING).exists());
        for changed in [
            big_text("}\n// more\n"),
            big_text(""),
            big.replacen("get_7", "get_x", 1),
        ] {
            let report = write_in_pieces(&out, &changed);
            assert_eq!((report.written, report.unchanged), (1, 1));
            assert_eq!(fs::read_to_string(&path).unwrap(), changed);
        }
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_big_file_is_never_written_through_a_hard_link() {
        let root = temp("pieces-link");
        let out = root.join("crate");
        let big = big_text("}\n");
        write_in_pieces(&out, &big);
        let outside = root.join("outside.rs");
        fs::hard_link(out.join("src/big.rs"), &outside).unwrap();
        let report = write_in_pieces(&out, &big);
        assert_eq!(
            report.written, 1,
            "a hard-linked file is replaced, not kept"
        );
        assert_ne!(inode(&out.join("src/big.rs")), inode(&outside));
        assert_eq!(fs::read_to_string(&outside).unwrap(), big);
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_refusal_while_staging_leaves_the_old_output() {
        let root = temp("pieces-refused");
        let out = root.join("crate");
        let old = Stager::open(&out, &WriteOptions::default()).unwrap();
        old.put_text("Cargo.toml", "[old]\n");
        old.finish().unwrap();
        fs::create_dir_all(out.join("src/big.rs")).unwrap();
        let stager = Stager::open(&out, &WriteOptions::default()).unwrap();
        stager.put("Cargo.toml".to_owned(), "[package]\n".to_owned());
        let mut file = stager.file("src/big.rs".to_owned());
        file.push_str(&big_text("}\n"));
        file.finish();
        let refused = stager.finish();
        assert!(
            matches!(refused, Err(WriteError::FolderInTheWay { .. })),
            "{refused:?}"
        );
        assert_eq!(
            fs::read_to_string(out.join("Cargo.toml")).unwrap(),
            "[old]\n"
        );
        assert!(!out.join(journal::STAGING).exists());
        fs::remove_dir_all(root).unwrap();
    }
}
