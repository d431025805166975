//! Evaluation against annotated corpora: each evaluator takes a data path and returns
//! metrics that the CLI prints. Nothing here is used by the reconciliation pipeline.

pub mod gva;
pub mod meantime;
pub mod timex;

use anyhow::{Context, Result};
use serde::Deserialize;
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
