//! Evaluation of cross-document event grouping on MEANTIME.
//!
//! Concord's value rests on putting the reports of one real-world event from different
//! articles together before comparing what they say; this evaluation measures that grouping
//! against MEANTIME's gold cross-document event instances (Wikinews articles on four topics:
//! Airbus, Apple, GM, the stock market). Each topic is one story whose articles are its
//! documents: tokenized sentences joined by blank lines, the document creation time as the
//! publication date. Every gold event mention of an instance that carries a time anchor is
//! mapped to the Concord event whose claim triggers overlap its tokens; pairs of mapped
//! mentions from different documents are then scored (same Concord event vs same gold
//! instance), and for the gold-same pairs Concord grouped, its date claims are checked
//! against the gold anchor. Nothing here changes the engine: it only measures.

use super::FlaggedConflict;
use crate::calendar::{days_in_month, CivilDate};
use crate::compare::Status;
use crate::ingest::{FrontMatter, Source, Story, StoryConfig};
use crate::matcher::MatchOptions;
use crate::reconcile::{reconcile, Report};
use crate::value::{DateValue, Value};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

const DOCS_FILE: &str = "meantime_docs.jsonl";
const INSTANCES_FILE: &str = "meantime_crossdoc_instances.jsonl";

#[derive(Debug, Deserialize)]
struct Doc {
    doc_id: String,
    #[serde(default)]
    doc_name: Option<String>,
    #[serde(default)]
    corpus: Option<String>,
    #[serde(default)]
    dct: Option<String>,
    sentences: Vec<Sentence>,
    #[serde(default)]
    event_mentions: Vec<EventMention>,
}

#[derive(Debug, Deserialize)]
struct Sentence {
    text: String,
}

#[derive(Debug, Deserialize)]
struct EventMention {
    m_id: String,
    text: String,
    token_ids: Vec<usize>,
    #[serde(default)]
    sentence: Option<usize>,
    #[serde(default)]
    pred: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Instance {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    time_anchor: Option<String>,
    #[serde(default)]
    mentions: Vec<InstanceMention>,
}

#[derive(Debug, Deserialize)]
struct InstanceMention {
    doc: String,
    m_id: String,
}

/// Pairwise counts over pairs of mapped gold mentions from different documents.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PairScores {
    /// Same Concord event and same gold instance.
    pub true_positive: usize,
    /// Same Concord event, different gold instances.
    pub false_positive: usize,
    /// Same gold instance, different Concord events.
    pub false_negative: usize,
}

impl PairScores {
    fn add(&mut self, other: &PairScores) {
        self.true_positive += other.true_positive;
        self.false_positive += other.false_positive;
        self.false_negative += other.false_negative;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Date checks over the gold-same cross-document pairs that Concord grouped (true positives).
#[derive(Clone, Debug, Default, Serialize)]
pub struct DateScores {
    /// Gold-same pairs in one Concord event (the denominator of the shares).
    pub pairs: usize,
    /// The event has date claims and none of its date clusters is in conflict.
    pub agree: usize,
    /// Of `agree`: some date cluster is unsettled (differs only by updates or weak conflicts).
    pub unsettled: usize,
    /// Some date cluster of the event has a confident conflict.
    pub conflict: usize,
    /// The event has no date claim at all.
    pub no_date: usize,
    /// The gold time anchor is on the calendar (not XXXX-XX-XX).
    pub anchor_on_calendar: usize,
    /// The consensus date (best-supported date cluster) contains the gold anchor.
    pub consensus_contains_anchor: usize,
    /// The consensus date overlaps the gold anchor (a weaker test).
    pub consensus_overlaps_anchor: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct TopicResult {
    pub topic: String,
    pub documents: usize,
    pub claims: usize,
    pub concord_events: usize,
    /// Gold event mentions of time-anchored instances.
    pub gold_mentions: usize,
    /// Of those, mapped to a Concord event.
    pub mapped: usize,
    pub pairs: PairScores,
    /// Gold-same cross-document pairs among all gold mentions (mapped or not).
    pub gold_pairs_all: usize,
}

/// A scored pair that Concord grouped or that the gold groups, for reading.
#[derive(Clone, Debug, Serialize)]
pub struct PairExample {
    pub topic: String,
    /// "TP", "FP" or "FN".
    pub outcome: String,
    /// (document, mention text, gold time anchor) of each side.
    pub a: (String, String, String),
    pub b: (String, String, String),
    /// Concord event type of each side.
    pub concord: (String, String),
}

/// A gold predicate lemma and how often its mentions got no Concord event.
#[derive(Clone, Debug, Serialize)]
pub struct LemmaCount {
    pub lemma: String,
    pub unmatched: usize,
    pub total: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct MeantimeReport {
    pub docs_path: String,
    pub instances_path: String,
    pub documents: usize,
    /// EVENT instances with a non-null time anchor.
    pub anchored_instances: usize,
    /// Of those, with mentions in more than one document.
    pub anchored_cross_doc_instances: usize,
    /// Gold mentions of anchored instances found in the documents.
    pub gold_mentions: usize,
    /// Gold mentions mapped to a Concord event.
    pub mapped: usize,
    /// Unmapped gold mentions in the title (sentence 0), which Concord reads as a heading.
    pub unmapped_in_title: usize,
    /// Instance mentions whose document or mention id was not found.
    pub missing_mentions: usize,
    pub pairs: PairScores,
    /// Gold-same cross-document pairs among all gold mentions, mapped or not.
    pub gold_pairs_all: usize,
    pub dates: DateScores,
    /// Every TP, FP and FN pair (JSON output only).
    pub examples: Vec<PairExample>,
    pub topics: Vec<TopicResult>,
    /// Lemmas of unmapped gold mentions (anchored instances), most frequent first.
    pub unmatched_lemmas: Vec<LemmaCount>,
    /// The same over every annotated event mention of the corpus, anchored or not.
    pub unmatched_lemmas_all: Vec<LemmaCount>,
    /// Every conflict Concord flags within a topic, with both quotes, for judging.
    pub conflicts: Vec<FlaggedConflict>,
}

impl MeantimeReport {
    pub fn coverage(&self) -> f64 {
        ratio(self.mapped, self.gold_mentions)
    }
}

/// Text of a document built from its tokenized sentences (tokens kept as they are, one space
/// between tokens, a blank line between sentences) and the byte span of every token: entry
/// `k` is the token whose MEANTIME id is `k + 1`.
pub fn build_text<S: AsRef<str>>(sentences: &[S]) -> (String, Vec<[usize; 2]>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        for (k, tok) in s.as_ref().split(' ').enumerate() {
            if k > 0 {
                text.push(' ');
            }
            spans.push([text.len(), text.len() + tok.len()]);
            text.push_str(tok);
        }
    }
    (text, spans)
}

/// The gold anchor as an interval of days: YYYY, YYYY-MM, YYYY-MM-DD, with XX for unknown
/// parts. `None` when the year is unknown.
fn anchor_interval(anchor: &str) -> Option<(CivilDate, CivilDate)> {
    let mut parts = anchor.trim().split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: Option<u8> = parts.next().and_then(|m| m.parse().ok());
    let day: Option<u8> = parts.next().and_then(|d| d.get(..2)?.parse().ok());
    match (month, day) {
        (Some(m), Some(d)) => {
            let c = CivilDate::new(year, m, d)?;
            Some((c, c))
        }
        (Some(m), None) => Some((
            CivilDate::new(year, m, 1)?,
            CivilDate::new(year, m, days_in_month(year, m))?,
        )),
        _ => Some((CivilDate::new(year, 1, 1)?, CivilDate::new(year, 12, 31)?)),
    }
}

/// The two corpus files from a folder or from the path of `meantime_docs.jsonl`.
fn corpus_files(path: &Path) -> Result<(PathBuf, PathBuf)> {
    let docs = if path.is_dir() {
        path.join(DOCS_FILE)
    } else {
        path.to_path_buf()
    };
    let dir = docs.parent().unwrap_or(Path::new("."));
    let instances = dir.join(INSTANCES_FILE);
    anyhow::ensure!(docs.is_file(), "{}: no such file", docs.display());
    anyhow::ensure!(
        instances.is_file(),
        "{}: no such file (expected beside {})",
        instances.display(),
        docs.display()
    );
    Ok((docs, instances))
}

/// A gold mention to score.
struct GoldMention {
    doc: String,
    instance: usize,
    /// Byte spans of its tokens.
    spans: Vec<[usize; 2]>,
    lemma: String,
    text: String,
    sentence: Option<usize>,
}

fn lemma_of(m: &EventMention) -> String {
    m.pred
        .as_deref()
        .filter(|p| !p.is_empty())
        .unwrap_or(&m.text)
        .to_lowercase()
}

/// The Concord event (index into `report.events`) whose claims' triggers overlap the spans.
fn concord_event(
    report: &Report,
    claim_event: &HashMap<&str, usize>,
    doc: &str,
    spans: &[[usize; 2]],
) -> Option<usize> {
    report
        .claims
        .iter()
        .filter(|c| c.source == doc)
        .filter(|c| {
            let [a, b] = c.event.trigger_span;
            spans.iter().any(|&[s, e]| a < e && s < b)
        })
        .filter_map(|c| claim_event.get(c.id.as_str()).copied())
        .min()
}

fn top_lemmas(counts: BTreeMap<String, (usize, usize)>, n: usize) -> Vec<LemmaCount> {
    let mut v: Vec<LemmaCount> = counts
        .into_iter()
        .filter(|(_, (u, _))| *u > 0)
        .map(|(lemma, (unmatched, total))| LemmaCount {
            lemma,
            unmatched,
            total,
        })
        .collect();
    v.sort_by(|a, b| b.unmatched.cmp(&a.unmatched).then(a.lemma.cmp(&b.lemma)));
    v.truncate(n);
    v
}

/// Runs the evaluation over a MEANTIME folder (or its `meantime_docs.jsonl`).
pub fn evaluate(path: &Path) -> Result<MeantimeReport> {
    let (docs_path, instances_path) = corpus_files(path)?;
    let docs: Vec<Doc> = super::read_jsonl(&docs_path, "a MEANTIME document")?;
    let instances: Vec<Instance> = super::read_jsonl(&instances_path, "a cross-document instance")?;

    let mut report = MeantimeReport {
        docs_path: docs_path.display().to_string(),
        instances_path: instances_path.display().to_string(),
        documents: docs.len(),
        ..Default::default()
    };
    let anchored: Vec<&Instance> = instances
        .iter()
        .filter(|i| i.kind.as_deref() == Some("EVENT") && i.time_anchor.is_some())
        .collect();
    report.anchored_instances = anchored.len();
    report.anchored_cross_doc_instances = anchored
        .iter()
        .filter(|i| {
            let first = i.mentions.first().map(|m| &m.doc);
            i.mentions.iter().any(|m| Some(&m.doc) != first)
        })
        .count();
    // (doc, m_id) -> anchored instance index.
    let mut gold_of: HashMap<(&str, &str), usize> = HashMap::new();
    for (k, inst) in anchored.iter().enumerate() {
        for m in &inst.mentions {
            gold_of.insert((m.doc.as_str(), m.m_id.as_str()), k);
        }
    }
    let mut found = 0usize;

    // Topics: the corpus field, else the doc set is one topic.
    let mut topics: BTreeMap<String, Vec<&Doc>> = BTreeMap::new();
    for d in &docs {
        let topic = d.corpus.clone().unwrap_or_else(|| "meantime".into());
        topics.entry(topic).or_default().push(d);
    }

    let match_opts = MatchOptions::default();
    let mut lemmas: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut lemmas_all: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (topic, tdocs) in &topics {
        let mut sources = Vec::new();
        let mut golds: Vec<GoldMention> = Vec::new();
        // Every annotated event mention, for the lemma list: (doc, spans, lemma).
        let mut all_mentions: Vec<(String, Vec<[usize; 2]>, String)> = Vec::new();
        for d in tdocs {
            let texts: Vec<&str> = d.sentences.iter().map(|s| s.text.as_str()).collect();
            let (text, spans) = build_text(&texts);
            for m in &d.event_mentions {
                let ms: Vec<[usize; 2]> = m
                    .token_ids
                    .iter()
                    .filter_map(|&t| spans.get(t.wrapping_sub(1)).copied())
                    .collect();
                anyhow::ensure!(
                    ms.len() == m.token_ids.len(),
                    "{}: document {} mention {}: token ids {:?} outside the document",
                    docs_path.display(),
                    d.doc_id,
                    m.m_id,
                    m.token_ids
                );
                all_mentions.push((d.doc_id.clone(), ms.clone(), lemma_of(m)));
                if let Some(&k) = gold_of.get(&(d.doc_id.as_str(), m.m_id.as_str())) {
                    found += 1;
                    golds.push(GoldMention {
                        doc: d.doc_id.clone(),
                        instance: k,
                        spans: ms,
                        lemma: lemma_of(m),
                        text: m.text.clone(),
                        sentence: m.sentence,
                    });
                }
            }
            let dct = d.dct.clone();
            sources.push(Source {
                id: d.doc_id.clone(),
                path: PathBuf::from(format!("meantime/{topic}/{}.txt", d.doc_id)),
                text,
                body_start: 0,
                meta: FrontMatter {
                    title: d.doc_name.clone(),
                    published: dct.clone(),
                    ..Default::default()
                },
                published: dct
                    .as_deref()
                    .and_then(|s| CivilDate::parse(s.get(..10).unwrap_or(s))),
            });
        }
        let story = Story {
            root: PathBuf::from(format!("meantime/{topic}")),
            sources,
            config: StoryConfig::default(),
        };
        let rec = reconcile(&story, &match_opts);
        report.conflicts.extend(FlaggedConflict::all_of(
            &rec,
            topic,
            "MEANTIME records events, not values",
        ));
        let claim_event: HashMap<&str, usize> = rec
            .events
            .iter()
            .enumerate()
            .flat_map(|(e, ev)| ev.claims.iter().map(move |c| (c.as_str(), e)))
            .collect();

        for (doc, spans, lemma) in &all_mentions {
            let hit = concord_event(&rec, &claim_event, doc, spans).is_some();
            let entry = lemmas_all.entry(lemma.clone()).or_default();
            entry.0 += !hit as usize;
            entry.1 += 1;
        }
        let mapped: Vec<Option<usize>> = golds
            .iter()
            .map(|g| concord_event(&rec, &claim_event, &g.doc, &g.spans))
            .collect();
        let mut result = TopicResult {
            topic: topic.clone(),
            documents: tdocs.len(),
            claims: rec.claims.len(),
            concord_events: rec.events.len(),
            gold_mentions: golds.len(),
            mapped: mapped.iter().filter(|m| m.is_some()).count(),
            ..Default::default()
        };
        for (g, m) in golds.iter().zip(&mapped) {
            let entry = lemmas.entry(g.lemma.clone()).or_default();
            entry.0 += m.is_none() as usize;
            entry.1 += 1;
            if m.is_none() && g.sentence == Some(0) {
                report.unmapped_in_title += 1;
            }
        }
        for i in 0..golds.len() {
            for j in i + 1..golds.len() {
                let (a, b) = (&golds[i], &golds[j]);
                if a.doc == b.doc {
                    continue;
                }
                let gold_same = a.instance == b.instance;
                result.gold_pairs_all += gold_same as usize;
                let (Some(ea), Some(eb)) = (mapped[i], mapped[j]) else {
                    continue;
                };
                let outcome = match (ea == eb, gold_same) {
                    (true, true) => {
                        result.pairs.true_positive += 1;
                        date_check(&rec, ea, anchored[a.instance], &mut report.dates);
                        "TP"
                    }
                    (true, false) => {
                        result.pairs.false_positive += 1;
                        "FP"
                    }
                    (false, true) => {
                        result.pairs.false_negative += 1;
                        "FN"
                    }
                    (false, false) => continue,
                };
                let side = |g: &GoldMention| {
                    (
                        g.doc.clone(),
                        g.text.clone(),
                        anchored[g.instance].time_anchor.clone().unwrap_or_default(),
                    )
                };
                report.examples.push(PairExample {
                    topic: topic.clone(),
                    outcome: outcome.into(),
                    a: side(a),
                    b: side(b),
                    concord: (rec.events[ea].kind.clone(), rec.events[eb].kind.clone()),
                });
            }
        }
        report.gold_mentions += result.gold_mentions;
        report.mapped += result.mapped;
        report.pairs.add(&result.pairs);
        report.gold_pairs_all += result.gold_pairs_all;
        report.topics.push(result);
    }
    report.missing_mentions = gold_of.len() - found;
    report.unmatched_lemmas = top_lemmas(lemmas, 20);
    report.unmatched_lemmas_all = top_lemmas(lemmas_all, 20);
    Ok(report)
}

/// Date agreement and correctness of Concord event `e` for one gold-same pair.
fn date_check(rec: &Report, e: usize, inst: &Instance, dates: &mut DateScores) {
    dates.pairs += 1;
    let id = &rec.events[e].id;
    let clusters: Vec<_> = rec
        .clusters
        .iter()
        .filter(|c| &c.event == id && c.attribute == "date")
        .collect();
    if clusters.is_empty() {
        dates.no_date += 1;
    } else if clusters.iter().any(|c| c.status == Status::Conflict) {
        dates.conflict += 1;
    } else {
        dates.agree += 1;
        dates.unsettled += clusters.iter().any(|c| c.status == Status::Unsettled) as usize;
    }
    let Some((g0, g1)) = inst.time_anchor.as_deref().and_then(anchor_interval) else {
        return;
    };
    dates.anchor_on_calendar += 1;
    let consensus = clusters
        .iter()
        .filter(|c| c.consensus.is_some())
        .max_by_key(|c| (c.support.len(), c.claims.len()))
        .and_then(|c| c.consensus.as_ref());
    if let Some(Value::Date(d)) = consensus {
        if let Some((c0, c1)) = DateValue::interval(d) {
            dates.consensus_contains_anchor += (c0 <= g0 && g1 <= c1) as usize;
            dates.consensus_overlaps_anchor += (c0 <= g1 && g0 <= c1) as usize;
        }
    }
}

fn pct(a: usize, b: usize) -> String {
    format!("{:.1}% ({a}/{b})", 100.0 * ratio(a, b))
}

impl std::fmt::Display for MeantimeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "MEANTIME cross-document event grouping: {} documents, {} topics (one story each)",
            self.documents,
            self.topics.len()
        )?;
        writeln!(
            f,
            "gold: EVENT instances with a time anchor: {} ({} span several documents); their mentions: {}{}",
            self.anchored_instances,
            self.anchored_cross_doc_instances,
            self.gold_mentions,
            if self.missing_mentions > 0 {
                format!(" ({} listed mentions not found)", self.missing_mentions)
            } else {
                String::new()
            }
        )?;
        writeln!(
            f,
            "coverage: gold mentions whose tokens overlap a Concord claim trigger: {} (unmapped in titles: {})",
            pct(self.mapped, self.gold_mentions),
            self.unmapped_in_title
        )?;
        writeln!(
            f,
            "pairs: mapped gold mentions from different documents of one topic; predicted same = same Concord event, gold same = same instance"
        )?;
        writeln!(
            f,
            "  precision {:.1}%  recall {:.1}%  F1 {:.1}%  (TP {}, FP {}, FN {}; gold-same pairs among all gold mentions: {})",
            100.0 * self.pairs.precision(),
            100.0 * self.pairs.recall(),
            100.0 * self.pairs.f1(),
            self.pairs.true_positive,
            self.pairs.false_positive,
            self.pairs.false_negative,
            self.gold_pairs_all
        )?;
        writeln!(
            f,
            "  end to end: gold-same pairs grouped by Concord over all gold-same pairs (mapped or not): {}",
            pct(self.pairs.true_positive, self.gold_pairs_all)
        )?;
        writeln!(
            f,
            "  {:<8} {:>5} {:>7} {:>7} {:>6} {:>7} {:>5} {:>5} {:>5} {:>10}",
            "topic", "docs", "claims", "events", "gold", "mapped", "TP", "FP", "FN", "gold pairs"
        )?;
        for t in &self.topics {
            writeln!(
                f,
                "  {:<8} {:>5} {:>7} {:>7} {:>6} {:>7} {:>5} {:>5} {:>5} {:>10}",
                t.topic,
                t.documents,
                t.claims,
                t.concord_events,
                t.gold_mentions,
                t.mapped,
                t.pairs.true_positive,
                t.pairs.false_positive,
                t.pairs.false_negative,
                t.gold_pairs_all
            )?;
        }
        let d = &self.dates;
        writeln!(
            f,
            "dates, over the {} gold-same pairs Concord grouped (TP):",
            d.pairs
        )?;
        writeln!(
            f,
            "  date claims agree (no conflict): {} (of which unsettled {}); conflict: {}; no date claim: {}",
            pct(d.agree, d.pairs),
            d.unsettled,
            pct(d.conflict, d.pairs),
            pct(d.no_date, d.pairs)
        )?;
        writeln!(
            f,
            "  consensus date contains the gold anchor: {} of pairs; of pairs whose anchor is on the calendar: {}",
            pct(d.consensus_contains_anchor, d.pairs),
            pct(d.consensus_contains_anchor, d.anchor_on_calendar)
        )?;
        writeln!(
            f,
            "  consensus date overlaps the gold anchor: {}",
            pct(d.consensus_overlaps_anchor, d.anchor_on_calendar)
        )?;
        let lemmas = |v: &[LemmaCount]| {
            v.iter()
                .map(|l| format!("{} {}/{}", l.lemma, l.unmatched, l.total))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            f,
            "unmapped gold predicates (anchored; unmapped/total): {}",
            lemmas(&self.unmatched_lemmas)
        )?;
        writeln!(
            f,
            "unmapped predicates, all annotated event mentions: {}",
            lemmas(&self.unmatched_lemmas_all)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_spans_point_at_their_tokens() {
        let sentences = ["Boeing 's bid fell", "It rose 5 %", "Shares ›ünder ."];
        let (text, spans) = build_text(&sentences);
        assert_eq!(text, "Boeing 's bid fell\n\nIt rose 5 %\n\nShares ›ünder .");
        let tokens: Vec<&str> = sentences.iter().flat_map(|s| s.split(' ')).collect();
        assert_eq!(spans.len(), tokens.len());
        for (span, tok) in spans.iter().zip(&tokens) {
            assert_eq!(&text[span[0]..span[1]], *tok);
        }
        // MEANTIME token ids are 1-based and run across sentences: id 6 is "rose".
        assert_eq!(&text[spans[6 - 1][0]..spans[6 - 1][1]], "rose");
    }

    /// Two articles on one crash, in MEANTIME's shape, written to a temporary folder.
    #[test]
    fn grouping_of_a_tiny_corpus() {
        let dir = std::env::temp_dir().join(format!("concord-meantime-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let doc = |id: &str, dct: &str, sentence: &str, tok: usize| {
            serde_json::json!({
                "doc_id": id, "corpus": "air", "dct": dct,
                "sentences": [{"id": 0, "text": "Plane down"},
                              {"id": 1, "text": sentence}],
                "event_mentions": [{"m_id": "1", "text": "crashed", "token_ids": [tok],
                                    "sentence": 1, "pred": "crash"}]
            })
            .to_string()
        };
        let docs = [
            doc(
                "1",
                "2009-06-02",
                "A plane crashed near Paris on June 1 , 2009 , killing 3 people .",
                5,
            ),
            doc(
                "2",
                "2009-06-02",
                "The jet crashed near Paris on Monday , killing 4 people .",
                5,
            ),
        ];
        std::fs::write(dir.join(DOCS_FILE), docs.join("\n")).unwrap();
        let inst = serde_json::json!({
            "instance_id": "E1", "type": "EVENT", "time_anchor": "2009-06-01",
            "mentions": [{"doc": "1", "m_id": "1"}, {"doc": "2", "m_id": "1"}]
        });
        std::fs::write(dir.join(INSTANCES_FILE), inst.to_string()).unwrap();
        let r = evaluate(&dir.join(DOCS_FILE)).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!((r.gold_mentions, r.mapped), (2, 2), "{r}");
        assert_eq!(r.pairs.true_positive, 1, "{r}");
        assert_eq!(r.dates.pairs, 1);
        assert_eq!(r.dates.consensus_contains_anchor, 1, "{r}");
        // The two tolls differ: one flag, with both sentences, for judging.
        let flags: Vec<(&str, &str, &str)> = r
            .conflicts
            .iter()
            .map(|f| (f.attribute.as_str(), f.a.1.as_str(), f.b.1.as_str()))
            .collect();
        assert_eq!(flags, vec![("killed", "3", "4")]);
        assert!(r.conflicts[0].b.2.starts_with("The jet crashed"));
    }

    #[test]
    fn anchors_become_intervals() {
        let d = |y, m, dd| CivilDate::new(y, m, dd).unwrap();
        assert_eq!(
            anchor_interval("2009-06-01"),
            Some((d(2009, 6, 1), d(2009, 6, 1)))
        );
        assert_eq!(
            anchor_interval("2008-12-XX"),
            Some((d(2008, 12, 1), d(2008, 12, 31)))
        );
        assert_eq!(
            anchor_interval("2004"),
            Some((d(2004, 1, 1), d(2004, 12, 31)))
        );
        assert_eq!(anchor_interval("XXXX-XX-XX"), None);
    }
}
