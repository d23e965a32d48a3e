//! The mock's HTTP/1.1 edge: one request per connection, bounded reads, a
//! thread per connection, one log line per request.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::answer::Answer;
use super::table::Mock;

/// The longest request head read (request line and headers).
const MAX_HEAD: usize = 64 * 1024;
/// The largest request body read (and discarded: the mock answers by path).
const MAX_BODY: u64 = 64 * 1024 * 1024;
/// A client that sends nothing for this long is dropped.
const IDLE: Duration = Duration::from_secs(30);

/// Serves `mock` on `listener` until the process ends; `log` receives one
/// line per request (`GET /v1.0/users -> 200 file:line`).
pub fn serve(
    mock: Mock,
    listener: TcpListener,
    log: impl Fn(&str) + Send + Sync + 'static,
) -> io::Result<()> {
    let origin = format!("http://{}", listener.local_addr()?);
    let shared = Arc::new((mock, origin, log));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let (mock, origin, log) = &*shared;
            if let Err(error) = handle(mock, origin, stream, log) {
                log(&format!("connection dropped: {error}"));
            }
        });
    }
    Ok(())
}

fn handle(mock: &Mock, origin: &str, stream: TcpStream, log: &dyn Fn(&str)) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let Some((method, target, length)) = read_head(&mut reader)? else {
        return Ok(());
    };
    io::copy(
        &mut reader.by_ref().take(length.min(MAX_BODY)),
        &mut io::sink(),
    )?;
    let answer = mock.answer(&method, &target, origin);
    log(&format!(
        "{method} {target} -> {} {}",
        answer.status, answer.source
    ));
    write_answer(stream, &answer)
}

/// The request line's method and target, and the body length; `None` for a
/// connection closed before a request.
fn read_head(reader: &mut impl BufRead) -> io::Result<Option<(String, String, u64)>> {
    let mut read = 0;
    let mut request_line = String::new();
    read += reader
        .by_ref()
        .take(MAX_HEAD as u64)
        .read_line(&mut request_line)?;
    if request_line.trim().is_empty() {
        return Ok(None);
    }
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(invalid("malformed request line"));
    };
    let mut length = 0;
    loop {
        let mut header = String::new();
        let n = reader
            .by_ref()
            .take((MAX_HEAD - read.min(MAX_HEAD)) as u64)
            .read_line(&mut header)?;
        read += n;
        if n == 0 || read >= MAX_HEAD {
            return Err(invalid("request head too long or cut short"));
        }
        if header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value
                    .trim()
                    .parse()
                    .map_err(|_| invalid("bad Content-Length"))?;
            }
        }
    }
    Ok(Some((method.to_owned(), target.to_owned(), length)))
}

fn write_answer(mut stream: TcpStream, answer: &Answer) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", answer.status, reason(answer.status));
    for (name, value) in &answer.headers {
        // Header values come from the docs: no line breaks may pass.
        if !name.contains(['\r', '\n']) && !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        answer.body.len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(&answer.body)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        302 => "Found",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Status",
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_owned())
}
