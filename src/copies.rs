//! Copies: near-identical articles (wire copy republished by several outlets).
//!
//! Agreement between an article and its own copy is not corroboration. Articles are compared
//! by the Jaccard similarity of their word 5-gram shingles; pairs above a threshold are
//! joined into copy groups, and scores count each group as one independent source.

use crate::hash::fnv1a;
use crate::ingest::Source;
use petgraph::unionfind::UnionFind;
use serde::Serialize;
use std::collections::BTreeSet;

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

fn shingles(text: &str) -> BTreeSet<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(SHINGLE)
        .map(|w| fnv1a(&w.join(" ")))
        .collect()
}

fn jaccard(a: &BTreeSet<u64>, b: &BTreeSet<u64>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Groups of copies among `sources` (only groups of two or more).
pub fn copy_groups(sources: &[Source]) -> Vec<CopyGroup> {
    let sh: Vec<BTreeSet<u64>> = sources.iter().map(|s| shingles(s.body())).collect();
    let mut uf = UnionFind::<usize>::new(sources.len());
    let mut joined: Vec<(usize, usize, f64)> = Vec::new();
    for i in 0..sources.len() {
        for j in i + 1..sources.len() {
            let sim = jaccard(&sh[i], &sh[j]);
            if sim >= COPY_THRESHOLD {
                uf.union(i, j);
                joined.push((i, j, sim));
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for i in 0..sources.len() {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let mut out: Vec<CopyGroup> = groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|g| {
            let similarity = joined
                .iter()
                .filter(|(i, j, _)| g.contains(i) && g.contains(j))
                .map(|(_, _, s)| *s)
                .fold(1.0, f64::min);
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
}
