//! The committed client (`generated/`, from docs-input) end to end.

use graph_client::graph_runtime::http::Method;
use graph_client::Request;

/// The seed page: `POST /deviceManagement/virtualEndpoint/deviceImages/{cloudPcDeviceImageId}/reupload`.
#[test]
fn reupload_chain_builds_the_documented_request() {
    let request: Request<()> = graph_client::beta::device_management()
        .virtual_endpoint()
        .device_images()
        .by_id("x")
        .reupload()
        .post();
    assert_eq!(request.method(), &Method::POST);
    assert_eq!(
        request.path().as_str(),
        "/deviceManagement/virtualEndpoint/deviceImages/x/reupload"
    );
    assert_eq!(request.path().version(), graph_client::ApiVersion::Beta);
    assert_eq!(
        request.url("https://graph.microsoft.com"),
        "https://graph.microsoft.com/beta/deviceManagement/virtualEndpoint/deviceImages/x/reupload"
    );
}

#[test]
fn reupload_permissions_as_data() {
    let request = graph_client::beta::device_management()
        .virtual_endpoint()
        .device_images()
        .by_id("x")
        .reupload()
        .post();
    let permissions = request.permissions().expect("a documented operation");
    assert_eq!(permissions.delegated_work, ["CloudPC.ReadWrite.All"]);
    assert!(permissions.delegated_personal.is_empty());
    assert_eq!(permissions.application, ["CloudPC.ReadWrite.All"]);
    assert!(permissions.documented);
}

/// The rustdoc of `post` on the reupload builder, as committed.
#[test]
fn reupload_docs() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated/src/beta/device_management.rs"
    );
    let source = std::fs::read_to_string(path).expect("generated area file");
    let start = source
        .find("impl VirtualEndpointDeviceImagesItemReupload {")
        .expect("reupload impl");
    let block = &source[start..];
    let docs: Vec<&str> = block
        .lines()
        .take_while(|l| !l.contains("pub fn post"))
        .filter_map(|l| l.trim().strip_prefix("///"))
        .map(str::trim)
        .collect();
    for want in [
        "cloudPcDeviceImage: reupload",
        "POST /deviceManagement/virtualEndpoint/deviceImages/{cloudPcDeviceImageId}/reupload",
        "- Delegated (work or school account): `CloudPC.ReadWrite.All`",
        "- Delegated (personal Microsoft account): Not supported.",
        "- Application: `CloudPC.ReadWrite.All`",
        "Success status: `204`.",
        "Reference: <https://learn.microsoft.com/en-us/graph/api/cloudpcdeviceimage-reupload?view=graph-rest-beta>",
    ] {
        assert!(docs.contains(&want), "missing doc line {want:?} in {docs:#?}");
    }
}

#[test]
fn responses_are_typed_by_kind() {
    use graph_client::beta::models::CloudPcDeviceImage;
    use graph_client::v1_0::models::User;
    let _: Request<graph_client::Page<CloudPcDeviceImage>> =
        graph_client::beta::device_management()
            .virtual_endpoint()
            .device_images()
            .get();
    let _: Request<User> = graph_client::v1_0::users().by_id("u").get();
    let photo: Request<graph_client::Binary> = graph_client::v1_0::me().photo().value().get();
    assert_eq!(photo.path().as_str(), "/me/photo/$value");
    let owner: Request<()> = graph_client::v1_0::groups()
        .by_id("g")
        .owners()
        .by_id("o/p")
        .reference()
        .delete();
    assert_eq!(owner.path().as_str(), "/groups/g/owners/o%2Fp/$ref");
}

#[test]
fn builders_are_reusable_by_reference() {
    let user = graph_client::v1_0::users().by_id("alice@contoso.com");
    let first = user.get();
    let photo = user.photo().value().get();
    let second = user.get();
    assert_eq!(first.path(), second.path());
    assert_eq!(first.path().as_str(), "/users/alice%40contoso.com");
    assert_eq!(
        photo.path().as_str(),
        "/users/alice%40contoso.com/photo/$value"
    );
}
