//! Where emitted files go. The emitter hands each file to a [`FileSink`]:
//! [`Collect`] keeps them all in memory ([`Files`]); the writer's stager
//! (`crate::write::Stager`) writes each one out as it comes, so that a huge
//! file never exists whole in memory. Emission itself stays pure: it only
//! pushes text.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// The generated crate: path relative to the crate root (`/` separators) →
/// contents. Ordered, so iteration and output are deterministic.
pub type Files = BTreeMap<String, String>;

/// Text appended piece by piece.
pub trait TextOut {
    fn push_str(&mut self, text: &str);
    /// Room for `additional` more bytes, when the receiver holds the text
    /// whole (a hint; receivers that pass text on ignore it).
    fn reserve(&mut self, _additional: usize) {}
}

impl TextOut for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }

    fn reserve(&mut self, additional: usize) {
        self.reserve_exact(additional);
    }
}

/// One file being emitted: its text, then [`FileOut::finish`]. A file
/// dropped unfinished (the emission failed) is not part of the output.
pub trait FileOut: TextOut {
    fn finish(self: Box<Self>);
}

/// Receives the files of a crate, from any thread, in any order. A sink
/// that can fail (writing to disk) keeps its first error and reports it
/// when it is done.
pub trait FileSink: Sync {
    /// Opens the file at `path` (relative to the crate root, `/` separators).
    fn file(&self, path: String) -> Box<dyn FileOut + '_>;

    /// A whole file at once.
    fn put(&self, path: String, text: String) {
        let mut file = self.file(path);
        file.push_str(&text);
        drop(text);
        file.finish();
    }
}

/// A sink that keeps every file in memory, in path order.
#[derive(Debug, Default)]
pub struct Collect {
    files: Mutex<Files>,
}

impl Collect {
    pub fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl FileSink for Collect {
    fn file(&self, path: String) -> Box<dyn FileOut + '_> {
        Box::new(Collected {
            path,
            text: String::new(),
            files: &self.files,
        })
    }

    fn put(&self, path: String, text: String) {
        insert(&self.files, path, text);
    }
}

struct Collected<'a> {
    path: String,
    text: String,
    files: &'a Mutex<Files>,
}

impl TextOut for Collected<'_> {
    fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn reserve(&mut self, additional: usize) {
        self.text.reserve_exact(additional);
    }
}

impl FileOut for Collected<'_> {
    fn finish(self: Box<Self>) {
        let Collected { path, text, files } = *self;
        insert(files, path, text);
    }
}

fn insert(files: &Mutex<Files>, path: String, text: String) {
    files
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(path, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_whole_and_pieced_files_in_path_order() {
        let sink = Collect::default();
        let mut file = sink.file("src/b.rs".to_owned());
        file.push_str("fn b() {}");
        file.push_str("\n");
        file.finish();
        sink.put("src/a.rs".to_owned(), "fn a() {}\n".to_owned());
        let unfinished = sink.file("src/c.rs".to_owned());
        drop(unfinished);
        let files = sink.into_files();
        let listed: Vec<(&str, &str)> = files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        assert_eq!(
            listed,
            [("src/a.rs", "fn a() {}\n"), ("src/b.rs", "fn b() {}\n")]
        );
    }
}
