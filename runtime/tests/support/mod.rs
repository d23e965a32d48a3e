//! A scripted HTTP/1.1 server on loopback for the integration tests.
//!
//! Each connection serves one request (`connection: close`): the request is
//! recorded exactly as received, then the next scripted [`Step`] is played.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use graph_runtime::{Client, RetryPolicy, StaticToken};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

pub const TOKEN: &str = "test-token-8c1f";

/// A response to send.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Reply::new(status).body("application/json", body.into().into_bytes())
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(self, content_type: &str, body: Vec<u8>) -> Self {
        let mut reply = self.header("content-type", content_type);
        reply.body = body;
        reply
    }
}

/// What the server does with the next request.
#[derive(Clone, Debug)]
pub enum Step {
    Reply(Reply),
    /// Waits, then replies.
    Delay(Duration, Reply),
    /// Closes the connection with a TCP reset, without replying.
    Reset,
    /// Sends the head of `reply` (status, headers), then a body of
    /// `total` filler bytes in 64 KiB pieces, with a `content-length` or
    /// chunked, until done or the client goes away.
    Stream {
        reply: Reply,
        total: usize,
        chunked: bool,
    },
    /// Sends the head of `reply` with its `content-length`, then the body in
    /// `pieces` parts with `pause` before each.
    Trickle {
        reply: Reply,
        pieces: usize,
        pause: Duration,
    },
    /// Sends the head of `reply` with its `content-length` and the first
    /// `sent` body bytes, waits `stall`, then closes.
    Stall {
        reply: Reply,
        sent: usize,
        stall: Duration,
    },
}

/// Answers every request the script does not: see [`TestServer::fallback`].
pub type Handler = Arc<dyn Fn(&Recorded) -> Step + Send + Sync>;

impl From<Reply> for Step {
    fn from(reply: Reply) -> Self {
        Step::Reply(reply)
    }
}

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The raw request line, e.g. `GET /v1.0/me HTTP/1.1`.
    pub request_line: String,
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

#[derive(Default)]
struct Shared {
    steps: Mutex<VecDeque<Step>>,
    requests: Mutex<Vec<Recorded>>,
    fallback: Mutex<Option<Handler>>,
    /// Body bytes the server managed to write, over all responses.
    body_written: AtomicUsize,
}

pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(accept_loop(listener, shared.clone()));
        TestServer { addr, shared, task }
    }

    /// `http://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn push(&self, step: impl Into<Step>) {
        self.shared.steps.lock().unwrap().push_back(step.into());
    }

    /// Answers with `handler` once the scripted steps are used up.
    pub fn fallback(&self, handler: impl Fn(&Recorded) -> Step + Send + Sync + 'static) {
        *self.shared.fallback.lock().unwrap() = Some(Arc::new(handler));
    }

    /// Body bytes written to clients so far (an upper bound of what they
    /// read: the rest sat in socket buffers when they hung up).
    pub fn body_bytes_written(&self) -> usize {
        self.shared.body_written.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn request_lines(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .map(|r| r.request_line)
            .collect()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(serve(stream, shared.clone()));
    }
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let step = shared.steps.lock().unwrap().pop_front();
    let fallback = shared.fallback.lock().unwrap().clone();
    let step = step
        .or_else(|| fallback.map(|handler| handler(&request)))
        .unwrap_or_else(|| {
            Step::Reply(Reply::json(
                599,
                r#"{"error":{"code":"unscripted","message":"no scripted reply"}}"#,
            ))
        });
    shared.requests.lock().unwrap().push(request);
    let written = &shared.body_written;
    match step {
        Step::Reply(reply) => write_reply(&mut stream, &reply).await,
        Step::Delay(delay, reply) => {
            tokio::time::sleep(delay).await;
            write_reply(&mut stream, &reply).await;
        }
        Step::Reset => {
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Step::Stream {
            reply,
            total,
            chunked,
        } => write_stream(&mut stream, &reply, total, chunked, written).await,
        Step::Trickle {
            reply,
            pieces,
            pause,
        } => write_trickle(&mut stream, &reply, pieces, pause, written).await,
        Step::Stall { reply, sent, stall } => {
            let _ = stream
                .write_all(&head(&reply, Some(reply.body.len())))
                .await;
            let _ = stream.write_all(&reply.body[..sent]).await;
            written.fetch_add(sent, Ordering::SeqCst);
            tokio::time::sleep(stall).await;
        }
    }
}

/// The status line and headers of `reply`, with `content-length: length`
/// or, without a length, chunked.
fn head(reply: &Reply, length: Option<usize>) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {} Scripted\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match length {
        Some(length) => head.push_str(&format!("content-length: {length}\r\n")),
        None => head.push_str("transfer-encoding: chunked\r\n"),
    }
    head.push_str("connection: close\r\n\r\n");
    head.into_bytes()
}

async fn write_stream(
    stream: &mut TcpStream,
    reply: &Reply,
    total: usize,
    chunked: bool,
    written: &AtomicUsize,
) {
    let length = (!chunked).then_some(total);
    if stream.write_all(&head(reply, length)).await.is_err() {
        return;
    }
    let piece = vec![b'1'; 64 * 1024];
    let mut sent = 0;
    while sent < total {
        let part = &piece[..piece.len().min(total - sent)];
        let ok = if chunked {
            let mut framed = format!("{:x}\r\n", part.len()).into_bytes();
            framed.extend_from_slice(part);
            framed.extend_from_slice(b"\r\n");
            stream.write_all(&framed).await.is_ok()
        } else {
            stream.write_all(part).await.is_ok()
        };
        if !ok {
            return;
        }
        sent += part.len();
        written.fetch_add(part.len(), Ordering::SeqCst);
    }
    if chunked {
        let _ = stream.write_all(b"0\r\n\r\n").await;
    }
    let _ = stream.shutdown().await;
}

async fn write_trickle(
    stream: &mut TcpStream,
    reply: &Reply,
    pieces: usize,
    pause: Duration,
    written: &AtomicUsize,
) {
    if stream
        .write_all(&head(reply, Some(reply.body.len())))
        .await
        .is_err()
    {
        return;
    }
    let size = reply.body.len().div_ceil(pieces.max(1)).max(1);
    for part in reply.body.chunks(size) {
        tokio::time::sleep(pause).await;
        if stream.write_all(part).await.is_err() {
            return;
        }
        written.fetch_add(part.len(), Ordering::SeqCst);
    }
    let _ = stream.shutdown().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buffer = Vec::new();
    let head_end = loop {
        if let Some(at) = find(&buffer, b"\r\n\r\n") {
            break at;
        }
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 || buffer.len() > 1 << 20 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    let mut parts = request_line.splitn(3, ' ');
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("").to_owned();
    Some(Recorded {
        request_line,
        method,
        target,
        headers,
        body,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

async fn write_reply(stream: &mut TcpStream, reply: &Reply) {
    let mut bytes = head(reply, Some(reply.body.len()));
    bytes.extend_from_slice(&reply.body);
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

/// Retries with tiny backoff, but long enough waits to honour
/// `Retry-After: 1`.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(2500))
        .with_max_total_delay(Duration::from_secs(10))
}

/// A client for `server` with a static token and [`fast_retries`].
pub fn client(server: &TestServer) -> Client {
    client_with(server, fast_retries())
}

pub fn client_with(server: &TestServer, retry: RetryPolicy) -> Client {
    Client::builder()
        .base_url(server.url())
        .token_provider(StaticToken::new(TOKEN))
        .retry_policy(retry)
        .timeout(Duration::from_secs(5))
        .no_proxy()
        .build()
        .expect("client")
}

/// Formats `time` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn http_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    // Civil-from-days (H. Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{weekday}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        months[(month - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
