//! Request bodies read from whole pages: a create lists its linked
//! resource's properties, an action keeps its parameters.

use docgen::ir::page::{HttpMethod, RequestBody};
use docgen::parse::{read_page, NoIncludes};

/// A POST page whose request body links a resource above a table
/// headed "Parameter", answered with `status`.
fn post_page(status: &str) -> String {
    format!(
        "# Create widget\n\nCreates a widget.\n\n## HTTP request\n\n```http\nPOST /widgets\n```\n\n\
         ## Request body\n\nIn the request body, supply a JSON representation of [widget](../resources/widget.md) object.\n\n\
         | Parameter | Type | Description |\n|:--|:--|:--|\n| displayName | String | The name. |\n\n\
         ## Response\n\nIf successful, this method returns a `{status}` response code.\n"
    )
}

fn body(status: &str) -> RequestBody {
    let page = read_page(
        "api-reference/v1.0/api/widget-post.md",
        post_page(status).as_bytes(),
        &NoIncludes,
    );
    let operation = page.operations.first().expect("an operation");
    assert_eq!(operation.method, HttpMethod::Post);
    operation.request_body.clone()
}

#[test]
fn a_create_lists_the_linked_resources_properties() {
    let RequestBody::Properties {
        type_ref,
        properties,
    } = body("201 Created")
    else {
        panic!("{:?}", body("201 Created"));
    };
    assert!(format!("{type_ref:?}").contains("widget"), "{type_ref:?}");
    assert_eq!(properties[0].name, "displayName");
}

#[test]
fn an_action_keeps_its_parameters() {
    let RequestBody::Parameters { parameters } = body("200 OK") else {
        panic!("{:?}", body("200 OK"));
    };
    assert_eq!(parameters[0].name, "displayName");
}
