//! Hand-written models in the shape the generator emits: a root type over
//! the object, derived types over their base with `Deref`, one accessor
//! and one setter per property, enums with a fallback member.
#![allow(dead_code)]

use std::ops::{Deref, DerefMut};

use graph_runtime::model::{
    enum_from_json, enum_to_json, get, get_str, get_str_list, set, DateTimeOffset, FromJson, Guid,
    Model, Object, ToJson, WireEnum,
};
use serde_json::Value;

/// `microsoft.graph.entity`, the root of every entity type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entity(Object);

impl Model for Entity {
    const ODATA_TYPE: &'static str = "microsoft.graph.entity";
    fn from_object(object: Object) -> Self {
        Entity(object)
    }
    fn object(&self) -> &Object {
        &self.0
    }
    fn object_mut(&mut self) -> &mut Object {
        &mut self.0
    }
    fn into_object(self) -> Object {
        self.0
    }
}

impl Entity {
    pub fn id(&self) -> Option<&str> {
        get_str(self.object(), "id")
    }
    pub fn set_id(&mut self, value: impl Into<String>) {
        set(self.object_mut(), "id", value.into());
    }
}

/// `microsoft.graph.directoryObject`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DirectoryObject(Entity);
impl Model for DirectoryObject {
    const ODATA_TYPE: &'static str = "microsoft.graph.directoryObject";
    fn from_object(object: Object) -> Self {
        DirectoryObject(Entity::from_object(object))
    }
    fn object(&self) -> &Object {
        self.0.object()
    }
    fn object_mut(&mut self) -> &mut Object {
        self.0.object_mut()
    }
    fn into_object(self) -> Object {
        self.0.into_object()
    }
}

impl Deref for DirectoryObject {
    type Target = Entity;
    fn deref(&self) -> &Entity {
        &self.0
    }
}

impl DerefMut for DirectoryObject {
    fn deref_mut(&mut self) -> &mut Entity {
        &mut self.0
    }
}

impl DirectoryObject {
    pub fn deleted_date_time(&self) -> Option<DateTimeOffset> {
        get(self.object(), "deletedDateTime")
    }
}

/// `microsoft.graph.user`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct User(DirectoryObject);
impl Model for User {
    const ODATA_TYPE: &'static str = "microsoft.graph.user";
    fn from_object(object: Object) -> Self {
        User(DirectoryObject::from_object(object))
    }
    fn object(&self) -> &Object {
        self.0.object()
    }
    fn object_mut(&mut self) -> &mut Object {
        self.0.object_mut()
    }
    fn into_object(self) -> Object {
        self.0.into_object()
    }
}

impl Deref for User {
    type Target = DirectoryObject;
    fn deref(&self) -> &DirectoryObject {
        &self.0
    }
}

impl DerefMut for User {
    fn deref_mut(&mut self) -> &mut DirectoryObject {
        &mut self.0
    }
}

impl User {
    pub fn display_name(&self) -> Option<&str> {
        get_str(self.object(), "displayName")
    }
    pub fn set_display_name(&mut self, value: impl Into<String>) {
        set(self.object_mut(), "displayName", value.into());
    }
    pub fn account_enabled(&self) -> Option<bool> {
        get(self.object(), "accountEnabled")
    }
    pub fn set_account_enabled(&mut self, value: bool) {
        set(self.object_mut(), "accountEnabled", value);
    }
    pub fn business_phones(&self) -> Option<Vec<&str>> {
        get_str_list(self.object(), "businessPhones")
    }
    pub fn set_business_phones(&mut self, value: Vec<String>) {
        set(self.object_mut(), "businessPhones", value);
    }
    pub fn created_date_time(&self) -> Option<DateTimeOffset> {
        get(self.object(), "createdDateTime")
    }
    pub fn set_created_date_time(&mut self, value: DateTimeOffset) {
        set(self.object_mut(), "createdDateTime", value);
    }
    pub fn risk_level(&self) -> Option<RiskLevel> {
        get(self.object(), "riskLevel")
    }
    pub fn set_risk_level(&mut self, value: RiskLevel) {
        set(self.object_mut(), "riskLevel", value);
    }
    pub fn password_profile(&self) -> Option<PasswordProfile> {
        get(self.object(), "passwordProfile")
    }
    pub fn set_password_profile(&mut self, value: PasswordProfile) {
        set(self.object_mut(), "passwordProfile", value);
    }
    pub fn assigned_licenses(&self) -> Option<Vec<AssignedLicense>> {
        get(self.object(), "assignedLicenses")
    }
    pub fn quota_bytes(&self) -> Option<i64> {
        get(self.object(), "quotaBytes")
    }
}

/// `microsoft.graph.group`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group(DirectoryObject);
impl Model for Group {
    const ODATA_TYPE: &'static str = "microsoft.graph.group";
    fn from_object(object: Object) -> Self {
        Group(DirectoryObject::from_object(object))
    }
    fn object(&self) -> &Object {
        self.0.object()
    }
    fn object_mut(&mut self) -> &mut Object {
        self.0.object_mut()
    }
    fn into_object(self) -> Object {
        self.0.into_object()
    }
}

impl Deref for Group {
    type Target = DirectoryObject;
    fn deref(&self) -> &DirectoryObject {
        &self.0
    }
}

impl DerefMut for Group {
    fn deref_mut(&mut self) -> &mut DirectoryObject {
        &mut self.0
    }
}

impl Group {
    pub fn mail_enabled(&self) -> Option<bool> {
        get(self.object(), "mailEnabled")
    }
}

/// `microsoft.graph.passwordProfile`, a complex type (a root of its own).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PasswordProfile(Object);

impl Model for PasswordProfile {
    const ODATA_TYPE: &'static str = "microsoft.graph.passwordProfile";
    fn from_object(object: Object) -> Self {
        PasswordProfile(object)
    }
    fn object(&self) -> &Object {
        &self.0
    }
    fn object_mut(&mut self) -> &mut Object {
        &mut self.0
    }
    fn into_object(self) -> Object {
        self.0
    }
}

impl PasswordProfile {
    pub fn force_change_password_next_sign_in(&self) -> Option<bool> {
        get(self.object(), "forceChangePasswordNextSignIn")
    }
    pub fn set_force_change_password_next_sign_in(&mut self, value: bool) {
        set(self.object_mut(), "forceChangePasswordNextSignIn", value);
    }
    pub fn set_password(&mut self, value: impl Into<String>) {
        set(self.object_mut(), "password", value.into());
    }
}

/// `microsoft.graph.assignedLicense`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssignedLicense(Object);

impl Model for AssignedLicense {
    const ODATA_TYPE: &'static str = "microsoft.graph.assignedLicense";
    fn from_object(object: Object) -> Self {
        AssignedLicense(object)
    }
    fn object(&self) -> &Object {
        &self.0
    }
    fn object_mut(&mut self) -> &mut Object {
        &mut self.0
    }
    fn into_object(self) -> Object {
        self.0
    }
}

impl AssignedLicense {
    pub fn sku_id(&self) -> Option<Guid> {
        get(self.object(), "skuId")
    }
    pub fn disabled_plans(&self) -> Option<Vec<Guid>> {
        get(self.object(), "disabledPlans")
    }
}

/// `microsoft.graph.riskLevel`, with a fallback for members added later.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Hidden,
    None,
    UnknownFutureValue,
    Other(String),
}

impl WireEnum for RiskLevel {
    fn from_wire(text: &str) -> Self {
        match text {
            "low" => RiskLevel::Low,
            "medium" => RiskLevel::Medium,
            "high" => RiskLevel::High,
            "hidden" => RiskLevel::Hidden,
            "none" => RiskLevel::None,
            "unknownFutureValue" => RiskLevel::UnknownFutureValue,
            other => RiskLevel::Other(other.to_owned()),
        }
    }
    fn as_wire(&self) -> &str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Hidden => "hidden",
            RiskLevel::None => "none",
            RiskLevel::UnknownFutureValue => "unknownFutureValue",
            RiskLevel::Other(text) => text,
        }
    }
}

impl FromJson for RiskLevel {
    fn from_json(value: &Value) -> Option<Self> {
        enum_from_json(value)
    }
}

impl ToJson for RiskLevel {
    fn to_json(self) -> Value {
        enum_to_json(&self)
    }
}
