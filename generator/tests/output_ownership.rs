//! `docgen generate` replaces and removes only the files it wrote, refuses a
//! folder it does not know, and no link ties `--out` to a file elsewhere.
//! Real files and the real `docgen` binary.
#![cfg(unix)]

mod support;

use std::fs;
use std::os::unix::fs::{symlink, MetadataExt};
use std::path::Path;

use support::*;

const REMOVED: &str = "src/v1_0/models/widget0.rs";
const CHANGED: &str = "src/v1_0/models/widget40.rs";

/// Expected outputs of both checkouts, generated into fresh folders.
fn expected(base: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (a, b) = checkouts(base);
    generate_ok(&a, &base.join("expected-a"));
    generate_ok(&b, &base.join("expected-b"));
    (a, b)
}

#[test]
fn user_files_git_and_target_survive_regeneration() {
    let base = fresh("ownership-survive");
    let (a, b) = expected(&base);
    let out = base.join("out");
    generate_ok(&a, &out);
    add_user_files(&out);
    fs::create_dir_all(out.join("scratch")).unwrap();
    generate_ok(&b, &out);
    assert_user_files(&out);
    assert!(out.join("scratch").is_dir(), "a user's empty folder stays");
    assert!(!out.join(REMOVED).exists());
    // Exactly the new output besides the user's files.
    assert_eq!(
        output_part(&snapshot(&out)),
        snapshot(&base.join("expected-b"))
    );
    // And back again.
    generate_ok(&a, &out);
    assert_user_files(&out);
    assert_eq!(
        output_part(&snapshot(&out)),
        snapshot(&base.join("expected-a"))
    );
}

#[test]
fn a_folder_without_manifest_is_refused_unless_forced() {
    let base = fresh("ownership-refuse");
    let (a, _b) = checkouts(&base);
    let out = base.join("out");
    add_user_files(&out);
    fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    let before = snapshot(&out);
    let refused = generate(&a, &out, &[]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        stderr.contains("no docgen manifest") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before, "a refused folder is untouched");
    let forced = generate(&a, &out, &["--force"]);
    assert!(forced.status.success());
    assert_user_files(&out);
    assert!(out.join(".docgen/manifest").is_file());
    assert_ne!(
        fs::read_to_string(out.join("Cargo.toml")).unwrap(),
        "[package]\nname = \"mine\"\n"
    );
}

#[test]
fn a_linked_folder_inside_out_is_refused_and_its_target_untouched() {
    let base = fresh("ownership-linked-folder");
    let (a, b) = checkouts(&base);
    let out = base.join("out");
    generate_ok(&a, &out);
    // The user moves src/ elsewhere and links it back.
    let elsewhere = base.join("elsewhere-src");
    fs::rename(out.join("src"), &elsewhere).unwrap();
    symlink(&elsewhere, out.join("src")).unwrap();
    let before = snapshot(&elsewhere);
    let refused = generate(&b, &out, &[]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        stderr.contains("symbolic link") && stderr.contains("src"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&elsewhere),
        before,
        "nothing written or removed through the link"
    );
    assert!(fs::symlink_metadata(out.join("src"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn links_at_generated_paths_are_replaced_not_written_through() {
    let base = fresh("ownership-links");
    let (a, b) = checkouts(&base);
    let out = base.join("out");
    generate_ok(&a, &out);
    let outside = base.join("outside");
    fs::create_dir_all(&outside).unwrap();
    // Cargo.toml: a symbolic link to a user's file elsewhere.
    fs::write(outside.join("Cargo.toml"), "user's own manifest").unwrap();
    fs::remove_file(out.join("Cargo.toml")).unwrap();
    symlink(outside.join("Cargo.toml"), out.join("Cargo.toml")).unwrap();
    // lib.rs: a hard link to a file elsewhere, with the very bytes docgen
    // generates (so leaving it in place would look harmless).
    fs::rename(out.join("src/lib.rs"), outside.join("lib.rs")).unwrap();
    fs::hard_link(outside.join("lib.rs"), out.join("src/lib.rs")).unwrap();
    // A file docgen will remove: a link to a user's file elsewhere.
    fs::write(outside.join("widget0.rs"), "user's widget").unwrap();
    fs::remove_file(out.join(REMOVED)).unwrap();
    symlink(outside.join("widget0.rs"), out.join(REMOVED)).unwrap();
    // A file docgen will change: a hard link to a user's file elsewhere.
    fs::write(outside.join("widget40.rs"), "user's other widget").unwrap();
    fs::remove_file(out.join(CHANGED)).unwrap();
    fs::hard_link(outside.join("widget40.rs"), out.join(CHANGED)).unwrap();
    let outside_before = snapshot(&outside);

    generate_ok(&b, &out);

    assert_eq!(
        snapshot(&outside),
        outside_before,
        "outside files unchanged"
    );
    let expected_b = base.join("expected-b");
    generate_ok(&b, &expected_b);
    assert_eq!(
        snapshot(&out),
        snapshot(&expected_b),
        "exactly the new output, no link in it"
    );
    let lib = fs::metadata(out.join("src/lib.rs")).unwrap();
    let outside_lib = fs::metadata(outside.join("lib.rs")).unwrap();
    assert_ne!(lib.ino(), outside_lib.ino(), "hard link broken");
    // Every file docgen owns is a plain file with one link.
    for path in snapshot(&out).keys() {
        let meta = fs::symlink_metadata(out.join(path)).unwrap();
        assert!(meta.is_file(), "{path} is not a plain file");
        assert_eq!(meta.nlink(), 1, "{path} is hard-linked");
    }
}
