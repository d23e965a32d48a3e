//! Reachability: for every documented path template, the builder calls a user
//! writes (with sample values, hostile ones included) and the path they must
//! produce. Used by `devtools coverage` and by the compiled reachability test
//! (`tests/build.rs`), whose expected paths come from [`crate::oracle`].

use serde::{Deserialize, Serialize};

pub use crate::oracle::Value;
use crate::oracle::{encode, same_path};
use crate::pipeline::{
    parse_template, Api, ApiVersion, Area, ArgValue, Edge, Endpoint, HttpMethod, Node, Page, Piece,
    Segment,
};

/// Values substituted for placeholders, in turn: each must come back
/// percent-encoded as one segment (or one colon-path part).
pub const HOSTILE: [&str; 4] = ["a/b?c#d", "x y%z", "é'\"<>", "plain-1"];

/// One documented request turned into builder calls.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub file: String,
    pub line: u32,
    pub version: ApiVersion,
    pub method: HttpMethod,
    /// The template as written.
    pub template: String,
    /// The area module.
    pub area: String,
    /// The entry function call (in the area module, re-exported by the version module).
    pub entry: Step,
    /// Builder calls after the entry function.
    pub steps: Vec<Step>,
    /// The terminal endpoint reached.
    pub endpoint: Endpoint,
    /// The path by lowering's reading of the template, with the sample
    /// values: what the builders must append, step by step. The compiled
    /// test takes its expected path from [`crate::oracle`] instead.
    pub expected: Vec<Wire>,
}

/// One builder method call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub method: String,
    pub args: Vec<Value>,
}

impl Sample {
    /// Every value passed, entry call first, in call order.
    pub fn arguments(&self) -> Vec<Value> {
        let steps = std::iter::once(&self.entry).chain(&self.steps);
        steps.flat_map(|s| s.args.iter().cloned()).collect()
    }
}

/// One segment of the expected path, values not yet encoded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Wire {
    Literal(String),
    Key(String),
    Colon(String),
    Function {
        name: String,
        args: Vec<(String, Value)>,
    },
}

/// Why a lowered template is not reachable by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreachable {
    pub file: String,
    pub line: u32,
    pub template: String,
    pub reason: String,
}

/// What [`samples`] finds: a sample per reachable template, and the others.
#[derive(Clone, Debug)]
pub struct Samples {
    pub found: Vec<Sample>,
    pub missing: Vec<Unreachable>,
}

/// Samples for every template that parses; the others are in `Lowered::refused`.
pub fn samples(pages: &[Page], api: &Api) -> Samples {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for page in pages {
        let Some(version) = page.version else {
            continue;
        };
        for op in &page.operations {
            for written in &op.paths {
                let Ok(pieces) = parse_template(written) else {
                    continue;
                };
                let unreachable = |reason: &str| Unreachable {
                    file: page.file.clone(),
                    line: op.line,
                    template: written.clone(),
                    reason: reason.to_owned(),
                };
                match sample(api, version, op.method, &pieces) {
                    Ok((area, entry, steps, endpoint, expected)) => found.push(Sample {
                        file: page.file.clone(),
                        line: op.line,
                        version,
                        method: op.method,
                        template: written.clone(),
                        area,
                        entry,
                        steps,
                        endpoint,
                        expected,
                    }),
                    Err(reason) => missing.push(unreachable(reason)),
                }
            }
        }
    }
    Samples { found, missing }
}

const BROKEN: &str = "an edge points outside the tree";

type Found = (String, Step, Vec<Step>, Endpoint, Vec<Wire>);

fn sample(
    api: &Api,
    version: ApiVersion,
    method: HttpMethod,
    pieces: &[Piece],
) -> Result<Found, &'static str> {
    let (first, rest) = pieces.split_first().ok_or("no area")?;
    let wire = match first {
        Piece::Literal(name) | Piece::Function { name, .. } => name,
        _ => return Err("no area"),
    };
    let area = api
        .versions
        .iter()
        .find(|v| v.version == version)
        .and_then(|v| v.areas.iter().find(|a| a.wire.eq_ignore_ascii_case(wire)))
        .ok_or("area not generated")?;
    let entry = area
        .entries
        .iter()
        .find(|e| matches(&e.segment, first))
        .ok_or("no entry function")?;
    let (entry_step, first_wire) = values(&entry.rust_name, first, 0);
    let mut variables = usize::from(!matches!(first, Piece::Literal(_)));
    let mut node = area.nodes.get(entry.target).ok_or(BROKEN)?;
    let mut steps = Vec::new();
    let mut expected = vec![first_wire];
    for piece in rest {
        let edge = node
            .edges
            .iter()
            .find(|e| matches(&e.segment, piece))
            .ok_or("no builder method for a segment")?;
        let (step, wire) = values(&edge.rust_name, piece, variables);
        variables += usize::from(!matches!(piece, Piece::Literal(_)));
        steps.push(step);
        expected.push(wire);
        node = area.nodes.get(edge.target).ok_or(BROKEN)?;
    }
    let endpoint = node
        .endpoints
        .iter()
        .find(|e| e.method == method)
        .ok_or("no terminal call for the method")?;
    check_by_name(area, &entry_step, &steps, &expected)?;
    Ok((
        area.module.clone(),
        entry_step,
        steps,
        endpoint.clone(),
        expected,
    ))
}

fn matches(segment: &Segment, piece: &Piece) -> bool {
    match (segment, piece) {
        // Segments are one up to case; a positional argument may be sent
        // by name (one spelling per segment, see `NAMING.md`).
        (Segment::Literal { wire }, Piece::Literal(text)) => wire.eq_ignore_ascii_case(text),
        (Segment::Key { .. }, Piece::Key(_)) => true,
        (Segment::ColonPath { .. }, Piece::ColonPath(_)) => true,
        (Segment::Function { name, args }, Piece::Function { name: n, args: a }) => {
            name.eq_ignore_ascii_case(n)
                && args.len() == a.len()
                && args
                    .iter()
                    .zip(a)
                    .all(|(x, y)| y.name.is_empty() || x.wire.eq_ignore_ascii_case(&y.name))
        }
        _ => false,
    }
}

/// The call for one piece with sample values (the `i`-th variable piece of
/// the template gets the `i`-th hostile value), and its expected wire form.
fn values(method: &str, piece: &Piece, i: usize) -> (Step, Wire) {
    let hostile = HOSTILE[i % HOSTILE.len()].to_owned();
    let step = |args| Step {
        method: method.to_owned(),
        args,
    };
    match piece {
        Piece::Literal(text) => (step(vec![]), Wire::Literal(text.clone())),
        Piece::Key(_) => (step(vec![Value::Text(hostile.clone())]), Wire::Key(hostile)),
        Piece::ColonPath(_) => {
            let path = format!("folder {i}/{hostile}.txt");
            (step(vec![Value::Text(path.clone())]), Wire::Colon(path))
        }
        Piece::Function { name, args } => {
            let values: Vec<Value> = args
                .iter()
                .map(|a| arg_sample(&a.value, &hostile))
                .collect();
            let wire = Wire::Function {
                name: name.clone(),
                args: args
                    .iter()
                    .map(|a| a.name.clone())
                    .zip(values.clone())
                    .collect(),
            };
            (step(values), wire)
        }
    }
}

fn arg_sample(value: &ArgValue, hostile: &str) -> Value {
    match value {
        ArgValue::QuotedParam(_) => Value::Str(hostile.to_owned()),
        ArgValue::Param(_) => Value::Int(42),
        ArgValue::QuotedLiteral(text) => Value::Str(text.clone()),
        ArgValue::Int(n) => Value::Int(*n),
        ArgValue::Raw(text) => Value::Raw(text.clone()),
    }
}

/// Walks the steps by method name, as a user would, and renders the path the
/// builders append; it must equal the expected path.
fn check_by_name(
    area: &Area,
    entry: &Step,
    steps: &[Step],
    expected: &[Wire],
) -> Result<(), &'static str> {
    let (first, target) = by_name(&area.entries, entry)?;
    let mut produced = vec![first];
    let mut node: &Node = area.nodes.get(target).ok_or(BROKEN)?;
    for step in steps {
        let (wire, target) = by_name(&node.edges, step)?;
        produced.push(wire);
        node = area.nodes.get(target).ok_or(BROKEN)?;
    }
    if wire_path(&produced) != wire_path(expected)
        && !same_path(&wire_path(expected), &wire_path(&produced))
    {
        return Err("the builders produce a different path");
    }
    Ok(())
}

/// The one edge called `step.method`, rendered with the step's arguments.
fn by_name(edges: &[Edge], step: &Step) -> Result<(Wire, usize), &'static str> {
    let mut named = edges.iter().filter(|e| e.rust_name == step.method);
    let edge = named.next().ok_or("method name not found")?;
    if named.next().is_some() {
        return Err("two methods with one name");
    }
    let wire = render_edge(&edge.segment, &step.args).ok_or("arguments do not fit")?;
    Ok((wire, edge.target))
}

fn render_edge(segment: &Segment, args: &[Value]) -> Option<Wire> {
    let text = |v: &Value| match v {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    };
    Some(match segment {
        Segment::Literal { wire } => Wire::Literal(wire.clone()),
        Segment::Key { .. } => Wire::Key(text(args.first()?)?),
        Segment::ColonPath { .. } => Wire::Colon(text(args.first()?)?),
        Segment::Function { name, args: params } => {
            if params.len() != args.len() {
                return None;
            }
            Wire::Function {
                name: name.clone(),
                args: params
                    .iter()
                    .map(|p| p.wire.clone())
                    .zip(args.iter().cloned())
                    .collect(),
            }
        }
    })
}

/// The path lowering's reading of a template gives for the sample values
/// (`Sample::expected`), encoded by the runtime's rule: set against
/// [`crate::oracle::expected_path`], the two readings of one template.
pub fn wire_path(wires: &[Wire]) -> String {
    let mut path = String::new();
    for wire in wires {
        match wire {
            Wire::Literal(text) => path.push_str(&format!("/{text}")),
            Wire::Key(value) => path.push_str(&format!("/{}", encode(value))),
            Wire::Colon(value) => {
                let parts: Vec<String> = value
                    .split('/')
                    .filter(|p| !p.is_empty())
                    .map(encode)
                    .collect();
                path.push_str(&format!(":/{}:", parts.join("/")));
            }
            Wire::Function { name, args } => {
                let args: Vec<String> = args.iter().map(|(n, v)| function_arg(n, v)).collect();
                path.push_str(&format!("/{name}({})", args.join(",")));
            }
        }
    }
    path
}

fn function_arg(name: &str, value: &Value) -> String {
    let value = match value {
        Value::Str(s) | Value::Text(s) => format!("'{}'", encode(&s.replace('\'', "''"))),
        Value::Int(n) => n.to_string(),
        Value::Raw(s) => encode(s),
    };
    if name.is_empty() {
        value
    } else {
        format!("{name}={value}")
    }
}
