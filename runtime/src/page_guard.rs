//! What makes every listing end: a page seen before is an error, and so is
//! one past the page cap.
//!
//! Pages are compared as the requests they make: the URL with its fragment
//! dropped, scheme, host and port normalised by the URL parser, the path
//! with dot segments resolved, percent-escapes of unreserved characters
//! decoded and the other escapes upper-cased; the query exactly as sent.
//! Seen pages are kept as 128-bit fingerprints, so a listing's memory does
//! not grow with the length of its links.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use reqwest::Url;

use crate::error::excerpt;
use crate::Error;

/// The pages of one listing so far.
pub(crate) struct PageGuard {
    max_pages: usize,
    /// Fingerprint of a page's request -> its page number (1-based).
    seen: HashMap<u128, usize>,
}

impl PageGuard {
    /// A guard for a listing whose first page is requested from `first`.
    pub(crate) fn new(max_pages: usize, first: &str) -> Self {
        let mut guard = PageGuard {
            max_pages,
            seen: HashMap::new(),
        };
        let key = Url::parse(first).map_or_else(|_| first.to_owned(), |url| page_key(&url));
        guard.seen.insert(fingerprint(&key), 1);
        guard
    }

    /// Admits `link`, the next link of the last page (requested from
    /// `from`), as the next page; an error when it leads back to a page of
    /// this listing or goes past the cap.
    pub(crate) fn admit(&mut self, from: &str, link: &Url) -> Result<(), Error> {
        let current = self.seen.len();
        if let Some(earlier) = self.seen.get(&fingerprint(&page_key(link))) {
            return Err(Error::InvalidNextLink(format!(
                "the next link of page {current} ({}) leads back to page {earlier} ({})",
                excerpt(from.as_bytes()),
                excerpt(link.as_str().as_bytes()),
            )));
        }
        if current >= self.max_pages {
            return Err(Error::TooManyPages {
                limit: self.max_pages,
            });
        }
        self.seen.insert(fingerprint(&page_key(link)), current + 1);
        Ok(())
    }
}

/// The request a URL makes, normalised as the module says.
fn page_key(url: &Url) -> String {
    format!(
        "{}://{}:{}{}?{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0),
        normal_path(url.path()),
        url.query().unwrap_or(""),
    )
}

/// Decodes escapes of unreserved characters (`%75` is `u`) and upper-cases
/// the hex digits of the others (`%2f` is `%2F`).
fn normal_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| path.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) => {
                out.push(char::from(byte));
                index += 3;
            }
            Some(byte) => {
                out.push_str(&format!("%{byte:02X}"));
                index += 3;
            }
            None => {
                let c = path[index..].chars().next().unwrap_or_default();
                out.push(c);
                index += c.len_utf8().max(1);
            }
        }
    }
    out
}

/// 128 bits of two differently seeded SipHashes.
fn fingerprint(key: &str) -> u128 {
    let half = |seed: u8| {
        let mut hasher = DefaultHasher::new();
        seed.hash(&mut hasher);
        key.hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    fn key(text: &str) -> String {
        page_key(&url(text))
    }

    #[test]
    fn keys_drop_the_fragment_and_normalise_origin_and_path() {
        let plain = key("https://graph.example/v1.0/users?$skiptoken=a%2Bb");
        for same in [
            "https://graph.example/v1.0/users?$skiptoken=a%2Bb#x",
            "HTTPS://Graph.Example:443/v1.0/users?$skiptoken=a%2Bb",
            "https://graph.example/v1.0/groups/../users?$skiptoken=a%2Bb",
            "https://graph.example/v1.0/./%75sers?$skiptoken=a%2Bb",
        ] {
            assert_eq!(key(same), plain, "{same}");
        }
        for other in [
            "https://graph.example/v1.0/users?$skiptoken=a%2bb",
            "https://graph.example/v1.0/users?$skiptoken=a+b",
            "https://graph.example:8443/v1.0/users?$skiptoken=a%2Bb",
            "http://graph.example/v1.0/users?$skiptoken=a%2Bb",
            "https://graph.example/v1.0/users/?$skiptoken=a%2Bb",
        ] {
            assert_ne!(key(other), plain, "{other}");
        }
        assert_eq!(normal_path("/a%2fb%7E%zz%"), "/a%2Fb~%zz%");
        assert_eq!(normal_path("/é%C3%A9"), "/é%C3%A9");
    }

    #[test]
    fn a_page_seen_before_or_past_the_cap_is_refused() {
        let first = "https://g.example/v1.0/users";
        let mut guard = PageGuard::new(3, first);
        guard
            .admit(first, &url("https://g.example/v1.0/users?p=2"))
            .unwrap();
        let error = guard
            .admit(
                "https://g.example/v1.0/users?p=2",
                &url("https://g.example/v1.0/users#top"),
            )
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "refusing to follow @odata.nextLink: the next link of page 2 \
             (https://g.example/v1.0/users?p=2) leads back to page 1 \
             (https://g.example/v1.0/users#top)"
        );
        guard
            .admit(first, &url("https://g.example/v1.0/users?p=3"))
            .unwrap();
        let error = guard.admit(first, &url("https://g.example/v1.0/users?p=4"));
        assert!(matches!(error, Err(Error::TooManyPages { limit: 3 })));
    }
}
