//! A loopback HTTP server for the tests that send through the runtime: it
//! serves canned HTTP/1.1 responses, one connection each, and records what
//! it received.
#![allow(dead_code, reason = "each test file uses a part")]

use std::collections::BTreeMap;

use graph_runtime::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the server received.
#[derive(Debug)]
pub struct Received {
    pub request_line: String,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

/// Serves one request with `response` (a full HTTP/1.1 response) and returns
/// what it received.
pub async fn serve_one(listener: TcpListener, response: String) -> Received {
    serve(&listener, response).await
}

/// Serves `responses` in turn, one connection each (every response says
/// `connection: close`), and returns what each request was.
pub async fn serve_all(listener: TcpListener, responses: Vec<String>) -> Vec<Received> {
    let mut received = Vec::new();
    for response in responses {
        received.push(serve(&listener, response).await);
    }
    received
}

async fn serve(listener: &TcpListener, response: String) -> Received {
    let (mut socket, _) = listener.accept().await.expect("a connection");
    let mut buffer = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.expect("read");
        assert!(n > 0, "connection closed before the request head");
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.expect("read body");
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    socket.write_all(response.as_bytes()).await.expect("write");
    socket.shutdown().await.ok();
    Received {
        request_line,
        headers,
        body,
    }
}

pub fn no_content() -> String {
    "HTTP/1.1 204 No Content\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned()
}

pub fn json(status_line: &str, body: &str) -> String {
    format!("HTTP/1.1 {status_line}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
}

pub async fn loopback() -> (TcpListener, Client) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .bearer_token("token-for-the-test")
        .build()
        .expect("client");
    (listener, client)
}
