use std::path::PathBuf;
use std::time::Duration;

use devtools::docgen_binary::sibling_docgen;
use devtools::pipeline::DocTree;
use devtools::Error;

pub fn bench_ir(docs: PathBuf, rounds: usize, docgen: Option<PathBuf>) -> Result<(), Error> {
    let docgen = match docgen {
        Some(path) => path,
        None => sibling_docgen()?,
    };
    let tree = DocTree::open(&docs)?;
    let t = devtools::bench_ir::measure(&tree, &docgen, rounds)?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "corpus: {} ({} pages, {:.1} MB)",
        docs.display(),
        t.files,
        t.bytes as f64 / 1e6
    );
    println!(
        "bare read + pulldown-cmark parse (1 thread):     {:>8.1} ms",
        ms(t.bare)
    );
    println!(
        "in process, 1 thread:                            {:>8.1} ms  ratio {:.2}",
        ms(t.ir_single),
        t.ratio(t.ir_single)
    );
    println!(
        "in process, {} threads:                           {:>8.1} ms  ratio {:.2}",
        t.threads,
        ms(t.ir_parallel),
        t.ratio(t.ir_parallel)
    );
    println!(
        "docgen ir (process, {} threads):                  {:>8.1} ms  ratio {:.2}  (target <= 1.5)",
        t.threads,
        ms(t.ir_process),
        t.ratio(t.ir_process)
    );
    Ok(())
}
