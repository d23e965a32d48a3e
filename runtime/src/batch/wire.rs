//! The `$batch` JSON: requests in, responses out.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{json, Map, Value};

use crate::body::Body;
use crate::{Error, RawResponse, Request};

/// One request of a batch, as the `$batch` body writes it (less its id
/// and `dependsOn`, which depend on the chunk it goes in).
#[derive(Debug)]
pub(crate) struct Entry {
    method: String,
    /// Relative to the version: `/users/x?$select=id`.
    url: String,
    headers: Map<String, Value>,
    body: Option<Value>,
    pub(crate) depends_on: Vec<usize>,
}

impl Entry {
    /// `request` as a batch entry: its URL without base and version, its
    /// headers as text, a JSON body as JSON and any other body as base64.
    pub(crate) fn new<T>(
        request: Request<T>,
        depends_on: &[super::item::BatchId],
    ) -> Result<Self, Error> {
        let version = format!("/{}", request.path().version());
        let prepared = request.prepare("")?;
        let url = prepared
            .url
            .strip_prefix(&version)
            .unwrap_or(&prepared.url)
            .to_owned();
        let mut headers = Map::new();
        for (name, value) in &prepared.headers {
            let text = value.to_str().map_err(|_| {
                Error::InvalidRequest(format!("header {name} is not text: a batch sends JSON"))
            })?;
            headers.insert(name.as_str().to_owned(), Value::String(text.to_owned()));
        }
        let body = body_value(&prepared.body)?;
        if let Some(content_type) = prepared.body.content_type() {
            headers
                .entry("content-type")
                .or_insert_with(|| Value::String(content_type.to_owned()));
        }
        Ok(Entry {
            method: prepared.method.as_str().to_owned(),
            url,
            headers,
            body,
            depends_on: depends_on.iter().map(|id| id.0).collect(),
        })
    }

    /// The entry as sent with `id`, depending on those of `depends_on`
    /// that go in the same post.
    pub(crate) fn to_json(&self, id: usize, depends_on: &[usize]) -> Value {
        let mut object = Map::new();
        object.insert("id".into(), Value::String(id.to_string()));
        object.insert("method".into(), Value::String(self.method.clone()));
        object.insert("url".into(), Value::String(self.url.clone()));
        if !self.headers.is_empty() {
            object.insert("headers".into(), Value::Object(self.headers.clone()));
        }
        if let Some(body) = &self.body {
            object.insert("body".into(), body.clone());
        }
        if !depends_on.is_empty() {
            let ids = depends_on.iter().map(|id| Value::String(id.to_string()));
            object.insert("dependsOn".into(), Value::Array(ids.collect()));
        }
        Value::Object(object)
    }
}

fn body_value(body: &Body) -> Result<Option<Value>, Error> {
    match body {
        Body::Empty => Ok(None),
        Body::Json(data) => serde_json::from_slice(data)
            .map(Some)
            .map_err(|e| Error::Encode(format!("a JSON body that is not JSON: {e}"))),
        Body::Bytes { data, .. } => Ok(Some(Value::String(BASE64.encode(data)))),
    }
}

/// The `$batch` body for `entries`.
pub(crate) fn request_body(entries: Vec<Value>) -> Value {
    json!({ "requests": entries })
}

/// The answers of a `$batch` response: `(id, response)` for each item.
pub(crate) fn responses(body: &[u8]) -> Result<Vec<(usize, RawResponse)>, Error> {
    let value: Value = serde_json::from_slice(body).map_err(|e| Error::decode(e, body))?;
    let Some(items) = value.get("responses").and_then(Value::as_array) else {
        return Err(Error::decode("a $batch response without `responses`", body));
    };
    items.iter().map(response).collect()
}

fn response(item: &Value) -> Result<(usize, RawResponse), Error> {
    let bad = |what: &str| {
        Error::decode(
            format!("a $batch answer {what}"),
            item.to_string().as_bytes(),
        )
    };
    let id = item
        .get("id")
        .and_then(Value::as_str)
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| bad("without a request id of this batch"))?;
    let status = item
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|status| u16::try_from(status).ok())
        .and_then(|status| StatusCode::from_u16(status).ok())
        .ok_or_else(|| bad("without a valid status"))?;
    let headers = headers(item.get("headers"));
    let body = answer_body(item.get("body"), &headers);
    Ok((
        id,
        RawResponse {
            status,
            headers,
            body,
        },
    ))
}

fn headers(value: Option<&Value>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let Some(Value::Object(object)) = value else {
        return headers;
    };
    for (name, value) in object {
        let (Ok(name), Some(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            value.as_str().and_then(|v| HeaderValue::from_str(v).ok()),
        ) else {
            continue;
        };
        headers.insert(name, value);
    }
    headers
}

/// An answer's body as bytes: JSON re-serialised; a string under a
/// non-JSON content type is base64 (what Graph sends for binary bodies).
fn answer_body(body: Option<&Value>, headers: &HeaderMap) -> Bytes {
    let json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|ct| ct.to_ascii_lowercase().contains("json"));
    match body {
        None | Some(Value::Null) => Bytes::new(),
        Some(Value::String(text)) if !json => BASE64
            .decode(text)
            .map(Bytes::from)
            .unwrap_or_else(|_| Bytes::from(text.clone().into_bytes())),
        Some(value) => Bytes::from(serde_json::to_vec(value).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiVersion, RequestPath};
    use http::Method;

    #[test]
    fn entries_are_relative_to_the_version_with_base64_binary_bodies() {
        let path = RequestPath::new(ApiVersion::Beta)
            .segment("me")
            .segment("photo");
        let request =
            Request::<()>::new(Method::PUT, path).bytes_body(vec![1u8, 2, 255], "image/png");
        let entry = Entry::new(request, &[]).unwrap();
        assert_eq!(
            entry.to_json(3, &[1]),
            json!({"id": "3", "method": "PUT", "url": "/me/photo",
                   "headers": {"content-type": "image/png"}, "body": "AQL/", "dependsOn": ["1"]})
        );
        let path = RequestPath::new(ApiVersion::V1_0).segment("users");
        let request = Request::<()>::new(Method::POST, path)
            .select(&["id"])
            .json_body(&json!({"a": 1}));
        let entry = Entry::new(request, &[]).unwrap();
        assert_eq!(
            entry.to_json(0, &[]),
            json!({"id": "0", "method": "POST", "url": "/users?$select=id",
                   "headers": {"content-type": "application/json"}, "body": {"a": 1}})
        );
    }

    #[test]
    fn answers_decode_json_and_base64_bodies() {
        let body = json!({"responses": [
            {"id": "1", "status": 200, "headers": {"content-type": "image/png"}, "body": "AQL/"},
            {"id": "0", "status": 404, "body": {"error": {"code": "x", "message": "y"}}},
            {"id": "2", "status": 204},
        ]});
        let answers = responses(body.to_string().as_bytes()).unwrap();
        assert_eq!(answers[0].0, 1);
        assert_eq!(&answers[0].1.body[..], [1, 2, 255]);
        assert_eq!(answers[1].1.status, StatusCode::NOT_FOUND);
        assert_eq!(
            &answers[1].1.body[..],
            br#"{"error":{"code":"x","message":"y"}}"#
        );
        assert!(answers[2].1.body.is_empty());
        let error = responses(br#"{"responses":[{"id":"a","status":200}]}"#).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    }
}
