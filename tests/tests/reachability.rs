//! Every documented path template of docs-input, called through the
//! generated client with sample values (hostile ones such as `a/b?c#d`
//! included): the request has the documented method and the template's
//! path, each value percent-encoded in its place.

/// One documented request as the client builds it.
pub struct Case {
    pub source: &'static str,
    pub expected_method: &'static str,
    pub expected_path: String,
    pub method: String,
    pub path: String,
    pub version: graph_client::ApiVersion,
}

include!(concat!(env!("OUT_DIR"), "/reachability.rs"));

#[test]
fn every_documented_path_is_reachable() {
    let cases = cases();
    assert!(cases.len() >= 24, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        // One spelling per segment: the client may send `contactFolders`
        // where a page writes `contactfolders` (`oracle::same_path`).
        let same = devtools::oracle::same_path(&case.expected_path, &case.path);
        if case.method != case.expected_method || !same {
            failures.push(format!(
                "{}\n  want {} {}\n  got  {} {}",
                case.source, case.expected_method, case.expected_path, case.method, case.path
            ));
        }
        let version = if case.source.contains("/beta/") {
            graph_client::ApiVersion::Beta
        } else {
            graph_client::ApiVersion::V1_0
        };
        if case.version != version {
            failures.push(format!("{}: wrong version {:?}", case.source, case.version));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_values_stay_inside_their_segment() {
    for case in cases() {
        assert!(
            !case.path.contains(['?', '#', ' ']),
            "{}: {}",
            case.source,
            case.path
        );
    }
}
