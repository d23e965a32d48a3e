//! The emitter's fixture output, compiled: `build.rs` runs docgen on each
//! fixture page of `generator/tests/fixtures/emit/` and every area file it
//! makes is included here, the same text the snapshot tests pin
//! (`tests/snapshots.rs` checks that they are equal).

pub mod model_report;

/// Generated area files refer to `crate::Permissions`.
pub use graph_client::Permissions;

/// One module per fixture page: `<fixture>::<version>::<area>`.
pub mod fixtures {
    include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
}
