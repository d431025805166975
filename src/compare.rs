//! Comparison: the verdict on each claim cluster and every pairwise contradiction in it.
//!
//! Values are related by their types ([`crate::value`]); this module adds who holds them.
//! A conflict between two outlets' own assertions is a discrepancy between outlets; one
//! where either side is attributed, hedged or negated is a disagreement between holders
//! (the outlet is reporting what someone said), and is labelled so.

use crate::calendar::CivilDate;
use crate::claims::{Claim, Holder, Modality};
use crate::copies::CopyGroup;
use crate::hash::stable_id;
use crate::lexicon;
use crate::matcher::{ClaimCluster, Matching};
use crate::rule;
use crate::value::{DateMod, DateSpan, Quantity, RelationKind, Value, ValueTable};
use serde::Serialize;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Several sources, no contradiction.
    Agree,
    /// At least one contradiction.
    Conflict,
    /// Only one source states it.
    Single,
    /// Several outlets state it, all quoting one holder ("police said"): one claim, not
    /// corroboration.
    OneHolder,
    /// Sources differ, but only by updates or by conflicts of low confidence.
    Unsettled,
    /// Its conflicts were settled by a reviewer's verdict.
    Resolved,
    /// No source states it: Concord infers it (an incident's date from the day it was first
    /// reported). Key facts only.
    Inferred,
}

/// Whose statements contradict each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Between {
    /// Two outlets, each in its own voice.
    Outlets,
    /// At least one side is attributed to someone or hedged.
    Holders,
    /// One outlet contradicts itself.
    WithinSource,
    /// An evolving figure: an update cue, or a later report with a higher count.
    Update,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    Date,
    Quantity,
    Entity,
    Text,
}

#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    /// Content-derived from the two claim ids; what a reviewer's verdict names.
    pub id: String,
    pub cluster: String,
    pub claims: [String; 2],
    pub kind: ConflictKind,
    pub between: Between,
    pub reason: String,
    /// High when both values were read directly from plain statements; low when either
    /// side was resolved, implied or read from a headline (see `caveats`).
    pub confidence: Confidence,
    /// Why a reader should check the extraction before trusting the conflict.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
    /// A fact-checker's verdict settling the conflict (`reviews.toml`); boxed, since few
    /// of a large story's conflicts carry one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Box<crate::review::Verdict>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Low,
}

impl Conflict {
    /// A contradiction a fact-checker should act on: confident, not an update, not settled.
    pub fn is_firm(&self) -> bool {
        self.confidence == Confidence::High
            && self.between != Between::Update
            && !self.is_resolved()
    }

    /// A low-confidence difference still open for a reader to check.
    pub fn is_to_check(&self) -> bool {
        self.confidence == Confidence::Low && self.between != Between::Update && !self.is_resolved()
    }

    pub fn is_resolved(&self) -> bool {
        self.resolution.is_some()
    }

    /// The id of the conflict between two claims, whichever order they come in.
    pub fn id_of(a: &str, b: &str) -> String {
        let (first, second) = if a <= b { (a, b) } else { (b, a) };
        stable_id("x", &format!("{first}|{second}"))
    }
}

/// "shootings", "attacks": a trigger naming several incidents.
fn is_plural_noun(trigger: &str) -> bool {
    let last = trigger
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    last.len() > 3
        && last.ends_with('s')
        && !last.ends_with("ss")
        && lexicon::get()
            .events
            .types
            .iter()
            .any(|t| t.nouns.iter().any(|n| last.starts_with(n.as_str())))
}

/// True for a count that is vague ("several") or read into the wording ("a man was
/// killed" is at least one) rather than written as a figure.
pub(crate) fn is_inferred_count(c: &Claim) -> bool {
    matches!(&c.value, Value::Quantity(q) if !q.exact || rule::is_inferred_count(&c.rule))
}

/// "Four officers also died", "two others were wounded": a count of part of the victims.
fn partial_count(c: &Claim) -> bool {
    let roles = &lexicon::get().roles;
    let (before, after) = c.words_around(c.evidence);
    // "Two were killed and three others wounded": "others" sets the count apart from the
    // killed, and the count is every wounded.
    // (A total, such as everyone shot, is never set apart so: in "killed two and shot
    // three others", three is not every one shot.)
    // (Nor when the sentence has already counted someone in the count's own role: in "a
    // gunman was shot and killed after a rampage that left two others dead", two is part.)
    let is_total = roles.remainders.iter().any(|r| r.total == c.attribute);
    let verb_of = |w: &String, own: bool| {
        roles
            .roles
            .iter()
            .filter(|r| (r.attribute == c.attribute) == own)
            .any(|r| r.verbs.iter().any(|v| v == w))
    };
    let other_role_before = !is_total
        && before.iter().any(|w| verb_of(w, false))
        && !before.iter().any(|w| verb_of(w, true));
    // ("No one else was hurt": the marker may be inside the words that give the value.)
    let within = c.evidence_text().to_lowercase();
    before
        .iter()
        .rev()
        .take(2)
        .chain(after.iter().take(6))
        .filter(|w| !(other_role_before && roles.contrast_markers.contains(w)))
        .map(String::as_str)
        .chain(within.split_whitespace())
        .any(|w| roles.partial_markers.contains(w))
}

/// "Wounded three teens": a count of one kind of person (the person noun right after its
/// figure, when it is not a generic one such as "people") among the casualties.
/// Only casualties are counted so: of the evacuated, "residents" are everyone.
fn subgroup_count(c: &Claim) -> Option<String> {
    let roles = &lexicon::get().roles;
    if !roles.counts_victims(&c.attribute) {
        return None;
    }
    let (_, after) = c.words_around(c.evidence);
    let noun = after.first()?;
    (roles.person_nouns.contains(noun) && !roles.generic_person_nouns.contains(noun))
        .then(|| noun.clone())
}

/// "The four men who were wounded": a count after "the" names a group already in view.
fn definite_count(c: &Claim) -> bool {
    let (before, _) = c.words_around(c.evidence);
    before.last().is_some_and(|w| w == "the")
}

/// "The second shooting": an ordinal before the trigger names one incident of several.
fn ordinal_before_trigger(c: &Claim) -> Option<String> {
    let (number, mut before, _) = c.ordinal_before_trigger()?;
    (number >= 2.0).then(|| before.pop()).flatten()
}

/// "Another child was shot", "an earlier shooting", "the most recent killing": a marker of
/// another incident, or of one of a series, shortly before the trigger or the value.
fn other_incident_marker(c: &Claim) -> Option<String> {
    const REACH: usize = 8;
    let events = &lexicon::get().events;
    [c.event.trigger_span, c.evidence]
        .into_iter()
        .find_map(|range| {
            let (before, _) = c.words_around(range);
            let near = &before[before.len().saturating_sub(REACH)..];
            let word = near
                .iter()
                .rev()
                .find(|w| events.other_incident_markers.contains(w));
            let window = format!(" {} ", near.join(" "));
            word.cloned().or_else(|| {
                events
                    .series_member_phrases
                    .iter()
                    .find(|p| window.contains(&format!(" {p} ")))
                    .cloned()
            })
        })
}

/// True when two dates differ because one is another incident's ("another capital murder
/// charge for the Nov. 7 shooting death"): not a different date of this one.
fn another_incidents_date(a: &Claim, b: &Claim) -> bool {
    kind_of(&a.value) == ConflictKind::Date
        && (other_incident_marker(a).is_some() || other_incident_marker(b).is_some())
}

/// News sentences rarely run past this many words; longer "sentences" are scanned pages,
/// ads or lists whose boundaries were lost.
const RUN_ON_WORDS: usize = 80;

/// What a caveat doubts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Doubt {
    /// How the value was read (a vague figure, a weekday resolved, a headline).
    Reading,
    /// What the figure covers (whom a phrase includes, another incident, a derived rest):
    /// a later, higher figure of another scope is no revision.
    Scope,
    /// The figure may count only part of the victims ("two others", "the four men who"):
    /// no larger than another figure, it does not contradict it.
    Part,
    /// The figure may count more than the other: several incidents ("in weekend
    /// shootings"), or a total less parts its article does not state ("seven shot", no
    /// death told). No smaller than another figure, it does not contradict it.
    Whole,
}

impl Doubt {
    /// True for doubts about what a figure covers.
    fn is_scope(self) -> bool {
        self != Doubt::Reading
    }
}

/// True when two counts differ only as a part and its whole would: a side that may count
/// a part is no larger than the other, or a side that may count more (several incidents, a
/// total with parts unsaid) is no smaller.
fn part_and_whole(
    a: &Claim,
    a_doubts: &[(Doubt, String)],
    b: &Claim,
    b_doubts: &[(Doubt, String)],
) -> bool {
    let (Value::Quantity(qa), Value::Quantity(qb)) = (&a.value, &b.value) else {
        return false;
    };
    let has = |doubts: &[(Doubt, String)], kind: Doubt| doubts.iter().any(|(d, _)| *d == kind);
    let holds = |doubts: &[(Doubt, String)], x: &Quantity, y: &Quantity| {
        has(doubts, Doubt::Part) && x.min <= y.min
            || has(doubts, Doubt::Whole) && x.min >= y.max.unwrap_or(y.min)
    };
    holds(a_doubts, qa, qb) || holds(b_doubts, qb, qa)
}

/// A claim's caveats written for either side of a conflict (as side A, as side B).
type SideDoubts = [Vec<(Doubt, String)>; 2];

/// Reasons to doubt a conflict that come from how one side's value was read; `side` ("A"
/// or "B") names the side in the text. A conflict's caveats are side A's, then side B's.
fn caveats(side: &str, c: &Claim) -> Vec<(Doubt, String)> {
    let mut out = Vec::new();
    match &c.value {
        Value::Date(_) if rule::is_relative_date(&c.rule, true) => {
            out.push((Doubt::Reading, format!("{side}'s date was resolved from a weekday or relative expression against the publication date")));
        }
        Value::Quantity(_) if is_inferred_count(c) => {
            out.push((
                Doubt::Reading,
                format!("{side}'s figure is vague or inferred from wording"),
            ));
        }
        _ => {}
    }
    // "as many as 2,000 jobs could be lost": an estimate or a possibility, not a report.
    if c.modality == Modality::Hedged {
        out.push((
            Doubt::Reading,
            format!("{side} is hedged (a possibility or an estimate)"),
        ));
    }
    // (The scope of a count of people: an age has none.)
    let counts_people = lexicon::get()
        .roles
        .roles
        .iter()
        .any(|r| r.attribute == c.attribute);
    if matches!(c.value, Value::Quantity(_)) && counts_people {
        let lower = c.text.to_lowercase();
        let lex = &lexicon::get().roles;
        if let Some(phrase) = lex
            .whole_scope_phrases
            .iter()
            .find(|p| lower.contains(p.as_str()))
        {
            out.push((
                Doubt::Whole,
                format!("{side}'s count may cover more than its role (\"{phrase}\")"),
            ));
        } else if let Some(phrase) = lex
            .part_scope_phrases
            .iter()
            .find(|p| lower.contains(p.as_str()))
        {
            out.push((
                Doubt::Part,
                format!("{side}'s count leaves some victims out (\"{phrase}\")"),
            ));
        } else if lex
            .scope_phrases
            .iter()
            .chain(&lex.attacker_included)
            .any(|p| lower.contains(p.as_str()))
        {
            out.push((
                Doubt::Scope,
                format!("{side}'s count says whom it covers (the attacker included or not, those at the scene)"),
            ));
        }
        if rule::has_parts_unstated(&c.rule) {
            out.push((
                Doubt::Whole,
                format!("{side}'s figure is derived from a total whose article leaves a part unstated: at most this many"),
            ));
        } else if rule::is_derived(&c.rule) {
            out.push((
                Doubt::Scope,
                format!("{side}'s figure is derived: a total less the parts its article states"),
            ));
        }
        if definite_count(c) {
            out.push((Doubt::Part, format!(
                "{side}'s count refers back to a group (\"the four men who...\"), which may be a part"
            )));
        }
        if let Some(kind) = subgroup_count(c) {
            out.push((
                Doubt::Part,
                format!("{side}'s count is of {kind} only, who may be part of the victims"),
            ));
        }
        if partial_count(c) {
            out.push((
                Doubt::Part,
                format!("{side}'s count may be only part of the victims (\"also\", \"others\")"),
            ));
        }
        if let Some(ordinal) = ordinal_before_trigger(c) {
            out.push((
                Doubt::Scope,
                format!(
                    "{side}'s event is one of several (\"{ordinal} {}\")",
                    c.event.trigger
                ),
            ));
        }
        if is_plural_noun(&c.event.trigger) {
            out.push((
                Doubt::Whole,
                format!(
                    "{side}'s figure may total several incidents (\"{}\")",
                    c.event.trigger
                ),
            ));
        }
        let before = c
            .text
            .get(..c.evidence[0].saturating_sub(c.span[0]))
            .unwrap_or("")
            .trim_end();
        // "a father and two children": a noun, not a verb, before "and" opens a list.
        let prior_word = before
            .trim_end_matches(" and")
            .trim_end_matches(',')
            .rsplit(' ')
            .next()
            .unwrap_or("");
        let after_verb = prior_word.ends_with("ed")
            || lexicon::get()
                .roles
                .roles
                .iter()
                .any(|r| r.verbs.iter().any(|v| v == prior_word));
        // "27 officers were injured in the clashes and 112 people were detained": the conjunct
        // before has its own finite verb, so it is another clause, not a list's first part.
        const CLAUSE_REACH: usize = 6;
        let grammar = &lexicon::get().grammar;
        let own_clause = before
            .split_whitespace()
            .rev()
            .skip(1)
            .take(CLAUSE_REACH)
            .any(|w| grammar.finite_be_forms.contains(&w.to_lowercase()));
        // A comma list names its first item with a figure or an article ("two men, three
        // women", "a woman, two men"); "In all, 31 people" and "On Monday, 31 people" open
        // with a phrase, not an item.
        const ITEM_REACH: usize = 4;
        let first_item = before
            .trim_end_matches(',')
            .split_whitespace()
            .rev()
            .take(ITEM_REACH)
            .any(|w| {
                let w = w.to_lowercase();
                w.starts_with(|c: char| c.is_ascii_digit())
                    || crate::recognize::numbers::word_value(&w).is_some()
                    || grammar.indefinite_openers.contains(&w)
            });
        let list_end = before.ends_with(" and") || before.ends_with(',') && first_item;
        if list_end && !after_verb && !own_clause {
            out.push((
                Doubt::Part,
                format!("{side}'s figure may be one part of a list"),
            ));
        }
    }
    if let Some(marker) = other_incident_marker(c) {
        out.push((
            Doubt::Scope,
            format!("{side} may describe another incident (\"{marker}\")"),
        ));
    }
    let t = c.text.trim_end();
    if t.split_whitespace().count() > RUN_ON_WORDS {
        out.push((
            Doubt::Reading,
            format!(
                "{side} comes from a run-on passage without sentence breaks (scanned pages, lists)"
            ),
        ));
    }
    if is_fragment(c) {
        out.push((
            Doubt::Reading,
            format!("{side} comes from a headline, caption or fragment"),
        ));
    }
    out
}

/// A claim's [`caveats`], and when its own article gives a higher figure (`higher`, from
/// [`higher_in_own_article`]), the doubt that it counts a part of it.
fn side_doubts(side: &str, c: &Claim, higher: Option<&str>) -> Vec<(Doubt, String)> {
    let mut doubts = caveats(side, c);
    if let Some(higher) = higher {
        doubts.push((
            Doubt::Part,
            format!("{side}'s article also gives a higher figure ({higher}): this one may be a part of it"),
        ));
    }
    doubts
}

/// True for a claim read from a headline, caption or fragment: text without a sentence end.
fn is_fragment(c: &Claim) -> bool {
    !c.text
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '\'', '’', ')'])
}

/// True when `c` is a count that is at most its figure (derived from a total whose article
/// leaves a part unstated: "seven shot", no death told) and `other` is a smaller count.
fn at_most_agrees(c: &Claim, other: &Value) -> bool {
    let (Value::Quantity(upper), Value::Quantity(q)) = (&c.value, other) else {
        return false;
    };
    rule::has_parts_unstated(&c.rule) && q.unit.is_none() && q.max.is_some_and(|m| m <= upper.min)
}

/// Per member: true when it is a headline whose figure a sentence of its own article in
/// the same cluster also gives. The body is the article's word: it says whom the figure
/// covers ("three dead, including the gunman" under "Three dead"), and headlines are often
/// left as first written while the story below is updated ("Two killed" over "up to 4
/// people were dead"). So such a headline is not compared.
fn headlines_stated_below(members: &[&Claim]) -> Vec<bool> {
    let fragment: Vec<bool> = members.iter().map(|c| is_fragment(c)).collect();
    let with_body: HashSet<&str> = members
        .iter()
        .zip(&fragment)
        .filter(|(_, &f)| !f)
        .map(|(c, _)| c.source.as_str())
        .collect();
    members
        .iter()
        .zip(&fragment)
        .map(|(c, &f)| f && with_body.contains(c.source.as_str()))
        .collect()
}

/// Per claim: a higher count its own article gives, in a plain sentence, for the same
/// attribute of an event of the same family not dated apart from the claim's own.
/// An article does not contradict itself: beside its own "14 others were wounded", its "He
/// hit two vehicles, injuring one person" counts one scene, so the lower figure may be a
/// part (or a count the article has since raised), not a rival total. (A recalled attack
/// "in 2009" with 13 dead is dated apart: its toll says nothing of today's three.)
fn higher_in_own_article(
    claims: &[Claim],
    matching: &Matching,
    published: &Published,
    values: &mut ValueTable,
) -> Vec<Option<String>> {
    let mut event_of = vec![usize::MAX; claims.len()];
    let mut event_dates: Vec<Vec<u32>> = vec![Vec::new(); matching.events.len()];
    for cluster in &matching.clusters {
        for &i in &cluster.claims {
            event_of[i] = cluster.event;
            if matches!(claims[i].value, Value::Date(_)) {
                event_dates[cluster.event].push(values.intern(&claims[i].value));
            }
        }
    }
    // An event every date of which ends this long before the article is a past one the
    // article recalls ("In 2019, the company cut 3,000 jobs"): apart from an undated one,
    // which is the article's news.
    const RECALLED_DAYS: i64 = 60;
    let dated_apart = |e: usize, f: usize, article: Option<CivilDate>| {
        let (Some(de), Some(df)) = (event_dates.get(e), event_dates.get(f)) else {
            return false;
        };
        let recalled = |dates: &[u32]| {
            article.is_some_and(|p| {
                !dates.is_empty()
                    && dates.iter().all(|&d| match values.get(d) {
                        Value::Date(v) => v.interval().is_some_and(|(_, last)| {
                            p.day_number() - last.day_number() > RECALLED_DAYS
                        }),
                        _ => false,
                    })
            })
        };
        e != f
            && (!de.is_empty()
                && !df.is_empty()
                && de.iter().all(|&a| {
                    df.iter()
                        .all(|&b| values.relation(a, b) == RelationKind::Conflict)
                })
                || de.is_empty() && recalled(df))
    };
    fn count(c: &Claim) -> Option<&Quantity> {
        match &c.value {
            Value::Quantity(q) if q.unit.is_none() => Some(q),
            _ => None,
        }
    }
    /// An article, an attribute and an event family.
    type Key<'c> = (&'c str, &'c str, &'c str);
    fn key_of(c: &Claim) -> Key<'_> {
        (&c.source, &c.attribute, &c.event.family)
    }
    // The plain stated counts of each article, attribute and event family, with their event.
    let mut stated: HashMap<Key, Vec<(usize, &Quantity)>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        // ("The union said as many as 2,000 jobs could be lost": a hedged figure or an upper
        // bound is no total the article gives.)
        let hedged = matches!(c.modality, Modality::Hedged | Modality::Negated);
        if is_fragment(c) || rule::is_derived(&c.rule) || hedged {
            continue;
        }
        if let Some(q) = count(c).filter(|q| q.exact || q.max.is_none()) {
            stated.entry(key_of(c)).or_default().push((event_of[i], q));
        }
    }
    claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let q = count(c)?;
            let article = published.get(&c.source).copied().flatten();
            stated
                .get(&key_of(c))?
                .iter()
                .filter(|(e, top)| {
                    top.min > q.max.unwrap_or(q.min) && !dated_apart(event_of[i], *e, article)
                })
                .max_by(|x, y| x.1.min.total_cmp(&y.1.min))
                .map(|(_, top)| top.display.clone())
        })
        .collect()
}

/// The judgement on one claim cluster.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub status: Status,
    /// Index of the claim whose value best represents the cluster.
    pub consensus: Option<usize>,
    /// Sources whose claims agree with the consensus.
    pub support: BTreeSet<String>,
    /// Sources whose claims contradict the consensus.
    pub dissent: BTreeSet<String>,
    /// Why values of the cluster that differ were not reported as conflicts (each reason
    /// once, sorted): a reader checking an unsettled fact sees what the engine discounted.
    pub unflagged: BTreeSet<&'static str>,
}

#[derive(Clone, Debug, Default)]
pub struct Judgement {
    /// One per cluster, in cluster order.
    pub verdicts: Vec<Verdict>,
    pub conflicts: Vec<Conflict>,
}

fn kind_of(v: &Value) -> ConflictKind {
    match v {
        Value::Date(_) => ConflictKind::Date,
        Value::Quantity(_) => ConflictKind::Quantity,
        Value::Entity(_) => ConflictKind::Entity,
        Value::Text { .. } => ConflictKind::Text,
    }
}

/// Narrower values are more informative: the width of a date interval or quantity range.
/// How wide a value is, in days or units: the narrower, the more precise.
pub(crate) fn width(v: &Value) -> f64 {
    match v {
        Value::Date(d) => match d.span {
            // An approximate date ("about May 3", "a Halloween party") is less precise than
            // the same days stated.
            DateSpan::Interval { first, last } => {
                let approximate = if d.modifier == Some(DateMod::Approx) {
                    0.5
                } else {
                    0.0
                };
                (last.day_number() - first.day_number()) as f64 + approximate
            }
            DateSpan::YearLess { day: Some(_), .. } => 1e5,
            DateSpan::YearLess { day: None, .. } => 1e6,
            DateSpan::Unplaced => 1e9,
        },
        // An open count ("at least 2") is wide, and a higher floor narrows it.
        Value::Quantity(q) => q.max.map_or(1e12 - q.min, |m| m - q.min),
        _ => 0.0,
    }
}

/// "Three dead, including the gunman" and "two killed": the victims without him. A toll
/// that counts the attacker in and one less agree. `a_in` and `b_in` say whether each
/// side's article counts the attacker in with that figure ([`attacker_included`]).
fn attacker_counted_apart(a: &Claim, a_in: bool, b: &Claim, b_in: bool) -> bool {
    let (Value::Quantity(qa), Value::Quantity(qb)) = (&a.value, &b.value) else {
        return false;
    };
    let one_less = |part: &Quantity, part_in: bool, whole: &Quantity, whole_in: bool| {
        part.exact && whole.exact && part.min + 1.0 == whole.min && whole_in && !part_in
    };
    one_less(qa, a_in, qb, b_in) || one_less(qb, b_in, qa, a_in)
}

/// The (source, attribute, value) of every toll an article says counts the attacker in, in
/// any of its sentences ("Four people are dead, including the gunman"), so that its
/// headline's "Four dead" counts him too. Values are interned in `table`.
fn attacker_included_tolls<'c>(
    claims: &'c [Claim],
    table: &mut ValueTable,
) -> HashSet<(&'c str, &'c str, u32)> {
    claims
        .iter()
        .filter(|c| matches!(c.value, Value::Quantity(_)) && attacker_included(c))
        .map(|c| {
            (
                c.source.as_str(),
                c.attribute.as_str(),
                table.intern(&c.value),
            )
        })
        .collect()
}

/// Per member of a cluster: whether its article counts the attacker in with its figure
/// (`value_of`, interned like `tolls`, from [`attacker_included_tolls`]).
fn attacker_included_in_article(
    members: &[&Claim],
    value_of: &[u32],
    tolls: &HashSet<(&str, &str, u32)>,
) -> Vec<bool> {
    members
        .iter()
        .zip(value_of)
        .map(|(c, &v)| tolls.contains(&(c.source.as_str(), c.attribute.as_str(), v)))
        .collect()
}

/// True when a claim's sentence says its toll counts the attacker in (lexicon
/// `attacker_included`: "four dead, including the gunman").
fn attacker_included(c: &Claim) -> bool {
    let lower = c.text.to_lowercase();
    lexicon::get()
        .roles
        .attacker_included
        .iter()
        .any(|p| lower.contains(p.as_str()))
}

/// True for the dates of two events of a recurring type ("a June 17 hearing", "a trial
/// set to begin July 25"): two sittings, not a contradiction.
fn sittings(a: &Claim, b: &Claim) -> bool {
    let events = &lexicon::get().events;
    matches!((&a.value, &b.value), (Value::Date(_), Value::Date(_)))
        && events.is_recurring(&a.event.kind)
        && events.is_recurring(&b.event.kind)
}

/// True for two dates one day apart that may name one night or one day read from two
/// moments: either was resolved from a weekday or a relative word, and either is read
/// against the hour of publication ("yesterday" in an article published after midnight),
/// is near midnight ("Saturday night" and "early Sunday" are often the same night), or
/// dates an incident, which happens at any hour and is dated by whoever found or reported
/// it. Such pairs are not reported as conflicts; "resigned on Sunday" and "resigned on
/// Monday" are.
fn adjacent_relative_days(a: &Claim, b: &Claim) -> bool {
    let (Value::Date(da), Value::Date(db)) = (&a.value, &b.value) else {
        return false;
    };
    let relative = |c: &Claim| rule::is_relative_date(&c.rule, false);
    let deictic = |c: &Claim| relative(c) && !rule::is_weekday_date(&c.rule);
    (relative(a) || relative(b))
        && da.gap_days(db).is_some_and(|g| g <= 1)
        && (lexicon::get().events.is_incident_family(&a.event.family)
            || [a, b].iter().any(|c| deictic(c) || near_midnight(c)))
}

/// True when a date claim's words put it near midnight (lexicon
/// `grammar.day_boundary_words`), or its words are not in its sentence (a date carried from
/// another sentence, whose time of day is unknown).
fn near_midnight(c: &Claim) -> bool {
    let words = &lexicon::get().grammar.day_boundary_words;
    let evidence = c.evidence_text();
    evidence.is_empty()
        || evidence
            .split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | ';' | '(' | ')'))
            .any(|w| words.contains(&w.to_lowercase()))
}

/// True when `c`'s date was read against a publication date that may not be the text's,
/// and `other` is where another anchor would put it:
/// - a weekday or weekend read as the latest one before the article ("on Sunday"), and
///   `other` on that weekday up to five weeks earlier: a follow-up published weeks later
///   still says "Sunday" of the incident;
/// - "last week" or "last weekend", and `other` in that week or the one after: an article
///   updated after its first publication, or a Sunday's "last week" meaning the week
///   ending that day.
///
/// The texts name one day two ways; only the anchor differs.
fn another_anchor_agrees(c: &Claim, other: &Value) -> bool {
    const WEEKS_BACK: i64 = 5;
    let (Value::Date(named), Value::Date(other)) = (&c.value, other) else {
        return false;
    };
    let (Some((first, last)), Some((day, day_last))) = (named.interval(), other.interval()) else {
        return false;
    };
    if day != day_last {
        return false;
    }
    let (first, last, day) = (first.day_number(), last.day_number(), day.day_number());
    let weekday_read_back = rule::is_past_weekday(&c.rule)
        || named.timex.ends_with("-WE") && rule::is_relative_date(&c.rule, false);
    let week_read_back = named.timex.contains("-W") && rule::is_relative_week(&c.rule);
    weekday_read_back
        && last - first <= 2
        && (1..=WEEKS_BACK).any(|w| (first..=last).contains(&(day + 7 * w)))
        || week_read_back && (first..=last + 7).contains(&day)
}

/// Which of a cluster's values claim `c`, published on `own`, agrees with under another
/// anchor ([`another_anchor_agrees`]), given each value (with its key) and its first
/// publication. A weekday read against a later publication (an article updated since) may
/// mean the one a report published no later gives, so of the values such reports state,
/// the latest: a "Sunday" is the Sunday before it, not every Sunday of the month.
fn anchored_value<'v, K>(
    c: &Claim,
    own: Option<CivilDate>,
    stated: impl IntoIterator<Item = (K, &'v Value, Option<CivilDate>)>,
) -> Option<K> {
    let own = own?;
    stated
        .into_iter()
        .filter(|(_, v, first)| first.is_some_and(|p| p <= own) && another_anchor_agrees(c, v))
        .max_by_key(|(_, v, _)| first_day(v))
        .map(|(key, _, _)| key)
}

/// The first day of a date's span, for ordering dates; `None` for other values.
fn first_day(value: &Value) -> Option<i64> {
    match value {
        Value::Date(d) => d.interval().map(|(first, _)| first.day_number()),
        _ => None,
    }
}

/// True when two claims of two articles come from one sentence copied into both: the
/// sentence cannot contradict itself, so its values differ only by what they were resolved
/// against (a weekday read from two publication dates). (Within one sentence of one
/// article, two quoted holders can disagree.)
fn copied_sentence(a: &Claim, b: &Claim) -> bool {
    a.source != b.source && a.text.split_whitespace().eq(b.text.split_whitespace())
}

pub use crate::ingest::Published;

/// An update between two counts: why, and whether `a` (rather than `b`) is the later figure.
struct Update {
    reason: String,
    a_is_later: bool,
    /// A sentence says so; otherwise only the order of publication does.
    stated: bool,
}

/// The update phrase of a claim's sentence ("the death toll rose to", "UPDATE:"), if any.
/// A negated one says no update happened: "the ministry has not revised its figure".
fn update_cue(c: &Claim) -> Option<String> {
    const NEGATION_REACH: usize = 2;
    let lower = c.text.to_lowercase();
    let modality = &lexicon::get().modality;
    let negated_at = |at: usize| {
        lower[..at]
            .split_whitespace()
            .rev()
            .take(NEGATION_REACH)
            .any(|w| modality.negations.contains(w) || w.ends_with("n't"))
    };
    modality
        .update_phrases
        .iter()
        .find(|p| {
            lower
                .match_indices(p.as_str())
                .any(|(at, _)| !negated_at(at))
        })
        .cloned()
}

/// True when `phrase`, an update cue of `c`'s sentence, marks `c`'s own figure as the
/// earlier one: "Earlier reports said two people had died" (the cue before the figure),
/// unlike "four were injured, not five as first reported".
fn gives_earlier_figure(c: &Claim, phrase: &str) -> bool {
    let modality = &lexicon::get().modality;
    let figure_at = c.evidence[0].saturating_sub(c.span[0]);
    modality.earlier_figure_phrases.iter().any(|p| p == phrase)
        && c.text
            .get(..figure_at)
            .is_some_and(|before| before.to_lowercase().contains(phrase))
}

/// True when `phrase` in `c`'s sentence names `c`'s own figure: "rose to 14" (at most two
/// words between, "rose to at least 14"), not "rose to five after rescuers recovered two".
fn names_figure(c: &Claim, phrase: &str) -> bool {
    const BETWEEN_WORDS: usize = 2;
    let figure_at = c.evidence[0].saturating_sub(c.span[0]);
    let Some(before) = c.text.get(..figure_at) else {
        return false;
    };
    let lower = before.to_lowercase();
    lower
        .rfind(phrase)
        .is_some_and(|at| lower[at + phrase.len()..].split_whitespace().count() <= BETWEEN_WORDS)
}

/// Why two differing counts look like an update rather than a contradiction: a sentence
/// says so ("the death toll rose to", "UPDATE:"), or the later report gives more.
/// `cue_a` and `cue_b` are each side's [`update_cue`].
fn update_between(
    a: &Claim,
    b: &Claim,
    cue_a: Option<&str>,
    cue_b: Option<&str>,
    published: &Published,
) -> Option<Update> {
    let (Value::Quantity(qa), Value::Quantity(qb)) = (&a.value, &b.value) else {
        return None;
    };
    let date = |c: &Claim| published.get(&c.source).copied().flatten();
    match (cue_a, cue_b) {
        (Some(p), None) | (None, Some(p)) => {
            let (cued, other) = if cue_a.is_some() { (a, b) } else { (b, a) };
            // "The toll rose to 14" replaced a lower figure: a higher one in a report no
            // later than it ("19 had died", the same evening) is not what it replaced, so
            // only the order of publication can make the two an update.
            let (q_cued, q_other) = if cue_a.is_some() { (qa, qb) } else { (qb, qa) };
            let rise = lexicon::get().modality.rise_phrases.iter().any(|r| r == p);
            let other_later = matches!((date(cued), date(other)), (Some(x), Some(y)) if y > x);
            let rival = rise
                && names_figure(cued, p)
                && !gives_earlier_figure(cued, p)
                && q_other.min > q_cued.max.unwrap_or(f64::INFINITY)
                && !other_later;
            if !rival {
                return Some(Update {
                    reason: format!("\"{p}\" marks an updated figure"),
                    a_is_later: cue_a.is_some() != gives_earlier_figure(cued, p),
                    stated: true,
                });
            }
        }
        (Some(p), Some(_)) => {
            return Some(Update {
                reason: format!("\"{p}\" marks an updated figure"),
                a_is_later: qa.min > qb.min,
                stated: true,
            })
        }
        (None, None) => {}
    }
    let role = lexicon::get()
        .roles
        .roles
        .iter()
        .find(|r| r.attribute == a.attribute);
    // A figure of no counted role (a person's age) does not run up as reports come in.
    if role.is_none_or(|r| r.fixed) {
        return None;
    }
    let (Some(da), Some(db)) = (date(a), date(b)) else {
        return None;
    };
    let (earlier, later) = if da < db {
        (qa, qb)
    } else if db < da {
        (qb, qa)
    } else {
        return None;
    };
    // Most counts grow as reports come in; those of a role that shrinks (the missing, as
    // they are found) fall.
    let shrinks = role.is_some_and(|r| r.shrinks);
    let (moved, reason) = if shrinks {
        (
            later.max.is_some_and(|m| m < earlier.min),
            "the later report gives a lower figure of a count that falls as it is resolved",
        )
    } else {
        (
            later.min > earlier.max.unwrap_or(f64::INFINITY),
            "the later report gives a higher figure",
        )
    };
    moved.then(|| Update {
        reason: reason.to_string(),
        a_is_later: da > db,
        stated: false,
    })
}

/// What judging needs beyond the claims, shared by every cluster of a story.
struct Context<'a> {
    claims: &'a [Claim],
    published: &'a Published,
    /// Distinct values, related once per pair across the story.
    values: ValueTable,
    /// The representative of each source in a copy group.
    representatives: HashMap<&'a str, &'a str>,
    /// Per claim: a higher figure its own article gives ([`higher_in_own_article`]).
    higher_in_article: Vec<Option<String>>,
    /// Tolls an article counts the attacker in with ([`attacker_included_tolls`]).
    attacker_tolls: HashSet<(&'a str, &'a str, u32)>,
}

/// The verdict on one cluster, and its conflicts appended to `conflicts`.
///
/// A large story's cluster holds hundreds of claims but few distinct values, so claims are
/// taken by value: relations are looked up per pair of distinct values, the pairs of claims
/// visited are only those whose values conflict, and support is counted per distinct value.
fn judge_cluster(
    ctx: &mut Context,
    cluster: &ClaimCluster,
    conflicts: &mut Vec<Conflict>,
) -> Verdict {
    let claims = ctx.claims;
    let members: Vec<&Claim> = cluster.claims.iter().map(|&i| &claims[i]).collect();
    let n = members.len();
    let mut sources: Vec<&str> = members.iter().map(|c| c.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    // Per member: its source's position in `sources`, and its value's number in the table.
    let source_of: Vec<usize> = members
        .iter()
        .map(|c| sources.binary_search(&c.source.as_str()).unwrap_or(0))
        .collect();
    let value_of: Vec<u32> = members
        .iter()
        .map(|c| ctx.values.intern(&c.value))
        .collect();
    let table = &ctx.values;
    // The cluster's distinct values, in order of first appearance, with their members (in
    // cluster order) and the number of their display text (distinct values may read alike).
    let mut distinct: Vec<u32> = Vec::new();
    let mut with_value: Vec<Vec<usize>> = Vec::new();
    let mut local: HashMap<u32, usize> = HashMap::new();
    let mut local_of = vec![0; n];
    for (k, &v) in value_of.iter().enumerate() {
        let l = *local.entry(v).or_insert_with(|| {
            distinct.push(v);
            with_value.push(Vec::new());
            distinct.len() - 1
        });
        with_value[l].push(k);
        local_of[k] = l;
    }
    let mut displays: HashMap<String, usize> = HashMap::new();
    let display_of: Vec<usize> = distinct
        .iter()
        .map(|&v| {
            let next = displays.len();
            *displays.entry(table.get(v).display()).or_insert(next)
        })
        .collect();

    let mut differs = false;
    let mut unflagged: BTreeSet<&'static str> = BTreeSet::new();
    let first_conflict = conflicts.len();
    // The two sides of each evolving figure: the earlier figures an update supersedes, and
    // the later ones.
    let (mut superseded, mut later) = (BTreeSet::new(), BTreeSet::new());
    // Conflicts between the same two values of the same two sources are reported once.
    let mut seen: HashSet<(usize, usize, usize, usize)> = HashSet::new();
    let cues: Vec<OnceCell<Option<String>>> = vec![OnceCell::new(); n];
    let doubts: Vec<OnceCell<SideDoubts>> = vec![OnceCell::new(); n];
    let doubts_of = |k: usize| {
        doubts[k].get_or_init(|| {
            let higher = ctx.higher_in_article[cluster.claims[k]].as_deref();
            ["A", "B"].map(|side| side_doubts(side, members[k], higher))
        })
    };
    let headline_below = headlines_stated_below(&members);
    let attacker_in = attacker_included_in_article(&members, &value_of, &ctx.attacker_tolls);
    for a in 0..n {
        // The later members whose value conflicts with this one's, in cluster order.
        let va = value_of[a];
        let mut partners: Vec<usize> = Vec::new();
        for (l, group) in with_value.iter().enumerate() {
            if table.relation(va, distinct[l]) == RelationKind::Conflict {
                let after = group.partition_point(|&b| b <= a);
                partners.extend_from_slice(&group[after..]);
            }
        }
        partners.sort_unstable();
        for b in partners {
            let (ca, cb) = (members[a], members[b]);
            // Within one article, only two holders quoted in one sentence ("police said two;
            // the hospital said three") disagree; elsewhere the article is describing
            // different events or moments (a roundup, an earlier incident, an update).
            if ca.source == cb.source && (ca.holder == cb.holder || ca.span != cb.span) {
                continue;
            }
            if another_anchor_agrees(ca, &cb.value) || another_anchor_agrees(cb, &ca.value) {
                continue;
            }
            differs = true;
            let discounted = if headline_below[a] || headline_below[b] {
                Some("a headline's figure, where its own article gives one below")
            } else if adjacent_relative_days(ca, cb) {
                Some("dates a day apart, which one night or one incident can span")
            } else if copied_sentence(ca, cb) {
                Some("one sentence copied into two articles, read against two dates")
            } else if sittings(ca, cb) {
                Some("two sittings of a recurring event")
            } else {
                None
            };
            if let Some(why) = discounted {
                unflagged.insert(why);
                continue;
            }
            let key = (
                source_of[a],
                source_of[b],
                display_of[local_of[a]],
                display_of[local_of[b]],
            );
            if !seen.insert(key) {
                continue;
            }
            let doubts = [doubts_of(a)[0].as_slice(), doubts_of(b)[1].as_slice()].concat();
            let scope_doubted = doubts.iter().any(|(d, _)| d.is_scope());
            let cue = |k: usize| cues[k].get_or_init(|| update_cue(members[k])).as_deref();
            // A part within a total is no contradiction, unless a side says it revised a figure.
            let part_whole = if attacker_counted_apart(ca, attacker_in[a], cb, attacker_in[b]) {
                Some("a toll with the attacker and one without")
            } else if part_and_whole(ca, &doubts_of(a)[0], cb, &doubts_of(b)[1]) {
                Some("a part of the count and a total")
            } else {
                None
            };
            if let Some(why) = part_whole.filter(|_| cue(a).is_none() && cue(b).is_none()) {
                unflagged.insert(why);
                continue;
            }
            if another_incidents_date(ca, cb) {
                unflagged.insert("another incident's date");
                continue;
            }
            // A higher figure in a later report is an update only when neither figure's scope
            // is in doubt: a part of the toll or another incident's is not a revision.
            let update = update_between(ca, cb, cue(a), cue(b), ctx.published)
                .filter(|u| u.stated || !scope_doubted);
            let caveats: Vec<String> = doubts.into_iter().map(|(_, text)| text).collect();
            if let Some(u) = &update {
                let (new, old) = if u.a_is_later { (a, b) } else { (b, a) };
                later.insert(new);
                superseded.insert(old);
            }
            let between = if ca.source == cb.source {
                Between::WithinSource
            } else if update.is_some() {
                Between::Update
            } else if ca.is_outlets_own() && cb.is_outlets_own() {
                Between::Outlets
            } else {
                Between::Holders
            };
            let reason = table.reason(va, value_of[b]);
            conflicts.push(Conflict {
                id: Conflict::id_of(&ca.id, &cb.id),
                cluster: cluster.id.clone(),
                claims: [ca.id.clone(), cb.id.clone()],
                kind: kind_of(&ca.value),
                between,
                confidence: if caveats.is_empty() {
                    Confidence::High
                } else {
                    Confidence::Low
                },
                caveats,
                reason: match update {
                    Some(u) => format!("{reason}; {}", u.reason),
                    None => reason,
                },
                resolution: None,
            });
        }
    }
    // Consensus: the latest figure of an evolving count; otherwise, among the values that
    // more than half as many sources agree with as with the best-supported one, the most
    // precise ("May 14, 2016", which four of five sources agree with, over "2016", which
    // all five do); then the value most sources agree with; then one the text states with
    // its event over one read into the wording, derived from a total, or carried from the
    // sentences around it; then the value most sources state as it is (not only agree
    // with); then the earliest date; then the first.
    let evolving = later.iter().any(|l| !superseded.contains(l));
    // Per member: the value its weekday agrees with under another anchor, if any.
    let published_of = |c: &Claim| ctx.published.get(&c.source).copied().flatten();
    let stated: Vec<(u32, &Value, Option<CivilDate>)> = distinct
        .iter()
        .zip(&with_value)
        .map(|(&w, group)| {
            let first = group.iter().filter_map(|&m| published_of(members[m])).min();
            (w, table.get(w), first)
        })
        .collect();
    let nearest_anchor: Vec<Option<u32>> = members
        .iter()
        .map(|c| anchored_value(c, published_of(c), stated.iter().copied()))
        .collect();
    // Per source: whether one of its claims agrees with value `v` (a weekday read against
    // a later publication agrees with the latest value before it; a count that is at most
    // its figure agrees with a smaller one).
    let agreeing = |v: u32| -> Vec<bool> {
        let mut agrees = vec![false; sources.len()];
        for (m, group) in with_value.iter().enumerate() {
            let agree = table.relation(distinct[m], v).is_agreement();
            for &c in group {
                if agree || nearest_anchor[c] == Some(v) || at_most_agrees(members[c], table.get(v))
                {
                    agrees[source_of[c]] = true;
                }
            }
        }
        agrees
    };
    // Per distinct value: how many sources have a claim that agrees with it.
    let mut support_of: Vec<Option<usize>> = vec![None; distinct.len()];
    // Per distinct value: how many independent sources state it exactly.
    let stating: Vec<usize> = with_value
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|&c| independent(&ctx.representatives, sources[source_of[c]]))
                .collect::<BTreeSet<_>>()
                .len()
        })
        .collect();
    let candidates: Vec<(f64, usize, bool, bool, usize, usize)> = members
        .iter()
        .enumerate()
        .filter(|(k, _)| !evolving || (later.contains(k) && !superseded.contains(k)))
        .map(|(k, cand)| {
            let l = local_of[k];
            let support = *support_of[l]
                .get_or_insert_with(|| agreeing(distinct[l]).iter().filter(|&&x| x).count());
            (
                width(&cand.value),
                support,
                !doubts_of(k)[0].iter().any(|(d, _)| *d == Doubt::Part),
                !is_inferred_count(cand)
                    && !rule::is_carried_date(&cand.rule)
                    && !rule::is_derived(&cand.rule),
                stating[l],
                k,
            )
        })
        .collect();
    let most = candidates.iter().map(|c| c.1).max().unwrap_or(0);
    let best = candidates
        .into_iter()
        .filter(|&(_, support, ..)| 2 * support > most)
        .min_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then(b.3.cmp(&a.3))
                .then(b.4.cmp(&a.4))
                .then(first_day(&members[a.5].value).cmp(&first_day(&members[b.5].value)))
                .then(a.5.cmp(&b.5))
        });
    let consensus = best.map(|(.., k)| cluster.claims[k]);
    let (mut support, mut dissent) = (BTreeSet::new(), BTreeSet::new());
    if let Some((.., k)) = best {
        for (s, agree) in sources.iter().zip(agreeing(value_of[k])) {
            if agree {
                support.insert(s.to_string());
            } else {
                dissent.insert(s.to_string());
            }
        }
    }
    let status = if conflicts[first_conflict..].iter().any(Conflict::is_firm) {
        Status::Conflict
    } else if differs {
        Status::Unsettled
    } else if sources
        .iter()
        .map(|&s| independent(&ctx.representatives, s))
        .collect::<BTreeSet<_>>()
        .len()
        < 2
    {
        // Copies of one wire story are one source: their agreement corroborates nothing.
        Status::Single
    } else if voices(&members, &ctx.representatives) < 2 {
        Status::OneHolder
    } else {
        Status::Agree
    };
    // Reasons matter only where nothing was flagged or agreed: an unsettled cluster.
    if status != Status::Unsettled {
        unflagged.clear();
    }
    Verdict {
        status,
        consensus,
        support,
        dissent,
        unflagged,
    }
}

/// A source's independent voice: the representative of its copy group, or itself.
fn independent<'s>(representatives: &HashMap<&str, &'s str>, source: &'s str) -> &'s str {
    representatives.get(source).copied().unwrap_or(source)
}

/// The independent voices among a cluster's claims: each source in its own voice (a copy
/// group counting once), or the one holder every claim of a source quotes. Two outlets that
/// both write "police said" are one voice, the police's.
fn voices(members: &[&Claim], representatives: &HashMap<&str, &str>) -> usize {
    let own_voice = |s: &str| format!("source:{}", independent(representatives, s));
    // "the police" and "police" are one holder (lexicon `attribution.holder_determiners`).
    let determiners = &lexicon::get().attribution.holder_determiners;
    let mut per_source: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for c in members {
        let voice = match &c.holder {
            Holder::Attributed { name, .. } => {
                let name = name.to_lowercase();
                let name = match name.split_once(' ') {
                    Some((first, rest)) if determiners.contains(first) => rest,
                    _ => &name,
                };
                format!("holder:{name}")
            }
            Holder::Outlet => own_voice(&c.source),
        };
        per_source
            .entry(c.source.as_str())
            .or_default()
            .insert(voice);
    }
    per_source
        .into_iter()
        .map(|(s, v)| match v.len() {
            1 => v.into_iter().next().unwrap_or_default(),
            _ => own_voice(s),
        })
        .collect::<BTreeSet<_>>()
        .len()
}

/// Judges every cluster of a matching.
pub fn judge(
    claims: &[Claim],
    matching: &Matching,
    published: &Published,
    copies: &[CopyGroup],
) -> Judgement {
    let mut values = ValueTable::default();
    let higher_in_article = higher_in_own_article(claims, matching, published, &mut values);
    let attacker_tolls = attacker_included_tolls(claims, &mut values);
    let mut ctx = Context {
        claims,
        published,
        values,
        higher_in_article,
        attacker_tolls,
        representatives: copies
            .iter()
            .flat_map(|g| {
                g.sources
                    .iter()
                    .map(|s| (s.as_str(), g.sources[0].as_str()))
            })
            .collect(),
    };
    let mut conflicts = Vec::new();
    let verdicts = matching
        .clusters
        .iter()
        .map(|c| judge_cluster(&mut ctx, c, &mut conflicts))
        .collect();
    Judgement {
        verdicts,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::{match_claims, MatchOptions};
    use crate::reconcile::extract_story;
    use std::path::Path;

    fn count_claim(text: &str, attribute: &str) -> Claim {
        let source = crate::ingest::Source::parse(Path::new("case.txt"), text.to_string()).unwrap();
        crate::claims::extract(&source, &Default::default())
            .into_iter()
            .find(|c| c.attribute == attribute)
            .unwrap()
    }

    fn doubt_kinds(c: &Claim) -> Vec<(Doubt, String)> {
        caveats("A", c)
    }

    /// True when the two counts differ only as a part and its whole would.
    fn part_of_whole(a: &Claim, b: &Claim) -> bool {
        part_and_whole(a, &doubt_kinds(a), b, &doubt_kinds(b))
    }

    fn has_doubt(c: &Claim, kind: Doubt) -> bool {
        doubt_kinds(c).iter().any(|(d, _)| *d == kind)
    }

    #[test]
    fn a_count_after_another_clause_is_no_list_part_and_a_denied_revision_no_update() {
        let after_noun = count_claim(
            "Police reported injuries among officers in the clashes and 112 people were detained.",
            "detained",
        );
        let clause = count_claim(
            "The ministry said 27 officers were injured in the clashes and 112 people were detained.",
            "detained",
        );
        let part = |c: &Claim| {
            doubt_kinds(c)
                .iter()
                .any(|(_, t)| t.contains("part of a list"))
        };
        assert!(part(&after_noun), "{after_noun:?}");
        let listed = count_claim("Officers found a man, 12 people were injured.", "injured");
        let opened = count_claim("In all, 31 people were injured.", "injured");
        assert!(part(&listed), "{listed:?}");
        assert!(!part(&opened), "{opened:?}");
        assert!(!part(&clause), "{clause:?}");
        let denied = count_claim(
            "The Interior Ministry has not revised its figure of 112 people detained.",
            "detained",
        );
        let revised = count_claim(
            "The Interior Ministry revised its figure to 112 people detained.",
            "detained",
        );
        assert_eq!(update_cue(&denied), None);
        assert_eq!(update_cue(&revised).as_deref(), Some("revised"));
    }

    #[test]
    fn a_part_no_larger_and_a_total_of_several_incidents_no_smaller_do_not_contradict() {
        let total = count_claim(
            "Five people were wounded in the shooting, police said.",
            "injured",
        );
        let part = count_claim("Two others were wounded, police said.", "injured");
        let roundup = count_claim(
            "Twelve people were wounded in weekend shootings, police said.",
            "injured",
        );
        let (kt, kp, kr) = (
            doubt_kinds(&total),
            doubt_kinds(&part),
            doubt_kinds(&roundup),
        );
        assert!(kp.iter().any(|(d, _)| *d == Doubt::Part));
        assert!(kr.iter().any(|(d, _)| *d == Doubt::Whole));
        assert!(part_and_whole(&part, &kp, &total, &kt));
        assert!(part_and_whole(&total, &kt, &roundup, &kr));
        // A part larger than the other figure, or a roundup smaller, still differs.
        let big_part = count_claim("Nine others were wounded, police said.", "injured");
        assert!(!part_and_whole(
            &big_part,
            &doubt_kinds(&big_part),
            &total,
            &kt
        ));
        let few = count_claim("Three people were wounded in weekend shootings.", "injured");
        assert!(!part_and_whole(&total, &kt, &few, &doubt_kinds(&few)));
        // "Seven shot" with no death told: at most seven wounded, so six does not contradict.
        let shot = count_claim("Seven people were shot, police said.", "injured");
        assert!(rule::has_parts_unstated(&shot.rule));
        let six = count_claim("Six people were wounded, police said.", "injured");
        assert!(part_and_whole(
            &shot,
            &doubt_kinds(&shot),
            &six,
            &doubt_kinds(&six)
        ));
        let nine = count_claim("Nine people were wounded, police said.", "injured");
        assert!(!part_and_whole(
            &shot,
            &doubt_kinds(&shot),
            &nine,
            &doubt_kinds(&nine)
        ));
        // And for the consensus, it supports the smaller figure, not the larger.
        assert!(at_most_agrees(&shot, &six.value) && !at_most_agrees(&shot, &nine.value));
    }

    fn date_claim(text: &str) -> Claim {
        let text = format!("+++\npublished = \"2025-07-08\"\n+++\n{text}\n");
        count_claim(&text, "date")
    }

    #[test]
    fn outlets_quoting_one_holder_are_one_voice() {
        let from = |source: &str, text: &str| Claim {
            source: source.into(),
            ..count_claim(text, "killed")
        };
        let a = from("a", "Three people were killed, police said.");
        let b = from("b", "Three people were killed, the police said.");
        let own = from("c", "Three people were killed in the attack.");
        let hospital = from(
            "d",
            "Three people were killed, a hospital spokeswoman said.",
        );
        let none = HashMap::new();
        assert_eq!(voices(&[&a, &b], &none), 1);
        assert_eq!(voices(&[&a, &own], &none), 2);
        assert_eq!(voices(&[&a, &b, &hospital], &none), 2);
        // An outlet's own voice and its copy are one voice too.
        let copy = from("e", "Three people were killed in the attack.");
        let reps = HashMap::from([("e", "c")]);
        assert_eq!(voices(&[&own, &copy], &reps), 1);
    }

    #[test]
    fn one_day_apart_is_skipped_only_where_one_night_or_one_incident_may_be_two_days() {
        // 2025-07-08 was a Tuesday: "Sunday" is July 6, "Monday" July 7.
        let sunday = date_claim("The minister resigned on Sunday, his office said.");
        let monday = date_claim("The minister resigned on Monday, his office said.");
        assert!(!adjacent_relative_days(&sunday, &monday));
        let late = date_claim("The minister resigned late Sunday night, his office said.");
        assert!(adjacent_relative_days(&late, &monday));
        let yesterday = date_claim("The minister resigned yesterday, his office said.");
        assert!(adjacent_relative_days(&yesterday, &sunday));
        // An incident is dated by whoever found or reported it.
        let shot_sunday = date_claim("A man was shot on Sunday, police said.");
        let shot_monday = date_claim("A man was shot on Monday, police said.");
        assert!(adjacent_relative_days(&shot_sunday, &shot_monday));
    }

    #[test]
    fn a_count_of_one_kind_of_person_may_be_a_part_of_the_people() {
        let people = count_claim("Four people were injured in the shooting.", "injured");
        let teens = count_claim("The gunfire wounded three teens at the park.", "injured");
        assert!(has_doubt(&teens, Doubt::Part));
        assert!(part_of_whole(&teens, &people));
        // More of one kind than all the people counted still differs.
        let many = count_claim("The gunfire wounded five teens at the park.", "injured");
        assert!(!part_of_whole(&many, &people));
        // "People" names no kind.
        assert!(!has_doubt(&people, Doubt::Part));
    }

    #[test]
    fn scope_phrases_that_widen_or_narrow_a_count() {
        let shot = count_claim("Five people were shot near the restaurant.", "shot");
        let wider = count_claim(
            "Firefighters found six people with gunshot wounds and other injuries.",
            "shot",
        );
        assert!(has_doubt(&wider, Doubt::Whole));
        assert!(part_of_whole(&wider, &shot));
        // Found on arrival: maybe not everyone.
        let found = count_claim(
            "When they arrived they found three people shot, police said.",
            "shot",
        );
        assert!(has_doubt(&found, Doubt::Part));
        assert!(part_of_whole(&found, &shot));
        // Injured by one cause: the others (a girl hurt as she fled) are left out.
        let all = count_claim("Six received injuries from the shooting.", "injured");
        let by_gunshots = count_claim("So five people were injured by gunshots.", "injured");
        assert!(has_doubt(&by_gunshots, Doubt::Part));
        assert!(part_of_whole(&by_gunshots, &all));
        // But "hit by gunfire" counts everyone shot: no part.
        let hit = count_claim("Police said four people were hit by gunfire.", "shot");
        assert!(!has_doubt(&hit, Doubt::Part));
    }

    /// "Earlier reports said two" gives the earlier figure; "four, not five as first
    /// reported" the later.
    #[test]
    fn an_earlier_reports_cue_marks_its_own_figure_as_the_old_one() {
        let now = count_claim(
            "Three people were killed in the shooting at the bar.",
            "killed",
        );
        let before = count_claim("Earlier reports said two people had died.", "killed");
        let cue = update_cue(&before);
        let u = update_between(&now, &before, None, cue.as_deref(), &Published::new()).unwrap();
        assert!(u.a_is_later);
        let revised = count_claim(
            "Four people were injured in the shooting, not five as first reported.",
            "injured",
        );
        let first = count_claim("Five people were injured in the shooting.", "injured");
        let cue = update_cue(&revised);
        let u = update_between(&first, &revised, None, cue.as_deref(), &Published::new()).unwrap();
        assert!(!u.a_is_later);
    }

    /// A later report's lower count is an update of the missing, not of the dead.
    #[test]
    fn the_missing_fall_as_reports_come_in() {
        let day = |d: u8| CivilDate::new(2024, 3, d);
        let published_on = |a: &Claim, b: &Claim| -> Published {
            [(a.source.clone(), day(13)), (b.source.clone(), day(16))].into()
        };
        let first = count_claim("Four workers were missing after the blast.", "missing");
        let mut later = count_claim("Two workers remain missing after the blast.", "missing");
        later.source = "later".into();
        let u = update_between(&first, &later, None, None, &published_on(&first, &later));
        assert!(u.is_some_and(|u| !u.a_is_later));
        let dead = count_claim("Four workers were killed in the blast.", "killed");
        let mut fewer = count_claim("Two workers were killed in the blast.", "killed");
        fewer.source = "later".into();
        assert!(update_between(&dead, &fewer, None, None, &published_on(&dead, &fewer)).is_none());
    }

    #[test]
    fn another_incidents_date_is_not_this_ones() {
        let own = count_claim("The girl was shot and killed on Nov. 14, 2016.", "date");
        let other = count_claim(
            "He faces another capital murder charge for the Nov. 7, 2016 shooting death of a man.",
            "date",
        );
        assert!(other_incident_marker(&other).is_some());
        assert!(another_incidents_date(&own, &other));
        // Counts are not: "another" may add a victim to this incident.
        let killed = count_claim("Two people were killed on Monday.", "killed");
        assert!(!another_incidents_date(&killed, &killed));
        // One of a series told together: a round-up's latest killing may be another's.
        let latest = count_claim(
            "The most recent shooting occurred on October 23, 2016, police said.",
            "date",
        );
        assert_eq!(
            other_incident_marker(&latest).as_deref(),
            Some("most recent")
        );
        assert!(another_incidents_date(&own, &latest));
        assert_eq!(other_incident_marker(&own), None);
    }

    #[test]
    fn a_headline_its_own_body_states_is_not_compared() {
        let text = "Two killed in shooting at Excel Industries warehouse in Hesston\n\n\
                    Four people were killed in the shooting on Monday, the sheriff said.\n";
        let source = crate::ingest::Source::parse(Path::new("a.txt"), text.to_string()).unwrap();
        let killed: Vec<Claim> = crate::claims::extract(&source, &Default::default())
            .into_iter()
            .filter(|c| c.attribute == "killed")
            .collect();
        let members: Vec<&Claim> = killed.iter().collect();
        let (headline, body): (Vec<&Claim>, Vec<&Claim>) =
            members.iter().partition(|c| is_fragment(c));
        assert_eq!((headline.len(), body.len()), (1, 1));
        let below = headlines_stated_below(&members);
        let at = |c: &Claim| members.iter().position(|m| std::ptr::eq(*m, c)).unwrap();
        assert!(below[at(headline[0])]);
        assert!(!below[at(body[0])]);
        // Alone, a headline is the article's word.
        assert_eq!(headlines_stated_below(&headline), vec![false]);
    }

    /// A lower count beside its own article's higher one is doubted as a part; a recalled
    /// attack dated apart lends no higher figure, and headlines lend none.
    #[test]
    fn a_lower_count_beside_its_articles_own_total_may_be_a_part() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let story = crate::ingest::load_story(
            &root.join("tests/fixtures/stories/scene-within-total"),
            crate::ingest::DEFAULT_MAX_BYTES,
        )
        .unwrap();
        let claims = extract_story(&story);
        let published = story.published();
        let matching = match_claims(&claims, &published, &MatchOptions::default());
        let higher =
            higher_in_own_article(&claims, &matching, &published, &mut ValueTable::default());
        let of = |attribute: &str, display: &str| {
            claims
                .iter()
                .zip(&higher)
                .filter(|(c, _)| c.attribute == attribute && c.value.display() == display)
                .map(|(c, h)| (c.source.clone(), h.clone()))
                .collect::<Vec<_>>()
        };
        let (a, b) = (story.sources[0].id.clone(), story.sources[1].id.clone());
        // Each article's "injuring one person" is a part of its own fourteen.
        assert_eq!(
            of("injured", "one"),
            vec![
                (a.clone(), Some("Fourteen".to_string())),
                (b.clone(), Some("Fourteen".to_string()))
            ]
        );
        // Today's three is not a part of the nine killed in 2015.
        assert_eq!(of("killed", "three"), vec![(a.clone(), None)]);
        assert_eq!(of("killed", "Nine"), vec![(a, None)]);
        let judgement = judge(&claims, &matching, &published, &[]);
        let flagged: Vec<String> = judgement
            .conflicts
            .iter()
            .map(|c| c.reason.clone())
            .collect();
        assert_eq!(flagged, vec!["3 and 4 differ".to_string()]);
    }

    /// Judging by distinct value must find the conflicts, in the order, that visiting every
    /// pair of claims finds, and the same consensus support.
    #[test]
    fn judging_by_value_matches_every_pair() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = crate::synthetic::base_sources(root).unwrap();
        let story = crate::synthetic::story(&base, 60).unwrap();
        let claims = extract_story(&story);
        let published = story.published();
        let matching = match_claims(&claims, &published, &MatchOptions::default());
        let judgement = judge(&claims, &matching, &published, &[]);
        let higher =
            higher_in_own_article(&claims, &matching, &published, &mut ValueTable::default());

        let mut expected = Vec::new();
        for (cluster, verdict) in matching.clusters.iter().zip(&judgement.verdicts) {
            let members: Vec<&Claim> = cluster.claims.iter().map(|&i| &claims[i]).collect();
            let mut seen = BTreeSet::new();
            let below = headlines_stated_below(&members);
            let mut table = ValueTable::default();
            let tolls = attacker_included_tolls(&claims, &mut table);
            let value_of: Vec<u32> = members.iter().map(|c| table.intern(&c.value)).collect();
            let attacker_in = attacker_included_in_article(&members, &value_of, &tolls);
            for (a, ca) in members.iter().enumerate() {
                for (b, cb) in members.iter().enumerate().skip(a + 1) {
                    let same_article = ca.source == cb.source;
                    if (same_article && (ca.holder == cb.holder || ca.span != cb.span))
                        || ca.value.relate(&cb.value).kind != RelationKind::Conflict
                        || another_anchor_agrees(ca, &cb.value)
                        || another_anchor_agrees(cb, &ca.value)
                        || below[a]
                        || below[b]
                        || adjacent_relative_days(ca, cb)
                        || sittings(ca, cb)
                        || another_incidents_date(ca, cb)
                        || ((attacker_counted_apart(ca, attacker_in[a], cb, attacker_in[b])
                            || part_and_whole(
                                ca,
                                &side_doubts("A", ca, higher[cluster.claims[a]].as_deref()),
                                cb,
                                &side_doubts("B", cb, higher[cluster.claims[b]].as_deref()),
                            ))
                            && update_cue(ca).is_none()
                            && update_cue(cb).is_none())
                    {
                        continue;
                    }
                    let key = (
                        &ca.source,
                        &cb.source,
                        ca.value.display(),
                        cb.value.display(),
                    );
                    if seen.insert(key) {
                        expected.push([ca.id.clone(), cb.id.clone()]);
                    }
                }
            }
            let Some(k) = verdict.consensus else { continue };
            let published_of = |c: &Claim| published.get(&c.source).copied().flatten();
            let stated = || {
                members
                    .iter()
                    .map(|m| (&m.value, &m.value, published_of(m)))
            };
            for c in &members {
                let agrees = members.iter().any(|o| {
                    o.source == c.source
                        && (o.value.relate(&claims[k].value).is_agreement()
                            || anchored_value(o, published_of(o), stated())
                                .is_some_and(|v| *v == claims[k].value)
                            || at_most_agrees(o, &claims[k].value))
                });
                assert_eq!(verdict.support.contains(&c.source), agrees);
                assert_eq!(verdict.dissent.contains(&c.source), !agrees);
            }
        }
        let found: Vec<[String; 2]> = judgement
            .conflicts
            .iter()
            .map(|c| c.claims.clone())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(found, expected);
    }
}
