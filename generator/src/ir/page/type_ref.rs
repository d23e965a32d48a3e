use serde::{Deserialize, Serialize};

/// A type as a page names it, normalized.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TypeRef {
    Primitive {
        name: Primitive,
    },
    /// A complex type, entity or enum documented on a resource page.
    Named {
        /// The type's name as declared (`cloudPcDeviceImage`), qualified when it
        /// lives outside `microsoft.graph` (`microsoft.graph.callRecords.session`).
        name: String,
        /// The resource page that declares it, relative to the doc root, once resolved.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page: Option<String>,
        /// The type a link's text names (`managedDevice`), tried when the
        /// link's target declares nothing (a page this checkout lacks);
        /// cleared by the resolver.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        link_text: Option<String>,
    },
    Collection {
        item: Box<TypeRef>,
    },
    /// A type cell the reader could not map, as written.
    Unknown {
        text: String,
    },
}

impl TypeRef {
    pub fn primitive(name: Primitive) -> Self {
        TypeRef::Primitive { name }
    }

    pub fn named(name: impl Into<String>) -> Self {
        TypeRef::Named {
            name: name.into(),
            page: None,
            link_text: None,
        }
    }

    pub fn collection(item: TypeRef) -> Self {
        TypeRef::Collection {
            item: Box::new(item),
        }
    }

    /// True when the type (or its item type) is known: a primitive, or a named type.
    pub fn is_known(&self) -> bool {
        match self {
            TypeRef::Primitive { .. } => true,
            TypeRef::Named { .. } => true,
            TypeRef::Collection { item } => item.is_known(),
            TypeRef::Unknown { .. } => false,
        }
    }

    /// True when every named type inside has been matched to a resource page.
    pub fn is_resolved(&self) -> bool {
        match self {
            TypeRef::Primitive { .. } => true,
            TypeRef::Named { page, .. } => page.is_some(),
            TypeRef::Collection { item } => item.is_resolved(),
            TypeRef::Unknown { .. } => false,
        }
    }
}

/// The Edm primitive types the docs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
    /// Free-form JSON (`Json`, `Object`, `JSON object`).
    Json,
}
