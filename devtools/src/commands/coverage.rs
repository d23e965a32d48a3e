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
    print_example_paths(&devtools::example_paths::example_paths(&pages), shown);
    match args.min_percent {
        Some(min) if report.percent() < min => Err(Error::BelowTarget(format!(
            "{:.2}% reachable, below {min}%",
            report.percent()
        ))),
        _ => Ok(()),
    }
}

/// Example requests whose path no documented template of their version
/// covers: what a check of the templates alone cannot see.
fn print_example_paths(report: &devtools::example_paths::ExamplePaths, shown: usize) {
    println!(
        "example requests: {}; covered by a documented template and reached by generated builders {:.2}% \
         (own page {}, another page {}); covered but reached by no builder {}; \
         on pages without an operation {}; covered by no template of their version {} \
         ({} requests to another host not counted)",
        report.examples,
        report.percent(),
        report.own_page,
        report.other_page,
        report.covered_not_built.len(),
        report.page_without_operation.len(),
        report.uncovered.len(),
        report.other_host
    );
    for line in report.covered_not_built.iter().take(shown) {
        println!("  no builder: {line}");
    }
    for line in report.uncovered.iter().take(shown) {
        println!("  uncovered: {line}");
    }
    for line in report.page_without_operation.iter().take(shown.min(5)) {
        println!("  page without an operation: {line}");
    }
}
