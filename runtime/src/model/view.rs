//! The [`Model`] trait: a typed view over one JSON object.

use serde_json::{Map, Value};

/// A JSON object. Key order is kept (`serde_json`'s `preserve_order`), so a
/// decoded and re-encoded object reads the same.
pub type Object = Map<String, Value>;

/// The Rust name of a generated model, read off its marker type
/// (`UserKind` gives `User`), for `Debug`: one generic function instead of a
/// name constant per model.
pub fn kind_name<K: ?Sized>() -> &'static str {
    let full = core::any::type_name::<K>();
    let last = full.rsplit("::").next().unwrap_or(full);
    last.strip_suffix("Kind").unwrap_or(last)
}

/// A generated model: a typed view over one JSON object.
///
/// Generated types hold the [`Object`] itself: each is an alias of one
/// generic view (`type User = View<UserKind>`) whose marker names the OData
/// type, and a derived type's view dereferences to its base type's, so
/// base accessors are reachable and nothing is ever dropped. Converting
/// between views ([`Model::cast`]) never fails and never loses a property.
///
/// Models have no serde impls; [`Model::object`] is what serializes (a
/// request body is `request.json_body(model.object())`).
///
/// The provided methods are named so that they do not collide with property
/// accessors: generated code must not give a property accessor the name of
/// one of them.
pub trait Model: Sized {
    /// The qualified OData type name, e.g. `microsoft.graph.user`.
    const ODATA_TYPE: &'static str;

    /// Wraps `object` without checking it: every object is a valid view.
    fn from_object(object: Object) -> Self;

    /// The JSON object.
    fn object(&self) -> &Object;

    /// The JSON object, for writing.
    fn object_mut(&mut self) -> &mut Object;

    /// Unwraps the JSON object.
    fn into_object(self) -> Object;

    /// A model whose only property is `@odata.type` set to
    /// `#`[`ODATA_TYPE`](Model::ODATA_TYPE), as Graph needs when a derived
    /// type is created through a collection of its base type.
    fn with_odata_type() -> Self {
        let mut object = Object::new();
        let name = format!("#{}", Self::ODATA_TYPE);
        object.insert("@odata.type".to_owned(), Value::String(name));
        Self::from_object(object)
    }

    /// `@odata.type` without its leading `#` (`microsoft.graph.user`), when
    /// the object has one.
    fn odata_type(&self) -> Option<&str> {
        let name = self.object().get("@odata.type")?.as_str()?;
        Some(name.strip_prefix('#').unwrap_or(name))
    }

    /// True when `@odata.type` names exactly `T` (a derived type's object is
    /// not `is` its base type: there is no type hierarchy at run time).
    fn is<T: Model>(&self) -> bool {
        self.odata_type() == Some(T::ODATA_TYPE)
    }

    /// The same object through another view. Never fails and keeps every
    /// property; check [`Model::is`] first to know whether it fits.
    fn cast<T: Model>(self) -> T {
        T::from_object(self.into_object())
    }

    /// The raw JSON value of `key`, whatever its type.
    fn get_raw(&self, key: &str) -> Option<&Value> {
        self.object().get(key)
    }

    /// Sets `key` to a raw JSON value (for properties the docs do not know
    /// yet, or values of another type than documented).
    fn set_raw(&mut self, key: &str, value: Value) {
        self.object_mut().insert(key.to_owned(), value);
    }

    /// Sets `key` to JSON `null`: in a PATCH body this clears the property,
    /// which leaving it out does not.
    fn set_null(&mut self, key: &str) {
        self.set_raw(key, Value::Null);
    }

    /// Removes `key` (it will not be sent), returning its value.
    fn remove_raw(&mut self, key: &str) -> Option<Value> {
        self.object_mut().shift_remove(key)
    }
}

#[cfg(test)]
mod tests {
    use super::kind_name;

    enum UserKind {}
    mod nested {
        pub enum ItemAttachmentKind {}
    }
    struct Plain;

    #[test]
    fn kind_name_is_the_marker_name_without_path_or_suffix() {
        assert_eq!(kind_name::<UserKind>(), "User");
        assert_eq!(kind_name::<nested::ItemAttachmentKind>(), "ItemAttachment");
        assert_eq!(kind_name::<Plain>(), "Plain");
    }
}
