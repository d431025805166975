//! Scores: how much sources agree, per source pair and per source.
//!
//! Agreement is counted over claim clusters two sources both speak to; a ratio over fewer
//! than [`MIN_SHARED`] clusters is reported with its counts but flagged as too thin to
//! mean much, rather than shown as a confident percentage.

use crate::claims::Claim;
use crate::compare::{Judgement, Status};
use crate::copies::CopyGroup;
use crate::hash::FnvBuildHasher;
use crate::matcher::Matching;
use crate::value::{RelationKind, ValueTable};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Below this many shared clusters a pair's ratio is marked as too few to judge.
pub const MIN_SHARED: usize = 3;

/// One source pair's agreement, as the report lists it. Built from [`PairScores`]' counts
/// when read, borrowing the two source ids.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct PairScore<'a> {
    pub a: &'a str,
    pub b: &'a str,
    /// Clusters both sources make claims in.
    pub shared: usize,
    pub agree: usize,
    pub conflict: usize,
    /// agree / shared; `None` when nothing is shared.
    pub ratio: Option<f64>,
    /// The two are copies of one another: their agreement is not independent.
    pub copies: bool,
    /// False when `shared` is below [`MIN_SHARED`].
    pub enough: bool,
}

/// The agreement of every pair of sources. A story of n sources has n(n-1)/2 pairs (12.5
/// million at 5,000 articles), so only their counts are kept, by source position, and each
/// [`PairScore`] is made when it is read: the JSON report streams them from [`Self::iter`].
#[derive(Clone, Debug, Default)]
pub struct PairScores {
    sources: Vec<String>,
    /// Per source: a number shared by exactly the sources of one copy group.
    copy_group: Vec<u32>,
    /// Per pair of positions (a < b), ordered by a then b: clusters shared, and of those
    /// in conflict.
    tally: Vec<(u32, u32)>,
}

impl PairScores {
    fn new(sources: Vec<String>, copy_group: Vec<u32>) -> Self {
        let n = sources.len();
        PairScores {
            tally: vec![(0, 0); n * n.saturating_sub(1) / 2],
            sources,
            copy_group,
        }
    }

    /// Where the pair of positions `a < b` is in `tally`.
    fn index(&self, a: usize, b: usize) -> usize {
        let n = self.sources.len();
        a * n - a * (a + 1) / 2 + (b - a - 1)
    }

    /// Counts one cluster that the sources at positions `a < b` both speak to.
    fn count_shared(&mut self, a: usize, b: usize, conflicting: bool) {
        let i = self.index(a, b);
        let entry = &mut self.tally[i];
        entry.0 += 1;
        entry.1 += u32::from(conflicting);
    }

    /// The source ids, in the order of the positions.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The number of pairs.
    pub fn len(&self) -> usize {
        self.tally.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tally.is_empty()
    }

    /// The score of the sources at positions `a` and `b`, in either order; `None` for a
    /// source with itself or a position past the end.
    pub fn get(&self, a: usize, b: usize) -> Option<PairScore<'_>> {
        let (a, b) = (a.min(b), a.max(b));
        if a == b || b >= self.sources.len() {
            return None;
        }
        let (shared, conflict) = self.tally[self.index(a, b)];
        let (shared, conflict) = (shared as usize, conflict as usize);
        let agree = shared - conflict;
        Some(PairScore {
            a: &self.sources[a],
            b: &self.sources[b],
            shared,
            agree,
            conflict,
            ratio: (shared > 0).then(|| agree as f64 / shared as f64),
            copies: self.copy_group[a] == self.copy_group[b],
            enough: shared >= MIN_SHARED,
        })
    }

    /// The score of two sources by id, in either order (the first source of each id).
    pub fn find(&self, a: &str, b: &str) -> Option<PairScore<'_>> {
        let position = |id: &str| self.sources.iter().position(|s| s == id);
        self.get(position(a)?, position(b)?)
    }

    /// Every pair once, in source order: (0, 1), (0, 2), …, (1, 2), …
    pub fn iter(&self) -> impl Iterator<Item = PairScore<'_>> + '_ {
        let n = self.sources.len();
        (0..n).flat_map(move |a| (a + 1..n).filter_map(move |b| self.get(a, b)))
    }
}

/// A list of [`PairScore`]s, serialized one at a time.
impl Serialize for PairScores {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[derive(Clone, Debug, Serialize, PartialEq, Default)]
pub struct SourceScore {
    pub source: String,
    pub claims: usize,
    /// Claims that another source agrees with.
    pub corroborated: usize,
    /// Claims in a contradiction.
    pub contested: usize,
    /// Claims no other source speaks to.
    pub single: usize,
}

#[derive(Clone, Debug, Serialize, Default)]
pub struct Scores {
    pub pairs: PairScores,
    pub sources: Vec<SourceScore>,
}

/// Computes pairwise and per-source scores. `source_ids` fixes the order of the output.
pub fn score<'a>(
    copies: &'a [CopyGroup],
    source_ids: &'a [String],
    claims: &'a [Claim],
    matching: &Matching,
    judgement: &Judgement,
) -> Scores {
    let contested: HashSet<&str, FnvBuildHasher> = judgement
        .conflicts
        .iter()
        .flat_map(|c| c.claims.iter().map(String::as_str))
        .collect();
    let mut per_source: BTreeMap<&str, SourceScore> = source_ids
        .iter()
        .map(|s| {
            (
                s.as_str(),
                SourceScore {
                    source: s.clone(),
                    ..Default::default()
                },
            )
        })
        .collect();
    // Lookups a large story would otherwise repeat for every pair: each source's copy
    // group and position, and the relation of each pair of distinct values.
    let reps: HashMap<&str, &str> = copies
        .iter()
        .flat_map(|g| {
            g.sources
                .iter()
                .map(|s| (s.as_str(), g.sources[0].as_str()))
        })
        .collect();
    let rep = |s: &'a str| reps.get(s).copied().unwrap_or(s);
    let position: HashMap<&str, usize> = source_ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut table = ValueTable::default();
    // Copy groups numbered by their representative.
    let mut group_of_rep: HashMap<&str, u32> = HashMap::new();
    let copy_group: Vec<u32> = source_ids
        .iter()
        .map(|s| {
            let next = group_of_rep.len() as u32;
            *group_of_rep.entry(rep(s)).or_insert(next)
        })
        .collect();
    let mut pairs = PairScores::new(source_ids.to_vec(), copy_group);
    for (cluster, verdict) in matching.clusters.iter().zip(&judgement.verdicts) {
        // The cluster's distinct values (numbers in the table) and each claim's among them.
        let mut distinct: Vec<u32> = Vec::new();
        let mut numbered: HashMap<u32, usize> = HashMap::new();
        let local: Vec<usize> = cluster
            .claims
            .iter()
            .map(|&ci| {
                let v = table.intern(&claims[ci].value);
                *numbered.entry(v).or_insert_with(|| {
                    distinct.push(v);
                    distinct.len() - 1
                })
            })
            .collect();
        // relation[x][y]: the relation of distinct values x and y.
        let relation: Vec<Vec<RelationKind>> = distinct
            .iter()
            .map(|&x| distinct.iter().map(|&y| table.relation(x, y)).collect())
            .collect();
        // Per distinct value: the copy groups (by representative) of the claims that agree
        // with it, up to two, which is all corroboration needs to know.
        let agreeing: Vec<(Option<&str>, bool)> = (0..distinct.len())
            .map(|w| {
                let (mut first, mut more) = (None, false);
                for (&o, &x) in cluster.claims.iter().zip(&local) {
                    if !relation[x][w].is_agreement() {
                        continue;
                    }
                    let r = rep(&claims[o].source);
                    match first {
                        None => first = Some(r),
                        Some(f) if f != r => more = true,
                        Some(_) => {}
                    }
                    if more {
                        break;
                    }
                }
                (first, more)
            })
            .collect();
        for (&ci, &w) in cluster.claims.iter().zip(&local) {
            let c = &claims[ci];
            let Some(s) = per_source.get_mut(c.source.as_str()) else {
                continue;
            };
            s.claims += 1;
            // Another copy group has a claim that agrees with this one.
            let corroborated = match agreeing[w] {
                (_, true) => true,
                (Some(r), false) => r != rep(&c.source),
                (None, false) => false,
            };
            if contested.contains(c.id.as_str()) {
                s.contested += 1;
            } else if matches!(verdict.status, Status::Single | Status::OneHolder) {
                s.single += 1;
            } else if corroborated {
                s.corroborated += 1;
            } else {
                s.single += 1;
            }
        }
        // The distinct values each source gives in this cluster, by source position.
        let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (&ci, &w) in cluster.claims.iter().zip(&local) {
            if let Some(&p) = position.get(claims[ci].source.as_str()) {
                let values = by_source.entry(p).or_default();
                if !values.contains(&w) {
                    values.push(w);
                }
            }
        }
        let speakers: Vec<(usize, &Vec<usize>)> = by_source.iter().map(|(&p, v)| (p, v)).collect();
        for (k, &(a, va)) in speakers.iter().enumerate() {
            for &(b, vb) in &speakers[k + 1..] {
                let conflicting = va
                    .iter()
                    .any(|&x| vb.iter().any(|&y| relation[x][y] == RelationKind::Conflict));
                pairs.count_shared(a, b, conflicting);
            }
        }
    }
    Scores {
        pairs,
        sources: per_source.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four sources, the last two copies of one another.
    fn four_sources() -> PairScores {
        let ids = ["a", "b", "c", "d"].map(String::from).to_vec();
        let mut pairs = PairScores::new(ids, vec![0, 1, 2, 2]);
        for conflicting in [false, false, true] {
            pairs.count_shared(0, 2, conflicting);
        }
        pairs.count_shared(1, 3, false);
        pairs
    }

    #[test]
    fn pairs_are_listed_once_in_source_order() {
        let pairs = four_sources();
        let listed: Vec<(&str, &str)> = pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(
            listed,
            [
                ("a", "b"),
                ("a", "c"),
                ("a", "d"),
                ("b", "c"),
                ("b", "d"),
                ("c", "d")
            ]
        );
        assert_eq!(pairs.len(), listed.len());
    }

    #[test]
    fn a_pair_is_found_in_either_order() {
        let pairs = four_sources();
        let ac = pairs.get(2, 0).unwrap();
        assert_eq!(Some(ac), pairs.get(0, 2));
        assert_eq!(Some(ac), pairs.find("c", "a"));
        assert_eq!((ac.a, ac.b), ("a", "c"));
        assert_eq!((ac.shared, ac.agree, ac.conflict), (3, 2, 1));
        assert_eq!(ac.ratio, Some(2.0 / 3.0));
        assert!(ac.enough && !ac.copies);

        let bd = pairs.find("b", "d").unwrap();
        assert_eq!((bd.shared, bd.ratio, bd.enough), (1, Some(1.0), false));
        assert!(pairs.find("c", "d").unwrap().copies);
        assert_eq!(pairs.get(0, 1).unwrap().ratio, None);

        assert_eq!(pairs.get(1, 1), None);
        assert_eq!(pairs.get(1, 4), None);
        assert_eq!(pairs.find("a", "e"), None);
    }
}
