//! The error type and the decoding of Graph error bodies.

use std::error::Error as StdError;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use serde_json::Value;

/// How many characters of a body an error keeps.
const EXCERPT_CHARS: usize = 200;

/// Everything that can go wrong sending a request or reading its response.
///
/// No variant ever contains an access token or a client secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a non-2xx status and a Graph error body
    /// (`{"error":{"code","message","innerError":{..}}}`).
    #[error("{code}: {message} (HTTP {}, request-id {}, client-request-id {client_request_id})",
        .status.as_u16(), .request_id.as_deref().unwrap_or("none"))]
    Graph {
        /// The HTTP status.
        status: StatusCode,
        /// `error.code`, e.g. `Request_ResourceNotFound`.
        code: String,
        /// `error.message`.
        message: String,
        /// `error.innerError` as sent, if any.
        inner_error: Option<Value>,
        /// `innerError.request-id`, else the `request-id` response header.
        request_id: Option<String>,
        /// `innerError.client-request-id`, else the id this client sent.
        client_request_id: String,
        /// `innerError.date`, else the `Date` response header.
        date: Option<String>,
    },
    /// A non-2xx status without a Graph error body.
    #[error("HTTP {}: {body_excerpt}", .status.as_u16())]
    Status {
        /// The HTTP status.
        status: StatusCode,
        /// The first ~200 characters of the body.
        body_excerpt: String,
    },
    /// The connection failed or broke (refused, reset, TLS, protocol).
    #[error("transport error: {0}")]
    Transport(String),
    /// The request did not complete within the client's timeout.
    #[error("request timed out")]
    Timeout,
    /// A 2xx body could not be decoded into the expected type.
    #[error("cannot decode response: {message} (body starts: {excerpt:?})")]
    Decode {
        /// The decoder's message.
        message: String,
        /// The first ~200 characters of the body.
        excerpt: String,
    },
    /// The request body could not be serialized.
    #[error("cannot encode request body: {0}")]
    Encode(String),
    /// No access token could be obtained.
    #[error("authentication failed: {0}")]
    Auth(String),
    /// A page's `@odata.nextLink` is not on the client's origin, or leads
    /// back to a page of the same listing.
    #[error("refusing to follow @odata.nextLink: {0}")]
    InvalidNextLink(String),
    /// The request cannot be sent as built (an empty, `.` or `..` key, an
    /// invalid header value).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client configuration is unusable (bad base URL or user agent).
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// A body to hold in memory is longer than the client's limit
    /// ([`ClientBuilder::max_body_size`](crate::ClientBuilder::max_body_size)).
    #[error(
        "the response body is larger than the limit of {limit} bytes; \
         read large downloads with send_streaming"
    )]
    BodyTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A streamed body sent nothing for the client's idle timeout
    /// ([`ClientBuilder::idle_timeout`](crate::ClientBuilder::idle_timeout)).
    #[error("the response body stalled: nothing arrived for {} ms", .idle.as_millis())]
    IdleTimeout {
        /// The idle timeout.
        idle: Duration,
    },
    /// A redirect the client does not follow: more than five hops, a
    /// request body to another origin, a `Location` that is not `http(s)`.
    #[error("refusing to follow a redirect: {0}")]
    Redirect(String),
    /// A listing has more pages than the client's cap
    /// ([`ClientBuilder::max_pages`](crate::ClientBuilder::max_pages)).
    #[error("stopped after {limit} pages: the listing goes on (raise ClientBuilder::max_pages)")]
    TooManyPages {
        /// The cap, in pages.
        limit: usize,
    },
    /// A delta query's saved state is gone (`410 Gone`, or a sync-reset
    /// code such as `resyncRequired`): drop the saved delta link and start
    /// over with a full sync (the initial delta request).
    #[error(
        "the delta sync must start over (HTTP {status}{}{code}: {message}): \
         discard the saved delta link and run the initial delta query again",
        if code.is_empty() { "" } else { ", " }
    )]
    SyncReset {
        /// The HTTP status.
        status: u16,
        /// The Graph error code, if any.
        code: String,
        /// The service's message.
        message: String,
    },
    /// A long-running operation ended failed or cancelled
    /// ([`Client::wait_for`](crate::Client::wait_for)).
    #[error("the operation ended {status}: {code}: {message}")]
    OperationFailed {
        /// The monitor's `status` (`failed`, `cancelled`, ...).
        status: String,
        /// The operation's `error.code`, if it gave one.
        code: String,
        /// The operation's `error.message`, if it gave one.
        message: String,
    },
    /// A long-running operation was still running at the caller's deadline.
    #[error("the operation is still running after {} ms", .waited.as_millis())]
    OperationTimeout {
        /// How long it was polled.
        waited: Duration,
    },
    /// An upload session could not go on: the file ended early or could
    /// not be read, or the service expects other bytes than were sent
    /// ([`LargeFileUpload::resume`](crate::LargeFileUpload::resume) goes on
    /// from where it stands).
    #[error("upload: {0}")]
    Upload(String),
    /// A streamed body could not be written where the caller asked
    /// ([`ByteStream::write_to`](crate::ByteStream::write_to)).
    #[error("cannot write the response body: {0}")]
    Write(String),
}

impl Error {
    /// The HTTP status, for [`Error::Graph`] and [`Error::Status`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Graph { status, .. } | Error::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The Graph error code, for [`Error::Graph`].
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Graph { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Builds [`Error::Decode`] from a decoder error and the body.
    pub fn decode(message: impl ToString, body: &[u8]) -> Self {
        Error::Decode {
            message: message.to_string(),
            excerpt: excerpt(body),
        }
    }
}

/// The first ~200 characters of `body`, lossily decoded, on one line:
/// line breaks and tabs read as spaces, other control characters (terminal
/// escapes a server could send) as U+FFFD.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(EXCERPT_CHARS).map(printable).collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

fn printable(c: char) -> char {
    match c {
        '\n' | '\r' | '\t' => ' ',
        c if c.is_control() => '\u{fffd}',
        c => c,
    }
}

/// A transport error's message with its whole source chain.
pub(crate) fn transport_message(error: &(dyn StdError + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// Maps a non-2xx response (status, headers, the body or its start) to
/// [`Error::Graph`] or [`Error::Status`].
pub(crate) fn from_status(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    client_request_id: &str,
) -> Error {
    let parsed = serde_json::from_slice::<Value>(body).ok();
    let error = parsed.as_ref().and_then(|body| body.get("error"));
    match error.and_then(|error| error.get("code")?.as_str().map(|code| (error, code))) {
        Some((error, code)) => graph_error((status, headers), error, code, client_request_id),
        None => Error::Status {
            status,
            body_excerpt: excerpt(body),
        },
    }
}

fn graph_error(
    (status, headers): (StatusCode, &HeaderMap),
    error: &Value,
    code: &str,
    sent_id: &str,
) -> Error {
    let inner = error
        .get("innerError")
        .or_else(|| error.get("innererror"))
        .cloned();
    let inner_str = |name: &str| {
        inner
            .as_ref()
            .and_then(|inner| inner.get(name)?.as_str())
            .map(str::to_owned)
    };
    Error::Graph {
        status,
        code: code.to_owned(),
        message: error
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        request_id: inner_str("request-id").or_else(|| header(headers, "request-id")),
        client_request_id: inner_str("client-request-id").unwrap_or_else(|| sent_id.to_owned()),
        date: inner_str("date").or_else(|| header(headers, "date")),
        inner_error: inner,
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str, headers: &[(&'static str, &'static str)]) -> Error {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, http::HeaderValue::from_static(value));
        }
        let status = StatusCode::from_u16(status).unwrap();
        from_status(status, &map, body.as_bytes(), "sent")
    }

    #[test]
    fn graph_error_body() {
        let body = r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.",
            "innerError":{"request-id":"rid-1","date":"2024-01-01T00:00:00","client-request-id":"cid-1"}}}"#;
        let error = response(404, body, &[]);
        let Error::Graph {
            code,
            request_id,
            client_request_id,
            date,
            inner_error,
            ..
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!(code, "Request_ResourceNotFound");
        assert_eq!(request_id.as_deref(), Some("rid-1"));
        assert_eq!(client_request_id, "cid-1");
        assert_eq!(date.as_deref(), Some("2024-01-01T00:00:00"));
        assert!(inner_error.is_some());
        assert_eq!(
            error.to_string(),
            "Request_ResourceNotFound: Resource 'x' does not exist. \
             (HTTP 404, request-id rid-1, client-request-id cid-1)"
        );
        assert_eq!(error.code(), Some("Request_ResourceNotFound"));
        assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    }

    #[test]
    fn graph_error_falls_back_to_headers() {
        let body = r#"{"error":{"code":"Forbidden","message":"no"}}"#;
        let headers = [
            ("request-id", "hdr-id"),
            ("date", "Mon, 01 Jan 2024 00:00:00 GMT"),
        ];
        let error = response(403, body, &headers);
        let Error::Graph {
            request_id,
            client_request_id,
            date,
            inner_error,
            ..
        } = error
        else {
            panic!();
        };
        assert_eq!(request_id.as_deref(), Some("hdr-id"));
        assert_eq!(client_request_id, "sent");
        assert_eq!(date.as_deref(), Some("Mon, 01 Jan 2024 00:00:00 GMT"));
        assert!(inner_error.is_none());
    }

    #[test]
    fn non_graph_bodies_become_status() {
        let error = response(502, "<html>bad gateway</html>", &[]);
        assert_eq!(error.to_string(), "HTTP 502: <html>bad gateway</html>");
        let error = response(400, r#"{"error":"invalid"}"#, &[]);
        assert!(matches!(error, Error::Status { .. }));
    }

    #[test]
    fn excerpt_is_bounded_and_char_safe() {
        let long = "é".repeat(500);
        let cut = excerpt(long.as_bytes());
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt(b"short"), "short");
        assert_eq!(excerpt(&[0xff, b'a']), "\u{fffd}a");
        assert_eq!(excerpt(b"a\r\nb\x1b[31mc\x07"), "a  b\u{fffd}[31mc\u{fffd}");
    }
}
