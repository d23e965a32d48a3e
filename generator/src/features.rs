//! Which feature compiles what: the table of features with their terminal
//! calls, and the feature a documented request line needs (`docgen features`).

use crate::ir::api::{Api, Area};
use crate::ir::page::{ApiVersion, HttpMethod};

/// One feature of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureRow {
    pub feature: String,
    /// The path it covers (`/deviceManagement/virtualEndpoint`).
    pub path: String,
    /// Terminal calls it compiles (the union's for a split area).
    pub calls: usize,
    /// A part of a split area (printed under its area).
    pub part: bool,
}

/// Every area and part feature, by version then area.
pub fn table(api: &Api) -> Vec<FeatureRow> {
    let mut rows = Vec::new();
    for area in api.versions.iter().flat_map(|v| &v.areas) {
        let calls = |nodes: &mut dyn Iterator<Item = usize>| -> usize {
            nodes.map(|n| area.nodes[n].endpoints.len()).sum()
        };
        let area_calls = calls(&mut (0..area.nodes.len()));
        rows.push(FeatureRow {
            feature: area.feature.clone(),
            path: format!("/{}", area.wire),
            calls: area_calls,
            part: false,
        });
        if area.parts.is_empty() {
            continue;
        }
        let in_parts: usize = area
            .parts
            .iter()
            .map(|p| calls(&mut p.nodes.iter().copied()))
            .sum();
        rows.push(FeatureRow {
            feature: area.root_feature(),
            path: format!("/{} (and under a key)", area.wire),
            calls: area_calls - in_parts,
            part: true,
        });
        for part in &area.parts {
            rows.push(FeatureRow {
                feature: part.feature.clone(),
                path: format!("/{}/{}", area.wire, part.wire),
                calls: calls(&mut part.nodes.iter().copied()),
                part: true,
            });
        }
    }
    rows
}

/// The feature that compiles a documented request line (`POST
/// /deviceManagement/virtualEndpoint/deviceImages/{id}/reupload`), in each
/// version that has it. A path may start with its version (`/beta/...`).
pub fn needed(api: &Api, line: &str) -> Vec<(ApiVersion, String)> {
    let Some((method, path)) = split_line(line) else {
        return Vec::new();
    };
    let (only, path) = match strip_version(&path) {
        Some((version, rest)) => (Some(version), rest),
        None => (None, path),
    };
    let mut found = Vec::new();
    for version in &api.versions {
        if only.is_some_and(|v| v != version.version) {
            continue;
        }
        for area in &version.areas {
            if let Some(feature) = feature_of(area, method, &path) {
                found.push((version.version, feature));
            }
        }
    }
    found
}

fn split_line(line: &str) -> Option<(HttpMethod, String)> {
    let (method, path) = line.trim().split_once(char::is_whitespace)?;
    let method = HttpMethod::parse(&method.to_uppercase())?;
    Some((method, normalize(path)))
}

/// Lower case, placeholders as `{}`, no query, no trailing slash.
fn normalize(path: &str) -> String {
    let path = path.trim().split('?').next().unwrap_or_default();
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                "{}".to_owned()
            } else {
                s.to_lowercase()
            }
        })
        .collect();
    format!("/{}", segments.join("/"))
}

fn strip_version(path: &str) -> Option<(ApiVersion, String)> {
    [("/v1.0/", ApiVersion::V1_0), ("/beta/", ApiVersion::Beta)]
        .into_iter()
        .find_map(|(prefix, version)| {
            let rest = path.strip_prefix(prefix)?;
            Some((version, format!("/{rest}")))
        })
}

/// The feature of the node whose calls document `method path`.
fn feature_of(area: &Area, method: HttpMethod, path: &str) -> Option<String> {
    let wanted = format!("{} {path}", method.as_str());
    let node = area.nodes.iter().position(|node| {
        node.endpoints
            .iter()
            .filter(|e| e.method == method)
            .any(|e| {
                e.http_lines.iter().any(|l| match split_line(l) {
                    Some((m, p)) => format!("{} {p}", m.as_str()) == wanted,
                    None => false,
                })
            })
    })?;
    Some(area.node_feature(node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_case_and_queries_do_not_matter() {
        assert_eq!(
            normalize(
                "/deviceManagement/virtualEndpoint/deviceImages/{cloudPcDeviceImageId}/reupload"
            ),
            normalize("/devicemanagement/virtualEndpoint/deviceImages/{id}/reupload/")
        );
        assert_eq!(normalize("/me/messages?$top=5"), "/me/messages");
        assert_eq!(
            strip_version("/beta/me/messages"),
            Some((ApiVersion::Beta, "/me/messages".to_owned()))
        );
        assert!(split_line("FETCH /me").is_none());
    }
}
