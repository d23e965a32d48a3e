use std::path::PathBuf;

use clap::Args;
use devtools::pipeline::read_pages;
use devtools::Error;

/// `devtools coverage`.
#[derive(Args)]
pub struct CoverageArgs {
    /// The doc checkout (the folder holding `api-reference/`).
    #[arg(long, default_value = "docs-input")]
    pub docs: PathBuf,
    /// Print every unreachable template (default: the first 20).
    #[arg(long)]
    pub all: bool,
    /// Fail when fewer templates than this percentage are reachable.
    #[arg(long)]
    pub min_percent: Option<f64>,
}

pub fn coverage(args: CoverageArgs) -> Result<(), Error> {
    let pages = read_pages(&args.docs)?;
    let report = devtools::coverage::coverage(&pages);
    println!(
        "{}: {} path templates parsed, {} reachable ({:.2}%), {} unreachable",
        args.docs.display(),
        report.templates,
        report.reachable,
        report.percent(),
        report.unreachable.len()
    );
    println!(
        "{} builder structs, {} terminal calls, {} operations dropped as duplicates of an earlier one",
        report.nodes, report.endpoints, report.dropped_duplicates
    );
    for (reason, count) in &report.reasons {
        println!("  {count:>5}  {reason}");
    }
    let shown = if args.all { usize::MAX } else { 20 };
    for line in report.unreachable.iter().take(shown) {
        println!("{line}");
    }
    match args.min_percent {
        Some(min) if report.percent() < min => Err(Error::BelowTarget(format!(
            "{:.2}% reachable, below {min}%",
            report.percent()
        ))),
        _ => Ok(()),
    }
}
