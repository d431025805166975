//! Matching: which claims, across sources, state the same attribute of the same event.
//!
//! Two levels, both graphs. First, event mentions (the claims of one source that share a
//! trigger) are joined when their families agree and their contexts are alike: a TF-IDF
//! cosine over the words of their sentences, so that rare words ("Sputnik",
//! "Yekaterinburg") weigh more than the story's common ones, nudged by place and date
//! agreement. Dates far apart block a merge: an article that recalls a 2009 shooting
//! describes another event. Merging is greedy, strongest pair first, and never joins two
//! groups that contain a blocked pair. Second, inside each event, a petgraph graph over
//! claims joins claims of one attribute whose values can be compared; its connected
//! components are the claim clusters that `compare` judges.

use crate::claims::Claim;
use crate::hash::stable_id;
use crate::lexicon;
use crate::value::{RelationKind, Value};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use std::collections::{BTreeMap, BTreeSet};

/// Tuning of the event matcher.
#[derive(Clone, Copy, Debug)]
pub struct MatchOptions {
    /// Minimum similarity for two event mentions to be the same event.
    pub threshold: f64,
    /// Two groups merge when their average similarity reaches `threshold * average_link`.
    pub average_link: f64,
    /// Added to the similarity of two mentions in one article.
    pub same_source_prior: f64,
    /// Dates further apart than this (days) make two mentions different events.
    pub max_date_gap_days: i64,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            threshold: 0.15,
            average_link: 0.75,
            same_source_prior: 0.15,
            max_date_gap_days: 45,
        }
    }
}

/// An event as reported across sources.
#[derive(Clone, Debug)]
pub struct EventCluster {
    pub id: String,
    pub family: String,
    /// The most frequent event type among its mentions.
    pub kind: String,
    /// Indices of claims.
    pub claims: Vec<usize>,
    /// Distinct sources that mention it.
    pub sources: BTreeSet<String>,
}

/// Claims of one attribute of one event.
#[derive(Clone, Debug)]
pub struct ClaimCluster {
    pub id: String,
    /// Index into `Matching::events`.
    pub event: usize,
    pub attribute: String,
    /// Indices of claims, in claim order.
    pub claims: Vec<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Matching {
    pub events: Vec<EventCluster>,
    pub clusters: Vec<ClaimCluster>,
}

/// One source's mention of an event: its claims and the words around it.
struct Mention {
    source: String,
    family: String,
    kind: String,
    claims: Vec<usize>,
    words: BTreeSet<String>,
    place: Option<Value>,
    date: Option<Value>,
    agent: Option<Value>,
    target: Option<Value>,
    /// Dates and counts stated for the mention, by attribute.
    values: Vec<(String, Value)>,
    /// Sentence spans of the trigger and its claims.
    sentences: BTreeSet<[usize; 2]>,
}

fn context_words(text: &str) -> impl Iterator<Item = String> + '_ {
    let lex = &lexicon::get().entities;
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(move |w| {
            !lex.stopwords.contains(w)
                && !lex.function_words.contains(w)
                && !crate::recognize::events::is_trigger_word(w)
        })
}

fn mentions_of(claims: &[Claim]) -> Vec<Mention> {
    let mut by_key: BTreeMap<(String, [usize; 2]), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_key
            .entry((c.source.clone(), c.event.trigger_span))
            .or_default()
            .push(i);
    }
    by_key
        .into_iter()
        .map(|((source, trigger), idx)| {
            let first = &claims[idx[0]];
            let mut words = BTreeSet::new();
            let mut seen_text = BTreeSet::new();
            for &i in &idx {
                if seen_text.insert(claims[i].span) {
                    words.extend(context_words(&claims[i].text));
                }
            }
            let find = |attr: &str| {
                idx.iter()
                    .map(|&i| &claims[i])
                    .find(|c| c.attribute == attr)
                    .map(|c| c.value.clone())
            };
            Mention {
                source,
                family: first.event.family.clone(),
                kind: first.event.kind.clone(),
                values: idx
                    .iter()
                    .map(|&i| &claims[i])
                    .filter(|c| matches!(c.value, Value::Date(_) | Value::Quantity(_)))
                    .map(|c| (c.attribute.clone(), c.value.clone()))
                    .collect(),
                place: find("place"),
                agent: find("agent"),
                target: find("target"),
                date: find("date"),
                sentences: idx
                    .iter()
                    .map(|&i| claims[i].span)
                    .filter(|sp| sp[0] <= trigger[0] && trigger[1] <= sp[1])
                    .collect(),
                claims: idx,
                words,
            }
        })
        .collect()
}

/// Similarity of two event mentions, or `None` when they cannot be one event.
fn similarity(
    a: &Mention,
    b: &Mention,
    idf: &BTreeMap<&str, f64>,
    opts: &MatchOptions,
) -> Option<f64> {
    if a.family != b.family {
        return None;
    }
    // Two triggers of one family in one sentence name two events ("in retaliation for the
    // raid, police raided ...").
    if a.source == b.source && a.sentences.intersection(&b.sentences).next().is_some() {
        return None;
    }
    if let (Some(Value::Date(da)), Some(Value::Date(db))) = (&a.date, &b.date) {
        if da
            .gap_days(db)
            .is_some_and(|gap| gap > opts.max_date_gap_days)
        {
            return None;
        }
        // Two different years (or decades) name two periods, not one event misdated.
        let coarse = |d: &crate::value::DateValue| d.granularity >= crate::value::Granularity::Year;
        if (coarse(da) || coarse(db)) && da.relate(db).kind == RelationKind::Conflict {
            return None;
        }
    }
    let weight = |w: &str| idf.get(w).copied().unwrap_or(0.0);
    let dot: f64 = a
        .words
        .intersection(&b.words)
        .map(|w| weight(w).powi(2))
        .sum();
    let na: f64 = a
        .words
        .iter()
        .map(|w| weight(w).powi(2))
        .sum::<f64>()
        .sqrt();
    let nb: f64 = b
        .words
        .iter()
        .map(|w| weight(w).powi(2))
        .sum::<f64>()
        .sqrt();
    let mut sim = if na > 0.0 && nb > 0.0 {
        dot / (na * nb)
    } else {
        0.0
    };
    if a.kind == b.kind {
        sim += 0.05;
    }
    if a.source == b.source {
        // One article mostly tells one story: its repeated mentions of an event type are the
        // same event, unless they give different values for one attribute: an article does
        // not contradict itself, so it is describing two events ("nine were detained" in
        // one city, "seven employees" in another).
        let disagree = a.values.iter().any(|(attr, va)| {
            b.values
                .iter()
                .any(|(bttr, vb)| attr == bttr && va.relate(vb).kind == RelationKind::Conflict)
        });
        if disagree {
            return None;
        }
        // The prior needs some shared context: a passing mention ("since Russia invaded
        // Ukraine") shares no words with the event the article reports.
        if dot > 0.0 {
            sim += opts.same_source_prior;
        }
    }
    // Who did it and to whom: the same participants support one event, different ones
    // (seven employees vs eight IT experts) suggest two.
    for (x, y) in [(&a.target, &b.target), (&a.agent, &b.agent)] {
        if let (Some(x), Some(y)) = (x, y) {
            let rel = x.relate(y);
            if rel.is_agreement() {
                sim += 0.1;
            } else if rel.kind == RelationKind::Conflict {
                sim -= 0.15;
            }
        }
    }
    if let (Some(pa), Some(pb)) = (&a.place, &b.place) {
        sim += if pa.relate(pb).is_agreement() {
            0.15
        } else {
            -0.1
        };
    }
    if let (Some(da), Some(db)) = (&a.date, &b.date) {
        if matches!(
            da.relate(db).kind,
            RelationKind::Equal | RelationKind::Refinement
        ) {
            sim += 0.15;
        }
    }
    Some(sim)
}

fn inverse_document_frequency(mentions: &[Mention]) -> BTreeMap<&str, f64> {
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for m in mentions {
        for w in &m.words {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let n = mentions.len().max(1) as f64;
    df.iter()
        .map(|(w, d)| (*w, ((n + 1.0) / (*d as f64 + 0.5)).ln()))
        .collect()
}

/// One candidate pair of event mentions, for `concord debug events`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PairExplanation {
    pub family: String,
    pub a: String,
    pub b: String,
    /// `None` when blocked (dates too far apart).
    pub similarity: Option<f64>,
    pub shared_words: Vec<String>,
}

/// Every same-family pair of event mentions with its similarity, strongest first.
pub fn explain(claims: &[Claim], opts: &MatchOptions) -> Vec<PairExplanation> {
    let mentions = mentions_of(claims);
    let idf = inverse_document_frequency(&mentions);
    let label = |m: &Mention| {
        let c = &claims[m.claims[0]];
        format!(
            "{}:{}@{}",
            m.source, c.event.trigger, c.event.trigger_span[0]
        )
    };
    let mut out = Vec::new();
    for i in 0..mentions.len() {
        for j in i + 1..mentions.len() {
            if mentions[i].family != mentions[j].family {
                continue;
            }
            out.push(PairExplanation {
                family: mentions[i].family.clone(),
                a: label(&mentions[i]),
                b: label(&mentions[j]),
                similarity: similarity(&mentions[i], &mentions[j], &idf, opts),
                shared_words: mentions[i]
                    .words
                    .intersection(&mentions[j].words)
                    .cloned()
                    .collect(),
            });
        }
    }
    out.sort_by(|x, y| {
        y.similarity
            .unwrap_or(-1.0)
            .total_cmp(&x.similarity.unwrap_or(-1.0))
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    out
}

/// Groups claims into events and claim clusters.
pub fn match_claims(claims: &[Claim], opts: &MatchOptions) -> Matching {
    let mentions = mentions_of(claims);
    let idf = inverse_document_frequency(&mentions);

    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    let mut sims: BTreeMap<(usize, usize), Option<f64>> = BTreeMap::new();
    for i in 0..mentions.len() {
        for j in i + 1..mentions.len() {
            if mentions[i].family != mentions[j].family {
                continue;
            }
            let s = similarity(&mentions[i], &mentions[j], &idf, opts);
            sims.insert((i, j), s);
            if let Some(s) = s.filter(|s| *s >= opts.threshold) {
                pairs.push((s, i, j));
            }
        }
    }
    // Strongest first; ties by index so the result does not depend on float noise order.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Average link: two groups merge when their members are alike on average, so one
    // loose pair cannot chain two different events together; a blocked pair forbids it.
    let link = |x: &[usize], y: &[usize]| -> Option<f64> {
        let mut total = 0.0;
        for &p in x {
            for &q in y {
                total += sims
                    .get(&(p.min(q), p.max(q)))
                    .copied()
                    .unwrap_or(Some(0.0))?;
            }
        }
        Some(total / (x.len() * y.len()) as f64)
    };
    let mut uf = UnionFind::<usize>::new(mentions.len());
    let mut members: Vec<Vec<usize>> = (0..mentions.len()).map(|i| vec![i]).collect();
    for (_, i, j) in pairs {
        let (ri, rj) = (uf.find(i), uf.find(j));
        if ri == rj {
            continue;
        }
        if !link(&members[ri], &members[rj])
            .is_some_and(|avg| avg >= opts.threshold * opts.average_link)
        {
            continue;
        }
        uf.union(ri, rj);
        let root = uf.find(i);
        let mut merged = std::mem::take(&mut members[ri]);
        merged.extend(std::mem::take(&mut members[rj]));
        merged.sort_unstable();
        members[root] = merged;
    }

    let mut events: Vec<EventCluster> = Vec::new();
    for group in members.into_iter().filter(|g| !g.is_empty()) {
        let mut claim_idx: Vec<usize> = group
            .iter()
            .flat_map(|&m| mentions[m].claims.iter().copied())
            .collect();
        claim_idx.sort_unstable();
        let sources: BTreeSet<String> = group.iter().map(|&m| mentions[m].source.clone()).collect();
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for &m in &group {
            *kinds.entry(mentions[m].kind.as_str()).or_default() += 1;
        }
        let kind = kinds
            .iter()
            .max_by_key(|(k, c)| (**c, std::cmp::Reverse(*k)))
            .map(|(k, _)| k.to_string())
            .unwrap_or_default();
        let first_ids: Vec<&str> = claim_idx
            .iter()
            .take(3)
            .map(|&i| claims[i].id.as_str())
            .collect();
        events.push(EventCluster {
            id: stable_id("e", &format!("{}|{}", kind, first_ids.join(","))),
            family: mentions[group[0]].family.clone(),
            kind,
            claims: claim_idx,
            sources,
        });
    }
    // Most-reported first; among equals, the one the articles mention first (news leads
    // with its event and recalls others later), then by first claim for stability.
    let lead_rank = |e: &EventCluster| -> usize {
        e.sources
            .iter()
            .map(|s| {
                let first = claims.iter().position(|c| &c.source == s).unwrap_or(0);
                let mine = e.claims.iter().find(|&&i| &claims[i].source == s).copied();
                mine.map_or(0, |i| i - first)
            })
            .sum()
    };
    events.sort_by(|a, b| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then(lead_rank(a).cmp(&lead_rank(b)))
            .then(b.claims.len().cmp(&a.claims.len()))
            .then(a.claims[0].cmp(&b.claims[0]))
    });

    let mut clusters = Vec::new();
    for (ei, ev) in events.iter().enumerate() {
        let mut by_attr: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &c in &ev.claims {
            by_attr
                .entry(claims[c].attribute.as_str())
                .or_default()
                .push(c);
        }
        for (attr, idx) in by_attr {
            for component in claim_components(claims, &idx) {
                let ids: Vec<&str> = component.iter().map(|&i| claims[i].id.as_str()).collect();
                clusters.push(ClaimCluster {
                    id: stable_id("k", &format!("{attr}|{}", ids.join(","))),
                    event: ei,
                    attribute: attr.to_string(),
                    claims: component,
                });
            }
        }
    }
    Matching { events, clusters }
}

/// Connected components of the graph whose edges join comparable claims.
fn claim_components(claims: &[Claim], idx: &[usize]) -> Vec<Vec<usize>> {
    let mut graph: UnGraph<usize, RelationKind> = UnGraph::default();
    let nodes: Vec<NodeIndex> = idx.iter().map(|&i| graph.add_node(i)).collect();
    for a in 0..idx.len() {
        for b in a + 1..idx.len() {
            let rel = claims[idx[a]].value.relate(&claims[idx[b]].value);
            if rel.kind != RelationKind::Incomparable {
                graph.add_edge(nodes[a], nodes[b], rel.kind);
            }
        }
    }
    let mut uf = UnionFind::<usize>::new(idx.len());
    for e in graph.edge_indices() {
        if let Some((x, y)) = graph.edge_endpoints(e) {
            uf.union(x.index(), y.index());
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &i) in idx.iter().enumerate() {
        groups.entry(uf.find(k)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort();
    out
}
