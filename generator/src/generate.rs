//! The library's one entry: [`Settings`] → [`Generator::new`] →
//! [`Generator::generate`] (pure: pages in, [`Generated`] out). Reading the
//! checkout and writing the crate are the edges around it.
//!
//! ```no_run
//! use docgen::generate::Generator;
//! use docgen::settings::Settings;
//! let pages = docgen::docs::DocTree::open("docs-input")?.read_all()?;
//! let settings = Settings::default();
//! let generated = Generator::new(&settings).generate(&pages)?;
//! for diagnostic in &generated.diagnostics {
//!     eprintln!("{diagnostic}");
//! }
//! docgen::write::write(&settings.out_dir, &generated.files)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rayon::prelude::*;

use crate::diagnostics::{self, LocatedDiagnostic};
use crate::emit::{self, EmitError, FileSink, Files};
use crate::ir::page::Page;
use crate::lower::filter::{FilterError, PathFilter};
use crate::lower::{self, LowerOptions, LowerStats, Lowered};
use crate::settings::Settings;

/// A failure to generate (always an internal error of the emitter).
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Emit(#[from] EmitError),
    #[error(transparent)]
    Filter(#[from] FilterError),
}

/// What a run produced: the crate's files, what was found wrong on the way,
/// and the counts.
#[derive(Clone, Debug)]
pub struct Generated {
    pub files: Files,
    /// Every page's diagnostics and every path template left out, by file
    /// and line.
    pub diagnostics: Vec<LocatedDiagnostic>,
    pub stats: LowerStats,
}

/// Generates the client crate for the given settings.
#[derive(Clone, Debug)]
pub struct Generator<'a> {
    settings: &'a Settings,
}

impl<'a> Generator<'a> {
    pub fn new(settings: &'a Settings) -> Self {
        Generator { settings }
    }

    /// Lowers `pages` (the request lines the settings' include and exclude
    /// patterns keep) and emits every file of the crate.
    pub fn generate(&self, pages: &[Page]) -> Result<Generated, GenerateError> {
        Ok(self.lower(pages)?.emit()?)
    }

    /// Lowers `pages`: what to emit, and what was found wrong on the way.
    pub fn lower(&self, pages: &[Page]) -> Result<Lowering<'a>, GenerateError> {
        let options = LowerOptions {
            filter: PathFilter::new(&self.settings.include, &self.settings.exclude)?,
            split_at: self.settings.split_at,
        };
        let lowered = lower::lower_with(pages, &options);
        let diagnostics = diagnostics::collect(pages, &lowered.refused);
        Ok(Lowering {
            settings: self.settings,
            lowered,
            diagnostics,
        })
    }

    /// Like [`Generator::lower`], freeing the pages once they are lowered:
    /// emission never shares the memory peak with the pages (on a huge page,
    /// each is several times its size).
    pub fn lower_from(&self, pages: Vec<Page>) -> Result<Lowering<'a>, GenerateError> {
        let lowering = self.lower(&pages);
        // Freed on every thread: one thread freeing a corpus's pages alone
        // leaves the others idle.
        pages.into_par_iter().for_each(drop);
        lowering
    }
}

/// Pages lowered to the client to emit, and their diagnostics: emitted
/// whole ([`Lowering::emit`]) or file by file into a sink, such as the
/// writer's [`Stager`](crate::write::Stager) ([`Lowering::emit_into`]).
#[derive(Debug)]
pub struct Lowering<'a> {
    settings: &'a Settings,
    lowered: Lowered,
    /// Every page's diagnostics and every path template left out, by file
    /// and line.
    pub diagnostics: Vec<LocatedDiagnostic>,
}

impl Lowering<'_> {
    pub fn stats(&self) -> &LowerStats {
        &self.lowered.stats
    }

    /// Every file of the crate, handed to `sink` as it is made.
    pub fn emit_into(&self, sink: &dyn FileSink) -> Result<(), EmitError> {
        emit::emit_crate_into(self.settings, &self.lowered.api, sink)
    }

    /// Every file of the crate, in memory.
    pub fn emit(self) -> Result<Generated, EmitError> {
        let files = emit::emit_crate(self.settings, &self.lowered.api)?;
        Ok(Generated {
            files,
            diagnostics: self.diagnostics,
            stats: self.lowered.stats,
        })
    }
}
