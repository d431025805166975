//! Scores: how much sources agree, per source pair and per source.
//!
//! Agreement is counted over claim clusters two sources both speak to; a ratio over fewer
//! than [`MIN_SHARED`] clusters is reported with its counts but flagged as too thin to
//! mean much, rather than shown as a confident percentage.

use crate::claims::Claim;
use crate::compare::{Judgement, Status};
use crate::copies::{representative, CopyGroup};
use crate::matcher::Matching;
use crate::value::RelationKind;
use serde::Serialize;
use std::collections::BTreeMap;

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
pub fn score(
    copies: &[CopyGroup],
    source_ids: &[String],
    claims: &[Claim],
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
    for (cluster, verdict) in matching.clusters.iter().zip(&judgement.verdicts) {
        for &ci in &cluster.claims {
            let c = &claims[ci];
            let Some(s) = per_source.get_mut(c.source.as_str()) else {
                continue;
            };
            s.claims += 1;
            if contested.contains(c.id.as_str()) {
                s.contested += 1;
            } else if verdict.status == Status::Single {
                s.single += 1;
            } else if cluster.claims.iter().any(|&o| {
                representative(copies, &claims[o].source) != representative(copies, &c.source)
                    && claims[o].value.relate(&c.value).is_agreement()
            }) {
                s.corroborated += 1;
            } else {
                s.single += 1;
            }
        }
    }
    let mut pairs = Vec::new();
    for (i, a) in source_ids.iter().enumerate() {
        for b in &source_ids[i + 1..] {
            let (mut shared, mut agree, mut conflict) = (0, 0, 0);
            for cluster in &matching.clusters {
                let ca: Vec<&Claim> = cluster
                    .claims
                    .iter()
                    .map(|&k| &claims[k])
                    .filter(|c| &c.source == a)
                    .collect();
                let cb: Vec<&Claim> = cluster
                    .claims
                    .iter()
                    .map(|&k| &claims[k])
                    .filter(|c| &c.source == b)
                    .collect();
                if ca.is_empty() || cb.is_empty() {
                    continue;
                }
                shared += 1;
                let conflicting = ca.iter().any(|x| {
                    cb.iter()
                        .any(|y| x.value.relate(&y.value).kind == RelationKind::Conflict)
                });
                if conflicting {
                    conflict += 1;
                } else {
                    agree += 1;
                }
            }
            pairs.push(PairScore {
                a: a.clone(),
                b: b.clone(),
                shared,
                agree,
                conflict,
                ratio: (shared > 0).then(|| agree as f64 / shared as f64),
                copies: representative(copies, a) == representative(copies, b),
                enough: shared >= MIN_SHARED,
            });
        }
    }
    Scores {
        pairs,
        sources: per_source.into_values().collect(),
    }
}
