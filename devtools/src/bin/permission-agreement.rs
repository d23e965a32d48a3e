//! permission-agreement: do permissions survive translation?
//!
//! ```text
//! permission-agreement [--examples N] <checkout | docgen-ir.jsonl>...
//! ```
//!
//! Each input is a doc checkout (read with the docgen library) or the JSON
//! lines `docgen ir` printed for one. For each input it prints the share of
//! operations that end with no permission in any kind and the permission
//! diagnostics by kind. For each pair of inputs it pairs operation pages by
//! relative path and prints the share whose operations (method + paths) and
//! success status agree, then those whose examples' requests and statuses
//! agree too, then those that also name the same permissions (counted over
//! the kinds): these are "unchanged", and on them a disagreement kind by kind
//! is a misread row. It prints the share of unchanged pages and of all
//! paired pages whose permission sets agree kind by kind, the causes of
//! disagreement, and examples (unchanged pages first).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

use devtools::pipeline::{DocTree, Page, PageDiagnostic as Diagnostic, PageKind, Permissions};

struct Corpus {
    name: String,
    /// Operation pages by relative path.
    pages: BTreeMap<String, Page>,
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (examples, inputs) = parse_args(args)?;
    let corpora = inputs
        .iter()
        .map(|i| load(Path::new(i)))
        .collect::<Result<Vec<_>, _>>()?;
    println!("## Operations with no permission\n");
    println!("| corpus | operations | no permission | share | unexplained | permission diagnostics by kind |");
    println!("|---|---|---|---|---|---|");
    for corpus in &corpora {
        print_summary(corpus);
    }
    if corpora.len() > 1 {
        println!("\n## Agreement between checkouts\n");
        println!("| left | right | paired pages | same operations and status | and same examples | and same permission names (unchanged) | permissions agree kind by kind (unchanged pages) | permissions agree (all paired) |");
        println!("|---|---|---|---|---|---|---|---|");
        let mut pairs = Vec::new();
        for (i, left) in corpora.iter().enumerate() {
            for right in &corpora[i + 1..] {
                let agreement = compare(left, right);
                print_agreement(left, right, &agreement);
                pairs.push((left, right, agreement));
            }
        }
        println!("\n## Pages with the same operations and examples whose permissions disagree, by cause\n");
        println!("| left | right | causes |\n|---|---|---|");
        for (left, right, agreement) in &pairs {
            print_causes(left, right, agreement);
        }
        for (left, right, agreement) in &pairs {
            print_examples(left, right, &agreement.examples, examples);
        }
    }
    Ok(())
}

fn parse_args(args: Vec<String>) -> Result<(usize, Vec<String>), String> {
    let mut examples = 5;
    let mut inputs = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--examples" {
            let n = args.next().ok_or("--examples needs a number")?;
            examples = n
                .parse()
                .map_err(|_| format!("--examples {n}: not a number"))?;
        } else {
            inputs.push(arg);
        }
    }
    if inputs.is_empty() {
        return Err("usage: permission-agreement [--examples N] <checkout | ir.jsonl>...".into());
    }
    Ok((examples, inputs))
}

fn load(path: &Path) -> Result<Corpus, String> {
    let pages = if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        text.lines()
            .map(|l| {
                serde_json::from_str::<Page>(l).map_err(|e| format!("{}: {e}", path.display()))
            })
            .collect::<Result<Vec<_>, _>>()?
    } else {
        let tree = DocTree::open(path).map_err(|e| e.to_string())?;
        tree.read_all().map_err(|e| e.to_string())?
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let pages = pages
        .into_iter()
        .filter(|p| p.kind == PageKind::Operation)
        .map(|p| (p.file.clone(), p))
        .collect();
    Ok(Corpus { name, pages })
}

/// The permission diagnostics of the reader, by the fixed part of their message.
const DIAGNOSTIC_KINDS: &[(&str, &str)] = &[
    (
        "lands in no kind: its row label",
        "name in a row of no kind",
    ),
    ("named outside a permissions table", "name outside a table"),
    ("holds no permission name", "unreadable cell"),
    ("name-like text", "partial cell"),
    ("yields no permission: every cell", "all cells say none"),
    ("yields no permission: no cell", "no cell readable"),
    ("has no permissions table", "no table"),
    ("no Permissions section", "no section"),
    ("permissions include", "include missing"),
];

fn diagnostic_kind(diagnostic: &Diagnostic) -> Option<&'static str> {
    DIAGNOSTIC_KINDS
        .iter()
        .find(|(fragment, _)| diagnostic.message.contains(fragment))
        .map(|(_, kind)| *kind)
}

fn is_empty(p: &Permissions) -> bool {
    p.delegated_work.is_empty() && p.delegated_personal.is_empty() && p.application.is_empty()
}

fn print_summary(corpus: &Corpus) {
    let (mut operations, mut without, mut unexplained) = (0, 0, 0);
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for page in corpus.pages.values() {
        let kinds: Vec<&str> = page
            .diagnostics
            .iter()
            .filter_map(diagnostic_kind)
            .collect();
        for kind in &kinds {
            *by_kind.entry(kind).or_default() += 1;
        }
        for op in &page.operations {
            operations += 1;
            if is_empty(&op.permissions) {
                without += 1;
                unexplained += usize::from(kinds.is_empty());
            }
        }
    }
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "| {} | {operations} | {without} | {} | {unexplained} | {} |",
        corpus.name,
        percent(without, operations),
        kinds.join(", ")
    );
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".into();
    }
    format!("{:.2}%", 100.0 * part as f64 / whole as f64)
}

#[derive(Default)]
struct Agreement {
    paired: usize,
    same_operations: usize,
    same_examples: usize,
    unchanged: usize,
    unchanged_agree: usize,
    all_agree: usize,
    /// Disagreeing unchanged pages by their likely cause.
    causes: BTreeMap<&'static str, usize>,
    /// Disagreeing pages: (file, unchanged, per-kind differences).
    examples: Vec<(String, bool, Vec<String>)>,
}

/// Operations as a comparable set: method and sorted paths, with the status.
fn shape(page: &Page) -> BTreeSet<String> {
    page.operations
        .iter()
        .map(|op| {
            let paths: BTreeSet<&str> = op.paths.iter().map(String::as_str).collect();
            format!("{:?} {paths:?} {:?}", op.method, op.success_status)
        })
        .collect()
}

/// The examples' requests (method, URL, body without whitespace) and
/// response statuses: code the translators never touch, and which the
/// writers update with the page, so equal examples mark an unchanged page.
fn example_shape(page: &Page) -> Vec<String> {
    page.examples
        .iter()
        .map(|e| {
            let request = e.request.as_ref().map(|r| {
                let body: String = r
                    .body
                    .iter()
                    .flat_map(|b| b.chars())
                    .filter(|c| !c.is_whitespace())
                    .collect();
                format!("{:?} {} {body}", r.method, r.url)
            });
            format!("{request:?} {:?}", e.response.as_ref().map(|r| r.status))
        })
        .collect()
}

/// The permission sets of a page, kind by kind (every operation of a page
/// shares its Permissions section).
fn kinds(page: &Page) -> [(&'static str, BTreeSet<&str>); 3] {
    let collect = |pick: fn(&Permissions) -> &Vec<String>| -> BTreeSet<&str> {
        page.operations
            .iter()
            .flat_map(|op| pick(&op.permissions).iter().map(String::as_str))
            .collect()
    };
    [
        ("delegated_work", collect(|p| &p.delegated_work)),
        ("delegated_personal", collect(|p| &p.delegated_personal)),
        ("application", collect(|p| &p.application)),
    ]
}

fn compare(left: &Corpus, right: &Corpus) -> Agreement {
    let mut agreement = Agreement::default();
    for (file, l) in &left.pages {
        let Some(r) = right.pages.get(file) else {
            continue;
        };
        agreement.paired += 1;
        let same_operations = shape(l) == shape(r);
        let same_examples = same_operations && example_shape(l) == example_shape(r);
        let unchanged = same_examples && name_counts(l) == name_counts(r);
        let differences = permission_differences(l, r);
        agreement.same_operations += usize::from(same_operations);
        agreement.same_examples += usize::from(same_examples);
        agreement.unchanged += usize::from(unchanged);
        agreement.all_agree += usize::from(differences.is_empty());
        agreement.unchanged_agree += usize::from(unchanged && differences.is_empty());
        if same_examples && !differences.is_empty() {
            *agreement.causes.entry(cause(l, r)).or_default() += 1;
        }
        if !differences.is_empty() {
            agreement
                .examples
                .push((file.clone(), unchanged, differences));
        }
    }
    agreement
}

/// How many kinds name each permission: a page whose permissions text did
/// not change keeps these counts whichever kinds its rows are read as.
fn name_counts(page: &Page) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for (_, set) in kinds(page) {
        for name in set {
            *counts.entry(name).or_default() += 1;
        }
    }
    counts
}

/// Why a page with the same operations and examples disagrees: the same
/// names in other kinds (a misread row), letter case only
/// (`Directory.accessasuser.all`), other names with a permission diagnostic
/// on either side (a mangled or lost cell), or other names and no
/// diagnostic (the permissions changed between the checkouts).
fn cause(left: &Page, right: &Page) -> &'static str {
    let lower = |page: &Page| {
        kinds(page).map(|(_, set)| {
            set.iter()
                .map(|n| n.to_lowercase())
                .collect::<BTreeSet<_>>()
        })
    };
    let diagnosed = |page: &Page| {
        page.diagnostics
            .iter()
            .any(|d| diagnostic_kind(d).is_some())
    };
    if name_counts(left) == name_counts(right) {
        "same names, other kinds"
    } else if lower(left) == lower(right) {
        "letter case only"
    } else if diagnosed(left) || diagnosed(right) {
        "other names, diagnosed"
    } else {
        "other names, no diagnostic (content drift)"
    }
}

/// `kind: -left only +right only` for every kind whose sets differ.
fn permission_differences(left: &Page, right: &Page) -> Vec<String> {
    kinds(left)
        .into_iter()
        .zip(kinds(right))
        .filter(|((_, l), (_, r))| l != r)
        .map(|((kind, l), (_, r))| {
            let only_left: Vec<&&str> = l.difference(&r).collect();
            let only_right: Vec<&&str> = r.difference(&l).collect();
            format!("{kind}: -{only_left:?} +{only_right:?}")
        })
        .collect()
}

fn print_agreement(left: &Corpus, right: &Corpus, a: &Agreement) {
    println!(
        "| {} | {} | {} | {} ({}) | {} ({}) | {} ({}) | {}/{} ({}) | {}/{} ({}) |",
        left.name,
        right.name,
        a.paired,
        a.same_operations,
        percent(a.same_operations, a.paired),
        a.same_examples,
        percent(a.same_examples, a.paired),
        a.unchanged,
        percent(a.unchanged, a.paired),
        a.unchanged_agree,
        a.unchanged,
        percent(a.unchanged_agree, a.unchanged),
        a.all_agree,
        a.paired,
        percent(a.all_agree, a.paired),
    );
}

fn print_causes(left: &Corpus, right: &Corpus, a: &Agreement) {
    let causes: Vec<String> = a.causes.iter().map(|(c, n)| format!("{c} {n}")).collect();
    println!("| {} | {} | {} |", left.name, right.name, causes.join(", "));
}

/// Disagreements on unchanged pages first: those are the reader's to explain.
fn print_examples(
    left: &Corpus,
    right: &Corpus,
    found: &[(String, bool, Vec<String>)],
    limit: usize,
) {
    if found.is_empty() || limit == 0 {
        return;
    }
    println!("\n### {} vs {}: disagreements\n", left.name, right.name);
    let unchanged = found.iter().filter(|(_, u, _)| *u);
    let changed = found.iter().filter(|(_, u, _)| !*u);
    for (file, was_unchanged, differences) in unchanged.chain(changed).take(limit) {
        let tag = if *was_unchanged {
            "unchanged page"
        } else {
            "page changed: operations, examples or names"
        };
        println!("- {file} ({tag}): {}", differences.join("; "));
    }
}
