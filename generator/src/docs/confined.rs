//! What the reader may open in a doc checkout, and how.
//!
//! The policy, for pages and includes alike:
//! - **No symbolic links at all below the checkout root.** A link is refused
//!   whether it points inside the checkout, outside it, to a device or
//!   nowhere: no real checkout needs one (the shared corpora hold none), and
//!   refusing them all means no path can lead out. The root itself, as the
//!   user names it, may be reached through links.
//! - **Only regular files** are read (not folders, FIFOs, sockets or devices),
//!   judged before anything is opened: a page by its folder's listing, which
//!   says what kind each entry is, an include by `lstat`. The open itself
//!   never waits, so a FIFO never blocks.
//! - **At most [`PAGE_SIZE_LIMIT`] bytes** per file: a size over it is refused
//!   from `lstat` or `fstat`, and no more than the size `fstat` gave is read
//!   (a file that grows meanwhile is read as it was measured), so memory stays
//!   bounded by the limit.
//! - The file opened must be the one judged: the open follows no link, and
//!   `fstat` of what was opened must be a regular file, so an entry swapped
//!   for a link, a FIFO or a folder in between is refused. Folders on the
//!   way are checked the same way when listed; swapping one for a link while
//!   docgen runs is a race this reader does not defend against.

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{ErrorKind, Read};
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

/// The largest page or include docgen reads: 32 MiB. Real reference pages are
/// under 1 MB; the limit only stops runaway input (a link to `/dev/zero`, a
/// file that never ends). It leaves room for a 20 MB generated table, which
/// `generate` handles in under 10× its size in memory, so the limit also
/// bounds a run's memory at a few hundred MB per page read at once.
pub const PAGE_SIZE_LIMIT: u64 = 32 * 1024 * 1024;

/// Why an entry of the checkout was not read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// A symbolic link (to anywhere: see the module documentation).
    SymbolicLink { target: String },
    /// A folder where a page was expected (`x.md/`).
    Folder,
    /// A FIFO, socket or device.
    Special { kind: &'static str },
    /// Something else where a folder belongs.
    NotAFolder,
    /// Larger than [`PAGE_SIZE_LIMIT`].
    TooLarge { size: u64 },
    /// A name that is not UTF-8 (pages are named by `/`-separated UTF-8 paths).
    NameNotUtf8,
    /// Changed since it was judged: gone, or replaced by a link, a folder or
    /// a FIFO.
    Changed,
    /// An I/O error other than "not found".
    Unreadable { error: String },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::SymbolicLink { target } => write!(
                f,
                "a symbolic link (to `{target}`); docgen follows no links inside the checkout"
            ),
            Reason::Folder => write!(f, "a folder, not a page"),
            Reason::Special { kind } => write!(f, "a {kind}, not a regular file"),
            Reason::NotAFolder => write!(f, "not a folder"),
            Reason::TooLarge { size } => write!(
                f,
                "{size} bytes, over the page size limit of {PAGE_SIZE_LIMIT} bytes"
            ),
            Reason::NameNotUtf8 => write!(f, "a file name that is not UTF-8"),
            Reason::Changed => write!(f, "changed while it was read"),
            Reason::Unreadable { error } => write!(f, "cannot read: {error}"),
        }
    }
}

/// What kind of entry `meta` (from `lstat`) describes: `Ok(())` for a
/// regular file within the size limit.
pub fn check_entry(path: &Path, meta: &Metadata) -> Result<(), Reason> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        let target = fs::read_link(path)
            .map(|t| t.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "?".to_owned());
        return Err(Reason::SymbolicLink { target });
    }
    if kind.is_dir() {
        return Err(Reason::Folder);
    }
    if !kind.is_file() {
        return Err(Reason::Special {
            kind: special_kind(meta),
        });
    }
    if meta.len() > PAGE_SIZE_LIMIT {
        return Err(Reason::TooLarge { size: meta.len() });
    }
    Ok(())
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_fifo() {
        "FIFO"
    } else if kind.is_socket() {
        "socket"
    } else if kind.is_char_device() {
        "character device"
    } else if kind.is_block_device() {
        "block device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &Metadata) -> &'static str {
    "special file"
}

/// Reads the regular file at `path` under the policy above, judged by
/// `lstat` before it is opened. `Ok(None)` when it does not exist.
pub fn read_file(path: &Path) -> Result<Option<Vec<u8>>, Reason> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    check_entry(path, &meta)?;
    read_checked_file(path)
}

/// Reads a file already judged a regular file, by `lstat` or by the listing
/// of its folder (which says what kind each entry is at no extra cost).
/// `Ok(None)` when it is gone.
///
/// The file opened must be the one judged: the open follows no link
/// (`O_NOFOLLOW`) and does not wait for a writer (`O_NONBLOCK`), and `fstat`
/// of what was opened must be a regular file within the limit. So an entry
/// swapped for a link or a FIFO since it was judged is refused as changed,
/// and the bytes read are those of the file checked.
pub fn read_checked_file(path: &Path) -> Result<Option<Vec<u8>>, Reason> {
    let file = match open_no_follow(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) if is_link_refused(&e) => return Err(Reason::Changed),
        Err(e) => return Err(unreadable(e)),
    };
    let opened = file.metadata().map_err(unreadable)?;
    if !opened.is_file() {
        return Err(Reason::Changed);
    }
    // A regular file: what is left to check is its size.
    check_entry(path, &opened)?;
    // The file as `fstat` measured it, which is within the limit: one read
    // takes it whole, with no second read to find its end. A file that grows
    // meanwhile is read as it was checked.
    let len = opened.len();
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(len).read_to_end(&mut bytes).map_err(unreadable)?;
    Ok(Some(bytes))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// The error `O_NOFOLLOW` gives for a link: `ELOOP` (`EMLINK` on the BSDs).
#[cfg(unix)]
fn is_link_refused(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(code) if code == libc::ELOOP || code == libc::EMLINK)
}

#[cfg(not(unix))]
fn is_link_refused(_e: &std::io::Error) -> bool {
    false
}

/// `Ok(true)` when `path` (from `lstat`) is a real folder, `Ok(false)` when
/// it does not exist; a link or anything else is refused.
pub fn check_folder(path: &Path) -> Result<bool, Reason> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(true),
        Ok(meta) => match check_entry(path, &meta) {
            Err(Reason::TooLarge { .. }) | Ok(()) => Err(Reason::NotAFolder),
            Err(reason) => Err(reason),
        },
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(unreadable(e)),
    }
}

fn unreadable(e: std::io::Error) -> Reason {
    Reason::Unreadable {
        error: e.to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn scratch(name: &str) -> PathBuf {
        crate::scratch::test_folder(&format!("confined-{name}"))
    }

    #[test]
    fn a_checked_read_takes_a_regular_file_and_nothing_swapped_in() {
        let dir = scratch("swapped");
        let page = dir.join("page.md");
        fs::write(&page, "# Page\n").unwrap();
        assert_eq!(read_checked_file(&page), Ok(Some(b"# Page\n".to_vec())));
        assert_eq!(read_checked_file(&dir.join("gone.md")), Ok(None));
        // Each of these stands where a listing saw a regular file.
        let link = dir.join("link.md");
        std::os::unix::fs::symlink(&page, &link).unwrap();
        assert_eq!(read_checked_file(&link), Err(Reason::Changed));
        let folder = dir.join("folder.md");
        fs::create_dir(&folder).unwrap();
        assert_eq!(read_checked_file(&folder), Err(Reason::Changed));
        // A FIFO without a writer: opening it must not wait for one.
        let fifo = dir.join("fifo.md");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert_eq!(read_checked_file(&fifo), Err(Reason::Changed));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_lstat_read_names_a_link_and_a_fifo_without_opening_them() {
        let dir = scratch("lstat");
        let page = dir.join("page.md");
        fs::write(&page, "text").unwrap();
        let link = dir.join("link.md");
        std::os::unix::fs::symlink("page.md", &link).unwrap();
        let target = "page.md".to_owned();
        assert_eq!(read_file(&link), Err(Reason::SymbolicLink { target }));
        let fifo = dir.join("fifo.md");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert_eq!(read_file(&fifo), Err(Reason::Special { kind: "FIFO" }));
        assert_eq!(read_file(&page), Ok(Some(b"text".to_vec())));
        fs::remove_dir_all(&dir).unwrap();
    }
}
