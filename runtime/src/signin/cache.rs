//! Where tokens are kept between calls and between runs.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::{Map, Value};

use super::tokens::TokenSet;
use crate::Error;

/// Keeps [`TokenSet`]s under a key (authority, app and scopes).
///
/// Calls are short and synchronous. Errors must not contain tokens.
pub trait TokenCache: Send + Sync {
    /// The tokens stored under `key`, if any.
    fn load(&self, key: &str) -> Option<TokenSet>;
    /// Stores `tokens` under `key`, replacing what was there.
    fn store(&self, key: &str, tokens: &TokenSet) -> Result<(), Error>;
    /// Forgets the tokens under `key`.
    fn remove(&self, key: &str) -> Result<(), Error>;
}

impl<C: TokenCache + ?Sized> TokenCache for std::sync::Arc<C> {
    fn load(&self, key: &str) -> Option<TokenSet> {
        (**self).load(key)
    }

    fn store(&self, key: &str, tokens: &TokenSet) -> Result<(), Error> {
        (**self).store(key, tokens)
    }

    fn remove(&self, key: &str) -> Result<(), Error> {
        (**self).remove(key)
    }
}

/// Tokens kept for the life of the process (the default).
#[derive(Default)]
pub struct MemoryCache {
    entries: Mutex<HashMap<String, TokenSet>>,
}

impl TokenCache for MemoryCache {
    fn load(&self, key: &str) -> Option<TokenSet> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    fn store(&self, key: &str, tokens: &TokenSet) -> Result<(), Error> {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key.to_owned(), tokens.clone());
        }
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), Error> {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
        Ok(())
    }
}

impl fmt::Debug for MemoryCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.entries.lock().map_or(0, |entries| entries.len());
        f.debug_struct("MemoryCache")
            .field("entries", &count)
            .finish()
    }
}

/// Tokens kept in a JSON file, so a CLI signs in once.
///
/// The file (and a missing parent folder) is created readable by its
/// owner only (mode 0600 / 0700 on Unix) and replaced atomically: each
/// write goes to a new file beside it that is then renamed over it. A file
/// that cannot be read or parsed counts as empty.
pub struct FileCache {
    path: PathBuf,
    lock: Mutex<()>,
}

impl FileCache {
    /// A cache in the file at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileCache {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn entries(&self) -> Map<String, Value> {
        fs::read(&self.path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .and_then(|value| value.get("entries")?.as_object().cloned())
            .unwrap_or_default()
    }

    fn update(&self, change: impl FnOnce(&mut Map<String, Value>)) -> Result<(), Error> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut entries = self.entries();
        change(&mut entries);
        let document = serde_json::json!({"version": 1, "entries": entries});
        let bytes = serde_json::to_vec_pretty(&document)
            .map_err(|e| Error::Auth(format!("cannot encode the token cache: {e}")))?;
        write_atomically(&self.path, &bytes).map_err(|e| {
            Error::Auth(format!(
                "cannot write the token cache {}: {e}",
                self.path.display()
            ))
        })
    }
}

impl TokenCache for FileCache {
    fn load(&self, key: &str) -> Option<TokenSet> {
        let _guard = self.lock.lock().ok()?;
        TokenSet::from_json(self.entries().get(key)?)
    }

    fn store(&self, key: &str, tokens: &TokenSet) -> Result<(), Error> {
        self.update(|entries| {
            entries.insert(key.to_owned(), tokens.to_json());
        })
    }

    fn remove(&self, key: &str) -> Result<(), Error> {
        self.update(|entries| {
            entries.remove(key);
        })
    }
}

impl fmt::Debug for FileCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileCache")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Writes `bytes` to a fresh owner-only file beside `path`, flushes it to
/// disk and renames it over `path`; a reader sees the old or the new file,
/// never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    create_private_dir(parent)?;
    let name = path.file_name().map_or_else(
        || "tokens".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let temporary = parent.join(format!(
        ".{name}.{}-{:x}.tmp",
        std::process::id(),
        crate::rng::next_u64()
    ));
    let written = (|| {
        let mut file = private_options().open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

#[cfg(unix)]
fn private_options() -> fs::OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true).mode(0o600);
    options
}

#[cfg(not(unix))]
fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    options
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}
