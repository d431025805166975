//! Evaluation against annotated corpora: each evaluator takes a data path and returns
//! metrics that the CLI prints. Nothing here is used by the reconciliation pipeline.

pub mod gva;
pub mod meantime;
pub mod timex;

use crate::claims::Claim;
use crate::reconcile::Report;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::io::BufRead;
use std::path::Path;

/// Reads a JSON Lines corpus file, naming the file and line of a bad record (`what` says
/// what a line should be: "a MEANTIME document").
pub(crate) fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path, what: &str) -> Result<Vec<T>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: cannot read", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not {what}", path.display(), n + 1))?,
        );
    }
    Ok(out)
}

/// A flagged conflict with both quotes, for judging by reading.
#[derive(Clone, Debug, Serialize)]
pub struct FlaggedConflict {
    /// The story: an incident id, a topic.
    pub incident: String,
    pub attribute: String,
    pub between: String,
    pub reason: String,
    /// Each side's source, value and sentence.
    pub a: (String, String, String),
    pub b: (String, String, String),
    /// What the corpus records for the story, for the judge.
    pub gold: String,
    pub confidence: String,
    /// Why a person should check the flag first (empty for a firm conflict).
    pub caveats: Vec<String>,
}

impl FlaggedConflict {
    /// Every conflict of a reconciled story, in report order.
    pub fn all_of(rec: &Report, story: &str, gold: &str) -> Vec<FlaggedConflict> {
        let quote = |c: &Claim| (c.source.clone(), c.value.display(), c.text.clone());
        rec.conflicts
            .iter()
            .filter_map(|c| {
                let (a, b) = (rec.claim(&c.claims[0])?, rec.claim(&c.claims[1])?);
                Some(FlaggedConflict {
                    incident: story.to_string(),
                    attribute: a.attribute.clone(),
                    between: format!("{:?}", c.between),
                    reason: c.reason.clone(),
                    a: quote(a),
                    b: quote(b),
                    gold: gold.to_string(),
                    confidence: format!("{:?}", c.confidence),
                    caveats: c.caveats.clone(),
                })
            })
            .collect()
    }

    /// Writes flags as JSON Lines to `path`.
    pub fn write_jsonl(flags: &[FlaggedConflict], path: &Path) -> Result<()> {
        let mut s = String::new();
        for c in flags {
            s.push_str(&serde_json::to_string(c)?);
            s.push('\n');
        }
        std::fs::write(path, s).with_context(|| format!("{}: cannot write", path.display()))
    }
}
