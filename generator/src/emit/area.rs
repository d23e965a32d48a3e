//! One area file (`src/beta/device_management.rs`): the entry function and
//! one builder struct per path node.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::area_share::Share;
use super::doc_blocks::DocBlocks;
use super::response_types::{models_path, response_type};
use super::rustdoc;
use super::syntax::{ident, unparse, EmitError};
use crate::ir::api::{Area, BodyKind, Edge, Endpoint, Node, ResponseKind, Segment, ACTIONS_MODULE};
use crate::ir::page::{ApiVersion, PermissionSource, Permissions};

/// The area being emitted, for names, shared permission sets and error messages.
struct Context<'a> {
    version: ApiVersion,
    area: &'a Area,
    permissions: PermissionSets<'a>,
    share: &'a Share,
    docs: DocBlocks,
}

impl Context<'_> {
    fn target(&self, edge: &Edge) -> Result<&Node, EmitError> {
        self.area
            .nodes
            .get(edge.target)
            .ok_or_else(|| EmitError::Tree {
                context: format!("{} area `{}`", self.version.as_str(), self.area.wire),
            })
    }

    fn node(&self, node: &Node) -> String {
        format!(
            "{} area `{}`, path `{}`",
            self.version.as_str(),
            self.area.wire,
            node.template
        )
    }

    /// The node, and the operations whose terminal calls it holds.
    fn node_and_operations(&self, node: &Node) -> String {
        let operations: Vec<String> = node
            .endpoints
            .iter()
            .map(|e| format!("{} {}:{}", e.method.as_str(), e.file, e.line))
            .collect();
        if operations.is_empty() {
            self.node(node)
        } else {
            format!("{} (operations {})", self.node(node), operations.join(", "))
        }
    }

    fn endpoint(&self, endpoint: &Endpoint) -> String {
        format!(
            "{} area `{}`, operation {}:{}",
            self.version.as_str(),
            self.area.wire,
            endpoint.file,
            endpoint.line
        )
    }
}

/// The formatted contents of an area file (without the header).
pub fn area_file(version: ApiVersion, area: &Area) -> Result<String, EmitError> {
    share_file(version, area, &Share::whole(area))
}

/// The formatted contents of one file of an area (without the header): the
/// nodes `share` owns, and the methods reaching them from nodes it does not.
pub fn share_file(version: ApiVersion, area: &Area, share: &Share) -> Result<String, EmitError> {
    let mut order: Vec<&Node> = share.owned(area).collect();
    order.sort_by(|a, b| a.template.cmp(&b.template));
    let permissions = PermissionSets::collect(&order);
    let cx = Context {
        version,
        area,
        permissions,
        share,
        docs: DocBlocks::new(),
    };
    let area_context = format!("{} area `{}`", version.as_str(), area.wire);
    let mut items = vec![(share.prelude(), format!("the modules of {area_context}"))];
    if share.entries {
        let entries = entries(&cx)?;
        items.push((entries, format!("the entry functions of {area_context}")));
    }
    for node in share.crossing(area) {
        let methods = crossing_methods(&cx, node)?;
        items.push((methods, cx.node(node)));
    }
    for node in order {
        items.push((node_items(&cx, node)?, cx.node_and_operations(node)));
    }
    items.push((
        cx.permissions.items()?,
        format!("the permission sets of {area_context}"),
    ));
    unparse(items, &cx.docs)
}

/// The distinct permission sets of an area, each emitted once as a private
/// constant (`PERMISSIONS_0`, ...) that terminal calls attach to the request
/// they build: one constant per distinct set costs far less `cargo check`
/// time than one literal, or one public constant, per terminal.
struct PermissionSets<'a> {
    sets: Vec<&'a Permissions>,
}

impl<'a> PermissionSets<'a> {
    fn collect(nodes: &[&'a Node]) -> Self {
        let mut sets: Vec<&Permissions> = Vec::new();
        for endpoint in nodes.iter().flat_map(|n| &n.endpoints) {
            if !sets
                .iter()
                .any(|s| same_permissions(s, &endpoint.permissions))
            {
                sets.push(&endpoint.permissions);
            }
        }
        PermissionSets { sets }
    }

    fn name(&self, permissions: &Permissions) -> Result<Ident, EmitError> {
        let index = self
            .sets
            .iter()
            .position(|s| same_permissions(s, permissions))
            .ok_or_else(|| EmitError::Tree {
                context: "a permission set missing from its table".to_owned(),
            })?;
        Ok(format_ident!("PERMISSIONS_{}", index))
    }

    fn items(&self) -> Result<TokenStream, EmitError> {
        let mut items = Vec::new();
        for set in &self.sets {
            let name = self.name(set)?;
            let (work, personal, application) = (
                &set.delegated_work,
                &set.delegated_personal,
                &set.application,
            );
            let documented = set.source != PermissionSource::Missing;
            items.push(quote! {
                const #name: ::graph_runtime::Permissions = ::graph_runtime::Permissions {
                    delegated_work: &[#(#work),*],
                    delegated_personal: &[#(#personal),*],
                    application: &[#(#application),*],
                    documented: #documented,
                };
            });
        }
        Ok(quote!(#(#items)*))
    }
}

/// Equal lists and equally documented (where the table came from does not matter).
fn same_permissions(a: &Permissions, b: &Permissions) -> bool {
    let missing = |p: &Permissions| p.source == PermissionSource::Missing;
    a.delegated_work == b.delegated_work
        && a.delegated_personal == b.delegated_personal
        && a.application == b.application
        && missing(a) == missing(b)
}

/// The entry functions: `pub fn device_management() -> DeviceManagement`,
/// and one per alternate key (`applications_with_app_id(app_id)`).
fn entries(cx: &Context) -> Result<TokenStream, EmitError> {
    let version = match cx.version {
        ApiVersion::V1_0 => quote!(V1_0),
        ApiVersion::Beta => quote!(Beta),
    };
    let start = quote!(::graph_runtime::RequestPath::new(::graph_runtime::ApiVersion::#version));
    let mut items = Vec::new();
    for edge in &cx.area.entries {
        let target = cx.target(edge)?;
        let name = ident(&edge.rust_name, || cx.node(target))?;
        let ty = ident(&target.struct_name, || cx.node(target))?;
        let (params, path) = segment_call(cx, target, &edge.segment, &start)?;
        let doc = match edge.segment {
            Segment::Literal { .. } => cx.docs.attrs(&[format!(
                "Requests under {}.",
                rustdoc::code(&target.template)
            )]),
            _ => cx.docs.attrs(&rustdoc::edge(edge, target)),
        };
        let lints = lint_allowances(&edge.rust_name, params.len());
        items.push(quote! {
            #doc
            #lints
            pub fn #name(#(#params),*) -> #ty {
                #ty { path: #path }
            }
        });
    }
    Ok(quote!(#(#items)*))
}

/// The struct and its impl block.
fn node_items(cx: &Context, node: &Node) -> Result<TokenStream, EmitError> {
    let ty = ident(&node.struct_name, || cx.node(node))?;
    let doc = cx.docs.attrs(&rustdoc::node(node));
    let mut methods = Vec::new();
    for edge in node.edges.iter().filter(|e| cx.share.owns(e.target)) {
        methods.push(edge_method(cx, node, edge)?);
    }
    for endpoint in &node.endpoints {
        methods.push(terminal(cx, endpoint)?);
        if let Some(count) = &endpoint.count {
            methods.push(count_call(cx, node, endpoint, count)?);
        }
        if let Some(cast) = &endpoint.cast {
            methods.push(cast_call(cx, node, endpoint, cast)?);
        }
    }
    Ok(quote! {
        #doc
        pub struct #ty {
            path: ::graph_runtime::RequestPath,
        }

        impl #ty {
            #(#methods)*
        }
    })
}

/// `impl Parent { .. }` with the methods of a node another file holds that
/// lead into this one.
fn crossing_methods(cx: &Context, node: &Node) -> Result<TokenStream, EmitError> {
    let ty = ident(&node.struct_name, || cx.node(node))?;
    let mut methods = Vec::new();
    for edge in node.edges.iter().filter(|e| cx.share.owns(e.target)) {
        methods.push(edge_method(cx, node, edge)?);
    }
    Ok(quote! {
        impl #ty {
            #(#methods)*
        }
    })
}

fn edge_method(cx: &Context, node: &Node, edge: &Edge) -> Result<TokenStream, EmitError> {
    let target = cx.target(edge)?;
    let name = ident(&edge.rust_name, || cx.node(node))?;
    let ty = ident(&target.struct_name, || cx.node(target))?;
    let doc = cx.docs.attrs(&rustdoc::edge(edge, target));
    let (params, path) = segment_call(cx, target, &edge.segment, &quote!(self.path.clone()))?;
    let lints = lint_allowances(&edge.rust_name, params.len() + 1);
    Ok(quote! {
        #doc
        #lints
        pub fn #name(&self #(, #params)*) -> #ty {
            #ty { path: #path }
        }
    })
}

/// The parameters of the call that appends `segment`, and the path expression.
fn segment_call(
    cx: &Context,
    target: &Node,
    segment: &Segment,
    base: &TokenStream,
) -> Result<(Vec<TokenStream>, TokenStream), EmitError> {
    Ok(match segment {
        Segment::Literal { wire } => (vec![], quote!(#base.segment(#wire))),
        Segment::Key { .. } => (
            vec![quote!(id: impl ::core::convert::AsRef<str>)],
            quote!(#base.key(id)),
        ),
        Segment::ColonPath { .. } => (
            vec![quote!(path: impl ::core::convert::AsRef<str>)],
            quote!(#base.colon_path(path)),
        ),
        Segment::Function { name: wire, args } => {
            let mut names = Vec::new();
            for arg in args {
                names.push(ident(&arg.rust_name, || cx.node(target))?);
            }
            let wires = args.iter().map(|a| a.wire.as_str());
            let params = names
                .iter()
                .map(|n| quote!(#n: impl ::core::convert::Into<::graph_runtime::FunctionArg>))
                .collect();
            (
                params,
                quote!(#base.function(#wire, &[#((#wires, #names.into())),*])),
            )
        }
    })
}

/// Method names clippy's `should_implement_trait` reserves for std traits
/// (a Graph action called `clone` is a builder method `clone(&self)`).
const STD_TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// Allows for clippy lints that a documented name or arity can trigger.
fn lint_allowances(name: &str, arity: usize) -> TokenStream {
    let mut lints = Vec::new();
    let bare = name.trim_start_matches("r#");
    if ["as_", "into_", "to_", "is_", "from_"]
        .iter()
        .any(|p| bare.starts_with(p))
    {
        lints.push(quote!(clippy::wrong_self_convention));
    }
    if STD_TRAIT_METHODS.contains(&bare) {
        lints.push(quote!(clippy::should_implement_trait));
    }
    if arity > 7 {
        lints.push(quote!(clippy::too_many_arguments));
    }
    if lints.is_empty() {
        quote!()
    } else {
        quote!(#[allow(#(#lints),*)])
    }
}

/// `count()` beside a listing `get()`: `GET <path>/$count`, with the list's
/// permissions and the `ConsistencyLevel: eventual` header directory
/// collections require (other collections ignore it).
fn count_call(
    cx: &Context,
    node: &Node,
    list: &Endpoint,
    name: &str,
) -> Result<TokenStream, EmitError> {
    let name = ident(name, || cx.endpoint(list))?;
    let doc = collection_call_doc(
        cx,
        "The number of items in the collection: OData's `$count`, answered as plain text.",
        format!("GET {}/$count", node.template),
        format!(
            "Sends `ConsistencyLevel: eventual`; needs the permissions of [`Self::{}`].",
            list.rust_name
        ),
    );
    let permissions = cx.permissions.name(&list.permissions)?;
    Ok(quote! {
        #doc
        pub fn #name(&self) -> ::graph_runtime::Request<u64> {
            ::graph_runtime::Request::documented(
                ::graph_runtime::http::Method::GET,
                self.path.clone().segment("$count"),
                &#permissions,
            )
            .consistency_level_eventual()
        }
    })
}

/// The rustdoc of a call beside a listing `get()`: what it does, its
/// request line, what it sends and needs.
fn collection_call_doc(
    cx: &Context,
    summary: &str,
    http_line: String,
    note: String,
) -> TokenStream {
    cx.docs.attrs(&[
        summary.to_owned(),
        String::new(),
        "```text".to_owned(),
        http_line,
        "```".to_owned(),
        String::new(),
        note,
    ])
}

/// `cast::<T>()` beside a listing `get()`: the collection read as a derived
/// type (`GET <path>/microsoft.graph.user`), generic so that it costs
/// nothing until an app uses it.
fn cast_call(
    cx: &Context,
    node: &Node,
    list: &Endpoint,
    name: &str,
) -> Result<TokenStream, EmitError> {
    let name = ident(name, || cx.endpoint(list))?;
    let doc = collection_call_doc(
        cx,
        "The items of one derived type (OData's type cast), then `.get()` or `.count()`.",
        format!("GET {}/<qualified type name>", node.template),
        format!(
            "`T` is a model deriving from the item type; needs the permissions of [`Self::{}`].",
            list.rust_name
        ),
    );
    let permissions = cx.permissions.name(&list.permissions)?;
    Ok(quote! {
        #doc
        pub fn #name<T>(&self) -> ::graph_runtime::Cast<T>
        where
            T: ::graph_runtime::model::Model + ::graph_runtime::model::FromJson,
        {
            ::graph_runtime::Cast::new(self.path.clone(), &#permissions)
        }
    })
}

/// `get()`, `post(body)`, ...: a request carrying the operation's permissions.
fn terminal(cx: &Context, endpoint: &Endpoint) -> Result<TokenStream, EmitError> {
    let name: Ident = ident(&endpoint.rust_name, || cx.endpoint(endpoint))?;
    let method = ident(endpoint.method.as_str(), || cx.endpoint(endpoint))?;
    let output = response_type(&endpoint.returns, cx.version);
    let mut doc_lines = rustdoc::endpoint(endpoint);
    if endpoint.returns == ResponseKind::Binary {
        doc_lines.push(String::new());
        doc_lines.push(
            "A large body can be read as it arrives: `.send_streaming(&client)` gives a `graph_runtime::ByteStream`."
                .to_owned(),
        );
    }
    let doc = cx.docs.attrs(&doc_lines);
    let (params, body) = match &endpoint.body {
        BodyKind::None => (quote!(), quote!()),
        BodyKind::Model { model } => {
            let model = ident(model, || cx.endpoint(endpoint))?;
            let models = models_path(cx.version);
            (
                quote!(, body: &#models::#model),
                quote!(.json_body(::graph_runtime::model::Model::object(body))),
            )
        }
        BodyKind::Parameters(object) => {
            let ty = ident(&object.rust_name, || cx.endpoint(endpoint))?;
            let actions = format_ident!("{}", ACTIONS_MODULE);
            (
                quote!(, body: &super::#actions::#ty),
                quote!(.json_body(::graph_runtime::model::Model::object(body))),
            )
        }
        BodyKind::Json => (
            quote!(, body: &(impl ::serde::Serialize + ?Sized)),
            quote!(.json_body(body)),
        ),
        BodyKind::Bytes => (
            quote!(, bytes: impl ::core::convert::Into<::std::vec::Vec<u8>>, content_type: &str),
            quote!(.bytes_body(bytes.into(), content_type)),
        ),
    };
    let permissions = cx.permissions.name(&endpoint.permissions)?;
    Ok(quote! {
        #doc
        pub fn #name(&self #params) -> ::graph_runtime::Request<#output> {
            ::graph_runtime::Request::documented(
                ::graph_runtime::http::Method::#method,
                self.path.clone(),
                &#permissions,
            ) #body
        }
    })
}
