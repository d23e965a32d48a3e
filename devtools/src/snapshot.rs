//! What the emitter's fixture snapshots pin, shared by the insta tests
//! (`generator/tests/emit.rs`, `generator/tests/ir.rs`) and the crate that
//! compiles the fixtures (`tests/build.rs`), so that all of them name and
//! select files the same way.

use crate::pipeline::{Files, ACTIONS_MODULE, VIEW_MODULE};

/// A page's snapshot name: `api-reference/v1.0/api/user-get.md` →
/// `v1_0_api_user-get` (`/` and `.` become `_`).
pub fn snapshot_name(file: &str) -> String {
    file.trim_start_matches("api-reference/")
        .trim_end_matches(".md")
        .replace(['/', '.'], "_")
}

/// Whether a generated file is pinned by the fixture snapshots: the area,
/// model and action parameter files (the code that differs per page), not
/// the crate's frame.
pub fn is_pinned(path: &str) -> bool {
    let is_area =
        path.starts_with("src/") && path.matches('/').count() == 2 && !path.ends_with("/mod.rs");
    // `view.rs` is the same for every page (the generated crate pins it).
    let view = format!("/models/{VIEW_MODULE}.rs");
    let is_model =
        path.contains("/models/") && !path.ends_with("/mod.rs") && !path.ends_with(&view);
    let is_action = path.contains(&format!("/{ACTIONS_MODULE}/")) && !path.ends_with("/mod.rs");
    is_area || is_model || is_action
}

/// The pinned files of `files`, each after a `==> path <==` line.
pub fn snapshot_text(files: &Files) -> String {
    let mut out = String::new();
    for (path, contents) in files.iter().filter(|(path, _)| is_pinned(path)) {
        out.push_str(&format!("==> {path} <==\n{contents}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_version_and_folder() {
        assert_eq!(
            snapshot_name("api-reference/v1.0/api/user-get.md"),
            "v1_0_api_user-get"
        );
        assert_eq!(
            snapshot_name("api-reference/beta/resources/cloudpcdeviceimage.md"),
            "beta_resources_cloudpcdeviceimage"
        );
    }

    #[test]
    fn only_area_and_model_files_are_pinned() {
        let files: Files = [
            "Cargo.toml",
            "src/lib.rs",
            "src/v1_0/mod.rs",
            "src/v1_0/users.rs",
            "src/v1_0/models/mod.rs",
            "src/v1_0/models/view.rs",
            "src/v1_0/models/user.rs",
            "src/v1_0/actions/mod.rs",
            "src/v1_0/actions/send_mail_parameters.rs",
        ]
        .iter()
        .map(|p| (p.to_string(), "x".to_owned()))
        .collect();
        assert_eq!(
            snapshot_text(&files),
            "==> src/v1_0/actions/send_mail_parameters.rs <==\nx\n\
             ==> src/v1_0/models/user.rs <==\nx\n==> src/v1_0/users.rs <==\nx\n"
        );
    }
}
