//! The `docgen` binary the benchmarks run as a user would.

use std::path::PathBuf;

use crate::error::Error;

/// `docgen` in the folder of the running binary (`target/release`).
pub fn sibling_docgen() -> Result<PathBuf, Error> {
    let exe = std::env::current_exe().map_err(Error::io("current executable"))?;
    let docgen = exe.with_file_name(format!("docgen{}", std::env::consts::EXE_SUFFIX));
    if !docgen.is_file() {
        return Err(Error::Command {
            command: "devtools".to_owned(),
            stderr: format!(
                "no docgen next to devtools at {}: build it (cargo build --release -p docgen) or pass --docgen",
                docgen.display()
            ),
        });
    }
    Ok(docgen)
}
