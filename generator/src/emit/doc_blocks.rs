//! Doc comments kept beside the tokens instead of in them.
//!
//! A block of doc lines is a stand-in attribute in the tokens, `#[doc = N]`
//! (no doc attribute holds an integer), and its lines wait in a
//! [`DocBlocks`] table. Once the tokens are parsed, [`DocBlocks::place`]
//! swaps each stand-in for the block's `#[doc = " line"]` attributes, built
//! as syntax trees. The printed text is the same as for doc attributes in
//! the tokens, but the docs (most of an area file's tokens) are neither
//! tokenized nor parsed.

use std::cell::RefCell;

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use syn::{Attribute, Expr, ExprLit, Fields, ImplItem, Item, Lit, LitStr, Meta, TraitItem};

use super::error::EmitError;
use super::rustdoc::attr_texts;

/// The doc blocks of one file's tokens, by stand-in number; a placed block
/// is taken out.
#[derive(Default)]
pub(crate) struct DocBlocks {
    blocks: RefCell<Vec<Option<Vec<String>>>>,
}

impl DocBlocks {
    pub fn new() -> Self {
        Self::default()
    }

    /// The stand-in for `lines` (`/// line` each; a blank line stays empty).
    pub fn attrs(&self, lines: &[String]) -> TokenStream {
        let mut blocks = self.blocks.borrow_mut();
        let number = Literal::usize_unsuffixed(blocks.len());
        blocks.push(Some(attr_texts(lines)));
        quote!(#[doc = #number])
    }

    /// Swaps the stand-ins in `items` (and in their members, fields and
    /// variants) for their blocks' doc attributes.
    pub fn place(&self, items: &mut [Item], context: &str) -> Result<(), EmitError> {
        for item in items {
            self.place_in_item(item, context)?;
        }
        Ok(())
    }

    /// An error when a block was never placed: its stand-in sat where
    /// [`DocBlocks::place`] does not look.
    pub fn check_all_placed(&self, context: &str) -> Result<(), EmitError> {
        match self.blocks.borrow().iter().position(Option::is_some) {
            Some(number) => Err(misplaced(context, number)),
            None => Ok(()),
        }
    }

    fn place_in_item(&self, item: &mut Item, context: &str) -> Result<(), EmitError> {
        match item {
            Item::Struct(s) => {
                self.place_in_fields(&mut s.fields, context)?;
                self.place_in_attrs(&mut s.attrs, context)
            }
            Item::Enum(e) => {
                for variant in &mut e.variants {
                    self.place_in_fields(&mut variant.fields, context)?;
                    self.place_in_attrs(&mut variant.attrs, context)?;
                }
                self.place_in_attrs(&mut e.attrs, context)
            }
            Item::Impl(i) => {
                for member in &mut i.items {
                    self.place_in_impl_item(member, context)?;
                }
                self.place_in_attrs(&mut i.attrs, context)
            }
            Item::Trait(t) => {
                for member in &mut t.items {
                    if let TraitItem::Fn(f) = member {
                        self.place_in_attrs(&mut f.attrs, context)?;
                    }
                }
                self.place_in_attrs(&mut t.attrs, context)
            }
            Item::Mod(m) => {
                if let Some((_, items)) = &mut m.content {
                    self.place(items, context)?;
                }
                self.place_in_attrs(&mut m.attrs, context)
            }
            Item::Fn(f) => self.place_in_attrs(&mut f.attrs, context),
            Item::Const(c) => self.place_in_attrs(&mut c.attrs, context),
            Item::Static(s) => self.place_in_attrs(&mut s.attrs, context),
            Item::Type(t) => self.place_in_attrs(&mut t.attrs, context),
            Item::Use(u) => self.place_in_attrs(&mut u.attrs, context),
            _ => Ok(()),
        }
    }

    fn place_in_impl_item(&self, member: &mut ImplItem, context: &str) -> Result<(), EmitError> {
        match member {
            ImplItem::Fn(f) => self.place_in_attrs(&mut f.attrs, context),
            ImplItem::Const(c) => self.place_in_attrs(&mut c.attrs, context),
            ImplItem::Type(t) => self.place_in_attrs(&mut t.attrs, context),
            _ => Ok(()),
        }
    }

    fn place_in_fields(&self, fields: &mut Fields, context: &str) -> Result<(), EmitError> {
        for field in fields.iter_mut() {
            self.place_in_attrs(&mut field.attrs, context)?;
        }
        Ok(())
    }

    /// Replaces each stand-in among `attrs` by its block, in place.
    fn place_in_attrs(&self, attrs: &mut Vec<Attribute>, context: &str) -> Result<(), EmitError> {
        if !attrs.iter().any(|a| stand_in(a).is_some()) {
            return Ok(());
        }
        let mut placed = Vec::with_capacity(attrs.len());
        for attr in attrs.drain(..) {
            let Some(number) = stand_in(&attr) else {
                placed.push(attr);
                continue;
            };
            let block = self
                .blocks
                .borrow_mut()
                .get_mut(number)
                .and_then(Option::take)
                .ok_or_else(|| misplaced(context, number))?;
            placed.extend(block.iter().map(|line| doc_attr(line)));
        }
        *attrs = placed;
        Ok(())
    }
}

/// `#[doc = "line"]`, as `quote!(#[doc = #line])` parses.
pub fn doc_attr(line: &str) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::NameValue(syn::MetaNameValue {
            path: syn::Ident::new("doc", Span::call_site()).into(),
            eq_token: Default::default(),
            value: Expr::Lit(syn::ExprLit {
                attrs: Vec::new(),
                lit: Lit::Str(doc_literal(line)),
            }),
        }),
    }
}

/// The literal of a doc line. A line that prettyplease prints as a `///`
/// comment (one line, not starting with `/`) is made a raw string: only its
/// value is printed, and a raw string is made without escaping each
/// character and read back without unescaping it, the two of which were a
/// tenth of generation's CPU. Any other line keeps the plain literal, which
/// prettyplease prints as written.
fn doc_literal(line: &str) -> LitStr {
    let printed_as_comment = !line.contains('\n') && !line.starts_with('/');
    match printed_as_comment.then(|| raw_literal(line)) {
        Some(Some(raw)) => raw,
        _ => LitStr::new(line, Span::call_site()),
    }
}

/// `r#"line"#`, with enough `#` that no quote inside closes it; `None` for
/// text a raw string cannot hold (a lone carriage return).
fn raw_literal(line: &str) -> Option<LitStr> {
    let hashes = raw_hashes(line);
    // Pushed, not `format!`ted: this runs for every doc line of the crate.
    let mut repr = String::with_capacity(line.len() + 2 * hashes + 3);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(line);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    let literal: Literal = repr.parse().ok()?;
    match Lit::new(literal) {
        Lit::Str(lit) => Some(lit),
        _ => None,
    }
}

/// One more `#` than the longest run of them after a quote in `text`.
fn raw_hashes(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'"', bytes)
        .map(|at| bytes[at + 1..].iter().take_while(|b| **b == b'#').count() + 1)
        .max()
        .unwrap_or(0)
}

/// `#[doc = " line"]` for each line (a blank line stays empty), as trees.
pub fn doc_attrs(lines: &[String]) -> Vec<Attribute> {
    attr_texts(lines)
        .iter()
        .map(|line| doc_attr(line))
        .collect()
}

/// The number of a `#[doc = N]` stand-in.
fn stand_in(attr: &Attribute) -> Option<usize> {
    let Meta::NameValue(pair) = &attr.meta else {
        return None;
    };
    match &pair.value {
        Expr::Lit(ExprLit {
            lit: Lit::Int(number),
            ..
        }) if pair.path.is_ident("doc") => number.base10_parse().ok(),
        _ => None,
    }
}

fn misplaced(context: &str, number: usize) -> EmitError {
    EmitError::Syntax {
        context: context.to_owned(),
        message: format!("doc block {number} is placed twice, never, or has no block"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(file: syn::File) -> String {
        prettyplease::unparse(&file)
    }

    #[test]
    fn placed_blocks_print_as_doc_attributes_in_the_tokens() {
        let docs = DocBlocks::new();
        let lines = |texts: &[&str]| texts.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let on_struct = docs.attrs(&lines(&["A \"thing\" */.", "", "More."]));
        let on_field = docs.attrs(&lines(&["The field."]));
        let on_variant = docs.attrs(&lines(&["`one`"]));
        let on_method = docs.attrs(&lines(&["Gets it."]));
        let on_module = docs.attrs(&lines(&["Inner."]));
        let tokens = quote! {
            #on_struct
            #[derive(Debug)]
            pub struct Thing { #on_field pub field: u8 }
            pub enum Kind { #on_variant One }
            impl Thing { #on_method #[allow(clippy::all)] pub fn get(&self) -> u8 { self.field } }
            #on_module
            pub mod inner {}
        };
        let mut file: syn::File = syn::parse2(tokens).unwrap();
        docs.place(&mut file.items, "test").unwrap();
        docs.check_all_placed("test").unwrap();
        let expected: syn::File = syn::parse_quote! {
            #[doc = " A \"thing\" */."]
            #[doc = ""]
            #[doc = " More."]
            #[derive(Debug)]
            pub struct Thing { #[doc = " The field."] pub field: u8 }
            pub enum Kind { #[doc = " `one`"] One }
            impl Thing { #[doc = " Gets it."] #[allow(clippy::all)] pub fn get(&self) -> u8 { self.field } }
            #[doc = " Inner."]
            pub mod inner {}
        };
        assert_eq!(print(file), print(expected));
    }

    #[test]
    fn a_block_left_unplaced_is_an_error() {
        let docs = DocBlocks::new();
        let block = docs.attrs(&["Lost.".to_owned()]);
        let tokens = quote!(pub fn f() { #block let _x = 1; });
        let mut file: syn::File = syn::parse2(tokens).unwrap();
        docs.place(&mut file.items, "test").unwrap();
        let error = docs.check_all_placed("test").unwrap_err();
        assert!(error.to_string().contains("doc block 0"), "{error}");
    }

    #[test]
    fn a_stand_in_without_its_block_is_an_error() {
        let docs = DocBlocks::new();
        let mut file: syn::File = syn::parse_quote!(
            #[doc = 3]
            pub fn f() {}
        );
        let error = docs.place(&mut file.items, "test").unwrap_err();
        assert!(error.to_string().contains("doc block 3"), "{error}");
    }

    #[test]
    fn doc_lines_read_back_whatever_their_quotes_and_hashes() {
        let lines = [
            " plain",
            " a \"quote\" and \"# and \"## ",
            " ends with a quote\"",
            " back\\slash, tab\t, nul\0, é 中文",
            "/starts with a slash",
            " two\nlines",
            " lone \r return",
        ];
        for line in lines {
            let attr = doc_attr(line);
            let Meta::NameValue(pair) = &attr.meta else {
                panic!("not a doc attribute")
            };
            let Expr::Lit(ExprLit {
                lit: Lit::Str(lit), ..
            }) = &pair.value
            else {
                panic!("not a string")
            };
            assert_eq!(lit.value(), line);
            let raw = lit.token().to_string().starts_with('r');
            assert_eq!(raw, !line.contains(['\n', '\r']) && !line.starts_with('/'));
            let cooked: Attribute = syn::parse_quote!(#[doc = #line]);
            let item = |attr: Attribute| -> syn::File { syn::parse_quote!(#attr pub fn f() {}) };
            assert_eq!(print(item(attr)), print(item(cooked)), "{line:?}");
        }
    }
}
