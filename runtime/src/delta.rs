//! Delta sync: a delta query run to its `@odata.deltaLink`, resumed later
//! from that link.

use futures_util::StreamExt;
use http::HeaderMap;
use serde_json::Value;

use crate::body::Body;
use crate::model::FromJson;
use crate::prepared::Prepared;
use crate::{Client, Error, Page, Request};

/// Error codes with which Graph says a delta token is no longer usable
/// (besides `410 Gone`).
const RESET_CODES: &[&str] = &[
    "resyncRequired",
    "syncStateNotFound",
    "syncStateInvalid",
    "fullSyncRequired",
];

/// An item of a delta response: the item, and its `@removed` marker when
/// it left the collection.
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaItem<T> {
    /// The item (for a removal, often only its `id`).
    pub item: T,
    /// `@removed`, when the item was removed since the last sync.
    pub removed: Option<Removed>,
}

/// The `@removed` marker of a delta item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// `reason`: `changed` (moved out of scope, may come back; e.g. a
    /// soft-deleted user) or `deleted` (gone for good); empty when absent.
    pub reason: String,
}

impl Removed {
    /// True for `reason: deleted`.
    pub fn is_deleted(&self) -> bool {
        self.reason == "deleted"
    }
}

impl<T: FromJson> FromJson for DeltaItem<T> {
    fn from_json(value: &Value) -> Option<Self> {
        let removed = value.get("@removed").map(|marker| Removed {
            reason: marker
                .get("reason")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        });
        Some(DeltaItem {
            item: T::from_json(value)?,
            removed,
        })
    }
}

/// The outcome of a delta sync: every change since the last one, and the
/// link that starts the next.
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaSync<T> {
    /// The changed and removed items of every page, in order.
    pub items: Vec<DeltaItem<T>>,
    /// `@odata.deltaLink` of the last page: save it, and pass it to
    /// [`Client::delta_resume`] for the next sync.
    pub delta_link: String,
}

impl<T> Request<Page<T>> {
    /// The delta query of this collection request: `/users` becomes
    /// `/users/delta()`, keeping its query options and headers (`$select`,
    /// `Prefer: odata.maxpagesize=...`). For collections whose delta
    /// function the generated client does not list.
    pub fn delta(self) -> Self {
        self.with_path(|path| path.function("delta", &[]))
    }
}

impl Client {
    /// Runs the delta query `first` (e.g. `GET /users/delta()`) through its
    /// `@odata.nextLink` pages (bounded and cycle-checked like
    /// [`Client::pages`]) to the page with the `@odata.deltaLink`.
    ///
    /// A `410 Gone` or a Graph sync-reset code (`resyncRequired`,
    /// `syncStateNotFound`, ...) is [`Error::SyncReset`]: the saved state is
    /// gone and the caller starts over with a full sync.
    pub async fn delta<T>(&self, first: Request<Page<T>>) -> Result<DeltaSync<T>, Error>
    where
        T: FromJson + Send + 'static,
    {
        let first = first.cast::<Page<DeltaItem<T>>>();
        self.run_delta(first.prepare(self.base_url())).await
    }

    /// Resumes a sync from the `delta_link` a [`DeltaSync`] returned:
    /// only the changes since then. The link must be on the client's origin.
    pub async fn delta_resume<T>(&self, delta_link: &str) -> Result<DeltaSync<T>, Error>
    where
        T: FromJson + Send + 'static,
    {
        self.delta_resume_with(delta_link, HeaderMap::new()).await
    }

    /// [`Client::delta_resume`] with `headers` on every page request (e.g.
    /// `Prefer: odata.maxpagesize=100`, `Prefer: return=minimal`).
    pub async fn delta_resume_with<T>(
        &self,
        delta_link: &str,
        headers: HeaderMap,
    ) -> Result<DeltaSync<T>, Error>
    where
        T: FromJson + Send + 'static,
    {
        let first = self.check_link(delta_link).map(|url| Prepared {
            method: http::Method::GET,
            url: url.to_string(),
            headers,
            body: Body::Empty,
            anonymous: false,
            label: "delta link".into(),
        });
        self.run_delta(first).await
    }

    async fn run_delta<T>(&self, first: Result<Prepared, Error>) -> Result<DeltaSync<T>, Error>
    where
        T: FromJson + Send + 'static,
    {
        let mut pages = self.pages_from::<DeltaItem<T>>(first);
        let mut items = Vec::new();
        let mut delta_link = None;
        while let Some(page) = pages.next().await {
            let page = page.map_err(sync_reset)?;
            items.extend(page.value);
            delta_link = page.delta_link.or(delta_link);
        }
        let delta_link = delta_link.ok_or_else(|| Error::Decode {
            message: "the delta query ended without an @odata.deltaLink".into(),
            excerpt: String::new(),
        })?;
        Ok(DeltaSync { items, delta_link })
    }
}

/// `error` as [`Error::SyncReset`] when it says the sync state is gone.
fn sync_reset(error: Error) -> Error {
    let gone = error.status() == Some(http::StatusCode::GONE);
    let reset_code = error
        .code()
        .is_some_and(|code| RESET_CODES.iter().any(|c| c.eq_ignore_ascii_case(code)));
    if !(gone || reset_code) {
        return error;
    }
    let (code, message) = match &error {
        Error::Graph { code, message, .. } => (code.clone(), message.clone()),
        other => (String::new(), other.to_string()),
    };
    Error::SyncReset {
        status: error.status().map_or(0, |s| s.as_u16()),
        code,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn removed_markers_are_typed() {
        let item: DeltaItem<Value> =
            FromJson::from_json(&json!({"id": "u1", "@removed": {"reason": "deleted"}})).unwrap();
        assert!(item.removed.as_ref().unwrap().is_deleted());
        assert_eq!(item.item["id"], "u1");
        let item: DeltaItem<Value> = FromJson::from_json(&json!({"id": "u2"})).unwrap();
        assert_eq!(item.removed, None);
    }

    #[test]
    fn gone_and_reset_codes_become_sync_reset() {
        let graph = |status: u16, code: &str| Error::Graph {
            status: http::StatusCode::from_u16(status).unwrap(),
            code: code.into(),
            message: "m".into(),
            inner_error: None,
            request_id: None,
            client_request_id: "c".into(),
            date: None,
        };
        assert!(matches!(
            sync_reset(graph(410, "x")),
            Error::SyncReset { status: 410, .. }
        ));
        assert!(matches!(
            sync_reset(graph(400, "syncStateNotFound")),
            Error::SyncReset { status: 400, .. }
        ));
        assert!(matches!(sync_reset(graph(404, "x")), Error::Graph { .. }));
    }
}
