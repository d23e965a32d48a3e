//! The README's Rust snippets are code that compiles: each must be, line for
//! line, the body of an example under `tests/examples/` (which `cargo test`
//! builds) between its `README START` and `README END` markers.

const README: &str = include_str!("../../README.md");
const WORKFLOWS: &str = include_str!("../examples/readme_workflows.rs");
const TRACING: &str = include_str!("../examples/readme_tracing.rs");

/// The first `rust,ignore` block after `anchor` in the README.
fn readme_snippet(anchor: &str) -> Vec<&'static str> {
    let section = &README[README.find(anchor).expect("the README section")..];
    let open = "```rust,ignore\n";
    let start = section.find(open).expect("a rust block") + open.len();
    let end = start + section[start..].find("```\n").expect("a closed block");
    section[start..end].lines().collect()
}

/// The example's lines between the markers, without the function's indent.
fn example_body(example: &'static str) -> Vec<&'static str> {
    let open = "// README START\n";
    let start = example.find(open).expect("start marker") + open.len();
    let end = example.find("    // README END").expect("end marker");
    example[start..end]
        .lines()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect()
}

fn assert_same(readme: &[&str], example: &[&str], what: &str) {
    for (at, (r, e)) in readme.iter().zip(example).enumerate() {
        assert_eq!(
            r,
            e,
            "README {what} snippet line {} differs from the example",
            at + 1
        );
    }
    assert_eq!(
        readme.len(),
        example.len(),
        "README {what} snippet and example differ in length"
    );
}

#[test]
fn the_readme_workflows_are_the_compiled_example() {
    let readme = readme_snippet("## Workflows");
    assert_same(&readme, &example_body(WORKFLOWS), "workflow");
    assert!(readme.len() > 20, "{} lines", readme.len());
}

#[test]
fn the_readme_tracing_setup_is_the_compiled_example() {
    let readme = readme_snippet("Every request is traced with");
    assert_same(&readme, &example_body(TRACING), "tracing");
    assert!(readme
        .iter()
        .any(|l| l.contains("tracing_subscriber::fmt()")));
}

#[test]
fn the_readme_sign_in_snippets_are_the_compiled_examples() {
    let examples = [
        (
            "**Daemon on a certificate**",
            include_str!("../examples/signin_daemon_certificate.rs"),
        ),
        (
            "**Azure-hosted service on its managed identity**",
            include_str!("../examples/signin_managed_identity.rs"),
        ),
        (
            "**CLI with the device code flow**",
            include_str!("../examples/signin_device_code.rs"),
        ),
        (
            "**Desktop app with a browser sign-in**",
            include_str!("../examples/signin_desktop.rs"),
        ),
        (
            "**Web app handing over the redirect**",
            include_str!("../examples/signin_web_app.rs"),
        ),
    ];
    for (anchor, example) in examples {
        let readme = readme_snippet(anchor);
        assert_same(&readme, &example_body(example), anchor);
        assert!(readme.len() >= 3, "{anchor}: {} lines", readme.len());
    }
    let section = &README[README
        .find("## Signing in: choose your credential")
        .unwrap()..];
    let table = &section[..section.find("**Daemon").unwrap()];
    for example in [
        "signin_daemon_certificate.rs",
        "signin_managed_identity.rs",
        "signin_device_code.rs",
        "signin_desktop.rs",
        "signin_web_app.rs",
    ] {
        assert!(table.contains(example), "{example} not in the table");
    }
}
