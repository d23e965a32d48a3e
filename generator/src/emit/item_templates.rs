//! Items of area files (request builders and their calls) built from a
//! template parsed once per shape and thread.
//!
//! An area file holds thousands of calls of a few dozen shapes: a `get()`
//! answering one kind of model, an edge to a keyed item, a `count()`.
//! Parsing each call's tokens was the largest cost of writing area files.
//! Here the emitter writes a shape's tokens once with stand-ins
//! ([`stand_in`], [`stand_in_text`]) where the names and string literals of
//! one call go, under a key that says what else shapes the tokens. A call is
//! a clone of its shape's tree with the stand-ins swapped for its own names
//! and literals, and its doc attributes set. Every stand-in must be swapped:
//! one the tree does not hold (or holds where the swap cannot reach, such as
//! a macro's tokens) is an internal error, never a silent stand-in in the
//! output. The text prettyplease prints is the same as for the call's own
//! tokens.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use syn::visit_mut::VisitMut;
use syn::{Attribute, ImplItem, Item, LitStr};

use super::error::EmitError;
use crate::ir::api::{Accessor, ResponseKind};

/// The start of a stand-in name.
const NAME: &str = "__docgen_stand_in_";
/// The start of a stand-in literal (no doc or wire text holds a NUL).
const TEXT: &str = "\u{0}docgen stand-in ";

/// The `i`th stand-in name of a template's tokens.
pub fn stand_in(i: usize) -> Ident {
    Ident::new(&format!("{NAME}{i}"), Span::call_site())
}

/// The `i`th stand-in string literal of a template's tokens.
pub fn stand_in_text(i: usize) -> String {
    format!("{TEXT}{i}")
}

/// What shapes a template's tokens besides its stand-ins: a kind, numbers
/// (a body kind, an arity, lint flags), and the response type with its
/// model names taken out.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TemplateKey {
    pub kind: &'static str,
    pub detail: u32,
    pub response: Option<ResponseKind>,
}

impl TemplateKey {
    /// The key of a kind that nothing else shapes.
    pub fn of(kind: &'static str) -> Self {
        TemplateKey {
            kind,
            detail: 0,
            response: None,
        }
    }
}

/// One item to build: its names and literals (in stand-in order) and the
/// outer attributes that go first (its doc lines).
pub struct Fill {
    pub names: Vec<Ident>,
    pub texts: Vec<String>,
    pub attrs: Vec<Attribute>,
}

thread_local! {
    static TEMPLATES: RefCell<HashMap<TemplateKey, Vec<Item>>> = RefCell::new(HashMap::new());
}

/// The items of `key`'s template (its tokens made by `tokens` the first
/// time a thread meets the key), filled with `fill`; its attributes go
/// first on the first item.
pub fn items(
    key: &TemplateKey,
    tokens: impl FnOnce() -> TokenStream,
    fill: Fill,
    context: impl Fn() -> String,
) -> Result<Vec<Item>, EmitError> {
    let mut items = template(key, tokens, &context)?;
    let mut swap = Swap::new(fill.names, fill.texts);
    for item in &mut items {
        swap.visit_item_mut(item);
    }
    if !swap.complete() {
        return Err(syntax_error(
            &context,
            "a stand-in the template does not reach",
        ));
    }
    if let Some(attrs) = items.first_mut().and_then(outer_attrs) {
        put_first(attrs, fill.attrs);
    }
    Ok(items)
}

/// The one item of `key`'s template, filled (see [`items`]).
pub fn item(
    key: &TemplateKey,
    tokens: impl FnOnce() -> TokenStream,
    fill: Fill,
    context: impl Fn() -> String,
) -> Result<Item, EmitError> {
    let mut items = items(key, tokens, fill, &context)?.into_iter();
    match (items.next(), items.next()) {
        (Some(item), None) => Ok(item),
        _ => Err(syntax_error(
            &context,
            "a one-item template holds no one item",
        )),
    }
}

/// The one member of an `impl` template (written `impl __ { .. }`), filled.
pub fn member(
    key: &TemplateKey,
    tokens: impl FnOnce() -> TokenStream,
    fill: Fill,
    context: impl Fn() -> String,
) -> Result<ImplItem, EmitError> {
    let attrs = fill.attrs;
    let fill = Fill {
        attrs: Vec::new(),
        ..fill
    };
    let Item::Impl(block) = item(key, tokens, fill, &context)? else {
        return Err(syntax_error(&context, "a member template is not an impl"));
    };
    let mut members = block.items.into_iter();
    match (members.next(), members.next()) {
        (Some(ImplItem::Fn(mut method)), None) => {
            put_first(&mut method.attrs, attrs);
            Ok(ImplItem::Fn(method))
        }
        _ => Err(syntax_error(
            &context,
            "a member template holds no one method",
        )),
    }
}

fn template(
    key: &TemplateKey,
    tokens: impl FnOnce() -> TokenStream,
    context: impl Fn() -> String,
) -> Result<Vec<Item>, EmitError> {
    if let Some(found) = TEMPLATES.with(|t| t.borrow().get(key).cloned()) {
        return Ok(found);
    }
    let file: syn::File =
        syn::parse2(tokens()).map_err(|e| syntax_error(&context, &e.to_string()))?;
    TEMPLATES.with(|t| t.borrow_mut().insert(key.clone(), file.items.clone()));
    Ok(file.items)
}

/// `first` (doc attributes), then the template's own attributes.
fn put_first(attrs: &mut Vec<Attribute>, first: Vec<Attribute>) {
    let own = std::mem::replace(attrs, first);
    attrs.extend(own);
}

fn outer_attrs(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    match item {
        Item::Struct(s) => Some(&mut s.attrs),
        Item::Fn(f) => Some(&mut f.attrs),
        Item::Impl(i) => Some(&mut i.attrs),
        Item::Type(t) => Some(&mut t.attrs),
        Item::Enum(e) => Some(&mut e.attrs),
        _ => None,
    }
}

fn syntax_error(context: impl Fn() -> String, message: &str) -> EmitError {
    EmitError::Syntax {
        context: context(),
        message: message.to_owned(),
    }
}

/// The accessor with each model or enum name replaced by the next stand-in,
/// the names pushed on `names` (as `rust_type` makes them).
pub fn stand_in_accessor(accessor: &Accessor, names: &mut Vec<Ident>) -> Accessor {
    match accessor {
        Accessor::Model(name) | Accessor::Enum(name) => {
            let stand_in = stand_in(names.len()).to_string();
            names.push(Ident::new(name, Span::call_site()));
            match accessor {
                Accessor::Model(_) => Accessor::Model(stand_in),
                _ => Accessor::Enum(stand_in),
            }
        }
        Accessor::List(item) => Accessor::List(Box::new(stand_in_accessor(item, names))),
        other => other.clone(),
    }
}

/// Swaps the name stand-ins of `methods` for `names`; false when one is
/// left unreached or unknown.
pub fn swap_names(methods: &mut [syn::ImplItemFn], names: Vec<Ident>) -> bool {
    let mut swap = Swap::new(names, Vec::new());
    for method in methods {
        swap.visit_impl_item_fn_mut(method);
    }
    swap.complete()
}

/// Swaps stand-ins for what they stand for, noting which it reached.
struct Swap {
    names: Vec<Ident>,
    texts: Vec<String>,
    reached: Vec<bool>,
}

impl Swap {
    fn new(names: Vec<Ident>, texts: Vec<String>) -> Self {
        let reached = vec![false; names.len() + texts.len()];
        Swap {
            names,
            texts,
            reached,
        }
    }

    fn complete(&self) -> bool {
        self.reached.iter().all(|r| *r)
    }

    /// Marks stand-in `i` of a kind reached; false for one out of range.
    fn reach(&mut self, i: usize) -> bool {
        match self.reached.get_mut(i) {
            Some(reached) => {
                *reached = true;
                true
            }
            None => false,
        }
    }
}

impl VisitMut for Swap {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        let text = ident.to_string();
        let Some(i) = text.strip_prefix(NAME).and_then(|n| n.parse().ok()) else {
            return;
        };
        if i < self.names.len() && self.reach(i) {
            *ident = self.names[i].clone();
        } else {
            // Out of range: leave it, and make the item incomplete.
            self.reached.push(false);
        }
    }

    fn visit_lit_str_mut(&mut self, lit: &mut LitStr) {
        let value = lit.value();
        if value.contains(NAME) {
            // A stand-in name inside a literal: the swap cannot reach it.
            self.reached.push(false);
        }
        let Some(i) = value
            .strip_prefix(TEXT)
            .and_then(|n| n.parse::<usize>().ok())
        else {
            return;
        };
        if i < self.texts.len() && self.reach(self.names.len() + i) {
            *lit = LitStr::new(&self.texts[i], lit.span());
        } else {
            self.reached.push(false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    use crate::emit::doc_blocks::doc_attr;

    fn print(item: Item) -> String {
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item],
        })
    }

    fn edge(name: &Ident, ty: &Ident, wire: &str) -> TokenStream {
        quote! {
            impl Template {
                #[allow(clippy::wrong_self_convention)]
                pub fn #name(&self) -> #ty { #ty { path: self.path.clone().segment(#wire) } }
            }
        }
    }

    #[test]
    fn a_filled_template_prints_as_its_own_tokens() {
        let key = TemplateKey {
            kind: "test edge",
            detail: 0,
            response: None,
        };
        for (name, ty, wire) in [
            ("as_one", "One", "one"),
            ("r#type", "Two", "a \"quoted\" */ wire"),
        ] {
            let name = crate::emit::idents::ident(name, String::new).unwrap();
            let ty = Ident::new(ty, Span::call_site());
            let fill = Fill {
                names: vec![name.clone(), ty.clone()],
                texts: vec![wire.to_owned()],
                attrs: vec![doc_attr(" Goes there.")],
            };
            let tokens = || edge(&stand_in(0), &stand_in(1), &stand_in_text(0));
            let built = member(&key, tokens, fill, || "test".to_owned()).unwrap();
            let mut block: syn::ItemImpl = syn::parse_quote!(impl Template {});
            block.items.push(built);
            let expected: syn::ItemImpl = syn::parse2(quote! {
                impl Template {
                    #[doc = " Goes there."]
                    #[allow(clippy::wrong_self_convention)]
                    pub fn #name(&self) -> #ty { #ty { path: self.path.clone().segment(#wire) } }
                }
            })
            .unwrap();
            assert_eq!(print(Item::Impl(block)), print(Item::Impl(expected)));
        }
    }

    #[test]
    fn a_stand_in_left_over_or_missing_is_an_error() {
        let key = |kind| TemplateKey {
            kind,
            detail: 0,
            response: None,
        };
        let fill = |names: usize| Fill {
            names: (0..names)
                .map(|_| Ident::new("x", Span::call_site()))
                .collect(),
            texts: Vec::new(),
            attrs: Vec::new(),
        };
        // A stand-in the fill has no name for.
        let tokens = || {
            let (a, b) = (stand_in(0), stand_in(1));
            quote!(pub struct #a { #b: u8 })
        };
        let Err(error) = item(&key("test extra"), tokens, fill(1), String::new) else {
            panic!("test extra: built");
        };
        assert!(error.to_string().contains("stand-in"), "{error}");
        // A name the template holds no stand-in for.
        let tokens = || {
            let a = stand_in(0);
            quote!(pub struct #a;)
        };
        let Err(error) = item(&key("test missing"), tokens, fill(2), String::new) else {
            panic!("test missing: built");
        };
        assert!(error.to_string().contains("stand-in"), "{error}");
        // A stand-in inside a macro's tokens, which the swap cannot reach.
        let tokens = || {
            let a = stand_in(0);
            quote!(
                pub fn f() {
                    println!("{}", #a);
                }
            )
        };
        let Err(error) = item(&key("test macro"), tokens, fill(1), String::new) else {
            panic!("test macro: built");
        };
        assert!(error.to_string().contains("stand-in"), "{error}");
    }
}
