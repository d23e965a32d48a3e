//! Large file uploads through an upload session (`createUploadSession` on
//! drive items, mail attachments, print documents): the file in chunks of
//! a multiple of 320 KiB, each `PUT` with its `Content-Range` to the
//! session's pre-authenticated URL, which never gets the access token.

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use http::header::CONTENT_RANGE;
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeekExt};

use crate::body::Body;
use crate::prepared::Prepared;
use crate::{Client, Error, FromResponse, RawResponse, Secret};

/// Chunk sizes are multiples of this (Graph's rule): 320 KiB.
pub const UPLOAD_CHUNK_UNIT: u64 = 320 * 1024;
/// The largest chunk Graph takes: 60 MiB (192 units).
const MAX_CHUNK: u64 = 192 * UPLOAD_CHUNK_UNIT;
/// The default chunk: 16 units, 5 MiB.
const DEFAULT_CHUNK: u64 = 16 * UPLOAD_CHUNK_UNIT;

/// A progress callback: bytes the service has, total bytes.
type Progress = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// An upload session, as `createUploadSession` or a status query returns it.
#[derive(Clone, Debug)]
pub struct UploadSession {
    /// `uploadUrl`: pre-authenticated, so kept as a [`Secret`].
    pub upload_url: Secret,
    /// `expirationDateTime`, as sent.
    pub expiration: Option<String>,
    /// `nextExpectedRanges`, e.g. `["655360-"]`.
    pub next_expected_ranges: Vec<String>,
}

impl UploadSession {
    /// The first byte the service still expects (the start of the first
    /// expected range); `None` when it lists none.
    pub fn next_offset(&self) -> Option<u64> {
        let first = self.next_expected_ranges.first()?;
        first.split('-').next()?.trim().parse().ok()
    }

    fn from_value(value: &Value) -> Self {
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        UploadSession {
            upload_url: Secret::new(text("uploadUrl").unwrap_or_default()),
            expiration: text("expirationDateTime"),
            next_expected_ranges: value
                .get("nextExpectedRanges")
                .and_then(Value::as_array)
                .map(|ranges| {
                    let ranges = ranges.iter().filter_map(Value::as_str);
                    ranges.map(str::to_owned).collect()
                })
                .unwrap_or_default(),
        }
    }
}

impl FromResponse for UploadSession {
    fn from_response(response: RawResponse) -> Result<Self, Error> {
        let value: Value = response.json()?;
        let session = UploadSession::from_value(&value);
        if session.upload_url.expose().is_empty() {
            return Err(Error::decode("an upload session without uploadUrl", b""));
        }
        Ok(session)
    }
}

/// Uploads one file of a known size through an [`UploadSession`]; the
/// service's final answer decodes as `T` (e.g. the generated `DriveItem`).
///
/// Each chunk is retried as the client's [`RetryPolicy`](crate::RetryPolicy)
/// says (throttling, unavailability, a reset connection: `PUT` is
/// idempotent), with its backoff; after a failure or a restart,
/// [`resume`](Self::resume) asks the service which bytes it has and goes
/// on from there.
pub struct LargeFileUpload<T> {
    client: Client,
    url: Secret,
    total: u64,
    chunk: u64,
    progress: Option<Progress>,
    marker: PhantomData<fn() -> T>,
}

impl<T: FromResponse> LargeFileUpload<T> {
    /// An upload of `total` bytes through `session`, in 5 MiB chunks.
    pub fn new(client: &Client, session: &UploadSession, total: u64) -> Self {
        LargeFileUpload {
            client: client.clone(),
            url: session.upload_url.clone(),
            total,
            chunk: DEFAULT_CHUNK,
            progress: None,
            marker: PhantomData,
        }
    }

    /// The chunk size: a multiple of [`UPLOAD_CHUNK_UNIT`] (320 KiB), at
    /// most 60 MiB; another size is [`Error::InvalidRequest`].
    pub fn chunk_size(mut self, bytes: u64) -> Result<Self, Error> {
        if bytes == 0 || bytes / UPLOAD_CHUNK_UNIT * UPLOAD_CHUNK_UNIT != bytes || bytes > MAX_CHUNK
        {
            return Err(Error::InvalidRequest(format!(
                "an upload chunk of {bytes} bytes: it must be a multiple of 327680 (320 KiB), \
                 at most {MAX_CHUNK}"
            )));
        }
        self.chunk = bytes;
        Ok(self)
    }

    /// Calls `progress(bytes the service has, total)` after each chunk.
    pub fn on_progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// Uploads the file `reader` reads, from its first byte.
    pub async fn upload<R: AsyncRead + Unpin>(&self, mut reader: R) -> Result<T, Error> {
        self.send_from(&mut reader, 0).await
    }

    /// Uploads the file at `path`.
    pub async fn upload_file(&self, path: impl AsRef<Path>) -> Result<T, Error> {
        let file = tokio::fs::File::open(path).await.map_err(read_error)?;
        self.upload(file).await
    }

    /// Resumes an interrupted upload: asks the service for
    /// `nextExpectedRanges`, skips what it has of `reader` (which reads
    /// the file from its first byte) and sends the rest.
    pub async fn resume<R: AsyncRead + Unpin>(&self, mut reader: R) -> Result<T, Error> {
        let offset = self.resume_offset().await?;
        let skipped = tokio::io::copy(&mut (&mut reader).take(offset), &mut tokio::io::sink())
            .await
            .map_err(read_error)?;
        if skipped != offset {
            return Err(short_read(skipped, self.total));
        }
        self.send_from(&mut reader, offset).await
    }

    /// [`resume`](Self::resume) for the file at `path` (seeks, reads
    /// nothing twice).
    pub async fn resume_file(&self, path: impl AsRef<Path>) -> Result<T, Error> {
        let offset = self.resume_offset().await?;
        let mut file = tokio::fs::File::open(path).await.map_err(read_error)?;
        file.seek(std::io::SeekFrom::Start(offset))
            .await
            .map_err(read_error)?;
        self.send_from(&mut file, offset).await
    }

    /// The session as the service has it now (`GET` on the upload URL).
    pub async fn status(&self) -> Result<UploadSession, Error> {
        let response = self
            .client
            .execute(&self.prepared(Method::GET, HeaderMap::new(), Body::Empty))
            .await?;
        let value: Value = response.json()?;
        let mut session = UploadSession::from_value(&value);
        session.upload_url = self.url.clone();
        Ok(session)
    }

    /// Cancels the upload: `DELETE` on the upload URL drops the session
    /// and the bytes sent so far.
    pub async fn cancel(&self) -> Result<(), Error> {
        let prepared = self.prepared(Method::DELETE, HeaderMap::new(), Body::Empty);
        self.client.execute(&prepared).await.map(|_| ())
    }

    async fn resume_offset(&self) -> Result<u64, Error> {
        let offset = self.status().await?.next_offset().unwrap_or(0);
        if offset > self.total {
            return Err(Error::Upload(format!(
                "the service expects byte {offset} of a {}-byte file",
                self.total
            )));
        }
        Ok(offset)
    }

    /// Sends the chunks from `offset` (where `reader` stands) to the end.
    async fn send_from<R: AsyncRead + Unpin>(
        &self,
        reader: &mut R,
        mut offset: u64,
    ) -> Result<T, Error> {
        loop {
            let length = self.chunk.min(self.total - offset);
            let data = read_chunk(reader, length).await?;
            if (data.len() as u64) < length {
                return Err(short_read(offset + data.len() as u64, self.total));
            }
            let response = self.put_chunk(offset, data).await?;
            let end = offset + length;
            if let Some(progress) = &self.progress {
                progress(end, self.total);
            }
            if response.status != StatusCode::ACCEPTED {
                return T::from_response(response);
            }
            offset = self.next_offset(&response, end)?;
        }
    }

    async fn put_chunk(&self, offset: u64, data: Bytes) -> Result<RawResponse, Error> {
        let end = offset + data.len() as u64;
        let range = format!("bytes {offset}-{}/{}", end.saturating_sub(1), self.total);
        let mut headers = HeaderMap::new();
        let value = HeaderValue::from_str(&range).map_err(|_| Error::Upload(range))?;
        headers.insert(CONTENT_RANGE, value);
        let body = Body::Bytes {
            content_type: "application/octet-stream".into(),
            data,
        };
        self.client
            .execute(&self.prepared(Method::PUT, headers, body))
            .await
    }

    /// Where the next chunk starts after a `202` for the bytes up to `end`.
    fn next_offset(&self, response: &RawResponse, end: u64) -> Result<u64, Error> {
        let value: Value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
        let expected = UploadSession::from_value(&value)
            .next_offset()
            .unwrap_or(end);
        if expected != end || end >= self.total {
            return Err(Error::Upload(format!(
                "after bytes up to {end} of {}, the service expects byte {expected}: \
                 resume the upload",
                self.total
            )));
        }
        Ok(end)
    }

    fn prepared(&self, method: Method, headers: HeaderMap, body: Body) -> Prepared {
        Prepared {
            method,
            url: self.url.expose().to_owned(),
            headers,
            body,
            anonymous: true,
            label: "upload session".into(),
        }
    }
}

impl<T> fmt::Debug for LargeFileUpload<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LargeFileUpload")
            .field("upload_url", &self.url)
            .field("total", &self.total)
            .field("chunk", &self.chunk)
            .finish()
    }
}

/// Reads up to `length` bytes (fewer only at the end of the input).
async fn read_chunk<R: AsyncRead + Unpin>(reader: &mut R, length: u64) -> Result<Bytes, Error> {
    let mut data = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    (&mut *reader)
        .take(length)
        .read_to_end(&mut data)
        .await
        .map_err(read_error)?;
    Ok(Bytes::from(data))
}

fn short_read(at: u64, total: u64) -> Error {
    Error::Upload(format!(
        "the file ended at byte {at}, not at its size {total}"
    ))
}

fn read_error(error: std::io::Error) -> Error {
    Error::Upload(format!("cannot read the file: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_offset_reads_the_first_range() {
        let session = UploadSession::from_value(&serde_json::json!({
            "uploadUrl": "https://up.example/s?tempauth=x",
            "nextExpectedRanges": ["655360-", "900000-900010"],
        }));
        assert_eq!(session.next_offset(), Some(655_360));
        assert_eq!(format!("{session:?}").matches("tempauth").count(), 0);
    }

    #[test]
    fn chunk_sizes_are_multiples_of_320_kib() {
        let client = Client::builder().build().unwrap();
        let session = UploadSession::from_value(&serde_json::json!({"uploadUrl": "https://u/"}));
        let upload = || LargeFileUpload::<Value>::new(&client, &session, 10);
        assert!(upload().chunk_size(UPLOAD_CHUNK_UNIT * 3).is_ok());
        for bad in [0, 1000, UPLOAD_CHUNK_UNIT * 193] {
            assert!(upload().chunk_size(bad).is_err(), "{bad}");
        }
    }
}
