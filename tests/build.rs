//! Runs the docgen library at build time:
//! - on each emitter fixture page (`generator/tests/fixtures/emit/`), writing
//!   the area files that the snapshot tests pin, which `src/lib.rs` includes
//!   and so compiles;
//! - on `docs-input/`, writing one reachability case per documented path
//!   template: the builder calls with sample values (hostile ones included)
//!   and the method and path they must produce.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use docgen::docs::DocTree;
use docgen::generate::{snapshot_text, Generator};
use docgen::ir::api::BodyKind;
use docgen::lower::sample::{samples, Sample, Value, Wire};
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

/// `api-reference/v1.0/api/user-get.md` → `v1_0_user-get` (as in generator/tests/emit.rs).
fn snapshot_name(file: &str) -> String {
    let stem = file
        .trim_start_matches("api-reference/")
        .trim_end_matches(".md")
        .replace("/api/", "_")
        .replace("/resources/", "_");
    stem.replace('.', "_")
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

/// `OUT_DIR/fixtures.rs`: `pub mod <fixture> { pub mod <version> { pub mod <area> { include!(..) } } }`.
fn fixture_modules(fixtures: &Path, out: &Path) -> BuildResult<()> {
    let pages = DocTree::open(fixtures)?.read_all()?;
    let settings = Settings::default();
    let mut modules = Vec::new();
    let mut texts = Vec::new();
    for page in &pages {
        let name = snapshot_name(&page.file);
        let files = Generator::new(&settings)
            .generate(std::slice::from_ref(page))?
            .files;
        let dir = out.join("fixtures").join(&name);
        let mut versions: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
        let mut models: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
        for (path, contents) in &files {
            if let Some((version, stem)) = model_path(path) {
                let target = dir.join(path);
                fs::create_dir_all(target.parent().ok_or("no parent")?)?;
                fs::write(&target, contents)?;
                let module = module_ident(stem)?;
                let target = target.to_string_lossy().into_owned();
                models
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
        let mut areas = Vec::new();
        for (version, modules) in versions {
            let version = ident(version)?;
            areas.push(quote!(pub mod #version { #(#modules)* }));
        }
        let text_path = dir.join("snapshot.txt");
        fs::write(&text_path, snapshot_text(&files))?;
        let text_path = text_path.to_string_lossy().into_owned();
        let module = ident(&name.replace('-', "_"))?;
        modules.push(quote!(pub mod #module { #(#areas)* }));
        texts.push(quote!((#name, include_str!(#text_path))));
    }
    write_rust(
        &out.join("fixtures.rs"),
        quote! {
            #(#modules)*
            /// (snapshot name, the text the compiled fixture files make).
            pub const SNAPSHOT_TEXTS: &[(&str, &str)] = &[#(#texts),*];
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
    let (found, missing) = samples(&pages, &lowered.api);
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
    let body = match &sample.endpoint.body {
        BodyKind::None => quote!(),
        BodyKind::Json => quote!(&::serde_json::Value::Null),
        BodyKind::Model { .. } | BodyKind::Parameters(_) => {
            quote!(&::graph_runtime::model::Model::from_object(
                ::core::default::Default::default()
            ))
        }
        BodyKind::Bytes => quote!(b"x".to_vec(), "application/octet-stream"),
    };
    let where_ = format!(
        "{}:{}: {} {}",
        sample.file,
        sample.line,
        sample.method.as_str(),
        sample.template
    );
    let method = sample.method.as_str();
    let expected = expected_path(&sample.expected);
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

/// The path a template must give for its sample values: written
/// independently of the runtime, from its documented encoding rules.
fn expected_path(wires: &[Wire]) -> String {
    let mut path = String::new();
    for wire in wires {
        match wire {
            Wire::Literal(text) => path.push_str(&format!("/{text}")),
            Wire::Key(value) => path.push_str(&format!("/{}", encode(value))),
            Wire::Colon(value) => {
                let parts: Vec<String> = value
                    .split('/')
                    .filter(|p| !p.is_empty())
                    .map(encode)
                    .collect();
                path.push_str(&format!(":/{}:", parts.join("/")));
            }
            Wire::Function { name, args } => {
                let args: Vec<String> = args
                    .iter()
                    .map(|(name, value)| {
                        let value = match value {
                            Value::Str(s) | Value::Text(s) => {
                                format!("'{}'", encode(&s.replace('\'', "''")))
                            }
                            Value::Int(n) => n.to_string(),
                            Value::Raw(s) => encode(s),
                        };
                        if name.is_empty() {
                            value
                        } else {
                            format!("{name}={value}")
                        }
                    })
                    .collect();
                path.push_str(&format!("/{name}({})", args.join(",")));
            }
        }
    }
    path
}

/// RFC 3986: everything but `A-Z a-z 0-9 - . _ ~` is percent-encoded (UTF-8).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
