//! `devtools bench-big-page`: wall time and peak memory of the release
//! `docgen generate` and `docgen ir` on one huge table page, against the
//! page's size.
//!
//! The page is synthetic (an invented `bigThing` resource whose Properties
//! table has rows `| propN | String | description |` up to the size asked
//! for), alone in a fresh checkout under `--work`. Each command runs as a
//! child process under GNU time (`/usr/bin/time`), which reports its wall
//! time and peak resident set size; the run fails when `generate`'s peak is
//! more than `--max-ratio` times the page size.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::Args;

use crate::docgen_binary::sibling_docgen;
use crate::error::Error;

const TIME: &str = "/usr/bin/time";

#[derive(Args)]
pub struct BigPageArgs {
    /// The page size, in MB (10^6 bytes).
    #[arg(long, default_value_t = 20)]
    pub size_mb: u64,
    /// Scratch folder: the checkout and the generated crate go there (replaced).
    #[arg(long)]
    pub work: PathBuf,
    /// The docgen binary (default: the one next to this devtools binary).
    #[arg(long)]
    pub docgen: Option<PathBuf>,
    /// Fail when `generate`'s peak memory exceeds this many times the page size.
    #[arg(long, default_value_t = 10.0)]
    pub max_ratio: f64,
}

/// What GNU time reported for one child.
struct Usage {
    seconds: f64,
    peak_kb: u64,
}

pub fn run(args: BigPageArgs) -> Result<(), Error> {
    let docgen = match &args.docgen {
        Some(path) => path.clone(),
        None => sibling_docgen()?,
    };
    let checkout = args.work.join("checkout");
    let out = args.work.join("out");
    for folder in [&checkout, &out] {
        if folder.exists() {
            fs::remove_dir_all(folder).map_err(Error::io(folder))?;
        }
    }
    let page = checkout.join("api-reference/v1.0/resources/bigthing.md");
    let size = write_page(&page, args.size_mb * 1_000_000)?;
    let rows = size.rows;
    println!(
        "page: {} ({} bytes, {rows} property rows)",
        page.display(),
        size.bytes
    );
    let docs = checkout.to_string_lossy().into_owned();
    let out_arg = out.to_string_lossy().into_owned();
    let generate = measure(
        &docgen,
        &["generate", "--docs", &docs, "--out", &out_arg],
        &args.work,
    )?;
    let ir = measure(&docgen, &["ir", "--docs", &docs], &args.work)?;
    let ratio = |usage: &Usage| usage.peak_kb as f64 * 1024.0 / size.bytes as f64;
    for (name, usage) in [("generate", &generate), ("ir", &ir)] {
        println!(
            "docgen {name:<8}: {:>6.2} s, peak RSS {:>5.0} MB, {:>5.1}x the page",
            usage.seconds,
            usage.peak_kb as f64 / 1024.0,
            ratio(usage)
        );
    }
    if ratio(&generate) > args.max_ratio {
        return Err(Error::BelowTarget(format!(
            "docgen generate peaked at {:.1}x the page size (target <= {})",
            ratio(&generate),
            args.max_ratio
        )));
    }
    Ok(())
}

/// The size of the page written.
struct PageSize {
    bytes: usize,
    rows: usize,
}

/// Writes a resource page of `bytes` bytes (give or take a row) to `path`:
/// front matter, a Properties table and a JSON representation.
fn write_page(path: &Path, bytes: u64) -> Result<PageSize, Error> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder).map_err(Error::io(folder))?;
    let text = page_text(bytes as usize);
    fs::write(path, &text.0).map_err(Error::io(path))?;
    Ok(PageSize {
        bytes: text.0.len(),
        rows: text.1,
    })
}

/// The page's text and its number of property rows.
fn page_text(bytes: usize) -> (String, usize) {
    let head = "---\ntitle: \"bigThing resource type\"\n---\n\n# bigThing resource type\n\n\
                A thing with many properties.\n\n## Properties\n\n\
                | Property | Type | Description |\n|:---|:---|:---|\n";
    let tail = "\n\n## JSON representation\n\n\
                <!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.bigThing\" } -->\n\
                ```json\n{ \"prop0\": \"String\" }\n```\n";
    let mut text = String::with_capacity(bytes + 256);
    text.push_str(head);
    let mut rows = 0;
    while text.len() + tail.len() < bytes {
        let _ = writeln!(
            text,
            "| prop{rows} | String | The property number {rows} of the big thing, described at some length so the row has a realistic size for a docs table. |"
        );
        rows += 1;
    }
    text.push_str(tail);
    (text, rows)
}

/// Runs `docgen args` under GNU time, its output discarded.
fn measure(docgen: &Path, args: &[&str], work: &Path) -> Result<Usage, Error> {
    let report = work.join("time.txt");
    let report_arg = report.to_string_lossy().into_owned();
    let mut command = Command::new(TIME);
    command
        .args(["-f", "%e %M", "-o", &report_arg])
        .arg(docgen)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let shown = format!("{} {}", docgen.display(), args.join(" "));
    let output = command.output().map_err(Error::io(TIME))?;
    if !output.status.success() {
        return Err(Error::Command {
            command: shown,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    let text = fs::read_to_string(&report).map_err(Error::io(&report))?;
    parse_usage(&text).ok_or_else(|| Error::Command {
        command: shown,
        stderr: format!("unexpected {TIME} report: {text}"),
    })
}

/// `"<seconds> <peak KB>"`, the last line GNU time wrote.
fn parse_usage(text: &str) -> Option<Usage> {
    let line = text.lines().rev().find(|l| !l.trim().is_empty())?;
    let mut fields = line.split_whitespace();
    let seconds = fields.next()?.parse().ok()?;
    let peak_kb = fields.next()?.parse().ok()?;
    Some(Usage { seconds, peak_kb })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{read_page, NoIncludes};

    #[test]
    fn the_page_has_the_size_asked_for_and_reads_as_one_resource() {
        let (text, rows) = page_text(200_000);
        assert!(
            text.len() >= 200_000 && text.len() < 200_000 + 200,
            "{}",
            text.len()
        );
        let file = "api-reference/v1.0/resources/bigthing.md";
        let page = read_page(file, text.as_bytes(), &NoIncludes);
        let resource = page.resource.expect("a resource page");
        assert_eq!(resource.properties.len(), rows);
        assert_eq!(
            resource.properties[rows - 1].name,
            format!("prop{}", rows - 1)
        );
    }

    #[test]
    fn reads_gnu_time_reports() {
        let usage = parse_usage("Command exited with non-zero status 1\n1.25 204800\n").unwrap();
        assert_eq!((usage.seconds, usage.peak_kb), (1.25, 204800));
        assert!(parse_usage("garbage").is_none());
    }
}
