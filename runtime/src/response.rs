//! Raw responses and their conversion into typed results.

use std::fmt;

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::Error;

/// A complete 2xx response: status, headers and the whole body.
#[derive(Clone)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
}

impl RawResponse {
    /// Decodes the body as JSON; on failure [`Error::Decode`] carries the
    /// decoder's message and the start of the body.
    pub fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|e| Error::decode(e, &self.body))
    }

    /// The `Content-Type` header, if present and valid text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE)?.to_str().ok()
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Turns a 2xx [`RawResponse`] into the value a request returns.
///
/// Implemented for every [`Model`](crate::model::Model) (the body must be a
/// JSON object), for [`Page`](crate::Page)s of any
/// [`FromJson`](crate::model::FromJson) type, and for the raw forms below.
/// Other types decode with [`RawResponse::json`], through [`Json`] or
/// [`impl_from_response_json!`](crate::impl_from_response_json).
pub trait FromResponse: Sized {
    /// Converts the response.
    fn from_response(response: RawResponse) -> Result<Self, Error>;
}

/// Any 2xx; the body is ignored.
impl FromResponse for () {
    fn from_response(_response: RawResponse) -> Result<Self, Error> {
        Ok(())
    }
}

/// JSON; an empty (or all-whitespace) body is [`Value::Null`].
impl FromResponse for Value {
    fn from_response(response: RawResponse) -> Result<Self, Error> {
        if response.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        response.json()
    }
}

/// The response itself, untouched.
impl FromResponse for RawResponse {
    fn from_response(response: RawResponse) -> Result<Self, Error> {
        Ok(response)
    }
}

/// A count (`GET <collection>/$count`): a plain-text integer, which Graph
/// may start with a UTF-8 byte order mark.
impl FromResponse for u64 {
    fn from_response(response: RawResponse) -> Result<Self, Error> {
        let body = response
            .body
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(&response.body);
        serde_json::from_slice(body.trim_ascii()).map_err(|e| Error::decode(e, &response.body))
    }
}

/// A raw body (`$value` downloads, photos, reports) with its content type.
#[derive(Clone, PartialEq, Eq)]
pub struct Binary {
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body bytes.
    pub data: Bytes,
}

impl FromResponse for Binary {
    fn from_response(response: RawResponse) -> Result<Self, Error> {
        Ok(Binary {
            content_type: response.content_type().map(str::to_owned),
            data: response.body,
        })
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Binary")
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

/// Any JSON-deserializable type, for responses without a dedicated
/// [`FromResponse`] impl: `Request<Json<MyType>>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned> FromResponse for Json<T> {
    fn from_response(response: RawResponse) -> Result<Self, Error> {
        response.json().map(Json)
    }
}

/// Implements [`FromResponse`] for types that decode from a JSON body:
/// `graph_runtime::impl_from_response_json!(User, Group);`.
#[macro_export]
macro_rules! impl_from_response_json {
    ($($ty:ty),+ $(,)?) => {$(
        impl $crate::FromResponse for $ty {
            fn from_response(
                response: $crate::RawResponse,
            ) -> ::std::result::Result<Self, $crate::Error> {
                response.json()
            }
        }
    )+};
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &'static str) -> RawResponse {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, "image/png".parse().unwrap());
        RawResponse {
            status: StatusCode::OK,
            headers,
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    #[derive(serde::Deserialize, Debug)]
    struct User {
        id: String,
    }
    crate::impl_from_response_json!(User);

    #[test]
    fn counts_are_plain_text_integers_with_or_without_a_byte_order_mark() {
        assert_eq!(u64::from_response(raw("893")).unwrap(), 893);
        assert_eq!(u64::from_response(raw("\u{feff}42\r\n")).unwrap(), 42);
        assert!(matches!(
            u64::from_response(raw("{\"value\":1}")),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn conversions() {
        assert_eq!(Value::from_response(raw("")).unwrap(), Value::Null);
        assert_eq!(Value::from_response(raw(" {\"a\":1}")).unwrap()["a"], 1);
        <()>::from_response(raw("not json")).unwrap();
        let binary = Binary::from_response(raw("\u{1}\u{2}")).unwrap();
        assert_eq!(binary.content_type.as_deref(), Some("image/png"));
        assert_eq!(
            format!("{binary:?}"),
            "Binary { content_type: Some(\"image/png\"), len: 2 }"
        );
        assert_eq!(User::from_response(raw(r#"{"id":"1"}"#)).unwrap().id, "1");
        let Json(n) = Json::<u8>::from_response(raw("7")).unwrap();
        assert_eq!(n, 7);
    }

    #[test]
    fn decode_errors_carry_an_excerpt() {
        let error = Value::from_response(raw("{\"value\": [1, 2,")).unwrap_err();
        let Error::Decode { message, excerpt } = error else {
            panic!("{error:?}");
        };
        assert!(message.contains("EOF"), "{message}");
        assert_eq!(excerpt, "{\"value\": [1, 2,");
    }
}
