//! Response bodies read as they arrive, for downloads of any size.

use std::fmt;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::Stream;
use http::header::CONTENT_TYPE;
use http::{HeaderMap, StatusCode};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::transport::transport_error;
use crate::{Binary, Error};

/// A 2xx response whose body has not been read yet: `$value` downloads,
/// reports and photos, read chunk by chunk instead of held in memory.
///
/// Made by [`Client::send_streaming`](crate::Client::send_streaming). Retries
/// (throttling, unavailability) all happen before the body starts; an error
/// while reading it is returned as is, for the caller to decide.
///
/// The body is not bounded by the client's request timeout: each chunk
/// must arrive within its idle timeout
/// ([`ClientBuilder::idle_timeout`](crate::ClientBuilder::idle_timeout)),
/// else [`Error::IdleTimeout`].
pub struct ByteStream {
    status: StatusCode,
    headers: HeaderMap,
    response: reqwest::Response,
    idle: Duration,
    max_collect: u64,
}

impl ByteStream {
    /// `response` read with chunks at most `idle` apart; [`Self::collect`]
    /// holds at most `max_collect` bytes.
    pub(crate) fn new(response: reqwest::Response, idle: Duration, max_collect: u64) -> Self {
        ByteStream {
            status: response.status(),
            headers: response.headers().clone(),
            response,
            idle,
            max_collect,
        }
    }

    /// The HTTP status (2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `Content-Type` header, if present and valid text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The body length the server announced, if it did.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next chunk of the body, or `None` at its end;
    /// [`Error::IdleTimeout`] when none arrives within the idle timeout.
    pub async fn next_chunk(&mut self) -> Result<Option<Bytes>, Error> {
        match tokio::time::timeout(self.idle, self.response.chunk()).await {
            Ok(chunk) => chunk.map_err(transport_error),
            Err(_) => Err(Error::IdleTimeout { idle: self.idle }),
        }
    }

    /// Copies the rest of the body into `writer` (a file, a socket), one
    /// chunk at a time, and returns how many bytes it wrote.
    pub async fn write_to<W>(mut self, writer: &mut W) -> Result<u64, Error>
    where
        W: AsyncWrite + Unpin + ?Sized,
    {
        let mut written = 0;
        while let Some(chunk) = self.next_chunk().await? {
            writer.write_all(&chunk).await.map_err(write_error)?;
            written += chunk.len() as u64;
        }
        writer.flush().await.map_err(write_error)?;
        Ok(written)
    }

    /// Reads the rest of the body into memory, up to the client's
    /// [`max_body_size`](crate::ClientBuilder::max_body_size)
    /// ([`Error::BodyTooLarge`] beyond it: write a large download somewhere
    /// with [`Self::write_to`] instead).
    pub async fn collect(mut self) -> Result<Binary, Error> {
        let too_large = Error::BodyTooLarge {
            limit: self.max_collect,
        };
        if self.content_length().is_some_and(|n| n > self.max_collect) {
            return Err(too_large);
        }
        let mut data = BytesMut::new();
        while let Some(chunk) = self.next_chunk().await? {
            if (data.len() + chunk.len()) as u64 > self.max_collect {
                return Err(too_large);
            }
            data.extend_from_slice(&chunk);
        }
        Ok(Binary {
            content_type: self.content_type().map(str::to_owned),
            data: data.freeze(),
        })
    }

    /// The rest of the body as a [`Stream`] of chunks.
    pub fn into_stream(self) -> impl Stream<Item = Result<Bytes, Error>> {
        futures_util::stream::unfold(self, |mut body| async move {
            match body.next_chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), body)),
                Ok(None) => None,
                Err(error) => Some((Err(error), body)),
            }
        })
    }
}

fn write_error(error: std::io::Error) -> Error {
    Error::Write(error.to_string())
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("content_length", &self.content_length())
            .finish()
    }
}
