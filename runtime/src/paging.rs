//! Following `@odata.nextLink`: page and item streams, and `collect_all`.

use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};

use crate::body::Body;
use crate::model::FromJson;
use crate::page_guard::PageGuard;
use crate::prepared::Prepared;
use crate::{Client, Error, FromResponse, Page, Request};

/// The longest `@odata.nextLink` followed, in bytes (Graph's are far
/// shorter; a longer one is a server trying to make the client carry it).
const MAX_LINK_BYTES: usize = 16 * 1024;

/// All items of a collection, gathered by [`Client::collect_all`].
#[derive(Clone, Debug, PartialEq)]
pub struct Collected<T> {
    /// The items of every page, in order.
    pub items: Vec<T>,
    /// The `@odata.deltaLink` of the last page, to resume a delta query.
    pub delta_link: Option<String>,
    /// The `@odata.count` of the first page that had one.
    pub count: Option<i64>,
}

struct Cursor {
    client: Client,
    next: Option<Result<Prepared, Error>>,
    /// `None` until the first page is prepared.
    guard: Option<PageGuard>,
}

impl Client {
    /// Sends `first` and then follows each page's `@odata.nextLink` (a GET
    /// with the same headers), yielding pages. The stream ends after the last
    /// page or the first error, and always ends: a next link on another
    /// origin than the client's base URL, or leading back to a page of this
    /// listing (compared as the request it makes: fragment dropped, origin
    /// and path normalised, query as sent), yields
    /// [`Error::InvalidNextLink`] naming both pages; the page after
    /// [`max_pages`](crate::ClientBuilder::max_pages) yields
    /// [`Error::TooManyPages`].
    pub fn pages<T>(
        &self,
        first: Request<Page<T>>,
    ) -> impl Stream<Item = Result<Page<T>, Error>> + Send + Unpin + 'static
    where
        T: FromJson + Send + 'static,
    {
        self.pages_from(first.prepare(self.base_url()))
    }

    /// The pages of a listing whose first request is `first` (a prepared
    /// request, or a link checked with [`Client::check_link`]).
    pub(crate) fn pages_from<T>(
        &self,
        first: Result<Prepared, Error>,
    ) -> impl Stream<Item = Result<Page<T>, Error>> + Send + Unpin + 'static
    where
        T: FromJson + Send + 'static,
    {
        let guard = first
            .as_ref()
            .ok()
            .map(|first| PageGuard::new(self.max_pages(), &first.url));
        let cursor = Cursor {
            client: self.clone(),
            next: Some(first),
            guard,
        };
        Box::pin(stream::unfold(cursor, next_page::<T>))
    }

    /// Like [`Client::pages`], yielding the items one by one.
    pub fn items<T>(
        &self,
        first: Request<Page<T>>,
    ) -> impl Stream<Item = Result<T, Error>> + Send + Unpin + 'static
    where
        T: FromJson + Send + 'static,
    {
        let pages = self.pages(first);
        Box::pin(
            pages
                .map_ok(|page| stream::iter(page.value.into_iter().map(Ok)))
                .try_flatten(),
        )
    }

    /// Gathers the items of every page; keeps the last page's delta link.
    pub async fn collect_all<T>(&self, first: Request<Page<T>>) -> Result<Collected<T>, Error>
    where
        T: FromJson + Send + 'static,
    {
        let mut pages = self.pages(first);
        let mut collected = Collected {
            items: Vec::new(),
            delta_link: None,
            count: None,
        };
        while let Some(page) = pages.next().await {
            let page = page?;
            collected.count = collected.count.or(page.count);
            if page.delta_link.is_some() {
                collected.delta_link = page.delta_link;
            }
            collected.items.extend(page.value);
        }
        Ok(collected)
    }
}

impl Client {
    /// `link` (a next or delta link) parsed, if the client may follow it:
    /// at most [`MAX_LINK_BYTES`], absolute, on the client's origin and
    /// without credentials; else [`Error::InvalidNextLink`].
    pub(crate) fn check_link(&self, link: &str) -> Result<reqwest::Url, Error> {
        if link.len() > MAX_LINK_BYTES {
            return Err(Error::InvalidNextLink(format!(
                "it is longer than {MAX_LINK_BYTES} bytes"
            )));
        }
        let url = reqwest::Url::parse(link)
            .map_err(|_| Error::InvalidNextLink("not an absolute URL".into()))?;
        if !self.is_own_origin(&url) {
            let host = url.host_str().unwrap_or("");
            return Err(Error::InvalidNextLink(format!(
                "{}://{host} is not the client's base URL",
                url.scheme()
            )));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::InvalidNextLink("it carries credentials".into()));
        }
        Ok(url)
    }
}

impl Cursor {
    /// The request for `link`, the next link of the page fetched by
    /// `previous`, if the listing may go on to it.
    fn follow(&mut self, previous: &Prepared, link: &str) -> Result<Prepared, Error> {
        let url = self.client.check_link(link)?;
        if let Some(guard) = &mut self.guard {
            guard.admit(&previous.url, &url)?;
        }
        Ok(Prepared {
            method: http::Method::GET,
            url: link.to_owned(),
            headers: previous.headers.clone(),
            body: Body::Empty,
            anonymous: false,
            label: previous.label.clone(),
        })
    }
}

async fn next_page<T: FromJson>(mut cursor: Cursor) -> Option<(Result<Page<T>, Error>, Cursor)> {
    let prepared = match cursor.next.take()? {
        Ok(prepared) => prepared,
        Err(error) => return Some((Err(error), cursor)),
    };
    let result = cursor
        .client
        .execute(&prepared)
        .await
        .and_then(Page::<T>::from_response);
    if let Ok(page) = &result {
        if let Some(link) = page.next_link.as_deref() {
            cursor.next = Some(cursor.follow(&prepared, link));
        }
    }
    Some((result, cursor))
}

impl<T> Request<Page<T>>
where
    T: FromJson + Send + 'static,
{
    /// Same as [`Client::collect_all`].
    pub async fn collect_all(self, client: &Client) -> Result<Collected<T>, Error> {
        client.collect_all(self).await
    }

    /// Same as [`Client::pages`].
    pub fn pages(
        self,
        client: &Client,
    ) -> impl Stream<Item = Result<Page<T>, Error>> + Send + Unpin + 'static {
        client.pages(self)
    }

    /// Same as [`Client::items`].
    pub fn items(
        self,
        client: &Client,
    ) -> impl Stream<Item = Result<T, Error>> + Send + Unpin + 'static {
        client.items(self)
    }
}
