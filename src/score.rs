//! Scores: how much sources agree, per source pair and per source.
//!
//! Agreement is counted over claim clusters two sources both speak to; a ratio over fewer
//! than [`MIN_SHARED`] clusters is reported with its counts but flagged as too thin to
//! mean much, rather than shown as a confident percentage.

use crate::claims::Claim;
use crate::compare::{Judgement, Status};
use crate::copies::{representative, CopyGroup};
use crate::matcher::Matching;
use crate::value::{RelationKind, ValueTable};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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
    let contested: std::collections::BTreeSet<&str> = judgement
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
    let reps: HashMap<&str, &str> = source_ids
        .iter()
        .map(|s| (s.as_str(), representative(copies, s)))
        .collect();
    let rep = |s: &'a str| reps.get(s).copied().unwrap_or(s);
    let position: HashMap<&str, usize> = source_ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut table = ValueTable::default();
    // Per pair of source positions (a < b): clusters shared, and of those in conflict.
    let mut tally: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    for (cluster, verdict) in matching.clusters.iter().zip(&judgement.verdicts) {
        let values: Vec<u32> = cluster
            .claims
            .iter()
            .map(|&ci| table.intern(&claims[ci].value))
            .collect();
        for (&ci, &value) in cluster.claims.iter().zip(&values) {
            let c = &claims[ci];
            let Some(s) = per_source.get_mut(c.source.as_str()) else {
                continue;
            };
            s.claims += 1;
            if contested.contains(c.id.as_str()) {
                s.contested += 1;
            } else if verdict.status == Status::Single {
                s.single += 1;
            } else if cluster.claims.iter().zip(&values).any(|(&o, &other)| {
                rep(&claims[o].source) != rep(&c.source)
                    && table.relation(other, value).is_agreement()
            }) {
                s.corroborated += 1;
            } else {
                s.single += 1;
            }
        }
        // The values each source gives in this cluster, by source position.
        let mut by_source: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
        for (&ci, &value) in cluster.claims.iter().zip(&values) {
            if let Some(&p) = position.get(claims[ci].source.as_str()) {
                by_source.entry(p).or_default().push(value);
            }
        }
        let speakers: Vec<(&usize, &Vec<u32>)> = by_source.iter().collect();
        for (k, (a, va)) in speakers.iter().enumerate() {
            for (b, vb) in &speakers[k + 1..] {
                let conflicting = va.iter().any(|&x| {
                    vb.iter()
                        .any(|&y| table.relation(x, y) == RelationKind::Conflict)
                });
                let entry = tally.entry((**a, **b)).or_default();
                entry.0 += 1;
                entry.1 += conflicting as usize;
            }
        }
    }
    let mut pairs = Vec::new();
    for (i, a) in source_ids.iter().enumerate() {
        for (j, b) in source_ids.iter().enumerate().skip(i + 1) {
            let (shared, conflict) = tally.get(&(i, j)).copied().unwrap_or_default();
            let agree = shared - conflict;
            pairs.push(PairScore {
                a: a.clone(),
                b: b.clone(),
                shared,
                agree,
                conflict,
                ratio: (shared > 0).then(|| agree as f64 / shared as f64),
                copies: rep(a) == rep(b),
                enough: shared >= MIN_SHARED,
            });
        }
    }
    Scores {
        pairs,
        sources: per_source.into_values().collect(),
    }
}
