use serde::{Deserialize, Serialize};

use super::TypeRef;

/// One HTTP method of an API page, with every path template the page lists for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    pub method: HttpMethod,
    /// Path templates as the page writes them, without the query string and
    /// without a leading `https://graph.microsoft.com/{version}`.
    pub paths: Vec<String>,
    /// Fixed query strings written after some paths (`?$expand=...`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_queries: Vec<PathQuery>,
    /// 1-based line of the first request line of this method.
    pub line: u32,
    /// The success status from the Response section (or the first example).
    pub success_status: Option<u16>,
    pub permissions: Permissions,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<HeaderParam>,
    pub query: QueryOptions,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub function_parameters: Vec<Parameter>,
    pub request_body: RequestBody,
    pub response: ResponseBody,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl HttpMethod {
    pub fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PATCH" => HttpMethod::Patch,
            "PUT" => HttpMethod::Put,
            "DELETE" => HttpMethod::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// A query string the page writes as part of a path (`/groups?$filter=...`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathQuery {
    pub path: String,
    pub query: String,
}

/// Permissions by kind, each list in the page's order (least privileged first).
/// An empty list means "not supported" for that kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    pub delegated_work: Vec<String>,
    pub delegated_personal: Vec<String>,
    pub application: Vec<String>,
    /// Where the table was found: `page` or the include file it came from;
    /// `missing` when the page has no readable permissions table.
    pub source: PermissionSource,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from", content = "file")]
pub enum PermissionSource {
    Page,
    Include(String),
    #[default]
    Missing,
}

/// A documented request header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderParam {
    pub name: String,
    pub value: String,
    pub required: bool,
}

/// Which query options a page documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryOptions {
    /// The page says the method supports the OData query parameters.
    pub odata: bool,
    /// OData options the page names explicitly (`$select`, `$filter`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<String>,
    /// Custom query parameters from a table (`Name | Value | Description`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// The section's paragraphs that name an OData option, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A named, typed value: a function parameter, a body parameter, a query parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    pub name: String,
    pub rust_name: String,
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    pub description: String,
    pub required: Option<bool>,
}

/// What the request body carries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RequestBody {
    /// "Do not supply a request body for this method."
    #[default]
    None,
    /// A JSON representation of a resource.
    Resource {
        #[serde(rename = "type")]
        type_ref: TypeRef,
    },
    /// The writable properties of a resource, sent as a partial object: an
    /// update's fields, or the properties a create lists (`type_ref` is the
    /// resource when the page links it).
    Properties {
        #[serde(rename = "type")]
        type_ref: Option<TypeRef>,
        properties: Vec<Parameter>,
    },
    /// A JSON object of action parameters.
    Parameters { parameters: Vec<Parameter> },
    /// Raw bytes (file content, photos).
    Binary,
    /// A body the reader could not classify.
    Unknown,
}

/// What a successful response carries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ResponseBody {
    /// No content (204, or "does not return anything").
    Empty,
    /// A JSON value of a type; collections are `TypeRef::Collection`.
    Json {
        #[serde(rename = "type")]
        type_ref: TypeRef,
    },
    /// Raw bytes (`$value`, content downloads, reports).
    Binary,
    /// A redirect whose `Location` header is the result.
    Redirect,
    /// A body the reader could not classify.
    #[default]
    Unknown,
}
