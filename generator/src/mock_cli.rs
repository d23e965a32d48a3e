//! `docgen mock`: reads the checkout, then serves its documented examples
//! until the process is stopped (Ctrl-C ends it: the mock holds no state).

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use docgen::docs::DocTree;
use docgen::mock::{server, Mock};

/// `docgen mock`.
#[derive(Args)]
pub struct MockArgs {
    /// The doc checkout (the folder holding `api-reference/`).
    #[arg(long, default_value = "docs-input")]
    pub docs: PathBuf,
    /// The address to listen on (port 0 picks a free one, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
}

pub fn run(args: MockArgs) -> Result<(), docgen::Error> {
    let started = Instant::now();
    let pages = DocTree::open(&args.docs)?.read_all()?;
    let mock = Mock::new(&pages);
    drop(pages);
    let mock_error = |source| docgen::Error::Mock {
        addr: args.addr.clone(),
        source,
    };
    let listener = TcpListener::bind(&args.addr).map_err(mock_error)?;
    let addr = listener.local_addr().map_err(mock_error)?;
    eprintln!(
        "mock: {} documented paths, {} response examples from {}; listening on http://{} (ready in {:.2} s)",
        mock.routes(),
        mock.examples(),
        args.docs.display(),
        addr,
        started.elapsed().as_secs_f64()
    );
    server::serve(mock, listener, |line| eprintln!("mock: {line}")).map_err(mock_error)
}
