//! Pages → the models of each API version (`ir::api::ModelSet`): one typed view
//! per resource and complex type, one enum per enum, Rust names settled once,
//! and the features that compile each (see `gate`).

mod accessor;
mod builders;
mod gate;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

pub use accessor::{accessor, mentioned, TypeIndex};
pub(crate) use gate::{AreaRoots, NodeRoots};

use crate::ident::{self, Scope};
use crate::ir::api::{Field, Member, ModelSet, TypeDef, TypeKind, VIEW_MODULE};
use crate::ir::page::{ApiVersion, Enumeration, Page, Property, Resource};

/// Names the `Model` trait and the derives give every model (and every
/// action parameter object, which is a view too), as methods a call on a
/// view could reach: no accessor may take them. `from` and `default` are
/// not among them: views implement neither `From` (beyond the identity) nor
/// `Default`, and an accessor `from(&self)` hides no method a value has, so
/// the documented property `from` is `from()` (see `NAMING.md`).
pub const RESERVED: &[&str] = &[
    "new",
    "object",
    "object_mut",
    "into_object",
    "from_object",
    "odata_type",
    "is",
    "cast",
    "get_raw",
    "set_raw",
    "set_null",
    "remove_raw",
    "with_odata_type",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "deref",
    "deref_mut",
    "to_owned",
    "into",
    "type_id",
    "as_ref",
    "borrow",
];

/// The models a version declares, named, before gating.
pub(crate) struct DeclaredModels {
    types: Vec<TypeDef>,
    /// (resolved name, declaring page) → Rust name: what calls resolve against.
    pub index: TypeIndex,
    relationships: BTreeSet<(String, String)>,
}

/// The declared models of every version any page belongs to.
pub(crate) fn declare(pages: &[Page]) -> BTreeMap<ApiVersion, DeclaredModels> {
    let versions: BTreeSet<ApiVersion> = pages.iter().filter_map(|p| p.version).collect();
    // The versions are independent: collected in parallel.
    let versions: Vec<ApiVersion> = versions.into_iter().collect();
    versions
        .into_par_iter()
        .map(|version| (version, collect(pages, version)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

impl DeclaredModels {
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// The property names a model declares, its bases' included: what path
    /// segments under a resource of that type are named after.
    pub fn property_names(&self, rust_name: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut seen = BTreeSet::new();
        let mut at = Some(rust_name.to_owned());
        while let Some(name) = at.take() {
            if !seen.insert(name.clone()) {
                break; // a base cycle the docs left
            }
            let found = self.types.binary_search_by(|t| t.rust_name.cmp(&name));
            let Ok(found) = found else { break };
            if let TypeKind::Model { base, fields, .. } = &self.types[found].kind {
                names.extend(fields.iter().map(|f| f.wire.clone()));
                at = base.clone();
            }
        }
        names
    }

    /// The version's model set, each type gated by the areas that reach it
    /// (with `prune`, only the types they reach).
    pub fn gated(self, version: ApiVersion, areas: &[AreaRoots], prune: bool) -> ModelSet {
        let mut types = self.types;
        let (index, relationships) = (&self.index, &self.relationships);
        gate::gate(version, areas, &mut types, index, relationships, prune);
        builders::inherit(&mut types);
        builders::convert(&mut types);
        ModelSet { types }
    }
}

/// Every declared type of a version, named, with its index and the
/// (type, property) pairs that are relationships.
fn collect(pages: &[Page], version: ApiVersion) -> DeclaredModels {
    let mut order: Vec<&Page> = pages
        .iter()
        .filter(|p| p.version == Some(version))
        .collect();
    // The page the resolver follows names the type; the others get the
    // numbered names.
    order.sort_by_key(|p| (p.declaration_rank(), p.file.clone()));
    let declared = declarations(&order);
    let mut scope = Scope::new();
    let mut modules = Scope::new();
    modules.reserve(VIEW_MODULE);
    let mut index = TypeIndex::default();
    let names: Vec<String> = declared
        .iter()
        .map(|d| {
            let name = scope.claim_type(&ident::type_name(d.name()));
            index.insert(&d.wire(), &d.page.file, &name, d.is_enum());
            name
        })
        .collect();
    let qualified: BTreeMap<String, String> = declared
        .iter()
        .zip(&names)
        .filter(|(d, _)| !d.is_enum())
        .map(|(d, n)| (d.qualified(), n.clone()))
        .collect();
    // Markers are named after every type, in the same scope: a declared
    // `fooKind` keeps its name and `foo`'s marker becomes `FooKind2`.
    let markers: Vec<Option<String>> = declared
        .iter()
        .zip(&names)
        .map(|(d, name)| (!d.is_enum()).then(|| scope.claim_type(&marker_name(name))))
        .collect();
    // Each type is built on its own, in parallel (the slow part); module
    // names are then claimed in declaration order.
    let built: Vec<(TypeDef, BTreeSet<(String, String)>)> = declared
        .par_iter()
        .zip(&names)
        .zip(markers)
        .map(|((d, name), marker)| {
            let names = Names {
                rust_name: name,
                marker: marker.unwrap_or_default(),
            };
            let mut relationships = BTreeSet::new();
            let def = type_def(d, names, &index, &qualified, &mut relationships);
            (def, relationships)
        })
        .collect();
    let mut relationships = BTreeSet::new();
    let mut types = Vec::with_capacity(built.len());
    for (mut def, found) in built {
        def.module = modules.claim(&def.module);
        relationships.extend(found);
        types.push(def);
    }
    break_base_cycles(&mut types);
    drop_inherited_fields(&mut types);
    types.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    DeclaredModels {
        types,
        index,
        relationships,
    }
}

/// `CloudPcDeviceImage` → `CloudPcDeviceImageKind`, before collisions are
/// settled.
fn marker_name(rust_name: &str) -> String {
    format!("{}Kind", rust_name.strip_prefix("r#").unwrap_or(rust_name))
}

/// One declared type and the page declaring it.
struct Declared<'p> {
    page: &'p Page,
    what: What<'p>,
}

enum What<'p> {
    Model(&'p Resource),
    Enum {
        declared: &'p Enumeration,
        inline: bool,
    },
}

impl Declared<'_> {
    fn name(&self) -> &str {
        match &self.what {
            What::Model(r) => &r.name,
            What::Enum { declared, .. } => &declared.name,
        }
    }

    fn namespace(&self) -> &str {
        match &self.what {
            What::Model(r) => &r.namespace,
            What::Enum { declared, .. } => &declared.namespace,
        }
    }

    fn is_enum(&self) -> bool {
        matches!(self.what, What::Enum { .. })
    }

    fn qualified(&self) -> String {
        format!("{}.{}", self.namespace(), self.name())
    }

    /// The name the resolver gives references to it.
    fn wire(&self) -> String {
        match &self.what {
            What::Enum { inline: true, .. } => self.name().to_owned(),
            _ if self.namespace() == "microsoft.graph" => self.name().to_owned(),
            _ => self.qualified(),
        }
    }
}

fn declarations<'p>(pages: &[&'p Page]) -> Vec<Declared<'p>> {
    let mut out = Vec::new();
    for page in pages {
        if let Some(resource) = &page.resource {
            out.push(Declared {
                page,
                what: What::Model(resource),
            });
            for e in &resource.inline_enums {
                out.push(Declared {
                    page,
                    what: What::Enum {
                        declared: e,
                        inline: true,
                    },
                });
            }
        }
        for e in &page.enums {
            out.push(Declared {
                page,
                what: What::Enum {
                    declared: e,
                    inline: false,
                },
            });
        }
    }
    out
}

/// A type's settled Rust names: its own and (for a model) its marker's.
struct Names<'a> {
    rust_name: &'a str,
    marker: String,
}

fn type_def(
    d: &Declared,
    names: Names,
    index: &TypeIndex,
    models: &BTreeMap<String, String>,
    relationships: &mut BTreeSet<(String, String)>,
) -> TypeDef {
    let rust_name = names.rust_name;
    let kind = match &d.what {
        What::Model(resource) => model_kind(resource, names, index, models, relationships),
        What::Enum { declared, .. } => enum_kind(declared),
    };
    TypeDef {
        wire: d.wire(),
        qualified: d.qualified(),
        rust_name: rust_name.to_owned(),
        module: ident::module_name(rust_name),
        page: d.page.file.clone(),
        description: description_of(d),
        features: Vec::new(),
        kind,
    }
}

/// The page's description for a model or the only enum of an enum page;
/// none for an enum that shares its page (`enums.md`, inline `### x values`),
/// where the page's text is about something else.
fn description_of(d: &Declared) -> String {
    // Only the page's own paragraph: the same on English and side-by-side pages.
    if d.page.description_from_front_matter {
        return String::new();
    }
    match &d.what {
        What::Enum { inline: false, .. } if d.page.enums.len() == 1 => d.page.description.clone(),
        What::Enum { .. } => String::new(),
        What::Model(_) => d.page.description.clone(),
    }
}

fn model_kind(
    resource: &Resource,
    names: Names,
    index: &TypeIndex,
    models: &BTreeMap<String, String>,
    relationships: &mut BTreeSet<(String, String)>,
) -> TypeKind {
    let rust_name = names.rust_name;
    let base = resource
        .base_type
        .as_ref()
        .and_then(|b| models.get(b))
        .filter(|b| *b != rust_name)
        .cloned();
    let mut scope = Scope::new();
    RESERVED.iter().for_each(|r| scope.reserve(r));
    let mut seen = BTreeSet::new();
    // Sized once: a huge Properties table's fields are never copied to grow.
    let mut fields = Vec::with_capacity(resource.properties.len() + resource.relationships.len());
    for (property, is_relationship) in resource
        .properties
        .iter()
        .map(|p| (p, false))
        .chain(resource.relationships.iter().map(|p| (p, true)))
    {
        // `@odata.type` is what `Model::odata_type()` reads and
        // `with_odata_type()` writes: no second accessor for it.
        if property.name == "@odata.type" || !seen.insert(property.name.as_str()) {
            continue;
        }
        if is_relationship {
            relationships.insert((rust_name.to_owned(), property.name.clone()));
        }
        fields.push(field(property, &mut scope, index));
    }
    // After every getter and setter, so a builder never takes a property's name.
    claim_builders(&mut fields, &mut scope);
    TypeKind::Model {
        marker: names.marker,
        base,
        fields,
        inherited: Vec::new(),
        conversions: Vec::new(),
    }
}

fn field(property: &Property, scope: &mut Scope, index: &TypeIndex) -> Field {
    let getter = scope.claim(&property.rust_name);
    let setter = scope.claim(&format!("set_{}", getter.trim_start_matches("r#")));
    Field {
        wire: property.name.clone(),
        getter,
        setter,
        builder: String::new(),
        description: property.description.clone(),
        accessor: accessor(&property.type_ref, index),
        features: None,
    }
}

/// `with_<getter>` for each field, claimed in the type's scope.
pub(crate) fn claim_builders(fields: &mut [Field], scope: &mut Scope) {
    for field in fields {
        field.builder = scope.claim(&format!("with_{}", field.getter.trim_start_matches("r#")));
    }
}

fn enum_kind(declared: &Enumeration) -> TypeKind {
    let mut scope = Scope::new();
    let mut seen = BTreeSet::new();
    let members = declared
        .members
        .iter()
        .filter(|m| seen.insert(m.name.clone()))
        .map(|m| Member {
            wire: m.name.clone(),
            rust_name: scope.claim_type(&ident::type_name(&m.name)),
            description: m.description.clone(),
        })
        .collect();
    let fallback = scope.claim_type("Other");
    TypeKind::Enum { members, fallback }
}

/// A type that (through its bases) derives from itself would have infinite
/// size: the link that closes a cycle is dropped.
fn break_base_cycles(types: &mut [TypeDef]) {
    let mut bases = base_map(types);
    for def in types.iter_mut() {
        let own = def.rust_name.clone();
        let mut seen = BTreeSet::new();
        let mut at = bases.get(&own).cloned().flatten();
        while let Some(base) = at {
            if base == own {
                if let TypeKind::Model { base, .. } = &mut def.kind {
                    *base = None;
                }
                bases.insert(own, None);
                break;
            }
            if !seen.insert(base.clone()) {
                break; // a cycle further up; its own members break it
            }
            at = bases.get(&base).cloned().flatten();
        }
    }
}

fn base_map(types: &[TypeDef]) -> BTreeMap<String, Option<String>> {
    types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Model { base, .. } => Some((t.rust_name.clone(), base.clone())),
            TypeKind::Enum { .. } => None,
        })
        .collect()
}

/// Intune pages repeat inherited rows: a property a base type already has is
/// reached through `Deref` and not generated again.
fn drop_inherited_fields(types: &mut [TypeDef]) {
    let bases = base_map(types);
    let own: BTreeMap<String, BTreeSet<String>> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Model { fields, .. } => Some((
                t.rust_name.clone(),
                fields.iter().map(|f| f.wire.clone()).collect(),
            )),
            TypeKind::Enum { .. } => None,
        })
        .collect();
    for def in types.iter_mut() {
        let inherited = inherited_names(&def.rust_name, &bases, &own);
        if let TypeKind::Model { fields, .. } = &mut def.kind {
            fields.retain(|f| !inherited.contains(&f.wire));
        }
    }
}

fn inherited_names(
    name: &str,
    bases: &BTreeMap<String, Option<String>>,
    own: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut visited = BTreeSet::from([name.to_owned()]);
    let mut at = bases.get(name).cloned().flatten();
    while let Some(base) = at {
        if !visited.insert(base.clone()) {
            break; // a cycle in the docs: stop
        }
        names.extend(own.get(&base).into_iter().flatten().cloned());
        at = bases.get(&base).cloned().flatten();
    }
    names
}
