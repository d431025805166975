//! Evaluation on multi-source shooting reports (Gun Violence Archive incidents).
//!
//! Each incident of `incidents.jsonl` becomes a story whose articles are its documents
//! (title, then text; `dct` as the publication date). Concord's consensus for the most
//! reported incident event is compared with the verified record: killed, injured, date.
//! The same is done for every article alone, to answer whether reconciling several
//! sources beats trusting one. Flagged conflicts are collected for judging by hand.

use super::FlaggedConflict;
use crate::calendar::CivilDate;
use crate::ingest::{FrontMatter, Source, Story, StoryConfig};
use crate::matcher::MatchOptions;
use crate::reconcile::{reconcile, Report};
use crate::value::{RelationKind, Value};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Incident {
    incident_id: String,
    gold: Gold,
    docs: Vec<Doc>,
}

#[derive(Debug, Deserialize)]
struct Gold {
    date: String,
    num_killed: u32,
    num_injured: u32,
}

#[derive(Debug, Deserialize)]
struct Doc {
    doc_id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    dct: Option<String>,
    content: String,
}

/// Accuracy counts for one fact.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FactScore {
    /// Incidents (or articles) evaluated.
    pub total: usize,
    /// Exactly the verified value.
    pub correct: usize,
    /// A value was given (not abstained).
    pub answered: usize,
}

impl FactScore {
    fn add(&mut self, answered: bool, correct: bool) {
        self.total += 1;
        self.answered += answered as usize;
        self.correct += correct as usize;
    }
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    pub killed: FactScore,
    pub injured: FactScore,
    pub date: FactScore,
}

/// What Concord concluded for one incident, next to the verified record.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentResult {
    pub incident: String,
    pub articles: usize,
    pub gold: String,
    pub killed: Option<String>,
    pub injured: Option<String>,
    pub date: Option<String>,
    pub correct: [bool; 3],
    /// Each article alone, in file order: where these differ and no conflict or update
    /// is flagged, a discrepancy went unseen.
    pub per_article: Vec<ArticleFacts>,
}

/// What one article alone says of the incident.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleFacts {
    pub source: String,
    pub killed: Option<String>,
    pub injured: Option<String>,
    pub date: Option<String>,
    pub correct: [bool; 3],
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct GvaReport {
    pub results: Vec<IncidentResult>,
    pub incidents: usize,
    pub articles: usize,
    /// Consensus over all articles of an incident.
    pub reconciled: Scores,
    /// Each article alone.
    pub single_article: Scores,
    pub conflicts: Vec<FlaggedConflict>,
}

/// Options of the evaluation.
#[derive(Clone, Debug)]
pub struct GvaOptions {
    pub min_docs: usize,
    pub limit: Option<usize>,
    /// Abstaining on a count counts as 0 (a report that names no dead says nobody died).
    pub absent_is_zero: bool,
}

impl Default for GvaOptions {
    fn default() -> Self {
        GvaOptions {
            min_docs: 2,
            limit: None,
            absent_is_zero: true,
        }
    }
}

fn story_of(incident: &Incident) -> Story {
    let sources = incident
        .docs
        .iter()
        .map(|d| source_of(&incident.incident_id, d))
        .collect();
    Story {
        root: PathBuf::from(format!("gva/{}", incident.incident_id)),
        sources,
        config: StoryConfig::default(),
    }
}

fn source_of(incident: &str, d: &Doc) -> Source {
    let title = d.title.clone().unwrap_or_default();
    let text = format!("{}\n\n{}", title.trim(), d.content);
    Source {
        id: d.doc_id.chars().take(12).collect(),
        path: PathBuf::from(format!("gva/{incident}/{}.txt", d.doc_id)),
        text,
        body_start: 0,
        meta: FrontMatter {
            title: d.title.clone(),
            published: d.dct.clone(),
            ..Default::default()
        },
        published: d.dct.as_deref().and_then(CivilDate::parse),
    }
}

/// What Concord's report says of the story's incident ([`Report::incident`]): its
/// killed, injured and date.
pub struct IncidentFacts {
    pub killed: Option<Value>,
    pub injured: Option<Value>,
    pub date: Option<Value>,
}

pub fn incident_facts(report: &Report) -> IncidentFacts {
    let fact = |attribute: &str| {
        report
            .incident
            .iter()
            .find(|f| f.attribute == attribute)
            .map(|f| f.value.clone())
    };
    IncidentFacts {
        killed: fact("killed"),
        injured: fact("injured"),
        date: fact("date"),
    }
}

fn count_correct(v: &Option<Value>, gold: u32, absent_is_zero: bool) -> (bool, bool) {
    match v {
        // A point figure, or a lower bound read as its least value ("at least 1 (a man)").
        Some(Value::Quantity(q)) => (
            true,
            q.min == gold as f64 && (q.max == Some(q.min) || q.max.is_none()),
        ),
        Some(_) => (true, false),
        None => (false, absent_is_zero && gold == 0),
    }
}

fn date_correct(v: &Option<Value>, gold: &str) -> (bool, bool) {
    let Some(g) = CivilDate::parse(gold) else {
        return (v.is_some(), false);
    };
    match v {
        // The day is what the record states; a part of it ("late Wednesday") is that day.
        Some(Value::Date(d)) => (
            true,
            d.relate(&crate::value::DateValue::day(g)).kind == RelationKind::Equal
                || d.span == (crate::value::DateSpan::Interval { first: g, last: g }),
        ),
        _ => (v.is_some(), false),
    }
}

fn score_into(
    scores: &mut Scores,
    facts: &IncidentFacts,
    gold: &Gold,
    absent_is_zero: bool,
) -> [bool; 3] {
    let (a, k) = count_correct(&facts.killed, gold.num_killed, absent_is_zero);
    scores.killed.add(a, k);
    let (a, i) = count_correct(&facts.injured, gold.num_injured, absent_is_zero);
    scores.injured.add(a, i);
    let (a, d) = date_correct(&facts.date, &gold.date);
    scores.date.add(a, d);
    [k, i, d]
}

/// The incidents of `path` (incidents.jsonl) with at least `min_docs` articles, in file order.
fn read_incidents(path: &Path, min_docs: usize) -> Result<Vec<Incident>> {
    let mut all: Vec<Incident> = super::read_jsonl(path, "an incident record")?;
    all.retain(|i| i.docs.len() >= min_docs);
    Ok(all)
}

/// Every incident of `path` with at least `min_docs` articles as a story, in file order.
pub fn stories(path: &Path, min_docs: usize) -> Result<Vec<Story>> {
    Ok(read_incidents(path, min_docs)?
        .iter()
        .map(story_of)
        .collect())
}

/// Writes every incident of `path` with at least `min_docs` articles as a story folder
/// `dir/<incident id>/` with one article per document (front matter: title and publication
/// date), the input `concord reconcile --stories dir` reads. Returns (stories, articles).
pub fn write_stories(path: &Path, dir: &Path, min_docs: usize) -> Result<(usize, usize)> {
    let incidents = read_incidents(path, min_docs)?;
    let mut articles = 0;
    for incident in &incidents {
        let story = story_of(incident);
        let folder = dir.join(crate::ingest::source_id(Path::new(&incident.incident_id)));
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("{}: cannot create", folder.display()))?;
        for (doc, source) in incident.docs.iter().zip(&story.sources) {
            let front = toml::to_string(&source.meta)?;
            let name = crate::ingest::source_id(Path::new(&doc.doc_id));
            let file = folder.join(format!("{name}.txt"));
            crate::claimfile::write_atomic(&file, &format!("+++\n{front}+++\n{}", source.text))?;
            articles += 1;
        }
    }
    Ok((incidents.len(), articles))
}

/// Runs the evaluation over `path` (incidents.jsonl).
pub fn evaluate(path: &Path, opts: &GvaOptions) -> Result<GvaReport> {
    let mut report = GvaReport::default();
    let match_opts = MatchOptions::default();
    for incident in read_incidents(path, opts.min_docs)? {
        if opts.limit.is_some_and(|l| report.incidents >= l) {
            break;
        }
        let story = story_of(&incident);
        let rec = reconcile(&story, &match_opts);
        let facts = incident_facts(&rec);
        let correct = score_into(
            &mut report.reconciled,
            &facts,
            &incident.gold,
            opts.absent_is_zero,
        );
        let timex = |v: &Option<Value>| {
            v.as_ref().map(|v| match v {
                Value::Date(d) => d.timex.clone(),
                other => other.display(),
            })
        };
        let mut per_article = Vec::new();
        for source in &story.sources {
            let single = Story {
                root: story.root.clone(),
                sources: vec![source.clone()],
                config: StoryConfig::default(),
            };
            let r = reconcile(&single, &match_opts);
            let alone = incident_facts(&r);
            let correct = score_into(
                &mut report.single_article,
                &alone,
                &incident.gold,
                opts.absent_is_zero,
            );
            per_article.push(ArticleFacts {
                source: source.id.clone(),
                killed: timex(&alone.killed),
                injured: timex(&alone.injured),
                date: timex(&alone.date),
                correct,
            });
            report.articles += 1;
        }
        let gold = format!(
            "killed {}, injured {}, date {}",
            incident.gold.num_killed, incident.gold.num_injured, incident.gold.date
        );
        report.results.push(IncidentResult {
            incident: incident.incident_id.clone(),
            articles: story.sources.len(),
            gold: gold.clone(),
            killed: timex(&facts.killed),
            injured: timex(&facts.injured),
            date: timex(&facts.date),
            correct,
            per_article,
        });
        report
            .conflicts
            .extend(FlaggedConflict::all_of(&rec, &incident.incident_id, &gold));
        report.incidents += 1;
    }
    Ok(report)
}

impl std::fmt::Display for GvaReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "GVA evaluation: {} incidents, {} articles",
            self.incidents, self.articles
        )?;
        writeln!(
            f,
            "{:<10} {:>22} {:>22}",
            "fact", "reconciled (answered)", "single article (answered)"
        )?;
        for (name, r, s) in [
            (
                "killed",
                &self.reconciled.killed,
                &self.single_article.killed,
            ),
            (
                "injured",
                &self.reconciled.injured,
                &self.single_article.injured,
            ),
            ("date", &self.reconciled.date, &self.single_article.date),
        ] {
            writeln!(
                f,
                "{:<10} {:>12.1}% ({:>4}/{:<4}) {:>12.1}% ({:>4}/{:<4})",
                name,
                100.0 * r.accuracy(),
                r.answered,
                r.total,
                100.0 * s.accuracy(),
                s.answered,
                s.total
            )?;
        }
        let updates = self
            .conflicts
            .iter()
            .filter(|c| c.between == "Update")
            .count();
        let low = self
            .conflicts
            .iter()
            .filter(|c| c.between != "Update" && c.confidence != "High")
            .count();
        let real: Vec<&FlaggedConflict> = self
            .conflicts
            .iter()
            .filter(|c| c.between != "Update" && c.confidence == "High")
            .collect();
        let by_attr = |a: &str| real.iter().filter(|c| c.attribute == a).count();
        writeln!(
            f,
            "conflicts flagged: {} (killed {}, injured {}, date {}, other {}); lower-confidence: {}; updates: {}",
            real.len(),
            by_attr("killed"),
            by_attr("injured"),
            by_attr("date"),
            real.len() - by_attr("killed") - by_attr("injured") - by_attr("date"),
            low,
            updates
        )
    }
}
