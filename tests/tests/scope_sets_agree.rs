//! `docgen permissions` (from the docs) and `graph_runtime::Permissions`
//! (from the requests an app builds) compute the same set answers: the same
//! union and the same fewest scopes, on many generated call sets.

use docgen::least_privilege::scopes;
use graph_runtime::{PermissionKind, Permissions};

const POOL: [&str; 7] = [
    "User.Read",
    "User.ReadBasic.All",
    "User.Read.All",
    "Mail.Send",
    "Files.Read",
    "Files.Read.All",
    "Directory.Read.All",
];

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

/// A list of 1..=4 distinct scopes from the pool, in a random order.
fn list(rng: &mut Rng) -> Vec<&'static str> {
    let mut out = Vec::new();
    for _ in 0..=rng.next(4) {
        let scope = POOL[rng.next(POOL.len())];
        if !out.contains(&scope) {
            out.push(scope);
        }
    }
    out
}

fn permissions(work: Vec<&'static str>) -> &'static Permissions {
    Box::leak(Box::new(Permissions {
        delegated_work: Box::leak(work.into_boxed_slice()),
        delegated_personal: &[],
        application: &[],
        documented: true,
    }))
}

#[test]
fn union_and_fewest_agree_with_the_generator() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..500 {
        let calls: Vec<Vec<&'static str>> = (0..=rng.next(5)).map(|_| list(&mut rng)).collect();
        let slices: Vec<&[&str]> = calls.iter().map(Vec::as_slice).collect();
        let set: Vec<&'static Permissions> = calls.iter().cloned().map(permissions).collect();
        let kind = PermissionKind::DelegatedWork;
        let runtime_union = Permissions::least_privileged_union(set.iter().copied(), kind).unwrap();
        let runtime_fewest = Permissions::fewest_scopes(set.iter().copied(), kind).unwrap();
        assert_eq!(
            scopes::least_privileged_union(&slices),
            runtime_union,
            "{calls:?}"
        );
        assert_eq!(scopes::fewest_scopes(&slices), runtime_fewest, "{calls:?}");
        // The fewest set serves every call, and is never larger than the union.
        assert!(calls
            .iter()
            .all(|c| c.iter().any(|s| runtime_fewest.contains(s))));
        assert!(runtime_fewest.len() <= runtime_union.len());
    }
}
