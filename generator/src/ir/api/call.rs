//! What a terminal call takes and returns, settled by lowering: the emitter
//! maps each kind to tokens and decides nothing.

use serde::{Deserialize, Serialize};

use super::{Accessor, Conversion, Field};

/// The request body of a terminal call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum BodyKind {
    None,
    /// `body: &(impl serde::Serialize + ?Sized)`, sent as JSON.
    Json,
    /// `body: &models::X`, its object sent as JSON (only the fields set).
    Model {
        model: String,
    },
    /// `body: &XPostParameters`, an action's parameter object.
    Parameters(ParameterObject),
    /// `bytes: impl Into<Vec<u8>>, content_type: &str`.
    Bytes,
}

/// An action's parameters: a view over the JSON object it takes, one getter
/// and setter per documented parameter, named like a model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParameterObject {
    /// `MeSendMailPostParameters`: the builder, the method, `Parameters`.
    pub rust_name: String,
    /// The uninhabited marker type naming it (`MeSendMailPostParametersKind`).
    pub marker: String,
    pub fields: Vec<Field>,
    /// `From<Model>` when one parameter is a model and the only required
    /// one (`sendMail`'s `message`): `post(&message.into())`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversions: Vec<Conversion>,
}

/// What a terminal call answers with: the `T` of `graph_runtime::Request<T>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "of")]
pub enum ResponseKind {
    /// No content: `()`.
    Unit,
    /// One JSON value the docs do not type: `serde_json::Value`.
    Json,
    /// One model.
    Model(Accessor),
    /// A collection: `graph_runtime::Page<T>` (T may be `serde_json::Value`).
    Page(Accessor),
    /// Raw bytes (`$value`, downloads, redirects to a download): `graph_runtime::Binary`.
    Binary,
}
