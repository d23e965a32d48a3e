//! End to end against `docgen mock`: the mock server the CLI runs
//! (`docgen::mock::server::serve`), built from `docs-input/`, answers the
//! generated client with the docs' own examples.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use docgen::docs::DocTree;
use docgen::mock::{server, Mock};
use graph_runtime::Client;

/// Starts the mock on a free loopback port; returns a client for it and the
/// mock's log lines.
fn start_mock() -> (Client, Arc<Mutex<Vec<String>>>) {
    let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input");
    let pages = DocTree::open(docs)
        .and_then(|t| t.read_all())
        .expect("docs-input");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        server::serve(Mock::new(&pages), listener, move |line| {
            sink.lock().expect("log").push(line.to_owned())
        })
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .bearer_token("token-for-the-test")
        .build()
        .expect("client");
    (client, log)
}

#[tokio::test]
async fn reupload_is_answered_with_the_documented_no_content() {
    let (client, log) = start_mock();
    let result: () = graph_client::beta::device_management()
        .virtual_endpoint()
        .device_images()
        .by_id("any-image-id")
        .reupload()
        .post()
        .send(&client)
        .await
        .expect("the documented 204");
    assert_eq!(result, ());
    let log = log.lock().expect("log");
    assert!(
        log[0].starts_with("POST /beta/deviceManagement/virtualEndpoint/deviceImages/any-image-id/reupload -> 204 api-reference/beta/api/cloudpcdeviceimage-reupload.md:"),
        "{log:?}"
    );
}

#[tokio::test]
async fn users_are_listed_as_typed_pages_through_the_next_link() {
    let (client, log) = start_mock();
    let collected = graph_client::v1_0::users()
        .get()
        .collect_all(&client)
        .await
        .expect("documented pages");
    // The documented page, then the same page served as the last one when
    // its own next link is followed.
    let names: Vec<_> = collected
        .items
        .iter()
        .map(|user| user.display_name().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        names,
        ["Adele Vance", "Alex Wilber", "Adele Vance", "Alex Wilber"]
    );
    let log = log.lock().expect("log");
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[1].contains("$skiptoken="), "{log:?}");
}

#[tokio::test]
async fn an_undocumented_path_is_a_graph_error_from_the_mock() {
    let (client, _log) = start_mock();
    let request = graph_runtime::Request::<graph_runtime::RawResponse>::new(
        graph_runtime::http::Method::GET,
        graph_runtime::RequestPath::new(graph_runtime::ApiVersion::V1_0).segment("notDocumented"),
    );
    let error = request.send(&client).await.expect_err("404");
    match &error {
        graph_runtime::Error::Graph {
            status,
            code,
            message,
            ..
        } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(code, "docgenMock.noDocumentedOperation");
            assert!(message.contains("GET /v1.0/notDocumented"), "{message}");
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
}
