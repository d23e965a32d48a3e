//! One area file (`src/beta/device_management.rs`): the entry function and
//! one builder struct per path node, with the edges between builders. The
//! calls on a builder are made in `area_calls.rs`, in the area's
//! `area_context.rs`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::area_calls::{collection_call, terminal, CAST, COUNT};
use super::area_context::{Context, PermissionSets};
use super::area_share::Share;
use super::doc_blocks::{doc_attrs, DocBlocks};
use super::error::EmitError;
use super::idents::ident;
use super::item_templates::{self, stand_in, stand_in_text, Fill, TemplateKey};
use super::rustdoc;
use super::syntax::FileItems;
use crate::ir::api::{Area, Edge, Node, Segment};
use crate::ir::page::ApiVersion;

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
            methods.push(collection_call(cx, node, endpoint, count, &COUNT)?);
        }
        if let Some(cast) = &endpoint.cast {
            methods.push(collection_call(cx, node, endpoint, cast, &CAST)?);
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
