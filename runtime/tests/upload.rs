//! Large file uploads through an upload session on loopback.

mod support;

use std::sync::{Arc, Mutex};

use graph_runtime::{Error, LargeFileUpload, UploadSession, UPLOAD_CHUNK_UNIT};
use serde_json::{json, Value};
use support::{client, Recorded, Reply, TestServer};

const MIB: u64 = 1024 * 1024;
const CHUNK: u64 = 8 * UPLOAD_CHUNK_UNIT; // 2.5 MiB: four chunks for 10 MiB

fn file(size: u64) -> Vec<u8> {
    (0..size).map(|i| (i % 251) as u8).collect()
}

fn session(server: &TestServer) -> UploadSession {
    let body = json!({
        "uploadUrl": format!("{}/up/session-1?tempauth=pre-auth-secret", server.url()),
        "expirationDateTime": "2030-01-01T00:00:00Z",
        "nextExpectedRanges": ["0-"],
    });
    let response = graph_runtime::RawResponse {
        status: graph_runtime::http::StatusCode::OK,
        headers: Default::default(),
        body: body.to_string().into(),
    };
    <UploadSession as graph_runtime::FromResponse>::from_response(response).unwrap()
}

fn accepted(next: u64) -> Reply {
    Reply::json(
        202,
        json!({"nextExpectedRanges": [format!("{next}-")]}).to_string(),
    )
}

fn ranges(requests: &[Recorded]) -> Vec<String> {
    requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.header("content-range").unwrap_or("-")))
        .collect()
}

#[tokio::test]
async fn ten_mib_interrupted_after_the_second_chunk_then_resumed() {
    let server = TestServer::start().await;
    let data = file(10 * MIB);
    server.push(Reply::json(503, "{}").header("retry-after", "0"));
    server.push(accepted(CHUNK));
    server.push(accepted(2 * CHUNK));
    server.push(Reply::json(
        500,
        r#"{"error":{"code":"generalException","message":"interrupted"}}"#,
    ));
    let client = client(&server);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let upload = LargeFileUpload::<Value>::new(&client, &session(&server), data.len() as u64)
        .chunk_size(CHUNK)
        .unwrap()
        .on_progress(move |sent, total| log.lock().unwrap().push((sent, total)));
    let error = upload.upload(&data[..]).await.unwrap_err();
    assert_eq!(error.code(), Some("generalException"));

    // Later (another process, the same session): the service has two chunks.
    server.push(Reply::json(
        200,
        json!({"expirationDateTime": "2030-01-01T00:00:00Z",
               "nextExpectedRanges": [format!("{}-{}", 2 * CHUNK, 10 * MIB - 1)]})
        .to_string(),
    ));
    server.push(accepted(3 * CHUNK));
    server.push(Reply::json(
        201,
        json!({"id": "01ITEM", "name": "big.bin", "size": 10 * MIB}).to_string(),
    ));
    let item = upload.resume(&data[..]).await.unwrap();
    assert_eq!(item["id"], "01ITEM");

    let requests = server.requests();
    let total = 10 * MIB;
    let range = |n: u64| format!("PUT bytes {}-{}/{total}", n * CHUNK, (n + 1) * CHUNK - 1);
    assert_eq!(
        ranges(&requests),
        [
            range(0),
            range(0),
            range(1),
            range(2),
            "GET -".to_owned(),
            range(2),
            range(3),
        ]
    );
    for request in &requests {
        assert!(
            request.target.starts_with("/up/session-1?tempauth="),
            "{}",
            request.target
        );
        assert_eq!(
            request.header("authorization"),
            None,
            "no token to the upload URL"
        );
    }
    // The accepted chunks: 0 (after its 503), 1, then 2 and 3 after the resume.
    let unique: Vec<u8> = [1usize, 2, 5, 6]
        .iter()
        .flat_map(|&i| requests[i].body.clone())
        .collect();
    assert!(unique == data, "every byte once, in order");
    assert_eq!(
        *seen.lock().unwrap(),
        [
            (CHUNK, total),
            (2 * CHUNK, total),
            (3 * CHUNK, total),
            (total, total)
        ]
    );
}

#[tokio::test]
async fn cancel_deletes_the_session_and_bad_inputs_are_refused() {
    let server = TestServer::start().await;
    server.push(Reply::new(204));
    let client = client(&server);
    let upload = LargeFileUpload::<Value>::new(&client, &session(&server), 1000);
    upload.cancel().await.unwrap();
    let [request] = server.requests().try_into().unwrap();
    assert_eq!(request.method, "DELETE");
    assert_eq!(request.header("authorization"), None);

    let error = upload.upload(&[0u8; 10][..]).await.unwrap_err();
    assert!(matches!(error, Error::Upload(_)), "{error:?}");
    assert!(error.to_string().contains("ended at byte 10"), "{error}");
    assert_eq!(server.requests().len(), 1, "nothing sent for a short file");
    assert!(!format!("{upload:?}").contains("pre-auth-secret"));
}

#[tokio::test]
async fn a_file_path_uploads_in_one_chunk() {
    let server = TestServer::start().await;
    let path = std::env::temp_dir().join(format!("graph-upload-{}.bin", std::process::id()));
    std::fs::write(&path, file(1000)).unwrap();
    server.push(Reply::json(201, r#"{"id":"small"}"#));
    let client = client(&server);
    let upload = LargeFileUpload::<Value>::new(&client, &session(&server), 1000);
    let item = upload.upload_file(&path).await.unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(item["id"], "small");
    let requests = server.requests();
    assert_eq!(
        requests[0].header("content-range"),
        Some("bytes 0-999/1000")
    );
    assert_eq!(requests[0].body, file(1000));
}
