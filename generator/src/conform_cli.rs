//! `docgen conform`: reads the checkout, lowers it as `generate` would, and
//! replays every request example through the generated calls.

use std::path::PathBuf;

use clap::Args;

use crate::diff_cli::{print, read_side};

/// `docgen conform`.
#[derive(Args)]
pub struct ConformArgs {
    /// The doc checkout (the folder holding `api-reference/`) or a `docgen ir` dump.
    #[arg(long, default_value = "docs-input")]
    pub docs: PathBuf,
    /// Examples shown per group.
    #[arg(long, default_value_t = 2)]
    pub show: usize,
    /// List every doc error with its file and line.
    #[arg(long)]
    pub all_doc_errors: bool,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Fail when fewer request examples than this percentage are reproduced.
    #[arg(long, value_name = "PERCENT")]
    pub min_reproduced: Option<f64>,
    /// Fail when fewer of the examples that are not doc errors are reproduced.
    #[arg(long, value_name = "PERCENT")]
    pub min_rest: Option<f64>,
    /// Fail when fewer JSON response examples decode into their call's type.
    #[arg(long, value_name = "PERCENT")]
    pub min_decoded: Option<f64>,
}

pub fn run(args: ConformArgs) -> Result<(), docgen::Error> {
    let pages = read_side(&args.docs)?;
    let lowered = docgen::lower::lower(&pages);
    let report = docgen::conform::conform(&pages, &lowered.api);
    print(&report, args.json, |r| {
        docgen::conform::render(r, args.show, args.all_doc_errors)
    })?;
    let checks = [
        (
            "reproduced",
            report.reproduced_percent(),
            args.min_reproduced,
        ),
        (
            "reproduced apart from doc errors",
            report.rest_percent(),
            args.min_rest,
        ),
        (
            "responses decoded",
            report.decoded_percent(),
            args.min_decoded,
        ),
    ];
    for (what, actual, min) in checks {
        if let Some(min) = min.filter(|&min| actual < min) {
            return Err(docgen::Error::Conformance { what, actual, min });
        }
    }
    std::mem::forget((pages, lowered));
    Ok(())
}
