//! The whole crate: which file holds what, emitted from the lowered API.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::area_share::Share;
use super::syntax::{rust_header, EmitError};
use super::{area, crate_files, models, parameters};
use crate::ir::api::{ActionParameters, Api, Area, TypeDef, VersionApi};
use crate::ir::page::ApiVersion;
use crate::settings::Settings;

/// The generated crate: path relative to the crate root (`/` separators) →
/// contents. Ordered, so iteration and output are deterministic.
pub type Files = BTreeMap<String, String>;

/// Every file of the client crate for a lowered API. Every file (or area's
/// files) is one job of one parallel pass; the result does not depend on
/// the thread count.
pub fn emit_crate(settings: &Settings, api: &Api) -> Result<Files, EmitError> {
    let mut files = Files::new();
    files.insert(
        "Cargo.toml".to_owned(),
        crate_files::cargo_toml(settings, api),
    );
    files.insert("rustfmt.toml".to_owned(), crate_files::rustfmt_toml());
    files.insert("src/lib.rs".to_owned(), crate_files::lib_rs(api)?);
    let jobs = jobs(api);
    let emitted = jobs
        .par_iter()
        .map(Job::files)
        .collect::<Result<Vec<_>, EmitError>>()?;
    files.extend(emitted.into_iter().flatten());
    Ok(files)
}

/// One unit of emission work: its files.
enum Job<'a> {
    VersionMod(&'a VersionApi),
    SharedModels(&'a VersionApi),
    Model(&'a VersionApi, &'a TypeDef),
    ActionsMod(&'a VersionApi),
    Action(&'a VersionApi, &'a ActionParameters),
    Area(&'a VersionApi, &'a Area),
}

/// Every job, the areas (the largest) first so that no big job starts last.
fn jobs(api: &Api) -> Vec<Job<'_>> {
    let mut jobs = Vec::new();
    for version in &api.versions {
        jobs.extend(version.areas.iter().map(|area| Job::Area(version, area)));
    }
    for version in &api.versions {
        jobs.push(Job::VersionMod(version));
        jobs.push(Job::SharedModels(version));
        jobs.push(Job::ActionsMod(version));
        jobs.extend(
            version
                .models
                .types
                .iter()
                .map(|def| Job::Model(version, def)),
        );
        jobs.extend(version.actions.iter().map(|a| Job::Action(version, a)));
    }
    jobs
}

impl Job<'_> {
    fn files(&self) -> Result<Vec<(String, String)>, EmitError> {
        match *self {
            Job::VersionMod(v) => Ok(vec![(
                format!("src/{}/mod.rs", v.version.module()),
                crate_files::version_mod(v)?,
            )]),
            Job::SharedModels(v) => models::shared_model_files(v.version, &v.models),
            Job::Model(v, def) => Ok(vec![models::model_file(v.version, &v.models, def)?]),
            Job::ActionsMod(v) => Ok(vec![parameters::actions_mod(v.version, &v.actions)?]),
            Job::Action(v, action) => Ok(vec![parameters::action_file(v.version, action)?]),
            Job::Area(v, area) => area_files(v.version, area),
        }
    }
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
