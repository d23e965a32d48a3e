//! The whole crate: which file holds what, emitted from the lowered API.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::area_share::Share;
use super::syntax::{rust_header, EmitError};
use super::{area, crate_files, models, parameters};
use crate::ir::api::{Api, Area};
use crate::ir::page::ApiVersion;
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
        .map(|(version, area)| area_files(version.version, area))
        .collect::<Result<Vec<_>, EmitError>>()?;
    files.extend(areas.into_iter().flatten());
    Ok(files)
}

/// `src/<version>/<area>.rs`, and for a split area one
/// `src/<version>/<area>/<part>.rs` per part.
fn area_files(version: ApiVersion, area: &Area) -> Result<Vec<(String, String)>, EmitError> {
    let dir = format!("src/{}/{}", version.module(), area_file_stem(&area.module));
    if area.parts.is_empty() {
        let body = area::area_file(version, area)?;
        return Ok(vec![(
            format!("{dir}.rs"),
            format!("{}{body}", rust_header()),
        )]);
    }
    let body = area::share_file(version, area, &Share::root(area)?)?;
    let mut files = vec![(format!("{dir}.rs"), format!("{}{body}", rust_header()))];
    for part in &area.parts {
        let body = area::share_file(version, area, &Share::part(area, part))?;
        let path = format!("{dir}/{}.rs", area_file_stem(&part.module));
        files.push((path, format!("{}{body}", rust_header())));
    }
    Ok(files)
}

/// The file of a module: `r#type` lives in `type.rs`.
pub fn area_file_stem(module: &str) -> &str {
    module.strip_prefix("r#").unwrap_or(module)
}
