//! What a terminal call takes and returns, settled by lowering: the emitter
//! maps each kind to tokens and decides nothing.

use serde::{Deserialize, Serialize};

use super::{Accessor, Field};

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
    /// `body: &actions::XParameters`, an action's parameter object (one
    /// per action across its bindings, listed in `VersionApi::actions`).
    Parameters(ParameterObject),
    /// `bytes: impl Into<Vec<u8>>, content_type: &str`.
    Bytes,
}

/// An action's parameters: a view over the JSON object it takes, one getter
/// and setter per documented parameter, named like a model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParameterObject {
    /// `SendMailParameters`: the action, `Parameters` (see `NAMING.md`).
    pub rust_name: String,
    /// The uninhabited marker type naming it (`SendMailParametersKind`).
    pub marker: String,
    pub fields: Vec<Field>,
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

/// One parameter object of a version's `actions` module, shared by every
/// binding of its action that takes the same parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionParameters {
    /// The action as the docs name it (`sendMail`).
    pub action: String,
    pub object: ParameterObject,
    /// The file stem of its module (`send_mail_parameters`).
    pub module: String,
    /// The area features whose calls take it (any one compiles it).
    pub features: Vec<String>,
    /// The request lines that take it (`POST /me/sendMail`), one per binding.
    pub requests: Vec<String>,
}
