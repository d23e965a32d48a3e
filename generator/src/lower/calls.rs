//! What each terminal call takes and returns: the page's request body and
//! response, resolved against the version's models into the kinds the
//! emitter maps to Rust types. Parameter objects get their final getter and
//! setter names here; their type names come with the builders' (naming).

use crate::ident::Scope;
use crate::ir::api::{Accessor, BodyKind, Conversion, Field, ParameterObject, ResponseKind};
use crate::ir::page::{
    HttpMethod, Operation, Parameter, Primitive, RequestBody, ResponseBody, TypeRef,
};

use super::models::{accessor, claim_builders, TypeIndex, RESERVED};

/// The response of `op` reached through a path; `raw_value` when the path
/// ends in `$value`.
pub(crate) fn response_kind(op: &Operation, raw_value: bool, index: &TypeIndex) -> ResponseKind {
    // Only a read of a `$value` path answers with raw bytes; an upload
    // answers with what its page documents.
    if raw_value && op.method == HttpMethod::Get {
        return ResponseKind::Binary;
    }
    match &op.response {
        ResponseBody::Empty => ResponseKind::Unit,
        ResponseBody::Json { type_ref } => json_kind(type_ref, index),
        ResponseBody::Binary | ResponseBody::Redirect => ResponseKind::Binary,
        ResponseBody::Unknown if op.success_status == Some(204) => ResponseKind::Unit,
        ResponseBody::Unknown => ResponseKind::Json,
    }
}

fn json_kind(type_ref: &TypeRef, index: &TypeIndex) -> ResponseKind {
    if let TypeRef::Primitive {
        name: Primitive::Stream | Primitive::Binary,
    } = type_ref
    {
        return ResponseKind::Binary;
    }
    match accessor(type_ref, index) {
        model @ Accessor::Model(_) => ResponseKind::Model(model),
        // Enums read through `WireEnum`; a page of them arrives as strings.
        Accessor::List(item) if matches!(*item, Accessor::Enum(_)) => {
            ResponseKind::Page(Accessor::Str)
        }
        Accessor::List(item) => ResponseKind::Page(*item),
        _ if matches!(type_ref, TypeRef::Collection { .. }) => ResponseKind::Page(Accessor::Value),
        _ => ResponseKind::Json,
    }
}

/// The request body of `op`. A parameter object's type names are left empty
/// for naming to fill in (they follow the builder's name).
pub(crate) fn body_kind(op: &Operation, index: &TypeIndex) -> BodyKind {
    let reads = matches!(op.method, HttpMethod::Get | HttpMethod::Delete);
    match &op.request_body {
        RequestBody::None => BodyKind::None,
        RequestBody::Binary => BodyKind::Bytes,
        RequestBody::Unknown if reads => BodyKind::None,
        RequestBody::Resource { type_ref }
        | RequestBody::Properties {
            type_ref: Some(type_ref),
            ..
        } => match accessor(type_ref, index) {
            Accessor::Model(model) => BodyKind::Model { model },
            _ => BodyKind::Json,
        },
        RequestBody::Parameters { parameters } if !parameters.is_empty() => {
            let fields = parameter_fields(parameters, index);
            BodyKind::Parameters(ParameterObject {
                rust_name: String::new(),
                marker: String::new(),
                conversions: wrap_required(parameters, &fields).into_iter().collect(),
                fields,
            })
        }
        RequestBody::Parameters { .. } | RequestBody::Properties { .. } | RequestBody::Unknown => {
            BodyKind::Json
        }
    }
}

/// `From<Model>` for a parameter object whose one required parameter (or
/// only parameter) is a model; the others keep their defaults.
fn wrap_required(parameters: &[Parameter], fields: &[Field]) -> Option<Conversion> {
    let required: Vec<usize> = match parameters {
        [_] => vec![0],
        _ => (0..parameters.len())
            .filter(|&i| parameters[i].required == Some(true))
            .collect(),
    };
    let [at] = required[..] else {
        return None;
    };
    let field = &fields[at];
    let Accessor::Model(inner) = &field.accessor else {
        return None;
    };
    Some(Conversion::Wrap {
        setter: field.setter.clone(),
        inner: inner.clone(),
        text: false,
        features: None,
    })
}

/// One getter and setter per parameter, clear of the names every view has.
fn parameter_fields(parameters: &[Parameter], index: &TypeIndex) -> Vec<Field> {
    let mut scope = Scope::new();
    RESERVED.iter().for_each(|r| scope.reserve(r));
    let mut fields: Vec<Field> = parameters
        .iter()
        .map(|parameter| {
            let getter = scope.claim(&parameter.rust_name);
            let setter = scope.claim(&format!("set_{}", getter.trim_start_matches("r#")));
            let mut description = parameter.description.clone();
            if parameter.required == Some(true)
                && !description.to_ascii_lowercase().contains("required")
            {
                description.push_str(" Required.");
            }
            Field {
                wire: parameter.name.clone(),
                getter,
                setter,
                builder: String::new(),
                description,
                accessor: accessor(&parameter.type_ref, index),
                features: None,
            }
        })
        .collect();
    claim_builders(&mut fields, &mut scope);
    fields
}
