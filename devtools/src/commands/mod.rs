//! The printing side of each measurement: the library computes figures,
//! these functions print them (the same lines `docgen` printed before the
//! measurements moved here) and turn a missed target into an error.

mod bench_ir;
mod corpus_check;
mod coverage;
mod model_report;

pub use bench_ir::bench_ir;
pub use corpus_check::corpus_check;
pub use coverage::{coverage, CoverageArgs};
pub use model_report::model_report;
