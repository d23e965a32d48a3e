//! The whole crate: which file holds what, emitted from the lowered API.

use rayon::prelude::*;

use super::area_share::Share;
use super::error::EmitError;
use super::sink::{Collect, FileSink, Files};
use super::syntax::rust_header;
use super::{area, crate_files, models, parameters};
use crate::ir::api::{ActionParameters, Api, Area, TypeDef, VersionApi};
use crate::ir::page::ApiVersion;
use crate::settings::Settings;

/// Every file of the client crate for a lowered API, in memory.
pub fn emit_crate(settings: &Settings, api: &Api) -> Result<Files, EmitError> {
    let collect = Collect::default();
    emit_crate_into(settings, api, &collect)?;
    Ok(collect.into_files())
}

/// Every file of the client crate for a lowered API, handed to `sink`. Every
/// file (or area's files) is one job of one parallel pass; the files do not
/// depend on the thread count.
pub fn emit_crate_into(
    settings: &Settings,
    api: &Api,
    sink: &dyn FileSink,
) -> Result<(), EmitError> {
    sink.put(
        "Cargo.toml".to_owned(),
        crate_files::cargo_toml(settings, api),
    );
    sink.put("rustfmt.toml".to_owned(), crate_files::rustfmt_toml());
    sink.put("src/lib.rs".to_owned(), crate_files::lib_rs(api)?);
    jobs(api).par_iter().try_for_each(|job| job.emit(sink))
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
    fn emit(&self, sink: &dyn FileSink) -> Result<(), EmitError> {
        let files = match *self {
            Job::VersionMod(v) => vec![(
                format!("src/{}/mod.rs", v.version.module()),
                crate_files::version_mod(v)?,
            )],
            Job::SharedModels(v) => models::shared_model_files(v.version, &v.models)?,
            // A model may be huge: it goes to the sink as it is made.
            Job::Model(v, def) => return models::model_file(v.version, &v.models, def, sink),
            Job::ActionsMod(v) => vec![parameters::actions_mod(v.version, &v.actions)?],
            Job::Action(v, action) => vec![parameters::action_file(v.version, action)?],
            Job::Area(v, area) => area_files(v.version, area)?,
        };
        for (path, text) in files {
            sink.put(path, text);
        }
        Ok(())
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
