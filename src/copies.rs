//! Copies: near-identical articles (wire copy republished by several outlets).
//!
//! Agreement between an article and its own copy is not corroboration. Articles are compared
//! by their word 5-gram shingles: when most of the shorter article's shingles are found in
//! the other, the two are copies (a wire story republished with a local paragraph added, or
//! cut short, is still one report). Pairs are joined into copy groups, and scores count each
//! group as one independent source. Only article text is shingled: two pages of one site
//! share navigation, captions and comment threads, and that is not shared reporting.

use crate::hash::{fnv1a, FnvBuildHasher};
use crate::ingest::Source;
use crate::segment::{self, Furniture};
use petgraph::unionfind::UnionFind;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// Shingle length in words.
const SHINGLE: usize = 5;
/// Share of the shorter article's shingles found in the other at and above which the two
/// count as copies.
pub const COPY_THRESHOLD: f64 = 0.65;
/// Shingles the shorter article needs for the comparison to mean anything: a headline-only
/// page is contained in every article that repeats its headline.
const MIN_SHINGLES: usize = 20;

/// A group of articles that are copies of one another.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CopyGroup {
    /// Source ids, in story order; the first is the group's representative.
    pub sources: Vec<String>,
    /// The lowest pairwise similarity that joined the group: the share of the shorter
    /// article's wording found in the other.
    pub similarity: f64,
}

/// The distinct shingles of an article's text (headings included, page furniture not),
/// sorted.
fn shingles(source: &Source) -> Vec<u64> {
    let segs = segment::segment(&source.text, source.body_start);
    let words: Vec<String> = segs
        .paragraphs
        .iter()
        .filter(|p| p.furniture.is_none_or(|f| f == Furniture::Heading))
        .flat_map(|p| source.text[p.start..p.end].split(|c: char| !c.is_alphanumeric()))
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

/// The share of the smaller of two sorted sets found in the other (0 when the smaller has
/// fewer than [`MIN_SHINGLES`]).
fn containment(a: &[u64], b: &[u64]) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller < MIN_SHINGLES {
        return 0.0;
    }
    shared(a, b) as f64 / smaller as f64
}

/// The number of elements two sorted sets share.
fn shared(a: &[u64], b: &[u64]) -> usize {
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
    inter
}

/// The pairs `(i, j)`, `i < j`, of sets that can reach [`COPY_THRESHOLD`], in order: a
/// prefix filter, so a large story is not compared pair by pair.
///
/// Shingles are ordered from the rarest in the story to the commonest. When the smaller set
/// S of a pair has a share t or more of its shingles in the other, they share at least
/// ⌈t·|S|⌉, so one of the first |S| − ⌈t·|S|⌉ + 1 shingles of S is in the other set. Each
/// set's prefix is looked up in an index of every set no smaller than it; the prefix is
/// taken with ⌊t·|S|⌋, one longer when t·|S| is not whole, which keeps the filter exact
/// whatever the rounding. Candidates are then verified.
fn candidate_pairs(sets: &[Vec<u64>]) -> Vec<(usize, usize)> {
    let mut index: HashMap<u64, Vec<usize>, FnvBuildHasher> = HashMap::default();
    for (i, set) in sets.iter().enumerate() {
        for &h in set {
            index.entry(h).or_default().push(i);
        }
    }
    let no_smaller = |i: usize, j: usize| (sets[j].len(), j) > (sets[i].len(), i);
    let mut paired_with = vec![usize::MAX; sets.len()];
    let mut pairs = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        if set.len() < MIN_SHINGLES {
            continue;
        }
        let mut rarest_first = set.clone();
        rarest_first.sort_unstable_by_key(|h| (index[h].len(), *h));
        let prefix = set.len() + 1 - (COPY_THRESHOLD * set.len() as f64).floor() as usize;
        for h in rarest_first.iter().take(prefix) {
            for &j in &index[h] {
                if j != i && paired_with[j] != i && no_smaller(i, j) {
                    paired_with[j] = i;
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Groups of copies among `sources` (only groups of two or more).
pub fn copy_groups(sources: &[Source]) -> Vec<CopyGroup> {
    let sh: Vec<Vec<u64>> = sources.iter().map(shingles).collect();
    let mut uf = UnionFind::<usize>::new(sources.len());
    let mut joined: Vec<(usize, usize, f64)> = Vec::new();
    for (i, j) in candidate_pairs(&sh) {
        let sim = containment(&sh[i], &sh[j]);
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
    fn a_copy_with_a_local_paragraph_is_a_copy_and_shared_page_furniture_is_not() {
        let wire = "Two men were killed and four other people were wounded in a shooting outside a nightclub on Saturday, police said. The shooting happened around 1:30 a.m. on Elm Street, and officers found the victims in the parking lot.";
        let local = "The nightclub had its liquor license suspended last year after a fight in which three people were hurt, city records show, and neighbors have complained about noise for years. The owner did not return calls on Saturday.";
        let a = src("a", wire);
        let b = src("b", &format!("{wire}\n\n{local}"));
        // Two different stories on one site's pages, under one list of related links.
        let links = "Related stories:\n\nMayor opens new library branch downtown after years of delays and budget fights\nSchool board votes to extend the academic year by two weeks next fall\nCounty fair returns with a record number of livestock entries this summer\nHighway crews begin repaving the interstate near the river crossing tonight";
        let c = src("c", &format!("{local}\n\n{links}"));
        let d = src("d", &format!("A fire destroyed a chemical plant on Monday and about 5,000 residents were evacuated, officials said.\n\n{links}"));
        let groups = copy_groups(&[a, b, c, d]);
        let pairs: Vec<&[String]> = groups.iter().map(|g| g.sources.as_slice()).collect();
        // b holds all of a and all of c: one group; d shares only the link list.
        assert_eq!(pairs, vec![["a", "b", "c"].map(String::from).as_slice()]);
    }

    #[test]
    fn prefix_filter_finds_every_pair_above_the_threshold() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = crate::synthetic::base_sources(root).unwrap();
        let story = crate::synthetic::story(&base, 80).unwrap();
        let sets: Vec<Vec<u64>> = story.sources.iter().map(shingles).collect();
        let candidates = candidate_pairs(&sets);
        let mut above = 0;
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                if containment(&sets[i], &sets[j]) >= COPY_THRESHOLD {
                    above += 1;
                    assert!(candidates.binary_search(&(i, j)).is_ok(), "{i} {j}");
                }
            }
        }
        assert!(above > 0);
        assert!(candidates.len() < sets.len() * (sets.len() - 1) / 2);
    }
}
