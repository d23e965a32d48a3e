//! A one-shot HTTP listener on 127.0.0.1 that receives the sign-in
//! redirect and tells the browser the tab may be closed.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::error::SignInError;
use crate::Error;

const MAX_HEAD: usize = 16 * 1024;
const READ_WAIT: Duration = Duration::from_secs(10);

const DONE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\">\
<title>Signed in</title></head><body><h1>You are signed in.</h1>\
<p>You may close this tab and return to the application.</p></body></html>";

const FAILED_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\">\
<title>Sign-in failed</title></head><body><h1>Sign-in did not complete.</h1>\
<p>You may close this tab; the application tells you what happened.</p></body></html>";

pub(crate) struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    pub(crate) async fn bind(port: u16) -> Result<Self, Error> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| Error::Auth(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::Auth(format!("cannot read the loopback port: {e}")))?
            .port();
        Ok(Loopback { listener, port })
    }

    /// `http://127.0.0.1:{port}/`
    pub(crate) fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Waits up to `wait` for a request to `/` carrying `state` and a
    /// `code` or `error`; other requests (a favicon) get a 404. `check`
    /// judges the request target; the browser gets the done page when it
    /// passes, the failure page otherwise.
    pub(crate) async fn receive<T>(
        &self,
        wait: Duration,
        check: &mut dyn FnMut(&str) -> Result<T, SignInError>,
    ) -> Result<T, SignInError> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let accepted = tokio::time::timeout_at(deadline, self.listener.accept()).await;
            let Ok(accepted) = accepted else {
                return Err(SignInError::TimedOut(wait));
            };
            let Ok((mut stream, _)) = accepted else {
                continue;
            };
            let Some(target) = read_target(&mut stream).await else {
                continue;
            };
            if !is_redirect(&target) {
                respond(&mut stream, "404 Not Found", "").await;
                continue;
            }
            let outcome = check(&target);
            match &outcome {
                Ok(_) => respond(&mut stream, "200 OK", DONE_PAGE).await,
                Err(_) => respond(&mut stream, "400 Bad Request", FAILED_PAGE).await,
            }
            return outcome;
        }
    }
}

/// A request to the root that carries the redirect's parameters.
fn is_redirect(target: &str) -> bool {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    path == "/"
        && query
            .split('&')
            .any(|pair| pair.starts_with("code=") || pair.starts_with("error="))
}

/// The request target of a `GET` (its head read up to 16 KiB, within 10 s).
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let read = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
            let mut chunk = [0u8; 2048];
            let count = stream.read(&mut chunk).await.ok()?;
            if count == 0 {
                break;
            }
            head.extend_from_slice(&chunk[..count]);
        }
        Some(())
    };
    tokio::time::timeout(READ_WAIT, read).await.ok()??;
    let text = String::from_utf8_lossy(&head);
    let mut parts = text.lines().next()?.split(' ');
    (parts.next()? == "GET").then(|| parts.next().map(str::to_owned))?
}

async fn respond(stream: &mut TcpStream, status: &str, page: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\n\
         content-length: {}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n{page}",
        page.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_redirects() {
        assert!(is_redirect("/?code=a&state=b"));
        assert!(is_redirect("/?error=access_denied&state=b"));
        assert!(!is_redirect("/favicon.ico"));
        assert!(!is_redirect("/?state=b"));
    }
}
