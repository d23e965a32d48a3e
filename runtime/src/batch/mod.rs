//! JSON batching: many requests in one `POST /{version}/$batch`, each
//! answered, decoded and failing on its own.
//!
//! [`Batch::add`] takes any [`Request<T>`] and hands back a typed
//! [`BatchItem<T>`]; [`Batch::send`] posts the requests in chunks of at
//! most [`MAX_BATCH`] (requests joined by `dependsOn` stay in one chunk),
//! re-sends only the items answered 429/503/504 (and those that failed for
//! want of them, 424) after their `Retry-After`, within the client's
//! [`RetryPolicy`](crate::RetryPolicy); [`BatchResponses::get`] decodes
//! one item's answer as its own `T` or its own [`Error::Graph`].

mod chunks;
mod item;
mod rounds;
mod wire;

use std::marker::PhantomData;

use http::StatusCode;

use crate::error::from_status;
use crate::{ApiVersion, Client, Error, FromResponse, RawResponse, Request};

pub use chunks::MAX_BATCH;
use item::Answer;
pub use item::{BatchId, BatchItem};
use wire::Entry;

/// Requests to send together with `POST /$batch`.
///
/// All requests of a batch target one API version (the batch is posted to
/// that version's `$batch`, and its URLs are relative to it); adding a
/// request for another version is refused.
#[derive(Debug, Default)]
pub struct Batch {
    version: Option<ApiVersion>,
    entries: Vec<Entry>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Batch::default()
    }

    /// How many requests it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds `request`. [`Error::InvalidRequest`] when it targets another
    /// API version than the requests before it, or cannot be sent (what
    /// [`Request::send`] would refuse).
    pub fn add<T: FromResponse>(&mut self, request: Request<T>) -> Result<BatchItem<T>, Error> {
        self.add_after(request, &[])
    }

    /// Adds `request` to run after the requests `depends_on` (`dependsOn`:
    /// Graph runs it once they succeeded, else answers it 424). Dependent
    /// requests are always sent in the same chunk.
    pub fn add_after<T: FromResponse>(
        &mut self,
        request: Request<T>,
        depends_on: &[BatchId],
    ) -> Result<BatchItem<T>, Error> {
        let version = request.path().version();
        if let Some(first) = self.version.filter(|first| *first != version) {
            return Err(Error::InvalidRequest(format!(
                "a batch holds requests for one API version: this one targets {version}, \
                 the batch {first}; send them in two batches"
            )));
        }
        let id = BatchId(self.entries.len());
        if let Some(unknown) = depends_on.iter().find(|dep| dep.0 >= id.0) {
            return Err(Error::InvalidRequest(format!(
                "dependsOn names request {}, which is not in this batch",
                unknown.0
            )));
        }
        self.entries.push(Entry::new(request, depends_on)?);
        self.version = Some(version);
        Ok(BatchItem {
            id,
            marker: PhantomData,
        })
    }

    /// Sends every request (in as many `$batch` posts as chunks of
    /// [`MAX_BATCH`] need) and gathers the answers. An `Err` is a failure
    /// of a whole `$batch` post (or a group of more than [`MAX_BATCH`]
    /// requests joined by `dependsOn`); each item's own failure is in
    /// [`BatchResponses::get`].
    pub async fn send(self, client: &Client) -> Result<BatchResponses, Error> {
        let Some(version) = self.version else {
            return Ok(BatchResponses {
                answers: Vec::new(),
            });
        };
        let answers = rounds::run(client, version, &self.entries).await?;
        Ok(BatchResponses { answers })
    }
}

/// The answers of a sent [`Batch`].
#[derive(Clone, Debug)]
pub struct BatchResponses {
    answers: Vec<Option<Answer>>,
}

impl BatchResponses {
    /// The answer to `item` decoded as its `T`; a non-2xx answer is its
    /// own [`Error::Graph`] (or [`Error::Status`]), with the item's
    /// status, code and message. [`Error::Decode`] when the service sent
    /// no answer for it.
    pub fn get<T: FromResponse>(&self, item: &BatchItem<T>) -> Result<T, Error> {
        let answer = self.answer(item.id)?;
        let response = answer.response.clone();
        if response.status.is_success() {
            return T::from_response(response);
        }
        Err(from_status(
            response.status,
            &response.headers,
            &response.body,
            &answer.client_request_id,
        ))
    }

    /// The HTTP status of a request's answer, if it has one.
    pub fn status(&self, id: BatchId) -> Option<StatusCode> {
        self.raw(id).map(|response| response.status)
    }

    /// A request's answer as received (status, headers, body bytes).
    pub fn raw(&self, id: BatchId) -> Option<&RawResponse> {
        let answer = self.answers.get(id.0)?.as_ref()?;
        Some(&answer.response)
    }

    fn answer(&self, id: BatchId) -> Result<&Answer, Error> {
        self.answers
            .get(id.0)
            .and_then(Option::as_ref)
            .ok_or_else(|| Error::Decode {
                message: format!("the $batch response has no answer for request {}", id.0),
                excerpt: String::new(),
            })
    }
}
