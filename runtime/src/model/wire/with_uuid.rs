//! Conversions to and from `uuid::Uuid` (feature `uuid`).

use uuid::Uuid;

use super::Guid;

/// Written in lower case.
impl From<Uuid> for Guid {
    fn from(value: Uuid) -> Self {
        Guid::from_u128(value.as_u128())
    }
}

impl From<&Guid> for Uuid {
    fn from(value: &Guid) -> Self {
        Uuid::from_u128(value.to_u128())
    }
}

impl From<Guid> for Uuid {
    fn from(value: Guid) -> Self {
        Uuid::from(&value)
    }
}
