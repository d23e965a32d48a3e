//! docgen's own tooling, apart from the product: corpus figures, path
//! coverage, the reader and generation benchmarks, the hostile reachability
//! samples with their independent oracle, the model report, and the
//! snapshot helpers the test suites share. The `devtools` binary runs them.
//!
//! Everything taken from the docgen library goes through [`pipeline`].

pub mod bench_big_page;
pub mod bench_compile;
pub mod bench_generate;
pub mod bench_ir;
pub mod bench_pipeline;
pub mod corpus;
pub mod coverage;
pub mod docgen_binary;
pub mod error;
pub mod example_paths;
pub mod features_check;
pub mod import_graph;
#[cfg(feature = "model-report")]
pub mod model_report;
pub mod oracle;
pub mod pipeline;
pub mod reachability;
pub mod snapshot;

pub use error::Error;
