//! Lowering and naming, on pages built in memory.

use super::*;
use crate::ir::api::{Edge, Node, Segment};
use crate::ir::page::{Operation, PermissionSource, Permissions};

fn op(method: HttpMethod, line: u32, paths: &[&str]) -> Operation {
    Operation {
        method,
        paths: paths.iter().map(|p| p.to_string()).collect(),
        path_queries: Vec::new(),
        line,
        success_status: Some(200),
        permissions: Permissions {
            source: PermissionSource::Page,
            ..Permissions::default()
        },
        request_headers: Vec::new(),
        query: Default::default(),
        function_parameters: Vec::new(),
        request_body: Default::default(),
        response: Default::default(),
    }
}

fn page(file: &str, operations: Vec<Operation>) -> Page {
    let version = if file.contains("/beta/") {
        ApiVersion::Beta
    } else {
        ApiVersion::V1_0
    };
    Page {
        file: file.to_owned(),
        version: Some(version),
        title: "t".to_owned(),
        operations,
        ..Page::default()
    }
}

fn get(paths: &[&str]) -> Vec<Page> {
    vec![page(
        "api-reference/v1.0/api/a.md",
        vec![op(HttpMethod::Get, 10, paths)],
    )]
}

fn area<'a>(lowered: &'a Lowered, wire: &str) -> &'a Area {
    lowered
        .api
        .versions
        .iter()
        .flat_map(|v| &v.areas)
        .find(|a| a.wire == wire)
        .expect(wire)
}

fn root(area: &Area) -> &Node {
    let literal = area
        .entries
        .iter()
        .find(|e| matches!(e.segment, Segment::Literal { .. }));
    &area.nodes[literal.expect("literal entry").target]
}

/// Follows method names from the area root.
fn walk<'a>(area: &'a Area, names: &[&str]) -> &'a Node {
    let mut node = root(area);
    for name in names {
        let edge: &Edge = node
            .edges
            .iter()
            .find(|e| e.rust_name == *name)
            .unwrap_or_else(|| panic!("no `{name}` on {}: {:?}", node.template, names_of(node)));
        node = &area.nodes[edge.target];
    }
    node
}

fn names_of(node: &Node) -> Vec<&str> {
    node.edges.iter().map(|e| e.rust_name.as_str()).collect()
}

#[test]
fn areas_modules_and_features() {
    let lowered = lower(&[page(
        "api-reference/beta/api/x.md",
        vec![op(
            HttpMethod::Post,
            3,
            &["/deviceManagement/virtualEndpoint/deviceImages/{id}/reupload"],
        )],
    )]);
    let area = area(&lowered, "deviceManagement");
    assert_eq!(area.module, "device_management");
    assert_eq!(area.feature, "beta-device-management");
    assert_eq!(root(area).struct_name, "DeviceManagement");
    let node = walk(
        area,
        &["virtual_endpoint", "device_images", "by_id", "reupload"],
    );
    assert_eq!(node.struct_name, "VirtualEndpointDeviceImagesItemReupload");
    assert_eq!(node.endpoints[0].rust_name, "post");
    assert_eq!(
        node.endpoints[0].doc_url,
        "https://learn.microsoft.com/en-us/graph/api/x?view=graph-rest-beta"
    );
}

#[test]
fn placeholders_at_one_position_are_one_node() {
    let lowered = lower(&get(&[
        "/users/{id}/manager",
        "/users/{id | userPrincipalName}/manager",
    ]));
    let users = area(&lowered, "users");
    assert_eq!(names_of(root(users)), ["by_id"]);
    let Segment::Key { written } = &root(users).edges[0].segment else {
        panic!()
    };
    assert_eq!(written, &["{id}", "{id | userPrincipalName}"]);
    let node = walk(users, &["by_id", "manager"]);
    assert_eq!(
        node.endpoints[0].http_lines,
        [
            "GET /users/{id}/manager",
            "GET /users/{id | userPrincipalName}/manager"
        ]
    );
    assert_eq!(lowered.stats.dropped_duplicates, 0);
}

#[test]
fn duplicates_keep_the_first_page_by_file_order() {
    let pages = vec![
        page(
            "api-reference/v1.0/api/b.md",
            vec![op(HttpMethod::Get, 7, &["/groups/{id}"])],
        ),
        page(
            "api-reference/v1.0/api/a.md",
            vec![op(HttpMethod::Get, 5, &["/groups/{group-id}"])],
        ),
    ];
    let lowered = lower(&pages);
    let node = walk(area(&lowered, "groups"), &["by_id"]);
    let endpoint = &node.endpoints[0];
    assert_eq!(
        (endpoint.file.as_str(), endpoint.line),
        ("api-reference/v1.0/api/a.md", 5)
    );
    assert_eq!(endpoint.also_documented.len(), 1);
    assert_eq!(
        endpoint.also_documented[0].file,
        "api-reference/v1.0/api/b.md"
    );
    assert_eq!(lowered.stats.dropped_duplicates, 1);
}

#[test]
fn shared_pages_and_plain_paths_document_a_request_before_others() {
    let mut with_query = op(HttpMethod::Get, 9, &["/users/{id}"]);
    with_query.path_queries.push(crate::ir::page::PathQuery {
        path: "/users/{id}".to_owned(),
        query: "$expand=manager".to_owned(),
    });
    let pages = vec![
        page(
            "api-reference/v1.0/api/intune-devices-user-get.md",
            vec![op(HttpMethod::Get, 3, &["/users/{usersId}"])],
        ),
        page(
            "api-reference/v1.0/api/user-list-manager.md",
            vec![with_query],
        ),
        page(
            "api-reference/v1.0/api/user-get.md",
            vec![op(HttpMethod::Get, 5, &["/users/{id | userPrincipalName}"])],
        ),
    ];
    let lowered = lower(&pages);
    let endpoint = &walk(area(&lowered, "users"), &["by_id"]).endpoints[0];
    assert_eq!(endpoint.file, "api-reference/v1.0/api/user-get.md");
    let also: Vec<&str> = endpoint
        .also_documented
        .iter()
        .map(|a| a.file.as_str())
        .collect();
    assert_eq!(
        also,
        [
            "api-reference/v1.0/api/user-list-manager.md",
            "api-reference/v1.0/api/intune-devices-user-get.md"
        ]
    );
}

#[test]
fn special_segments_casts_and_keywords() {
    let lowered = lower(&get(&[
        "/me/photo/$value",
        "/users/$count",
        "/groups/{id}/owners/{id}/$ref",
        "/directoryObjects/{id}/$entity",
        "/deviceManagement/x/{id}/microsoft.graph.windowsDomainJoinConfiguration/y",
        "/admin/type/self/match",
        "/admin/async/{id}/get",
        "/admin/delete",
    ]));
    walk(area(&lowered, "me"), &["photo", "value"]);
    walk(area(&lowered, "users"), &["count"]);
    walk(
        area(&lowered, "groups"),
        &["by_id", "owners", "by_id", "reference"],
    );
    walk(area(&lowered, "directoryObjects"), &["by_id", "entity"]);
    let cast = walk(
        area(&lowered, "deviceManagement"),
        &["x", "by_id", "graph_windows_domain_join_configuration", "y"],
    );
    assert_eq!(
        cast.struct_name,
        "XItemGraphWindowsDomainJoinConfigurationY"
    );
    let admin = area(&lowered, "admin");
    walk(admin, &["r#type", "self_", "r#match"]);
    walk(admin, &["r#async", "by_id", "get_path"]);
    walk(admin, &["delete_path"]);
}

#[test]
fn function_overloads_get_their_parameters_in_the_name() {
    let lowered = lower(&get(&[
        "/reports/getEmailActivityUserDetail(period='{period_value}')",
        "/reports/getEmailActivityUserDetail(date={date_value})",
        "/reports/getOffice365ActiveUserCounts(period='D7')",
        "/reports/getOffice365ActiveUserCounts(period='{period_value}')",
        "/me/items/{id}/range",
        "/me/items/{id}/range(address='{a}')",
    ]));
    let reports = area(&lowered, "reports");
    assert_eq!(
        names_of(root(reports)),
        [
            "get_email_activity_user_detail_with_period",
            "get_email_activity_user_detail_with_date",
            "get_office365_active_user_counts"
        ]
    );
    let Segment::Function { args, .. } = &root(reports).edges[2].segment else {
        panic!()
    };
    assert_eq!(args[0].written, ["'D7'", "'{period_value}'"]);
    assert_eq!(args[0].rust_name, "period");
    let item = walk(area(&lowered, "me"), &["items", "by_id"]);
    assert_eq!(names_of(item), ["range", "range_with_address"]);
}

#[test]
fn spelling_variants_are_one_segment_sent_as_most_written() {
    let lowered = lower(&get(&[
        "/me/names/{id}/range",
        "/me/names/{id}/Range/format",
        "/me/names/{id}/Range",
        "/me/calendargroups/{id}/calendars",
        "/me/calendarGroups/{id}/events",
        "/me/items/{id}/range(<address>)",
        "/me/items/{id}/range(address='{a}')",
        "/directoryaudits",
        "/directoryAudits/{id}",
    ]));
    let me = area(&lowered, "me");
    let node = walk(me, &["names", "by_id"]);
    assert_eq!(names_of(node), ["range"]);
    let range = &me.nodes[node.edges[0].target];
    assert_eq!(range.template, "/me/names/{id}/Range");
    assert_eq!(names_of(range), ["format"]);
    // A tie goes to byte order (capitals first); the children are merged.
    let group = walk(me, &["calendar_groups", "by_id"]);
    assert_eq!(names_of(group), ["calendars", "events"]);
    assert_eq!(group.template, "/me/calendarGroups/{id}");
    let item = walk(me, &["items", "by_id"]);
    assert_eq!(names_of(item), ["range"]);
    let Segment::Function { args, .. } = &item.edges[0].segment else {
        panic!("{:?}", item.edges[0].segment)
    };
    assert_eq!(args[0].wire, "address", "sent by name once a page names it");
    // Areas too: one module, one feature.
    let version = &lowered.api.versions[0];
    let audits: Vec<&str> = version
        .areas
        .iter()
        .filter(|a| a.wire.eq_ignore_ascii_case("directoryAudits"))
        .map(|a| a.feature.as_str())
        .collect();
    assert_eq!(audits, ["v1_0-directory-audits"]);
}

#[test]
fn colon_paths_hang_off_the_segment_before_them() {
    let lowered = lower(&get(&[
        "/me/drive/root:/{item-path}:/content",
        "/me/drive/root:/{parent-path}/{filename}:/content",
        "/me/drive/items/{parent-id}:/{filename}:/content",
        "/sites/{hostname}:/{server-relative-path}",
    ]));
    let me = area(&lowered, "me");
    let content = walk(me, &["drive", "root", "by_path", "content"]);
    assert_eq!(content.endpoints[0].http_lines.len(), 2);
    walk(me, &["drive", "items", "by_id", "by_path", "content"]);
    let site = walk(area(&lowered, "sites"), &["by_id", "by_path"]);
    assert_eq!(site.template, "/sites/{hostname}:/{server-relative-path}:");
}

#[test]
fn refused_templates_name_file_and_line() {
    let lowered = lower(&get(&[
        "/me/mailFolders/{id}/childFolders/{id}/.../messages",
        "/me/messages",
    ]));
    assert_eq!(lowered.stats.templates, 2);
    assert_eq!(lowered.stats.lowered, 1);
    let refused = &lowered.refused[0];
    assert_eq!(
        (refused.file.as_str(), refused.line),
        ("api-reference/v1.0/api/a.md", 10)
    );
    assert!(refused
        .to_string()
        .starts_with("api-reference/v1.0/api/a.md:10: GET /me/mailFolders"));
}

#[test]
fn alternate_keys_are_entry_functions() {
    let lowered = lower(&get(&[
        "/applications/{id}/owners",
        "/applications(appId='{appId}')/owners/{id}/$ref",
        "/applications(uniqueName='{uniqueName}')",
    ]));
    let apps = area(&lowered, "applications");
    let names: Vec<&str> = apps.entries.iter().map(|e| e.rust_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "applications",
            "applications_with_app_id",
            "applications_with_unique_name"
        ]
    );
    let target = &apps.nodes[apps.entries[1].target];
    assert_eq!(target.struct_name, "ApplicationsWithAppId");
    assert_eq!(target.template, "/applications(appId='{appId}')");
}

#[test]
fn drive_items_under_colon_addressing_also_answer_as_root() {
    use super::place::root_alias;
    assert_eq!(
        root_alias("/me/drive/items/{parent-id}:/{filename}:/content").as_deref(),
        Some("/me/drive/root:/{filename}:/content")
    );
    assert_eq!(
        root_alias("/drives/{drive-id}/items/{parent-id}:/{filename}:/content").as_deref(),
        Some("/drives/{drive-id}/root:/{filename}:/content")
    );
    // Only a drive's items, and only with colon addressing after the key.
    assert_eq!(root_alias("/me/drive/items/{item-id}/content"), None);
    assert_eq!(root_alias("/me/todo/lists/{id}/items/{x}:/y:"), None);
}
