//! Runs the docgen library at build time:
//! - on each emitter fixture page (`generator/tests/fixtures/emit/`), writing
//!   the area and model files, which `src/lib.rs` includes and so compiles:
//!   every file the emitter's snapshots pin (`devtools::snapshot::is_pinned`);
//! - on `docs-input/`, writing one reachability case per documented path
//!   template: the builder calls with sample values (hostile ones included)
//!   and the method and path they must produce, read from the documented
//!   template by `devtools::oracle`, independently of lowering.
//!
//! The docgen internals used here (beyond `DocTree` and `Generator`) are the
//! body kind of an endpoint and the type index it needs: see `body_tokens`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use devtools::oracle::expected_path;
use devtools::reachability::{samples, Sample, Samples, Value};
use devtools::snapshot::{is_pinned, snapshot_name};
use docgen::docs::DocTree;
use docgen::generate::Generator;
use docgen::ir::api::BodyKind;
use docgen::settings::Settings;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

type BuildResult<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> BuildResult<()> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let fixtures = manifest.join("../generator/tests/fixtures/emit");
    let docs_input = manifest.join("../docs-input");
    println!("cargo:rerun-if-changed={}", fixtures.display());
    println!("cargo:rerun-if-changed={}", docs_input.display());
    fixture_modules(&fixtures, &out)?;
    reachability(&docs_input, &out)?;
    Ok(())
}

fn ident(name: &str) -> BuildResult<Ident> {
    Ok(syn::parse_str::<Ident>(name)?)
}

/// The module of an area file stem: `type` → `r#type`.
fn module_ident(stem: &str) -> BuildResult<Ident> {
    ident(stem).or_else(|_| ident(&format!("r#{stem}")))
}

fn write_rust(path: &Path, tokens: TokenStream) -> BuildResult<()> {
    let file: syn::File = syn::parse2(tokens)?;
    fs::write(path, prettyplease::unparse(&file))?;
    Ok(())
}

/// `OUT_DIR/fixtures.rs`: `pub mod <fixture> { pub mod <version> { pub mod <area> { include!(..) } } }`
/// and `FIXTURES`, the snapshot name of each compiled fixture.
fn fixture_modules(fixtures: &Path, out: &Path) -> BuildResult<()> {
    let pages = DocTree::open(fixtures)?.read_all()?;
    let settings = Settings::default();
    let mut modules = Vec::new();
    let mut names = Vec::new();
    for page in &pages {
        let name = snapshot_name(&page.file);
        let files = Generator::new(&settings)
            .generate(std::slice::from_ref(page))?
            .files;
        let dir = out.join("fixtures").join(&name);
        let mut versions: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
        let mut models: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
        let mut actions: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
        for (path, contents) in &files {
            let compiled = model_path(path).is_some()
                || action_path(path).is_some()
                || area_path(path).is_some();
            if is_pinned(path) && !compiled {
                return Err(format!("{name}: pinned file {path} would not be compiled").into());
            }
            let grouped = model_path(path)
                .map(|found| (&mut models, found))
                .or_else(|| action_path(path).map(|found| (&mut actions, found)));
            if let Some((group, (version, stem))) = grouped {
                let target = dir.join(path);
                fs::create_dir_all(target.parent().ok_or("no parent")?)?;
                fs::write(&target, contents)?;
                let module = module_ident(stem)?;
                let target = target.to_string_lossy().into_owned();
                group
                    .entry(version)
                    .or_default()
                    .push(quote!(pub mod #module { include!(#target); } pub use #module::*;));
                continue;
            }
            let Some((version, file)) = area_path(path) else {
                continue;
            };
            let target = dir.join(path);
            fs::create_dir_all(target.parent().ok_or("no parent")?)?;
            fs::write(&target, contents)?;
            let area = module_ident(file)?;
            let target = target.to_string_lossy().into_owned();
            versions
                .entry(version)
                .or_default()
                .push(quote!(pub mod #area { include!(#target); }));
        }
        for (version, items) in models {
            versions
                .entry(version)
                .or_default()
                .push(quote!(pub mod models { #(#items)* }));
        }
        for (version, items) in actions {
            versions
                .entry(version)
                .or_default()
                .push(quote!(pub mod actions { #(#items)* }));
        }
        let mut areas = Vec::new();
        for (version, modules) in versions {
            let version = ident(version)?;
            areas.push(quote!(pub mod #version { #(#modules)* }));
        }
        let module = ident(&name.replace('-', "_"))?;
        modules.push(quote!(pub mod #module { #(#areas)* }));
        names.push(name);
    }
    write_rust(
        &out.join("fixtures.rs"),
        quote! {
            #(#modules)*
            /// The snapshot name of every fixture page compiled above.
            pub const FIXTURES: &[&str] = &[#(#names),*];
        },
    )
}

/// `src/v1_0/models/user.rs` → (`v1_0`, `user`).
fn model_path(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("src/")?;
    let (version, file) = rest.split_once("/models/")?;
    let stem = file.strip_suffix(".rs")?;
    (stem != "mod").then_some((version, stem))
}

/// `src/v1_0/actions/send_mail_parameters.rs` → (`v1_0`, `send_mail_parameters`).
fn action_path(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("src/")?;
    let (version, file) = rest.split_once("/actions/")?;
    let stem = file.strip_suffix(".rs")?;
    (stem != "mod").then_some((version, stem))
}

/// `src/v1_0/users.rs` → (`v1_0`, `users`).
fn area_path(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("src/")?;
    let (version, file) = rest.split_once('/')?;
    let file = file.strip_suffix(".rs")?;
    (file != "mod" && !file.contains('/')).then_some((version, file))
}

/// `OUT_DIR/reachability.rs`: `fn cases() -> Vec<Case>`.
fn reachability(docs_input: &Path, out: &Path) -> BuildResult<()> {
    let pages = DocTree::open(docs_input)?.read_all()?;
    let lowered = docgen::lower::lower(&pages);
    let Samples { found, missing } = samples(&pages, &lowered.api);
    if !missing.is_empty() || !lowered.refused.is_empty() {
        return Err(format!(
            "unreachable in docs-input: {missing:?} {:?}",
            lowered.refused
        )
        .into());
    }
    let mut blocks = Vec::new();
    for sample in &found {
        blocks.push(case(sample)?);
    }
    write_rust(
        &out.join("reachability.rs"),
        quote! {
            /// Every documented (method, path template) of docs-input, called through the client.
            pub fn cases() -> Vec<Case> {
                let mut cases = Vec::new();
                #(#blocks)*
                cases
            }
        },
    )
}

fn case(sample: &Sample) -> BuildResult<TokenStream> {
    let version = ident(sample.version.module())?;
    let entry = ident(&sample.entry.method)?;
    let entry_args = sample.entry.args.iter().map(value);
    let mut calls = Vec::new();
    for step in &sample.steps {
        let method = ident(&step.method)?;
        let args = step.args.iter().map(value);
        calls.push(quote!(.#method(#(#args),*)));
    }
    let terminal = ident(&sample.endpoint.rust_name)?;
    let body = body_tokens(sample);
    let where_ = format!(
        "{}:{}: {} {}",
        sample.file,
        sample.line,
        sample.method.as_str(),
        sample.template
    );
    let method = sample.method.as_str();
    // A disagreement with the oracle's reading fails the test, naming it.
    let expected = expected_path(&sample.template, &sample.arguments())
        .unwrap_or_else(|e| format!("(the oracle cannot read this call: {e})"));
    Ok(quote! {
        let request = ::graph_client::#version::#entry(#(#entry_args),*) #(#calls)* .#terminal(#body);
        cases.push(Case {
            source: #where_,
            expected_method: #method,
            expected_path: #expected.to_owned(),
            method: request.method().to_string(),
            path: request.path().as_str().to_owned(),
            version: request.path().version(),
        });
    })
}

fn value(value: &Value) -> TokenStream {
    match value {
        Value::Text(text) => quote!(#text),
        Value::Str(text) => quote!(::graph_client::FunctionArg::Str(#text.to_owned())),
        Value::Int(n) => quote!(::graph_client::FunctionArg::Int(#n)),
        Value::Raw(text) => quote!(::graph_client::FunctionArg::Raw(#text.to_owned())),
    }
}

/// The body argument of the terminal call, by the endpoint's body kind.
fn body_tokens(sample: &Sample) -> TokenStream {
    match &sample.endpoint.body {
        BodyKind::None => quote!(),
        BodyKind::Json => quote!(&::serde_json::Value::Null),
        BodyKind::Model { .. } | BodyKind::Parameters(_) => {
            quote!(&::graph_runtime::model::Model::from_object(
                ::core::default::Default::default()
            ))
        }
        BodyKind::Bytes => quote!(b"x".to_vec(), "application/octet-stream"),
    }
}
