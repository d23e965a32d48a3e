//! The lowered models of one API version: every resource, complex type and
//! enum the pages declare, with Rust names, accessor kinds and the features
//! that compile them. Built by `crate::lower::models`, read by the emitter
//! and by the model report.

use serde::{Deserialize, Serialize};

/// The models of one API version, sorted by Rust name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelSet {
    pub types: Vec<TypeDef>,
}

impl ModelSet {
    /// The type declared on `page` under `name` (as resolved in the IR).
    pub fn find(&self, name: &str, page: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.page == page && t.wire == name)
    }

    pub fn by_rust_name(&self, rust_name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.rust_name.as_str().cmp(rust_name))
            .ok()
            .map(|i| &self.types[i])
    }
}

/// A model or enum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// The name as the IR resolved it (`cloudPcDeviceImage`, or qualified
    /// outside `microsoft.graph`).
    pub wire: String,
    /// `microsoft.graph.cloudPcDeviceImage`.
    pub qualified: String,
    /// Unique in its version (`CloudPcDeviceImage`).
    pub rust_name: String,
    /// The file stem of its module (`cloud_pc_device_image`).
    pub module: String,
    /// The page that declares it.
    pub page: String,
    pub description: String,
    /// The area features that compile it; empty when every area needs it
    /// (then the version feature does). The `<version>-models` feature
    /// always compiles it too.
    pub features: Vec<String>,
    pub kind: TypeKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TypeKind {
    Model {
        /// The uninhabited marker type naming it (`CloudPcDeviceImageKind`):
        /// the model is `View<marker>`. Unique among the version's type names.
        marker: String,
        /// Rust name of the base model; `None` for a root.
        base: Option<String>,
        fields: Vec<Field>,
        /// The bases' fields, each with a builder on this model too (a
        /// by-value builder is not reachable through `Deref`), nearest base
        /// last; names already taken here are left out.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        inherited: Vec<Inherited>,
        /// The `From` conversions for the small shapes written by hand
        /// (a recipient from an address, an item body from text).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        conversions: Vec<Conversion>,
    },
    Enum {
        members: Vec<Member>,
        /// The variant holding values the docs do not list (`Other`).
        fallback: String,
    },
}

/// One property: a getter, a setter (`&mut self`, chaining) and a builder
/// (`with_x(self, ..) -> Self`, for bodies written as one expression).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub wire: String,
    pub getter: String,
    pub setter: String,
    pub builder: String,
    pub description: String,
    pub accessor: Accessor,
    /// A relationship whose target compiles under fewer features than its
    /// owner: the accessors compile only with these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub wire: String,
    pub rust_name: String,
    pub description: String,
}

/// How a property reads and writes: the Rust type of its accessors.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "of")]
pub enum Accessor {
    /// `Option<&str>`, set from `impl Into<String>`.
    Str,
    Bool,
    I16,
    I32,
    I64,
    U8,
    I8,
    F32,
    F64,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Base64,
    /// `serde_json::Value`: free-form JSON, streams, undocumented types.
    Value,
    /// A generated model, by Rust name.
    Model(String),
    /// A generated enum, by Rust name.
    Enum(String),
    List(Box<Accessor>),
}

/// A base model's field, built on a derived model through the base's setter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inherited {
    /// The base model that declares it (Rust name).
    pub owner: String,
    pub field: Field,
}

/// A `From` impl of a model, decided from its shape (see
/// `crate::lower::models::conversions`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Conversion {
    /// `From<&str>` and `From<String>`: the text goes to the string field
    /// set by `setter`, and each of `fixed` is set to one enum member.
    Text {
        setter: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        fixed: Vec<FixedMember>,
    },
    /// `From<Inner>` for a model whose only field is the model `inner`;
    /// with `text`, also `From<&str>` and `From<String>` through `inner`'s
    /// own text conversion.
    Wrap {
        setter: String,
        inner: String,
        text: bool,
        /// The field's features, when it compiles under fewer than its owner.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        features: Option<Vec<String>>,
    },
}

/// An enum field a text conversion sets to one member (`contentType` to
/// `BodyType::Text`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FixedMember {
    pub setter: String,
    /// The enum's Rust name.
    pub enum_name: String,
    pub variant: String,
}
