//! The request value built by generated code.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use http::header::{AUTHORIZATION, PROXY_AUTHORIZATION};
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::body::Body;
use crate::prepared::Prepared;
use crate::{encode, Client, Error, FromResponse, Permissions, RequestPath};

/// An error noticed while building, reported by `send`.
#[derive(Clone, Debug)]
enum Deferred {
    Encode(String),
    Invalid(String),
}

/// A Graph request whose success response decodes into `T`.
///
/// Built synchronously by generated code; sent with [`Request::send`].
pub struct Request<T> {
    method: Method,
    path: RequestPath,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Body,
    deferred: Option<Deferred>,
    permissions: Option<&'static Permissions>,
    marker: PhantomData<fn() -> T>,
}

impl<T> Request<T> {
    /// A request with no query, headers or body.
    pub fn new(method: Method, path: RequestPath) -> Self {
        Request {
            method,
            path,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: Body::Empty,
            deferred: None,
            permissions: None,
            marker: PhantomData,
        }
    }

    /// A request for a documented operation, carrying the permissions its
    /// page lists (what generated terminal calls build).
    pub fn documented(
        method: Method,
        path: RequestPath,
        permissions: &'static Permissions,
    ) -> Self {
        Request {
            permissions: Some(permissions),
            ..Request::new(method, path)
        }
    }

    /// The permissions the operation's page documents; `None` for a request
    /// built by hand with [`Request::new`].
    pub fn permissions(&self) -> Option<&'static Permissions> {
        self.permissions
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path.
    pub fn path(&self) -> &RequestPath {
        &self.path
    }

    /// The query parameters, unencoded, in order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The extra headers set on this request.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Body {
        &self.body
    }

    /// Appends a query parameter; name and value are percent-encoded when
    /// the URL is built.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Sets an OData system query option, replacing an earlier one.
    fn option(mut self, name: &str, value: String) -> Self {
        self.query.retain(|(existing, _)| existing != name);
        self.query.push((name.to_owned(), value));
        self
    }

    /// `$select=a,b`.
    pub fn select(self, fields: &[&str]) -> Self {
        self.option("$select", fields.join(","))
    }

    /// `$expand=...`.
    pub fn expand(self, value: impl Into<String>) -> Self {
        self.option("$expand", value.into())
    }

    /// `$filter=...`.
    pub fn filter(self, value: impl Into<String>) -> Self {
        self.option("$filter", value.into())
    }

    /// `$orderby=...`.
    pub fn orderby(self, value: impl Into<String>) -> Self {
        self.option("$orderby", value.into())
    }

    /// `$search=...` (Graph expects the value in double quotes: `"name:x"`).
    pub fn search(self, value: impl Into<String>) -> Self {
        self.option("$search", value.into())
    }

    /// `$top=n`.
    pub fn top(self, n: u32) -> Self {
        self.option("$top", n.to_string())
    }

    /// `$skip=n`.
    pub fn skip(self, n: u32) -> Self {
        self.option("$skip", n.to_string())
    }

    /// `$count=true|false`.
    pub fn count(self, yes: bool) -> Self {
        self.option("$count", yes.to_string())
    }

    /// Sets a header, replacing earlier values of the same name.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// `ConsistencyLevel: eventual` (advanced directory queries).
    pub fn consistency_level_eventual(self) -> Self {
        self.header(
            HeaderName::from_static("consistencylevel"),
            HeaderValue::from_static("eventual"),
        )
    }

    /// Appends a `Prefer` header value (e.g. `odata.maxpagesize=50`).
    pub fn prefer(self, value: impl AsRef<str>) -> Self {
        self.text_header("prefer", value.as_ref(), true)
    }

    /// `Prefer: odata.maxpagesize=n`: at most `n` items per page.
    pub fn prefer_max_page_size(self, n: u32) -> Self {
        self.prefer(format!("odata.maxpagesize={n}"))
    }

    /// `Prefer: return=minimal`: a successful update answers `204` without
    /// the resource.
    pub fn prefer_return_minimal(self) -> Self {
        self.prefer("return=minimal")
    }

    /// `Prefer: return=representation`: a successful update answers with
    /// the resource.
    pub fn prefer_return_representation(self) -> Self {
        self.prefer("return=representation")
    }

    /// `Prefer: outlook.timezone="<zone>"`: dates and times in the response
    /// in that time zone (`"Pacific Standard Time"`, an IANA name, ...).
    pub fn prefer_outlook_timezone(self, zone: impl AsRef<str>) -> Self {
        self.prefer(format!("outlook.timezone=\"{}\"", zone.as_ref()))
    }

    /// `Prefer: outlook.body-content-type="text"` or `"html"`: the format
    /// of message and event bodies in the response.
    pub fn prefer_outlook_body_content_type(self, kind: impl AsRef<str>) -> Self {
        self.prefer(format!("outlook.body-content-type=\"{}\"", kind.as_ref()))
    }

    /// `If-Match: <etag>`: the write applies only when the resource still
    /// has this ETag (else `412 Precondition Failed`).
    pub fn if_match(self, etag: impl AsRef<str>) -> Self {
        self.text_header("if-match", etag.as_ref(), false)
    }

    /// `If-None-Match: <etag>`: a read answers `304 Not Modified` while the
    /// resource has this ETag.
    pub fn if_none_match(self, etag: impl AsRef<str>) -> Self {
        self.text_header("if-none-match", etag.as_ref(), false)
    }

    /// `Workbook-Session-Id: <id>`: an Excel workbook call inside a session
    /// created with `createSession`.
    pub fn workbook_session_id(self, id: impl AsRef<str>) -> Self {
        self.text_header("workbook-session-id", id.as_ref(), false)
    }

    /// Sets (or, with `append`, adds) a header from text; a value that is
    /// not a valid header value is reported by `send`.
    fn text_header(mut self, name: &'static str, value: &str, append: bool) -> Self {
        let name = HeaderName::from_static(name);
        match HeaderValue::from_str(value) {
            Ok(value) if append => {
                self.headers.append(name, value);
            }
            Ok(value) => {
                self.headers.insert(name, value);
            }
            Err(_) => self.defer(Deferred::Invalid(format!("invalid {name} header value"))),
        }
        self
    }

    /// Serializes `body` as JSON now; a serialization error is returned by
    /// `send` as [`Error::Encode`].
    pub fn json_body<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Body::Json(Bytes::from(bytes)),
            Err(error) => self.defer(Deferred::Encode(error.to_string())),
        }
        self
    }

    /// Uses `bytes` as the body, sent with `content_type`.
    pub fn bytes_body(mut self, bytes: impl Into<Bytes>, content_type: &str) -> Self {
        if HeaderValue::from_str(content_type).is_err() {
            self.defer(Deferred::Invalid("invalid body content type".into()));
        }
        self.body = Body::Bytes {
            content_type: content_type.to_owned(),
            data: bytes.into(),
        };
        self
    }

    /// The full URL for `base` (e.g. `https://graph.microsoft.com`):
    /// base + `/` + version + path + `?` + encoded query. Deterministic.
    pub fn url(&self, base: &str) -> String {
        let mut url = format!("{}{}", base.trim_end_matches('/'), self.path);
        for (index, (name, value)) in self.query.iter().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            url.push_str(&encode::query(name));
            url.push('=');
            url.push_str(&encode::query(value));
        }
        url
    }

    /// The same request, decoding into `U`.
    pub fn cast<U>(self) -> Request<U> {
        Request {
            method: self.method,
            path: self.path,
            query: self.query,
            headers: self.headers,
            body: self.body,
            deferred: self.deferred,
            permissions: self.permissions,
            marker: PhantomData,
        }
    }

    /// The same request on another path, without the documented
    /// permissions (they belong to the old path's operation).
    pub(crate) fn with_path(mut self, path: impl FnOnce(RequestPath) -> RequestPath) -> Self {
        self.path = path(self.path);
        self.permissions = None;
        self
    }

    fn defer(&mut self, deferred: Deferred) {
        self.deferred.get_or_insert(deferred);
    }

    /// Checks the request and resolves its URL against `base`.
    pub(crate) fn prepare(self, base: &str) -> Result<Prepared, Error> {
        match &self.deferred {
            Some(Deferred::Encode(message)) => return Err(Error::Encode(message.clone())),
            Some(Deferred::Invalid(message)) => return Err(Error::InvalidRequest(message.clone())),
            None => {}
        }
        if self.path.has_unsendable_key() {
            return Err(Error::InvalidRequest(
                "a path key is empty, \".\" or \"..\", or a path literal is not safe ASCII: \
                 the request would address another resource"
                    .into(),
            ));
        }
        let label = self.path.template();
        Ok(Prepared {
            url: self.url(base),
            method: self.method,
            headers: self.headers,
            body: self.body,
            anonymous: false,
            label,
        })
    }
}

impl<T: FromResponse> Request<T> {
    /// Sends the request with `client` (retrying as its policy says) and
    /// decodes the 2xx response.
    pub async fn send(self, client: &Client) -> Result<T, Error> {
        client.send(self).await
    }
}

impl<T> Request<T> {
    /// Sends the request with `client` (retrying as its policy says) and
    /// returns the 2xx response with its body unread, to read chunk by
    /// chunk: [`Client::send_streaming`].
    pub async fn send_streaming(self, client: &Client) -> Result<crate::ByteStream, Error> {
        client.send_streaming(self).await
    }
}

impl<T> Clone for Request<T> {
    fn clone(&self) -> Self {
        Request {
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            deferred: self.deferred.clone(),
            permissions: self.permissions,
            marker: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path.to_string())
            .field("query", &self.query)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

/// Headers with credential values replaced by `<redacted>`.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            let hidden =
                value.is_sensitive() || name == AUTHORIZATION || name == PROXY_AUTHORIZATION;
            if hidden {
                map.entry(name, &"<redacted>");
            } else {
                map.entry(name, &value.to_str().unwrap_or("<binary>"));
            }
        }
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiVersion;

    const BASE: &str = "https://graph.microsoft.com";

    fn users() -> Request<()> {
        Request::new(
            Method::GET,
            RequestPath::new(ApiVersion::V1_0).segment("users"),
        )
    }

    #[test]
    fn documented_requests_carry_their_permissions_through_options_and_casts() {
        static READ: Permissions = Permissions {
            delegated_work: &["User.Read"],
            delegated_personal: &[],
            application: &["User.Read.All"],
            documented: true,
        };
        assert_eq!(users().permissions(), None);
        let path = RequestPath::new(ApiVersion::V1_0).segment("me");
        let request = Request::<()>::documented(Method::GET, path, &READ)
            .select(&["id"])
            .top(1);
        assert_eq!(request.clone().permissions(), Some(&READ));
        assert_eq!(
            request
                .cast::<String>()
                .permissions()
                .map(|p| p.application),
            Some(&["User.Read.All"][..])
        );
    }

    #[test]
    fn url_without_query() {
        assert_eq!(users().url(BASE), "https://graph.microsoft.com/v1.0/users");
        assert_eq!(users().url("http://h/"), "http://h/v1.0/users");
    }

    #[test]
    fn query_options_are_encoded() {
        let request = users()
            .select(&["id", "displayName"])
            .filter("startswith(displayName,'a&b')")
            .orderby("displayName desc")
            .search("\"displayName:x y\"")
            .expand("manager($select=id)")
            .top(5)
            .skip(10)
            .count(true)
            .query("custom param", "1+1=2#?");
        assert_eq!(
            request.url(BASE),
            "https://graph.microsoft.com/v1.0/users?$select=id,displayName\
             &$filter=startswith(displayName,%27a%26b%27)&$orderby=displayName%20desc\
             &$search=%22displayName:x%20y%22&$expand=manager($select%3Did)&$top=5\
             &$skip=10&$count=true&custom%20param=1%2B1%3D2%23%3F"
        );
    }

    #[test]
    fn system_options_replace_custom_ones_append() {
        let request = users().top(1).top(2).query("a", "1").query("a", "2");
        let pairs: Vec<_> = request
            .query_pairs()
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        assert_eq!(pairs, ["$top=2", "a=1", "a=2"]);
    }

    #[test]
    fn headers_and_bodies() {
        let request = users()
            .consistency_level_eventual()
            .prefer("odata.maxpagesize=5")
            .prefer("return=minimal")
            .json_body(&serde_json::json!({"a": 1}));
        assert_eq!(request.headers()["consistencylevel"], "eventual");
        assert_eq!(request.headers().get_all("prefer").iter().count(), 2);
        assert_eq!(
            request.body(),
            &Body::Json(Bytes::from_static(b"{\"a\":1}"))
        );
        assert_eq!(request.body().content_type(), Some("application/json"));
        let request = users().bytes_body(vec![1u8, 2, 3], "image/png");
        assert_eq!(request.body().len(), 3);
        assert_eq!(format!("{:?}", request.body()), "Bytes(image/png, 3 bytes)");
    }

    #[test]
    fn documented_headers_have_typed_methods() {
        let request = users()
            .prefer_max_page_size(5)
            .prefer_return_minimal()
            .prefer_outlook_timezone("Pacific Standard Time")
            .prefer_outlook_body_content_type("text")
            .if_match("W/\"1\"")
            .if_match("W/\"2\"")
            .if_none_match("\"3\"")
            .workbook_session_id("s-1");
        let prefer: Vec<&str> = request
            .headers()
            .get_all("prefer")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(
            prefer,
            [
                "odata.maxpagesize=5",
                "return=minimal",
                "outlook.timezone=\"Pacific Standard Time\"",
                "outlook.body-content-type=\"text\""
            ]
        );
        // If-Match replaces: one precondition per request.
        assert_eq!(request.headers().get_all("if-match").iter().count(), 1);
        assert_eq!(request.headers()["if-match"], "W/\"2\"");
        assert_eq!(request.headers()["if-none-match"], "\"3\"");
        assert_eq!(request.headers()["workbook-session-id"], "s-1");
        let error = users().if_match("a\nb").prepare(BASE).unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(m) if m.contains("if-match")));
    }

    #[test]
    fn deferred_errors_surface_at_prepare() {
        let bad_map: std::collections::HashMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let error = users().json_body(&bad_map).prepare(BASE).unwrap_err();
        assert!(matches!(error, Error::Encode(_)), "{error:?}");
        let error = users().prefer("a\nb").prepare(BASE).unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        let error = users()
            .bytes_body(vec![], "a\u{7f}")
            .prepare(BASE)
            .unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    }

    #[test]
    fn dot_keys_are_refused() {
        for key in ["", ".", ".."] {
            let path = RequestPath::new(ApiVersion::V1_0).segment("users").key(key);
            let error = Request::<()>::new(Method::GET, path)
                .prepare(BASE)
                .unwrap_err();
            assert!(matches!(error, Error::InvalidRequest(_)), "{key:?}");
        }
    }

    #[test]
    fn cast_and_clone_keep_everything() {
        let request = users().top(3).prefer("x").json_body(&1);
        let cast: Request<serde_json::Value> = request.clone().cast();
        assert_eq!(cast.url(BASE), request.url(BASE));
        assert_eq!(cast.headers(), request.headers());
        assert_eq!(cast.body(), request.body());
        assert_eq!(cast.method(), Method::GET);
    }

    #[test]
    fn debug_redacts_credentials() {
        let mut value = HeaderValue::from_static("Bearer secret-token");
        value.set_sensitive(true);
        let request = users()
            .header(
                AUTHORIZATION,
                HeaderValue::from_static("Bearer secret-token"),
            )
            .header(HeaderName::from_static("x-api-key"), value)
            .json_body(&"payload-secret");
        let debug = format!("{request:?}");
        assert!(!debug.contains("secret-token"), "{debug}");
        assert!(!debug.contains("payload-secret"), "{debug}");
        assert!(debug.contains("Json(16 bytes)"), "{debug}");
    }
}
