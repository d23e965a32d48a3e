//! End to end: the generated client, on the runtime, against a real HTTP
//! server on loopback started by the test.

mod support;

use support::{json, loopback, no_content, serve_one};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn reupload_sends_exactly_the_documented_request() {
    let (listener, client) = loopback().await;
    let server = tokio::spawn(serve_one(listener, no_content()));
    let result: () = graph_client::beta::device_management()
        .virtual_endpoint()
        .device_images()
        .by_id("f3a2b7c1-0000-4000-8000-00000000abcd")
        .reupload()
        .post()
        .send(&client)
        .await
        .expect("204 is success");
    assert_eq!(result, ());
    let received = server.await.expect("server");
    assert_eq!(
        received.request_line,
        "POST /beta/deviceManagement/virtualEndpoint/deviceImages/f3a2b7c1-0000-4000-8000-00000000abcd/reupload HTTP/1.1"
    );
    assert_eq!(
        received.headers.get("authorization").map(String::as_str),
        Some("Bearer token-for-the-test")
    );
    assert!(received.body.is_empty());
}

#[tokio::test]
async fn hostile_keys_cannot_change_the_path() {
    let (listener, client) = loopback().await;
    let server = tokio::spawn(serve_one(listener, no_content()));
    graph_client::beta::device_management()
        .virtual_endpoint()
        .device_images()
        .by_id("../../users/x?y=1#z")
        .reupload()
        .post()
        .send(&client)
        .await
        .expect("204");
    let received = server.await.expect("server");
    assert_eq!(
        received.request_line,
        "POST /beta/deviceManagement/virtualEndpoint/deviceImages/..%2F..%2Fusers%2Fx%3Fy%3D1%23z/reupload HTTP/1.1"
    );
}

#[tokio::test]
async fn graph_errors_come_back_typed() {
    let (listener, client) = loopback().await;
    let body = r#"{"error":{"code":"ResourceNotFound","message":"No image with that id.","innerError":{"request-id":"8f1c"}}}"#;
    let server = tokio::spawn(serve_one(listener, json("404 Not Found", body)));
    let error = graph_client::beta::device_management()
        .virtual_endpoint()
        .device_images()
        .by_id("missing")
        .reupload()
        .post()
        .send(&client)
        .await
        .expect_err("404 is an error");
    server.await.expect("server");
    match error {
        graph_runtime::Error::Graph {
            status,
            code,
            message,
            request_id,
            ..
        } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(code, "ResourceNotFound");
            assert_eq!(message, "No image with that id.");
            assert_eq!(request_id.as_deref(), Some("8f1c"));
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_download_streams_into_a_writer() {
    let (listener, client) = loopback().await;
    let data: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ncontent-length: {}\r\n\r\n",
        data.len()
    )
    .into_bytes();
    response.extend_from_slice(&data);
    // `serve_one` writes a String; the body here is not UTF-8, so serve it by hand.
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("a connection");
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            let mut byte = [0u8; 1];
            assert_eq!(socket.read(&mut byte).await.expect("read"), 1);
            head.push(byte[0]);
        }
        socket.write_all(&response).await.expect("write");
        socket.shutdown().await.ok();
        String::from_utf8_lossy(&head)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    let download = graph_client::v1_0::drives()
        .by_id("b!drive")
        .items()
        .by_id("01ITEM")
        .content()
        .get()
        .send_streaming(&client)
        .await
        .expect("a 200 with a body to read");
    assert_eq!(download.content_type(), Some("application/pdf"));
    let mut file = Vec::new();
    assert_eq!(
        download.write_to(&mut file).await.expect("streamed"),
        200_000
    );
    assert!(file == data, "the bytes written differ from the bytes sent");
    let request_line = server.await.expect("server");
    assert_eq!(
        request_line,
        "GET /v1.0/drives/b%21drive/items/01ITEM/content HTTP/1.1"
    );
}

#[tokio::test]
async fn counts_are_sent_with_eventual_consistency_and_read_as_plain_text() {
    let (listener, client) = loopback().await;
    let body = "\u{feff}893";
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let server = tokio::spawn(serve_one(listener, response));
    let count: u64 = graph_client::v1_0::users()
        .count()
        .send(&client)
        .await
        .expect("a count");
    assert_eq!(count, 893);
    let received = server.await.expect("server");
    assert_eq!(received.request_line, "GET /v1.0/users/$count HTTP/1.1");
    assert_eq!(
        received.headers.get("consistencylevel").map(String::as_str),
        Some("eventual")
    );
}

#[tokio::test]
async fn a_collection_cast_to_a_derived_type_reads_a_typed_page() {
    let (listener, client) = loopback().await;
    let body =
        r##"{"value":[{"@odata.type":"#microsoft.graph.user","id":"u1","displayName":"Adele"}]}"##;
    let server = tokio::spawn(serve_one(listener, json("200 OK", body)));
    let page = graph_client::v1_0::users()
        .cast::<graph_client::v1_0::models::User>()
        .get()
        .query("$select", "id,displayName")
        .send(&client)
        .await
        .expect("a page");
    assert_eq!(page.value[0].display_name(), Some("Adele"));
    let received = server.await.expect("server");
    assert_eq!(
        received.request_line,
        "GET /v1.0/users/microsoft.graph.user?$select=id,displayName HTTP/1.1"
    );
}
