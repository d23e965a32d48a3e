//! Emitter snapshots: one per fixture page of `tests/fixtures/emit/`, each
//! generated from that page alone. The `docgen-tests` crate compiles the
//! same files (its build.rs selects them with the same helper), so the code
//! pinned here is code that compiles.

use devtools::snapshot::{snapshot_name, snapshot_text};
use docgen::docs::DocTree;
use docgen::generate::Generator;
use docgen::ir::page::Page;
use docgen::settings::Settings;

fn fixture_pages() -> Vec<Page> {
    let root = format!("{}/tests/fixtures/emit", env!("CARGO_MANIFEST_DIR"));
    DocTree::open(root)
        .and_then(|tree| tree.read_all())
        .expect("emit fixture checkout")
}

#[test]
fn fixture_snapshots() {
    let pages = fixture_pages();
    assert!(pages.len() >= 10, "{} fixture pages", pages.len());
    let settings = Settings::default();
    for page in &pages {
        let files = Generator::new(&settings)
            .generate(std::slice::from_ref(page))
            .expect("generate")
            .files;
        insta::assert_snapshot!(snapshot_name(&page.file), snapshot_text(&files));
    }
}

/// Output is byte-identical across runs and thread counts.
#[test]
fn output_is_deterministic() {
    let pages = fixture_pages();
    let settings = Settings::default();
    let generate = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| {
            Generator::new(&settings)
                .generate(&pages)
                .expect("generate")
                .files
        })
    };
    let one = generate(1);
    assert_eq!(one, generate(4));
    let mut reversed = pages.clone();
    reversed.reverse();
    assert_eq!(
        one,
        Generator::new(&settings)
            .generate(&reversed)
            .expect("generate")
            .files
    );
}

/// Editing one page changes only the area files its paths live in.
#[test]
fn editing_a_page_changes_only_its_area_files() {
    let pages = fixture_pages();
    let settings = Settings::default();
    let before = Generator::new(&settings)
        .generate(&pages)
        .expect("generate")
        .files;
    let mut edited = pages.clone();
    let page = edited
        .iter_mut()
        .find(|p| p.file.ends_with("user-get.md"))
        .expect("user-get fixture");
    page.description.push_str(" Edited.");
    page.operations[0]
        .permissions
        .application
        .push("User.ReadWrite.All".to_owned());
    let after = Generator::new(&settings)
        .generate(&edited)
        .expect("generate")
        .files;
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, text)| before.get(*path) != Some(*text))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed, ["src/v1_0/me.rs", "src/v1_0/users.rs"]);
    assert_eq!(before.len(), after.len());
}

/// A resource page declaring `name` (derived from `base` when given).
fn resource_page(name: &str, base: Option<&str>) -> Page {
    let inherits = base
        .map(|b| format!("Inherits from [{b}](entity.md).\n\n"))
        .unwrap_or_default();
    let text = format!(
        "---\ntitle: \"{name} resource type\"\ndescription: \"A fixture.\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: microsoft.graph\n\nA fixture type.\n\n{inherits}\
         ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| label | String | A label. |\n"
    );
    let file = format!("api-reference/v1.0/resources/{}.md", name.to_lowercase());
    docgen::parse::read_page(&file, text.as_bytes(), &docgen::parse::NoIncludes)
}

/// Markers are named in the scope of the version's type names: a type the
/// docs call `widgetKind` keeps its name, and `widget`'s marker moves aside.
#[test]
fn kind_markers_never_collide_with_type_names() {
    let mut pages = vec![
        resource_page("widgetKind", None),
        resource_page("widget", None),
        resource_page("view", None),
    ];
    docgen::parse::resolve(&mut pages);
    let lowered = docgen::lower::lower(&pages);
    let models = &lowered.api.versions[0].models;
    let marker = |name: &str| match &models.by_rust_name(name).expect(name).kind {
        docgen::ir::api::TypeKind::Model { marker, .. } => marker.clone(),
        other => panic!("{name} is not a model: {other:?}"),
    };
    assert_eq!(marker("WidgetKind"), "WidgetKindKind");
    assert_eq!(marker("Widget"), "WidgetKind2");
    let files = Generator::new(&Settings::default())
        .generate(&pages)
        .expect("generate")
        .files;
    let module = &files["src/v1_0/models/mod.rs"];
    assert!(
        module.contains("pub use widget::{Widget, WidgetKind2};"),
        "{module}"
    );
    assert!(
        module.contains("pub use widget_kind::{WidgetKind, WidgetKindKind};"),
        "{module}"
    );
    // The models module's `view` holds `View<K>`: a type named `view` takes
    // another module.
    assert!(module.contains("pub mod view;"), "{module}");
    assert!(
        module.contains("pub use view_2::{View, ViewKind};"),
        "{module}"
    );
    assert!(files["src/v1_0/models/widget.rs"]
        .contains("pub type Widget = super::view::View<WidgetKind2>;"));
}

/// Intune pages restating a shared type (`intune-devices-user.md` declares
/// `user`) come after the type's own page: `User` is the page `user.md`.
#[test]
fn a_shared_type_takes_its_name_from_its_own_page() {
    let mut restated = resource_page("user", None);
    restated.file = "api-reference/v1.0/resources/intune-devices-user.md".to_owned();
    let mut pages = vec![restated, resource_page("user", None)];
    docgen::parse::resolve(&mut pages);
    let lowered = docgen::lower::lower(&pages);
    let models = &lowered.api.versions[0].models;
    let page_of = |name: &str| models.by_rust_name(name).expect(name).page.clone();
    assert_eq!(page_of("User"), "api-reference/v1.0/resources/user.md");
    assert_eq!(
        page_of("User2"),
        "api-reference/v1.0/resources/intune-devices-user.md"
    );
}

/// `<version>-full` enables exactly its version: the module, its models and
/// every area feature of that version; `full` is the union of the two.
#[test]
fn version_features_enable_a_whole_version() {
    let files = Generator::new(&Settings::default())
        .generate(&fixture_pages())
        .expect("generate")
        .files;
    let manifest = files.get("Cargo.toml").expect("Cargo.toml");
    let list = |name: &str| -> Vec<String> {
        let line = manifest
            .lines()
            .find(|l| l.starts_with(&format!("{name} = [")))
            .unwrap_or_else(|| panic!("no feature {name}"));
        let inner = line.split_once('[').unwrap().1.trim_end_matches(']');
        inner
            .split(", ")
            .filter(|s| !s.is_empty())
            .map(|s| s.trim_matches('"').to_owned())
            .collect()
    };
    let mut union = Vec::new();
    for version in ["v1_0", "beta"] {
        let features: Vec<String> = manifest
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(name, _)| name))
            .filter(|n| n.starts_with(&format!("{version}-")) || *n == version)
            .filter(|n| *n != format!("{version}-full"))
            .map(str::to_owned)
            .collect();
        assert!(features.len() >= 3, "{features:?}");
        let mut whole = list(&format!("{version}-full"));
        whole.sort();
        let mut expected = features.clone();
        expected.sort();
        assert_eq!(whole, expected);
        union.extend(features);
    }
    union.sort();
    assert_eq!(list("full"), union);
}
