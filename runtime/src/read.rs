//! Reading response bodies into memory, never past a bound.

use bytes::{Bytes, BytesMut};

/// How much of a non-2xx body is read: enough for any Graph or OAuth error
/// object; the rest is never read.
pub(crate) const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Why a body could not be read whole.
pub(crate) enum BodyError {
    /// It is longer than the limit (announced or found while reading).
    TooLarge,
    /// The connection failed while reading it.
    Transport(reqwest::Error),
}

/// Reads the whole body if it is at most `limit` bytes. A `Content-Length`
/// over the limit is refused before reading; otherwise reading stops at the
/// first chunk that crosses it.
pub(crate) async fn read_limited(
    response: &mut reqwest::Response,
    limit: u64,
) -> Result<Bytes, BodyError> {
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(BodyError::TooLarge);
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Reads the first `cap` bytes of the body (all of a shorter one) and
/// leaves the rest unread.
pub(crate) async fn read_prefix(
    response: &mut reqwest::Response,
    cap: usize,
) -> Result<Bytes, reqwest::Error> {
    let mut body = BytesMut::new();
    while body.len() < cap {
        let Some(chunk) = response.chunk().await? else {
            break;
        };
        let room = cap - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    Ok(body.freeze())
}
