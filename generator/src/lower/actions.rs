//! One parameter type per action: every binding of an action
//! (`/me/sendMail`, `/users/{id}/sendMail`) takes the same
//! `actions::SendMailParameters` when the docs give them the same
//! parameters (names up to case, and types).
//!
//! Names (see `NAMING.md`): an action whose bindings all take one shape is
//! `<Action>Parameters` (`<Action><Method>Parameters` for a method other
//! than `POST`). When bindings take truly different parameters
//! (`forward` on a message, an event, a post), each shape is named after
//! the resource its bindings act on (`MessageForwardParameters`: the model
//! the parent path's `GET` returns), or, when that is unknown or shared by
//! several shapes, after its first binding's builder and method
//! (`MeEventsItemForwardPostParameters`). A body under a key or colon path
//! (no action segment) is named that way too. Remaining clashes get a number.

use std::collections::BTreeMap;

use crate::ident::{self, Scope};
use crate::ir::api::{
    Accessor, ActionParameters, Area, BodyKind, Node, ParameterObject, ResponseKind, Segment,
};
use crate::ir::page::HttpMethod;

/// One endpoint taking a parameter object: where it is and what it takes.
struct Binding {
    area: usize,
    node: usize,
    endpoint: usize,
    /// The action as sent (`sendMail`); `None` under a key or colon path.
    action: Option<String>,
    method: HttpMethod,
    /// The parameters up to case and order, with their types.
    shape: Vec<(String, Accessor)>,
    /// The model the parent node's `GET` returns.
    resource: Option<String>,
}

/// Names every parameter object of a version's areas and collects them,
/// sorted by Rust name, for the `actions` module.
pub(crate) fn share(areas: &mut [Area]) -> Vec<ActionParameters> {
    let bindings = bindings(areas);
    let mut groups: BTreeMap<(String, HttpMethod), Vec<Vec<usize>>> = BTreeMap::new();
    let mut alone: Vec<usize> = Vec::new();
    for (at, binding) in bindings.iter().enumerate() {
        let Some(action) = &binding.action else {
            alone.push(at);
            continue;
        };
        let shapes = groups
            .entry((action.to_ascii_lowercase(), binding.method))
            .or_default();
        match shapes
            .iter_mut()
            .find(|s| bindings[s[0]].shape == binding.shape)
        {
            Some(shape) => shape.push(at),
            None => shapes.push(vec![at]),
        }
    }
    let mut named: Vec<(String, Vec<usize>)> = Vec::new();
    for shapes in groups.into_values() {
        let several = shapes.len() > 1;
        let resources: Vec<Option<&String>> = shapes
            .iter()
            .map(|s| common_resource(&bindings, s))
            .collect();
        for (shape, resource) in shapes.iter().zip(&resources) {
            let first = &bindings[shape[0]];
            let action = first.action.as_deref().unwrap_or_default();
            let unique = resource
                .is_some_and(|r| resources.iter().flatten().filter(|o| *o == &r).count() == 1);
            let name = match (several, resource) {
                (false, _) => action_name(action, first.method),
                (true, Some(resource)) if unique => {
                    format!("{resource}{}", action_name(action, first.method))
                }
                _ => builder_name(areas, first),
            };
            named.push((name, shape.clone()));
        }
    }
    for at in alone {
        named.push((builder_name(areas, &bindings[at]), vec![at]));
    }
    collect(areas, &bindings, named)
}

/// Claims the names in order and writes them into every binding.
fn collect(
    areas: &mut [Area],
    bindings: &[Binding],
    named: Vec<(String, Vec<usize>)>,
) -> Vec<ActionParameters> {
    let mut scope = Scope::new();
    let names: Vec<String> = named.iter().map(|(n, _)| scope.claim_type(n)).collect();
    let mut modules = Scope::new();
    let mut out = Vec::new();
    for ((_, shape), name) in named.iter().zip(names) {
        let marker = scope.claim_type(&format!("{name}Kind"));
        let mut features = Vec::new();
        let mut requests = Vec::new();
        let mut object: Option<ParameterObject> = None;
        for &at in shape {
            let b = &bindings[at];
            let area = &mut areas[b.area];
            if !features.contains(&area.feature) {
                features.push(area.feature.clone());
            }
            let endpoint = &mut area.nodes[b.node].endpoints[b.endpoint];
            requests.extend(endpoint.http_lines.first().cloned());
            if let BodyKind::Parameters(found) = &mut endpoint.body {
                found.rust_name.clone_from(&name);
                found.marker.clone_from(&marker);
                object.get_or_insert_with(|| found.clone());
            }
        }
        features.sort();
        let Some(object) = object else { continue };
        let first = &bindings[shape[0]];
        out.push(ActionParameters {
            action: first.action.clone().unwrap_or_default(),
            module: modules.claim(&ident::module_name(&name)),
            object,
            features,
            requests,
        });
    }
    out.sort_by(|a, b| a.object.rust_name.cmp(&b.object.rust_name));
    out
}

fn bindings(areas: &[Area]) -> Vec<Binding> {
    let mut out = Vec::new();
    for (a, area) in areas.iter().enumerate() {
        let parents = parents(&area.nodes);
        for (n, node) in area.nodes.iter().enumerate() {
            for (e, endpoint) in node.endpoints.iter().enumerate() {
                let BodyKind::Parameters(object) = &endpoint.body else {
                    continue;
                };
                let mut shape: Vec<(String, Accessor)> = object
                    .fields
                    .iter()
                    .map(|f| (f.wire.to_ascii_lowercase(), f.accessor.clone()))
                    .collect();
                shape.sort_by(|x, y| x.0.cmp(&y.0));
                let (action, resource) = match parents[n] {
                    Some((parent, edge)) => (
                        action_of(&area.nodes[parent].edges[edge].segment),
                        resource_of(&area.nodes[parent]),
                    ),
                    None => (None, None),
                };
                out.push(Binding {
                    area: a,
                    node: n,
                    endpoint: e,
                    action,
                    method: endpoint.method,
                    shape,
                    resource,
                });
            }
        }
    }
    out
}

/// Per node: its parent and the index of the edge leading to it.
fn parents(nodes: &[Node]) -> Vec<Option<(usize, usize)>> {
    let mut parents = vec![None; nodes.len()];
    for (at, node) in nodes.iter().enumerate() {
        for (i, edge) in node.edges.iter().enumerate() {
            if let Some(slot) = parents.get_mut(edge.target) {
                *slot = Some((at, i));
            }
        }
    }
    parents
}

/// `sendMail` for `sendMail` and `microsoft.graph.sendMail`.
fn action_of(segment: &Segment) -> Option<String> {
    match segment {
        Segment::Literal { wire: name } | Segment::Function { name, .. } => {
            let name = name.rsplit('.').next().unwrap_or(name);
            (!name.starts_with('$')).then(|| name.to_owned())
        }
        Segment::Key { .. } | Segment::ColonPath { .. } => None,
    }
}

fn resource_of(node: &Node) -> Option<String> {
    node.endpoints
        .iter()
        .find_map(|e| match (&e.method, &e.returns) {
            (HttpMethod::Get, ResponseKind::Model(Accessor::Model(name))) => Some(name.clone()),
            _ => None,
        })
}

/// The resource every binding of a shape acts on, if they agree.
fn common_resource<'a>(bindings: &'a [Binding], shape: &[usize]) -> Option<&'a String> {
    let first = bindings[shape[0]].resource.as_ref()?;
    shape
        .iter()
        .all(|&b| bindings[b].resource.as_ref() == Some(first))
        .then_some(first)
}

/// `SendMailParameters`; `FooPatchParameters` for a method other than `POST`.
fn action_name(action: &str, method: HttpMethod) -> String {
    let method = match method {
        HttpMethod::Post => String::new(),
        other => ident::type_name(&other.as_str().to_ascii_lowercase()),
    };
    format!("{}{method}Parameters", ident::type_name(action))
}

/// `MeEventsItemForwardPostParameters`: the builder, the method, `Parameters`.
fn builder_name(areas: &[Area], binding: &Binding) -> String {
    let node = &areas[binding.area].nodes[binding.node];
    let method = &node.endpoints[binding.endpoint].rust_name;
    format!("{}{}Parameters", node.struct_name, ident::type_name(method))
}
