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

use crate::diagnostics::{self, LocatedDiagnostic};
use crate::emit::{self, EmitError, Files};
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
        let (lowered, diagnostics) = self.lower(pages)?;
        self.emit(lowered, diagnostics)
    }

    /// Like [`Generator::generate`], freeing the pages once they are lowered:
    /// the emitted files never share the memory peak with the pages they
    /// come from (on a huge page, each is several times its size).
    pub fn generate_from(&self, pages: Vec<Page>) -> Result<Generated, GenerateError> {
        let (lowered, diagnostics) = self.lower(&pages)?;
        drop(pages);
        self.emit(lowered, diagnostics)
    }

    fn lower(&self, pages: &[Page]) -> Result<(Lowered, Vec<LocatedDiagnostic>), GenerateError> {
        let options = LowerOptions {
            filter: PathFilter::new(&self.settings.include, &self.settings.exclude)?,
            split_at: self.settings.split_at,
        };
        let lowered = lower::lower_with(pages, &options);
        let diagnostics = diagnostics::collect(pages, &lowered.refused);
        Ok((lowered, diagnostics))
    }

    fn emit(
        &self,
        lowered: Lowered,
        diagnostics: Vec<LocatedDiagnostic>,
    ) -> Result<Generated, GenerateError> {
        let files = emit::emit_crate(self.settings, &lowered.api)?;
        Ok(Generated {
            files,
            diagnostics,
            stats: lowered.stats,
        })
    }
}
