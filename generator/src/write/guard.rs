//! Folders on the way to a file inside `--out`: each must be a real folder
//! (never a symbolic link, which would carry a write or a removal outside)
//! on the same file system as `--out` (so the final renames cannot fail
//! half-way with "cross-device link").

use std::fs::{self, Metadata};
use std::io::ErrorKind;
#[cfg(unix)]
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::error::WriteError;

/// The folders strictly between `out` and the file `relative`, outermost first.
fn folders(out: &Path, relative: &str) -> Vec<PathBuf> {
    folder_chain(out, parent(relative))
}

/// The folder `folder` (relative to `out`, `""` for `out` itself) and the
/// folders on the way to it, outermost first; `out` is not among them.
fn folder_chain(out: &Path, folder: &str) -> Vec<PathBuf> {
    let mut path = out.to_owned();
    let mut chain = Vec::new();
    for part in folder.split('/').filter(|p| !p.is_empty()) {
        path.push(part);
        chain.push(path.clone());
    }
    chain
}

/// The folder part of a relative path (`""` for a file at the top).
pub fn parent(relative: &str) -> &str {
    relative.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// `Ok(true)` when every folder on the way to `relative` exists and is real,
/// `Ok(false)` when one is missing (the ones before it are real); an error
/// for a link, a file or another device on the way.
pub fn check(out: &Path, out_meta: &Metadata, relative: &str) -> Result<bool, WriteError> {
    for folder in folders(out, relative) {
        match fs::symlink_metadata(&folder) {
            Ok(meta) => real_folder(&folder, &meta, out_meta)?,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
            Err(source) => {
                return Err(WriteError::Io {
                    path: folder,
                    source,
                })
            }
        }
    }
    Ok(true)
}

/// Creates the missing folders on the way to `relative`, checking the
/// existing ones like [`check`].
pub fn create(out: &Path, out_meta: &Metadata, relative: &str) -> Result<(), WriteError> {
    create_all(out_meta, folders(out, relative))
}

/// Creates the folder `folder` (relative to `out`, `""` for `out` itself)
/// and the missing ones on the way, checking the existing ones like
/// [`check`].
pub fn create_folder(out: &Path, out_meta: &Metadata, folder: &str) -> Result<(), WriteError> {
    create_all(out_meta, folder_chain(out, folder))
}

fn create_all(out_meta: &Metadata, folders: Vec<PathBuf>) -> Result<(), WriteError> {
    for folder in folders {
        let meta = match fs::symlink_metadata(&folder) {
            Ok(meta) => meta,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                match fs::create_dir(&folder) {
                    Ok(()) => {}
                    Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                    Err(source) => {
                        return Err(WriteError::Io {
                            path: folder,
                            source,
                        })
                    }
                }
                fs::symlink_metadata(&folder).map_err(|source| WriteError::Io {
                    path: folder.clone(),
                    source,
                })?
            }
            Err(source) => {
                return Err(WriteError::Io {
                    path: folder,
                    source,
                })
            }
        };
        real_folder(&folder, &meta, out_meta)?;
    }
    Ok(())
}

/// Removes the folders on the way to `relative` that are now empty, deepest
/// first, stopping at the first that is not (never `out` itself).
pub fn prune(out: &Path, relative: &str) {
    for folder in folders(out, relative).iter().rev() {
        if fs::remove_dir(folder).is_err() {
            break;
        }
    }
}

fn real_folder(path: &Path, meta: &Metadata, out_meta: &Metadata) -> Result<(), WriteError> {
    if meta.file_type().is_symlink() || !meta.is_dir() {
        return Err(WriteError::NotARealFolder {
            path: path.to_owned(),
        });
    }
    if !same_device(meta, out_meta) {
        return Err(WriteError::OtherFileSystem {
            path: path.to_owned(),
        });
    }
    Ok(())
}

#[cfg(unix)]
fn same_device(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev()
}

#[cfg(not(unix))]
fn same_device(_a: &Metadata, _b: &Metadata) -> bool {
    true
}
