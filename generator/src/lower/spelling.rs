//! One spelling per path segment. Graph reads path segments without regard
//! to ASCII case, and the docs write one segment several ways
//! (`calendarGroups`, `calendargroups`): the tree keeps them as one node
//! and this module picks the spelling the client sends and is named from:
//!
//! 1. the navigation property that declares the segment on the parent's
//!    resource (the model the parent node's `GET` returns), as declared;
//! 2. else the spelling the docs write most often;
//! 3. ties go to the first in byte order, which puts capitals first
//!    (`calendarGroups` before `calendargroups`).

use std::collections::BTreeMap;

use super::template::Piece;
use crate::ir::api::Segment;

/// Spelling → how often the docs write it.
pub(crate) type Spellings = BTreeMap<String, usize>;

/// The name a literal or function piece is written with.
pub(crate) fn written_name(piece: &Piece) -> Option<&str> {
    match piece {
        Piece::Literal(name) | Piece::Function { name, .. } => Some(name),
        Piece::Key(_) | Piece::ColonPath(_) => None,
    }
}

pub(crate) fn count(spellings: &mut Spellings, name: &str) {
    *spellings.entry(name.to_owned()).or_default() += 1;
}

/// The spelling to send (see the module docs); `declared` are the parent
/// resource's property names.
pub(crate) fn choose(spellings: &Spellings, declared: &[String]) -> Option<String> {
    let any = spellings.keys().next()?;
    if let Some(property) = declared.iter().find(|p| p.eq_ignore_ascii_case(any)) {
        return Some(property.clone());
    }
    let mut best: Option<(&String, usize)> = None;
    for (spelling, &n) in spellings {
        if best.is_none_or(|(_, most)| n > most) {
            best = Some((spelling, n));
        }
    }
    best.map(|(spelling, _)| spelling.clone())
}

/// Gives a literal or function piece the chosen name.
pub(crate) fn respell(piece: &mut Piece, chosen: &str) {
    if let Piece::Literal(name) | Piece::Function { name, .. } = piece {
        chosen.clone_into(name);
    }
}

/// Gives a literal or function segment the chosen name.
pub(crate) fn respell_segment(segment: &mut Segment, chosen: &str) {
    match segment {
        Segment::Literal { wire: name } | Segment::Function { name, .. } => {
            chosen.clone_into(name);
        }
        Segment::Key { .. } | Segment::ColonPath { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(list: &[(&str, usize)]) -> Spellings {
        list.iter().map(|(s, n)| ((*s).to_owned(), *n)).collect()
    }

    #[test]
    fn the_declaring_property_names_the_segment() {
        let spellings = written(&[("calendargroups", 5), ("calendarGroups", 1)]);
        let declared = vec!["calendarGroups".to_owned(), "events".to_owned()];
        assert_eq!(
            choose(&spellings, &declared).as_deref(),
            Some("calendarGroups")
        );
    }

    #[test]
    fn else_the_most_written_spelling_then_byte_order() {
        let most = written(&[("directoryAudits", 1), ("directoryaudits", 3)]);
        assert_eq!(choose(&most, &[]).as_deref(), Some("directoryaudits"));
        let tie = written(&[("servicePrincipals", 2), ("serviceprincipals", 2)]);
        assert_eq!(choose(&tie, &[]).as_deref(), Some("servicePrincipals"));
    }
}
