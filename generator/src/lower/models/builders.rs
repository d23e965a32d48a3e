//! What a model offers for writing a body as one expression: builders for
//! its bases' fields (a by-value builder is not reachable through `Deref`)
//! and `From` conversions for the small shapes written by hand, decided
//! from each model's fields, never from its name:
//!
//! - **address**: every field is a string and one is `address`
//!   (`emailAddress`): `From<&str>` sets the address;
//! - **text body**: exactly a string `content` and an enum `contentType`
//!   with a `text` member (`itemBody`): `From<&str>` sets both;
//! - **wrapper**: no base and one field, of another model (`recipient`
//!   holds one `emailAddress`): `From<Inner>`, and `From<&str>` when the
//!   inner model has a text conversion.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::ir::api::{Accessor, Conversion, Field, FixedMember, Inherited, TypeDef, TypeKind};

/// Fills each model's `inherited`: its bases' fields, root first, whose
/// builder name this model does not use for anything of its own. The fields
/// are read in place (each model's inherited list is decided first, then
/// filled): no copy of every model's fields is made.
pub(crate) fn inherit(types: &mut [TypeDef]) {
    let models: BTreeMap<&str, (Option<&str>, &[Field])> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Model { base, fields, .. } => {
                Some((t.rust_name.as_str(), (base.as_deref(), fields.as_slice())))
            }
            TypeKind::Enum { .. } => None,
        })
        .collect();
    let lists: Vec<Vec<Inherited>> = types
        .par_iter()
        .map(|def| inherited(def, &models))
        .collect();
    for (def, list) in types.iter_mut().zip(lists) {
        if let TypeKind::Model { inherited, .. } = &mut def.kind {
            inherited.extend(list);
        }
    }
}

type Models<'a> = BTreeMap<&'a str, (Option<&'a str>, &'a [Field])>;

/// The builders `def` gets for its bases' fields.
fn inherited(def: &TypeDef, models: &Models) -> Vec<Inherited> {
    let TypeKind::Model { base, fields, .. } = &def.kind else {
        return Vec::new();
    };
    let mut chain = Vec::new();
    let mut at = base.as_deref();
    while let Some(name) = at {
        if chain.contains(&name) || name == def.rust_name {
            break; // a cycle the docs made: stop
        }
        at = models.get(name).and_then(|(base, _)| *base);
        chain.push(name);
    }
    if chain.is_empty() {
        return Vec::new();
    }
    let mut taken: BTreeSet<&str> = fields
        .iter()
        .flat_map(|f| [&f.getter, &f.setter, &f.builder])
        .map(|name| name.trim_start_matches("r#"))
        .collect();
    let mut out = Vec::new();
    for owner in chain.iter().rev() {
        let Some((_, base_fields)) = models.get(owner) else {
            continue;
        };
        for field in *base_fields {
            if taken.insert(field.builder.trim_start_matches("r#")) {
                out.push(Inherited {
                    owner: (*owner).to_owned(),
                    field: Field {
                        description: String::new(),
                        ..field.clone()
                    },
                });
            }
        }
    }
    out
}

/// Fills each model's `conversions` from its shape (see the module docs).
pub(crate) fn convert(types: &mut [TypeDef]) {
    let enums: BTreeMap<String, BTreeMap<String, String>> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Enum { members, .. } => Some((
                t.rust_name.clone(),
                members
                    .iter()
                    .map(|m| (m.wire.clone(), m.rust_name.clone()))
                    .collect(),
            )),
            TypeKind::Model { .. } => None,
        })
        .collect();
    let texts: BTreeMap<String, Conversion> = types
        .iter()
        .filter_map(|t| text_conversion(t, &enums).map(|c| (t.rust_name.clone(), c)))
        .collect();
    for def in types.iter_mut() {
        let own = def.rust_name.clone();
        let TypeKind::Model {
            base,
            fields,
            conversions,
            ..
        } = &mut def.kind
        else {
            continue;
        };
        if let Some(text) = texts.get(&own) {
            conversions.push(text.clone());
        } else if let Some(wrap) = wrap_conversion(&own, base.as_deref(), fields, &texts) {
            conversions.push(wrap);
        }
    }
}

/// The address and text-body shapes.
fn text_conversion(
    def: &TypeDef,
    enums: &BTreeMap<String, BTreeMap<String, String>>,
) -> Option<Conversion> {
    let TypeKind::Model {
        base: None, fields, ..
    } = &def.kind
    else {
        return None;
    };
    let named = |wire: &str| fields.iter().find(|f| f.wire == wire);
    let all_strings = fields.iter().all(|f| f.accessor == Accessor::Str);
    if let Some(address) = named("address").filter(|_| all_strings) {
        return Some(Conversion::Text {
            setter: address.setter.clone(),
            fixed: Vec::new(),
        });
    }
    let (content, kind) = (named("content")?, named("contentType")?);
    let Accessor::Enum(enum_name) = &kind.accessor else {
        return None;
    };
    let variant = enums.get(enum_name)?.get("text")?;
    (fields.len() == 2 && content.accessor == Accessor::Str).then(|| Conversion::Text {
        setter: content.setter.clone(),
        fixed: vec![FixedMember {
            setter: kind.setter.clone(),
            enum_name: enum_name.clone(),
            variant: variant.clone(),
        }],
    })
}

/// The wrapper shape: no base, one field, of another model.
fn wrap_conversion(
    own: &str,
    base: Option<&str>,
    fields: &[Field],
    texts: &BTreeMap<String, Conversion>,
) -> Option<Conversion> {
    let ([field], None) = (fields, base) else {
        return None;
    };
    let Accessor::Model(inner) = &field.accessor else {
        return None;
    };
    (inner != own).then(|| Conversion::Wrap {
        setter: field.setter.clone(),
        inner: inner.clone(),
        text: texts.contains_key(inner),
        features: field.features.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::api::Member;

    fn field(wire: &str, accessor: Accessor) -> Field {
        Field {
            wire: wire.to_owned(),
            getter: wire.to_ascii_lowercase(),
            setter: format!("set_{}", wire.to_ascii_lowercase()),
            builder: format!("with_{}", wire.to_ascii_lowercase()),
            description: String::new(),
            accessor,
            features: None,
        }
    }

    fn model(name: &str, base: Option<&str>, fields: Vec<Field>) -> TypeDef {
        TypeDef {
            wire: name.to_owned(),
            qualified: format!("microsoft.graph.{name}"),
            rust_name: name.to_owned(),
            module: name.to_ascii_lowercase(),
            page: String::new(),
            description: String::new(),
            features: Vec::new(),
            kind: TypeKind::Model {
                marker: format!("{name}Kind"),
                base: base.map(str::to_owned),
                fields,
                inherited: Vec::new(),
                conversions: Vec::new(),
            },
        }
    }

    fn conversions(def: &TypeDef) -> &[Conversion] {
        match &def.kind {
            TypeKind::Model { conversions, .. } => conversions,
            TypeKind::Enum { .. } => &[],
        }
    }

    /// Invented shapes with the mail names changed: only the structure counts.
    #[test]
    fn shapes_give_conversions() {
        let tone = TypeDef {
            kind: TypeKind::Enum {
                members: vec![Member {
                    wire: "text".into(),
                    rust_name: "Plain".into(),
                    description: String::new(),
                }],
                fallback: "Other".into(),
            },
            ..model("Tone", None, Vec::new())
        };
        let mut types = vec![
            model(
                "Mailbox",
                None,
                vec![
                    field("name", Accessor::Str),
                    field("address", Accessor::Str),
                ],
            ),
            model(
                "Note",
                None,
                vec![
                    field("contentType", Accessor::Enum("Tone".into())),
                    field("content", Accessor::Str),
                ],
            ),
            model(
                "To",
                None,
                vec![field("box", Accessor::Model("Mailbox".into()))],
            ),
            model(
                "Loop",
                None,
                vec![field("me", Accessor::Model("Loop".into()))],
            ),
            model(
                "Derived",
                Some("To"),
                vec![field("x", Accessor::Model("Mailbox".into()))],
            ),
            model(
                "Mixed",
                None,
                vec![field("address", Accessor::Str), field("n", Accessor::I32)],
            ),
            tone,
        ];
        convert(&mut types);
        assert_eq!(
            conversions(&types[0]),
            [Conversion::Text {
                setter: "set_address".into(),
                fixed: vec![]
            }]
        );
        assert_eq!(
            conversions(&types[1]),
            [Conversion::Text {
                setter: "set_content".into(),
                fixed: vec![FixedMember {
                    setter: "set_contenttype".into(),
                    enum_name: "Tone".into(),
                    variant: "Plain".into()
                }]
            }]
        );
        assert_eq!(
            conversions(&types[2]),
            [Conversion::Wrap {
                setter: "set_box".into(),
                inner: "Mailbox".into(),
                text: true,
                features: None
            }]
        );
        for other in &types[3..] {
            assert!(conversions(other).is_empty(), "{}", other.rust_name);
        }
    }

    #[test]
    fn bases_fields_get_builders_on_the_derived_model() {
        let mut types = vec![
            model("Root", None, vec![field("id", Accessor::Str)]),
            model("Mid", Some("Root"), vec![field("name", Accessor::Str)]),
            model(
                "Leaf",
                Some("Mid"),
                vec![field("size", Accessor::I64), field("Id", Accessor::Str)],
            ),
        ];
        inherit(&mut types);
        let TypeKind::Model { inherited, .. } = &types[2].kind else {
            panic!("a model");
        };
        let names: Vec<(&str, &str)> = inherited
            .iter()
            .map(|i| (i.owner.as_str(), i.field.builder.as_str()))
            .collect();
        // `with_id` is the leaf's own builder already: not inherited again.
        assert_eq!(names, [("Mid", "with_name")]);
    }
}
