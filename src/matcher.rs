//! Matching: which claims, across sources, state the same attribute of the same event.
//!
//! Two levels, both graphs. First, event mentions (the claims of one source that share a
//! trigger) are joined when their families agree and their contexts are alike: a TF-IDF
//! cosine over the words of their sentences, so that rare words ("Sputnik",
//! "Yekaterinburg") weigh more than the story's common ones, nudged by place and date
//! agreement. Dates far apart block a merge: an article that recalls a 2009 shooting
//! describes another event; an undated announcement, result or visit (kinds that recur,
//! unlike incidents) is dated for this by its article's publication. Serial numbers block one
//! too: "the city's 39th homicide" and "its 40th homicide of the year" are two. Merging is greedy,
//! strongest pair first, and never joins two groups that contain a blocked pair. Second, inside each event, claims of one attribute
//! whose values can be compared are joined; the connected components are the claim
//! clusters that `compare` judges.
//!
//! Large stories: only candidate pairs that share a blocking key (a word, a month, a name,
//! the article) are scored, and the average link between two groups comes from sums kept
//! per group, so the cost grows close to linearly with the number of mentions.

use crate::calendar::CivilDate;
use crate::claims::{Claim, PERSON_EVENT};
use crate::hash::stable_id;
use crate::ingest::Published;
use crate::lexicon;
use crate::value::{
    DateSpan, DateValue, EntityValue, Granularity, RelationKind, Value, ValueTable,
};
use petgraph::unionfind::UnionFind;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// Least similarity of an event to one mention of its family's headline event for it to
    /// be folded into the headline when it only adds to it.
    pub absorb_link: f64,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            threshold: 0.15,
            average_link: 0.75,
            same_source_prior: 0.15,
            max_date_gap_days: crate::value::BACKGROUND_DAYS,
            absorb_link: 0.05,
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
    /// Its article's publication date.
    published: Option<CivilDate>,
    /// Its serial number in a series, with the series' key ([`serial_of`]).
    serial: Option<(String, u32)>,
}

/// "The city's 40th homicide of the year": the number an article gives the event among
/// others of its kind, and the series it counts in (who keeps it, the trigger noun, the
/// scope words after it). Two numbers of one series are two events: the 39th and the 40th
/// homicide share every word of their template but the number.
fn serial_of(c: &Claim) -> Option<(String, u32)> {
    let (number, before, after) = c.ordinal_before_trigger()?;
    let n = before.len();
    let keeper = (n >= 3 && before[n - 2] == "s").then(|| before[n - 3].as_str());
    let noun = c.event.trigger.to_lowercase();
    let scope_words = &lexicon::get().events.series_scope_words;
    let scope: Vec<&str> = after
        .iter()
        .take_while(|w| scope_words.contains(w))
        .map(String::as_str)
        .collect();
    Some((
        format!(
            "{}|{}|{}",
            keeper.unwrap_or(""),
            noun.trim_end_matches('s'),
            scope.join(" ")
        ),
        number as u32,
    ))
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

fn mentions_of(claims: &[Claim], published: &Published) -> Vec<Mention> {
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
                source: source.clone(),
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
                published: published.get(&source).copied().flatten(),
                // (Every claim whose sentence holds the trigger reads the same words.)
                serial: idx
                    .iter()
                    .map(|&i| &claims[i])
                    .find(|c| c.span[0] <= trigger[0] && trigger[1] <= c.span[1])
                    .and_then(serial_of),
                claims: idx,
                words,
            }
        })
        .collect()
}

/// A posting list of a blocking key longer than this is a common key (a word most mentions of
/// the event share): its mentions are paired only within a sliding window. Every key of a
/// story of a few dozen articles stays below it, so small stories are matched exhaustively.
const FULL_BLOCK: usize = 64;
/// In a common key's posting list, each mention is paired with this many followers.
const WINDOW: usize = 4;

/// Dates far apart, or in different years or decades, make two mentions different events.
fn dates_block(da: &Value, db: &Value, opts: &MatchOptions) -> bool {
    let (Value::Date(da), Value::Date(db)) = (da, db) else {
        return false;
    };
    if da
        .gap_days(db)
        .is_some_and(|gap| gap > opts.max_date_gap_days)
    {
        return true;
    }
    // Two different years (or decades) name two periods, not one event misdated.
    let coarse = |d: &DateValue| d.granularity >= Granularity::Year;
    (coarse(da) || coarse(db)) && da.relate(db).kind == RelationKind::Conflict
}

/// What `similarity` adds for a pair of participants (agent or target): the same
/// participants support one event, different ones (seven employees vs eight IT experts)
/// suggest two.
fn participant_bonus(rel: RelationKind) -> f64 {
    if rel.is_agreement() {
        0.1
    } else if rel == RelationKind::Conflict {
        -0.15
    } else {
        0.0
    }
}

fn place_bonus(rel: RelationKind) -> f64 {
    if rel.is_agreement() {
        0.15
    } else {
        -0.1
    }
}

fn date_bonus(rel: RelationKind) -> f64 {
    match rel {
        RelationKind::Equal | RelationKind::Refinement => 0.15,
        _ => 0.0,
    }
}

/// What `similarity` adds for two values of one slot.
fn slot_bonus(slot: usize, rel: RelationKind) -> f64 {
    match slot {
        TARGET | AGENT => participant_bonus(rel),
        PLACE => place_bonus(rel),
        _ => date_bonus(rel),
    }
}

/// Mentions prepared for scoring: TF-IDF weights by word id, norms, interned values.
struct Scorer<'a> {
    mentions: &'a [Mention],
    /// Per mention, (word id, idf weight) in word order; ids follow the words' sort order, so
    /// sums run in the same order as over the words themselves.
    terms: Vec<Vec<(u32, f64)>>,
    norms: Vec<f64>,
    /// Values of mentions (place, date, agent, target), numbered, related once.
    values: ValueTable,
    /// Interned date pairs that block a merge.
    date_blocks: RefCell<HashMap<(u32, u32), bool>>,
    /// Per mention: target, agent, place, date (interned).
    slots: Vec<[Option<u32>; 4]>,
    /// Per mention, the date that blocks merges (interned): its own, or for an undated
    /// mention of a recurring kind of event, its article's publication day.
    block_dates: Vec<Option<u32>>,
    /// Per mention of a recurring kind of event, its own stated date (interned): two such
    /// dates that do not overlap are two events ([`Scorer::recurrences`]).
    recurrence_dates: Vec<Option<u32>>,
    /// Per mention, its serial: (series key id, number) ([`serial_of`]).
    serials: Vec<Option<(u32, u32)>>,
    opts: &'a MatchOptions,
}

const TARGET: usize = 0;
const AGENT: usize = 1;
const PLACE: usize = 2;
const DATE: usize = 3;

impl<'a> Scorer<'a> {
    fn new(mentions: &'a [Mention], opts: &'a MatchOptions) -> Scorer<'a> {
        let idf = inverse_document_frequency(mentions);
        let ids: HashMap<&str, (u32, f64)> = idf
            .iter()
            .enumerate()
            .map(|(i, (w, f))| (*w, (i as u32, *f)))
            .collect();
        let terms: Vec<Vec<(u32, f64)>> = mentions
            .iter()
            .map(|m| m.words.iter().map(|w| ids[w.as_str()]).collect())
            .collect();
        let norms = terms
            .iter()
            .map(|t| t.iter().map(|(_, w)| w.powi(2)).sum::<f64>().sqrt())
            .collect();
        let mut values = ValueTable::default();
        let slots: Vec<[Option<u32>; 4]> = mentions
            .iter()
            .map(|m| {
                [&m.target, &m.agent, &m.place, &m.date]
                    .map(|v| v.as_ref().map(|v| values.intern(v)))
            })
            .collect();
        // Announcements, results and visits recur: one told undated in an article of 2005
        // is not one told in an article of 2010. (An incident is what follow-ups recall.)
        let events = &lexicon::get().events;
        let block_dates = mentions
            .iter()
            .zip(&slots)
            .map(|(m, slot)| {
                slot[DATE].or_else(|| {
                    let day = m
                        .published
                        .filter(|_| !events.is_incident_family(&m.family))?;
                    Some(values.intern(&Value::Date(DateValue::day(day))))
                })
            })
            .collect();
        let recurrence_dates = mentions
            .iter()
            .zip(&slots)
            .map(|(m, slot)| slot[DATE].filter(|_| events.is_recurring(&m.kind)))
            .collect();
        let mut series: HashMap<&str, u32> = HashMap::new();
        let serials = mentions
            .iter()
            .map(|m| {
                let (key, number) = m.serial.as_ref()?;
                let next = series.len() as u32;
                Some((*series.entry(key.as_str()).or_insert(next), *number))
            })
            .collect();
        Scorer {
            mentions,
            terms,
            serials,
            norms,
            values,
            date_blocks: RefCell::default(),
            slots,
            block_dates,
            recurrence_dates,
            opts,
        }
    }

    /// Sum of squared weights of the words two mentions share, in word order.
    fn dot(&self, a: usize, b: usize) -> f64 {
        let (x, y) = (&self.terms[a], &self.terms[b]);
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(|| {
            while i < x.len() && j < y.len() {
                match x[i].0.cmp(&y[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        i += 1;
                        j += 1;
                        return Some(x[i - 1].1.powi(2));
                    }
                }
            }
            None
        })
        .sum()
    }

    fn cosine(&self, a: usize, b: usize, dot: f64) -> f64 {
        let (na, nb) = (self.norms[a], self.norms[b]);
        if na > 0.0 && nb > 0.0 {
            dot / (na * nb)
        } else {
            0.0
        }
    }

    /// True when two interned dates make two mentions different events.
    fn dates_block(&self, a: Option<u32>, b: Option<u32>) -> bool {
        let (Some(a), Some(b)) = (a, b) else {
            return false;
        };
        *self
            .date_blocks
            .borrow_mut()
            .entry((a, b))
            .or_insert_with(|| dates_block(self.values.get(a), self.values.get(b), self.opts))
    }

    /// True when two stated dates of a recurring kind of event (results, sales, market
    /// closes, announcements) do not overlap: a third quarter's profit and a fourth's, a
    /// Thursday's close and a Monday's are two events, not one misdated. (An incident told
    /// on two days by two outlets is one event and a contradiction to flag.)
    fn recurrences(&self, a: Option<u32>, b: Option<u32>) -> bool {
        let (Some(a), Some(b)) = (a, b) else {
            return false;
        };
        self.values.relation(a, b) == RelationKind::Conflict
    }

    /// The participant, place and date evidence of two mentions, added in this order.
    fn evidence(&self, a: usize, b: usize, mut sim: f64) -> f64 {
        let (sa, sb) = (&self.slots[a], &self.slots[b]);
        for slot in [TARGET, AGENT, PLACE, DATE] {
            if let (Some(x), Some(y)) = (sa[slot], sb[slot]) {
                let bonus = slot_bonus(slot, self.values.relation(x, y));
                if bonus != 0.0 {
                    sim += bonus;
                }
            }
        }
        sim
    }

    /// Similarity of two event mentions, or `None` when they cannot be one event.
    fn similarity(&self, i: usize, j: usize) -> Option<f64> {
        let (a, b) = (&self.mentions[i], &self.mentions[j]);
        if a.family != b.family {
            return None;
        }
        // Two triggers of one family in one sentence name two events ("in retaliation for the
        // raid, police raided ...").
        if a.source == b.source && a.sentences.intersection(&b.sentences).next().is_some() {
            return None;
        }
        if self.dates_block(self.block_dates[i], self.block_dates[j])
            || self.recurrences(self.recurrence_dates[i], self.recurrence_dates[j])
            || matches!((self.serials[i], self.serials[j]),
                (Some((sa, na)), Some((sb, nb))) if sa == sb && na != nb)
        {
            return None;
        }
        let dot = self.dot(i, j);
        let mut sim = self.cosine(i, j, dot);
        if a.kind == b.kind {
            sim += 0.05;
        }
        if a.source == b.source {
            // One article mostly tells one story: its repeated mentions of an event type are
            // the same event, unless they give different values for one attribute: an article
            // does not contradict itself, so it is describing two events ("nine were
            // detained" in one city, "seven employees" in another).
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
                sim += self.opts.same_source_prior;
            }
        }
        Some(self.evidence(i, j, sim))
    }

    /// The similarity formula for mentions of different articles (no same-article prior or
    /// blocks), which group summaries add up for all pairs at once.
    fn cross_source_formula(&self, i: usize, j: usize) -> f64 {
        let mut sim = self.cosine(i, j, self.dot(i, j));
        if self.mentions[i].kind == self.mentions[j].kind {
            sim += 0.05;
        }
        self.evidence(i, j, sim)
    }

    /// Blocking keys of mention `i`. Two mentions that share no key cannot reach the
    /// threshold: the cosine needs a shared word, the same-article prior a shared source,
    /// and the place, participant and date bonuses agreeing values, which share a name
    /// word's first letters or a month.
    fn keys(&self, i: usize) -> Vec<Key<'a>> {
        let m = &self.mentions[i];
        let mut keys: Vec<Key> = self.terms[i].iter().map(|(w, _)| Key::Word(*w)).collect();
        keys.push(Key::Source(&m.source));
        for slot in [TARGET, AGENT, PLACE, DATE] {
            let Some(v) = self.slots[i][slot] else {
                continue;
            };
            match self.values.get(v) {
                Value::Date(d) => date_keys(d, &mut keys),
                Value::Entity(EntityValue { display, .. }) | Value::Text { display } => {
                    for w in crate::value::entity::content_words(display) {
                        let prefix: String = w.chars().take(4).collect();
                        keys.push(Key::Name(slot as u8, prefix));
                    }
                }
                Value::Quantity(q) => {
                    keys.push(Key::Name(slot as u8, q.unit.clone().unwrap_or_default()))
                }
            }
        }
        keys
    }
}

/// What two event mentions must share to be scored at all.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Word(u32),
    Source(&'a str),
    /// A calendar month a date covers.
    Month(i32, u8),
    /// A month of a year-less date, or of a short dated period it can refine.
    YearLessMonth(u8),
    /// The first letters of a word of a participant or place (slot, prefix).
    Name(u8, String),
}

/// Keys that two dates that are equal or one within the other share: every month each
/// covers (nested periods overlap), and for periods up to two months, the year-less months a
/// year-less date of theirs would refine.
fn date_keys<'a>(d: &DateValue, keys: &mut Vec<Key<'a>>) {
    match d.span {
        DateSpan::Interval { first, last } => {
            let (mut y, mut m) = (first.year, first.month);
            // A century at most: longer periods are not event dates.
            for _ in 0..1200 {
                keys.push(Key::Month(y, m));
                if last.day_number() - first.day_number() <= 62 {
                    keys.push(Key::YearLessMonth(m));
                }
                if (y, m) >= (last.year, last.month) {
                    break;
                }
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        DateSpan::YearLess { month, .. } => keys.push(Key::YearLessMonth(month)),
        DateSpan::Unplaced => {}
    }
}

/// Candidate pairs (i < j) of one family that share a blocking key: all pairs of a rare key,
/// a sliding window over a common one, so the count grows linearly with the mentions.
fn candidate_pairs(scorer: &Scorer) -> Vec<(usize, usize)> {
    let mut blocks: BTreeMap<(&str, Key), Vec<usize>> = BTreeMap::new();
    for (i, m) in scorer.mentions.iter().enumerate() {
        for key in scorer.keys(i) {
            let posting = blocks.entry((m.family.as_str(), key)).or_default();
            // A mention can produce one key twice (a month of two slots).
            if posting.last() != Some(&i) {
                posting.push(i);
            }
        }
    }
    let mut pairs = Vec::new();
    for posting in blocks.values() {
        let reach = if posting.len() <= FULL_BLOCK {
            posting.len()
        } else {
            WINDOW
        };
        for (k, &i) in posting.iter().enumerate() {
            for &j in posting[k + 1..].iter().take(reach) {
                pairs.push((i, j));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Mentions of a person (the claims about a named person's age) are no documents: they
/// only ever match their own name, and counting them would reweigh every event's words.
fn inverse_document_frequency(mentions: &[Mention]) -> BTreeMap<&str, f64> {
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    let mut n = 0;
    for m in mentions {
        let document = m.kind != PERSON_EVENT;
        n += usize::from(document);
        for w in &m.words {
            *df.entry(w.as_str()).or_default() += usize::from(document);
        }
    }
    let n = n.max(1) as f64;
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
pub fn explain(
    claims: &[Claim],
    published: &Published,
    opts: &MatchOptions,
) -> Vec<PairExplanation> {
    let mentions = mentions_of(claims, published);
    let scorer = Scorer::new(&mentions, opts);
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
                similarity: scorer.similarity(i, j),
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

/// A group of mentions being merged, with the sums that give its average link to another
/// group without visiting every pair: the sum of pairwise cosines is the dot product of the
/// groups' summed unit TF-IDF vectors, and each bonus is counted per distinct value.
struct Group<'a> {
    members: Vec<usize>,
    /// Sum over members of weight / norm, per word id.
    centroid: BTreeMap<u32, f64>,
    kinds: BTreeMap<&'a str, usize>,
    /// Per slot (target, agent, place, date): interned value -> members with it.
    slots: [BTreeMap<u32, usize>; 4],
    /// Interned block dates -> members with it.
    block_dates: BTreeMap<u32, usize>,
    /// Interned recurrence dates -> members with it.
    recurrence_dates: BTreeMap<u32, usize>,
    /// Series key id -> the serial numbers members give in it.
    serials: BTreeMap<u32, BTreeSet<u32>>,
    by_source: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> Group<'a> {
    fn of(scorer: &Scorer<'a>, i: usize) -> Group<'a> {
        let m = &scorer.mentions[i];
        let norm = scorer.norms[i];
        let centroid = if norm > 0.0 {
            scorer.terms[i]
                .iter()
                .map(|(w, f)| (*w, f / norm))
                .collect()
        } else {
            BTreeMap::new()
        };
        let slots = scorer.slots[i].map(|v| v.into_iter().map(|v| (v, 1)).collect());
        Group {
            members: vec![i],
            centroid,
            kinds: BTreeMap::from([(m.kind.as_str(), 1)]),
            slots,
            block_dates: scorer.block_dates[i].into_iter().map(|v| (v, 1)).collect(),
            recurrence_dates: scorer.recurrence_dates[i]
                .into_iter()
                .map(|v| (v, 1))
                .collect(),
            serials: scorer.serials[i]
                .map(|(k, n)| (k, BTreeSet::from([n])))
                .into_iter()
                .collect(),
            by_source: BTreeMap::from([(m.source.as_str(), vec![i])]),
        }
    }

    /// Moves `other`'s members and sums into `self`.
    fn absorb(&mut self, other: Group<'a>) {
        self.members.extend(other.members);
        self.members.sort_unstable();
        for (w, x) in other.centroid {
            *self.centroid.entry(w).or_default() += x;
        }
        for (k, n) in other.kinds {
            *self.kinds.entry(k).or_default() += n;
        }
        for (mine, theirs) in self.slots.iter_mut().zip(other.slots) {
            for (v, n) in theirs {
                *mine.entry(v).or_default() += n;
            }
        }
        for (v, n) in other.block_dates {
            *self.block_dates.entry(v).or_default() += n;
        }
        for (v, n) in other.recurrence_dates {
            *self.recurrence_dates.entry(v).or_default() += n;
        }
        for (k, ns) in other.serials {
            self.serials.entry(k).or_default().extend(ns);
        }
        for (s, ms) in other.by_source {
            self.by_source.entry(s).or_default().extend(ms);
        }
    }
}

/// Average similarity over all pairs of two groups (the same as visiting every pair), or
/// `None` when any pair is blocked.
fn average_link(scorer: &Scorer, x: &Group, y: &Group) -> Option<f64> {
    let (small, large) = if x.members.len() <= y.members.len() {
        (x, y)
    } else {
        (y, x)
    };
    for &dx in small.block_dates.keys() {
        for &dy in large.block_dates.keys() {
            if scorer.dates_block(Some(dx), Some(dy)) {
                return None;
            }
        }
    }
    for &dx in small.recurrence_dates.keys() {
        for &dy in large.recurrence_dates.keys() {
            if scorer.recurrences(Some(dx), Some(dy)) {
                return None;
            }
        }
    }
    for (k, ns) in &small.serials {
        if large
            .serials
            .get(k)
            .is_some_and(|ms| ms.union(ns).nth(1).is_some())
        {
            return None;
        }
    }
    let count = |a: &usize, b: &usize| (*a * *b) as f64;
    let mut total: f64 = small
        .centroid
        .iter()
        .filter_map(|(w, a)| large.centroid.get(w).map(|b| a * b))
        .sum();
    total += 0.05
        * small
            .kinds
            .iter()
            .filter_map(|(k, a)| large.kinds.get(k).map(|b| count(a, b)))
            .sum::<f64>();
    for slot in [TARGET, AGENT, PLACE, DATE] {
        for (&vx, nx) in &small.slots[slot] {
            for (&vy, ny) in &large.slots[slot] {
                total += slot_bonus(slot, scorer.values.relation(vx, vy)) * count(nx, ny);
            }
        }
    }
    // Pairs within one article follow their own rules (blocks, the same-article prior):
    // replace their share of the sums above by their exact similarity.
    for (source, xs) in &small.by_source {
        let Some(ys) = large.by_source.get(source) else {
            continue;
        };
        for &a in xs {
            for &b in ys {
                total += scorer.similarity(a, b)? - scorer.cross_source_formula(a, b);
            }
        }
    }
    Some(total / (x.members.len() * y.members.len()) as f64)
}

/// Groups event mentions into events: greedy average-link merging over the candidate
/// pairs at or above the threshold, strongest first. Groups are in the order of their
/// union-find roots, members sorted.
/// The candidate pairs that are not blocked, with their similarity: `(similarity, i, j)`.
fn scored_pairs(scorer: &Scorer) -> Vec<(f64, usize, usize)> {
    candidate_pairs(scorer)
        .into_iter()
        .filter_map(|(i, j)| Some((scorer.similarity(i, j)?, i, j)))
        .collect()
}

fn event_groups(scorer: &Scorer, scored: &[(f64, usize, usize)]) -> Vec<Vec<usize>> {
    let opts = scorer.opts;
    let mut pairs: Vec<(f64, usize, usize)> = scored
        .iter()
        .copied()
        .filter(|(s, _, _)| *s >= opts.threshold)
        .collect();
    // Strongest first; ties by index so the result does not depend on float noise order.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Average link: two groups merge when their members are alike on average, so one
    // loose pair cannot chain two different events together; a blocked pair forbids it.
    let mut uf = UnionFind::<usize>::new(scorer.mentions.len());
    let mut groups: Vec<Option<Group>> = (0..scorer.mentions.len())
        .map(|i| Some(Group::of(scorer, i)))
        .collect();
    // Groups only grow, so a failed link stays failed until one side changes size.
    let mut failed: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    for (_, i, j) in pairs {
        let (ri, rj) = (uf.find(i), uf.find(j));
        if ri == rj {
            continue;
        }
        let (gi, gj) = (groups[ri].as_ref(), groups[rj].as_ref());
        let (Some(gi), Some(gj)) = (gi, gj) else {
            continue;
        };
        let sizes = (gi.members.len(), gj.members.len());
        if failed.get(&(ri, rj)) == Some(&sizes) {
            continue;
        }
        if !average_link(scorer, gi, gj)
            .is_some_and(|avg| avg >= opts.threshold * opts.average_link)
        {
            failed.insert((ri, rj), sizes);
            continue;
        }
        uf.union(ri, rj);
        let root = uf.find(i);
        let (mut big, small) = match (groups[ri].take(), groups[rj].take()) {
            (Some(a), Some(b)) if a.members.len() >= b.members.len() => (a, b),
            (Some(a), Some(b)) => (b, a),
            _ => unreachable!("roots hold groups"),
        };
        big.absorb(small);
        groups[root] = Some(big);
    }
    groups.into_iter().flatten().map(|g| g.members).collect()
}

/// The values an event states that another mention of it must not contradict: its
/// dates, counts, place and participants, by attribute.
fn stated_values(
    claims: &[Claim],
    mention: &Mention,
    table: &mut ValueTable,
) -> Vec<(String, u32)> {
    mention
        .claims
        .iter()
        .map(|&i| &claims[i])
        .filter(|c| {
            matches!(c.value, Value::Date(_) | Value::Quantity(_))
                || matches!(c.attribute.as_str(), "place" | "agent" | "target")
        })
        .map(|c| (c.attribute.clone(), table.intern(&c.value)))
        .collect()
}

/// Folds fragments of a story's headline event back into it. Articles collected as one story
/// report one main event; the context-similarity grouping can leave a mention of it apart
/// when the mention's sentence shares little with the rest (a dated sentence in one
/// article, a counted one in another). Within each incident family, the event most sources report
/// takes in the other events of its family that are like one of its mentions (a candidate
/// pair at `MatchOptions::absorb_link` or more), are not blocked from it, and only add to
/// it: no date, count, place or participant of theirs contradicts one of its own. Events
/// that disagree with it (another date, other victims, another city) stay apart.
fn absorb_fragments(
    scorer: &Scorer,
    claims: &[Claim],
    groups: Vec<Vec<usize>>,
    scored: &[(f64, usize, usize)],
) -> Vec<Vec<usize>> {
    let mentions = scorer.mentions;
    let groups: Vec<Vec<usize>> = groups.into_iter().filter(|g| !g.is_empty()).collect();
    let mut group_of = vec![0; mentions.len()];
    for (gi, g) in groups.iter().enumerate() {
        for &m in g {
            group_of[m] = gi;
        }
    }
    let family_of = |gi: usize| mentions[groups[gi][0]].family.as_str();
    let source_counts: Vec<usize> = groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|&m| mentions[m].source.as_str())
                .collect::<BTreeSet<_>>()
                .len()
        })
        .collect();
    // Headline of each incident family: most sources, then the group met first. Other
    // families (results, announcements, visits) recur within one story.
    let events = &lexicon::get().events;
    let mut headline: BTreeMap<&str, usize> = BTreeMap::new();
    for gi in 0..groups.len() {
        if !events.is_incident_family(family_of(gi)) {
            continue;
        }
        let best = headline.entry(family_of(gi)).or_insert(gi);
        if source_counts[gi] > source_counts[*best] {
            *best = gi;
        }
    }
    let is_headline = |gi: usize| headline.get(family_of(gi)) == Some(&gi);
    // The best similarity of each other group to a mention of its family's headline.
    let mut best_link: BTreeMap<usize, f64> = BTreeMap::new();
    for &(s, i, j) in scored {
        let (gi, gj) = (group_of[i], group_of[j]);
        let other = match (is_headline(gi), is_headline(gj)) {
            (true, false) => gj,
            (false, true) => gi,
            _ => continue,
        };
        let best = best_link.entry(other).or_insert(s);
        *best = best.max(s);
    }
    // The sums of a (non-empty) group of mentions.
    let group = |g: &[usize]| {
        let mut acc = Group::of(scorer, g[0]);
        for &m in &g[1..] {
            acc.absorb(Group::of(scorer, m));
        }
        acc
    };
    let mut table = ValueTable::default();
    let mut absorbed: Vec<Option<usize>> = vec![None; groups.len()];
    for (&family, &head) in &headline {
        let mut head_group = group(&groups[head]);
        let mut values: BTreeSet<(String, u32)> = groups[head]
            .iter()
            .flat_map(|&m| stated_values(claims, &mentions[m], &mut table))
            .collect();
        for (gi, g) in groups.iter().enumerate() {
            if gi == head
                || family_of(gi) != family
                || best_link
                    .get(&gi)
                    .is_none_or(|s| *s < scorer.opts.absorb_link)
            {
                continue;
            }
            let theirs: Vec<(String, u32)> = g
                .iter()
                .flat_map(|&m| stated_values(claims, &mentions[m], &mut table))
                .collect();
            let contradicts = theirs.iter().any(|(attr, v)| {
                values
                    .iter()
                    .any(|(a, w)| a == attr && table.relation(*v, *w) == RelationKind::Conflict)
            });
            let fragment = group(g);
            if contradicts || average_link(scorer, &head_group, &fragment).is_none() {
                continue;
            }
            absorbed[gi] = Some(head);
            values.extend(theirs);
            head_group.absorb(fragment);
        }
    }
    let mut out: Vec<Vec<usize>> = groups;
    for (gi, into) in absorbed.iter().enumerate() {
        if let Some(head) = into {
            let moved = std::mem::take(&mut out[gi]);
            out[*head].extend(moved);
        }
    }
    for g in &mut out {
        g.sort_unstable();
    }
    out
}

/// Groups claims into events and claim clusters.
pub fn match_claims(claims: &[Claim], published: &Published, opts: &MatchOptions) -> Matching {
    let mentions = mentions_of(claims, published);
    let scorer = Scorer::new(&mentions, opts);
    let scored = scored_pairs(&scorer);
    let members = absorb_fragments(&scorer, claims, event_groups(&scorer, &scored), &scored);

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
    // The rank of an event: over its sources, how many claims each makes before its first
    // claim of the event.
    let mut first_claim: HashMap<&str, usize> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        first_claim.entry(c.source.as_str()).or_insert(i);
    }
    let lead_rank = |e: &EventCluster| -> usize {
        // `e.claims` is in claim order, so the first claim seen of a source is its first.
        let mut mine: HashMap<&str, usize> = HashMap::new();
        for &i in &e.claims {
            mine.entry(claims[i].source.as_str()).or_insert(i);
        }
        e.sources
            .iter()
            .map(|s| {
                let first = first_claim.get(s.as_str()).copied().unwrap_or(0);
                mine.get(s.as_str()).map_or(0, |i| i - first)
            })
            .sum()
    };
    let mut ranked: Vec<(usize, EventCluster)> =
        events.into_iter().map(|e| (lead_rank(&e), e)).collect();
    ranked.sort_by(|(rank_a, a), (rank_b, b)| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then(rank_a.cmp(rank_b))
            .then(b.claims.len().cmp(&a.claims.len()))
            .then(a.claims[0].cmp(&b.claims[0]))
    });
    let events: Vec<EventCluster> = ranked.into_iter().map(|(_, e)| e).collect();

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

/// Connected components of the graph whose edges join comparable claims. Claims are taken
/// by distinct value (a large story repeats a few values thousands of times), so each pair
/// of values is related once.
fn claim_components(claims: &[Claim], idx: &[usize]) -> Vec<Vec<usize>> {
    let mut table = ValueTable::default();
    // Positions in `idx` of the claims of each distinct value (numbered from 0 as first seen).
    let mut by_value: Vec<Vec<usize>> = Vec::new();
    for (k, &i) in idx.iter().enumerate() {
        let v = table.intern(&claims[i].value) as usize;
        if v == by_value.len() {
            by_value.push(Vec::new());
        }
        by_value[v].push(k);
    }
    let mut uf = UnionFind::<usize>::new(idx.len());
    for (v, ks) in by_value.iter().enumerate() {
        let v32 = v as u32;
        // Equal values are usually comparable, but not always (two unplaced dates).
        if table.relation(v32, v32) != RelationKind::Incomparable {
            for &k in &ks[1..] {
                uf.union(ks[0], k);
            }
        }
        for (w, ls) in by_value.iter().enumerate().skip(v + 1) {
            if table.relation(v32, w as u32) != RelationKind::Incomparable {
                // Every claim of one value is comparable with every claim of the other.
                for &k in ks {
                    uf.union(k, ls[0]);
                }
                for &l in ls {
                    uf.union(l, ks[0]);
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::extract_story;
    use std::path::{Path, PathBuf};

    /// The matcher before blocking: every same-family pair scored, the average link over
    /// every pair of two groups. Blocking must give the same events.
    fn exhaustive_groups(scorer: &Scorer) -> Vec<Vec<usize>> {
        let (opts, n) = (scorer.opts, scorer.mentions.len());
        let mut pairs = Vec::new();
        let mut sims: BTreeMap<(usize, usize), Option<f64>> = BTreeMap::new();
        for i in 0..n {
            for j in i + 1..n {
                if scorer.mentions[i].family != scorer.mentions[j].family {
                    continue;
                }
                let s = scorer.similarity(i, j);
                sims.insert((i, j), s);
                if let Some(s) = s.filter(|s| *s >= opts.threshold) {
                    pairs.push((s, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let link = |x: &[usize], y: &[usize]| -> Option<f64> {
            let mut total = 0.0;
            for &p in x {
                for &q in y {
                    total += sims[&(p.min(q), p.max(q))]?;
                }
            }
            Some(total / (x.len() * y.len()) as f64)
        };
        let mut uf = UnionFind::<usize>::new(n);
        let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
        for (_, i, j) in pairs {
            let (ri, rj) = (uf.find(i), uf.find(j));
            if ri == rj
                || !link(&members[ri], &members[rj])
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
        members.into_iter().filter(|g| !g.is_empty()).collect()
    }

    fn same_groups_as_exhaustive(story: &crate::ingest::Story) {
        let claims = extract_story(story);
        let mentions = mentions_of(&claims, &story.published());
        let opts = MatchOptions::default();
        let scorer = Scorer::new(&mentions, &opts);
        assert_eq!(
            event_groups(&scorer, &scored_pairs(&scorer)),
            exhaustive_groups(&scorer)
        );
    }

    /// A round-up names two homicides by their numbers; a report of one of them, written on
    /// the same template ("marked the city's Nth homicide of the year"), is not the other
    /// one, whose sentence shares all its words but the number.
    #[test]
    fn serial_numbers_of_one_series_keep_two_events_apart() {
        let article = |name: &str, body: &str| {
            crate::ingest::Source::parse(
                Path::new(name),
                format!("+++\npublished = \"2016-10-24\"\n+++\n{body}"),
            )
            .unwrap()
        };
        let roundup = article(
            "roundup.md",
            "A woman was shot to death in front of her home on Lavonne Avenue on Sunday.\n\n\
             Her death marked the city's 40th homicide of the year.\n\n\
             The 39th homicide occurred Wednesday near a park.",
        );
        let report = article(
            "report.md",
            "A man who had been shot arrived at a hospital in a bullet-ridden car.\n\n\
             The man's death marked the city's 39th homicide of the year.",
        );
        let story = crate::ingest::Story {
            root: PathBuf::from("serials"),
            sources: vec![roundup, report],
            config: Default::default(),
        };
        let claims = extract_story(&story);
        let published = story.published();
        let m = match_claims(&claims, &published, &MatchOptions::default());
        let event_of = |needle: &str| {
            let i = claims
                .iter()
                .position(|c| c.text.contains(needle) && c.event.trigger == "homicide")
                .unwrap_or_else(|| panic!("a homicide claim in {needle:?}"));
            m.events.iter().position(|e| e.claims.contains(&i)).unwrap()
        };
        // The template's words ("death marked the city's") would join the 40th.
        assert_ne!(event_of("man's death marked"), event_of("40th homicide"));
        assert_ne!(event_of("40th homicide"), event_of("The 39th homicide"));
        let serial = |needle: &str| {
            let c = claims.iter().find(|c| c.text.contains(needle)).unwrap();
            serial_of(c)
        };
        assert_eq!(
            serial("40th"),
            Some(("city|homicide|of the year".to_string(), 40))
        );
        assert_eq!(serial("The 39th"), Some(("|homicide|".to_string(), 39)));
    }

    #[test]
    fn blocking_gives_the_exhaustive_events() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in crate::synthetic::BASE_STORIES {
            let story = crate::ingest::load_story(&root.join(dir), 1 << 26).unwrap();
            same_groups_as_exhaustive(&story);
        }
        // Several versions of each article: keys shared by many mentions, one large event.
        let base = crate::synthetic::base_sources(root).unwrap();
        same_groups_as_exhaustive(&crate::synthetic::story(&base, 40).unwrap());
    }
}
