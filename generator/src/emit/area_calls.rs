//! The calls on a path builder: the terminal request of each operation
//! (`get()`, `post(body)`, ...), and `count()` and `cast()` beside a listing.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::area_context::Context;
use super::doc_blocks::doc_attrs;
use super::error::EmitError;
use super::idents::ident;
use super::item_templates::{self, stand_in, stand_in_accessor, Fill, TemplateKey};
use super::response_types::{models_path, response_type};
use super::rustdoc;
use crate::ir::api::{BodyKind, Endpoint, Node, ResponseKind, ACTIONS_MODULE};
use crate::ir::page::ApiVersion;

/// A call beside a listing `get()` that needs the list's permissions: what
/// its rustdoc says, and its tokens (its name is stand-in 0, the list's
/// permission set stand-in 1).
pub(super) struct CollectionCall {
    kind: &'static str,
    summary: &'static str,
    /// What the request line adds to the list's path.
    path_suffix: &'static str,
    /// What the call sends or takes, before the permissions it needs.
    note: &'static str,
    tokens: fn() -> TokenStream,
}

/// `count()`: `GET <path>/$count`, with the `ConsistencyLevel: eventual`
/// header directory collections require (other collections ignore it).
pub(super) const COUNT: CollectionCall = CollectionCall {
    kind: "count",
    summary: "The number of items in the collection: OData's `$count`, answered as plain text.",
    path_suffix: "/$count",
    note: "Sends `ConsistencyLevel: eventual`",
    tokens: || {
        let (name, permissions) = (stand_in(0), stand_in(1));
        quote! {
            impl Template {
                pub fn #name(&self) -> ::graph_runtime::Request<u64> {
                    ::graph_runtime::Request::documented(
                        ::graph_runtime::http::Method::GET,
                        self.path.clone().segment("$count"),
                        &#permissions,
                    )
                    .consistency_level_eventual()
                }
            }
        }
    },
};

/// `cast::<T>()`: the collection read as a derived type (`GET
/// <path>/microsoft.graph.user`), generic so that it costs nothing until an
/// app uses it.
pub(super) const CAST: CollectionCall = CollectionCall {
    kind: "cast",
    summary: "The items of one derived type (OData's type cast), then `.get()` or `.count()`.",
    path_suffix: "/<qualified type name>",
    note: "`T` is a model deriving from the item type",
    tokens: || {
        let (name, permissions) = (stand_in(0), stand_in(1));
        quote! {
            impl Template {
                pub fn #name<T>(&self) -> ::graph_runtime::Cast<T>
                where
                    T: ::graph_runtime::model::Model + ::graph_runtime::model::FromJson,
                {
                    ::graph_runtime::Cast::new(self.path.clone(), &#permissions)
                }
            }
        }
    },
};

/// `call` on `node`, named `name`, beside the listing `list`: its rustdoc
/// says what it does, its request line, what it sends and which permissions
/// it needs.
pub(super) fn collection_call(
    cx: &Context,
    node: &Node,
    list: &Endpoint,
    name: &str,
    call: &CollectionCall,
) -> Result<syn::ImplItem, EmitError> {
    let fill = Fill {
        names: vec![
            ident(name, || cx.endpoint(list))?,
            cx.permissions.name(&list.permissions)?,
        ],
        texts: Vec::new(),
        attrs: doc_attrs(&[
            call.summary.to_owned(),
            String::new(),
            "```text".to_owned(),
            format!("GET {}{}", node.template, call.path_suffix),
            "```".to_owned(),
            String::new(),
            format!(
                "{}; needs the permissions of [`Self::{}`].",
                call.note, list.rust_name
            ),
        ]),
    };
    let key = TemplateKey::of(call.kind);
    item_templates::member(&key, call.tokens, fill, || cx.endpoint(list))
}

/// `get()`, `post(body)`, ...: a request carrying the operation's permissions.
pub(super) fn terminal(cx: &Context, endpoint: &Endpoint) -> Result<syn::ImplItem, EmitError> {
    let context = || cx.endpoint(endpoint);
    let mut doc_lines = rustdoc::endpoint(endpoint);
    if endpoint.returns == ResponseKind::Binary {
        doc_lines.push(String::new());
        doc_lines.push(
            "A large body can be read as it arrives: `.send_streaming(&client)` gives a `graph_runtime::ByteStream`."
                .to_owned(),
        );
    }
    let mut fill = Fill {
        names: vec![
            ident(&endpoint.rust_name, context)?,
            ident(endpoint.method.as_str(), context)?,
            cx.permissions.name(&endpoint.permissions)?,
        ],
        texts: Vec::new(),
        attrs: doc_attrs(&doc_lines),
    };
    let body = match &endpoint.body {
        BodyKind::None => 0,
        BodyKind::Model { model } => {
            fill.names.push(ident(model, context)?);
            1
        }
        BodyKind::Parameters(object) => {
            fill.names.push(ident(&object.rust_name, context)?);
            2
        }
        BodyKind::Json => 3,
        BodyKind::Bytes => 4,
    };
    let returns = stand_in_models(&endpoint.returns, &mut fill.names);
    let version = cx.version;
    let key = TemplateKey {
        kind: "terminal",
        detail: body,
        response: Some(returns.clone()),
    };
    let tokens = || {
        let output = response_type(&returns, version);
        let (params, body) = body_tokens(body, version);
        let (name, method, permissions) = (stand_in(0), stand_in(1), stand_in(2));
        quote! {
            impl Template {
                pub fn #name(&self #params) -> ::graph_runtime::Request<#output> {
                    ::graph_runtime::Request::documented(
                        ::graph_runtime::http::Method::#method,
                        self.path.clone(),
                        &#permissions,
                    ) #body
                }
            }
        }
    };
    item_templates::member(&key, tokens, fill, context)
}

/// The body parameter and what the call does with it, by body kind (a
/// model or parameter type is stand-in 3).
fn body_tokens(body: u32, version: ApiVersion) -> (TokenStream, TokenStream) {
    let json = quote!(.json_body(::graph_runtime::model::Model::object(body)));
    match body {
        1 => {
            let (models, model) = (models_path(version), stand_in(3));
            (quote!(, body: &#models::#model), json)
        }
        2 => {
            let (actions, ty) = (format_ident!("{}", ACTIONS_MODULE), stand_in(3));
            (quote!(, body: &super::#actions::#ty), json)
        }
        3 => (
            quote!(, body: &(impl ::serde::Serialize + ?Sized)),
            quote!(.json_body(body)),
        ),
        4 => (
            quote!(, bytes: impl ::core::convert::Into<::std::vec::Vec<u8>>, content_type: &str),
            quote!(.bytes_body(bytes.into(), content_type)),
        ),
        _ => (quote!(), quote!()),
    }
}

/// The response kind with each model or enum name replaced by the next
/// stand-in, the names pushed on `names` (as `rust_type` makes them).
fn stand_in_models(kind: &ResponseKind, names: &mut Vec<Ident>) -> ResponseKind {
    match kind {
        ResponseKind::Model(accessor) => ResponseKind::Model(stand_in_accessor(accessor, names)),
        ResponseKind::Page(accessor) => ResponseKind::Page(stand_in_accessor(accessor, names)),
        other => other.clone(),
    }
}
