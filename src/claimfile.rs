//! Claim files: `claims/<source-id>.toml`, one reviewable, diffable file per article.
//!
//! A claim file is both machine output and a reviewer's worksheet. Concord writes the
//! `[[claim]]` tables; a reviewer adds `[claim.review]` decisions and `[[manual]]` claims
//! (see [`crate::review`]). Re-extraction merges by claim id: decisions and manual claims
//! survive, reviewed claims whose sentence is gone are kept and reported as orphaned.
//!
//! The file records a checksum of its body and each claim a digest of itself as written,
//! so Concord can tell review entries (always merged) from other edits to a file (comments,
//! changed machine fields), which it never overwrites unless told to (`--force`, which
//! still keeps a backup). Writes go to a temporary file that is renamed into place, so an
//! interrupted run never leaves half a file.

use crate::claims::{Claim, Origin};
use crate::error::{Error, Location, Result};
use crate::hash::fnv1a;
use crate::ingest::{read_text, Source, DEFAULT_MAX_BYTES};
use crate::review::{self, ManualClaim, Orphan};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CHECKSUM_KEY: &str = "checksum = \"";
const HEADER_COMMENTS: [&str; 2] = [
    "# Claims extracted by Concord from ",
    "# A reviewer may edit this file",
];

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimFile {
    pub source: String,
    pub path: String,
    pub generator: String,
    pub checksum: String,
    #[serde(default, rename = "claim")]
    pub claims: Vec<Claim>,
    #[serde(default, rename = "manual")]
    pub manual: Vec<ManualClaim>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "claim")]
    claims: &'a [Claim],
    #[serde(rename = "manual", skip_serializing_if = "<[_]>::is_empty")]
    manual: &'a [ManualClaim],
}

/// What happened to one claim file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    Created,
    Updated,
    Unchanged,
    /// A person edited the file outside its review entries; it was left as it is.
    KeptEdited,
}

/// The result of writing one claim file.
#[derive(Clone, Debug)]
pub struct WriteReport {
    pub path: PathBuf,
    pub outcome: WriteOutcome,
    /// Claims in the file (extracted, kept reviewed, and manual).
    pub claims: usize,
    /// Reviewer decisions and manual claims carried over from the previous file.
    pub carried: usize,
    /// Reviewed claims whose sentence is no longer in the article (kept in the file).
    pub orphans: Vec<Orphan>,
    /// Quotes of manual claims that are no longer in the article (kept in the file).
    pub manual_orphans: Vec<String>,
    /// For `KeptEdited`: what the person changed; with `--force`, what was overwritten.
    pub edits: Vec<String>,
    /// Where the overwritten file was saved (`--force` over an edited file).
    pub backup: Option<PathBuf>,
}

/// `claims/<source-id>.toml`.
pub fn path_for(dir: &Path, source: &Source) -> PathBuf {
    dir.join(format!("{}.toml", source.id))
}

/// A claim's fingerprint as Concord writes it (review, origin and digest left out).
pub fn digest(claim: &Claim) -> String {
    let json = serde_json::to_string(&claim.extracted_part()).unwrap_or_default();
    format!("{:012x}", fnv1a(&json) & 0xffff_ffff_ffff)
}

/// The text of a claim file for `claims` and reviewers' `manual` entries of `source`.
pub fn render(source: &Source, claims: &[Claim], manual: &[ManualClaim]) -> Result<String> {
    let claims: Vec<Claim> = claims
        .iter()
        .filter(|c| c.origin == Origin::Extracted)
        .map(|c| Claim {
            digest: Some(digest(c)),
            ..c.clone()
        })
        .collect();
    let body = toml::to_string(&Body {
        claims: &claims,
        manual,
    })
    .map_err(|e| Error::Invalid {
        path: source.path.clone(),
        message: format!("cannot write claims: {e}"),
    })?;
    let sum = format!("{:016x}", fnv1a(&body));
    let path = source.path.to_string_lossy().replace('\\', "/");
    Ok(format!(
        "{}{path}.\n\
         {}; Concord will not overwrite an edited file without --force.\n\
         # Review a claim in a [claim.review] table; add one in a [[manual]] table (docs/ci.md).\n\
         source = {}\npath = {}\ngenerator = \"concord {}\"\n{CHECKSUM_KEY}{sum}\"\n\n{body}",
        HEADER_COMMENTS[0],
        HEADER_COMMENTS[1],
        toml_str(&source.id),
        toml_str(&path),
        env!("CARGO_PKG_VERSION"),
    ))
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// True when the file's body still matches the checksum it was generated with.
pub fn is_pristine(text: &str) -> bool {
    let Some(at) = text.find(CHECKSUM_KEY) else {
        return false;
    };
    let rest = &text[at + CHECKSUM_KEY.len()..];
    let Some(end) = rest.find('"') else {
        return false;
    };
    let recorded = &rest[..end];
    let body_start = rest[end..].find('\n').map(|i| end + i + 1);
    let Some(bs) = body_start else { return false };
    let body = rest[bs..].strip_prefix('\n').unwrap_or(&rest[bs..]);
    format!("{:016x}", fnv1a(body)) == recorded
}

/// Parses and validates the text of a claim file.
pub fn parse(path: &Path, text: &str) -> Result<ClaimFile> {
    let file: ClaimFile = toml::from_str(text).map_err(|e| Error::toml(path, text, 0, &e))?;
    let mut seen = BTreeSet::new();
    for c in &file.claims {
        if !seen.insert(c.id.as_str()) {
            return Err(Error::Claim {
                path: path.to_path_buf(),
                location: locate_id(text, &c.id, 1),
                id: c.id.clone(),
                message: "this id occurs twice in the file; remove or rename one".into(),
            });
        }
    }
    Ok(file)
}

/// Reads and validates a claim file.
pub fn read(path: &Path) -> Result<ClaimFile> {
    parse(path, &read_text(path, DEFAULT_MAX_BYTES)?)
}

/// The line of the `nth` (0-based) `id = "..."` entry for `id`.
fn locate_id(text: &str, id: &str, nth: usize) -> Location {
    let key = format!("id = {}", toml_str(id));
    let at = text.match_indices(&key).nth(nth).map_or(0, |(i, _)| i);
    Location::of(text, at)
}

/// Where the claim `id` is written in a claim file's text (line 1 when not found).
pub fn claim_location(text: &str, id: &str) -> Location {
    locate_id(text, id, 0)
}

/// The error for the `n`th (0-based) `[[manual]]` entry of the claim file at `path`.
pub(crate) fn manual_error(
    path: &Path,
    text: &str,
    entry: &ManualClaim,
    n: usize,
    message: &str,
) -> Error {
    Error::Claim {
        path: path.to_path_buf(),
        location: review::nth_table(text, "[[manual]]", n),
        id: format!("manual #{}: {:?}", n + 1, entry.quote),
        message: message.to_string(),
    }
}

/// True when the file's extracted claims are exactly what the engine extracts now.
pub fn matches_extraction(file: &ClaimFile, fresh: &[Claim]) -> bool {
    let on_disk: BTreeMap<&str, Claim> = file
        .claims
        .iter()
        .filter(|c| c.origin == Origin::Extracted)
        .map(|c| (c.id.as_str(), c.extracted_part()))
        .collect();
    on_disk.len() == fresh.len()
        && fresh
            .iter()
            .all(|c| on_disk.get(c.id.as_str()) == Some(&c.extracted_part()))
}

/// Edits a merge would lose: changed machine fields and added comments. Review tables and
/// manual claims are not among them; they are merged.
pub fn unmergeable_edits(text: &str, file: &ClaimFile) -> Vec<String> {
    let mut edits: Vec<String> = file
        .claims
        .iter()
        .filter(|c| c.origin == Origin::Extracted && c.digest.as_deref() != Some(&digest(c)))
        .map(|c| {
            format!(
                "line {}: claim `{}` was changed outside its [claim.review] table",
                locate_id(text, &c.id, 0).line,
                c.id
            )
        })
        .collect();
    edits.extend(text.lines().enumerate().filter_map(|(n, line)| {
        let line = line.trim_start();
        (line.starts_with('#')
            && !line.starts_with("# Review a claim")
            && !HEADER_COMMENTS.iter().any(|h| line.starts_with(h)))
        .then(|| format!("line {}: a comment was added", n + 1))
    }));
    edits
}

/// A claim file merged with a fresh extraction.
#[derive(Clone, Debug, Default)]
pub struct Merged {
    /// Fresh claims with their reviews, reviewed claims the engine no longer extracts (moved
    /// onto their sentence), then manual claims.
    pub claims: Vec<Claim>,
    /// Reviewer entries carried over.
    pub carried: usize,
    /// Reviewed claims whose sentence is gone.
    pub orphans: Vec<Orphan>,
    /// Indices of manual entries whose quote is not in the article.
    pub manual_orphans: Vec<usize>,
    /// Manual entries that cannot be read, with why.
    pub manual_errors: Vec<(usize, String)>,
}

/// Merges a claim file's review entries into a fresh extraction, by claim id.
pub fn merge(file: &ClaimFile, fresh: Vec<Claim>, source: &Source) -> Merged {
    let reviewed: BTreeMap<&str, &Claim> = file
        .claims
        .iter()
        .filter(|c| c.review.is_some())
        .map(|c| (c.id.as_str(), c))
        .collect();
    let mut merged = Merged::default();
    let fresh_ids: BTreeSet<String> = fresh.iter().map(|c| c.id.clone()).collect();
    for mut c in fresh {
        if let Some(r) = reviewed.get(c.id.as_str()) {
            c.review = r.review.clone();
            merged.carried += 1;
        }
        merged.claims.push(c);
    }
    for (id, r) in &reviewed {
        if fresh_ids.contains(*id) {
            continue;
        }
        match review::relocate(r, source) {
            Some(c) => {
                merged.carried += 1;
                merged.claims.push(c);
            }
            None => merged.orphans.push(Orphan {
                source: source.id.clone(),
                id: id.to_string(),
                text: r.text.clone(),
            }),
        }
    }
    for (n, m) in file.manual.iter().enumerate() {
        match m.to_claim(source) {
            Ok(Some(c)) => {
                merged.carried += 1;
                merged.claims.push(c);
            }
            Ok(None) => merged.manual_orphans.push(n),
            Err(message) => merged.manual_errors.push((n, message)),
        }
    }
    merged
}

/// Writes `text` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let io = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// Writes the claim file of `source` into `dir`, merging the review entries of the file
/// already there. Other edits by a person are never overwritten unless `force` is set, and
/// then the old file is kept as `<source-id>.toml.bak`.
pub fn write(dir: &Path, source: &Source, fresh: Vec<Claim>, force: bool) -> Result<WriteReport> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let path = path_for(dir, source);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(Error::Io { path, source }),
    };
    let mut report = WriteReport {
        path: path.clone(),
        outcome: WriteOutcome::Created,
        claims: 0,
        carried: 0,
        orphans: Vec::new(),
        manual_orphans: Vec::new(),
        edits: Vec::new(),
        backup: None,
    };
    let (claims, manual) = match &existing {
        None => (fresh, Vec::new()),
        Some(text) => {
            report.outcome = WriteOutcome::Updated;
            let file = match parse(&path, text) {
                Ok(file) => Some(file),
                Err(_) if force => {
                    report
                        .edits
                        .push("the file could not be read as a claim file".into());
                    None
                }
                Err(e) => return Err(e),
            };
            match file {
                None => (fresh, Vec::new()),
                Some(file) => {
                    if !is_pristine(text) {
                        report.edits = unmergeable_edits(text, &file);
                        if !report.edits.is_empty() && !force {
                            report.outcome = WriteOutcome::KeptEdited;
                            report.claims = file.claims.len() + file.manual.len();
                            return Ok(report);
                        }
                    }
                    let merged = merge(&file, fresh, source);
                    if let Some((n, message)) = merged.manual_errors.first() {
                        return Err(manual_error(&path, text, &file.manual[*n], *n, message));
                    }
                    report.carried = merged.carried;
                    report.orphans = merged.orphans;
                    report.manual_orphans = merged
                        .manual_orphans
                        .iter()
                        .map(|&n| file.manual[n].quote.clone())
                        .collect();
                    // Orphaned reviewed claims stay in the file: they are a person's work.
                    let mut claims = merged.claims;
                    claims.extend(
                        file.claims
                            .iter()
                            .filter(|c| report.orphans.iter().any(|o| o.id == c.id))
                            .cloned(),
                    );
                    (claims, file.manual)
                }
            }
        }
    };
    let text = render(source, &claims, &manual)?;
    report.claims =
        claims.len() + manual.len() - claims.iter().filter(|c| c.origin == Origin::Manual).count();
    if existing.as_deref() == Some(text.as_str()) {
        report.outcome = WriteOutcome::Unchanged;
        return Ok(report);
    }
    if let Some(old) = existing.as_deref().filter(|_| !report.edits.is_empty()) {
        let backup = dir.join(format!("{}.toml.bak", source.id));
        write_atomic(&backup, old)?;
        report.backup = Some(backup);
    }
    write_atomic(&path, &text)?;
    Ok(report)
}
