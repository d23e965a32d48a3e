//! The one mapping from a documented type to the accessor a model exposes.
//! The emitter and the model report both go through it.

use std::collections::HashMap;

use crate::ir::api::Accessor;
use crate::ir::page::{Primitive, TypeRef};

/// Declared types of one version: (resolved name, declaring page) → Rust
/// name and whether it is an enum.
#[derive(Clone, Debug, Default)]
pub struct TypeIndex {
    types: HashMap<(String, String), (String, bool)>,
}

impl TypeIndex {
    /// The index of a lowered model set.
    pub fn of(models: &crate::ir::api::ModelSet) -> TypeIndex {
        let mut index = TypeIndex::default();
        for def in &models.types {
            let is_enum = matches!(def.kind, crate::ir::api::TypeKind::Enum { .. });
            index.insert(&def.wire, &def.page, &def.rust_name, is_enum);
        }
        index
    }

    pub fn insert(&mut self, wire: &str, page: &str, rust_name: &str, is_enum: bool) {
        self.types
            .entry((wire.to_owned(), page.to_owned()))
            .or_insert_with(|| (rust_name.to_owned(), is_enum));
    }

    /// The Rust name of a resolved named type, and whether it is an enum.
    pub fn get(&self, wire: &str, page: &str) -> Option<IndexedType<'_>> {
        self.types
            .get(&(wire.to_owned(), page.to_owned()))
            .map(|(rust_name, is_enum)| IndexedType {
                rust_name,
                is_enum: *is_enum,
            })
    }
}

/// A declared type as the index knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexedType<'a> {
    pub rust_name: &'a str,
    pub is_enum: bool,
}

/// How a property of this type reads and writes.
pub fn accessor(type_ref: &TypeRef, index: &TypeIndex) -> Accessor {
    match type_ref {
        TypeRef::Primitive { name } => primitive(*name),
        TypeRef::Named {
            name,
            page: Some(page),
            ..
        } => match index.get(name, page) {
            Some(found) if found.is_enum => Accessor::Enum(found.rust_name.to_owned()),
            Some(found) => Accessor::Model(found.rust_name.to_owned()),
            None => Accessor::Value,
        },
        TypeRef::Named { page: None, .. } | TypeRef::Unknown { .. } => Accessor::Value,
        TypeRef::Collection { item } => Accessor::List(Box::new(accessor(item, index))),
    }
}

fn primitive(name: Primitive) -> Accessor {
    match name {
        Primitive::String => Accessor::Str,
        Primitive::Boolean => Accessor::Bool,
        Primitive::Byte => Accessor::U8,
        Primitive::SByte => Accessor::I8,
        Primitive::Int16 => Accessor::I16,
        Primitive::Int32 => Accessor::I32,
        Primitive::Int64 => Accessor::I64,
        Primitive::Single => Accessor::F32,
        Primitive::Double => Accessor::F64,
        Primitive::Decimal => Accessor::Decimal,
        Primitive::DateTimeOffset => Accessor::DateTimeOffset,
        Primitive::Date => Accessor::Date,
        Primitive::TimeOfDay => Accessor::TimeOfDay,
        Primitive::Duration => Accessor::Duration,
        Primitive::Guid => Accessor::Guid,
        Primitive::Binary => Accessor::Base64,
        Primitive::Stream | Primitive::Json => Accessor::Value,
    }
}

/// The generated types an accessor mentions (models and enums), by Rust name.
pub fn mentioned(accessor: &Accessor) -> Option<&str> {
    match accessor {
        Accessor::Model(name) | Accessor::Enum(name) => Some(name),
        Accessor::List(item) => mentioned(item),
        _ => None,
    }
}
