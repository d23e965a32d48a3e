//! Action parameter objects, in `src/<version>/actions/`: a view over the
//! JSON object an action takes, one typed getter and setter per documented
//! parameter, one type per action shared by all its bindings. Each is the
//! version's generic `View` under its own marker, like a model, so it adds
//! no `Clone`, `Debug` or `Model` impl of its own.

use quote::quote;

use super::doc_blocks::DocBlocks;
use super::error::EmitError;
use super::idents::ident;
use super::models::{accessor_items, cfg_any, from_impls, ModelsPath, ViewType};
use super::rustdoc;
use super::syntax::{rust_header, unparse, unparse_impl_into, FileItems};
use crate::ir::api::{ActionParameters, Field, ACTIONS_MODULE};
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
    let mut items = FileItems::new(&docs);
    parameter_struct(version, action, &mut items)?;
    text.push_str(&items.finish()?);
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

/// The items of one parameter object's file (its accessors aside).
fn parameter_struct(
    version: ApiVersion,
    action: &ActionParameters,
    file: &mut FileItems,
) -> Result<(), EmitError> {
    let object = &action.object;
    let context = || format!("{} action `{}`", version.as_str(), action.action);
    let name = ident(&object.rust_name, context)?;
    let models = quote!(super::super::models);
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
    let marker = ident(&object.marker, context)?;
    let view_type = ViewType {
        models: ModelsPath::FromAction,
        name: &name,
        marker: &marker,
        marker_doc: format!(" Marks [`{name}`] (`View<{marker}>`)."),
        odata: "",
        base: None,
    };
    for item in view_type.items(&lines, context)? {
        file.push(item);
    }
    if !object.conversions.is_empty() {
        let docs = file.docs();
        let conversions = from_impls(&action.action, &name, &object.conversions, &models, docs)?;
        file.push_tokens(conversions, context())?;
    }
    Ok(())
}
