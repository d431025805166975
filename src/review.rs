//! Review: what fact-checkers decided, kept apart from what the engine extracted.
//!
//! The machine is corrected in three ways, all written in the claim folder and all carried
//! across re-extraction: a claim's `[claim.review]` confirms, corrects or rejects it; a
//! `[[manual]]` entry adds a claim the engine missed, anchored by a quote that must occur
//! in the article; and `reviews.toml` holds verdicts that settle a conflict. This module
//! owns those types, reads a manual claim or a corrected value with the same recognizers
//! that read articles, and turns a story plus its claim folder into the claims that
//! reconciliation uses ([`load`]).

use crate::calendar::CivilDate;
use crate::claimfile;
use crate::claims::{self, Claim, EventRef, Holder, Modality};
use crate::error::{Error, Location, Result};
use crate::hash::stable_id;
use crate::ingest::{Source, Story};
use crate::recognize::{dates::DateRecognizer, events, quantities};
use crate::segment;
use crate::token::tokenize;
use crate::value::{EntityValue, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The file of verdicts inside a claim folder.
pub const REVIEWS_FILE: &str = "reviews.toml";

/// Where a claim came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    #[default]
    Extracted,
    /// Added by a reviewer (`[[manual]]` in a claim file).
    Manual,
}

impl Origin {
    pub fn is_extracted(&self) -> bool {
        *self == Origin::Extracted
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// The claim is right as extracted.
    Confirmed,
    /// The claim is about the right thing but its value is wrong: `value` gives the right one.
    Corrected,
    /// The claim should not exist (misread, wrong event, boilerplate).
    Rejected,
}

/// A reviewer's decision on one claim (`[claim.review]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimReview {
    pub status: ReviewStatus,
    /// For `corrected`: the right value as a person writes it ("June 30, 2025", "at least 12").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<CivilDate>,
}

/// A claim a reviewer adds by hand (`[[manual]]` in a claim file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualClaim {
    /// Words of the article that state the claim, copied exactly.
    pub quote: String,
    /// Event type from the lexicon ("shooting", "raid", "crash").
    pub event: String,
    /// "date", "killed", "injured", "place", ...
    pub attribute: String,
    /// The value as a person writes it: "June 30, 2025", "at least 12", "the interior ministry".
    pub value: String,
    /// Who states it, when not the outlet in its own voice ("police").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A fact-checker's ruling on one conflict (`[[verdict]]` in `reviews.toml`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// The conflict's id, as the report prints it (`x-...`).
    pub conflict: String,
    /// The claim whose value is confirmed: one of the conflict's two claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<String>,
    /// The confirmed value in words, when neither side is right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// What settles it: a document, a call, an official record.
    pub evidence: String,
    pub by: String,
    pub date: CivilDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewsFile {
    #[serde(default, rename = "verdict")]
    verdicts: Vec<Verdict>,
}

/// Reads the verdicts of a claim folder; none when it has no `reviews.toml`.
pub fn read_verdicts(claims_dir: &Path) -> Result<Vec<Verdict>> {
    let path = claims_dir.join(REVIEWS_FILE);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = crate::ingest::read_text(&path, crate::ingest::DEFAULT_MAX_BYTES)?;
    let file: ReviewsFile = toml::from_str(&text).map_err(|e| Error::toml(&path, &text, 0, &e))?;
    let mut seen = BTreeMap::new();
    for (n, v) in file.verdicts.iter().enumerate() {
        let location = nth_table(&text, "[[verdict]]", n);
        let invalid = |message: String| Error::Claim {
            path: path.clone(),
            location,
            id: v.conflict.clone(),
            message,
        };
        if v.confirmed.is_none() && v.value.is_none() {
            return Err(invalid(
                "a verdict needs `confirmed` (a claim id) or `value`".into(),
            ));
        }
        if let Some(first) = seen.insert(v.conflict.clone(), location) {
            return Err(invalid(format!(
                "a second verdict on this conflict (the first is at line {})",
                first.line
            )));
        }
    }
    Ok(file.verdicts)
}

/// The location of the `n`th occurrence of a table header in a TOML text.
pub(crate) fn nth_table(text: &str, header: &str, n: usize) -> Location {
    let at = text
        .match_indices(header)
        .filter(|(i, _)| *i == 0 || text.as_bytes()[i - 1] == b'\n')
        .nth(n)
        .map_or(0, |(i, _)| i);
    Location::of(text, at)
}

/// Which kind of value a text should be read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ValueKind {
    Date,
    Quantity,
    Entity,
    Text,
}

impl ValueKind {
    fn of(value: &Value) -> ValueKind {
        match value {
            Value::Date(_) => ValueKind::Date,
            Value::Quantity(_) => ValueKind::Quantity,
            Value::Entity(_) => ValueKind::Entity,
            Value::Text { .. } => ValueKind::Text,
        }
    }

    /// For a manual claim: a date for "date", a count when the text is one, else a name.
    fn guess(attribute: &str, text: &str) -> ValueKind {
        if attribute == "date" {
            ValueKind::Date
        } else if read_value(ValueKind::Quantity, text, None).is_ok() {
            ValueKind::Quantity
        } else if attribute == "charge" {
            ValueKind::Text
        } else {
            ValueKind::Entity
        }
    }
}

/// Straight quotes for curly ones, so a quote typed by hand matches the article's.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Finds `quote` in `text` as a person copying from a rendered page would type it: any run
/// of whitespace (no-break spaces, line breaks) matches any other, and curly quotes match
/// straight ones. Returns the byte span in `text`.
pub fn find_quote(text: &str, quote: &str) -> Option<(usize, usize)> {
    let mut wanted: Vec<char> = Vec::new();
    for c in quote.trim().chars().map(fold) {
        if !(c == ' ' && wanted.last() == Some(&' ')) {
            wanted.push(c);
        }
    }
    let first = *wanted.first()?;
    text.char_indices()
        .filter(|&(_, c)| fold(c) == first)
        .find_map(|(start, _)| {
            let mut chars = text[start..].char_indices().peekable();
            let mut end = start;
            for &w in &wanted {
                let (at, c) = chars.next()?;
                if fold(c) != w {
                    return None;
                }
                end = start + at + c.len_utf8();
                if w == ' ' {
                    while let Some(&(at, c)) = chars.peek() {
                        if !c.is_whitespace() {
                            break;
                        }
                        end = start + at + c.len_utf8();
                        chars.next();
                    }
                }
            }
            Some((start, end))
        })
}

/// Reads a value a person wrote with the recognizers that read articles, so that "June 30"
/// or "at least 12" means what it would mean in the article itself.
fn read_value(
    kind: ValueKind,
    text: &str,
    published: Option<CivilDate>,
) -> std::result::Result<Value, String> {
    // A value copied from a report may carry its note: "July 1 (year unknown)".
    let text = match text
        .trim_end()
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
    {
        Some((bare, _)) if !bare.trim().is_empty() => bare,
        _ => text,
    };
    let tokens = tokenize(text, 0);
    let whole =
        |start: usize, end: usize| text[..start].trim().is_empty() && text[end..].trim().is_empty();
    match kind {
        ValueKind::Date => DateRecognizer::new(published)
            .recognize(&tokens)
            .into_iter()
            .find(|t| t.date.is_some() && whole(t.start, t.end))
            .and_then(|t| t.date)
            .map(Value::Date)
            .ok_or_else(|| {
                format!("cannot read `{text}` as a date (write it like \"June 30, 2025\")")
            }),
        ValueKind::Quantity => quantities::recognize(&tokens, &[])
            .into_iter()
            .find(|q| whole(q.start, q.end) || q.tokens == (0, tokens.len()))
            .map(|q| Value::Quantity(q.value))
            .ok_or_else(|| {
                format!(
                    "cannot read `{text}` as a number (write it like \"12\" or \"at least 12\")"
                )
            }),
        ValueKind::Entity => Ok(Value::Entity(EntityValue {
            display: text.trim().to_string(),
            kind: claims::guess_kind(text.trim()),
        })),
        ValueKind::Text => Ok(Value::Text {
            display: text.trim().to_string(),
        }),
    }
}

impl ManualClaim {
    /// The claim this entry states, or why it cannot be one. `Ok(None)` when its quote is
    /// not in the article: the entry is orphaned.
    pub fn to_claim(&self, source: &Source) -> std::result::Result<Option<Claim>, String> {
        let quote = self.quote.trim();
        if quote.is_empty() {
            return Err("`quote` is empty".into());
        }
        let Some((rel_start, rel_end)) = find_quote(source.body(), quote) else {
            return Ok(None);
        };
        let (start, end) = (source.body_start + rel_start, source.body_start + rel_end);
        let family = claims::family_of(&self.event);
        if !crate::lexicon::get()
            .events
            .types
            .iter()
            .any(|t| t.name == self.event)
        {
            return Err(format!(
                "`{}` is not an event type of the lexicon (src/lexicon/events.toml)",
                self.event
            ));
        }
        let value = read_value(
            ValueKind::guess(&self.attribute, &self.value),
            &self.value,
            source.published,
        )?;
        let segs = segment::segment(&source.text, source.body_start);
        let sentence = segs
            .sentences
            .iter()
            .find(|s| s.start <= start && start < s.end.max(s.start + 1));
        let span = sentence.map_or([start, end], |s| [s.start, s.end.max(end)]);
        let tokens = tokenize(&source.text[start..end], start);
        let trigger = events::recognize(&tokens)
            .into_iter()
            .next()
            .map(|t| (t.start, t.end))
            .unwrap_or((start, end));
        let (holder, modality) = match &self.holder {
            Some(name) => (
                Holder::Attributed {
                    name: name.clone(),
                    cue: "reviewer".into(),
                },
                Modality::Reported,
            ),
            None => (Holder::Outlet, Modality::Asserted),
        };
        let id = stable_id(
            "m",
            &format!(
                "{}|{}|{}|{}|{}",
                source.id, self.attribute, self.event, quote, self.value
            ),
        );
        Ok(Some(Claim {
            id,
            source: source.id.clone(),
            span,
            text: source.text[span[0]..span[1]].to_string(),
            evidence: [start, end],
            event: EventRef {
                kind: self.event.clone(),
                family,
                trigger: source.text[trigger.0..trigger.1].to_string(),
                trigger_span: [trigger.0, trigger.1],
                agent: None,
                target: None,
                place: None,
            },
            attribute: self.attribute.clone(),
            value,
            holder,
            modality,
            rule: "manual".into(),
            origin: Origin::Manual,
            review: Some(ClaimReview {
                status: ReviewStatus::Confirmed,
                value: None,
                note: self.note.clone(),
                by: self.by.clone(),
                date: None,
            }),
            digest: None,
        }))
    }
}

/// The claim with its value replaced by a reviewer's correction.
pub fn corrected(
    claim: &Claim,
    published: Option<CivilDate>,
) -> std::result::Result<Claim, String> {
    let Some(text) = claim.review.as_ref().and_then(|r| r.value.as_deref()) else {
        return Err("a `corrected` review needs `value`".into());
    };
    let value = read_value(ValueKind::of(&claim.value), text, published)?;
    Ok(Claim {
        value,
        ..claim.clone()
    })
}

/// A reviewed claim whose sentence is no longer in its article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Orphan {
    pub source: String,
    pub id: String,
    pub text: String,
}

/// Whether the claim files on disk match what the engine extracts now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FilesState {
    /// Every source has a claim file and its extracted claims are what the engine extracts.
    Current,
    /// Some claim files are missing or differ from a fresh extraction; reviews were applied
    /// by claim id to the fresh extraction.
    Stale,
}

/// What the review layer contributed to a reconciliation.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewState {
    /// The claim folder read.
    pub claims_dir: String,
    pub files: FilesState,
    /// Sources whose claim file is missing or differs from a fresh extraction.
    pub stale_sources: Vec<String>,
    pub confirmed: usize,
    pub corrected: usize,
    pub manual: usize,
    /// Rejected claims, left out of matching.
    pub rejected: Vec<Claim>,
    pub orphaned: Vec<Orphan>,
    pub verdicts: Vec<Verdict>,
    /// Verdicts that settle no current conflict (filled in by reconciliation).
    pub stale_verdicts: Vec<StaleVerdict>,
}

/// A verdict that no longer applies, and why.
#[derive(Clone, Debug, Serialize)]
pub struct StaleVerdict {
    #[serde(flatten)]
    pub verdict: Verdict,
    pub reason: String,
}

impl StaleVerdict {
    pub fn new(verdict: &Verdict, reason: &str) -> StaleVerdict {
        StaleVerdict {
            verdict: verdict.clone(),
            reason: reason.to_string(),
        }
    }
}

/// A story's claims after reviews, with what the review layer did.
#[derive(Clone, Debug)]
pub struct Reviewed {
    /// Claims to reconcile: extracted, corrected and manual; rejected ones left out.
    pub claims: Vec<Claim>,
    pub state: ReviewState,
}

/// The claims of `story` after applying the claim files and verdicts in `claims_dir`.
///
/// The engine's fresh extraction is the base; reviews are applied to it by claim id, so a
/// stale claim file still contributes its reviewers' decisions. A manual claim whose quote
/// is not in its article is an error here (the reviewer must fix it before it counts).
pub fn load(story: &Story, claims_dir: &Path) -> Result<Reviewed> {
    let mut state = ReviewState {
        claims_dir: claims_dir.to_string_lossy().replace('\\', "/"),
        files: FilesState::Current,
        stale_sources: Vec::new(),
        confirmed: 0,
        corrected: 0,
        manual: 0,
        rejected: Vec::new(),
        orphaned: Vec::new(),
        verdicts: read_verdicts(claims_dir)?,
        stale_verdicts: Vec::new(),
    };
    let mut out = Vec::new();
    for source in &story.sources {
        let fresh = claims::extract(source, &story.config);
        let path = claimfile::path_for(claims_dir, source);
        if !path.is_file() {
            state.stale_sources.push(source.id.clone());
            out.extend(fresh);
            continue;
        }
        let text = crate::ingest::read_text(&path, crate::ingest::DEFAULT_MAX_BYTES)?;
        let file = claimfile::parse(&path, &text)?;
        if !claimfile::matches_extraction(&file, &fresh) {
            state.stale_sources.push(source.id.clone());
        }
        let merged = claimfile::merge(&file, fresh, source);
        let manual_error = |n: usize, message: &str| {
            claimfile::manual_error(&path, &text, &file.manual[n], n, message)
        };
        if let Some(&n) = merged.manual_orphans.first() {
            return Err(manual_error(n, "quote not found in the article"));
        }
        if let Some((n, message)) = merged.manual_errors.first() {
            return Err(manual_error(*n, message));
        }
        state.orphaned.extend(merged.orphans);
        for claim in merged.claims {
            let Some(review) = &claim.review else {
                out.push(claim);
                continue;
            };
            match (review.status, claim.origin) {
                (_, Origin::Manual) => {
                    state.manual += 1;
                    out.push(claim);
                }
                (ReviewStatus::Rejected, _) => state.rejected.push(claim),
                (ReviewStatus::Confirmed, _) => {
                    state.confirmed += 1;
                    out.push(claim);
                }
                (ReviewStatus::Corrected, _) => {
                    let fixed =
                        corrected(&claim, source.published).map_err(|message| Error::Claim {
                            path: path.clone(),
                            location: claimfile::claim_location(&text, &claim.id),
                            id: claim.id.clone(),
                            message,
                        })?;
                    state.corrected += 1;
                    out.push(fixed);
                }
            }
        }
    }
    if !state.stale_sources.is_empty() {
        state.files = FilesState::Stale;
    }
    Ok(Reviewed { claims: out, state })
}

/// Moves a reviewed claim onto its sentence in the current article text; `None` when the
/// sentence is gone (the claim is orphaned). Offsets shift as a whole, never re-derived.
pub fn relocate(claim: &Claim, source: &Source) -> Option<Claim> {
    let [start, end] = claim.span;
    if source.text.get(start..end) == Some(claim.text.as_str()) {
        return Some(claim.clone());
    }
    let at = source.body().find(&claim.text)? + source.body_start;
    let shift = |x: usize| (x + at).checked_sub(start);
    let moved = |s: [usize; 2]| Some([shift(s[0])?, shift(s[1])?]);
    let mut c = claim.clone();
    c.span = moved(claim.span)?;
    c.evidence = moved(claim.evidence)?;
    c.event.trigger_span = moved(claim.event.trigger_span)?;
    Some(c)
}
