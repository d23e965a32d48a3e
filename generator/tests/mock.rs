//! `docgen mock`'s answers, from `docs-input/` and a fixture page with two
//! request sections: the documented example whose request looks most like
//! the one received, next links pointing back at the mock, and Graph-shaped
//! errors naming the closest documented operations.

use docgen::docs::DocTree;
use docgen::mock::Mock;

const ORIGIN: &str = "http://127.0.0.1:9";

fn mock(root: &str) -> Mock {
    let path = format!("{}/{root}", env!("CARGO_MANIFEST_DIR"));
    Mock::new(
        &DocTree::open(&path)
            .and_then(|t| t.read_all())
            .expect("checkout"),
    )
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("a JSON body")
}

#[test]
fn the_example_closest_to_the_request_is_served() {
    let mock = mock("../docs-input");
    let answer = mock.answer("GET", "/v1.0/users?$top=2", ORIGIN);
    assert_eq!(answer.status, 200);
    let body = json(&answer.body);
    assert_eq!(
        body["@odata.nextLink"],
        "http://127.0.0.1:9/v1.0/users?$select=id,displayName,mail,userPrincipalName&$top=2&$skiptoken=RFNwdAIAAQAAACI6QWRlbGVWQGNvbnRvc28uY29tKTE"
    );
    // Following that link gets the same page as the last one.
    let next = "/v1.0/users?$select=id,displayName,mail,userPrincipalName&$top=2&$skiptoken=RFNwdAIAAQAAACI6QWRlbGVWQGNvbnRvc28uY29tKTE";
    let last = json(&mock.answer("GET", next, ORIGIN).body);
    assert!(last.get("@odata.nextLink").is_none(), "{last}");
    assert_eq!(last["value"].as_array().map(Vec::len), Some(2));
}

#[test]
fn among_examples_of_one_path_the_closest_query_is_served() {
    let mock = mock("tests/fixtures/conform");
    let filtered = json(
        &mock
            .answer("GET", "/v1.0/gadgets?$filter=size%20eq%204", ORIGIN)
            .body,
    );
    assert_eq!(
        filtered["value"].as_array().map(Vec::len),
        Some(1),
        "{filtered}"
    );
    let top = json(&mock.answer("GET", "/v1.0/gadgets?$top=2", ORIGIN).body);
    assert_eq!(top["value"].as_array().map(Vec::len), Some(2), "{top}");
    // Without a query, the first example of the path (file order).
    let plain = json(&mock.answer("GET", "/v1.0/gadgets", ORIGIN).body);
    assert_eq!(plain["value"].as_array().map(Vec::len), Some(2), "{plain}");
}

#[test]
fn any_version_prefix_case_and_path_values_match() {
    let mock = mock("../docs-input");
    let path = "/BETA/devicemanagement/virtualEndpoint/deviceImages/x%2Fy/reupload";
    let answer = mock.answer("POST", path, ORIGIN);
    assert_eq!((answer.status, answer.body.len()), (204, 0));
    assert!(answer
        .source
        .starts_with("api-reference/beta/api/cloudpcdeviceimage-reupload.md:"));
    assert_eq!(
        mock.answer(
            "POST",
            "/v1.0/deviceManagement/virtualEndpoint/deviceImages/x/reupload",
            ORIGIN
        )
        .status,
        404
    );
}

#[test]
fn unknown_paths_and_methods_are_graph_errors() {
    let mock = mock("../docs-input");
    let not_found = mock.answer("GET", "/v1.0/users/1/nothingHere", ORIGIN);
    assert_eq!(not_found.status, 404);
    let error = json(&not_found.body);
    assert_eq!(error["error"]["code"], "docgenMock.noDocumentedOperation");
    let message = error["error"]["message"].as_str().expect("message");
    assert!(message.contains("closest documented: "), "{message}");
    assert!(message.contains("/v1.0/users/"), "{message}");
    let wrong_method = mock.answer("DELETE", "/v1.0/users", ORIGIN);
    assert_eq!(wrong_method.status, 405);
    let error = json(&wrong_method.body);
    assert_eq!(error["error"]["code"], "docgenMock.methodNotDocumented");
    assert!(error["error"]["message"]
        .as_str()
        .expect("message")
        .contains("GET /v1.0/users"));
}

#[test]
fn colon_paths_of_a_second_request_section_are_served() {
    let mock = mock("tests/fixtures/checkout");
    let answer = mock.answer(
        "PUT",
        "/v1.0/me/drive/items/0123:/FileB.txt:/content",
        ORIGIN,
    );
    assert_eq!(answer.status, 201);
    assert_eq!(json(&answer.body)["name"], "FileB.txt");
}
