//! The redirect policy of Graph requests.
//!
//! 301, 302, 307 and 308 repeat the request (method and body) at the
//! `Location`; 303 turns it into a body-less GET. At most
//! [`MAX_REDIRECTS`] hops. The access token goes only to the client's own
//! origin (scheme, host, port): a hop elsewhere (a pre-authenticated
//! download URL) carries neither it nor the caller's `Authorization`,
//! `Proxy-Authorization` or `Cookie`, and a hop that would carry a request
//! body elsewhere is refused. A `Location` that is not `http(s)` or carries
//! credentials is refused; a 3xx without a `Location` is the response.

use http::header::{
    AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, LOCATION, PROXY_AUTHORIZATION,
};
use http::{HeaderMap, Method, StatusCode};
use reqwest::Url;

use crate::body::Body;
use crate::Error;

/// The most redirects one attempt follows (the official SDKs' default).
pub(crate) const MAX_REDIRECTS: usize = 5;

/// One HTTP exchange of an attempt: the request, or a redirect of it.
#[derive(Clone, Debug)]
pub(crate) struct Hop {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Body,
}

/// The hop `response` redirects `hop` to; `None` when it is no redirect to
/// follow. `own_origin` says whether a URL is the client's origin.
pub(crate) fn next_hop(
    hop: &Hop,
    status: StatusCode,
    response: &HeaderMap,
    own_origin: impl Fn(&Url) -> bool,
) -> Result<Option<Hop>, Error> {
    if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let Some(location) = response.get(LOCATION).and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    let refuse = |why: String| Error::Redirect(format!("HTTP {}: {why}", status.as_u16()));
    let url = hop
        .url
        .join(location)
        .map_err(|_| refuse("the Location is not a URL".into()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse(format!("a Location with scheme {:?}", url.scheme())));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("a Location with credentials".into()));
    }
    let mut next = Hop {
        method: hop.method.clone(),
        url,
        headers: hop.headers.clone(),
        body: hop.body.clone(),
    };
    if status == StatusCode::SEE_OTHER {
        see_other(&mut next);
    }
    if !own_origin(&next.url) {
        if !next.body.is_empty() {
            return Err(refuse(format!(
                "the request body would go to {}",
                origin(&next.url)
            )));
        }
        for name in [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE] {
            next.headers.remove(name);
        }
    }
    Ok(Some(next))
}

/// 303 See Other: fetch the result with a GET (a HEAD stays a HEAD).
fn see_other(hop: &mut Hop) {
    if hop.method != Method::HEAD {
        hop.method = Method::GET;
    }
    hop.body = Body::Empty;
    hop.headers.remove(CONTENT_TYPE);
    hop.headers.remove(CONTENT_LENGTH);
}

/// `scheme://host[:port]` of `url`: what errors name instead of the URL,
/// whose path or query may hold a pre-authenticated download token.
pub(crate) fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(method: Method, body: Body) -> Hop {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, "Bearer caller".parse().unwrap());
        headers.insert(CONTENT_TYPE, "application/json".parse().unwrap());
        Hop {
            method,
            url: Url::parse("https://graph.example/v1.0/me").unwrap(),
            headers,
            body,
        }
    }

    fn location(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, value.parse().unwrap());
        headers
    }

    fn own(url: &Url) -> bool {
        url.host_str() == Some("graph.example")
    }

    fn follow(hop: &Hop, status: u16, to: &str) -> Result<Option<Hop>, Error> {
        next_hop(
            hop,
            StatusCode::from_u16(status).unwrap(),
            &location(to),
            own,
        )
    }

    #[test]
    fn only_redirect_statuses_with_a_location_are_followed() {
        let get = hop(Method::GET, Body::Empty);
        for status in [200, 300, 304, 305, 404] {
            assert!(follow(&get, status, "/x").unwrap().is_none(), "{status}");
        }
        let none = next_hop(&get, StatusCode::FOUND, &HeaderMap::new(), own);
        assert!(none.unwrap().is_none());
        let next = follow(&get, 308, "/v1.0/other?a=1").unwrap().unwrap();
        assert_eq!(next.url.as_str(), "https://graph.example/v1.0/other?a=1");
        assert!(next.headers.contains_key(AUTHORIZATION));
    }

    #[test]
    fn another_origin_gets_no_credentials_and_no_body() {
        let get = hop(Method::GET, Body::Empty);
        let next = follow(&get, 302, "https://files.example/f")
            .unwrap()
            .unwrap();
        assert!(!next.headers.contains_key(AUTHORIZATION));
        let post = hop(Method::POST, Body::Json("{}".into()));
        let error = follow(&post, 307, "https://evil.example/").unwrap_err();
        assert_eq!(
            error.to_string(),
            "refusing to follow a redirect: HTTP 307: the request body would go to https://evil.example"
        );
        let same = follow(&post, 307, "/v1.0/moved").unwrap().unwrap();
        assert_eq!((same.method, same.body.len()), (Method::POST, 2));
    }

    #[test]
    fn see_other_is_a_get_without_body() {
        let post = hop(Method::POST, Body::Json("{}".into()));
        let next = follow(&post, 303, "https://evil.example/status")
            .unwrap()
            .unwrap();
        assert_eq!(next.method, Method::GET);
        assert!(next.body.is_empty());
        assert!(!next.headers.contains_key(CONTENT_TYPE));
        let head = follow(&hop(Method::HEAD, Body::Empty), 303, "/x")
            .unwrap()
            .unwrap();
        assert_eq!(head.method, Method::HEAD);
    }

    #[test]
    fn odd_locations_are_refused() {
        let get = hop(Method::GET, Body::Empty);
        for to in [
            "file:///etc/passwd",
            "ftp://x/",
            "https://user:pw@graph.example/",
        ] {
            assert!(
                matches!(follow(&get, 302, to), Err(Error::Redirect(_))),
                "{to}"
            );
        }
    }
}
