//! The doc checkout on disk: finding pages, reading them (in parallel, output
//! in file order), and include files confined to the checkout.
//!
//! Every file is read under the rules of `confined`: no symbolic links
//! below the root, only regular files, at most [`PAGE_SIZE_LIMIT`] bytes.
//! An entry that breaks a rule is a [`Refusal`] naming its path; the run goes
//! on without it.

mod compact_json;
mod confined;
mod ir_dump;

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::ir::page::Page;
use crate::parse::{read_page_bytes, resolve, Includes};

pub use confined::{Reason, PAGE_SIZE_LIMIT};
pub use ir_dump::{read_ir_dump, write_json_lines, IrDumpError};

/// Errors reaching the doc checkout itself (a page that cannot be parsed is
/// not an error: it becomes a page with diagnostics; a page that cannot be
/// read is a [`Refusal`]).
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a doc checkout (no api-reference folder)")]
    NotACheckout { path: PathBuf },
    #[error("{path}: not a doc checkout: api-reference is {reason}")]
    Refused { path: PathBuf, reason: Reason },
    #[error(transparent)]
    IrDump(#[from] IrDumpError),
}

/// An entry of the checkout that was not read, by path relative to the root
/// (`/` separators; a name that is not UTF-8 shown lossily).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Refusal {
    pub path: String,
    pub reason: Reason,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: not read: {}", self.path, self.reason)
    }
}

/// The pages of a checkout and the entries refused on the way.
#[derive(Debug, Default)]
pub struct Listing {
    /// Relative to the root with `/` separators, sorted.
    pub pages: Vec<String>,
    pub refused: Vec<Refusal>,
}

/// Every page read, in file order, and every entry refused (pages and
/// includes), sorted by path, each once.
#[derive(Debug, Default)]
pub struct Checkout {
    pub pages: Vec<Page>,
    pub refused: Vec<Refusal>,
}

/// A doc checkout rooted at a folder holding `api-reference/`.
pub struct DocTree {
    root: PathBuf,
    /// Includes refused while pages were read (an include many pages share
    /// is refused once).
    refused_includes: Mutex<BTreeSet<Refusal>>,
}

impl DocTree {
    pub fn open(root: impl Into<PathBuf>) -> Result<DocTree, DocsError> {
        let root = root.into();
        match confined::check_folder(&root.join("api-reference")) {
            Ok(true) => Ok(DocTree {
                root,
                refused_includes: Mutex::default(),
            }),
            Ok(false) => Err(DocsError::NotACheckout { path: root }),
            Err(reason) => Err(DocsError::Refused { path: root, reason }),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every page under `api-reference/*/api` and `api-reference/*/resources`,
    /// relative to the root with `/` separators, sorted; refused entries are
    /// left out (see [`DocTree::listing`]).
    pub fn pages(&self) -> Result<Vec<String>, DocsError> {
        Ok(self.listing()?.pages)
    }

    /// The pages, and the entries that look like pages or page folders but
    /// break the reading rules (links, folders named `x.md`, FIFOs, devices,
    /// oversized files, names that are not UTF-8).
    pub fn listing(&self) -> Result<Listing, DocsError> {
        let mut listing = Listing::default();
        let reference = self.root.join("api-reference");
        let versions = fs::read_dir(&reference).map_err(|source| DocsError::Io {
            path: reference.clone(),
            source,
        })?;
        let mut folders = Vec::new();
        for entry in versions {
            let entry = entry.map_err(|source| DocsError::Io {
                path: reference.clone(),
                source,
            })?;
            let relative = format!("api-reference/{}", entry.file_name().to_string_lossy());
            match version_folder(&entry) {
                Ok(Some(name)) => folders.push(name),
                Ok(None) => {}
                Err(reason) => listing.refused.push(Refusal {
                    path: relative,
                    reason,
                }),
            }
        }
        let relatives: Vec<String> = folders
            .iter()
            .flat_map(|version| {
                ["api", "resources"].map(|folder| format!("api-reference/{version}/{folder}"))
            })
            .collect();
        // The folders are listed side by side; the sort below gives the order.
        let parts: Vec<Listing> = relatives
            .par_iter()
            .map(|relative| {
                let mut part = Listing::default();
                self.list_pages(relative, &mut part);
                part
            })
            .collect();
        for part in parts {
            listing.pages.extend(part.pages);
            listing.refused.extend(part.refused);
        }
        listing.pages.sort();
        listing.refused.sort();
        Ok(listing)
    }

    /// Adds the pages of the folder `relative` (when it exists) to `listing`.
    fn list_pages(&self, relative: &str, listing: &mut Listing) {
        let dir = self.root.join(relative);
        let refuse = |listing: &mut Listing, path: String, reason| {
            listing.refused.push(Refusal { path, reason });
        };
        match confined::check_folder(&dir) {
            Ok(true) => {}
            Ok(false) => return,
            Err(reason) => return refuse(listing, relative.to_owned(), reason),
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => return refuse(listing, relative.to_owned(), unreadable(e)),
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => return refuse(listing, relative.to_owned(), unreadable(e)),
            };
            let name = entry.file_name();
            let path = format!("{relative}/{}", name.to_string_lossy());
            let Some(name) = name.to_str() else {
                if looks_like_page(name.as_encoded_bytes()) {
                    refuse(listing, path, Reason::NameNotUtf8);
                }
                continue;
            };
            if !name.ends_with(".md") {
                continue;
            }
            // The folder listing says what kind each entry is: a regular
            // file needs no `lstat`, here or when read (the read checks what
            // it opened, and its size); anything else is looked at to say
            // why it is refused.
            if entry.file_type().is_ok_and(|kind| kind.is_file()) {
                listing.pages.push(path);
                continue;
            }
            let checked = fs::symlink_metadata(entry.path())
                .map_err(unreadable)
                .and_then(|meta| confined::check_entry(&entry.path(), &meta));
            match checked {
                Ok(()) => listing.pages.push(path),
                Err(reason) => refuse(listing, path, reason),
            }
        }
    }

    /// Reads and parses every page, in parallel, then resolves named types
    /// across pages; the result is in file order. Refused entries are left
    /// out silently: [`DocTree::read_checked`] reports them.
    pub fn read_all(&self) -> Result<Vec<Page>, DocsError> {
        Ok(self.read_checked()?.pages)
    }

    /// Reads and parses every page like [`DocTree::read_all`], and reports
    /// every entry refused on the way (pages and includes).
    pub fn read_checked(&self) -> Result<Checkout, DocsError> {
        let listing = self.listing()?;
        let read: Vec<Result<Page, Refusal>> = listing
            .pages
            .par_iter()
            .map(
                |file| match confined::read_checked_file(&self.root.join(file)) {
                    Ok(Some(bytes)) => Ok(read_page_bytes(file, bytes, self)),
                    Ok(None) => Err(Refusal {
                        path: file.clone(),
                        reason: Reason::Changed,
                    }),
                    Err(reason) => Err(Refusal {
                        path: file.clone(),
                        reason,
                    }),
                },
            )
            .collect();
        let mut checkout = Checkout {
            pages: Vec::with_capacity(read.len()),
            refused: listing.refused,
        };
        for result in read {
            match result {
                Ok(page) => checkout.pages.push(page),
                Err(refusal) => checkout.refused.push(refusal),
            }
        }
        let includes = std::mem::take(&mut *self.refused_includes_lock());
        checkout.refused.extend(includes);
        checkout.refused.sort();
        checkout.refused.dedup();
        resolve(&mut checkout.pages);
        Ok(checkout)
    }

    fn refused_includes_lock(&self) -> std::sync::MutexGuard<'_, BTreeSet<Refusal>> {
        // A panic while the set was held leaves it usable: it is only a set.
        self.refused_includes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn refuse_include(&self, path: String, reason: Reason) {
        self.refused_includes_lock()
            .insert(Refusal { path, reason });
    }
}

/// The name of a version folder under `api-reference`, `None` for a plain
/// file (not ours to judge), a refusal for a link or a name not UTF-8.
fn version_folder(entry: &fs::DirEntry) -> Result<Option<String>, Reason> {
    let kind = entry.file_type().map_err(unreadable)?;
    if kind.is_symlink() {
        let meta = fs::symlink_metadata(entry.path()).map_err(unreadable)?;
        return confined::check_entry(&entry.path(), &meta).map(|()| None);
    }
    if !kind.is_dir() {
        return Ok(None);
    }
    match entry.file_name().into_string() {
        Ok(name) => Ok(Some(name)),
        Err(_) => Err(Reason::NameNotUtf8),
    }
}

fn looks_like_page(name: &[u8]) -> bool {
    name.ends_with(b".md")
}

fn unreadable(e: std::io::Error) -> Reason {
    Reason::Unreadable {
        error: e.to_string(),
    }
}

/// The pages at `path`: a doc checkout when it is a folder, else a dump
/// `docgen ir` wrote. Entries of a checkout that were not read come back too.
pub fn read_pages_or_dump(path: &Path) -> Result<Checkout, DocsError> {
    if path.is_dir() {
        DocTree::open(path)?.read_checked()
    } else {
        Ok(Checkout {
            pages: read_ir_dump(path)?,
            refused: Vec::new(),
        })
    }
}

impl Includes for DocTree {
    /// Reads an include under the same rules as a page; a refused include is
    /// reported once by [`DocTree::read_checked`] and reads as missing.
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        let parts: Vec<&str> = path.split('/').collect();
        if parts.iter().any(|part| *part == ".." || part.is_empty()) {
            return None;
        }
        let (leaf, folders) = parts.split_last()?;
        let mut relative = String::new();
        for folder in folders {
            if !relative.is_empty() {
                relative.push('/');
            }
            relative.push_str(folder);
            match confined::check_folder(&self.root.join(&relative)) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(reason) => {
                    self.refuse_include(relative, reason);
                    return None;
                }
            }
        }
        debug_assert!(!leaf.is_empty());
        match confined::read_file(&self.root.join(path)) {
            Ok(bytes) => bytes,
            Err(reason) => {
                self.refuse_include(path.to_owned(), reason);
                None
            }
        }
    }
}
