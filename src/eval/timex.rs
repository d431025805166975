//! TempEval-3 scoring of the temporal expression recognizer against annotated corpora.
//!
//! Date resolution is where a reconciliation engine silently goes wrong ("Friday" resolved to
//! the wrong week makes two agreeing sources conflict), so it is measured on real annotated
//! news: the TempEval-3 TimeBank/AQUAINT export (`timex_gold.jsonl`, character offsets into
//! each document's text) and MEANTIME (`meantime_docs.jsonl`, tokenized sentences). Both are
//! turned into plain text with byte offsets, run through [`DateRecognizer`] one sentence at a
//! time, and scored with the TempEval-3 measures: strict and relaxed (overlap) span P/R/F1,
//! value and type accuracy on relaxed matches, and value F1, the headline number.

use crate::calendar::CivilDate;
use crate::recognize::dates::DateRecognizer;
use crate::token::tokenize;
use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Instant;

/// One gold TIMEX3, with byte offsets into its document's text.
#[derive(Clone, Debug)]
struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

/// One document ready to score: text, sentences (byte ranges), publication date, gold.
#[derive(Clone, Debug)]
struct Doc {
    id: String,
    text: String,
    dct: Option<CivilDate>,
    sentences: Vec<(usize, usize)>,
    gold: Vec<Gold>,
    /// System mentions at or after this byte offset are not scored (the annotators stopped there).
    scored_until: usize,
}

/// Counts and scores for one slice of the data (all types, or DATE only).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    pub gold: usize,
    pub system: usize,
    pub strict_matches: usize,
    pub relaxed_matches: usize,
    pub value_correct: usize,
    pub type_correct: usize,
    pub strict_precision: f64,
    pub strict_recall: f64,
    pub strict_f1: f64,
    pub relaxed_precision: f64,
    pub relaxed_recall: f64,
    pub relaxed_f1: f64,
    /// Correct values among relaxed matches.
    pub value_accuracy: f64,
    pub value_precision: f64,
    pub value_recall: f64,
    /// The TempEval-3 headline: correct values over system (P) and over gold (R).
    pub value_f1: f64,
    /// Correct types among relaxed matches.
    pub type_accuracy: f64,
}

/// One disagreement with the gold annotation, for reading errors.
#[derive(Clone, Debug, Serialize)]
pub struct TimexError {
    /// "missed", "spurious" or "value".
    pub kind: &'static str,
    pub doc: String,
    pub dct: Option<String>,
    pub text: String,
    pub gold_value: Option<String>,
    pub system_value: Option<String>,
    pub rule: Option<String>,
    /// The sentence around the expression.
    pub context: String,
}

/// How one recognizer rule fared: what it found, how much of that matched gold, how much
/// had the gold value.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RuleScore {
    pub rule: String,
    pub system: usize,
    pub matched: usize,
    pub value_correct: usize,
}

/// Scores of the recognizer on one corpus.
#[derive(Clone, Debug, Serialize)]
pub struct TimexReport {
    pub corpus: String,
    pub documents: usize,
    pub overall: Scores,
    pub date: Scores,
    /// Bytes of text recognized and the time spent in the recognizer only.
    pub text_bytes: usize,
    pub recognize_seconds: f64,
    /// Per rule, most productive first.
    pub rules: Vec<RuleScore>,
    pub errors: Vec<TimexError>,
}

impl TimexReport {
    pub fn megabytes_per_second(&self) -> f64 {
        if self.recognize_seconds > 0.0 {
            self.text_bytes as f64 / 1e6 / self.recognize_seconds
        } else {
            0.0
        }
    }
}

impl fmt::Display for TimexReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "TIMEX3 evaluation: {} ({} documents)",
            self.corpus, self.documents
        )?;
        writeln!(
            f,
            "{:<10} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>7} {:>7} | {:>7}",
            "",
            "gold",
            "system",
            "str.P",
            "str.R",
            "str.F1",
            "rel.P",
            "rel.R",
            "rel.F1",
            "val.acc",
            "val.F1",
            "typ.acc"
        )?;
        for (name, s) in [("all", &self.overall), ("DATE", &self.date)] {
            writeln!(
                f,
                "{:<10} {:>6} {:>6} | {:>6.2} {:>6.2} {:>6.2} | {:>6.2} {:>6.2} {:>6.2} | {:>7.2} {:>7.2} | {:>7.2}",
                name,
                s.gold,
                s.system,
                100.0 * s.strict_precision,
                100.0 * s.strict_recall,
                100.0 * s.strict_f1,
                100.0 * s.relaxed_precision,
                100.0 * s.relaxed_recall,
                100.0 * s.relaxed_f1,
                100.0 * s.value_accuracy,
                100.0 * s.value_f1,
                100.0 * s.type_accuracy,
            )?;
        }
        write!(
            f,
            "recognizer throughput: {:.1} MB/s ({} bytes in {:.3} s)",
            self.megabytes_per_second(),
            self.text_bytes,
            self.recognize_seconds
        )
    }
}

/// Scores the recognizer on a corpus file (`timex_gold.jsonl` or `meantime_docs.jsonl`) or on
/// a folder holding one of them.
pub fn evaluate(path: &Path) -> Result<TimexReport> {
    let file = if path.is_dir() {
        ["timex_gold.jsonl", "meantime_docs.jsonl"]
            .iter()
            .map(|n| path.join(n))
            .find(|p| p.exists())
            .with_context(|| {
                format!(
                    "no timex_gold.jsonl or meantime_docs.jsonl in {}",
                    path.display()
                )
            })?
    } else {
        path.to_path_buf()
    };
    let raw =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let mut docs = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: invalid JSON", file.display(), n + 1))?;
        let doc = if v.get("sentences").is_some() {
            meantime_doc(&v)
        } else if v.get("timex3").is_some() && v.get("text").is_some() {
            tempeval_doc(&v)
        } else {
            bail!(
                "{}:{}: neither a TempEval nor a MEANTIME document",
                file.display(),
                n + 1
            )
        };
        docs.push(doc.with_context(|| format!("{}:{}", file.display(), n + 1))?);
    }
    Ok(score(&file.display().to_string(), &docs))
}

/// The document creation time: `dct` as YYYY-MM-DD[...] or DD-MM-YYYY, else the value of a
/// MEANTIME timex marked CREATION_TIME (the dateline the corpus gives as the document's date).
fn parse_dct(v: &serde_json::Value) -> Option<CivilDate> {
    let from_field = v.get("dct").and_then(|d| d.as_str()).and_then(|s| {
        CivilDate::parse(s.get(..10)?).or_else(|| {
            let mut p = s.split('-');
            let (d, m, y) = (p.next()?, p.next()?, p.next()?);
            CivilDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        })
    });
    from_field.or_else(|| {
        v.get("timex3")?.as_array()?.iter().find_map(|t| {
            let creation = t.get("functionInDocument")?.as_str()? == "CREATION_TIME";
            let value = t.get("value")?.as_str()?;
            creation
                .then(|| CivilDate::parse(value.get(..10)?))
                .flatten()
        })
    })
}

fn str_field(v: &serde_json::Value, k: &str) -> String {
    v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string()
}

/// TempEval export: character offsets into `text`, converted to byte offsets.
fn tempeval_doc(v: &serde_json::Value) -> Result<Doc> {
    let text = str_field(v, "text");
    let mut char_to_byte: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    char_to_byte.push(text.len());
    let mut gold = Vec::new();
    for t in v
        .get("timex3")
        .and_then(|x| x.as_array())
        .into_iter()
        .flatten()
    {
        let (Some(s), Some(e)) = (
            t.get("start").and_then(|x| x.as_u64()),
            t.get("end").and_then(|x| x.as_u64()),
        ) else {
            continue;
        };
        let (Some(&start), Some(&end)) =
            (char_to_byte.get(s as usize), char_to_byte.get(e as usize))
        else {
            bail!("timex offsets {s}..{e} outside the text");
        };
        gold.push(Gold {
            start,
            end,
            kind: str_field(t, "type"),
            value: str_field(t, "value"),
        });
    }
    let sentences = split_sentences(&text);
    let scored_until = text.len();
    Ok(Doc {
        id: str_field(v, "doc"),
        dct: parse_dct(v),
        text,
        sentences,
        gold,
        scored_until,
    })
}

/// Sentences of a MEANTIME document that carry annotations (title and first five sentences).
const MEANTIME_ANNOTATED_SENTENCES: usize = 6;

/// MEANTIME: space-separated tokens per sentence; gold timexes point at 1-based global token ids.
fn meantime_doc(v: &serde_json::Value) -> Result<Doc> {
    let mut text = String::new();
    let mut token_spans: Vec<(usize, usize)> = Vec::new();
    let mut sentences = Vec::new();
    let mut scored_until = usize::MAX;
    for s in v
        .get("sentences")
        .and_then(|x| x.as_array())
        .into_iter()
        .flatten()
    {
        // MEANTIME annotates the title and the first five sentences only.
        if sentences.len() == MEANTIME_ANNOTATED_SENTENCES {
            scored_until = text.len();
        }
        let st = s.get("text").and_then(|x| x.as_str()).unwrap_or("");
        let start = text.len();
        for (k, tok) in st.split(' ').enumerate() {
            if k > 0 {
                text.push(' ');
            }
            token_spans.push((text.len(), text.len() + tok.len()));
            text.push_str(tok);
        }
        sentences.push((start, text.len()));
        text.push('\n');
    }
    let mut gold = Vec::new();
    for t in v
        .get("timex3")
        .and_then(|x| x.as_array())
        .into_iter()
        .flatten()
    {
        let ids: Vec<usize> = t
            .get("token_ids")
            .and_then(|x| x.as_array())
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_u64().map(|n| n as usize))
            .collect();
        let (Some(first), Some(last)) = (ids.iter().min(), ids.iter().max()) else {
            continue;
        };
        let (Some(a), Some(b)) = (
            token_spans.get(first.wrapping_sub(1)),
            token_spans.get(last.wrapping_sub(1)),
        ) else {
            bail!("timex token ids {first}..{last} outside the document");
        };
        gold.push(Gold {
            start: a.0,
            end: b.1,
            kind: str_field(t, "type"),
            value: str_field(t, "value"),
        });
    }
    let scored_until = scored_until.min(text.len());
    Ok(Doc {
        id: str_field(v, "doc_id"),
        dct: parse_dct(v),
        text,
        sentences,
        gold,
        scored_until,
    })
}

/// Splits at line breaks and after sentence-final punctuation followed by white space and a
/// capital letter, except after short capitalized abbreviations ("Oct.", "Mr.", "U.S.").
fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut cut = None;
        if b == b'\n' {
            cut = Some((i, i + 1));
        } else if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b' ' {
                let mut k = j;
                while k < bytes.len() && bytes[k] == b' ' {
                    k += 1;
                }
                let next_upper = bytes
                    .get(k)
                    .is_some_and(|c| c.is_ascii_uppercase() || *c == b'"');
                let word_start = text[..i]
                    .rfind(|c: char| c.is_whitespace())
                    .map(|p| p + 1)
                    .unwrap_or(0);
                let word = &text[word_start..i];
                // "Oct.", "Mr.", "U.S.", "p.m." do not end sentences (most of the time).
                let abbreviation = b == b'.'
                    && (word.len() <= 4 && word.chars().next().is_some_and(char::is_uppercase)
                        || word.contains('.'));
                if next_upper && !abbreviation {
                    cut = Some((j, k));
                }
            }
        }
        if let Some((end, next)) = cut {
            if !text[start..end].trim().is_empty() {
                out.push((start, end));
            }
            start = next;
            i = next;
            continue;
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// A system mention reduced to what is scored.
struct Sys {
    start: usize,
    end: usize,
    kind: &'static str,
    value: String,
    rule: &'static str,
}

fn finish(s: &mut Scores) {
    let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let f1 = |p: f64, r: f64| {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    s.strict_precision = div(s.strict_matches, s.system);
    s.strict_recall = div(s.strict_matches, s.gold);
    s.strict_f1 = f1(s.strict_precision, s.strict_recall);
    s.relaxed_precision = div(s.relaxed_matches, s.system);
    s.relaxed_recall = div(s.relaxed_matches, s.gold);
    s.relaxed_f1 = f1(s.relaxed_precision, s.relaxed_recall);
    s.value_accuracy = div(s.value_correct, s.relaxed_matches);
    s.value_precision = div(s.value_correct, s.system);
    s.value_recall = div(s.value_correct, s.gold);
    s.value_f1 = f1(s.value_precision, s.value_recall);
    s.type_accuracy = div(s.type_correct, s.relaxed_matches);
}

fn context(text: &str, start: usize, end: usize) -> String {
    let a = text[..start].rfind('\n').map(|p| p + 1).unwrap_or(0);
    let b = text[end..]
        .find('\n')
        .map(|p| end + p)
        .unwrap_or(text.len());
    let (mut a2, mut b2) = (a.max(start.saturating_sub(120)), b.min(end + 120));
    while !text.is_char_boundary(a2) {
        a2 -= 1;
    }
    while !text.is_char_boundary(b2) {
        b2 += 1;
    }
    format!(
        "{}[{}]{}",
        &text[a2..start],
        &text[start..end],
        &text[end..b2]
    )
    .replace('\n', " ")
}

/// Matches system to gold one-to-one and accumulates counts; `only` restricts both to one type.
fn tally(
    doc: &Doc,
    sys: &[Sys],
    only: Option<&str>,
    s: &mut Scores,
    errors: Option<&mut Vec<TimexError>>,
    mut rules: Option<&mut BTreeMap<&'static str, RuleScore>>,
) {
    let gold: Vec<&Gold> = doc
        .gold
        .iter()
        .filter(|g| only.is_none_or(|t| g.kind == t))
        .collect();
    let sys: Vec<&Sys> = sys
        .iter()
        .filter(|x| only.is_none_or(|t| x.kind == t))
        .collect();
    s.gold += gold.len();
    s.system += sys.len();
    let mut gold_used = vec![false; gold.len()];
    let mut errs = Vec::new();
    let dct = doc.dct.map(|d| d.to_string());
    for x in &sys {
        // Prefer an exact span, then the first overlapping one.
        let exact = gold
            .iter()
            .enumerate()
            .find(|(k, g)| !gold_used[*k] && g.start == x.start && g.end == x.end);
        let found = exact.or_else(|| {
            gold.iter()
                .enumerate()
                .find(|(k, g)| !gold_used[*k] && g.start < x.end && x.start < g.end)
        });
        match found {
            Some((k, g)) => {
                gold_used[k] = true;
                s.relaxed_matches += 1;
                if let Some(r) = rules.as_deref_mut() {
                    let e = r.entry(x.rule).or_default();
                    e.matched += 1;
                    e.value_correct += usize::from(g.value == x.value);
                }
                if g.start == x.start && g.end == x.end {
                    s.strict_matches += 1;
                }
                if g.value == x.value {
                    s.value_correct += 1;
                } else {
                    errs.push(TimexError {
                        kind: "value",
                        doc: doc.id.clone(),
                        dct: dct.clone(),
                        text: doc.text[x.start..x.end].to_string(),
                        gold_value: Some(format!("{} {}", g.value, &doc.text[g.start..g.end])),
                        system_value: Some(x.value.clone()),
                        rule: Some(x.rule.to_string()),
                        context: context(&doc.text, x.start, x.end),
                    });
                }
                if g.kind == x.kind {
                    s.type_correct += 1;
                }
            }
            None => errs.push(TimexError {
                kind: "spurious",
                doc: doc.id.clone(),
                dct: dct.clone(),
                text: doc.text[x.start..x.end].to_string(),
                gold_value: None,
                system_value: Some(x.value.clone()),
                rule: Some(x.rule.to_string()),
                context: context(&doc.text, x.start, x.end),
            }),
        }
    }
    for (k, g) in gold.iter().enumerate() {
        if !gold_used[k] {
            errs.push(TimexError {
                kind: "missed",
                doc: doc.id.clone(),
                dct: dct.clone(),
                text: doc.text[g.start..g.end].to_string(),
                gold_value: Some(g.value.clone()),
                system_value: None,
                rule: None,
                context: context(&doc.text, g.start, g.end),
            });
        }
    }
    if let Some(e) = errors {
        e.extend(errs);
    }
}

fn score(corpus: &str, docs: &[Doc]) -> TimexReport {
    let mut overall = Scores::default();
    let mut date = Scores::default();
    let mut errors = Vec::new();
    let mut rules: BTreeMap<&'static str, RuleScore> = BTreeMap::new();
    let mut text_bytes = 0;
    let mut seconds = 0.0;
    for doc in docs {
        let mut rec = DateRecognizer::new(doc.dct);
        let mut sys = Vec::new();
        for &(a, b) in &doc.sentences {
            let toks = tokenize(&doc.text[a..b], a);
            let t0 = Instant::now();
            let found = rec.recognize(&toks);
            seconds += t0.elapsed().as_secs_f64();
            text_bytes += b - a;
            sys.extend(
                found
                    .into_iter()
                    .filter(|m| m.start < doc.scored_until)
                    .map(|m| Sys {
                        start: m.start,
                        end: m.end,
                        kind: m.timex_type.as_timeml(),
                        value: m.value,
                        rule: m.rule,
                    }),
            );
        }
        for x in &sys {
            rules.entry(x.rule).or_default().system += 1;
        }
        tally(
            doc,
            &sys,
            None,
            &mut overall,
            Some(&mut errors),
            Some(&mut rules),
        );
        tally(doc, &sys, Some("DATE"), &mut date, None, None);
    }
    finish(&mut overall);
    finish(&mut date);
    TimexReport {
        corpus: corpus.to_string(),
        documents: docs.len(),
        overall,
        date,
        text_bytes,
        recognize_seconds: seconds,
        rules: {
            let mut v: Vec<RuleScore> = rules
                .into_iter()
                .map(|(k, mut r)| {
                    r.rule = k.to_string();
                    r
                })
                .collect();
            v.sort_by(|a, b| b.system.cmp(&a.system).then(a.rule.cmp(&b.rule)));
            v
        },
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_after_final_punctuation_not_abbreviations() {
        let t = "He left on Oct. 23. She stayed. Mr. Li spoke.\nNext line";
        let s: Vec<&str> = split_sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "He left on Oct. 23.",
                "She stayed.",
                "Mr. Li spoke.",
                "Next line"
            ]
        );
    }
}
