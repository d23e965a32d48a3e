//! The README's tracing snippet (section "Workflows"), compiled: `cargo
//! test` builds this example, and `tests/tests/readme.rs` checks that the
//! README's block is, line for line, the body between the markers below.

use graph_runtime::{Client, Error};

fn main() {
    // Built, not run: tests/tests/tracing.rs checks the spans end to end.
    let _ = traced;
}

#[rustfmt::skip]
#[allow(unused_variables)]
async fn traced(client: Client) -> Result<(), Error> {
    // README START
    // Cargo.toml: tracing-subscriber = { version = "0.3", features = ["env-filter"] }
    tracing_subscriber::fmt()
        .with_env_filter("graph_runtime=info")
        .init();
    let me = graph_client::v1_0::me().get().send(&client).await?;
    // INFO graph.request{method=GET path=/v1.0/me client_request_id=...}: graph.response attempt=1 status=200 request_id=... duration_ms=84
    // README END
    Ok(())
}
