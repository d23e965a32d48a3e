//! The one place that decides Rust types for request bodies and responses.
//! A later issue replaces `serde_json::Value` with generated models here.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Endpoint, HttpMethod, Primitive, RequestBody, ResponseBody, TypeRef};

/// What a terminal call returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseKind {
    /// No content: `()`.
    Unit,
    /// One JSON value: `serde_json::Value`.
    Json,
    /// A JSON collection: `graph_runtime::Page<serde_json::Value>`.
    Page,
    /// Raw bytes (`$value`, downloads, redirects to a download): `graph_runtime::Binary`.
    Binary,
}

/// What a terminal call takes as the request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    None,
    /// `body: &(impl serde::Serialize + ?Sized)`, sent as JSON.
    Json,
    /// `bytes: impl Into<Vec<u8>>, content_type: &str`.
    Bytes,
}

pub fn response_kind(endpoint: &Endpoint) -> ResponseKind {
    if endpoint.raw_value {
        return ResponseKind::Binary;
    }
    match &endpoint.response {
        ResponseBody::Empty => ResponseKind::Unit,
        ResponseBody::Json { type_ref } => json_kind(type_ref),
        ResponseBody::Binary | ResponseBody::Redirect => ResponseKind::Binary,
        ResponseBody::Unknown if endpoint.success_status == Some(204) => ResponseKind::Unit,
        ResponseBody::Unknown => ResponseKind::Json,
    }
}

fn json_kind(type_ref: &TypeRef) -> ResponseKind {
    match type_ref {
        TypeRef::Collection { .. } => ResponseKind::Page,
        TypeRef::Primitive {
            name: Primitive::Stream | Primitive::Binary,
        } => ResponseKind::Binary,
        _ => ResponseKind::Json,
    }
}

pub fn body_kind(endpoint: &Endpoint) -> BodyKind {
    let reads = matches!(endpoint.method, HttpMethod::Get | HttpMethod::Delete);
    match &endpoint.request_body {
        RequestBody::None => BodyKind::None,
        RequestBody::Binary => BodyKind::Bytes,
        RequestBody::Unknown if reads => BodyKind::None,
        RequestBody::Resource { .. }
        | RequestBody::Properties { .. }
        | RequestBody::Parameters { .. }
        | RequestBody::Unknown => BodyKind::Json,
    }
}

/// The `T` of `graph_runtime::Request<T>`.
pub fn response_type(kind: ResponseKind) -> TokenStream {
    match kind {
        ResponseKind::Unit => quote!(()),
        ResponseKind::Json => quote!(::serde_json::Value),
        ResponseKind::Page => quote!(::graph_runtime::Page<::serde_json::Value>),
        ResponseKind::Binary => quote!(::graph_runtime::Binary),
    }
}
