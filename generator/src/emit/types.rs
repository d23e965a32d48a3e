//! The one place that decides Rust types for request bodies and responses:
//! documented models become `crate::<version>::models::X`, collections
//! `graph_runtime::Page<X>`; what the docs leave untyped stays
//! `serde_json::Value`.

use proc_macro2::TokenStream;
use quote::quote;

use super::models::rust_type;
use crate::ir::api::{Accessor, Endpoint};
use crate::ir::page::{ApiVersion, HttpMethod, Primitive, RequestBody, ResponseBody, TypeRef};
use crate::lower::models::{accessor, TypeIndex};

/// What a terminal call returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseKind {
    /// No content: `()`.
    Unit,
    /// One JSON value the docs do not type: `serde_json::Value`.
    Json,
    /// One model.
    Model(Accessor),
    /// A collection: `graph_runtime::Page<T>` (T may be `serde_json::Value`).
    Page(Accessor),
    /// Raw bytes (`$value`, downloads, redirects to a download): `graph_runtime::Binary`.
    Binary,
}

/// What a terminal call takes as the request body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyKind {
    None,
    /// `body: &(impl serde::Serialize + ?Sized)`, sent as JSON.
    Json,
    /// `body: &models::X`, its object sent as JSON (only the fields set).
    Model(String),
    /// `body: &<Node><Method>Parameters`, a generated parameter object.
    Parameters,
    /// `bytes: impl Into<Vec<u8>>, content_type: &str`.
    Bytes,
}

pub fn response_kind(endpoint: &Endpoint, index: &TypeIndex) -> ResponseKind {
    // Only a read of a `$value` path answers with raw bytes; an upload
    // answers with what its page documents.
    if endpoint.raw_value && endpoint.method == HttpMethod::Get {
        return ResponseKind::Binary;
    }
    match &endpoint.response {
        ResponseBody::Empty => ResponseKind::Unit,
        ResponseBody::Json { type_ref } => json_kind(type_ref, index),
        ResponseBody::Binary | ResponseBody::Redirect => ResponseKind::Binary,
        ResponseBody::Unknown if endpoint.success_status == Some(204) => ResponseKind::Unit,
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

pub fn body_kind(endpoint: &Endpoint, index: &TypeIndex) -> BodyKind {
    let reads = matches!(endpoint.method, HttpMethod::Get | HttpMethod::Delete);
    match &endpoint.request_body {
        RequestBody::None => BodyKind::None,
        RequestBody::Binary => BodyKind::Bytes,
        RequestBody::Unknown if reads => BodyKind::None,
        RequestBody::Resource { type_ref }
        | RequestBody::Properties {
            type_ref: Some(type_ref),
            ..
        } => match accessor(type_ref, index) {
            Accessor::Model(name) => BodyKind::Model(name),
            _ => BodyKind::Json,
        },
        RequestBody::Parameters { parameters } if !parameters.is_empty() => BodyKind::Parameters,
        RequestBody::Parameters { .. } | RequestBody::Properties { .. } | RequestBody::Unknown => {
            BodyKind::Json
        }
    }
}

/// The path of a version's models module, from one of its area modules
/// (relative, so the same text compiles wherever the version module sits).
pub fn models_path(_version: ApiVersion) -> TokenStream {
    quote!(super::models)
}

/// The `T` of `graph_runtime::Request<T>`.
pub fn response_type(kind: &ResponseKind, version: ApiVersion) -> TokenStream {
    let models = models_path(version);
    match kind {
        ResponseKind::Unit => quote!(()),
        ResponseKind::Json => quote!(::serde_json::Value),
        ResponseKind::Model(model) => rust_type(model, &models),
        ResponseKind::Page(item) => {
            let item = rust_type(item, &models);
            quote!(::graph_runtime::Page<#item>)
        }
        ResponseKind::Binary => quote!(::graph_runtime::Binary),
    }
}
