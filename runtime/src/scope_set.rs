//! The scopes a set of requests needs, from the permissions each carries:
//! the union of each one's least privileged scope, and the fewest scopes
//! such that every request's list holds one. `docgen permissions` answers
//! the same from the docs; this lets an app's test assert its scope list.

use std::collections::BTreeMap;

use crate::permissions::{PermissionKind, Permissions};

/// Why a set of requests has no scope answer for a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// The request at this position (in the order given) does not allow
    /// the kind: no scope of that kind can call it.
    #[error("request {index} does not allow {kind:?} permissions")]
    NotAllowed {
        /// The request's position.
        index: usize,
        /// The kind asked for.
        kind: PermissionKind,
    },
    /// The request at this position carries no documented permissions.
    #[error("request {index} has no documented permissions")]
    Undocumented {
        /// The request's position.
        index: usize,
    },
}

impl Permissions {
    /// The least privileged scope of `kind` for each request, once each, in
    /// order: what an app granting one scope per call needs.
    ///
    /// ```
    /// use graph_runtime::{PermissionKind, Permissions};
    /// let me = Permissions {
    ///     delegated_work: &["User.Read", "User.ReadBasic.All"],
    ///     delegated_personal: &["User.Read"],
    ///     application: &["User.Read.All"],
    ///     documented: true,
    /// };
    /// let users = Permissions {
    ///     delegated_work: &["User.ReadBasic.All", "User.Read.All"],
    ///     delegated_personal: &[],
    ///     application: &["User.Read.All"],
    ///     documented: true,
    /// };
    /// let both = [&me, &users];
    /// assert_eq!(
    ///     Permissions::least_privileged_union(both, PermissionKind::DelegatedWork)?,
    ///     ["User.Read", "User.ReadBasic.All"]
    /// );
    /// assert_eq!(
    ///     Permissions::fewest_scopes(both, PermissionKind::DelegatedWork)?,
    ///     ["User.ReadBasic.All"]
    /// );
    /// assert!(Permissions::least_privileged_union(both, PermissionKind::DelegatedPersonal).is_err());
    /// # Ok::<(), graph_runtime::ScopeError>(())
    /// ```
    ///
    /// In an app, over the requests it builds:
    /// `Permissions::least_privileged_union(requests.iter().filter_map(|r| r.permissions()), kind)`.
    pub fn least_privileged_union<'a>(
        permissions: impl IntoIterator<Item = &'a Permissions>,
        kind: PermissionKind,
    ) -> Result<Vec<&'static str>, ScopeError> {
        least_privileged_union(permissions, kind)
    }

    /// The fewest scopes of `kind` such that every request's list holds one
    /// of them (an exact minimum cover, searched size by size; a greedy one
    /// past two million combinations of a size). Among equally small sets,
    /// the one whose scopes rank first in the docs' least-to-most order
    /// wins (rank: best position in any list, then first appearance).
    pub fn fewest_scopes<'a>(
        permissions: impl IntoIterator<Item = &'a Permissions>,
        kind: PermissionKind,
    ) -> Result<Vec<&'static str>, ScopeError> {
        fewest_scopes(permissions, kind)
    }
}

/// Each request's list for `kind`, or the first request that has none.
fn lists<'a>(
    permissions: impl IntoIterator<Item = &'a Permissions>,
    kind: PermissionKind,
) -> Result<Vec<&'static [&'static str]>, ScopeError> {
    permissions
        .into_iter()
        .enumerate()
        .map(|(index, p)| {
            if !p.documented {
                return Err(ScopeError::Undocumented { index });
            }
            let list = p.of(kind);
            if list.is_empty() {
                Err(ScopeError::NotAllowed { index, kind })
            } else {
                Ok(list)
            }
        })
        .collect()
}

fn least_privileged_union<'a>(
    permissions: impl IntoIterator<Item = &'a Permissions>,
    kind: PermissionKind,
) -> Result<Vec<&'static str>, ScopeError> {
    let mut out: Vec<&'static str> = Vec::new();
    for list in lists(permissions, kind)? {
        if !out.contains(&list[0]) {
            out.push(list[0]);
        }
    }
    Ok(out)
}

/// Above this many combinations of one size, a greedy cover answers.
const EXACT_LIMIT: u64 = 2_000_000;

fn fewest_scopes<'a>(
    permissions: impl IntoIterator<Item = &'a Permissions>,
    kind: PermissionKind,
) -> Result<Vec<&'static str>, ScopeError> {
    let lists = lists(permissions, kind)?;
    let ranked = ranked(&lists);
    let exact_answer = (lists.len() <= 128)
        .then(|| exact(&cover_bits(&lists, &ranked), full(lists.len())))
        .flatten();
    let chosen = exact_answer.unwrap_or_else(|| greedy(&lists, &ranked));
    Ok(chosen.into_iter().map(|i| ranked[i]).collect())
}

/// Every scope, ranked by its best position in any list (the docs list
/// least privileged first), then by first appearance.
fn ranked(lists: &[&'static [&'static str]]) -> Vec<&'static str> {
    let mut best: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut seen = 0;
    for list in lists {
        for (position, &scope) in list.iter().enumerate() {
            let entry = best.entry(scope).or_insert_with(|| {
                seen += 1;
                (position, seen)
            });
            entry.0 = entry.0.min(position);
        }
    }
    let mut ranked: Vec<_> = best.into_iter().collect();
    ranked.sort_by_key(|(_, rank)| *rank);
    ranked.into_iter().map(|(scope, _)| scope).collect()
}

fn cover_bits(lists: &[&[&str]], ranked: &[&str]) -> Vec<u128> {
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

/// Size by size, combinations in rank order: the first cover found is the
/// smallest and, among those, the best ranked.
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
        let covered = covered | covers[candidate];
        if search(covers, all, size, candidate + 1, covered, picked) {
            return true;
        }
        picked.pop();
    }
    false
}

fn combinations(n: u64, k: u64) -> u64 {
    (0..k).fold(1u64, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

fn greedy(lists: &[&[&str]], ranked: &[&str]) -> Vec<usize> {
    let mut uncovered: Vec<&&[&str]> = lists.iter().collect();
    let mut picked = Vec::new();
    while !uncovered.is_empty() {
        let gain = |c: usize| uncovered.iter().filter(|l| l.contains(&ranked[c])).count();
        let best = (0..ranked.len())
            .map(|c| (gain(c), std::cmp::Reverse(c)))
            .max()
            .filter(|(gain, _)| *gain > 0);
        let Some((_, std::cmp::Reverse(c))) = best else {
            break;
        };
        picked.push(c);
        uncovered.retain(|l| !l.contains(&ranked[c]));
    }
    picked.sort_unstable();
    picked
}
