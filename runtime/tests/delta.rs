//! Delta sync: three pages to a delta link, a resume from it, a reset.

mod support;

use graph_runtime::http::{HeaderMap, HeaderValue, Method};
use graph_runtime::{ApiVersion, DeltaSync, Error, Page, Request, RequestPath};
use serde_json::{json, Value};
use support::{client, Reply, TestServer};

fn users_delta() -> Request<Page<Value>> {
    let path = RequestPath::new(ApiVersion::V1_0)
        .segment("users")
        .function("delta", &[]);
    Request::new(Method::GET, path)
        .select(&["id", "displayName"])
        .prefer("odata.maxpagesize=2")
}

fn page(body: Value) -> Reply {
    Reply::json(200, body.to_string())
}

fn ids(sync: &DeltaSync<Value>) -> Vec<(String, Option<String>)> {
    sync.items
        .iter()
        .map(|item| {
            let id = item.item["id"].as_str().unwrap().to_owned();
            (id, item.removed.as_ref().map(|r| r.reason.clone()))
        })
        .collect()
}

#[tokio::test]
async fn three_pages_then_resume_then_gone() {
    let server = TestServer::start().await;
    let base = server.url();
    server.push(page(json!({
        "value": [{"id": "u1", "displayName": "A"}, {"id": "u2"}],
        "@odata.nextLink": format!("{base}/v1.0/users/delta()?$skiptoken=s2"),
    })));
    server.push(page(json!({
        "value": [{"id": "u3", "@removed": {"reason": "changed"}}, {"id": "u4"}],
        "@odata.nextLink": format!("{base}/v1.0/users/delta()?$skiptoken=s3"),
    })));
    server.push(page(json!({
        "value": [{"id": "u5"}],
        "@odata.deltaLink": format!("{base}/v1.0/users/delta()?$deltatoken=d1"),
    })));
    let client = client(&server);
    let sync = client.delta(users_delta()).await.unwrap();
    assert_eq!(
        ids(&sync),
        [
            ("u1".into(), None),
            ("u2".into(), None),
            ("u3".into(), Some("changed".into())),
            ("u4".into(), None),
            ("u5".into(), None)
        ]
    );
    assert_eq!(
        sync.delta_link,
        format!("{base}/v1.0/users/delta()?$deltatoken=d1")
    );

    // Later: only the changes since, from the saved link.
    server.push(page(json!({
        "value": [{"id": "u2", "@removed": {"reason": "deleted"}}],
        "@odata.deltaLink": format!("{base}/v1.0/users/delta()?$deltatoken=d2"),
    })));
    let mut headers = HeaderMap::new();
    headers.insert("prefer", HeaderValue::from_static("return=minimal"));
    let next = client
        .delta_resume_with::<Value>(&sync.delta_link, headers)
        .await
        .unwrap();
    assert_eq!(ids(&next), [("u2".into(), Some("deleted".into()))]);
    assert!(next.items[0].removed.as_ref().unwrap().is_deleted());
    assert!(next.delta_link.ends_with("$deltatoken=d2"));

    // The token expired: a typed error saying to start over.
    server.push(Reply::json(
        410,
        r#"{"error":{"code":"resyncRequired","message":"The delta token is no longer valid."}}"#,
    ));
    let error = client
        .delta_resume::<Value>(&next.delta_link)
        .await
        .unwrap_err();
    let Error::SyncReset { status, code, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!((*status, code.as_str()), (410, "resyncRequired"));
    assert!(
        error
            .to_string()
            .contains("run the initial delta query again"),
        "{error}"
    );

    let lines = server.request_lines();
    assert_eq!(
        lines,
        [
            "GET /v1.0/users/delta()?$select=id,displayName HTTP/1.1",
            "GET /v1.0/users/delta()?$skiptoken=s2 HTTP/1.1",
            "GET /v1.0/users/delta()?$skiptoken=s3 HTTP/1.1",
            "GET /v1.0/users/delta()?$deltatoken=d1 HTTP/1.1",
            "GET /v1.0/users/delta()?$deltatoken=d2 HTTP/1.1",
        ]
    );
    let requests = server.requests();
    assert_eq!(requests[2].header("prefer"), Some("odata.maxpagesize=2"));
    assert_eq!(requests[3].header("prefer"), Some("return=minimal"));
}

#[tokio::test]
async fn delta_pages_are_cycle_checked_and_links_stay_on_origin() {
    let server = TestServer::start().await;
    let base = server.url();
    let looping = format!("{base}/v1.0/users/delta()?$skiptoken=a");
    server.push(page(json!({"value": [], "@odata.nextLink": looping})));
    server.push(page(json!({"value": [], "@odata.nextLink": looping})));
    let client = client(&server);
    let error = client.delta(users_delta()).await.unwrap_err();
    assert!(matches!(error, Error::InvalidNextLink(_)), "{error:?}");
    assert_eq!(server.requests().len(), 2);

    let error = client
        .delta_resume::<Value>("https://elsewhere.example/v1.0/users/delta()?$deltatoken=x")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidNextLink(_)), "{error:?}");

    server.push(page(json!({"value": [{"id": "u1"}]})));
    let error = client.delta(users_delta()).await.unwrap_err();
    assert!(
        error.to_string().contains("without an @odata.deltaLink"),
        "{error}"
    );
}
