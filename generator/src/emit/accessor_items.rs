//! The accessor methods of a view (getter, setter, builder), as syntax trees
//! built from a parsed template per shape.
//!
//! A crate has tens of thousands of accessors but only a few hundred shapes
//! (the Rust type and the runtime helper they call). Parsing each
//! accessor's tokens was most of the emitter's time, so each shape is
//! written with `quote!` and parsed once per thread, with placeholder names
//! and a placeholder wire name; an accessor is a clone of its shape with its
//! names, its wire name, its doc lines and its `cfg` set in the tree. The
//! text prettyplease prints is the same as for the accessor's own tokens.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Attribute, Expr, ImplItem, ImplItemFn, Lit, LitStr, Stmt};

use super::doc_blocks::doc_attr;
use super::error::EmitError;
use super::idents::ident;
use super::item_templates;
use crate::ir::api::Accessor;

/// The placeholder wire name in a template's tokens (the real one is set in
/// the tree); no JSON property name holds a NUL.
pub const WIRE: &str = "\u{0}docgen-wire";

/// One method to build: its name and the texts of its doc attributes
/// (` `-prefixed or empty, as [`super::rustdoc::attr_texts`] gives them).
pub struct Method<'a> {
    pub name: &'a str,
    pub doc: Vec<String>,
}

/// What the methods of one accessor share: the key of their shape, the
/// shape's tokens (written with [`WIRE`] for the wire name and any names for
/// the methods, for the accessor they are given; built only the first time
/// a thread meets the key), the wire name and the `cfg` attribute tokens
/// (empty for none). The model and enum names of the key's accessor are
/// taken out of the key: the tokens are made for stand-ins, swapped in the
/// tree for the names, so one template serves every model.
pub struct Shape<'a, F: FnOnce(&Accessor) -> TokenStream> {
    /// Identifies the shape: equal keys give equal tokens.
    pub key: ShapeKey,
    pub tokens: F,
    pub wire: &'a str,
    pub cfg: &'a TokenStream,
}

/// What kind of methods (and under which models path) for which accessor.
pub type ShapeKey = (&'static str, Accessor);

thread_local! {
    static TEMPLATES: RefCell<HashMap<ShapeKey, Vec<ImplItemFn>>> = RefCell::new(HashMap::new());
    static CFGS: RefCell<HashMap<String, Vec<Attribute>>> = RefCell::new(HashMap::new());
}

/// The methods of `shape`, named and documented as `methods` say, in order.
pub fn build<F: FnOnce(&Accessor) -> TokenStream>(
    shape: Shape<F>,
    methods: &[Method],
    context: impl Fn() -> String,
) -> Result<Vec<ImplItem>, EmitError> {
    let (kind, accessor) = shape.key;
    let mut names = Vec::new();
    let erased = item_templates::stand_in_accessor(&accessor, &mut names);
    let tokens = shape.tokens;
    let mut template = template((kind, erased.clone()), || tokens(&erased), &context)?;
    if !names.is_empty() && !item_templates::swap_names(&mut template, names) {
        return Err(syntax_error(
            &context,
            "a stand-in the template does not reach",
        ));
    }
    if template.len() != methods.len() {
        return Err(syntax_error(
            &context,
            "template and methods differ in count",
        ));
    }
    let cfg = cfg_attrs(shape.cfg, &context)?;
    let wire = LitStr::new(shape.wire, Span::call_site());
    let mut items = Vec::with_capacity(methods.len());
    for (template, method) in template.into_iter().zip(methods) {
        let mut item = template;
        item.sig.ident = ident(method.name, &context)?;
        if !set_wire(&mut item, &wire) {
            return Err(syntax_error(&context, "no wire name in the template"));
        }
        item.attrs = method.doc.iter().map(|line| doc_attr(line)).collect();
        item.attrs.extend(cfg.iter().cloned());
        items.push(ImplItem::Fn(item));
    }
    Ok(items)
}

/// The parsed methods of a shape, parsed once per thread.
fn template(
    key: ShapeKey,
    tokens: impl FnOnce() -> TokenStream,
    context: impl Fn() -> String,
) -> Result<Vec<ImplItemFn>, EmitError> {
    if let Some(found) = TEMPLATES.with(|t| t.borrow().get(&key).cloned()) {
        return Ok(found);
    }
    let tokens = tokens();
    let item: syn::ItemImpl = syn::parse2(quote!(impl Template { #tokens }))
        .map_err(|e| syntax_error(&context, &e.to_string()))?;
    let mut methods = Vec::new();
    for member in item.items {
        match member {
            ImplItem::Fn(method) => methods.push(method),
            _ => return Err(syntax_error(&context, "a template member is not a method")),
        }
    }
    TEMPLATES.with(|t| t.borrow_mut().insert(key, methods.clone()));
    Ok(methods)
}

/// The `cfg` attribute of `tokens` (none when empty), parsed once per thread.
fn cfg_attrs(
    tokens: &TokenStream,
    context: impl Fn() -> String,
) -> Result<Vec<Attribute>, EmitError> {
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let key = tokens.to_string();
    if let Some(found) = CFGS.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(found);
    }
    let item: syn::ItemFn = syn::parse2(quote!(#tokens fn f() {}))
        .map_err(|e| syntax_error(&context, &e.to_string()))?;
    CFGS.with(|c| c.borrow_mut().insert(key, item.attrs.clone()));
    Ok(item.attrs)
}

/// Replaces the placeholder wire name, an argument of the call of the
/// method's first statement; false when there is none.
fn set_wire(method: &mut ImplItemFn, wire: &LitStr) -> bool {
    let call = match method.block.stmts.first_mut() {
        Some(Stmt::Expr(Expr::Call(call), _)) => call,
        _ => return false,
    };
    for arg in call.args.iter_mut() {
        if let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) = arg
        {
            if lit.value() == WIRE {
                *lit = wire.clone();
                return true;
            }
        }
    }
    false
}

fn syntax_error(context: impl Fn() -> String, message: &str) -> EmitError {
    EmitError::Syntax {
        context: context(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(items: Vec<ImplItem>) -> String {
        let mut item: syn::ItemImpl = syn::parse_quote!(impl Thing {});
        item.items = items;
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![syn::Item::Impl(item)],
        })
    }

    fn shape_tokens() -> TokenStream {
        quote! {
            pub fn getter(&self) -> Option<&str> { get_str(&self.0, #WIRE) }
            pub fn setter(&mut self, value: &str) -> &mut Self { set_str(&mut self.0, #WIRE, value); self }
        }
    }

    #[test]
    fn built_methods_print_as_their_own_tokens() {
        let cfg = quote!(#[cfg(any(feature = "a", feature = "b"))]);
        let methods = [
            Method {
                name: "r#type",
                doc: vec![" A \"quoted\" */ line.".to_owned(), String::new()],
            },
            Method {
                name: "set_type",
                doc: vec![" Sets it.".to_owned()],
            },
        ];
        let shape = Shape {
            key: ("test str", Accessor::Str),
            tokens: |_: &Accessor| shape_tokens(),
            wire: "@odata.type",
            cfg: &cfg,
        };
        let built = build(shape, &methods, || "test".to_owned()).unwrap();
        let expected: syn::ItemImpl = syn::parse_quote! {
            impl Thing {
                #[doc = " A \"quoted\" */ line."]
                #[doc = ""]
                #cfg
                pub fn r#type(&self) -> Option<&str> { get_str(&self.0, "@odata.type") }
                #[doc = " Sets it."]
                #cfg
                pub fn set_type(&mut self, value: &str) -> &mut Self { set_str(&mut self.0, "@odata.type", value); self }
            }
        };
        assert_eq!(print(built), print(expected.items));
    }

    #[test]
    fn one_template_serves_every_model() {
        let tokens = |accessor: &Accessor| {
            let Accessor::List(item) = accessor else {
                panic!("not a list");
            };
            let Accessor::Model(name) = &**item else {
                panic!("not a model");
            };
            let ty = proc_macro2::Ident::new(name, Span::call_site());
            quote! {
                pub fn getter(&self) -> Option<Vec<super::#ty>> { get_list::<super::#ty>(&self.0, #WIRE) }
            }
        };
        for model in ["Alpha", "Beta"] {
            let accessor = Accessor::List(Box::new(Accessor::Model(model.to_owned())));
            let shape = Shape {
                key: ("test models", accessor),
                tokens,
                wire: "items",
                cfg: &TokenStream::new(),
            };
            let method = Method {
                name: "items",
                doc: Vec::new(),
            };
            let built = build(shape, &[method], || "test".to_owned()).unwrap();
            let ty = proc_macro2::Ident::new(model, Span::call_site());
            let expected: syn::ItemImpl = syn::parse_quote! {
                impl Thing {
                    pub fn items(&self) -> Option<Vec<super::#ty>> { get_list::<super::#ty>(&self.0, "items") }
                }
            };
            assert_eq!(print(built), print(expected.items));
        }
    }

    #[test]
    fn a_template_without_the_wire_placeholder_is_an_error() {
        let shape = Shape {
            key: ("test no wire", Accessor::U8),
            tokens: |_: &Accessor| {
                quote!(
                    pub fn getter(&self) -> u8 {
                        get(&self.0, "fixed")
                    }
                )
            },
            wire: "x",
            cfg: &TokenStream::new(),
        };
        let method = Method {
            name: "x",
            doc: Vec::new(),
        };
        let Err(error) = build(shape, &[method], || "test".to_owned()) else {
            panic!("a template without the placeholder was accepted");
        };
        assert!(error.to_string().contains("no wire name"), "{error}");
    }
}
