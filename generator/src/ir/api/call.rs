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
    /// `From<Model>` when one parameter is a model and the only required
    /// one (`sendMail`'s `message`): `post(&message.into())`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversions: Vec<Conversion>,
}

/// What a terminal call answers with: the `T` of `graph_runtime::Request<T>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// What a page says a call may carry besides its path and body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CallOptions {
    /// The page says the OData query parameters are supported.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub odata: bool,
    /// OData options the page names, then its custom query parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<CallOption>,
    /// The query section's paragraphs that name an option, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_notes: Vec<String>,
    /// The request headers table, `Authorization` left out (the client sets it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<CallOption>,
    /// `@odata.type` values the page's example request bodies carry at the
    /// top level (`#microsoft.graph.fileAttachment`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body_odata_types: Vec<String>,
}

/// One query parameter or request header of a call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallOption {
    /// `$count`, `ConsistencyLevel`, as written.
    pub name: String,
    /// The page's text for it (a header's value and description cell).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// The page marks it required (for a header whose text names query
    /// options, required in the cases that text gives).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// The `graph_runtime::Request` calls that set it (`count(true)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<String>,
    /// For a query option: the headers whose text names it; for a header:
    /// the query options its text names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
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
