//! Model files: `src/<version>/models/mod.rs` and one file per model or enum.
//! A model is a typed view over one JSON object (`graph_runtime::model`): a
//! root type holds the object, a derived type holds its base and derefs to
//! it; each property has a getter and a setter; nothing the service sends is
//! ever dropped. An enum keeps unknown members in its fallback variant.
//!
//! Compile cost shapes the code: accessors reach the object through a field
//! path (`self.0.0`), strings and enums use non-generic helpers, `Clone` and
//! `Debug` are written out, and no other trait is implemented per type.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use rayon::prelude::*;

use super::{docs, ident, rust_header, unparse, EmitError};
use crate::ir::{Accessor, ApiVersion, Field, Member, ModelSet, TypeDef, TypeKind};

/// Path → contents of every model file of a version.
pub fn model_files(
    version: ApiVersion,
    models: &ModelSet,
) -> Result<Vec<(String, String)>, EmitError> {
    let dir = format!("src/{}/models", version.module());
    let mut files = vec![(format!("{dir}/mod.rs"), models_mod(version, models)?)];
    // In parallel; collecting keeps the order, so output does not depend on
    // the thread count.
    let types = models
        .types
        .par_iter()
        .map(|def| {
            let object = object_path(def, models);
            let body = unparse(vec![(type_items(def, &object)?, context(version, def))])?;
            let stem = def.module.trim_start_matches("r#");
            Ok((
                format!("{dir}/{stem}.rs"),
                format!("{}{body}", rust_header()),
            ))
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    files.extend(types);
    Ok(files)
}

fn context(version: ApiVersion, def: &TypeDef) -> String {
    format!("{} type `{}` ({})", version.as_str(), def.wire, def.page)
}

/// The `#[cfg]` a type's items carry: the areas that need it, or every model
/// of the version; nothing for a type every area needs.
pub fn cfg(version: ApiVersion, features: &[String]) -> TokenStream {
    if features.is_empty() {
        return quote!();
    }
    let models = format!("{}-models", version.module());
    let mut all: Vec<&str> = features.iter().map(String::as_str).collect();
    if !all.contains(&models.as_str()) {
        all.push(&models);
    }
    cfg_any_of(&all)
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(...))]` for several.
fn cfg_any_of(features: &[&str]) -> TokenStream {
    match features {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

fn models_mod(version: ApiVersion, models: &ModelSet) -> Result<String, EmitError> {
    let lines = [
        format!(" The models of Microsoft Graph `{}`: typed views over the JSON the service sends.", version.as_str()),
        String::new(),
        " Each type compiles with the features of the areas that use it, or with `<version>-models`.".to_owned(),
    ];
    // `new()` without a `Default` impl: one function less per model, which
    // is what the compile cost of thousands of models is made of.
    let header = quote! {
        #( #![doc = #lines] )*
        #![allow(clippy::new_without_default)]
    };
    let mut items = vec![(header, "models module".to_owned())];
    for def in &models.types {
        let module = ident(&def.module, || context(version, def))?;
        let name = ident(&def.rust_name, || context(version, def))?;
        let cfg = cfg(version, &def.features);
        items.push((
            quote! { #cfg mod #module; #cfg pub use #module::#name; },
            context(version, def),
        ));
    }
    Ok(format!("{}{}", rust_header(), unparse(items)?))
}

/// `self.0`, `self.0.0`, ...: the object at the bottom of a chain of views.
fn object_path(def: &TypeDef, models: &ModelSet) -> TokenStream {
    let mut path = quote!(self.0);
    let mut at = base_of(def);
    for _ in 0..64 {
        let Some(base) = at.and_then(|b| models.by_rust_name(b)) else {
            break;
        };
        path = quote!(#path.0);
        at = base_of(base);
    }
    path
}

fn base_of(def: &TypeDef) -> Option<&str> {
    match &def.kind {
        TypeKind::Model { base, .. } => base.as_deref(),
        TypeKind::Enum { .. } => None,
    }
}

fn type_items(def: &TypeDef, object: &TokenStream) -> Result<TokenStream, EmitError> {
    let mut lines = docs::prose(&def.description);
    lines.push(String::new());
    lines.push(format!(
        "OData type `{}`, documented in `{}`.",
        def.qualified, def.page
    ));
    let doc = docs::attrs(&lines);
    let name = ident(&def.rust_name, || def.page.clone())?;
    match &def.kind {
        TypeKind::Model {
            base,
            subtype,
            fields,
        } => {
            let shape = Shape {
                def,
                name: &name,
                base: base.as_deref(),
                subtype: *subtype,
                object,
            };
            model(&shape, &doc, fields)
        }
        TypeKind::Enum { members, fallback } => enumeration(def, &name, &doc, members, fallback),
    }
}

/// What a model's items are built from.
struct Shape<'a> {
    def: &'a TypeDef,
    name: &'a Ident,
    base: Option<&'a str>,
    subtype: bool,
    object: &'a TokenStream,
}

fn model(shape: &Shape, doc: &TokenStream, fields: &[Field]) -> Result<TokenStream, EmitError> {
    let name = shape.name;
    let path = shape.object;
    let type_name = &shape.def.rust_name;
    let model = quote!(::graph_runtime::model::Model);
    let (inner, deref) = match shape.base {
        None => (quote!(::graph_runtime::model::Object), quote!()),
        Some(base) => {
            let base = ident(base, || shape.def.page.clone())?;
            (quote!(super::#base), deref_impls(name, &base))
        }
    };
    let new = if shape.subtype {
        quote!(<Self as #model>::with_odata_type())
    } else {
        quote!(<Self as #model>::from_object(::graph_runtime::model::Object::new()))
    };
    let mut accessors = Vec::new();
    for field in fields {
        accessors.push(accessors_of(&shape.def.page, field, &quote!(super), path)?);
    }
    let model_impl = model_impl(shape, &inner);
    Ok(quote! {
        #doc
        pub struct #name(pub(super) #inner);

        impl ::core::clone::Clone for #name {
            fn clone(&self) -> Self { #name(::core::clone::Clone::clone(&self.0)) }
        }

        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(#type_name).field(&#path).finish()
            }
        }

        #model_impl
        #deref

        impl #name {
            /// An empty object, to fill with the setters.
            pub fn new() -> Self { #new }
            #(#accessors)*
        }
    })
}

fn model_impl(shape: &Shape, inner: &TokenStream) -> TokenStream {
    let name = shape.name;
    let odata = &shape.def.qualified;
    let path = shape.object;
    let object = quote!(::graph_runtime::model::Object);
    let from = match shape.base {
        None => quote!(#name(object)),
        Some(_) => quote!(#name(<#inner as ::graph_runtime::model::Model>::from_object(object))),
    };
    let into = match shape.base {
        None => quote!(self.0),
        Some(_) => quote!(::graph_runtime::model::Model::into_object(self.0)),
    };
    quote! {
        impl ::graph_runtime::model::Model for #name {
            const ODATA_TYPE: &'static str = #odata;
            fn from_object(object: #object) -> Self { #from }
            fn object(&self) -> &#object { &#path }
            fn object_mut(&mut self) -> &mut #object { &mut #path }
            fn into_object(self) -> #object { #into }
        }
    }
}

fn deref_impls(name: &Ident, base: &Ident) -> TokenStream {
    quote! {
        impl ::core::ops::Deref for #name {
            type Target = super::#base;
            fn deref(&self) -> &super::#base { &self.0 }
        }
        impl ::core::ops::DerefMut for #name {
            fn deref_mut(&mut self) -> &mut super::#base { &mut self.0 }
        }
    }
}

/// The getter and setter of one property; `models` names the models module
/// and `path` the object (`self.0.0`).
pub fn accessors_of(
    page: &str,
    field: &Field,
    models: &TokenStream,
    path: &TokenStream,
) -> Result<TokenStream, EmitError> {
    let getter = ident(&field.getter, || page.to_owned())?;
    let setter = ident(&field.setter, || page.to_owned())?;
    let wire = &field.wire;
    let mut lines = docs::prose(&field.description);
    if lines.is_empty() {
        lines.push(format!("The `{wire}` property."));
    }
    let doc = docs::attrs(&lines);
    // A raw getter (`r#type`) cannot be an intra-doc link target.
    let set_line = match field.getter.strip_prefix("r#") {
        Some(_) => format!("Sets `{wire}`."),
        None => format!("Sets `{wire}` (see [`Self::{}`]).", field.getter),
    };
    let set_doc = docs::attrs(&[set_line]);
    let cfg = field.features.as_deref().map(cfg_any).unwrap_or_default();
    let code = accessor_code(
        &field.accessor,
        models,
        wire,
        &quote!(&#path),
        &quote!(&mut #path),
    );
    let (get_type, get_body, set_type, set_call) =
        (code.get_type, code.get_body, code.set_type, code.set_call);
    Ok(quote! {
        #doc
        #cfg
        pub fn #getter(&self) -> #get_type { #get_body }
        #set_doc
        #cfg
        pub fn #setter(&mut self, value: #set_type) -> &mut Self {
            #set_call;
            self
        }
    })
}

/// A getter's type and body, a setter's parameter type and call.
struct AccessorCode {
    get_type: TokenStream,
    get_body: TokenStream,
    set_type: TokenStream,
    set_call: TokenStream,
}

fn accessor_code(
    accessor: &Accessor,
    models: &TokenStream,
    wire: &str,
    object: &TokenStream,
    object_mut: &TokenStream,
) -> AccessorCode {
    let m = quote!(::graph_runtime::model);
    let code = |get_type, get: &str, set_type, set: &str| {
        let (get, set) = (
            Ident::new(get, Span::call_site()),
            Ident::new(set, Span::call_site()),
        );
        AccessorCode {
            get_type,
            get_body: quote!(#m::#get(#object, #wire)),
            set_type,
            set_call: quote!(#m::#set(#object_mut, #wire, value)),
        }
    };
    match accessor {
        Accessor::Str => code(
            quote!(::core::option::Option<&str>),
            "get_str",
            quote!(&str),
            "set_str",
        ),
        Accessor::Enum(_) => {
            let ty = rust_type(accessor, models);
            code(
                quote!(::core::option::Option<#ty>),
                "get_enum",
                quote!(&#ty),
                "set_enum",
            )
        }
        Accessor::List(item) if **item == Accessor::Str => code(
            quote!(::core::option::Option<::std::vec::Vec<&str>>),
            "get_str_list",
            quote!(&[&str]),
            "set_str_list",
        ),
        Accessor::List(item) if matches!(**item, Accessor::Enum(_)) => {
            let ty = rust_type(item, models);
            code(
                quote!(::core::option::Option<::std::vec::Vec<#ty>>),
                "get_enum_list",
                quote!(&[#ty]),
                "set_enum_list",
            )
        }
        other => {
            let ty = rust_type(other, models);
            code(quote!(::core::option::Option<#ty>), "get", ty, "set")
        }
    }
}

fn cfg_any(features: &[String]) -> TokenStream {
    let features: Vec<&str> = features.iter().map(String::as_str).collect();
    cfg_any_of(&features)
}

/// The Rust type of an accessor; generated types are named under `models`.
pub fn rust_type(accessor: &Accessor, models: &TokenStream) -> TokenStream {
    let wire = |name: &str| {
        let name = Ident::new(name, Span::call_site());
        quote!(::graph_runtime::model::#name)
    };
    match accessor {
        Accessor::Str => quote!(::std::string::String),
        Accessor::Bool => quote!(bool),
        Accessor::I16 => quote!(i16),
        Accessor::I32 => quote!(i32),
        Accessor::I64 => quote!(i64),
        Accessor::U8 => quote!(u8),
        Accessor::I8 => quote!(i8),
        Accessor::F32 => quote!(f32),
        Accessor::F64 => quote!(f64),
        Accessor::Decimal => wire("Decimal"),
        Accessor::DateTimeOffset => wire("DateTimeOffset"),
        Accessor::Date => wire("Date"),
        Accessor::TimeOfDay => wire("TimeOfDay"),
        Accessor::Duration => wire("Duration"),
        Accessor::Guid => wire("Guid"),
        Accessor::Base64 => wire("Base64"),
        Accessor::Value => quote!(::serde_json::Value),
        Accessor::Model(name) | Accessor::Enum(name) => {
            let name = Ident::new(name, Span::call_site());
            quote!(#models::#name)
        }
        Accessor::List(item) => {
            let item = rust_type(item, models);
            quote!(::std::vec::Vec<#item>)
        }
    }
}

fn enumeration(
    def: &TypeDef,
    name: &Ident,
    doc: &TokenStream,
    members: &[Member],
    fallback: &str,
) -> Result<TokenStream, EmitError> {
    let fallback = ident(fallback, || def.page.clone())?;
    let mut variants = Vec::new();
    let mut names = Vec::new();
    for member in members {
        let variant = ident(&member.rust_name, || def.page.clone())?;
        let mut lines = docs::prose(&member.description);
        if lines.is_empty() {
            lines.push(format!("`{}`", member.wire));
        }
        let doc = docs::attrs(&lines);
        variants.push(quote!(#doc #variant));
        names.push(variant);
    }
    let wires: Vec<&str> = members.iter().map(|m| m.wire.as_str()).collect();
    Ok(quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum #name {
            #(#variants,)*
            /// A value the docs do not list, kept as sent.
            #fallback(::std::string::String),
        }

        impl ::graph_runtime::model::WireEnum for #name {
            fn from_wire(value: &str) -> Self {
                match value {
                    #(#wires => Self::#names,)*
                    other => Self::#fallback(other.to_owned()),
                }
            }
            fn as_wire(&self) -> &str {
                match self {
                    #(Self::#names => #wires,)*
                    Self::#fallback(other) => other,
                }
            }
        }
    })
}
