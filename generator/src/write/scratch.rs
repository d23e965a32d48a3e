//! Scratch folders for the writer's tests.

use std::fs;

/// An empty folder of its own for a test, under the system's temporary
/// folder (emptied first).
pub(super) fn test_folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("docgen-write-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}
