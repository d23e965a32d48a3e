//! Model files: `src/<version>/models/mod.rs`, `view.rs` (the generic items
//! every model shares) and one file per model or enum.
//! A model is a typed view over one JSON object (`graph_runtime::model`):
//! `pub type User = View<UserKind>`, where `View<K>` holds the object and
//! `UserKind` is an uninhabited marker whose `Kind` impl carries the OData
//! type; a derived type's marker names its base's, and the view derefs to
//! the base's view. Each property has a getter and a setter; nothing the
//! service sends is ever dropped. An enum keeps unknown members in its
//! fallback variant.
//!
//! Compile cost shapes the code: `Clone`, `Debug`, `Model`, `Deref` and
//! `new()` are implemented once per version, generically, in `view.rs`; a
//! model adds one marker, one or two small trait impls and its accessors,
//! which reach the object as `self.0`. Strings and enums use non-generic
//! helpers.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::ImplItem;

use super::accessor_items;
use super::doc_blocks::{doc_attrs, DocBlocks};
use super::error::EmitError;
use super::idents::ident;
use super::item_templates::{self, stand_in, stand_in_text, Fill, TemplateKey};
use super::rustdoc;
use super::sink::{FileSink, TextOut};
use super::syntax::{rust_header, unparse, unparse_impl_into, FileItems};
use crate::ir::api::VIEW_MODULE;
use crate::ir::api::{Accessor, Conversion, Field, Inherited, Member, ModelSet, TypeDef, TypeKind};
use crate::ir::page::ApiVersion;

/// `src/<version>/models/mod.rs` and `view.rs`, the files every model of a
/// version shares.
pub fn shared_model_files(
    version: ApiVersion,
    models: &ModelSet,
) -> Result<Vec<(String, String)>, EmitError> {
    let dir = models_dir(version);
    Ok(vec![
        (format!("{dir}/mod.rs"), models_mod(version, models)?),
        (format!("{dir}/{VIEW_MODULE}.rs"), view_rs()?),
    ])
}

/// `src/<version>/models/<type>.rs`: one model or enum, handed to `sink`
/// as it is made (a model with a huge Properties table is never held whole).
pub fn model_file(
    version: ApiVersion,
    models: &ModelSet,
    def: &TypeDef,
    sink: &dyn FileSink,
) -> Result<(), EmitError> {
    let stem = def.module.trim_start_matches("r#");
    let mut text = rust_header();
    let docs = DocBlocks::new();
    let mut items = FileItems::new(&docs);
    type_items(def, models, &mut items, || context(version, def))?;
    text.push_str(&items.finish()?);
    let mut file = sink.file(format!("{}/{stem}.rs", models_dir(version)));
    file.push_str(&text);
    drop(text);
    accessor_impl(&mut *file, def, || context(version, def))?;
    file.finish();
    Ok(())
}

fn models_dir(version: ApiVersion) -> String {
    format!("src/{}/models", version.module())
}

/// `src/<version>/models/view.rs`: `View<K>` and the `Kind` and `Derived`
/// traits; every model of the version is a `View` of its marker. No inner
/// attributes, so that the file can be `include!`d.
fn view_rs() -> Result<String, EmitError> {
    let object = quote!(::graph_runtime::model::Object);
    let model = quote!(::graph_runtime::model::Model);
    let tokens = quote! {
        /// What a model's marker says about it.
        pub trait Kind {
            /// The qualified OData type name (`microsoft.graph.user`).
            const ODATA_TYPE: &'static str;
        }

        /// A marker whose model derives from another model.
        pub trait Derived: Kind {
            /// The base model's marker.
            type Base: Kind;
        }

        /// A typed view over one JSON object; the model is named by `K`.
        ///
        /// Every view of a type hierarchy has the same layout (the object),
        /// which is what lets a derived view dereference to its base view.
        #[repr(transparent)]
        pub struct View<K>(pub(crate) #object, ::core::marker::PhantomData<fn() -> K>);

        impl<K> ::core::clone::Clone for View<K> {
            fn clone(&self) -> Self {
                View(::core::clone::Clone::clone(&self.0), ::core::marker::PhantomData)
            }
        }

        impl<K: Kind> ::core::fmt::Debug for View<K> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::graph_runtime::model::kind_name::<K>()).field(&self.0).finish()
            }
        }

        impl<K: Kind> #model for View<K> {
            const ODATA_TYPE: &'static str = K::ODATA_TYPE;
            fn from_object(object: #object) -> Self { View(object, ::core::marker::PhantomData) }
            fn object(&self) -> &#object { &self.0 }
            fn object_mut(&mut self) -> &mut #object { &mut self.0 }
            fn into_object(self) -> #object { self.0 }
        }

        impl<K: Derived> ::core::ops::Deref for View<K> {
            type Target = View<K::Base>;
            /// The same object viewed under its base type. The cast is sound:
            /// `View` is `repr(transparent)` over its only non-zero-sized
            /// field, the `Object`, so `View<K>` and `View<K::Base>` have the
            /// same layout and validity, and the reference keeps its lifetime
            /// and mutability.
            #[allow(unsafe_code, reason = "a view of the same object under its base type")]
            fn deref(&self) -> &View<K::Base> {
                unsafe { &*::core::ptr::from_ref(self).cast::<View<K::Base>>() }
            }
        }

        impl<K: Derived> ::core::ops::DerefMut for View<K> {
            /// The same object viewed under its base type. The cast is sound:
            /// `View` is `repr(transparent)` over its only non-zero-sized
            /// field, the `Object`, so `View<K>` and `View<K::Base>` have the
            /// same layout and validity, and the reference keeps its lifetime
            /// and mutability.
            #[allow(unsafe_code, reason = "a view of the same object under its base type")]
            fn deref_mut(&mut self) -> &mut View<K::Base> {
                unsafe { &mut *::core::ptr::from_mut(self).cast::<View<K::Base>>() }
            }
        }

        impl<K: Kind> View<K> {
            /// An empty object, to fill with the setters: only what is set is
            /// sent. Start from [`Model::with_odata_type`](graph_runtime::model::Model::with_odata_type)
            /// where the service needs the type named (a subtype created
            /// through a collection of its base type).
            #[allow(clippy::new_without_default, reason = "one function less per model; `new()` is the documented way")]
            pub fn new() -> Self {
                <Self as #model>::from_object(#object::new())
            }
        }
    };
    let body = unparse(vec![(tokens, "view.rs".to_owned())], &DocBlocks::new())?;
    Ok(format!("{}{body}", rust_header()))
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
    let view = ident(VIEW_MODULE, || "models module".to_owned())?;
    let header = quote! {
        #( #![doc = #lines] )*

        /// The shape every model shares: `View<K>`, a typed view over one JSON object.
        ///
        /// A model is a type alias, `pub type User = View<UserKind>`, where
        /// `UserKind` is an uninhabited marker whose [`Kind`](view::Kind) impl
        /// names the OData type. `Clone`, `Debug`,
        /// [`Model`](graph_runtime::model::Model) and `new()` are implemented
        /// there once for every view; a derived type's marker implements
        /// [`Derived`](view::Derived), so its view dereferences to its base's
        /// view and base accessors are reachable (`user.id()` comes from
        /// `Entity`). Each model's own accessors are an inherent `impl` in its
        /// file.
        pub mod #view;
    };
    let mut items = vec![(header, "models module".to_owned())];
    for def in &models.types {
        let module = ident(&def.module, || context(version, def))?;
        let name = ident(&def.rust_name, || context(version, def))?;
        let cfg = cfg(version, &def.features);
        let names = match &def.kind {
            TypeKind::Model { marker, .. } => {
                let marker = ident(marker, || context(version, def))?;
                quote!({#name, #marker})
            }
            TypeKind::Enum { .. } => quote!(#name),
        };
        items.push((
            quote! { #cfg mod #module; #cfg pub use #module::#names; },
            context(version, def),
        ));
    }
    Ok(format!(
        "{}{}",
        rust_header(),
        unparse(items, &DocBlocks::new())?
    ))
}

/// The items of a model (trees from a template) or of an enum (tokens).
fn type_items(
    def: &TypeDef,
    models: &ModelSet,
    file: &mut FileItems,
    context: impl Fn() -> String,
) -> Result<(), EmitError> {
    let mut lines = rustdoc::prose(&def.description);
    lines.push(String::new());
    lines.push(format!(
        "OData type `{}`, documented in `{}`.",
        def.qualified, def.page
    ));
    let name = ident(&def.rust_name, || def.page.clone())?;
    match &def.kind {
        TypeKind::Model { marker, base, .. } => {
            let marker = ident(marker, || def.page.clone())?;
            // The base's marker; a base that is not a model of the version
            // was already dropped when lowering.
            let base = match base.as_deref().and_then(|b| models.by_rust_name(b)) {
                Some(TypeDef {
                    kind: TypeKind::Model { marker, .. },
                    ..
                }) => Some(ident(marker, || def.page.clone())?),
                _ => None,
            };
            let shape = Shape {
                def,
                name: &name,
                marker: &marker,
                base: base.as_ref(),
            };
            for item in model(&shape, &lines, &context)? {
                file.push(item);
            }
            Ok(())
        }
        TypeKind::Enum { members, fallback } => {
            let doc = file.docs().attrs(&lines);
            let tokens = enumeration(def, &name, &doc, members, fallback, file.docs())?;
            file.push_tokens(tokens, context())
        }
    }
}

/// What a model's items are built from.
struct Shape<'a> {
    def: &'a TypeDef,
    name: &'a Ident,
    marker: &'a Ident,
    /// The base type's marker.
    base: Option<&'a Ident>,
}

/// A model is `View<marker>`: the generic items of `view.rs` give it
/// `Clone`, `Debug`, `Model`, `new()` and (for a derived type) `Deref` to its
/// base; the model itself adds only its marker, its `Kind` (and `Derived`)
/// impl and its accessors.
fn model(
    shape: &Shape,
    doc: &[String],
    context: impl Fn() -> String,
) -> Result<Vec<syn::Item>, EmitError> {
    let (name, marker) = (shape.name, shape.marker);
    let type_name = &shape.def.rust_name;
    let view_type = ViewType {
        models: ModelsPath::FromModel,
        name,
        marker,
        marker_doc: format!(
            " Marks [`{type_name}`] (`View<{marker}>`): its [`Kind`](super::{VIEW_MODULE}::Kind)."
        ),
        odata: &shape.def.qualified,
        base: shape.base,
    };
    // The accessors are formatted one by one by `accessor_impl`.
    view_type.items(doc, context)
}

/// Appends a model's accessors to `out`: `impl Name { ... }` after a blank
/// line (nothing for none). Each accessor is built, parsed and formatted on
/// its own and its text appended in place: a model with a huge Properties
/// table never holds all its tokens or syntax trees at once, nor a second
/// copy of its text, and the text is what formatting the whole impl would
/// give.
fn accessor_impl(
    out: &mut dyn TextOut,
    def: &TypeDef,
    context: impl Fn() -> String + Sync,
) -> Result<(), EmitError> {
    let TypeKind::Model {
        fields,
        inherited,
        conversions,
        ..
    } = &def.kind
    else {
        return Ok(());
    };
    let name = ident(&def.rust_name, || def.page.clone())?;
    let members: Vec<Accessors> = fields
        .iter()
        .map(Accessors::Own)
        .chain(inherited.iter().map(Accessors::Inherited))
        .collect();
    let tokens = |member: &Accessors| match member {
        Accessors::Own(field) => accessor_items(&def.page, field, ModelsPath::FromModel),
        Accessors::Inherited(i) => inherited_builder(&def.page, &i.owner, &i.field),
    };
    unparse_impl_into(out, "\n", &def.rust_name, &members, tokens, &context)?;
    if !conversions.is_empty() {
        let docs = DocBlocks::new();
        let tokens = from_impls(&def.page, &name, conversions, &quote!(super), &docs)?;
        out.push_str("\n");
        out.push_str(&unparse(vec![(tokens, context())], &docs)?);
    }
    Ok(())
}

/// What a model's impl has accessors for: a field of its own (getter,
/// setter, builder) or one of a base (a builder).
enum Accessors<'a> {
    Own(&'a Field),
    Inherited(&'a Inherited),
}

/// `with_x` on a derived model for a field of its base `owner`: the
/// base setter's body on the same object, then the model itself back.
/// Builders write the object directly rather than call a setter: a method
/// call on `View<K>` makes rustc probe every model's inherent impl, and
/// with ~30,000 builders that doubled type checking of the crate.
fn inherited_builder(page: &str, owner: &str, field: &Field) -> Result<Vec<ImplItem>, EmitError> {
    let doc = format!(
        "Sets `{}` (see [`{owner}::{}`](super::{owner}::{})) and gives the model back, for chaining.",
        field.wire,
        field.setter,
        field.setter.trim_start_matches("r#")
    );
    let cfg = field.features.as_deref().map(cfg_any).unwrap_or_default();
    let shape = accessor_items::Shape {
        key: ("inherited", field.accessor.clone()),
        tokens: |accessor: &Accessor| {
            let code = accessor_code(
                accessor,
                &quote!(super),
                accessor_items::WIRE,
                &quote!(),
                &quote!(&mut self.0),
            );
            let (set_type, set_call) = (code.set_type, code.set_call);
            quote! {
                pub fn builder(mut self, value: #set_type) -> Self {
                    #set_call;
                    self
                }
            }
        },
        wire: &field.wire,
        cfg: &cfg,
    };
    let method = accessor_items::Method {
        name: &field.builder,
        doc: rustdoc::attr_texts(&[doc]),
    };
    accessor_items::build(shape, &[method], || page.to_owned())
}

/// The `From` impls of a model or parameter object; `models` names the
/// models module.
pub(crate) fn from_impls(
    page: &str,
    name: &Ident,
    conversions: &[Conversion],
    models: &TokenStream,
    docs: &DocBlocks,
) -> Result<TokenStream, EmitError> {
    conversions
        .iter()
        .map(|c| conversion(page, name, c, models, docs))
        .collect()
}

/// One `From` impl (or two, for text) of a model, from its shape.
fn conversion(
    page: &str,
    name: &Ident,
    conversion: &Conversion,
    models: &TokenStream,
    docs: &DocBlocks,
) -> Result<TokenStream, EmitError> {
    let id = |text: &str| ident(text, || page.to_owned());
    let from_string = quote! {
        impl ::core::convert::From<::std::string::String> for #name {
            fn from(text: ::std::string::String) -> Self {
                <Self as ::core::convert::From<&str>>::from(text.as_str())
            }
        }
    };
    Ok(match conversion {
        Conversion::Text { setter, fixed } => {
            let mut line = format!("`new()`, then [`Self::{setter}`] with the text");
            for f in fixed {
                line.push_str(&format!(
                    " and [`Self::{}`] with `{ty}::{v}`",
                    f.setter,
                    ty = f.enum_name,
                    v = f.variant
                ));
            }
            let doc = docs.attrs(&[format!("{line}.")]);
            let setter = id(setter)?;
            let fixed = fixed
                .iter()
                .map(|f| {
                    let (set, ty, variant) = (id(&f.setter)?, id(&f.enum_name)?, id(&f.variant)?);
                    Ok(quote!(model.#set(&#models::#ty::#variant);))
                })
                .collect::<Result<TokenStream, EmitError>>()?;
            quote! {
                #doc
                impl ::core::convert::From<&str> for #name {
                    fn from(text: &str) -> Self {
                        let mut model = Self::new();
                        model.#setter(text);
                        #fixed
                        model
                    }
                }
                #from_string
            }
        }
        Conversion::Wrap {
            setter,
            inner,
            text,
            features,
        } => {
            let (setter, inner) = (id(setter)?, id(inner)?);
            let cfg = features.as_deref().map(cfg_any).unwrap_or_default();
            let from_text = text.then(|| {
                quote! {
                    /// The model holding its one field made from this text.
                    #cfg
                    impl ::core::convert::From<&str> for #name {
                        fn from(text: &str) -> Self {
                            let inner = <#models::#inner as ::core::convert::From<&str>>::from(text);
                            <Self as ::core::convert::From<#models::#inner>>::from(inner)
                        }
                    }
                    #cfg
                    #from_string
                }
            });
            quote! {
                /// The model holding this value as its one field.
                #cfg
                impl ::core::convert::From<#models::#inner> for #name {
                    fn from(value: #models::#inner) -> Self {
                        let mut model = Self::new();
                        model.#setter(value);
                        model
                    }
                }
                #from_text
            }
        }
    })
}

/// A type that is the version's `View` under its own marker: a model, or an
/// action parameter object.
pub struct ViewType<'a> {
    /// Where the models module (and its `view` module) is.
    pub models: ModelsPath,
    pub name: &'a Ident,
    pub marker: &'a Ident,
    pub marker_doc: String,
    /// The OData type (empty for a parameter object).
    pub odata: &'a str,
    /// The base model's marker, for a derived model: its `Derived` impl.
    pub base: Option<&'a Ident>,
}

impl ViewType<'_> {
    /// `pub type Name = View<Marker>;` (documented by `doc`), the
    /// uninhabited marker, its `Kind` impl and, for a derived model, its
    /// `Derived` impl, from a template (the accessors are formatted apart,
    /// by `unparse_impl_into`).
    pub fn items(
        &self,
        doc: &[String],
        context: impl Fn() -> String,
    ) -> Result<Vec<syn::Item>, EmitError> {
        let (models, derived) = (self.models, self.base.is_some());
        let key = TemplateKey {
            kind: "view type",
            detail: u32::from(derived) | u32::from(matches!(models, ModelsPath::FromAction)) << 1,
            response: None,
        };
        let tokens = || {
            let view = Ident::new(VIEW_MODULE, Span::call_site());
            let view = match models {
                ModelsPath::FromModel => quote!(super::#view),
                ModelsPath::FromAction => quote!(super::super::models::#view),
            };
            let (name, marker, base) = (stand_in(0), stand_in(1), stand_in(2));
            let (marker_doc, odata) = (stand_in_text(0), stand_in_text(1));
            let derived = match derived {
                true => quote! {
                    impl #view::Derived for #marker { type Base = super::#base; }
                },
                false => quote!(),
            };
            quote! {
                pub type #name = #view::View<#marker>;

                #[doc = #marker_doc]
                pub enum #marker {}

                impl #view::Kind for #marker {
                    const ODATA_TYPE: &'static str = #odata;
                }

                #derived
            }
        };
        let mut names = vec![self.name.clone(), self.marker.clone()];
        names.extend(self.base.cloned());
        let fill = Fill {
            names,
            texts: vec![self.marker_doc.clone(), self.odata.to_owned()],
            attrs: doc_attrs(doc),
        };
        item_templates::items(&key, tokens, fill, context)
    }
}

/// Where the models module is, seen from a file holding accessors.
#[derive(Clone, Copy)]
pub enum ModelsPath {
    /// From a model file: `super`.
    FromModel,
    /// From an action parameter file: `super::super::models`.
    FromAction,
}

impl ModelsPath {
    fn tokens(self) -> TokenStream {
        match self {
            ModelsPath::FromModel => quote!(super),
            ModelsPath::FromAction => quote!(super::super::models),
        }
    }
}

/// The getter, the setter and the builder of one property of a type whose
/// field `0` is the object (a model's `View`, a parameter object).
pub fn accessor_items(
    page: &str,
    field: &Field,
    models: ModelsPath,
) -> Result<Vec<ImplItem>, EmitError> {
    let wire = &field.wire;
    let mut lines = rustdoc::prose(&field.description);
    if lines.is_empty() {
        lines.push(format!("The `{wire}` property."));
    }
    // A raw getter (`r#type`) cannot be an intra-doc link target.
    let set_line = match field.getter.strip_prefix("r#") {
        Some(_) => format!("Sets `{wire}`."),
        None => format!("Sets `{wire}` (see [`Self::{}`]).", field.getter),
    };
    let builder_line = format!(
        "Sets `{wire}` (see [`Self::{}`]) and gives the value back, for chaining.",
        field.setter.trim_start_matches("r#")
    );
    let cfg = field.features.as_deref().map(cfg_any).unwrap_or_default();
    let shape = accessor_items::Shape {
        key: (
            match models {
                ModelsPath::FromModel => "own, from a model",
                ModelsPath::FromAction => "own, from an action",
            },
            field.accessor.clone(),
        ),
        tokens: |accessor: &Accessor| {
            let code = accessor_code(
                accessor,
                &models.tokens(),
                accessor_items::WIRE,
                &quote!(&self.0),
                &quote!(&mut self.0),
            );
            let (get_type, get_body, set_type, set_call) =
                (code.get_type, code.get_body, code.set_type, code.set_call);
            quote! {
                pub fn getter(&self) -> #get_type { #get_body }
                pub fn setter(&mut self, value: #set_type) -> &mut Self {
                    #set_call;
                    self
                }
                pub fn builder(mut self, value: #set_type) -> Self {
                    #set_call;
                    self
                }
            }
        },
        wire,
        cfg: &cfg,
    };
    let methods = [
        (&field.getter, lines),
        (&field.setter, vec![set_line]),
        (&field.builder, vec![builder_line]),
    ]
    .map(|(name, lines)| accessor_items::Method {
        name,
        doc: rustdoc::attr_texts(&lines),
    });
    accessor_items::build(shape, &methods, || page.to_owned())
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
        Accessor::Model(_) => {
            let ty = rust_type(accessor, models);
            let mut code = code(
                quote!(::core::option::Option<#ty>),
                "get",
                ty.clone(),
                "set",
            );
            code.set_type = quote!(impl ::core::convert::Into<#ty>);
            code.set_call = quote!(#m::set(#object_mut, #wire, value.into()));
            code
        }
        Accessor::List(item) if matches!(**item, Accessor::Model(_)) => {
            let (ty, item) = (rust_type(accessor, models), rust_type(item, models));
            let mut code = code(
                quote!(::core::option::Option<#ty>),
                "get",
                ty.clone(),
                "set",
            );
            code.set_type =
                quote!(impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<#item>>);
            code.set_call = quote!(#m::set(#object_mut, #wire, value.into_iter().map(::core::convert::Into::into).collect::<#ty>()));
            code
        }
        other => {
            let ty = rust_type(other, models);
            code(quote!(::core::option::Option<#ty>), "get", ty, "set")
        }
    }
}

pub(super) fn cfg_any(features: &[String]) -> TokenStream {
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
    docs: &DocBlocks,
) -> Result<TokenStream, EmitError> {
    let fallback = ident(fallback, || def.page.clone())?;
    let mut variants = Vec::new();
    let mut names = Vec::new();
    for member in members {
        let variant = ident(&member.rust_name, || def.page.clone())?;
        let mut lines = rustdoc::prose(&member.description);
        if lines.is_empty() {
            lines.push(format!("`{}`", member.wire));
        }
        let doc = docs.attrs(&lines);
        variants.push(quote!(#doc #variant));
        names.push(variant);
    }
    let wires: Vec<&str> = members.iter().map(|m| m.wire.as_str()).collect();
    let standard = enum_standard_traits(name);
    Ok(quote! {
        #doc
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

        #standard
    })
}

/// `Clone`, `Debug`, `PartialEq`, `Eq` and `Hash` through the wire name, in
/// one line (see `graph_runtime::wire_enum_traits!`), where derives would
/// match over every member.
fn enum_standard_traits(name: &Ident) -> TokenStream {
    quote! {
        ::graph_runtime::wire_enum_traits!(#name);
    }
}
