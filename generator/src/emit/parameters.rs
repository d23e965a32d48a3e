//! Action parameter objects: a view over the JSON object an action takes,
//! one typed getter and setter per documented parameter. Each is the
//! version's generic `View` under its own marker, like a model, so it adds
//! no `Clone`, `Debug` or `Model` impl of its own.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::models::{accessors_of, from_impls, ViewType};
use super::response_types::models_path;
use super::rustdoc;
use super::syntax::{ident, EmitError};
use crate::ir::api::{Endpoint, Node, ParameterObject, VIEW_MODULE};
use crate::ir::page::ApiVersion;

/// The parameter object of `endpoint` on `node`.
pub fn parameter_struct(
    version: ApiVersion,
    node: &Node,
    endpoint: &Endpoint,
    object: &ParameterObject,
) -> Result<TokenStream, EmitError> {
    let context = || format!("{} {}:{}", version.as_str(), endpoint.file, endpoint.line);
    let name = ident(&object.rust_name, context)?;
    let models = models_path(version);
    let view_module = format_ident!("{}", VIEW_MODULE);
    let mut accessors = Vec::new();
    for field in &object.fields {
        accessors.push(accessors_of(&endpoint.file, field, &models)?);
    }
    let method = ident(&endpoint.rust_name, context)?;
    let builder = ident(&node.struct_name, context)?;
    let doc = rustdoc::attrs(&[format!(
        "The parameters of [`{builder}::{method}`]: a JSON object built with the setters, starting from `new()`."
    )]);
    let marker = ident(&object.marker, context)?;
    let view = quote!(#models::#view_module);
    let view_type = ViewType {
        view: &view,
        name: &name,
        marker: &marker,
        marker_doc: format!(" Marks [`{name}`] (`View<{marker}>`)."),
        odata: "",
        kind_extra: quote!(),
        after_kind: from_impls(&endpoint.file, &name, &object.conversions, &models)?,
    };
    Ok(view_type.items(&doc, &accessors))
}
