//! Copies: near-identical articles (wire copy republished by several outlets).
//!
//! Agreement between an article and its own copy is not corroboration. Articles are compared
//! by the Jaccard similarity of their word 5-gram shingles; pairs above a threshold are
//! joined into copy groups, and scores count each group as one independent source.

use crate::hash::{fnv1a, FnvBuildHasher};
use crate::ingest::Source;
use petgraph::unionfind::UnionFind;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// Shingle length in words.
const SHINGLE: usize = 5;
/// Jaccard similarity at and above which two articles count as copies.
pub const COPY_THRESHOLD: f64 = 0.6;

/// A group of articles that are copies of one another.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CopyGroup {
    /// Source ids, in story order; the first is the group's representative.
    pub sources: Vec<String>,
    /// The lowest pairwise similarity that joined the group.
    pub similarity: f64,
}

/// The distinct shingles of a text, sorted.
fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<u64> = words
        .windows(SHINGLE)
        .map(|w| fnv1a(&w.join(" ")))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted sets.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The pairs `(i, j)`, `i < j`, of sets that can reach [`COPY_THRESHOLD`], in order: a
/// prefix filter, so a large story is not compared pair by pair.
///
/// Shingles are ordered from the rarest in the story to the commonest. Two sets with
/// Jaccard similarity t or more share at least ⌈t·|A|⌉ shingles, so the first shingle they
/// share is among the first |A| − ⌈t·|A|⌉ + 1 of each; only sets sharing a shingle of those
/// prefixes are candidates. The prefix is taken with ⌊t·|A|⌋, one longer when t·|A| is not
/// whole, which keeps the filter exact whatever the rounding. Candidates are then verified.
fn candidate_pairs(sets: &[Vec<u64>]) -> Vec<(usize, usize)> {
    let mut frequency: HashMap<u64, u32, FnvBuildHasher> = HashMap::default();
    for set in sets {
        for &h in set {
            *frequency.entry(h).or_default() += 1;
        }
    }
    // For each prefix shingle, the sets (so far) whose prefix holds it.
    let mut index: HashMap<u64, Vec<usize>, FnvBuildHasher> = HashMap::default();
    let mut paired_with = vec![usize::MAX; sets.len()];
    let mut pairs = Vec::new();
    for (j, set) in sets.iter().enumerate() {
        let mut rarest_first = set.clone();
        rarest_first.sort_unstable_by_key(|h| (frequency[h], *h));
        let prefix = set.len() + 1 - (COPY_THRESHOLD * set.len() as f64).floor() as usize;
        for h in rarest_first.iter().take(prefix) {
            let holders = index.entry(*h).or_default();
            for &i in holders.iter() {
                if paired_with[i] != j {
                    paired_with[i] = j;
                    pairs.push((i, j));
                }
            }
            holders.push(j);
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Groups of copies among `sources` (only groups of two or more).
pub fn copy_groups(sources: &[Source]) -> Vec<CopyGroup> {
    let sh: Vec<Vec<u64>> = sources.iter().map(|s| shingles(s.body())).collect();
    let mut uf = UnionFind::<usize>::new(sources.len());
    let mut joined: Vec<(usize, usize, f64)> = Vec::new();
    for (i, j) in candidate_pairs(&sh) {
        let sim = jaccard(&sh[i], &sh[j]);
        if sim >= COPY_THRESHOLD {
            uf.union(i, j);
            joined.push((i, j, sim));
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..sources.len() {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    // The lowest similarity that joined each group (a joined pair lies in one group).
    let mut lowest: HashMap<usize, f64> = HashMap::new();
    for &(i, _, sim) in &joined {
        let low = lowest.entry(uf.find(i)).or_insert(1.0);
        *low = low.min(sim);
    }
    let mut out: Vec<CopyGroup> = groups
        .into_iter()
        .filter(|(_, g)| g.len() > 1)
        .map(|(root, g)| {
            let similarity = lowest.get(&root).copied().unwrap_or(1.0);
            CopyGroup {
                sources: g.iter().map(|&i| sources[i].id.clone()).collect(),
                similarity: (similarity * 1000.0).round() / 1000.0,
            }
        })
        .collect();
    out.sort_by(|a, b| a.sources.cmp(&b.sources));
    out
}

/// The representative of each source's copy group (itself when it has no copy).
pub fn representative<'a>(groups: &'a [CopyGroup], source: &'a str) -> &'a str {
    groups
        .iter()
        .find(|g| g.sources.iter().any(|s| s == source))
        .map_or(source, |g| g.sources[0].as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn src(id: &str, text: &str) -> Source {
        Source::parse(Path::new(&format!("{id}.txt")), text.to_string()).unwrap()
    }

    #[test]
    fn wire_copies_group_and_different_articles_do_not() {
        let wire = "Two men were killed and four other people were wounded in a shooting outside a nightclub on Saturday, police said. The shooting happened around 1:30 a.m. on Elm Street.";
        let a = src("a", wire);
        let b = src("b", &format!("{wire} Refresh for updates."));
        let c = src("c", "A fire destroyed a chemical plant on Monday and about 5,000 residents were evacuated, officials said.");
        let groups = copy_groups(&[a, b, c]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].sources, vec!["a", "b"]);
        assert_eq!(representative(&groups, "b"), "a");
        assert_eq!(representative(&groups, "c"), "c");
    }

    #[test]
    fn prefix_filter_finds_every_pair_above_the_threshold() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = crate::synthetic::base_sources(root).unwrap();
        let story = crate::synthetic::story(&base, 80).unwrap();
        let sets: Vec<Vec<u64>> = story.sources.iter().map(|s| shingles(s.body())).collect();
        let candidates = candidate_pairs(&sets);
        let mut above = 0;
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                if jaccard(&sets[i], &sets[j]) >= COPY_THRESHOLD {
                    above += 1;
                    assert!(candidates.binary_search(&(i, j)).is_ok(), "{i} {j}");
                }
            }
        }
        assert!(above > 0);
        assert!(candidates.len() < sets.len() * (sets.len() - 1) / 2);
    }
}
