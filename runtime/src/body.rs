//! The body of a request: bytes, so a request can be re-sent.

use std::fmt;

use bytes::Bytes;

/// A request body. Bodies are bytes, so a request can be re-sent on retry.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// Serialized JSON, sent as `application/json`.
    Json(Bytes),
    /// Raw bytes with their content type.
    Bytes {
        /// The `Content-Type` to send.
        content_type: String,
        /// The bytes.
        data: Bytes,
    },
}

impl Body {
    /// The body length in bytes.
    pub fn len(&self) -> usize {
        self.bytes().len()
    }

    /// True for [`Body::Empty`] and zero-length bodies.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The content type to send, if there is a body.
    pub fn content_type(&self) -> Option<&str> {
        match self {
            Body::Empty => None,
            Body::Json(_) => Some("application/json"),
            Body::Bytes { content_type, .. } => Some(content_type),
        }
    }

    /// The bytes to send (empty for [`Body::Empty`]).
    pub fn bytes(&self) -> Bytes {
        match self {
            Body::Empty => Bytes::new(),
            Body::Json(data) | Body::Bytes { data, .. } => data.clone(),
        }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Json(data) => write!(f, "Json({} bytes)", data.len()),
            Body::Bytes { content_type, data } => {
                write!(f, "Bytes({content_type}, {} bytes)", data.len())
            }
        }
    }
}
