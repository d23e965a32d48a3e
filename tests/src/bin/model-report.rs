//! `cargo run --release -p docgen-tests --bin model-report -- --docs DIR [--all]`:
//! decodes every JSON representation block and valid-JSON response example
//! body of a doc checkout into its declared model and prints how many
//! documented properties read back with their documented type.

use std::process::ExitCode;

use docgen::docs::DocTree;
use docgen_tests::model_report::{run, Tally};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let Some(docs) = args
        .iter()
        .position(|a| a == "--docs")
        .and_then(|i| args.get(i + 1))
    else {
        eprintln!("usage: model-report --docs DIR [--all]");
        return ExitCode::FAILURE;
    };
    let all = args.iter().any(|a| a == "--all");
    let pages = match DocTree::open(docs).and_then(|t| t.read_all()) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lowered = docgen::lower::lower(&pages);
    let report = run(&pages, &lowered.api.versions);
    print_tally("JSON representation blocks", &report.representations);
    print_tally("response example bodies", &report.examples);
    let (r, e) = (&report.representations, &report.examples);
    let (checked, read) = (r.properties + e.properties, r.read + e.read);
    let percent = if checked == 0 {
        100.0
    } else {
        read as f64 * 100.0 / checked as f64
    };
    println!("combined: {read}/{checked} documented properties read back with their documented type ({percent:.2}%, target 90%)");
    let mut causes: Vec<_> = report.failures.iter().collect();
    causes.sort_by_key(|(_, f)| std::cmp::Reverse(f.len()));
    println!("failures by cause:");
    for (cause, failures) in causes.iter().take(if all { usize::MAX } else { 25 }) {
        let examples: Vec<String> = failures
            .iter()
            .take(if all { usize::MAX } else { 2 })
            .map(|f| format!("{}:{} {}", f.file, f.line, f.property))
            .collect();
        println!(
            "  {:>6}  {cause}  e.g. {}",
            failures.len(),
            examples.join(", ")
        );
    }
    if percent >= 90.0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_tally(what: &str, tally: &Tally) {
    let skipped: usize = tally.skipped.values().sum();
    println!(
        "{what}: {} decoded ({skipped} skipped: {:?}); {}/{} present documented properties read back ({:.2}%); {} objects re-encoded identically",
        tally.samples, tally.skipped, tally.read, tally.properties, tally.percent(), tally.reencoded
    );
}
