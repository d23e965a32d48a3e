use serde::{Deserialize, Serialize};

use super::{HttpMethod, TypeRef};

/// A resource page: an entity or complex type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    /// The declared name (`cloudPcDeviceImage`).
    pub name: String,
    pub rust_name: String,
    /// The namespace the type lives in (`microsoft.graph`).
    pub namespace: String,
    /// Base type, qualified (`microsoft.graph.entity`), when declared.
    pub base_type: Option<String>,
    pub key_property: Option<String>,
    pub open_type: bool,
    pub is_abstract: bool,
    pub properties: Vec<Property>,
    pub relationships: Vec<Property>,
    /// Inline enums documented under `### x values` headings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inline_enums: Vec<Enumeration>,
    pub json_representation: Option<JsonBlock>,
}

/// One row of a Properties or Relationships table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    pub rust_name: String,
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    pub description: String,
    pub read_only: bool,
    /// Values listed inline ("Possible values are: `a`, `b`").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    pub line: u32,
}

/// An enum page, or an inline enum table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Enumeration {
    pub name: String,
    pub rust_name: String,
    pub namespace: String,
    pub members: Vec<EnumMember>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    pub rust_name: String,
    pub value: Option<i64>,
    pub description: String,
}

/// A fenced JSON block, kept as text; `error` says why it is not valid JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonBlock {
    pub line: u32,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A request/response pair from the Examples section.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The `name` of the request annotation, when present.
    pub name: Option<String>,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub line: u32,
    pub method: HttpMethod,
    pub url: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub line: u32,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `@odata.type` of the response annotation (`microsoft.graph.user`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_collection: Option<bool>,
}
