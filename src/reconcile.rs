//! Reconciliation: the whole pipeline for one story, and the report it produces.
//!
//! ingest → segment → recognize → claims → match → compare → score. The [`Report`] is the
//! stable JSON contract that other tools and CI read; the Markdown report renders it.

use crate::calendar::CivilDate;
use crate::claims::{self, Claim};
use crate::compare::{self, Between, Conflict, Status};
use crate::ingest::{FrontMatter, Story};
use crate::matcher::{self, MatchOptions};
use crate::review::{self, ReviewState, Reviewed, StaleVerdict};
use crate::score::{self, Scores};
use crate::value::Value;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Clone, Debug, Serialize)]
pub struct SourceInfo {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    #[serde(skip)]
    pub meta: FrontMatter,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventInfo {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub family: String,
    pub sources: Vec<String>,
    pub claims: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClusterInfo {
    pub id: String,
    /// Event id.
    pub event: String,
    /// Event type, for readers.
    pub event_type: String,
    pub attribute: String,
    pub claims: Vec<String>,
    pub status: Status,
    pub consensus: Option<Value>,
    pub support: Vec<String>,
    pub dissent: Vec<String>,
    /// Why its differing values were not reported as conflicts (unsettled clusters).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unflagged: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyFact {
    /// Event id.
    pub event: String,
    pub event_type: String,
    pub attribute: String,
    pub value: Value,
    /// Sources that agree with the value.
    pub support: Vec<String>,
    /// The claim cluster the fact comes from; none for an inferred fact.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cluster: String,
    pub status: Status,
}

#[derive(Clone, Debug, Serialize, Default)]
pub struct Summary {
    pub sources: usize,
    pub claims: usize,
    pub events: usize,
    pub clusters: usize,
    pub agree: usize,
    pub conflict: usize,
    pub single: usize,
    /// Clusters several outlets state, all quoting one holder.
    pub one_holder: usize,
    /// Clusters whose sources differ only by updates or low-confidence conflicts.
    pub unsettled: usize,
    /// Confident contradictions (not updates).
    pub conflicts: usize,
    /// Contradictions whose extraction a person should check first.
    pub low_confidence: usize,
    /// Contradictions settled by a reviewer's verdict (counted in neither of the above).
    pub resolved: usize,
    pub conflicts_between_outlets: usize,
    pub conflicts_between_holders: usize,
    pub conflicts_within_source: usize,
    /// Differences explained as updates (a later, higher figure or an update cue).
    pub updates: usize,
    /// Sources after counting each group of copies once.
    pub independent_sources: usize,
    /// Sources without a publication date: their year-less dates stay year-less.
    pub undated_sources: Vec<String>,
}

/// Everything Concord concluded about a story.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub title: String,
    pub summary: Summary,
    pub sources: Vec<SourceInfo>,
    pub claims: Vec<Claim>,
    pub events: Vec<EventInfo>,
    pub clusters: Vec<ClusterInfo>,
    pub conflicts: Vec<Conflict>,
    pub key_facts: Vec<KeyFact>,
    /// The story's main incident at a glance: its date and counts (see [`incident_facts`]).
    pub incident: Vec<KeyFact>,
    /// Pair scores by source position, in the order of `sources`.
    pub agreement: Scores,
    /// Groups of near-identical articles, counted as one independent source.
    pub copies: Vec<crate::copies::CopyGroup>,
    /// What reviewers decided, when the story was reconciled with its claim folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewState>,
}

impl Report {
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }
}

/// The cluster that gives an event's fact: of the event's clusters for the attribute with
/// a consensus, the one most sources speak to; then the most precise ("5" over "at least
/// 1"); then the one with most claims; then the first.
pub fn fact_cluster<'a>(
    clusters: &'a [ClusterInfo],
    event: &str,
    attribute: &str,
) -> Option<&'a ClusterInfo> {
    clusters
        .iter()
        .filter(|c| c.event == event && c.attribute == attribute)
        .filter_map(|c| Some((c, compare::width(c.consensus.as_ref()?))))
        .min_by(|(a, wa), (b, wb)| {
            b.support
                .len()
                .cmp(&a.support.len())
                .then(wa.total_cmp(wb))
                .then(b.claims.len().cmp(&a.claims.len()))
        })
        .map(|(c, _)| c)
}

/// The date no source states of an incident: as far as the articles tell, the day the
/// story was first reported (in news, an undated "a man was shot" is that day's or the night
/// before's). Marked [`Status::Inferred`], supported by the sources published that day.
fn inferred_date(ev: &EventInfo, published: &compare::Published) -> Option<KeyFact> {
    let day = story_first_report(published)?;
    Some(KeyFact {
        event: ev.id.clone(),
        event_type: ev.kind.clone(),
        attribute: "date".into(),
        value: Value::Date({
            let mut d = crate::value::DateValue::day(day);
            d.display = format!("{} (not stated: day of the first report)", d.display);
            d
        }),
        support: published
            .iter()
            .filter(|(_, p)| **p == Some(day))
            .map(|(s, _)| s.clone())
            .collect(),
        cluster: String::new(),
        status: Status::Inferred,
    })
}

/// The day an event was first reported: the earliest publication of its sources.
fn first_report(ev: &EventInfo, published: &compare::Published) -> Option<CivilDate> {
    ev.sources
        .iter()
        .filter_map(|s| published.get(s).copied().flatten())
        .min()
}

/// The day the story was first reported: its earliest publication.
fn story_first_report(published: &compare::Published) -> Option<CivilDate> {
    published.values().flatten().min().copied()
}

/// True for a date fact that begins after the incident was first reported: what an
/// article dates later (the ruling, the funeral, the day the victim died) is not the day
/// of an incident already in the news.
fn after_first_report(fact: &KeyFact, first_report: Option<CivilDate>) -> bool {
    let Value::Date(d) = &fact.value else {
        return false;
    };
    matches!((d.interval(), first_report), (Some((first, _)), Some(r)) if first > r)
}

/// How many days before its first report an undated incident's fragment may be dated.
const FRAGMENT_DAYS_BEFORE_REPORT: i64 = 3;

/// An undated incident's date from another event of the story dated in the days just
/// before the story's first report: in news, a fresh incident is dated so.
///
/// An incident event the matcher kept apart ("the fire Thursday night", "Sunday's
/// shooting") states the date: most sources first, then the latest day. Failing that,
/// what followed it (the arrest Saturday night, the park closed at 8 p.m. Saturday) bounds
/// it: the earliest such day, marked inferred, since no source dates the incident itself.
fn fragment_date(
    events: &[EventInfo],
    clusters: &[ClusterInfo],
    incident: &EventInfo,
    published: &compare::Published,
) -> Option<KeyFact> {
    let lex = crate::lexicon::get();
    let first_report = story_first_report(published)?.day_number();
    let ((incident_family, _, _), mut fact) = events
        .iter()
        .filter(|e| e.id != incident.id)
        .filter_map(|e| {
            let fact = cluster_fact(clusters, e, "date")?;
            let Value::Date(d) = &fact.value else {
                return None;
            };
            let (first, last) = d.interval()?;
            let day = first.day_number();
            let before = first_report - day;
            let incident_family = lex.events.is_incident_family(&e.family);
            let rank = (
                incident_family,
                if incident_family {
                    fact.support.len()
                } else {
                    0
                },
                if incident_family { day } else { -day },
            );
            (first == last && (0..=FRAGMENT_DAYS_BEFORE_REPORT).contains(&before))
                .then_some((rank, fact))
        })
        .max_by_key(|(rank, _)| *rank)?;
    // Dated by what followed it, not by a fragment of itself.
    if !incident_family {
        if let Value::Date(d) = &mut fact.value {
            d.display = format!(
                "{} (not stated: day of the related {})",
                d.display, fact.event_type
            );
        }
        fact.status = Status::Inferred;
    }
    // The fragment dates the incident: the table shows one event.
    fact.event = incident.id.clone();
    fact.event_type = incident.kind.clone();
    Some(fact)
}

/// The date of another incident event the matcher kept apart from the incident, in the
/// same articles, that more sources give than give the incident's own: the incident's
/// date is then most likely a caption's, another victim's or a statement's ("Image 1 of
/// 12 ... Thursday"), and the sibling's ("about 11:40 p.m. Wednesday") the shooting's.
fn better_dated_sibling(
    events: &[EventInfo],
    clusters: &[ClusterInfo],
    incident: &EventInfo,
    own: &Option<KeyFact>,
    reported: Option<CivilDate>,
) -> Option<KeyFact> {
    // `reported`: the incident's first report, or else the story's.
    let lex = crate::lexicon::get();
    let own_support = own.as_ref()?.support.len();
    let (_, mut fact) = events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.id != incident.id
                && lex.events.is_incident_family(&e.family)
                && e.sources.iter().any(|s| incident.sources.contains(s))
        })
        .filter_map(|(position, e)| {
            let fact = cluster_fact(clusters, e, "date")?;
            // A sibling recalled from another time ("the 2023 quake") dates nothing reported.
            let recalled = matches!((&fact.value, reported), (Value::Date(d), Some(r)) if d.is_another_time(r));
            (fact.support.len() > own_support && !after_first_report(&fact, reported) && !recalled)
                .then_some(((fact.support.len(), std::cmp::Reverse(position)), fact))
        })
        .max_by_key(|(rank, _)| *rank)?;
    fact.event = incident.id.clone();
    fact.event_type = incident.kind.clone();
    Some(fact)
}

/// A key fact from an event's cluster for `attribute` ([`fact_cluster`]).
fn cluster_fact(clusters: &[ClusterInfo], ev: &EventInfo, attribute: &str) -> Option<KeyFact> {
    let c = fact_cluster(clusters, &ev.id, attribute)?;
    Some(KeyFact {
        event: ev.id.clone(),
        event_type: ev.kind.clone(),
        attribute: attribute.to_string(),
        value: c.consensus.clone()?,
        support: c.support.clone(),
        cluster: c.id.clone(),
        status: c.status,
    })
}

/// The story's main incident and what the articles say of it: its date, then each count
/// (killed, injured, ...). The incident is the incident-type event most sources report; then
/// one of the story's time over one recalled from another ("the 2023 quake that killed
/// nearly 3,000"); then the one with most casualty counts; then the one the report lists first. What it
/// leaves unsaid, the victim's death may say ("he died at the scene" is its toll, the day
/// he died the nearest date given); a date nobody gives is inferred from the first report.
pub fn incident_facts(
    events: &[EventInfo],
    clusters: &[ClusterInfo],
    claims: &[Claim],
    published: &compare::Published,
) -> Vec<KeyFact> {
    let lex = crate::lexicon::get();
    let counts: Vec<&str> = lex
        .roles
        .roles
        .iter()
        .map(|r| r.attribute.as_str())
        .collect();
    let has = |e: &EventInfo, attribute: &str| fact_cluster(clusters, &e.id, attribute).is_some();
    // Beside an incident dated at the time of the story's first report, one dated at
    // another time ("Just last year, a 12-year-old was killed") is recalled, not reported.
    let first = story_first_report(published);
    let another_time = |e: &EventInfo| -> Option<bool> {
        let Value::Date(d) = cluster_fact(clusters, e, "date")?.value else {
            return None;
        };
        Some(d.is_another_time(first?))
    };
    let current = events
        .iter()
        .filter(|e| lex.events.is_incident_family(&e.family))
        .any(|e| another_time(e) == Some(false));
    let recalled = |e: &EventInfo| current && another_time(e) == Some(true);
    // Casualty roles: those a remainder relates (the wounded, the killed).
    let casualties: Vec<&str> = lex.roles.casualties().collect();
    let Some(incident) = events
        .iter()
        .enumerate()
        .filter(|(_, e)| lex.events.is_incident_family(&e.family))
        .max_by_key(|&(position, e)| {
            let stated = casualties.iter().filter(|a| has(e, a)).count();
            (
                e.sources.len(),
                !recalled(e),
                stated,
                std::cmp::Reverse(position),
            )
        })
        .map(|(_, e)| e)
    else {
        return Vec::new();
    };
    let death = events
        .iter()
        .filter(|e| lex.events.is_death_family(&e.family))
        .max_by_key(|e| e.sources.len());
    let reported = first_report(incident, published);
    let stated = |ev: &EventInfo, attribute: &str| {
        cluster_fact(clusters, ev, attribute).filter(|f| !after_first_report(f, reported))
    };
    let mut facts: Vec<KeyFact> = std::iter::once("date")
        .chain(counts)
        .filter_map(|attribute| {
            let own = stated(incident, attribute);
            if attribute == "date" {
                if let Some(sibling) =
                    better_dated_sibling(events, clusters, incident, &own, reported.or(first))
                {
                    return Some(sibling);
                }
            }
            own.or_else(|| stated(death?, attribute))
                .or_else(|| {
                    (attribute == "date")
                        .then(|| fragment_date(events, clusters, incident, published))?
                })
                .or_else(|| (attribute == "date").then(|| inferred_date(incident, published))?)
        })
        .collect();
    count_lone_victim_once(&mut facts, clusters, claims);
    facts
}

/// "A man was found shot and taken to a hospital in critical condition" in one article,
/// "a man died" in another: when the incident's only dead is one victim no figure counts,
/// and its only wounded is one victim no figure counts either, whose fate one article left
/// open (a state they may die of, or "shot" in an article that tells no death) and none
/// told survived, the articles most likely followed one
/// person. Counting them in both roles would double the victims, so the wounded count
/// becomes none besides the dead, marked inferred.
fn count_lone_victim_once(facts: &mut [KeyFact], clusters: &[ClusterInfo], claims: &[Claim]) {
    let lex = crate::lexicon::get();
    let claims_of = |f: &KeyFact| -> Vec<&Claim> {
        let Some(c) = clusters.iter().find(|c| c.id == f.cluster) else {
            return Vec::new();
        };
        claims.iter().filter(|k| c.claims.contains(&k.id)).collect()
    };
    let lone =
        |c: &Claim| matches!(&c.value, Value::Quantity(q) if q.min == 1.0 && q.max.is_none());
    let unresolved = |c: &Claim| {
        let evidence = c.evidence_text().to_lowercase();
        lex.roles.unresolved_states.contains(&evidence)
    };
    // The state may be said of the victim the claim names ("the teen was taken to the
    // hospital in grave condition").
    let open_fate = |c: &Claim| {
        let sentence = c.text.to_lowercase();
        crate::rule::is_derived(&c.rule)
            || lex
                .roles
                .unresolved_states
                .iter()
                .any(|s| sentence.contains(s.as_str()))
    };
    // A state that tells the victim lived ("in stable condition", "a non-fatal shooting").
    let survived = |c: &Claim| crate::rule::is_implied_by_phrase(&c.rule) && !unresolved(c);
    for rem in &lex.roles.remainders {
        let Some(wounded) = facts.iter().position(|f| f.attribute == rem.attribute) else {
            continue;
        };
        let dead_is_one_victim = rem.minus.iter().any(|m| {
            facts.iter().find(|f| &f.attribute == m).is_some_and(|f| {
                let cs = claims_of(f);
                !cs.is_empty() && cs.iter().all(|c| lone(c) && compare::is_inferred_count(c))
            })
        });
        let cs = claims_of(&facts[wounded]);
        let one_open_fate = cs
            .iter()
            .all(|c| lone(c) && compare::is_inferred_count(c) && !survived(c));
        let Some(fate) = cs.iter().find(|c| open_fate(c)).filter(|_| one_open_fate) else {
            continue;
        };
        if !dead_is_one_victim {
            continue;
        }
        let fate = fate.evidence_text().to_string();
        let f = &mut facts[wounded];
        f.value = Value::Quantity(crate::value::Quantity::exact(
            0.0,
            format!("0 (likely the victim who died: {fate})"),
        ));
        f.status = Status::Inferred;
    }
}

/// Extracts the claims of every source of a story, in source order.
pub fn extract_story(story: &Story) -> Vec<Claim> {
    story
        .sources
        .iter()
        .flat_map(|s| claims::extract(s, &story.config))
        .collect()
}

/// Runs matching, comparison and scoring over claims and assembles the report.
pub fn reconcile_claims(story: &Story, claims: Vec<Claim>, opts: &MatchOptions) -> Report {
    assemble(story, claims, None, opts)
}

/// Reconciles reviewed claims: rejected claims are left out, corrections and manual claims
/// count, and verdicts settle the conflicts they name.
pub fn reconcile_reviewed(story: &Story, reviewed: Reviewed, opts: &MatchOptions) -> Report {
    assemble(story, reviewed.claims, Some(reviewed.state), opts)
}

/// Marks the conflicts that verdicts settle, and the clusters whose every conflict is
/// settled; verdicts that name no current conflict are returned as stale.
fn apply_verdicts(
    verdicts: &[review::Verdict],
    claims: &[Claim],
    matching: &matcher::Matching,
    judgement: &mut compare::Judgement,
) -> Vec<StaleVerdict> {
    let mut stale = Vec::new();
    for v in verdicts {
        let Some(conflict) = judgement.conflicts.iter_mut().find(|c| c.id == v.conflict) else {
            stale.push(StaleVerdict::new(
                v,
                "no such conflict now: its claims changed, vanished or agree",
            ));
            continue;
        };
        if let Some(confirmed) = &v.confirmed {
            if !conflict.claims.contains(confirmed) {
                stale.push(StaleVerdict::new(
                    v,
                    "the confirmed claim is not one of the conflict's two claims",
                ));
                continue;
            }
        }
        conflict.resolution = Some(Box::new(v.clone()));
    }
    for (cluster, verdict) in matching.clusters.iter().zip(judgement.verdicts.iter_mut()) {
        let open: Vec<&Conflict> = judgement
            .conflicts
            .iter()
            .filter(|c| c.cluster == cluster.id && c.between != Between::Update)
            .collect();
        if open.is_empty() || !open.iter().all(|c| c.is_resolved()) {
            continue;
        }
        verdict.status = Status::Resolved;
        let confirmed = open
            .iter()
            .filter_map(|c| c.resolution.as_ref()?.confirmed.as_deref())
            .find_map(|id| cluster.claims.iter().copied().find(|&i| claims[i].id == id));
        if let Some(k) = confirmed {
            verdict.consensus = Some(k);
            let (agree, differ): (Vec<usize>, Vec<usize>) = cluster
                .claims
                .iter()
                .partition(|&&i| claims[i].value.relate(&claims[k].value).is_agreement());
            verdict.support = agree.iter().map(|&i| claims[i].source.clone()).collect();
            verdict.dissent = differ
                .iter()
                .map(|&i| claims[i].source.clone())
                .filter(|s| !verdict.support.contains(s))
                .collect();
        }
    }
    stale
}

fn assemble(
    story: &Story,
    claims: Vec<Claim>,
    mut review: Option<ReviewState>,
    opts: &MatchOptions,
) -> Report {
    let published = story.published();
    let matching = matcher::match_claims(&claims, &published, opts);
    let copies = crate::copies::copy_groups(&story.sources);
    let mut judgement = compare::judge(&claims, &matching, &published, &copies);
    if let Some(state) = review.as_mut() {
        state.stale_verdicts = apply_verdicts(&state.verdicts, &claims, &matching, &mut judgement);
    }
    let source_ids: Vec<String> = story.sources.iter().map(|s| s.id.clone()).collect();
    let agreement = score::score(&copies, &source_ids, &claims, &matching, &judgement);

    let events: Vec<EventInfo> = matching
        .events
        .iter()
        .map(|e| EventInfo {
            id: e.id.clone(),
            kind: e.kind.clone(),
            family: e.family.clone(),
            sources: e.sources.iter().cloned().collect(),
            claims: e.claims.iter().map(|&i| claims[i].id.clone()).collect(),
        })
        .collect();
    let clusters: Vec<ClusterInfo> = matching
        .clusters
        .iter()
        .zip(&judgement.verdicts)
        .map(|(c, v)| ClusterInfo {
            id: c.id.clone(),
            event: matching.events[c.event].id.clone(),
            event_type: matching.events[c.event].kind.clone(),
            attribute: c.attribute.clone(),
            claims: c.claims.iter().map(|&i| claims[i].id.clone()).collect(),
            status: v.status,
            consensus: v.consensus.map(|i| claims[i].value.clone()),
            support: v.support.iter().cloned().collect(),
            dissent: v.dissent.iter().cloned().collect(),
            unflagged: v.unflagged.iter().map(|s| s.to_string()).collect(),
        })
        .collect();

    // Key facts: per multi-source event (most reported first), each attribute's best cluster
    // that more than one source speaks to; for the most-reported event also its single-source
    // date and counts, so the headline event is always described.
    let mut key_facts = Vec::new();
    for (ei, ev) in matching.events.iter().enumerate() {
        if ev.sources.len() < 2 && ei > 0 {
            continue;
        }
        let attributes: BTreeSet<&str> = clusters
            .iter()
            .filter(|c| c.event == ev.id)
            .map(|c| c.attribute.as_str())
            .collect();
        for c in attributes
            .into_iter()
            .filter_map(|a| fact_cluster(&clusters, &ev.id, a))
        {
            let headline_fact = ei == 0
                && !matches!(
                    c.attribute.as_str(),
                    "agent" | "target" | "place" | "charge"
                );
            if c.status == Status::Single && !headline_fact {
                continue;
            }
            if let Some(value) = &c.consensus {
                key_facts.push(KeyFact {
                    event: ev.id.clone(),
                    event_type: ev.kind.clone(),
                    attribute: c.attribute.clone(),
                    value: value.clone(),
                    support: c.support.clone(),
                    cluster: c.id.clone(),
                    status: c.status,
                });
            }
        }
    }

    let incident = incident_facts(&events, &clusters, &claims, &published);
    // An incident among the key facts that no article dates gets the date the incident
    // table gives it, or the day of the story's first report, after its other facts.
    for ev in &events {
        let described = key_facts.iter().any(|f| f.event == ev.id);
        let dated = clusters
            .iter()
            .any(|c| c.event == ev.id && c.attribute == "date");
        if !described || dated || !crate::lexicon::get().events.is_incident_family(&ev.family) {
            continue;
        }
        let told = incident
            .iter()
            .find(|f| f.event == ev.id && f.attribute == "date")
            .cloned();
        if let Some(fact) = told.or_else(|| inferred_date(ev, &published)) {
            let at = key_facts
                .iter()
                .rposition(|f| f.event == fact.event)
                .map_or(key_facts.len(), |p| p + 1);
            key_facts.insert(at, fact);
        }
    }

    let conflicts = judgement.conflicts;
    let count = |s: Status| clusters.iter().filter(|c| c.status == s).count();
    let between = |b: Between| {
        conflicts
            .iter()
            .filter(|c| c.is_firm() && c.between == b)
            .count()
    };
    let summary = Summary {
        independent_sources: story.sources.len()
            - copies.iter().map(|g| g.sources.len() - 1).sum::<usize>(),
        sources: story.sources.len(),
        claims: claims.len(),
        events: events.len(),
        clusters: clusters.len(),
        agree: count(Status::Agree),
        conflict: count(Status::Conflict),
        single: count(Status::Single),
        one_holder: count(Status::OneHolder),
        unsettled: count(Status::Unsettled),
        conflicts: conflicts.iter().filter(|c| c.is_firm()).count(),
        low_confidence: conflicts.iter().filter(|c| c.is_to_check()).count(),
        resolved: conflicts.iter().filter(|c| c.is_resolved()).count(),
        conflicts_between_outlets: between(Between::Outlets),
        conflicts_between_holders: between(Between::Holders),
        conflicts_within_source: between(Between::WithinSource),
        updates: conflicts
            .iter()
            .filter(|c| c.between == Between::Update)
            .count(),
        undated_sources: story
            .sources
            .iter()
            .filter(|s| s.published.is_none())
            .map(|s| s.id.clone())
            .collect(),
    };
    let title = story.config.title.clone().unwrap_or_else(|| {
        story
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "story".into())
    });
    Report {
        title,
        summary,
        sources: story
            .sources
            .iter()
            .map(|s| SourceInfo {
                id: s.id.clone(),
                path: s.path.to_string_lossy().replace('\\', "/"),
                title: s.meta.title.clone(),
                outlet: s.meta.outlet.clone(),
                author: s.meta.author.clone(),
                published: s.meta.published.clone(),
                url: s.meta.url.clone(),
                meta: s.meta.clone(),
            })
            .collect(),
        claims,
        events,
        clusters,
        conflicts,
        key_facts,
        incident,
        agreement,
        copies,
        review,
    }
}

/// The whole pipeline on a loaded story.
pub fn reconcile(story: &Story, opts: &MatchOptions) -> Report {
    reconcile_claims(story, extract_story(story), opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::DateValue;

    fn event(id: &str, sources: &[&str]) -> EventInfo {
        EventInfo {
            id: id.into(),
            kind: "shooting".into(),
            family: crate::claims::family_of("shooting"),
            sources: sources.iter().map(|s| s.to_string()).collect(),
            claims: Vec::new(),
        }
    }

    fn date_cluster(event: &str, day: &str, support: &[&str]) -> ClusterInfo {
        ClusterInfo {
            id: format!("k-{event}"),
            event: event.into(),
            event_type: "shooting".into(),
            attribute: "date".into(),
            claims: Vec::new(),
            status: Status::Agree,
            consensus: Some(Value::Date(DateValue::day(CivilDate::parse(day).unwrap()))),
            support: support.iter().map(|s| s.to_string()).collect(),
            dissent: Vec::new(),
            unflagged: Vec::new(),
        }
    }

    fn published(days: &[(&str, &str)]) -> compare::Published {
        days.iter()
            .map(|(s, d)| (s.to_string(), CivilDate::parse(d)))
            .collect()
    }

    #[test]
    fn an_undated_incident_takes_a_fragment_dated_just_before_its_first_report() {
        let events = [
            event("e1", &["a", "b"]),
            event("e2", &["b"]),
            event("e3", &["a"]),
        ];
        let clusters = [
            date_cluster("e2", "2024-06-09", &["b"]),
            // Weeks before the report: an earlier incident, not this one.
            date_cluster("e3", "2024-05-01", &["a"]),
        ];
        let published = published(&[("a", "2024-06-10"), ("b", "2024-06-11")]);
        let fact = fragment_date(&events, &clusters, &events[0], &published).unwrap();
        assert_eq!(fact.value.display(), "June 9, 2024");
        // It dates the incident, from the fragment's cluster.
        assert_eq!((fact.event.as_str(), fact.cluster.as_str()), ("e1", "k-e2"));
        assert_eq!(fact.status, Status::Agree);

        let far = [date_cluster("e3", "2024-05-01", &["a"])];
        assert!(fragment_date(&events, &far, &events[0], &published).is_none());

        // What followed the incident bounds it: the earliest such day, marked inferred.
        let mut arrest = event("e4", &["a"]);
        arrest.kind = "detain".into();
        arrest.family = crate::claims::family_of("detain");
        let events = [events[0].clone(), arrest.clone(), {
            let mut later = arrest;
            later.id = "e5".into();
            later
        }];
        let followed = [
            date_cluster("e4", "2024-06-08", &["a"]),
            date_cluster("e5", "2024-06-09", &["a", "b"]),
        ];
        let fact = fragment_date(&events, &followed, &events[0], &published).unwrap();
        assert_eq!(
            fact.value.display(),
            "June 8, 2024 (not stated: day of the related detain)"
        );
        assert_eq!(fact.status, Status::Inferred);
    }

    fn incident_date(
        events: &[EventInfo],
        clusters: &[ClusterInfo],
        published: &compare::Published,
    ) -> String {
        let facts = incident_facts(events, clusters, &[], published);
        let date = facts.iter().find(|f| f.attribute == "date").unwrap();
        date.value.display()
    }

    #[test]
    fn a_date_after_the_first_report_is_not_the_incident_date() {
        let events = [event("e1", &["a", "b"]), event("e2", &["a"])];
        let published = published(&[("a", "2024-06-10"), ("b", "2024-06-21")]);
        // "The coroner ruled the death a homicide Thursday", in the later article.
        let ruling = date_cluster("e1", "2024-06-20", &["b"]);
        let fragment = date_cluster("e2", "2024-06-09", &["a"]);
        assert_eq!(
            incident_date(&events, &[ruling.clone(), fragment], &published),
            "June 9, 2024"
        );
        // With nothing else, the first report's day, not the later date.
        assert_eq!(
            incident_date(&events, &[ruling], &published),
            "June 10, 2024 (not stated: day of the first report)"
        );
    }

    #[test]
    fn a_sibling_date_more_sources_give_beats_the_incidents_own() {
        let events = [
            event("e1", &["a", "b", "c"]),
            event("e2", &["a", "b"]),
            // Another story's incident: no source in common.
            event("e3", &["x", "y", "z"]),
        ];
        let published = published(&[
            ("a", "2024-06-10"),
            ("b", "2024-06-10"),
            ("c", "2024-06-10"),
        ]);
        // A caption's "Thursday" in one article; the shooting's "late Wednesday" in two.
        let caption = date_cluster("e1", "2024-06-10", &["a"]);
        let sibling = date_cluster("e2", "2024-06-09", &["a", "b"]);
        let unrelated = date_cluster("e3", "2024-06-08", &["x", "y", "z"]);
        assert_eq!(
            incident_date(
                &events,
                &[caption.clone(), sibling.clone(), unrelated],
                &published
            ),
            "June 9, 2024"
        );
        // As many sources for the incident's own date: it stays.
        let own = date_cluster("e1", "2024-06-10", &["a", "c"]);
        assert_eq!(
            incident_date(&events, &[own, sibling], &published),
            "June 10, 2024"
        );
    }

    #[test]
    fn an_inferred_date_is_the_day_the_story_was_first_reported() {
        // The incident event is in the later article only; the story began a day earlier.
        let events = [event("e1", &["b"])];
        let published = published(&[("a", "2024-06-10"), ("b", "2024-06-11")]);
        assert_eq!(
            incident_date(&events, &[], &published),
            "June 10, 2024 (not stated: day of the first report)"
        );
    }
}
