//! Action parameter objects: a view over the JSON object an action takes,
//! one typed getter and setter per documented parameter. Each is the
//! version's generic `View` under its own marker, like a model, so it adds
//! no `Clone`, `Debug` or `Model` impl of its own.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::models::{accessors_of, ViewType};
use super::{docs, ident, EmitError};
use crate::ident::{self as names, Scope};
use crate::ir::api::{Endpoint, Field, Node};
use crate::ir::page::{ApiVersion, RequestBody};
use crate::lower::models::{accessor, TypeIndex, RESERVED, VIEW_MODULE};

/// `MeSendMailPostParameters`: the node's builder, the method, `Parameters`.
pub fn struct_name(node: &Node, endpoint: &Endpoint) -> String {
    format!(
        "{}{}Parameters",
        node.struct_name,
        names::type_name(&endpoint.rust_name)
    )
}

pub fn parameter_struct(
    version: ApiVersion,
    types: &TypeIndex,
    node: &Node,
    endpoint: &Endpoint,
) -> Result<TokenStream, EmitError> {
    let RequestBody::Parameters { parameters } = &endpoint.request_body else {
        return Ok(quote!());
    };
    let context = || format!("{} {}:{}", version.as_str(), endpoint.file, endpoint.line);
    let name = ident(&struct_name(node, endpoint), context)?;
    let mut scope = Scope::new();
    RESERVED.iter().for_each(|r| scope.reserve(r));
    let models = super::types::models_path(version);
    let view_module = format_ident!("{}", VIEW_MODULE);
    let mut accessors = Vec::new();
    for parameter in parameters {
        let getter = scope.claim(&parameter.rust_name);
        let setter = scope.claim(&format!("set_{}", getter.trim_start_matches("r#")));
        let mut description = parameter.description.clone();
        if parameter.required == Some(true)
            && !description.to_ascii_lowercase().contains("required")
        {
            description.push_str(" Required.");
        }
        let field = Field {
            wire: parameter.name.clone(),
            getter,
            setter,
            description,
            accessor: accessor(&parameter.type_ref, types),
            features: None,
        };
        accessors.push(accessors_of(&endpoint.file, &field, &models)?);
    }
    let method = ident(&endpoint.rust_name, context)?;
    let builder = ident(&node.struct_name, context)?;
    let doc = docs::attrs(&[format!(
        "The parameters of [`{builder}::{method}`]: a JSON object built with the setters, starting from `new()`."
    )]);
    let marker = ident(&format!("{name}Kind"), context)?;
    let view = quote!(#models::#view_module);
    let view_type = ViewType {
        view: &view,
        name: &name,
        marker: &marker,
        marker_doc: format!(" Marks [`{name}`] (`View<{marker}>`)."),
        odata: "",
        kind_extra: quote!(),
        after_kind: quote!(),
    };
    Ok(view_type.items(&doc, &accessors))
}
