//! Rust types for what terminal calls return: documented models become
//! `crate::<version>::models::X`, collections `graph_runtime::Page<X>`; what
//! the docs leave untyped stays `serde_json::Value`. The kinds themselves are
//! settled by lowering.

use proc_macro2::TokenStream;
use quote::quote;

use super::models::rust_type;
use crate::ir::api::ResponseKind;
use crate::ir::page::ApiVersion;

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
