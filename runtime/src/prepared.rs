//! A request resolved to an absolute URL, ready to be sent (and re-sent).

use http::{HeaderMap, Method};

use crate::body::Body;

/// What [`crate::Request::prepare`] checked and resolved: the method, the
/// absolute URL, the caller's headers and the body.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Body,
    /// Sent without the access token anywhere (a pre-authenticated URL).
    pub(crate) anonymous: bool,
    /// What traces call the request: the path template, never the URL.
    pub(crate) label: String,
}
