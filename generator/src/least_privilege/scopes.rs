//! The set answers over calls' permission lists (each least privileged
//! first): the union of each call's least privileged scope, and the fewest
//! scopes such that every call's list holds one of them.
//!
//! `graph_runtime::Permissions::least_privileged_union` and
//! `fewest_scopes` compute the same over the requests an app builds.

use std::collections::BTreeMap;

/// Each list's first scope, once each, in list order. Empty lists are
/// skipped (the caller reports them as not allowed).
pub fn least_privileged_union<S: AsRef<str>>(lists: &[&[S]]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for first in lists.iter().filter_map(|l| l.first()) {
        if !out.iter().any(|s| s == first.as_ref()) {
            out.push(first.as_ref().to_owned());
        }
    }
    out
}

/// Above this many combinations of one size, the exact search gives way
/// to the greedy cover.
const EXACT_LIMIT: u64 = 2_000_000;

/// The smallest set of scopes such that every non-empty list holds one of
/// them (a minimum hitting set; the lists are few and short, so it is
/// searched exactly, size by size). Among the smallest sets, the one whose
/// scopes rank first in the docs' least-to-most order wins: scopes are
/// ranked by their best position in any list, then by first appearance,
/// and sets compared scope by scope in that rank. Returned in rank order.
/// When the exact search would be too large, a greedy cover (most lists
/// first, ties by rank) answers instead.
pub fn fewest_scopes<S: AsRef<str>>(lists: &[&[S]]) -> Vec<String> {
    let lists: Vec<Vec<&str>> = lists
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.iter().map(AsRef::as_ref).collect())
        .collect();
    let ranked = ranked_candidates(&lists);
    let exact_answer = (lists.len() <= 128)
        .then(|| exact(&cover_bits(&lists, &ranked), full(lists.len())))
        .flatten();
    let chosen = exact_answer.unwrap_or_else(|| greedy(&lists, &ranked));
    chosen.into_iter().map(|i| ranked[i].to_owned()).collect()
}

/// For each candidate, the bit set of the lists (at most 128) it appears in.
fn cover_bits(lists: &[Vec<&str>], ranked: &[&str]) -> Vec<u128> {
    ranked
        .iter()
        .map(|scope| {
            lists
                .iter()
                .enumerate()
                .filter(|(_, l)| l.contains(scope))
                .fold(0u128, |bits, (i, _)| bits | 1 << i)
        })
        .collect()
}

fn full(lists: usize) -> u128 {
    if lists >= 128 {
        u128::MAX
    } else {
        (1u128 << lists) - 1
    }
}

/// Every scope of any list, in rank order.
fn ranked_candidates<'a>(lists: &[Vec<&'a str>]) -> Vec<&'a str> {
    let mut best: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut seen = 0;
    for list in lists {
        for (position, scope) in list.iter().enumerate() {
            let entry = best.entry(scope).or_insert_with(|| {
                seen += 1;
                (position, seen)
            });
            entry.0 = entry.0.min(position);
        }
    }
    let mut ranked: Vec<(&str, (usize, usize))> = best.into_iter().collect();
    ranked.sort_by_key(|(_, rank)| *rank);
    ranked.into_iter().map(|(scope, _)| scope).collect()
}

/// Size by size, combinations in lexicographic rank order: the first cover
/// found is the smallest and, among those, the best ranked. `None` when a
/// size has too many combinations to try.
fn exact(covers: &[u128], all: u128) -> Option<Vec<usize>> {
    if all == 0 {
        return Some(Vec::new());
    }
    for size in 1..=covers.len() {
        if combinations(covers.len() as u64, size as u64) > EXACT_LIMIT {
            return None;
        }
        let mut picked = Vec::with_capacity(size);
        if search(covers, all, size, 0, 0, &mut picked) {
            return Some(picked);
        }
    }
    Some(Vec::new())
}

fn search(
    covers: &[u128],
    all: u128,
    size: usize,
    from: usize,
    covered: u128,
    picked: &mut Vec<usize>,
) -> bool {
    if picked.len() == size {
        return covered == all;
    }
    for candidate in from..covers.len() {
        picked.push(candidate);
        if search(
            covers,
            all,
            size,
            candidate + 1,
            covered | covers[candidate],
            picked,
        ) {
            return true;
        }
        picked.pop();
    }
    false
}

fn combinations(n: u64, k: u64) -> u64 {
    (0..k).fold(1u64, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// Repeatedly the candidate in most uncovered lists (ties: better rank).
fn greedy(lists: &[Vec<&str>], ranked: &[&str]) -> Vec<usize> {
    let mut uncovered: Vec<&Vec<&str>> = lists.iter().collect();
    let mut picked = Vec::new();
    while !uncovered.is_empty() {
        let gain = |c: usize| uncovered.iter().filter(|l| l.contains(&ranked[c])).count();
        let best = (0..ranked.len())
            .map(|c| (gain(c), std::cmp::Reverse(c)))
            .max();
        let Some((n, std::cmp::Reverse(c))) = best.filter(|(n, _)| *n > 0) else {
            break;
        };
        debug_assert!(n > 0);
        picked.push(c);
        uncovered.retain(|l| !l.contains(&ranked[c]));
    }
    picked.sort_unstable();
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_takes_each_least_once() {
        let me: &[&str] = &["User.Read", "User.ReadBasic.All"];
        let users: &[&str] = &["User.ReadBasic.All", "User.Read.All"];
        let none: &[&str] = &[];
        assert_eq!(
            least_privileged_union(&[me, users, none, me]),
            ["User.Read", "User.ReadBasic.All"]
        );
    }

    #[test]
    fn fewest_shares_a_scope_between_calls_and_breaks_ties_by_rank() {
        let me: &[&str] = &[
            "User.Read",
            "User.ReadWrite",
            "User.ReadBasic.All",
            "User.Read.All",
        ];
        let users: &[&str] = &["User.ReadBasic.All", "User.Read.All"];
        let mail: &[&str] = &["Mail.Send"];
        assert_eq!(
            fewest_scopes(&[me, users, mail]),
            ["User.ReadBasic.All", "Mail.Send"]
        );
        // Two scopes either of which covers both: the better ranked wins.
        let a: &[&str] = &["X.Read", "Y.Read"];
        let b: &[&str] = &["Y.Read", "X.Read"];
        assert_eq!(fewest_scopes(&[a, b]), ["X.Read"]);
        let none: &[&str] = &[];
        assert!(fewest_scopes(&[none]).is_empty());
    }
}
