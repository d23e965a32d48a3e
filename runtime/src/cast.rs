//! A collection read as one of its item type's derived types: OData's type
//! cast segment, `GET /groups/{id}/members/microsoft.graph.user`.

use std::marker::PhantomData;

use http::Method;

use crate::model::{FromJson, Model};
use crate::{Page, Permissions, Request, RequestPath};

/// The builder `cast::<T>()` gives on a collection: its items of type `T`
/// only (Graph filters them), as a page or a count.
///
/// `T` should derive from the collection's item type
/// (`members().cast::<models::User>()`); for another type Graph answers
/// `400 Bad Request`, which comes back as [`crate::Error::Graph`].
pub struct Cast<T> {
    path: RequestPath,
    permissions: &'static Permissions,
    item: PhantomData<fn() -> T>,
}

impl<T: Model + FromJson> Cast<T> {
    /// The collection at `path`, cast to `T`; requests carry `permissions`
    /// (those of the collection's listing call).
    pub fn new(path: RequestPath, permissions: &'static Permissions) -> Self {
        Cast {
            path: path.segment(T::ODATA_TYPE),
            permissions,
            item: PhantomData,
        }
    }

    /// `GET <collection>/<type>`: the items of type `T`, one page at a time.
    pub fn get(&self) -> Request<Page<T>> {
        Request::documented(Method::GET, self.path.clone(), self.permissions)
    }

    /// `GET <collection>/<type>/$count`: how many items are of type `T`
    /// (sends `ConsistencyLevel: eventual`).
    pub fn count(&self) -> Request<u64> {
        Request::documented(
            Method::GET,
            self.path.clone().segment("$count"),
            self.permissions,
        )
        .consistency_level_eventual()
    }
}
