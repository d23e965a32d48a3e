use std::path::PathBuf;

use devtools::model_report::{run, Tally};
use devtools::pipeline::{lower, read_pages};
use devtools::Error;

pub fn model_report(docs: PathBuf, all: bool) -> Result<(), Error> {
    let pages = read_pages(&docs)?;
    let lowered = lower(&pages);
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
        Ok(())
    } else {
        Err(Error::BelowTarget(format!(
            "{percent:.2}% of documented properties read back, below 90%"
        )))
    }
}

fn print_tally(what: &str, tally: &Tally) {
    let skipped: usize = tally.skipped.values().sum();
    println!(
        "{what}: {} decoded ({skipped} skipped: {:?}); {}/{} present documented properties read back ({:.2}%); {} objects re-encoded identically",
        tally.samples, tally.skipped, tally.read, tally.properties, tally.percent(), tally.reencoded
    );
}
