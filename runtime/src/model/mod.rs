//! Typed models: typed views over JSON objects.
//!
//! Graph's reference pages lag behind the service, so a client must never
//! drop what it does not know. A generated model is therefore not a struct
//! of fields but a newtype over the JSON [`Object`] the service sent: each
//! documented property gets an accessor that reads (and a setter that writes)
//! one key, and every other key (new properties, annotations, unknown enum
//! members) stays in the object untouched. Encoding a model gives back
//! exactly the object it was decoded from, plus whatever was set.
//!
//! A derived type dereferences to its base type, so base accessors are
//! reachable. Generated models share one generic view per version
//! (`type User = View<UserKind>`, see the generated `models::view`); written
//! by hand, a root type holds the object and a derived type its base:
//!
//! ```
//! use graph_runtime::model::{get, get_str, set, FromJson, Model, Object, ToJson};
//!
//! #[derive(Clone, Debug, Default, PartialEq)]
//! pub struct Entity(Object);
//!
//! impl Model for Entity {
//!     const ODATA_TYPE: &'static str = "microsoft.graph.entity";
//!     fn from_object(object: Object) -> Self { Entity(object) }
//!     fn object(&self) -> &Object { &self.0 }
//!     fn object_mut(&mut self) -> &mut Object { &mut self.0 }
//!     fn into_object(self) -> Object { self.0 }
//! }
//!
//! impl Entity {
//!     pub fn id(&self) -> Option<&str> { get_str(self.object(), "id") }
//! }
//!
//! #[derive(Clone, Debug, Default, PartialEq)]
//! pub struct User(Entity);
//!
//! impl Model for User {
//!     const ODATA_TYPE: &'static str = "microsoft.graph.user";
//!     fn from_object(object: Object) -> Self { User(Entity::from_object(object)) }
//!     fn object(&self) -> &Object { self.0.object() }
//!     fn object_mut(&mut self) -> &mut Object { self.0.object_mut() }
//!     fn into_object(self) -> Object { self.0.into_object() }
//! }
//!
//! impl std::ops::Deref for User {
//!     type Target = Entity;
//!     fn deref(&self) -> &Entity { &self.0 }
//! }
//!
//! impl User {
//!     pub fn display_name(&self) -> Option<&str> { get_str(self.object(), "displayName") }
//!     pub fn set_display_name(&mut self, value: impl Into<String>) {
//!         set(self.object_mut(), "displayName", value.into());
//!     }
//! }
//!
//! let json = serde_json::json!({"id": "1", "displayName": "Adele", "newProperty": [1, 2]});
//! let mut user = User::from_json(&json).unwrap();
//! assert_eq!(user.id(), Some("1"));
//! user.set_display_name("Adele V");
//! let back = user.to_json();
//! assert_eq!(back["newProperty"], serde_json::json!([1, 2]));
//! assert_eq!(back["displayName"], "Adele V");
//! ```
//!
//! Models have no serde impls: `model.object()` is what serializes, so a
//! request body is `request.json_body(model.object())`.
//!
//! Property types map to Rust as follows: `Edm.String` → `String` (or a
//! borrowed `&str` with [`get_str`]), `Edm.Boolean` → `bool`, `Edm.Int64` →
//! `i64`, `Edm.Int32` → `i32`, `Edm.Int16` → `i16`, `Edm.Byte` → `u8`,
//! `Edm.SByte` → `i8`, `Edm.Double` → `f64`, `Edm.Single` → `f32`, and the
//! wire newtypes [`DateTimeOffset`], [`Date`], [`TimeOfDay`], [`Duration`],
//! [`Guid`], [`Base64`] (`Edm.Binary`) and [`Decimal`]; collections are
//! `Vec<T>`, enums implement [`WireEnum`], and untyped values are
//! [`serde_json::Value`].

mod access;
mod convert;
mod enums;
mod number;
mod response;
mod view;
mod wire;

pub(crate) use response::kind as json_kind;

pub use access::{
    from_value, get, get_enum, get_enum_list, get_str, get_str_list, set, set_enum, set_enum_list,
    set_str, set_str_list, to_value,
};
pub use convert::{FromJson, ToJson};
pub use enums::{
    clone_enum, debug_enum, enum_from_json, enum_to_json, eq_enum, flags_from_json, flags_to_json,
    hash_enum, WireEnum,
};
pub use view::{kind_name, Model, Object};
pub use wire::{
    Base64, Date, DateTimeOffset, Decimal, Duration, DurationParts, Guid, TimeOfDay, WireError,
};
