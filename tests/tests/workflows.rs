//! End-to-end programs: each Graph workflow of graph-runtime (batch, upload
//! sessions, delta sync, long-running operations, tracing) driven through
//! the generated client against a real HTTP server on loopback. The same
//! code is what the README shows.

use std::sync::{Arc, Mutex};

use graph_client::v1_0::{groups, me, users};
use graph_runtime::{Batch, Client, Error};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        let found = self.headers.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str())
    }
}

/// A response: status, headers, body.
type Answer = (u16, Vec<(&'static str, String)>, Vec<u8>);

type Handler = Arc<dyn Fn(&Seen) -> Answer + Send + Sync>;

/// A loopback server answering each request (one per connection) with
/// `handler`; returns its URL and what it saw.
async fn serve(handler: Handler) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(answer(socket, handler.clone(), log.clone()));
        }
    });
    (url, seen)
}

async fn answer(mut socket: TcpStream, handler: Handler, log: Arc<Mutex<Vec<Seen>>>) {
    let Some(seen) = read(&mut socket).await else {
        return;
    };
    let (status, headers, body) = handler(&seen);
    log.lock().unwrap().push(seen);
    let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("connection: close\r\n\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&body);
    let _ = socket.write_all(&bytes).await;
    let _ = socket.shutdown().await;
}

async fn read(socket: &mut TcpStream) -> Option<Seen> {
    let mut buffer = Vec::new();
    let end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let mut chunk = [0u8; 8192];
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut line = lines.next()?.split(' ');
    let (method, target) = (line.next()?.to_owned(), line.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 65536];
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

fn json_answer(status: u16, body: Value) -> Answer {
    let headers = vec![("content-type", "application/json".to_owned())];
    (status, headers, body.to_string().into_bytes())
}

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .bearer_token("e2e-token-5d1c")
        .no_proxy()
        .build()
        .expect("client")
}

/// `$batch`: one item per request; users answered, a group photo as
/// base64 binary, a missing user 404.
fn batch_answers(seen: &Seen) -> Answer {
    let body: Value = serde_json::from_slice(&seen.body).expect("JSON batch");
    let answers: Vec<Value> = body["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|item| {
            let (id, url) = (&item["id"], item["url"].as_str().unwrap_or(""));
            match url {
                "/me" => {
                    json!({"id": id, "status": 200, "body": {"id": "me-1", "displayName": "Megan"}})
                }
                "/groups/g1/photo/$value" => json!({"id": id, "status": 200,
                    "headers": {"Content-Type": "image/jpeg"}, "body": "/9j/4A=="}),
                _ => json!({"id": id, "status": 404, "body": {"error": {
                    "code": "Request_ResourceNotFound", "message": "no such user"}}}),
            }
        })
        .collect();
    json_answer(200, json!({ "responses": answers }))
}

#[tokio::test]
async fn batch_of_generated_requests() {
    let (url, seen) = serve(Arc::new(batch_answers)).await;
    let client = client(&url);

    let mut batch = Batch::new();
    let me = batch.add(me().get()).expect("v1.0");
    let photo = batch
        .add(groups().by_id("g1").photo().value().get())
        .expect("v1.0");
    let missing = batch.add(users().by_id("nobody").get()).expect("v1.0");
    let answers = batch.send(&client).await.expect("the $batch post");

    let me = answers.get(&me).expect("a user");
    assert_eq!(me.display_name(), Some("Megan"));
    let photo = answers.get(&photo).expect("bytes");
    assert_eq!(&photo.data[..], [0xff, 0xd8, 0xff, 0xe0]);
    let error = answers.get(&missing).expect_err("404");
    assert_eq!(error.code(), Some("Request_ResourceNotFound"));

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].target.as_str()),
        ("POST", "/v1.0/$batch")
    );
    assert_eq!(
        seen[0].header("authorization"),
        Some("Bearer e2e-token-5d1c")
    );
}

/// `/users/delta()`: two pages to a delta link, then one change, then 410.
fn delta_answers(seen: &Seen) -> Answer {
    let base = format!("http://{}", seen.header("host").unwrap_or_default());
    match seen.target.as_str() {
        "/v1.0/users/delta()?$select=displayName" => json_answer(
            200,
            json!({
            "value": [{"id": "u1", "displayName": "Adele"}],
            "@odata.nextLink": format!("{base}/v1.0/users/delta()?$skiptoken=p2")}),
        ),
        "/v1.0/users/delta()?$skiptoken=p2" => json_answer(
            200,
            json!({
            "value": [{"id": "u2", "@removed": {"reason": "changed"}}],
            "@odata.deltaLink": format!("{base}/v1.0/users/delta()?$deltatoken=t1")}),
        ),
        "/v1.0/users/delta()?$deltatoken=t1" => json_answer(
            200,
            json!({
            "value": [{"id": "u1", "displayName": "Adele V"}],
            "@odata.deltaLink": format!("{base}/v1.0/users/delta()?$deltatoken=t2")}),
        ),
        _ => json_answer(
            410,
            json!({"error": {"code": "syncStateNotFound", "message": "gone"}}),
        ),
    }
}

#[tokio::test]
async fn delta_sync_of_users() {
    let (url, _) = serve(Arc::new(delta_answers)).await;
    let client = client(&url);

    let first = users().get().select(&["displayName"]).delta();
    let sync = client.delta(first).await.expect("full sync");
    let names: Vec<_> = sync.items.iter().map(|c| c.item.display_name()).collect();
    assert_eq!(names, [Some("Adele"), None]);
    assert_eq!(
        sync.items[1].removed.as_ref().map(|r| r.reason.as_str()),
        Some("changed")
    );

    let changes = client
        .delta_resume::<graph_client::v1_0::models::User>(&sync.delta_link)
        .await
        .expect("changes");
    assert_eq!(changes.items[0].item.display_name(), Some("Adele V"));

    let error = client
        .delta_resume::<graph_client::v1_0::models::User>(&changes.delta_link)
        .await
        .expect_err("state gone");
    assert!(matches!(error, Error::SyncReset { .. }), "{error:?}");
}

/// An update answered asynchronously: 202 + a monitor polled twice.
fn operation_answers(seen: &Seen) -> Answer {
    static POLLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    match (seen.method.as_str(), seen.target.as_str()) {
        ("PATCH", "/v1.0/users/u1") => (
            202,
            vec![("location", "/v1.0/operations/op-7".into())],
            vec![],
        ),
        ("GET", "/v1.0/operations/op-7") => {
            if POLLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                let mut answer = json_answer(202, json!({"status": "running"}));
                answer.1.push(("retry-after", "0".into()));
                answer
            } else {
                json_answer(
                    200,
                    json!({"status": "succeeded", "resourceLocation": "/v1.0/users/u1"}),
                )
            }
        }
        _ => json_answer(
            404,
            json!({"error": {"code": "unexpected", "message": seen.target}}),
        ),
    }
}

#[tokio::test]
async fn long_running_update_of_a_user() {
    let (url, seen) = serve(Arc::new(operation_answers)).await;
    let client = client(&url);

    let mut changes = graph_client::v1_0::models::User::new();
    changes.set_job_title("Director");
    let request = users().by_id("u1").patch(&changes).prefer("respond-async");
    let operation = client.start_operation(request).await.expect("202 Accepted");
    let done = client
        .wait_for(&operation, std::time::Duration::from_secs(30))
        .await
        .expect("succeeded");
    assert_eq!(done.status, "succeeded");
    assert_eq!(done.resource_location.as_deref(), Some("/v1.0/users/u1"));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].header("prefer"), Some("respond-async"));
    let sent: Value = serde_json::from_slice(&seen[0].body).expect("JSON");
    assert_eq!(sent["jobTitle"], "Director");
}

/// `createUploadSession` then two chunks to the session URL.
fn upload_answers(seen: &Seen) -> Answer {
    let base = format!("http://{}", seen.header("host").unwrap_or_default());
    match (seen.method.as_str(), seen.header("content-range")) {
        ("POST", _) => json_answer(
            200,
            json!({
            "uploadUrl": format!("{base}/upload/s1?tempauth=pre-authenticated"),
            "nextExpectedRanges": ["0-"]}),
        ),
        ("PUT", Some("bytes 0-327679/400000")) => {
            json_answer(202, json!({"nextExpectedRanges": ["327680-"]}))
        }
        ("PUT", Some("bytes 327680-399999/400000")) => json_answer(
            201,
            json!({"id": "01NEW", "name": "report.bin", "size": 400000}),
        ),
        _ => json_answer(
            400,
            json!({"error": {"code": "unexpected", "message": seen.target}}),
        ),
    }
}

#[tokio::test]
async fn upload_session_for_a_drive_item() {
    use graph_runtime::http::Method;
    use graph_runtime::{ApiVersion, LargeFileUpload, Request, RequestPath, UploadSession};
    let (url, seen) = serve(Arc::new(upload_answers)).await;
    let client = client(&url);

    // createUploadSession is not in docs-input: built on the runtime's path.
    let path = RequestPath::new(ApiVersion::V1_0)
        .segment("me")
        .segment("drive")
        .segment("root")
        .colon_path("report.bin")
        .segment("createUploadSession");
    let body = json!({"item": {"@microsoft.graph.conflictBehavior": "replace"}});
    let session: UploadSession = Request::new(Method::POST, path)
        .json_body(&body)
        .send(&client)
        .await
        .expect("a session");
    let file = vec![7u8; 400_000];
    let item: graph_client::v1_0::models::DriveItem =
        LargeFileUpload::new(&client, &session, file.len() as u64)
            .chunk_size(graph_runtime::UPLOAD_CHUNK_UNIT)
            .expect("320 KiB")
            .upload(&file[..])
            .await
            .expect("uploaded");
    assert_eq!(item.size(), Some(400_000));
    assert_eq!(item.name(), Some("report.bin"));

    let seen = seen.lock().unwrap();
    assert_eq!(
        seen[0].target,
        "/v1.0/me/drive/root:/report.bin:/createUploadSession"
    );
    assert!(seen[0].header("authorization").is_some());
    for put in &seen[1..] {
        assert_eq!(put.method, "PUT");
        assert_eq!(put.header("authorization"), None);
    }
}
