//! Splitting a batch into `$batch` posts of at most [`MAX_BATCH`]
//! requests, keeping requests joined by `dependsOn` together.

use std::collections::BTreeMap;

use crate::Error;

/// The most requests one `$batch` post carries (Graph's limit).
pub const MAX_BATCH: usize = 20;

/// The posts for the requests `pending` (indexes, ascending), where
/// `depends_on(i)` lists what request `i` waits for: each post at most
/// [`MAX_BATCH`] requests, a group joined by `dependsOn` (through pending
/// requests) in one post, groups in the order of their first request.
pub(crate) fn chunks(
    pending: &[usize],
    depends_on: impl Fn(usize) -> Vec<usize>,
) -> Result<Vec<Vec<usize>>, Error> {
    let mut group_of: BTreeMap<usize, usize> = pending.iter().map(|&i| (i, i)).collect();
    for &index in pending {
        for dep in depends_on(index) {
            if group_of.contains_key(&dep) {
                join(&mut group_of, index, dep);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &index in pending {
        let root = root(&mut group_of, index);
        groups.entry(root).or_default().push(index);
    }
    let mut ordered: Vec<Vec<usize>> = groups.into_values().collect();
    ordered.sort_by_key(|group| group[0]);
    pack(ordered)
}

fn pack(groups: Vec<Vec<usize>>) -> Result<Vec<Vec<usize>>, Error> {
    let mut posts: Vec<Vec<usize>> = Vec::new();
    for group in groups {
        if group.len() > MAX_BATCH {
            return Err(Error::InvalidRequest(format!(
                "{} requests are joined by dependsOn; one $batch holds at most {MAX_BATCH}",
                group.len()
            )));
        }
        match posts.last_mut() {
            Some(post) if post.len() + group.len() <= MAX_BATCH => post.extend(group),
            _ => posts.push(group),
        }
    }
    for post in &mut posts {
        post.sort_unstable();
    }
    Ok(posts)
}

fn root(group_of: &mut BTreeMap<usize, usize>, index: usize) -> usize {
    let mut at = index;
    while group_of[&at] != at {
        at = group_of[&at];
    }
    group_of.insert(index, at);
    at
}

fn join(group_of: &mut BTreeMap<usize, usize>, a: usize, b: usize) {
    let (ra, rb) = (root(group_of, a), root(group_of, b));
    group_of.insert(ra.max(rb), ra.min(rb));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn independent_requests_fill_posts_of_twenty() {
        let pending: Vec<usize> = (0..45).collect();
        let posts = chunks(&pending, |_| Vec::new()).unwrap();
        let sizes: Vec<usize> = posts.iter().map(Vec::len).collect();
        assert_eq!(sizes, [20, 20, 5]);
        assert_eq!(posts[2], [40, 41, 42, 43, 44]);
    }

    #[test]
    fn dependent_requests_share_a_post() {
        // 0..18 alone, then 19 <- 25 and 25 <- 30: the group {19, 25, 30}
        // does not fit after 0..=18 (19 requests), so it opens a post.
        let pending: Vec<usize> = (0..31).collect();
        let deps = |i: usize| match i {
            25 => vec![19],
            30 => vec![25],
            _ => Vec::new(),
        };
        let posts = chunks(&pending, deps).unwrap();
        let with = |i: usize| posts.iter().position(|post| post.contains(&i)).unwrap();
        assert_eq!(with(19), with(25));
        assert_eq!(with(25), with(30));
        assert!(posts.iter().all(|post| post.len() <= MAX_BATCH));
        assert_eq!(posts.iter().map(Vec::len).sum::<usize>(), 31);
    }

    #[test]
    fn a_group_past_the_limit_is_refused() {
        let pending: Vec<usize> = (0..21).collect();
        let chain = |i: usize| if i > 0 { vec![i - 1] } else { Vec::new() };
        let error = chunks(&pending, chain).unwrap_err();
        assert!(
            error.to_string().contains("21 requests are joined"),
            "{error}"
        );
    }
}
