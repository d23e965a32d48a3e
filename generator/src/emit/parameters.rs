//! Action parameter objects, in `src/<version>/actions/`: a view over the
//! JSON object an action takes, one typed getter and setter per documented
//! parameter, one type per action shared by all its bindings. Each is the
//! version's generic `View` under its own marker, like a model, so it adds
//! no `Clone`, `Debug` or `Model` impl of its own.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc_blocks::DocBlocks;
use super::error::EmitError;
use super::idents::ident;
use super::models::{accessor_items, cfg_any, from_impls, ModelsPath, ViewType};
use super::rustdoc;
use super::syntax::{rust_header, unparse, unparse_impl_into};
use crate::ir::api::{ActionParameters, Field, ACTIONS_MODULE, VIEW_MODULE};
use crate::ir::page::ApiVersion;

/// `src/<version>/actions/mod.rs`: one module per parameter object, each
/// compiled by any feature of an area whose calls take it.
pub fn actions_mod(
    version: ApiVersion,
    actions: &[ActionParameters],
) -> Result<(String, String), EmitError> {
    let doc = [
        " The parameter objects of this version's actions: one type per action,".to_owned(),
        " taken by every request that binds it.".to_owned(),
    ];
    let mut items = vec![(quote!(#( #![doc = #doc] )*), "actions module".to_owned())];
    for action in actions {
        let context = || format!("{} action `{}`", version.as_str(), action.action);
        let module = ident(&action.module, context)?;
        let name = ident(&action.object.rust_name, context)?;
        let marker = ident(&action.object.marker, context)?;
        // One feature is `cfg(feature = ..)`: clippy refuses `any` of one.
        let cfg = cfg_any(&action.features);
        items.push((
            quote! {
                #cfg
                mod #module;
                #cfg
                pub use #module::{#name, #marker};
            },
            context(),
        ));
    }
    Ok((
        format!("{}/mod.rs", actions_dir(version)),
        format!("{}{}", rust_header(), unparse(items, &DocBlocks::new())?),
    ))
}

/// `src/<version>/actions/<action>.rs`: one parameter object.
pub fn action_file(
    version: ApiVersion,
    action: &ActionParameters,
) -> Result<(String, String), EmitError> {
    let context = || format!("{} action `{}`", version.as_str(), action.action);
    let stem = action.module.trim_start_matches("r#");
    let mut text = rust_header();
    let docs = DocBlocks::new();
    text.push_str(&unparse(
        vec![(parameter_struct(version, action, &docs)?, context())],
        &docs,
    )?);
    let object = &action.object;
    let accessors = |field: &Field| accessor_items(&action.action, field, ModelsPath::FromAction);
    unparse_impl_into(
        &mut text,
        "\n",
        &object.rust_name,
        &object.fields,
        accessors,
        context,
    )?;
    Ok((format!("{}/{stem}.rs", actions_dir(version)), text))
}

fn actions_dir(version: ApiVersion) -> String {
    format!("src/{}/{ACTIONS_MODULE}", version.module())
}

/// The items of one parameter object's file.
fn parameter_struct(
    version: ApiVersion,
    action: &ActionParameters,
    docs: &DocBlocks,
) -> Result<TokenStream, EmitError> {
    let object = &action.object;
    let context = || format!("{} action `{}`", version.as_str(), action.action);
    let name = ident(&object.rust_name, context)?;
    let models = quote!(super::super::models);
    let view_module = format_ident!("{}", VIEW_MODULE);
    let mut lines = vec![
        format!(
            "The parameters of {}: a JSON object built with the setters, starting from `new()`.",
            rustdoc::code(&action.action)
        ),
        String::new(),
        "Taken by:".to_owned(),
    ];
    lines.extend(
        action
            .requests
            .iter()
            .map(|r| format!("- {}", rustdoc::code(r))),
    );
    let doc = docs.attrs(&lines);
    let marker = ident(&object.marker, context)?;
    let view = quote!(#models::#view_module);
    let view_type = ViewType {
        view: &view,
        name: &name,
        marker: &marker,
        marker_doc: format!(" Marks [`{name}`] (`View<{marker}>`)."),
        odata: "",
        kind_extra: quote!(),
        after_kind: from_impls(&action.action, &name, &object.conversions, &models, docs)?,
    };
    Ok(view_type.items(&doc))
}
