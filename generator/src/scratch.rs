//! Scratch folders for the crate's unit tests.

use std::fs;

/// An empty folder of its own for a test, under the system's temporary
/// folder (emptied first).
pub(crate) fn test_folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("docgen-test-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}
