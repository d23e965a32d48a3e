//! Finer features and `--include`: a large area split into parts, and a crate
//! generated for one path glob whose call is the full crate's, token for
//! token. On the committed checkout `docs-input/` (every area split,
//! `split_at: 1`) and, with `DOCGEN_CORPUS`, on the English 2021 corpus.

use std::collections::BTreeMap;

use docgen::docs::DocTree;
use docgen::emit::Files;
use docgen::generate::Generator;
use docgen::ir::page::Page;
use docgen::settings::Settings;
use quote::ToTokens;

const VIRTUAL_ENDPOINT: &str = "/deviceManagement/virtualEndpoint/**";

/// The chain that builds `POST /deviceManagement/virtualEndpoint/deviceImages/{id}/reupload`:
/// (impl type or `""` for the entry function, method).
const REUPLOAD: [(&str, &str); 6] = [
    ("", "device_management"),
    ("DeviceManagement", "virtual_endpoint"),
    ("VirtualEndpoint", "device_images"),
    ("VirtualEndpointDeviceImages", "by_id"),
    ("VirtualEndpointDeviceImagesItem", "reupload"),
    ("VirtualEndpointDeviceImagesItemReupload", "post"),
];

fn fixture_pages() -> Vec<Page> {
    let root = format!("{}/../docs-input", env!("CARGO_MANIFEST_DIR"));
    DocTree::open(root)
        .and_then(|tree| tree.read_all())
        .expect("docs-input checkout")
}

fn generate(pages: &[Page], settings: &Settings) -> Files {
    Generator::new(settings)
        .generate(pages)
        .expect("generate")
        .files
}

fn included(pattern: &str) -> Settings {
    Settings {
        include: vec![pattern.to_owned()],
        ..Settings::default()
    }
}

/// Every function of the beta deviceManagement files by (impl type, name),
/// as tokens, with each `PERMISSIONS_n` constant replaced by its value (the
/// numbering is per file).
fn device_management_functions(files: &Files) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    let area_files = files
        .iter()
        .filter(|(path, _)| path.starts_with("src/beta/device_management"));
    for (path, text) in area_files {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let constants: Vec<(String, String)> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Const(c) => {
                    Some((c.ident.to_string(), c.expr.to_token_stream().to_string()))
                }
                _ => None,
            })
            .collect();
        let resolve = |tokens: String| {
            constants.iter().fold(tokens, |t, (name, value)| {
                t.replace(&format!("{name} "), &format!("{value} "))
            })
        };
        for item in &file.items {
            match item {
                syn::Item::Fn(f) => {
                    let text = resolve(f.to_token_stream().to_string());
                    out.insert((String::new(), f.sig.ident.to_string()), text);
                }
                syn::Item::Impl(block) => {
                    let ty = block.self_ty.to_token_stream().to_string();
                    for member in &block.items {
                        if let syn::ImplItem::Fn(f) = member {
                            let text = resolve(f.to_token_stream().to_string());
                            out.insert((ty.clone(), f.sig.ident.to_string()), text);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The reupload chain of both crates is present and identical.
fn assert_same_reupload(full: &Files, filtered: &Files) {
    let (full, filtered) = (
        device_management_functions(full),
        device_management_functions(filtered),
    );
    for (ty, method) in REUPLOAD {
        let key = (ty.to_owned(), method.to_owned());
        let ours = full
            .get(&key)
            .unwrap_or_else(|| panic!("full crate lacks {key:?}"));
        let theirs = filtered
            .get(&key)
            .unwrap_or_else(|| panic!("filtered crate lacks {key:?}"));
        assert_eq!(ours, theirs, "{key:?}");
    }
    let post = &full[&(REUPLOAD[5].0.to_owned(), "post".to_owned())];
    assert!(post.contains("CloudPC.ReadWrite.All"), "{post}");
}

/// Cargo.toml's `[features]`: name → what it enables.
fn features(files: &Files) -> BTreeMap<String, String> {
    let manifest = &files["Cargo.toml"];
    let table = manifest.split("[features]\n").nth(1).expect("features");
    table
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn a_split_area_has_a_feature_per_segment_enabling_its_root_part() {
    let pages = fixture_pages();
    let settings = Settings {
        split_at: 1,
        ..Settings::default()
    };
    let files = generate(&pages, &settings);
    let features = features(&files);
    let part = "beta-device-management-virtual-endpoint";
    assert_eq!(features[part], r#"["beta-device-management-root"]"#);
    assert_eq!(features["beta-device-management-root"], r#"["beta"]"#);
    let union = &features["beta-device-management"];
    assert!(union.contains(&format!("\"{part}\"")), "{union}");
    assert!(files.contains_key("src/beta/device_management/virtual_endpoint.rs"));
    let root = &files["src/beta/device_management.rs"];
    assert!(
        root.contains(&format!(
            "#[cfg(feature = \"{part}\")]\nmod virtual_endpoint;"
        )),
        "{root}"
    );
    // The image model is reached only through the part: only it (and the
    // version's models feature) compiles it.
    let models = &files["src/beta/models/mod.rs"];
    let gate = format!(
        "#[cfg(any(feature = \"{part}\", feature = \"beta-models\"))]\nmod cloud_pc_device_image;"
    );
    assert!(models.contains(&gate), "{models}");
    // Splitting moves code between files, never changes a call.
    assert_same_reupload(&generate(&pages, &Settings::default()), &files);
}

#[test]
fn include_generates_only_matching_calls_and_the_models_they_reach() {
    let pages = fixture_pages();
    let full = generate(&pages, &Settings::default());
    let filtered = generate(&pages, &included(VIRTUAL_ENDPOINT));
    assert_same_reupload(&full, &filtered);
    let areas: Vec<&String> = filtered
        .keys()
        .filter(|p| p.starts_with("src/") && !p.contains("/models/") && !p.ends_with("mod.rs"))
        .collect();
    assert_eq!(
        areas,
        ["src/beta/device_management.rs", "src/lib.rs"],
        "only the included area is generated"
    );
    let models = &filtered["src/beta/models/mod.rs"];
    assert!(models.contains("mod cloud_pc_device_image;"), "{models}");
    // v1.0's user and message models: nothing included reaches them.
    assert!(full.contains_key("src/v1_0/models/user.rs"));
    assert!(!filtered.keys().any(|p| p.starts_with("src/v1_0/")));
    let excluded = Settings {
        exclude: vec!["POST /deviceManagement/**/reupload".to_owned()],
        ..included(VIRTUAL_ENDPOINT)
    };
    let without = device_management_functions(&generate(&pages, &excluded));
    let post = (REUPLOAD[5].0.to_owned(), "post".to_owned());
    assert!(
        !without.contains_key(&post),
        "an excluded call is not generated"
    );
}

#[test]
fn an_unreadable_pattern_is_an_error_naming_it() {
    let error = Generator::new(&included("deviceManagement/**"))
        .generate(&fixture_pages())
        .expect_err("a pattern without a leading slash");
    assert!(error.to_string().contains("deviceManagement/**"), "{error}");
}

#[test]
#[ignore = "set DOCGEN_CORPUS to the folder holding graph-docs-en-2021-07"]
fn english_2021_include_keeps_the_reupload_call_of_the_full_crate() {
    let corpus = std::env::var("DOCGEN_CORPUS").expect("DOCGEN_CORPUS");
    let pages = DocTree::open(format!("{corpus}/graph-docs-en-2021-07"))
        .and_then(|tree| tree.read_all())
        .expect("English 2021 corpus");
    let full = generate(&pages, &Settings::default());
    assert!(full.contains_key("src/beta/device_management/virtual_endpoint.rs"));
    let filtered = generate(&pages, &included(VIRTUAL_ENDPOINT));
    assert_same_reupload(&full, &filtered);
    assert!(
        filtered.len() * 10 < full.len(),
        "{} of {} files",
        filtered.len(),
        full.len()
    );
}

#[test]
fn the_features_command_names_the_feature_of_a_request_line() {
    use docgen::features::{needed, table};
    use docgen::ir::page::ApiVersion;
    let api = docgen::lower::lower(&fixture_pages()).api;
    let reupload =
        "POST /deviceManagement/virtualEndpoint/deviceImages/{cloudPcDeviceImageId}/reupload";
    assert_eq!(
        needed(&api, reupload),
        [(ApiVersion::Beta, "beta-device-management".to_owned())]
    );
    assert_eq!(
        needed(
            &api,
            "post /beta/devicemanagement/virtualEndpoint/deviceImages/{id}/reupload"
        ),
        needed(&api, reupload)
    );
    assert!(needed(
        &api,
        "DELETE /deviceManagement/virtualEndpoint/deviceImages/{id}/reupload"
    )
    .is_empty());
    let rows = table(&api);
    let area = rows
        .iter()
        .find(|r| r.feature == "beta-device-management")
        .expect("row");
    let calls: usize = api
        .versions
        .iter()
        .flat_map(|v| &v.areas)
        .filter(|a| a.feature == area.feature)
        .flat_map(|a| &a.nodes)
        .map(|n| n.endpoints.len())
        .sum();
    assert_eq!(area.calls, calls);
    assert!(calls >= 6, "{calls}");
}
