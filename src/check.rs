//! Check: the CI gate for newsrooms that keep claim sets in git.
//!
//! It answers two questions. Do the committed claim files still match what the engine
//! extracts (after reviews)? A change in the sources or in the engine shows up as claims
//! that are new, vanished or changed, listed by id, plus reviewed claims left orphaned and
//! verdicts gone stale. Which conflicts are open? Confident conflicts that no verdict
//! settles, each with both quotes at their file and line. The renderers here print the
//! answer for people (text, Markdown step summary), for CI annotations (GitHub) and for
//! machines (JSON).

use crate::claimfile;
use crate::claims::{extract, Claim, Origin};
use crate::error::{Error, Location, Result};
use crate::ingest::Story;
use crate::matcher::MatchOptions;
use crate::reconcile::{reconcile_reviewed, Report};
use crate::review::{self, Orphan, StaleVerdict, REVIEWS_FILE};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
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

/// Compares the extracted claims of the files in `claims_dir` with a fresh extraction of
/// `story`. Review entries are not part of the comparison: they are the reviewers' own.
pub fn diff_claims(story: &Story, claims_dir: &Path) -> Result<ClaimDiff> {
    let mut diff = ClaimDiff::default();
    for source in &story.sources {
        let fresh = extract(source, &story.config);
        let path = claimfile::path_for(claims_dir, source);
        if !path.is_file() {
            diff.missing_files
                .push(path.to_string_lossy().replace('\\', "/"));
            diff.added.extend(fresh);
            continue;
        }
        let committed: BTreeMap<String, Claim> = claimfile::read(&path)?
            .claims
            .into_iter()
            .filter(|c| c.origin == Origin::Extracted)
            .map(|c| (c.id.clone(), c.extracted_part()))
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

/// One side of a conflict, where a reader finds it.
#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    pub claim: String,
    pub source: String,
    /// The article file.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub value: String,
    pub text: String,
}

/// An open, confident conflict.
#[derive(Clone, Debug, Serialize)]
pub struct OpenConflict {
    pub id: String,
    pub attribute: String,
    pub reason: String,
    /// True when either claim is not in the committed claim files as it is now.
    pub new: bool,
    pub quotes: [Quote; 2],
}

/// Everything `concord check` found.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    pub story: String,
    pub claims_dir: String,
    pub diff: ClaimDiff,
    /// Reviewed claims whose sentence is no longer in the article.
    pub orphaned: Vec<Orphan>,
    /// Claim files in the folder that belong to no source.
    pub unknown_files: Vec<String>,
    pub conflicts: Vec<OpenConflict>,
    /// Lower-confidence differences left for a reader (not failing).
    pub to_check: usize,
    pub resolved: usize,
    pub stale_verdicts: Vec<StaleVerdict>,
}

impl CheckReport {
    /// Claim files or reviews that no longer match the sources and the engine.
    pub fn is_stale(&self) -> bool {
        !self.diff.is_empty()
            || !self.orphaned.is_empty()
            || !self.unknown_files.is_empty()
            || !self.stale_verdicts.is_empty()
    }

    pub fn has_open_conflicts(&self) -> bool {
        !self.conflicts.is_empty()
    }

    pub fn has_new_conflicts(&self) -> bool {
        self.conflicts.iter().any(|c| c.new)
    }
}

/// Claim files in `dir` whose name matches no source of the story.
fn unknown_claim_files(story: &Story, dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    let ids: BTreeSet<&str> = story.sources.iter().map(|s| s.id.as_str()).collect();
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| p.file_name().is_some_and(|n| n != REVIEWS_FILE))
        .filter(|p| {
            p.file_stem()
                .is_some_and(|s| !ids.contains(s.to_string_lossy().as_ref()))
        })
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    Ok(out)
}

fn quote(story: &Story, claim: &Claim) -> Quote {
    let source = story.sources.iter().find(|s| s.id == claim.source);
    let at = Location::of(source.map_or("", |s| s.text.as_str()), claim.evidence[0]);
    Quote {
        claim: claim.id.clone(),
        source: claim.source.clone(),
        path: source.map_or(String::new(), |s| {
            s.path.to_string_lossy().replace('\\', "/")
        }),
        line: at.line,
        column: at.column,
        value: claim.value.display(),
        text: claim.text.clone(),
    }
}

/// Runs the gate on `story` against its claim folder; also returns the reviewed report.
pub fn check(
    story: &Story,
    claims_dir: &Path,
    opts: &MatchOptions,
) -> Result<(CheckReport, Report)> {
    let diff = diff_claims(story, claims_dir)?;
    let reviewed = review::load(story, claims_dir)?;
    let report = reconcile_reviewed(story, reviewed, opts);
    let unsettled: BTreeSet<&str> = diff
        .added
        .iter()
        .chain(diff.changed.iter().map(|(_, c)| c))
        .map(|c| c.id.as_str())
        .collect();
    let conflicts = report
        .conflicts
        .iter()
        .filter(|c| c.is_firm())
        .filter_map(|c| {
            let a = report.claim(&c.claims[0])?;
            let b = report.claim(&c.claims[1])?;
            Some(OpenConflict {
                id: c.id.clone(),
                attribute: a.attribute.clone(),
                reason: c.reason.clone(),
                new: unsettled.contains(a.id.as_str()) || unsettled.contains(b.id.as_str()),
                quotes: [quote(story, a), quote(story, b)],
            })
        })
        .collect();
    let review = report.review.as_ref();
    let out = CheckReport {
        story: report.title.clone(),
        claims_dir: claims_dir.to_string_lossy().replace('\\', "/"),
        orphaned: review.map_or(Vec::new(), |r| r.orphaned.clone()),
        unknown_files: unknown_claim_files(story, claims_dir)?,
        conflicts,
        to_check: report.summary.low_confidence,
        resolved: report.summary.resolved,
        stale_verdicts: review.map_or(Vec::new(), |r| r.stale_verdicts.clone()),
        diff,
    };
    Ok((out, report))
}

fn claim_line(sign: char, c: &Claim) -> String {
    format!(
        "{sign} {} {} {} = {} ({}): {}\n",
        c.source,
        c.id,
        c.attribute,
        c.value.display(),
        c.event.kind,
        c.text
    )
}

/// A readable listing of the difference, one claim per line.
pub fn render(diff: &ClaimDiff) -> String {
    let mut out = String::new();
    for f in &diff.missing_files {
        out.push_str(&format!("! missing claim file {f}\n"));
    }
    for c in &diff.added {
        out.push_str(&claim_line('+', c));
    }
    for c in &diff.removed {
        out.push_str(&claim_line('-', c));
    }
    for (old, new) in &diff.changed {
        out.push_str(&claim_line('~', new));
        if old.value != new.value {
            out.push_str(&format!(
                "    value {} -> {}\n",
                old.value.display(),
                new.value.display()
            ));
        }
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

/// Claim changes and review problems, one line each (no conflicts).
fn render_changes(r: &CheckReport) -> String {
    let mut out = render(&r.diff);
    for o in &r.orphaned {
        let _ = writeln!(
            out,
            "? orphaned review {} {}: its sentence is no longer in the article: {}",
            o.source, o.id, o.text
        );
    }
    for f in &r.unknown_files {
        let _ = writeln!(out, "? claim file {f} belongs to no source");
    }
    for v in &r.stale_verdicts {
        let _ = writeln!(
            out,
            "? stale verdict on {} (by {}, {}): {}",
            v.verdict.conflict, v.verdict.by, v.verdict.date, v.reason
        );
    }
    out
}

/// The full check as plain text: claim changes, review problems, open conflicts.
pub fn render_text(r: &CheckReport) -> String {
    let mut out = render_changes(r);
    for c in &r.conflicts {
        let _ = writeln!(
            out,
            "conflict {}{} {}: {} vs {}: {}",
            c.id,
            if c.new { " (new)" } else { "" },
            c.attribute,
            c.quotes[0].value,
            c.quotes[1].value,
            c.reason
        );
        for q in &c.quotes {
            let _ = writeln!(out, "    {}:{}:{}: {}", q.path, q.line, q.column, q.text);
        }
    }
    out
}

/// One line of counts, for stderr.
pub fn summary_line(r: &CheckReport) -> String {
    format!(
        "concord check: {} new, {} vanished, {} changed claims, {} missing claim files, {} orphaned reviews, {} stale verdicts; {} open conflicts ({} new), {} resolved, {} to check",
        r.diff.added.len(),
        r.diff.removed.len(),
        r.diff.changed.len(),
        r.diff.missing_files.len(),
        r.orphaned.len(),
        r.stale_verdicts.len(),
        r.conflicts.len(),
        r.conflicts.iter().filter(|c| c.new).count(),
        r.resolved,
        r.to_check
    )
}

/// Escapes a workflow-command message (GitHub Actions).
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property (file, title).
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow annotations: an error at each quote of each open conflict, a
/// warning at each stale claim file.
pub fn render_github(r: &CheckReport) -> String {
    let mut out = String::new();
    for c in &r.conflicts {
        for (k, q) in c.quotes.iter().enumerate() {
            let other = &c.quotes[1 - k];
            let _ = writeln!(
                out,
                "::error file={},line={},col={},title={}::{} here is {}; {} ({}:{}) says {}: {}",
                gh_property(&q.path),
                q.line,
                q.column,
                gh_property(&format!("Concord conflict {} ({})", c.id, c.attribute)),
                gh_data(&c.attribute),
                gh_data(&q.value),
                gh_data(&other.source),
                gh_data(&other.path),
                other.line,
                gh_data(&other.value),
                gh_data(&c.reason)
            );
        }
    }
    let mut stale_files: BTreeMap<String, usize> = BTreeMap::new();
    for c in r
        .diff
        .added
        .iter()
        .chain(&r.diff.removed)
        .chain(r.diff.changed.iter().map(|(_, c)| c))
    {
        *stale_files
            .entry(format!("{}/{}.toml", r.claims_dir, c.source))
            .or_default() += 1;
    }
    for (file, n) in stale_files {
        let _ = writeln!(
            out,
            "::warning file={},title=Concord claims out of date::{n} claims differ from a fresh extraction; review `concord check` and run `concord extract`",
            gh_property(&file)
        );
    }
    for o in &r.orphaned {
        let _ = writeln!(
            out,
            "::warning file={},title=Concord orphaned review::claim {} is about a sentence no longer in the article",
            gh_property(&format!("{}/{}.toml", r.claims_dir, o.source)),
            gh_data(&o.id)
        );
    }
    for v in &r.stale_verdicts {
        let _ = writeln!(
            out,
            "::warning file={},title=Concord stale verdict::verdict on {}: {}",
            gh_property(&format!("{}/{REVIEWS_FILE}", r.claims_dir)),
            gh_data(&v.verdict.conflict),
            gh_data(&v.reason)
        );
    }
    out
}

/// A Markdown summary for a CI step summary.
pub fn render_markdown(r: &CheckReport) -> String {
    let mut out = String::new();
    let verdict = if r.is_stale() || r.has_open_conflicts() {
        "needs attention"
    } else {
        "clean"
    };
    let _ = writeln!(out, "## Concord check: {} — {verdict}\n", r.story);
    let _ = writeln!(out, "| | |\n|---|---|");
    let rows = [
        ("New claims", r.diff.added.len()),
        ("Vanished claims", r.diff.removed.len()),
        ("Changed claims", r.diff.changed.len()),
        ("Missing claim files", r.diff.missing_files.len()),
        ("Orphaned reviews", r.orphaned.len()),
        ("Stale verdicts", r.stale_verdicts.len()),
        ("Open conflicts", r.conflicts.len()),
        ("Resolved conflicts", r.resolved),
        ("Differences to check", r.to_check),
    ];
    for (name, n) in rows {
        let _ = writeln!(out, "| {name} | {n} |");
    }
    let _ = writeln!(out);
    if !r.conflicts.is_empty() {
        let _ = writeln!(out, "### Open conflicts\n");
        for c in &r.conflicts {
            let _ = writeln!(
                out,
                "- **{}**: {} vs {}{} — {} (`{}`)",
                c.attribute.replace('_', " "),
                c.quotes[0].value,
                c.quotes[1].value,
                if c.new { " (new)" } else { "" },
                c.reason,
                c.id
            );
            for q in &c.quotes {
                let _ = writeln!(
                    out,
                    "  - `{}:{}`: {}",
                    q.path,
                    q.line,
                    q.text.replace('\n', " ")
                );
            }
        }
        let _ = writeln!(out);
    }
    let diff = render_changes(r);
    if !diff.is_empty() {
        let _ = writeln!(out, "### Claim changes\n\n```diff\n{diff}```");
    }
    out
}
