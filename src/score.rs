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

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PairScore {
    pub a: String,
    pub b: String,
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
    pub pairs: Vec<PairScore>,
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
    // Per pair of source positions (a < b), in the order of the output: clusters shared,
    // and of those in conflict.
    let n = source_ids.len();
    let mut tally: Vec<(u32, u32)> = vec![(0, 0); n * n.saturating_sub(1) / 2];
    let pair_index = |a: usize, b: usize| a * n - a * (a + 1) / 2 + (b - a - 1);
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
            } else if verdict.status == Status::Single {
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
                let entry = &mut tally[pair_index(a, b)];
                entry.0 += 1;
                entry.1 += u32::from(conflicting);
            }
        }
    }
    let reps: Vec<&str> = source_ids.iter().map(|s| rep(s)).collect();
    let mut pairs = Vec::with_capacity(tally.len());
    for (i, a) in source_ids.iter().enumerate() {
        for (j, b) in source_ids.iter().enumerate().skip(i + 1) {
            let (shared, conflict) = tally[pair_index(i, j)];
            let (shared, conflict) = (shared as usize, conflict as usize);
            let agree = shared - conflict;
            pairs.push(PairScore {
                a: a.clone(),
                b: b.clone(),
                shared,
                agree,
                conflict,
                ratio: (shared > 0).then(|| agree as f64 / shared as f64),
                copies: reps[i] == reps[j],
                enough: shared >= MIN_SHARED,
            });
        }
    }
    Scores {
        pairs,
        sources: per_source.into_values().collect(),
    }
}
