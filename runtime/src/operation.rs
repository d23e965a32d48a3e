//! Long-running operations: a `202 Accepted` with a `Location` monitor URL,
//! polled until the operation finishes.
//!
//! Monitors come in two shapes, both read here: driveItem copy's
//! (`{"status": "inProgress" | "completed" | "failed", "resourceId",
//! "percentageComplete"}`, on a pre-authenticated URL of another origin)
//! and Graph's rich operations (`{"status": "notStarted" | "running" |
//! "succeeded" | "failed", "resourceLocation", "error"}`). A monitor that
//! redirects to the finished resource (303) ends the wait with it.

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use http::header::LOCATION;
use http::{HeaderMap, Method, StatusCode};
use serde_json::Value;

use crate::body::Body;
use crate::prepared::Prepared;
use crate::redirect::origin;
use crate::retry::retry_after;
use crate::{Client, Error, RawResponse, Request};

/// The wait between polls when the monitor sends no `Retry-After`.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(1);

/// A running operation: its monitor URL and how to poll it.
#[derive(Clone)]
pub struct Operation {
    monitor: reqwest::Url,
    interval: Duration,
}

impl Operation {
    /// An operation whose monitor is `url` (an absolute `http(s)` URL, e.g.
    /// one saved from an earlier [`Client::start_operation`]).
    pub fn from_monitor_url(url: &str) -> Result<Self, Error> {
        let monitor = reqwest::Url::parse(url)
            .map_err(|_| Error::InvalidRequest("the monitor URL is not absolute".into()))?;
        if !matches!(monitor.scheme(), "http" | "https")
            || !monitor.username().is_empty()
            || monitor.password().is_some()
        {
            return Err(Error::InvalidRequest(format!(
                "the monitor URL must be http(s) without credentials, not {}",
                origin(&monitor)
            )));
        }
        Ok(Operation {
            monitor,
            interval: DEFAULT_INTERVAL,
        })
    }

    /// The monitor URL (pre-authenticated for some operations: do not log it).
    pub fn monitor_url(&self) -> &str {
        self.monitor.as_str()
    }

    /// The wait between polls when the monitor sends no `Retry-After`
    /// (default 1 s).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }
}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("monitor", &origin(&self.monitor))
            .field("interval", &self.interval)
            .finish()
    }
}

/// A finished operation, as its monitor last described it.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationStatus {
    /// `status` (`completed`, `succeeded`), or `completed` for a monitor
    /// that answered with the resource itself.
    pub status: String,
    /// `resourceId`: the new item's id (driveItem copy).
    pub resource_id: Option<String>,
    /// `resourceLocation`: the URL of the resource.
    pub resource_location: Option<String>,
    /// The monitor's last body: the status object, or the finished resource
    /// when the monitor redirected to it.
    pub body: Value,
}

/// Where a poll left the operation.
enum Polled {
    Running { retry_after: Option<Duration> },
    Done(OperationStatus),
}

impl Client {
    /// Sends `request` (a copy, a `Prefer: respond-async` call) and returns
    /// the operation its `202 Accepted` and `Location` started. Another
    /// answer is [`Error::Decode`] (a 2xx without `Location`) or the
    /// request's own error.
    pub async fn start_operation<T>(&self, request: Request<T>) -> Result<Operation, Error> {
        let response = self.send(request.cast::<RawResponse>()).await?;
        let location = response.headers.get(LOCATION).and_then(|v| v.to_str().ok());
        let Some(location) = location.filter(|_| response.status == StatusCode::ACCEPTED) else {
            return Err(Error::Decode {
                message: format!(
                    "HTTP {} without a Location: not a long-running operation",
                    response.status.as_u16()
                ),
                excerpt: String::new(),
            });
        };
        let base = reqwest::Url::parse(self.base_url())
            .map_err(|e| Error::Config(format!("base URL: {e}")))?;
        let monitor = base.join(location).map_err(|_| Error::Decode {
            message: "the Location of a 202 is not a URL".into(),
            excerpt: String::new(),
        })?;
        Operation::from_monitor_url(monitor.as_str())
    }

    /// Polls `operation` until it finishes, waiting each monitor's
    /// `Retry-After` (else the operation's poll interval), at most
    /// `deadline` in all. A failed or cancelled operation is
    /// [`Error::OperationFailed`] with its error; one still running at the
    /// deadline is [`Error::OperationTimeout`]. The token goes to the
    /// monitor only when it is on the client's origin.
    pub async fn wait_for(
        &self,
        operation: &Operation,
        deadline: Duration,
    ) -> Result<OperationStatus, Error> {
        let started = Instant::now();
        loop {
            let wait = match self.poll(operation).await? {
                Polled::Done(status) => return Ok(status),
                Polled::Running { retry_after } => retry_after.unwrap_or(operation.interval),
            };
            let waited = started.elapsed();
            if waited + wait > deadline {
                return Err(Error::OperationTimeout { waited });
            }
            tokio::time::sleep(wait).await;
        }
    }

    async fn poll(&self, operation: &Operation) -> Result<Polled, Error> {
        let prepared = Prepared {
            method: Method::GET,
            url: operation.monitor.to_string(),
            headers: HeaderMap::new(),
            body: Body::Empty,
            anonymous: false,
            label: "operation monitor".into(),
        };
        let response = self.execute(&prepared).await?;
        let (status, wait) = (response.status, response_wait(&response.headers));
        let body: Value = if response.body.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            response.json()?
        };
        read_status(wait, status, body)
    }
}

fn response_wait(headers: &HeaderMap) -> Option<Duration> {
    retry_after(headers, SystemTime::now())
}

/// The operation's state from a monitor answer.
fn read_status(
    retry_after: Option<Duration>,
    http: StatusCode,
    body: Value,
) -> Result<Polled, Error> {
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    let status = match text("status") {
        Some(status) => status,
        None if http == StatusCode::ACCEPTED => return Ok(Polled::Running { retry_after }),
        None => "completed".to_owned(),
    };
    match status.to_ascii_lowercase().as_str() {
        "completed" | "succeeded" => Ok(Polled::Done(OperationStatus {
            resource_id: text("resourceId"),
            resource_location: text("resourceLocation"),
            status,
            body,
        })),
        "failed" | "cancelled" | "canceled" | "deletefailed" => {
            let error = body.get("error");
            let field = |key: &str| {
                error
                    .and_then(|e| e.get(key))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            Err(Error::OperationFailed {
                status,
                code: field("code"),
                message: field("message"),
            })
        }
        _ => Ok(Polled::Running { retry_after }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn done(http: u16, body: Value) -> Result<OperationStatus, Error> {
        match read_status(None, StatusCode::from_u16(http).unwrap(), body)? {
            Polled::Done(status) => Ok(status),
            Polled::Running { .. } => panic!("still running"),
        }
    }

    #[test]
    fn monitor_shapes() {
        let copy = done(200, json!({"status": "completed", "resourceId": "01ABC"})).unwrap();
        assert_eq!(copy.resource_id.as_deref(), Some("01ABC"));
        let rich = done(
            200,
            json!({"status": "succeeded", "resourceLocation": "https://g/x"}),
        );
        assert_eq!(
            rich.unwrap().resource_location.as_deref(),
            Some("https://g/x")
        );
        let resource = done(200, json!({"id": "01ABC", "name": "copy.docx"})).unwrap();
        assert_eq!(resource.body["name"], "copy.docx");
        let running = read_status(None, StatusCode::ACCEPTED, json!({"status": "inProgress"}));
        assert!(matches!(running, Ok(Polled::Running { .. })));
        let error = done(
            200,
            json!({"status": "failed", "error": {"code": "nameAlreadyExists", "message": "m"}}),
        )
        .unwrap_err();
        assert!(
            matches!(error, Error::OperationFailed { ref code, .. } if code == "nameAlreadyExists")
        );
    }

    #[test]
    fn monitor_urls_are_checked_and_kept_out_of_debug() {
        assert!(Operation::from_monitor_url("file:///x").is_err());
        assert!(Operation::from_monitor_url("https://u:p@h/x").is_err());
        let op = Operation::from_monitor_url("https://h.example/monitor?token=s3cr3t").unwrap();
        assert!(!format!("{op:?}").contains("s3cr3t"));
    }
}
