//! The `docgen` binary offers what users run, nothing of our tooling (the
//! measurements live in `devtools`).

use std::process::Command;

#[test]
fn help_lists_only_user_commands() {
    let output = Command::new(env!("CARGO_BIN_EXE_docgen"))
        .arg("--help")
        .output()
        .expect("run docgen --help");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    let commands: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .and_then(|rest| rest.split("Options:").next())
        .expect("a command list")
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert_eq!(
        commands,
        [
            "ir",
            "generate",
            "mock",
            "conform",
            "diff",
            "permissions",
            "features",
            "help"
        ],
        "{help}"
    );
}
