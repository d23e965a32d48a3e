//! What a [`super::Batch`] hands out and gets back per request: ids,
//! typed handles, and each request's answer.

use std::marker::PhantomData;

use crate::RawResponse;

/// The id of a request in a [`Batch`](crate::Batch), for `dependsOn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BatchId(pub(super) usize);

/// A request added to a [`Batch`](crate::Batch): read its answer, typed `T`, from
/// [`BatchResponses::get`](crate::BatchResponses::get).
pub struct BatchItem<T> {
    pub(super) id: BatchId,
    pub(super) marker: PhantomData<fn() -> T>,
}

impl<T> BatchItem<T> {
    /// Its id, for [`Batch::add_after`](crate::Batch::add_after).
    pub fn id(&self) -> BatchId {
        self.id
    }
}

impl<T> Clone for BatchItem<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for BatchItem<T> {}

impl<T> std::fmt::Debug for BatchItem<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BatchItem({})", self.id.0)
    }
}

/// One item's answer: its response (any status) and the
/// `client-request-id` of the `$batch` post that carried it.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub(crate) response: RawResponse,
    pub(crate) client_request_id: String,
}
