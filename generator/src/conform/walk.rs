//! Finds the generated call an example request makes: a walk down the
//! lowered path trees (the builders the crate has), segment by segment,
//! then the terminal call with the example's method. Segments compare as
//! Graph compares them: literals and function names up to ASCII case and an
//! optional `microsoft.graph.` prefix, function arguments by name (or count
//! when positional), any non-empty value for a key, colon addressing for a
//! colon path.

use super::target::PathPart;
use crate::ir::api::{Area, Edge, Endpoint, ModelSet, Node, Segment, TypeKind, VersionApi};
use crate::ir::page::HttpMethod;

/// Where the walk ended.
#[derive(Debug)]
pub enum Walk<'a> {
    /// A generated call with the example's method and path.
    Call(&'a Endpoint),
    /// The `$count` call beside a listing `GET` (the endpoint is the list).
    Count(&'a Endpoint),
    /// `cast::<T>().get()` beside a listing `GET`: the list, and `T`'s Rust name.
    Cast(&'a Endpoint, &'a str),
    /// The path has builders, but no call with this method (the ones there).
    OtherMethods(Vec<HttpMethod>),
    /// No chain of builders spells the path.
    NoPath,
}

/// Steps a walk may take before it gives up: a literal and a key can both
/// match one segment, so a hostile tree could make the search exponential.
const MAX_STEPS: usize = 10_000;

/// Segments beyond which a path is not walked (Graph paths have a few dozen).
const MAX_PARTS: usize = 128;

/// The generated call of `api` that sends `method` to `parts`.
pub fn find<'a>(api: &'a VersionApi, method: HttpMethod, parts: &[PathPart]) -> Walk<'a> {
    if parts.len() > MAX_PARTS {
        return Walk::NoPath;
    }
    let mut steps = MAX_STEPS;
    let mut best = Walk::NoPath;
    for area in &api.areas {
        let mut walker = Walker {
            area,
            models: &api.models,
            method,
            steps: &mut steps,
        };
        match walker.along(&area.entries, parts) {
            found @ (Walk::Call(_) | Walk::Count(_) | Walk::Cast(..)) => return found,
            other @ Walk::OtherMethods(_) => best = other,
            Walk::NoPath => {}
        }
    }
    best
}

/// One area's walk for one method, with the steps left.
struct Walker<'a, 's> {
    area: &'a Area,
    models: &'a ModelSet,
    method: HttpMethod,
    steps: &'s mut usize,
}

impl<'a> Walker<'a, '_> {
    /// The walk from a node (its `edges`) or from the version root (an
    /// area's entries) over the remaining `parts`.
    fn along(&mut self, edges: &'a [Edge], parts: &[PathPart]) -> Walk<'a> {
        let Some((first, rest)) = parts.split_first() else {
            return Walk::NoPath;
        };
        if *self.steps == 0 {
            return Walk::NoPath;
        }
        *self.steps -= 1;
        let mut best = Walk::NoPath;
        // Literal and function steps first: a key matches any segment, so it
        // is tried only when no named step does.
        let mut matching: Vec<&Edge> = edges
            .iter()
            .filter(|e| segment_matches(&e.segment, first))
            .collect();
        matching.sort_by_key(|e| matches!(e.segment, Segment::Key { .. }));
        for edge in matching {
            match self.at_node(edge.target, rest) {
                found @ (Walk::Call(_) | Walk::Count(_) | Walk::Cast(..)) => return found,
                other @ Walk::OtherMethods(_) => {
                    if matches!(best, Walk::NoPath) {
                        best = other;
                    }
                }
                Walk::NoPath => {}
            }
        }
        // OData's other spelling of a key, `messages('AAMk')` for
        // `messages/AAMk`: the same request to Graph, sent by `by_id`.
        if let (Walk::NoPath, Some(split)) = (&best, key_in_parentheses(first)) {
            let parts: Vec<PathPart> = split.into_iter().chain(rest.iter().cloned()).collect();
            return self.along(edges, &parts);
        }
        best
    }

    fn at_node(&mut self, node: usize, parts: &[PathPart]) -> Walk<'a> {
        let Some(node) = self.area.nodes.get(node) else {
            return Walk::NoPath;
        };
        if let [PathPart::Plain(last)] = parts {
            let list = node.endpoints.iter().find(|e| e.count.is_some());
            if let (true, HttpMethod::Get, Some(list)) =
                (last.eq_ignore_ascii_case("$count"), self.method, list)
            {
                return Walk::Count(list);
            }
        }
        if !parts.is_empty() {
            return match self.along(&node.edges, parts) {
                Walk::NoPath => self.cast(node, parts),
                walked => walked,
            };
        }
        match node.endpoints.iter().find(|e| e.method == self.method) {
            Some(endpoint) => Walk::Call(endpoint),
            None if node.endpoints.is_empty() => Walk::NoPath,
            None => Walk::OtherMethods(node.endpoints.iter().map(|e| e.method).collect()),
        }
    }
}

impl<'a> Walker<'a, '_> {
    /// `<list>/microsoft.graph.user` (and its `/$count`), sent by the
    /// generic `cast::<T>()` beside a listing `GET`, for a model of the version.
    fn cast(&self, node: &'a Node, parts: &[PathPart]) -> Walk<'a> {
        let Some(list) = node.endpoints.iter().find(|e| e.cast.is_some()) else {
            return Walk::NoPath;
        };
        let Some((PathPart::Plain(name), rest)) = parts.split_first() else {
            return Walk::NoPath;
        };
        let model = self.models.types.iter().find(|t| {
            matches!(t.kind, TypeKind::Model { .. }) && t.qualified.eq_ignore_ascii_case(name)
        });
        match (model, rest, self.method) {
            (Some(model), [], HttpMethod::Get) => Walk::Cast(list, &model.rust_name),
            (Some(_), [PathPart::Plain(count)], HttpMethod::Get)
                if count.eq_ignore_ascii_case("$count") =>
            {
                Walk::Count(list)
            }
            _ => Walk::NoPath,
        }
    }
}

/// `name('key')` or `name(key)` (one argument, not `a=b`) → `name`, `key`.
fn key_in_parentheses(part: &PathPart) -> Option<[PathPart; 2]> {
    let PathPart::Plain(text) = part else {
        return None;
    };
    let (name, inside) = split_call(text);
    let args = arguments(inside);
    let [key] = args.as_slice() else {
        return None;
    };
    if name.is_empty() || key.contains('=') || inside.is_empty() {
        return None;
    }
    let key = key
        .strip_prefix('\'')
        .and_then(|k| k.strip_suffix('\''))
        .unwrap_or(key);
    Some([
        PathPart::Plain(name.to_owned()),
        PathPart::Plain(key.to_owned()),
    ])
}

/// Whether one example segment is what `segment` appends.
pub fn segment_matches(segment: &Segment, part: &PathPart) -> bool {
    match (segment, part) {
        (Segment::ColonPath { .. }, PathPart::Colon(_)) => true,
        // `$count`, `$value`, `$ref`: OData's own segments, never a key.
        (Segment::Key { .. }, PathPart::Plain(text)) => !text.is_empty() && !text.starts_with('$'),
        (Segment::Literal { wire }, PathPart::Plain(text)) => {
            same_name(wire.trim_end_matches("()"), text.trim_end_matches("()"))
        }
        (Segment::Function { name, args }, PathPart::Plain(text)) => {
            let (called, written) = split_call(text);
            if !same_name(name, called) {
                return false;
            }
            let written = arguments(written);
            let named = args.iter().all(|a| !a.wire.is_empty());
            if named {
                let mut expected: Vec<String> =
                    args.iter().map(|a| a.wire.to_ascii_lowercase()).collect();
                let mut given: Vec<String> = written
                    .iter()
                    .filter_map(|w| {
                        w.split_once('=')
                            .map(|(k, _)| k.trim().to_ascii_lowercase())
                    })
                    .collect();
                expected.sort();
                given.sort();
                given.len() == written.len() && expected == given
            } else {
                written.len() == args.len()
            }
        }
        _ => false,
    }
}

/// `name(args)` → (`name`, `args`); a segment without parentheses has none.
fn split_call(text: &str) -> (&str, &str) {
    match text.find('(') {
        Some(open) if text.ends_with(')') => (&text[..open], &text[open + 1..text.len() - 1]),
        _ => (text, ""),
    }
}

/// The arguments of a call, split at commas outside quotes.
fn arguments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() || !out.is_empty() {
        out.push(last);
    }
    out
}

/// Names compare up to ASCII case and the `microsoft.graph.` namespace.
fn same_name(a: &str, b: &str) -> bool {
    fn bare(name: &str) -> &str {
        const NAMESPACE: &str = "microsoft.graph.";
        match name.get(..NAMESPACE.len()) {
            Some(prefix)
                if prefix.eq_ignore_ascii_case(NAMESPACE) && name.len() > NAMESPACE.len() =>
            {
                &name[NAMESPACE.len()..]
            }
            _ => name,
        }
    }
    bare(a).eq_ignore_ascii_case(bare(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::api::FunctionArg;

    fn plain(s: &str) -> PathPart {
        PathPart::Plain(s.to_owned())
    }

    fn function(name: &str, args: &[&str]) -> Segment {
        Segment::Function {
            name: name.to_owned(),
            args: args
                .iter()
                .map(|a| FunctionArg {
                    wire: (*a).to_owned(),
                    rust_name: a.to_ascii_lowercase(),
                    written: vec![],
                    type_name: None,
                    description: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn literals_and_function_names_compare_as_graph_reads_them() {
        let literal = Segment::Literal {
            wire: "deviceImages".to_owned(),
        };
        assert!(segment_matches(&literal, &plain("DeviceImages")));
        assert!(!segment_matches(&literal, &plain("deviceImage")));
        let delta = Segment::Literal {
            wire: "microsoft.graph.delta()".to_owned(),
        };
        assert!(segment_matches(&delta, &plain("delta")));
        let report = function("getEmailActivityUserDetail", &["period"]);
        assert!(segment_matches(
            &report,
            &plain("getEmailActivityUserDetail(period='D7')")
        ));
        assert!(!segment_matches(
            &report,
            &plain("getEmailActivityUserDetail(date=2020-01-01)")
        ));
        let range = function("range", &[""]);
        assert!(segment_matches(&range, &plain("range('A1:B2')")));
        assert!(!segment_matches(&range, &plain("range()")));
    }

    #[test]
    fn a_tree_where_literal_and_key_both_match_every_level_ends_within_the_budget() {
        use crate::ir::api::{Area, Node};
        // Level i has a literal `a` and a key, both to level i + 1: a path
        // of `a`s that fails at its end has 2^40 ways down without a budget.
        let depth = 40;
        let nodes: Vec<Node> = (0..=depth)
            .map(|i| Node {
                struct_name: format!("N{i}"),
                template: String::new(),
                edges: if i == depth {
                    Vec::new()
                } else {
                    vec![
                        Edge {
                            rust_name: "a".into(),
                            segment: Segment::Literal { wire: "a".into() },
                            target: i + 1,
                        },
                        Edge {
                            rust_name: "by_id".into(),
                            segment: Segment::Key { written: vec![] },
                            target: i + 1,
                        },
                    ]
                },
                endpoints: Vec::new(),
            })
            .collect();
        let area = Area {
            wire: "a".into(),
            module: "a".into(),
            feature: "v1_0-a".into(),
            entries: vec![Edge {
                rust_name: "a".into(),
                segment: Segment::Literal { wire: "a".into() },
                target: 0,
            }],
            nodes,
            parts: Vec::new(),
        };
        let api = VersionApi {
            version: crate::ir::page::ApiVersion::V1_0,
            areas: vec![area],
            models: Default::default(),
            actions: Vec::new(),
        };
        let mut parts: Vec<PathPart> = (0..=depth).map(|_| plain("a")).collect();
        parts.push(plain("missing"));
        assert!(matches!(find(&api, HttpMethod::Get, &parts), Walk::NoPath));
    }

    #[test]
    fn keys_take_plain_segments_and_colon_paths_take_colon_addressing() {
        let key = Segment::Key {
            written: vec!["{id}".to_owned()],
        };
        assert!(segment_matches(
            &key,
            &plain("48d31887-5fad-4d73-a9f5-3c356e68a038")
        ));
        assert!(!segment_matches(&key, &PathPart::Colon("a/b".to_owned())));
        let colon = Segment::ColonPath {
            written: vec!["{item-path}".to_owned()],
        };
        assert!(segment_matches(
            &colon,
            &PathPart::Colon("FolderA/FileB.txt".to_owned())
        ));
    }
}
