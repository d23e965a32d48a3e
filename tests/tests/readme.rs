//! The README's workflow snippet is code that compiles: it must be, line for
//! line, the body of `tests/examples/readme_workflows.rs` (which `cargo test`
//! builds) between its `README START` and `README END` markers.

const README: &str = include_str!("../../README.md");
const EXAMPLE: &str = include_str!("../examples/readme_workflows.rs");

/// The first `rust,ignore` block after the workflows heading.
fn readme_snippet() -> Vec<&'static str> {
    let section = &README[README.find("## Workflows").expect("a Workflows section")..];
    let start = section.find("```rust,ignore\n").expect("a rust block") + "```rust,ignore\n".len();
    let end = start + section[start..].find("```\n").expect("a closed block");
    section[start..end].lines().collect()
}

/// The example's lines between the markers, without the function's indent.
fn example_body() -> Vec<&'static str> {
    let start =
        EXAMPLE.find("// README START\n").expect("start marker") + "// README START\n".len();
    let end = EXAMPLE.find("    // README END").expect("end marker");
    EXAMPLE[start..end]
        .lines()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect()
}

#[test]
fn the_readme_workflows_are_the_compiled_example() {
    let (readme, example) = (readme_snippet(), example_body());
    for (at, (r, e)) in readme.iter().zip(&example).enumerate() {
        assert_eq!(
            r,
            e,
            "README workflow snippet line {} differs from the example",
            at + 1
        );
    }
    assert_eq!(
        readme.len(),
        example.len(),
        "README snippet and example differ in length"
    );
    assert!(readme.len() > 20, "{} lines", readme.len());
}
