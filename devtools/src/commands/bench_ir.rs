use std::path::PathBuf;
use std::time::Duration;

use devtools::pipeline::DocTree;
use devtools::Error;

pub fn bench_ir(docs: PathBuf, rounds: usize) -> Result<(), Error> {
    let tree = DocTree::open(&docs)?;
    let t = devtools::bench_ir::measure(&tree, rounds)?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "corpus: {} ({} pages, {:.1} MB)",
        docs.display(),
        t.files,
        t.bytes as f64 / 1e6
    );
    println!(
        "bare read + pulldown-cmark parse (1 thread): {:>8.1} ms",
        ms(t.bare)
    );
    println!(
        "docgen ir (1 thread):                        {:>8.1} ms  ratio {:.2}",
        ms(t.ir_single),
        t.ratio_single()
    );
    println!(
        "docgen ir ({} threads):                       {:>8.1} ms  ratio {:.2}",
        t.threads,
        ms(t.ir_parallel),
        t.ratio_parallel()
    );
    Ok(())
}
