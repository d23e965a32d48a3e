//! One area file (`src/beta/device_management.rs`): the entry function and
//! one builder struct per path node.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::area_share::Share;
use super::doc_blocks::{doc_attrs, DocBlocks};
use super::error::EmitError;
use super::idents::ident;
use super::item_templates::{self, stand_in, stand_in_accessor, stand_in_text, Fill, TemplateKey};
use super::response_types::{models_path, response_type};
use super::rustdoc;
use super::syntax::FileItems;
use crate::ir::api::{Area, BodyKind, Edge, Endpoint, Node, ResponseKind, Segment, ACTIONS_MODULE};
use crate::ir::page::{ApiVersion, PermissionSource, Permissions};

/// The area being emitted, for names, shared permission sets and error messages.
struct Context<'a> {
    version: ApiVersion,
    area: &'a Area,
    permissions: PermissionSets<'a>,
    share: &'a Share,
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
    };
    let area_context = format!("{} area `{}`", version.as_str(), area.wire);
    let docs = DocBlocks::new();
    let mut file = FileItems::new(&docs);
    file.push_tokens(share.prelude(), format!("the modules of {area_context}"))?;
    if share.entries {
        entries(&cx, &mut file)?;
    }
    for node in share.crossing(area) {
        file.push(crossing_methods(&cx, node)?);
    }
    for node in order {
        node_items(&cx, node, &mut file)?;
    }
    file.push_tokens(
        cx.permissions.items()?,
        format!("the permission sets of {area_context}"),
    )?;
    file.finish()
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
fn entries(cx: &Context, file: &mut FileItems) -> Result<(), EmitError> {
    for edge in &cx.area.entries {
        let target = cx.target(edge)?;
        let context = || cx.node(target);
        let mut fill = Fill {
            names: vec![
                ident(&edge.rust_name, context)?,
                ident(&target.struct_name, context)?,
            ],
            texts: Vec::new(),
            attrs: doc_attrs(&match edge.segment {
                Segment::Literal { .. } => vec![format!(
                    "Requests under {}.",
                    rustdoc::code(&target.template)
                )],
                _ => rustdoc::edge(edge, target),
            }),
        };
        let shape = segment_fill(cx, target, &edge.segment, &mut fill)?;
        let lints = lint_flags(&edge.rust_name, shape.arity());
        let version = cx.version;
        let key = TemplateKey {
            kind: "entry",
            detail: shape.detail() | lints << 16 | u32::from(version == ApiVersion::Beta) << 20,
            response: None,
        };
        let tokens = || {
            let version = match version {
                ApiVersion::V1_0 => quote!(V1_0),
                ApiVersion::Beta => quote!(Beta),
            };
            let start =
                quote!(::graph_runtime::RequestPath::new(::graph_runtime::ApiVersion::#version));
            let (params, path) = shape.tokens(&start);
            let (name, ty, lints) = (stand_in(0), stand_in(1), lint_allowances(lints));
            quote! {
                #lints
                pub fn #name(#(#params),*) -> #ty {
                    #ty { path: #path }
                }
            }
        };
        file.push(item_templates::item(&key, tokens, fill, context)?);
    }
    Ok(())
}

/// The struct and its impl block.
fn node_items(cx: &Context, node: &Node, file: &mut FileItems) -> Result<(), EmitError> {
    let ty = ident(&node.struct_name, || cx.node(node))?;
    let context = || cx.node_and_operations(node);
    let key = TemplateKey::of("builder struct");
    let tokens = || {
        let ty = stand_in(0);
        quote! {
            pub struct #ty {
                path: ::graph_runtime::RequestPath,
            }
        }
    };
    let fill = Fill {
        names: vec![ty.clone()],
        texts: Vec::new(),
        attrs: doc_attrs(&rustdoc::node(node)),
    };
    file.push(item_templates::item(&key, tokens, fill, context)?);
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
    file.push(impl_block(ty, methods, context)?);
    Ok(())
}

/// `impl Parent { .. }` with the methods of a node another file holds that
/// lead into this one.
fn crossing_methods(cx: &Context, node: &Node) -> Result<syn::Item, EmitError> {
    let ty = ident(&node.struct_name, || cx.node(node))?;
    let mut methods = Vec::new();
    for edge in node.edges.iter().filter(|e| cx.share.owns(e.target)) {
        methods.push(edge_method(cx, node, edge)?);
    }
    impl_block(ty, methods, || cx.node(node))
}

/// `impl #ty { #methods }`.
fn impl_block(
    ty: Ident,
    methods: Vec<syn::ImplItem>,
    context: impl Fn() -> String,
) -> Result<syn::Item, EmitError> {
    let key = TemplateKey::of("builder impl");
    let tokens = || {
        let ty = stand_in(0);
        quote!(impl #ty {})
    };
    let fill = Fill {
        names: vec![ty],
        texts: Vec::new(),
        attrs: Vec::new(),
    };
    let mut block = item_templates::item(&key, tokens, fill, context)?;
    if let syn::Item::Impl(block) = &mut block {
        block.items = methods;
    }
    Ok(block)
}

fn edge_method(cx: &Context, node: &Node, edge: &Edge) -> Result<syn::ImplItem, EmitError> {
    let target = cx.target(edge)?;
    let mut fill = Fill {
        names: vec![
            ident(&edge.rust_name, || cx.node(node))?,
            ident(&target.struct_name, || cx.node(target))?,
        ],
        texts: Vec::new(),
        attrs: doc_attrs(&rustdoc::edge(edge, target)),
    };
    let shape = segment_fill(cx, target, &edge.segment, &mut fill)?;
    let lints = lint_flags(&edge.rust_name, shape.arity() + 1);
    let key = TemplateKey {
        kind: "edge",
        detail: shape.detail() | lints << 16,
        response: None,
    };
    let tokens = || {
        let (params, path) = shape.tokens(&quote!(self.path.clone()));
        let (name, ty, lints) = (stand_in(0), stand_in(1), lint_allowances(lints));
        quote! {
            impl Template {
                #lints
                pub fn #name(&self #(, #params)*) -> #ty {
                    #ty { path: #path }
                }
            }
        }
    };
    item_templates::member(&key, tokens, fill, || cx.node(node))
}

/// What shapes the call that appends a segment: its kind and, for a
/// function, its arity; and where its stand-ins start.
#[derive(Clone, Copy)]
struct SegmentShape {
    kind: u32,
    args: usize,
    first_name: usize,
    first_text: usize,
}

const LITERAL: u32 = 0;
const KEY: u32 = 1;
const COLON_PATH: u32 = 2;
const FUNCTION: u32 = 3;

impl SegmentShape {
    fn arity(&self) -> usize {
        match self.kind {
            LITERAL => 0,
            KEY | COLON_PATH => 1,
            _ => self.args,
        }
    }

    /// The part of a template key it decides (stand-ins start at fixed
    /// places for a given caller).
    fn detail(&self) -> u32 {
        self.kind | (self.args.min(0xfff) as u32) << 2
    }

    /// The parameters of the call, and the path expression, with stand-ins.
    fn tokens(&self, base: &TokenStream) -> (Vec<TokenStream>, TokenStream) {
        match self.kind {
            LITERAL => {
                let wire = stand_in_text(self.first_text);
                (vec![], quote!(#base.segment(#wire)))
            }
            KEY => (
                vec![quote!(id: impl ::core::convert::AsRef<str>)],
                quote!(#base.key(id)),
            ),
            COLON_PATH => (
                vec![quote!(path: impl ::core::convert::AsRef<str>)],
                quote!(#base.colon_path(path)),
            ),
            _ => {
                let wire = stand_in_text(self.first_text);
                let names: Vec<Ident> = (0..self.args)
                    .map(|i| stand_in(self.first_name + i))
                    .collect();
                let wires: Vec<String> = (0..self.args)
                    .map(|i| stand_in_text(self.first_text + 1 + i))
                    .collect();
                let params = names
                    .iter()
                    .map(|n| quote!(#n: impl ::core::convert::Into<::graph_runtime::FunctionArg>))
                    .collect();
                (
                    params,
                    quote!(#base.function(#wire, &[#((#wires, #names.into())),*])),
                )
            }
        }
    }
}

/// Pushes the names and texts the segment's call holds onto `fill`, and
/// gives its shape.
fn segment_fill(
    cx: &Context,
    target: &Node,
    segment: &Segment,
    fill: &mut Fill,
) -> Result<SegmentShape, EmitError> {
    let mut shape = SegmentShape {
        kind: LITERAL,
        args: 0,
        first_name: fill.names.len(),
        first_text: fill.texts.len(),
    };
    match segment {
        Segment::Literal { wire } => fill.texts.push(wire.clone()),
        Segment::Key { .. } => shape.kind = KEY,
        Segment::ColonPath { .. } => shape.kind = COLON_PATH,
        Segment::Function { name: wire, args } => {
            shape.kind = FUNCTION;
            shape.args = args.len();
            fill.texts.push(wire.clone());
            for arg in args {
                fill.names.push(ident(&arg.rust_name, || cx.node(target))?);
                fill.texts.push(arg.wire.clone());
            }
        }
    }
    Ok(shape)
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

const WRONG_SELF_CONVENTION: u32 = 1;
const SHOULD_IMPLEMENT_TRAIT: u32 = 2;
const TOO_MANY_ARGUMENTS: u32 = 4;

/// The clippy lints that a documented name or arity can trigger, as flags.
fn lint_flags(name: &str, arity: usize) -> u32 {
    let mut lints = 0;
    let bare = name.trim_start_matches("r#");
    if ["as_", "into_", "to_", "is_", "from_"]
        .iter()
        .any(|p| bare.starts_with(p))
    {
        lints |= WRONG_SELF_CONVENTION;
    }
    if STD_TRAIT_METHODS.contains(&bare) {
        lints |= SHOULD_IMPLEMENT_TRAIT;
    }
    if arity > 7 {
        lints |= TOO_MANY_ARGUMENTS;
    }
    lints
}

/// Allows for the lints of [`lint_flags`].
fn lint_allowances(flags: u32) -> TokenStream {
    let mut lints = Vec::new();
    if flags & WRONG_SELF_CONVENTION != 0 {
        lints.push(quote!(clippy::wrong_self_convention));
    }
    if flags & SHOULD_IMPLEMENT_TRAIT != 0 {
        lints.push(quote!(clippy::should_implement_trait));
    }
    if flags & TOO_MANY_ARGUMENTS != 0 {
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
) -> Result<syn::ImplItem, EmitError> {
    let fill = collection_call_fill(
        cx,
        list,
        name,
        "The number of items in the collection: OData's `$count`, answered as plain text.",
        format!("GET {}/$count", node.template),
        format!(
            "Sends `ConsistencyLevel: eventual`; needs the permissions of [`Self::{}`].",
            list.rust_name
        ),
    )?;
    let key = TemplateKey::of("count");
    let tokens = || {
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
    };
    item_templates::member(&key, tokens, fill, || cx.endpoint(list))
}

/// What fills a call beside a listing `get()`: its name and the list's
/// permission set (stand-ins 0 and 1), and its rustdoc: what it does, its
/// request line, what it sends and needs.
fn collection_call_fill(
    cx: &Context,
    list: &Endpoint,
    name: &str,
    summary: &str,
    http_line: String,
    note: String,
) -> Result<Fill, EmitError> {
    Ok(Fill {
        names: vec![
            ident(name, || cx.endpoint(list))?,
            cx.permissions.name(&list.permissions)?,
        ],
        texts: Vec::new(),
        attrs: doc_attrs(&[
            summary.to_owned(),
            String::new(),
            "```text".to_owned(),
            http_line,
            "```".to_owned(),
            String::new(),
            note,
        ]),
    })
}

/// `cast::<T>()` beside a listing `get()`: the collection read as a derived
/// type (`GET <path>/microsoft.graph.user`), generic so that it costs
/// nothing until an app uses it.
fn cast_call(
    cx: &Context,
    node: &Node,
    list: &Endpoint,
    name: &str,
) -> Result<syn::ImplItem, EmitError> {
    let fill = collection_call_fill(
        cx,
        list,
        name,
        "The items of one derived type (OData's type cast), then `.get()` or `.count()`.",
        format!("GET {}/<qualified type name>", node.template),
        format!(
            "`T` is a model deriving from the item type; needs the permissions of [`Self::{}`].",
            list.rust_name
        ),
    )?;
    let key = TemplateKey::of("cast");
    let tokens = || {
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
    };
    item_templates::member(&key, tokens, fill, || cx.endpoint(list))
}

/// `get()`, `post(body)`, ...: a request carrying the operation's permissions.
fn terminal(cx: &Context, endpoint: &Endpoint) -> Result<syn::ImplItem, EmitError> {
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
