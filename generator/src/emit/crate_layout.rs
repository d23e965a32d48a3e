//! The whole crate: which file holds what, emitted from the lowered API.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::syntax::{rust_header, EmitError};
use super::{area, crate_files, models, parameters};
use crate::ir::api::Api;
use crate::settings::Settings;

/// The generated crate: path relative to the crate root (`/` separators) →
/// contents. Ordered, so iteration and output are deterministic.
pub type Files = BTreeMap<String, String>;

/// Every file of the client crate for a lowered API. Areas are emitted in
/// parallel; the result does not depend on the thread count.
pub fn emit_crate(settings: &Settings, api: &Api) -> Result<Files, EmitError> {
    let mut files = Files::new();
    files.insert(
        "Cargo.toml".to_owned(),
        crate_files::cargo_toml(settings, api),
    );
    files.insert("rustfmt.toml".to_owned(), crate_files::rustfmt_toml());
    files.insert("src/lib.rs".to_owned(), crate_files::lib_rs(api)?);
    for version in &api.versions {
        let dir = version.version.module();
        files.insert(
            format!("src/{dir}/mod.rs"),
            crate_files::version_mod(version)?,
        );
        files.extend(models::model_files(version.version, &version.models)?);
        files.extend(parameters::action_files(version.version, &version.actions)?);
    }
    let jobs: Vec<_> = api
        .versions
        .iter()
        .flat_map(|v| v.areas.iter().map(move |a| (v, a)))
        .collect();
    let areas = jobs
        .par_iter()
        .map(|(version, area)| {
            let path = format!(
                "src/{}/{}.rs",
                version.version.module(),
                area_file_stem(&area.module)
            );
            let body = area::area_file(version.version, area)?;
            Ok((path, format!("{}{body}", rust_header())))
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    files.extend(areas);
    Ok(files)
}

/// The file of a module: `r#type` lives in `type.rs`.
pub fn area_file_stem(module: &str) -> &str {
    module.strip_prefix("r#").unwrap_or(module)
}
