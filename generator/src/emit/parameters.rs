//! Action parameter objects: a view over the JSON object an action takes,
//! one typed getter and setter per documented parameter, like a model.

use proc_macro2::TokenStream;
use quote::quote;

use super::models::accessors_of;
use super::{docs, ident, EmitError};
use crate::ident::{self as names, Scope};
use crate::ir::{ApiVersion, Endpoint, Field, Node, RequestBody};
use crate::lower::models::{accessor, TypeIndex};

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
    ["new", "object", "object_mut", "into_object", "from_object"]
        .iter()
        .for_each(|r| scope.reserve(r));
    let models = super::types::models_path(version);
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
        "The parameters of [`{builder}::{method}`]: a JSON object built with the setters."
    )]);
    let object = quote!(::graph_runtime::model::Object);
    Ok(quote! {
        #doc
        #[derive(Clone, Debug, Default)]
        pub struct #name(#object);

        impl ::graph_runtime::model::Model for #name {
            const ODATA_TYPE: &'static str = "";
            fn from_object(object: #object) -> Self { #name(object) }
            fn object(&self) -> &#object { &self.0 }
            fn object_mut(&mut self) -> &mut #object { &mut self.0 }
            fn into_object(self) -> #object { self.0 }
        }

        impl #name {
            /// No parameter set yet.
            pub fn new() -> Self { Self::default() }
            #(#accessors)*
        }
    })
}
