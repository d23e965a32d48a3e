//! One name for one thing: path segments the docs spell differently up to
//! case are one builder method and one area feature, named from the
//! property that declares them, else from the most written spelling; an
//! action takes one parameter type across its bindings. Pages written here
//! in the reference format.

use std::collections::BTreeMap;

use docgen::ir::api::{ActionParameters, Api, Area, BodyKind, Node, Segment};
use docgen::ir::page::Page;
use docgen::lower::lower;
use docgen::parse::{read_page, resolve, NoIncludes};

fn resource(name: &str, relationships: &[&str]) -> (String, String) {
    let rows: String = relationships
        .iter()
        .map(|r| format!("|{r}|[widget](widget.md) collection|Related widgets.|\n"))
        .collect();
    let text = format!(
        "---\ntitle: \"{name} resource type\"\ndescription: \"A {name}.\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: microsoft.graph\n\nA {name}.\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n\n\
         ## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n{rows}\n\
         ## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"keyProperty\": \"id\",\n  \
         \"@odata.type\": \"microsoft.graph.{name}\"\n}}-->\n\n```json\n{{\n  \"id\": \"String\"\n}}\n```\n"
    );
    (format!("api-reference/v1.0/resources/{name}.md"), text)
}

/// An API page; `returns` is a resource name or empty, `parameters` the
/// rows of an action's parameter table.
fn api(stem: &str, requests: &[&str], returns: &str, parameters: &[&str]) -> (String, String) {
    let body = if parameters.is_empty() {
        "Do not supply a request body for this method.\n".to_owned()
    } else {
        format!(
            "In the request body, provide a JSON object with the following parameters.\n\n\
             |Parameter|Type|Description|\n|:---|:---|:---|\n{}\n",
            parameters.join("\n")
        )
    };
    let response = if returns.is_empty() {
        "If successful, this method returns a `202 Accepted` response code.".to_owned()
    } else {
        format!(
            "If successful, this method returns a `200 OK` response code and a [{returns}](../resources/{returns}.md) object in the response body."
        )
    };
    let text = format!(
        "---\ntitle: \"{stem}\"\ndescription: \"A fixture.\"\ndoc_type: apiPageType\n---\n\n# {stem}\n\n\
         Namespace: microsoft.graph\n\nA fixture.\n\n## HTTP request\n\n```http\n{}\n```\n\n\
         ## Request body\n\n{body}\n## Response\n\n{response}\n",
        requests.join("\n")
    );
    (format!("api-reference/v1.0/api/{stem}.md"), text)
}

fn pages() -> Vec<Page> {
    let files = [
        resource("user", &["calendarGroups"]),
        resource("message", &[]),
        resource("event", &[]),
        resource("widget", &[]),
        api("user-get", &["GET /me", "GET /users/{id}"], "user", &[]),
        api("message-get", &["GET /me/messages/{id}"], "message", &[]),
        api("event-get", &["GET /me/events/{id}"], "event", &[]),
        // Written lower case more often than as the property declares it.
        api(
            "user-list-calendargroups",
            &[
                "GET /me/calendargroups",
                "GET /users/{id}/calendargroups",
                "GET /me/calendargroups/{id}/calendars",
                "GET /me/calendarGroups/{id}/events",
            ],
            "",
            &[],
        ),
        // No property: the most written spelling; a tie goes to byte order.
        api(
            "audits",
            &[
                "GET /auditLogs/directoryaudits",
                "GET /auditLogs/directoryaudits/{id}",
                "GET /auditLogs/directoryAudits",
            ],
            "",
            &[],
        ),
        api(
            "principals",
            &["GET /servicePrincipals", "GET /serviceprincipals/{id}"],
            "",
            &[],
        ),
        // One action on two pages, its parameters in another order and case.
        api(
            "user-sendmail-me",
            &["POST /me/sendMail"],
            "",
            &[
                "|message|[message](../resources/message.md)|The message.|",
                "|saveToSentItems|Boolean|Keep a copy.|",
            ],
        ),
        api(
            "user-sendmail",
            &["POST /users/{id}/microsoft.graph.sendMail"],
            "",
            &[
                "|SaveToSentItems|Boolean|Keep a copy.|",
                "|Message|[message](../resources/message.md)|The message.|",
            ],
        ),
        // One action name, truly different parameters on two resources.
        api(
            "message-forward",
            &["POST /me/messages/{id}/forward"],
            "",
            &[
                "|comment|String|A comment.|",
                "|toRecipients|String collection|Recipients.|",
            ],
        ),
        api(
            "event-forward",
            &["POST /me/events/{id}/forward"],
            "",
            &["|comment|String|A comment.|"],
        ),
    ];
    let mut pages: Vec<Page> = files
        .iter()
        .map(|(file, text)| read_page(file, text.as_bytes(), &NoIncludes))
        .collect();
    resolve(&mut pages);
    pages
}

/// `calendar_groups`, `calendargroups` and `calendar-groups` look alike.
fn look_alike(name: &str) -> String {
    name.trim_start_matches("r#")
        .chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every set of sibling builder methods, and of features, that look alike.
fn look_alikes(api: &Api) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut add = |names: Vec<&str>| {
        let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for name in names {
            by.entry(look_alike(name))
                .or_default()
                .push(name.to_owned());
        }
        groups.extend(by.into_values().filter(|g| g.len() > 1));
    };
    for version in &api.versions {
        add(version.areas.iter().map(|a| a.feature.as_str()).collect());
        for area in &version.areas {
            add(area.entries.iter().map(|e| e.rust_name.as_str()).collect());
            for node in &area.nodes {
                add(node.edges.iter().map(|e| e.rust_name.as_str()).collect());
            }
        }
    }
    groups
}

fn area<'a>(api: &'a Api, wire: &str) -> &'a Area {
    let mut found = api.versions[0]
        .areas
        .iter()
        .filter(|a| a.wire.eq_ignore_ascii_case(wire));
    let area = found.next().expect(wire);
    assert!(found.next().is_none(), "two areas for {wire}");
    area
}

/// The node reached from the literal entry by method names.
fn walk<'a>(area: &'a Area, methods: &[&str]) -> &'a Node {
    let entry = area
        .entries
        .iter()
        .find(|e| matches!(e.segment, Segment::Literal { .. }));
    let mut node = &area.nodes[entry.expect("a literal entry").target];
    for method in methods {
        let edge = node.edges.iter().find(|e| e.rust_name == *method);
        let edge = edge.unwrap_or_else(|| panic!("no `{method}` on {}", node.template));
        node = &area.nodes[edge.target];
    }
    node
}

fn parameters(node: &Node) -> &str {
    match &node.endpoints[0].body {
        BodyKind::Parameters(object) => &object.rust_name,
        other => panic!("{other:?}"),
    }
}

#[test]
fn case_variants_are_one_method_and_one_feature() {
    let api = lower(&pages()).api;
    assert_eq!(look_alikes(&api), Vec::<Vec<String>>::new());
    let features: Vec<&str> = api.versions[0]
        .areas
        .iter()
        .map(|a| a.feature.as_str())
        .collect();
    assert_eq!(
        features,
        [
            "v1_0-audit-logs",
            "v1_0-me",
            "v1_0-service-principals",
            "v1_0-users"
        ]
    );
}

#[test]
fn the_declaring_property_names_the_segment_and_the_children_merge() {
    let api = lower(&pages()).api;
    let groups = walk(area(&api, "me"), &["calendar_groups"]);
    assert_eq!(groups.template, "/me/calendarGroups");
    let group = walk(area(&api, "me"), &["calendar_groups", "by_id"]);
    let children: Vec<&str> = group.edges.iter().map(|e| e.rust_name.as_str()).collect();
    assert_eq!(children, ["calendars", "events"]);
    let users = walk(area(&api, "users"), &["by_id", "calendar_groups"]);
    assert_eq!(users.template, "/users/{id}/calendarGroups");
}

#[test]
fn without_a_property_the_most_written_spelling_is_sent() {
    let api = lower(&pages()).api;
    let audits = walk(area(&api, "auditLogs"), &["directoryaudits"]);
    assert_eq!(audits.template, "/auditLogs/directoryaudits");
    // One each: byte order puts the capital first.
    assert_eq!(area(&api, "servicePrincipals").wire, "servicePrincipals");
}

#[test]
fn an_action_takes_one_type_across_its_bindings() {
    let api = lower(&pages()).api;
    let me = walk(area(&api, "me"), &["send_mail"]);
    let user = walk(area(&api, "users"), &["by_id", "graph_send_mail"]);
    assert_eq!(parameters(me), "SendMailParameters");
    assert_eq!(parameters(user), "SendMailParameters");
    let shared: Vec<&ActionParameters> = api.versions[0]
        .actions
        .iter()
        .filter(|a| a.object.rust_name == "SendMailParameters")
        .collect();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].features, ["v1_0-me", "v1_0-users"]);
    assert_eq!(shared[0].requests.len(), 2);
}

#[test]
fn different_parameters_are_named_after_their_resource() {
    let api = lower(&pages()).api;
    let me = area(&api, "me");
    let message = walk(me, &["messages", "by_id", "forward"]);
    let event = walk(me, &["events", "by_id", "forward"]);
    assert_eq!(parameters(message), "MessageForwardParameters");
    assert_eq!(parameters(event), "EventForwardParameters");
}
