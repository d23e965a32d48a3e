//! Retry policy: which failures are retried and how long to wait.

use std::time::{Duration, SystemTime};

use http::header::RETRY_AFTER;
use http::{HeaderMap, Method, StatusCode};

use crate::{httpdate, rng, Error, RawResponse};

/// When and how requests are retried.
///
/// Retried: HTTP 429, 503 and 504 (any method: Graph did not process the
/// request, and bodies are bytes so they can be re-sent), connection
/// failures before the request was sent (any method), and other transport
/// errors such as a reset connection (idempotent methods only: GET, HEAD,
/// OPTIONS, TRACE, PUT, DELETE). Timeouts are not retried.
///
/// The wait is the `Retry-After` header when present (delta-seconds or an
/// HTTP-date); a `Retry-After` longer than `max_delay` ends the retries
/// instead of being shortened. Without the header the wait is exponential
/// backoff with full jitter: a random duration in
/// `0..=min(max_delay, base_delay * 2^retry)`. Retries also stop once the
/// next wait would take the total past `max_total_delay`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_total_delay: Duration,
    transport_retries: bool,
}

impl Default for RetryPolicy {
    /// 4 retries, 500 ms base, 30 s per wait, 60 s in total, transport
    /// errors retried.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_total_delay: Duration::from_secs(60),
            transport_retries: true,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy::default().with_max_retries(0)
    }

    /// Sets the number of retries after the first attempt (0 disables).
    pub fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the first backoff step.
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Sets the longest single wait (backoff cap; longer `Retry-After` stops).
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets the longest total wait across the retries of one request.
    pub fn with_max_total_delay(mut self, delay: Duration) -> Self {
        self.max_total_delay = delay;
        self
    }

    /// Whether transport errors are retried (default true).
    pub fn with_transport_retries(mut self, yes: bool) -> Self {
        self.transport_retries = yes;
        self
    }

    /// Retries after the first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The first backoff step.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest single wait.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The longest total wait.
    pub fn max_total_delay(&self) -> Duration {
        self.max_total_delay
    }

    /// Whether transport errors are retried.
    pub fn transport_retries(&self) -> bool {
        self.transport_retries
    }

    /// True for the statuses that are retried: 429, 503, 504.
    pub fn is_retryable_status(status: StatusCode) -> bool {
        matches!(status.as_u16(), 429 | 503 | 504)
    }

    /// A full-jitter backoff for retry number `retry` (0-based).
    fn backoff(&self, retry: u32) -> Duration {
        let exponential = 2u32
            .checked_pow(retry)
            .and_then(|factor| self.base_delay.checked_mul(factor))
            .unwrap_or(self.max_delay);
        let cap = exponential.min(self.max_delay);
        let micros = u64::try_from(cap.as_micros()).unwrap_or(u64::MAX);
        Duration::from_micros(rng::up_to(micros))
    }
}

/// How a transport failure may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TransportRetry {
    /// Not at all (timeouts, authentication, invalid requests).
    Never,
    /// The request may have reached the server: idempotent methods only.
    IfIdempotent,
    /// The request was never sent (connection refused).
    Always,
}

/// What one attempt produced.
pub(crate) enum Outcome {
    /// A complete response, any status.
    Response(RawResponse),
    /// No response.
    Failed { error: Error, retry: TransportRetry },
}

impl Outcome {
    /// A failure that is not retried (only a replaced token repeats it).
    pub(crate) fn final_error(error: Error) -> Self {
        Outcome::Failed {
            error,
            retry: TransportRetry::Never,
        }
    }
}

/// Retry bookkeeping for one logical request.
pub(crate) struct RetryState<'a> {
    policy: &'a RetryPolicy,
    retries: u32,
    waited: Duration,
}

impl<'a> RetryState<'a> {
    pub(crate) fn new(policy: &'a RetryPolicy) -> Self {
        RetryState {
            policy,
            retries: 0,
            waited: Duration::ZERO,
        }
    }

    /// Retries made so far.
    pub(crate) fn retries(&self) -> u32 {
        self.retries
    }

    /// The wait before the next attempt, or `None` to stop and report.
    pub(crate) fn next_delay(&mut self, method: &Method, outcome: &Outcome) -> Option<Duration> {
        if self.retries >= self.policy.max_retries {
            return None;
        }
        let delay = match outcome {
            Outcome::Response(response) if RetryPolicy::is_retryable_status(response.status) => {
                match retry_after(&response.headers, SystemTime::now()) {
                    Some(wait) if wait > self.policy.max_delay => return None,
                    Some(wait) => wait,
                    None => self.policy.backoff(self.retries),
                }
            }
            Outcome::Response(_) => return None,
            Outcome::Failed { retry, .. } => {
                if !self.transport_retryable(method, *retry) {
                    return None;
                }
                self.policy.backoff(self.retries)
            }
        };
        let total = self.waited.checked_add(delay)?;
        if total > self.policy.max_total_delay {
            return None;
        }
        self.waited = total;
        self.retries += 1;
        Some(delay)
    }

    fn transport_retryable(&self, method: &Method, retry: TransportRetry) -> bool {
        self.policy.transport_retries
            && match retry {
                TransportRetry::Never => false,
                TransportRetry::IfIdempotent => method.is_idempotent(),
                TransportRetry::Always => true,
            }
    }
}

/// The `Retry-After` wait relative to `now`: delta-seconds or an HTTP-date
/// (a date in the past waits zero). `None` when absent or unparsable.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(text.parse().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse(text)?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use std::time::UNIX_EPOCH;

    fn headers(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, http::HeaderValue::from_static(value));
        headers
    }

    fn response(status: u16, retry_after: Option<&'static str>) -> Outcome {
        Outcome::Response(RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers: retry_after.map(headers).unwrap_or_default(),
            body: Bytes::new(),
        })
    }

    fn failed(retry: TransportRetry) -> Outcome {
        Outcome::Failed {
            error: Error::Transport("reset".into()),
            retry,
        }
    }

    #[test]
    fn retry_after_values() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777);
        let wait = |value| retry_after(&headers(value), now);
        assert_eq!(wait("0"), Some(Duration::ZERO));
        assert_eq!(wait(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(
            wait("99999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            wait("Sun, 06 Nov 1994 08:49:47 GMT"),
            Some(Duration::from_secs(10))
        );
        assert_eq!(wait("Sun, 06 Nov 1994 08:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(wait("-1"), None);
        assert_eq!(wait("1.5"), None);
        assert_eq!(wait("later"), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_is_capped_full_jitter() {
        let policy = RetryPolicy::default()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(250));
        for retry in 0..40 {
            let cap = match retry {
                0 => 100,
                1 => 200,
                _ => 250,
            };
            assert!(
                policy.backoff(retry) <= Duration::from_millis(cap),
                "retry {retry}"
            );
        }
        assert!((0..100).any(|_| policy.backoff(3) > Duration::ZERO));
        assert!(policy.backoff(u32::MAX) <= Duration::from_millis(250));
    }

    #[test]
    fn statuses_and_limits() {
        let policy = RetryPolicy::default().with_base_delay(Duration::from_millis(1));
        let mut state = RetryState::new(&policy);
        assert_eq!(state.next_delay(&Method::POST, &response(404, None)), None);
        assert_eq!(state.next_delay(&Method::POST, &response(500, None)), None);
        assert!(state
            .next_delay(&Method::POST, &response(503, None))
            .is_some());
        assert!(state
            .next_delay(&Method::POST, &response(504, None))
            .is_some());
        assert_eq!(
            state.next_delay(&Method::POST, &response(429, Some("2"))),
            Some(Duration::from_secs(2))
        );
        assert!(state
            .next_delay(&Method::GET, &response(429, None))
            .is_some());
        assert_eq!(state.retries(), 4);
        assert_eq!(state.next_delay(&Method::GET, &response(429, None)), None);
    }

    #[test]
    fn long_retry_after_and_total_budget_stop() {
        let policy = RetryPolicy::default()
            .with_max_delay(Duration::from_secs(5))
            .with_max_total_delay(Duration::from_secs(6));
        let mut state = RetryState::new(&policy);
        assert_eq!(
            state.next_delay(&Method::GET, &response(429, Some("10"))),
            None
        );
        assert!(state
            .next_delay(&Method::GET, &response(429, Some("4")))
            .is_some());
        assert_eq!(
            state.next_delay(&Method::GET, &response(429, Some("4"))),
            None
        );
        assert!(state
            .next_delay(&Method::GET, &response(429, Some("2")))
            .is_some());
    }

    #[test]
    fn transport_errors() {
        let policy = RetryPolicy::default().with_base_delay(Duration::from_millis(1));
        let mut state = RetryState::new(&policy);
        let reset = failed(TransportRetry::IfIdempotent);
        assert!(state.next_delay(&Method::GET, &reset).is_some());
        assert!(state.next_delay(&Method::DELETE, &reset).is_some());
        assert_eq!(state.next_delay(&Method::POST, &reset), None);
        assert_eq!(state.next_delay(&Method::PATCH, &reset), None);
        assert!(state
            .next_delay(&Method::POST, &failed(TransportRetry::Always))
            .is_some());
        assert_eq!(
            state.next_delay(&Method::GET, &failed(TransportRetry::Never)),
            None
        );
        let off = policy.clone().with_transport_retries(false);
        let mut state = RetryState::new(&off);
        assert_eq!(state.next_delay(&Method::GET, &reset), None);
    }

    #[test]
    fn none_disables() {
        let policy = RetryPolicy::none();
        assert_eq!(policy.max_retries(), 0);
        let mut state = RetryState::new(&policy);
        assert_eq!(
            state.next_delay(&Method::GET, &response(429, Some("0"))),
            None
        );
    }
}
