//! Inserting parsed templates into one path tree per area.
//!
//! Nodes are identified by the segments that lead to them, as Graph reads
//! them: a literal by its spelling up to ASCII case (`calendarGroups` and
//! `calendargroups` are one node), every placeholder at one position is the
//! same node (one key), every colon path at one position is the same node,
//! and a function by its name up to case and its parameter names (values
//! written differently, like `'D7'` and `'{period_value}'`, are the same
//! parameter; `range(<address>)` and `range(address='A1')` are one
//! function). Every spelling is counted; [`TreeBuilder::settle_spellings`]
//! then picks the one each segment is sent with (see `spelling`).

use std::collections::BTreeMap;

use super::models::NodeRoots;
use super::spelling::{self, Spellings};
use super::template::{render, Arg, Piece};
use crate::ir::api::{Edge, FunctionArg, Node, Segment};

/// How an edge is recognised when a second template walks the same way.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum EdgeKey {
    Literal(String),
    Key,
    Colon,
    Function(String, Vec<String>),
}

/// An area's tree while templates are added; names are filled in later.
/// Entries are the edges from the version root: the area's first segment,
/// as a literal or as a function call (an alternate key).
#[derive(Debug, Default)]
pub(crate) struct TreeBuilder {
    pub entries: Vec<Edge>,
    pub nodes: Vec<Node>,
    /// The types each node's kept operations take and return (features are
    /// set when the area is named and split).
    pub roots: NodeRoots,
    /// How often each spelling of the area's first segment is written.
    pub area_spellings: Spellings,
    entry_index: BTreeMap<EdgeKey, usize>,
    index: Vec<BTreeMap<EdgeKey, usize>>,
    /// Per node: its parent (`None` under an entry) and the piece leading
    /// to it, as first written.
    parent: Vec<Option<usize>>,
    piece: Vec<Piece>,
    /// Per node: how often each spelling of the literal or function name
    /// leading to it is written.
    spellings: Vec<Spellings>,
}

impl TreeBuilder {
    /// Walks `pieces` (the first one being the area segment), adding what is
    /// missing; returns the node reached.
    pub fn insert(&mut self, pieces: &[Piece]) -> Option<usize> {
        let (first, rest) = pieces.split_first()?;
        if let Some(name) = spelling::written_name(first) {
            spelling::count(&mut self.area_spellings, name);
        }
        let mut at = self.entry(first);
        for piece in rest {
            at = self.step(at, piece);
        }
        Some(at)
    }

    /// Settles the spelling each literal segment and function name is sent
    /// with (see `spelling`: the property `declared(parent)` lists, else
    /// the most written) and rewrites the node templates with it.
    pub fn settle_spellings(&mut self, declared: &dyn Fn(&Node) -> Vec<String>) {
        let mut properties: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for at in 0..self.nodes.len() {
            let declared = match self.parent[at] {
                Some(parent) => properties
                    .entry(parent)
                    .or_insert_with(|| declared(&self.nodes[parent])),
                None => &mut Vec::new(),
            };
            let Some(chosen) = spelling::choose(&self.spellings[at], declared) else {
                continue;
            };
            spelling::respell(&mut self.piece[at], &chosen);
            let edge = match self.parent[at] {
                Some(parent) => self.nodes[parent].edges.iter_mut().find(|e| e.target == at),
                None => self.entries.iter_mut().find(|e| e.target == at),
            };
            if let Some(edge) = edge {
                spelling::respell_segment(&mut edge.segment, &chosen);
            }
        }
        // Parents come before their children in `nodes`.
        for at in 0..self.nodes.len() {
            let own = render(std::slice::from_ref(&self.piece[at]));
            self.nodes[at].template = match self.parent[at] {
                Some(parent) => format!("{}{own}", self.nodes[parent].template),
                None => own,
            };
        }
    }

    /// Follows `pieces` without adding anything: the entry index, then the
    /// edge index taken at each node.
    pub fn find_path(&self, pieces: &[Piece]) -> Option<(usize, Vec<usize>)> {
        let (first, rest) = pieces.split_first()?;
        let target = *self.entry_index.get(&edge_key(first))?;
        let entry = self.entries.iter().position(|e| e.target == target)?;
        let mut at = target;
        let mut edges = Vec::with_capacity(rest.len());
        for piece in rest {
            let target = *self.index[at].get(&edge_key(piece))?;
            let edge = self.nodes[at]
                .edges
                .iter()
                .position(|e| e.target == target)?;
            edges.push(edge);
            at = target;
        }
        Some((entry, edges))
    }

    /// The node `pieces` lead to, if the tree already has it.
    pub fn find_node(&self, pieces: &[Piece]) -> Option<usize> {
        let (first, rest) = pieces.split_first()?;
        let mut at = *self.entry_index.get(&edge_key(first))?;
        for piece in rest {
            at = *self.index[at].get(&edge_key(piece))?;
        }
        Some(at)
    }

    fn entry(&mut self, piece: &Piece) -> usize {
        let key = edge_key(piece);
        if let Some(&target) = self.entry_index.get(&key) {
            if let Some(edge) = self.entries.iter_mut().find(|e| e.target == target) {
                merge_segment(&mut edge.segment, piece);
            }
            self.count_spelling(target, piece);
            return target;
        }
        let target = self.add_node(None, piece);
        self.entry_index.insert(key, target);
        self.entries.push(new_edge(piece, target));
        target
    }

    fn step(&mut self, at: usize, piece: &Piece) -> usize {
        let key = edge_key(piece);
        if let Some(&target) = self.index[at].get(&key) {
            if let Some(edge) = self.nodes[at].edges.iter_mut().find(|e| e.target == target) {
                merge_segment(&mut edge.segment, piece);
            }
            self.count_spelling(target, piece);
            return target;
        }
        let target = self.add_node(Some(at), piece);
        self.index[at].insert(key, target);
        self.nodes[at].edges.push(new_edge(piece, target));
        target
    }

    fn add_node(&mut self, parent: Option<usize>, piece: &Piece) -> usize {
        let own = render(std::slice::from_ref(piece));
        let template = match parent {
            Some(parent) => format!("{}{own}", self.nodes[parent].template),
            None => own,
        };
        self.nodes.push(new_node(template));
        self.index.push(BTreeMap::new());
        self.parent.push(parent);
        self.piece.push(piece.clone());
        self.spellings.push(Spellings::new());
        let at = self.nodes.len() - 1;
        self.count_spelling(at, piece);
        at
    }

    fn count_spelling(&mut self, at: usize, piece: &Piece) {
        if let Some(name) = spelling::written_name(piece) {
            spelling::count(&mut self.spellings[at], name);
        }
    }
}

fn new_edge(piece: &Piece, target: usize) -> Edge {
    Edge {
        rust_name: String::new(),
        segment: new_segment(piece),
        target,
    }
}

fn new_node(template: String) -> Node {
    Node {
        struct_name: String::new(),
        template,
        edges: Vec::new(),
        endpoints: Vec::new(),
    }
}

pub(crate) fn edge_key(piece: &Piece) -> EdgeKey {
    match piece {
        Piece::Literal(wire) => EdgeKey::Literal(wire.to_ascii_lowercase()),
        Piece::Key(_) => EdgeKey::Key,
        Piece::ColonPath(_) => EdgeKey::Colon,
        Piece::Function { name, args } => EdgeKey::Function(
            name.to_ascii_lowercase(),
            args.iter().map(|a| a.param.to_ascii_lowercase()).collect(),
        ),
    }
}

fn new_segment(piece: &Piece) -> Segment {
    match piece {
        Piece::Literal(wire) => Segment::Literal { wire: wire.clone() },
        Piece::Key(written) => Segment::Key {
            written: vec![written.clone()],
        },
        Piece::ColonPath(written) => Segment::ColonPath {
            written: vec![written.clone()],
        },
        Piece::Function { name, args } => Segment::Function {
            name: name.clone(),
            args: args.iter().map(new_arg).collect(),
        },
    }
}

fn new_arg(arg: &Arg) -> FunctionArg {
    FunctionArg {
        wire: arg.name.clone(),
        rust_name: crate::ident::field_name(&arg.param),
        written: vec![arg.value.to_string()],
        type_name: None,
        description: String::new(),
    }
}

/// Records another spelling of the same position.
fn merge_segment(segment: &mut Segment, piece: &Piece) {
    let add = |list: &mut Vec<String>, text: String| {
        if !list.contains(&text) {
            list.push(text);
        }
    };
    match (segment, piece) {
        (Segment::Key { written }, Piece::Key(text))
        | (Segment::ColonPath { written }, Piece::ColonPath(text)) => add(written, text.clone()),
        (Segment::Function { args, .. }, Piece::Function { args: more, .. }) => {
            for (arg, other) in args.iter_mut().zip(more) {
                add(&mut arg.written, other.value.to_string());
                // A positional argument is sent by name once a page names it.
                if arg.wire.is_empty() && !other.name.is_empty() {
                    arg.wire = other.name.clone();
                }
            }
        }
        _ => {}
    }
}
