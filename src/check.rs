//! Check: do the committed claim files still match what the engine extracts?
//!
//! This is the CI gate for newsrooms that keep claim sets in git: a change in the sources
//! or in the engine shows up as claims that are new, vanished or changed (same id, other
//! fields), listed by id so a reviewer can read the difference.

use crate::claimfile;
use crate::claims::{extract, Claim};
use crate::error::Result;
use crate::ingest::Story;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug, Default, Serialize)]
pub struct ClaimDiff {
    /// Extracted now, absent from the claim files.
    pub added: Vec<Claim>,
    /// In the claim files, no longer extracted.
    pub removed: Vec<Claim>,
    /// Same id, different fields: (committed, extracted).
    pub changed: Vec<(Claim, Claim)>,
    /// Sources with no claim file.
    pub missing_files: Vec<String>,
}

impl ClaimDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.missing_files.is_empty()
    }
}

/// Compares the claim files in `claims_dir` with a fresh extraction of `story`.
pub fn diff_claims(story: &Story, claims_dir: &Path) -> Result<ClaimDiff> {
    let mut diff = ClaimDiff::default();
    for source in &story.sources {
        let fresh = extract(source, &story.config);
        let path = claims_dir.join(format!("{}.toml", source.id));
        if !path.is_file() {
            diff.missing_files
                .push(path.to_string_lossy().replace('\\', "/"));
            diff.added.extend(fresh);
            continue;
        }
        let committed: BTreeMap<String, Claim> = claimfile::read(&path)?
            .claims
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        let fresh: BTreeMap<String, Claim> = fresh.into_iter().map(|c| (c.id.clone(), c)).collect();
        for (id, c) in &fresh {
            match committed.get(id) {
                None => diff.added.push(c.clone()),
                Some(old) if old != c => diff.changed.push((old.clone(), c.clone())),
                Some(_) => {}
            }
        }
        diff.removed.extend(
            committed
                .into_iter()
                .filter(|(id, _)| !fresh.contains_key(id))
                .map(|(_, c)| c),
        );
    }
    Ok(diff)
}

/// A readable listing of the difference, one claim per line.
pub fn render(diff: &ClaimDiff) -> String {
    let line = |sign: char, c: &Claim| {
        format!(
            "{sign} {} {} {} = {} ({}): {}\n",
            c.source,
            c.id,
            c.attribute,
            c.value.display(),
            c.event.kind,
            c.text
        )
    };
    let mut out = String::new();
    for f in &diff.missing_files {
        out.push_str(&format!("! missing claim file {f}\n"));
    }
    for c in &diff.added {
        out.push_str(&line('+', c));
    }
    for c in &diff.removed {
        out.push_str(&line('-', c));
    }
    for (old, new) in &diff.changed {
        out.push_str(&line('~', new));
        if old.span != new.span {
            out.push_str(&format!("    span {:?} -> {:?}\n", old.span, new.span));
        }
        if old.holder != new.holder || old.modality != new.modality {
            out.push_str(&format!(
                "    holder/modality {:?} {:?} -> {:?} {:?}\n",
                old.holder, old.modality, new.holder, new.modality
            ));
        }
        if old.rule != new.rule {
            out.push_str(&format!("    rule {} -> {}\n", old.rule, new.rule));
        }
    }
    out
}
