//! Claim files: `claims/<source-id>.toml`, one reviewable, diffable file per article.
//!
//! A generated file records a checksum of its own body. When the body no longer matches,
//! a person edited it, and Concord refuses to overwrite it unless told to (`--force`).
//! Writes go to a temporary file that is renamed into place, so an interrupted run never
//! leaves half a file.

use crate::claims::Claim;
use crate::error::{Error, Result};
use crate::hash::fnv1a;
use crate::ingest::Source;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const CHECKSUM_KEY: &str = "checksum = \"";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimFile {
    pub source: String,
    pub path: String,
    pub generator: String,
    pub checksum: String,
    #[serde(default, rename = "claim")]
    pub claims: Vec<Claim>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "claim")]
    claims: &'a [Claim],
}

/// What happened to one claim file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    Created,
    Updated,
    Unchanged,
    /// A person edited the file; it was left as it is.
    KeptEdited,
}

/// The text of a claim file for `claims` of `source`.
pub fn render(source: &Source, claims: &[Claim]) -> Result<String> {
    let body = toml::to_string(&Body { claims }).map_err(|e| Error::Invalid {
        path: source.path.clone(),
        message: format!("cannot write claims: {e}"),
    })?;
    let sum = format!("{:016x}", fnv1a(&body));
    let path = source.path.to_string_lossy().replace('\\', "/");
    Ok(format!(
        "# Claims extracted by Concord from {path}.\n\
         # A reviewer may edit this file; Concord will not overwrite an edited file without --force.\n\
         source = {}\npath = {}\ngenerator = \"concord {}\"\n{CHECKSUM_KEY}{sum}\"\n\n{body}",
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

/// Reads and validates a claim file.
pub fn read(path: &Path) -> Result<ClaimFile> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| Error::toml(path, &text, 0, &e))
}

/// Writes `text` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let io = |source| Error::Io {
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
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// Writes the claim file of `source` into `dir`, never clobbering a person's edits unless
/// `force` is set.
pub fn write(
    dir: &Path,
    source: &Source,
    claims: &[Claim],
    force: bool,
) -> Result<(PathBuf, WriteOutcome)> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let path = dir.join(format!("{}.toml", source.id));
    let text = render(source, claims)?;
    let outcome = match std::fs::read_to_string(&path) {
        Ok(existing) if existing == text => WriteOutcome::Unchanged,
        Ok(existing) if !is_pristine(&existing) && !force => {
            return Ok((path, WriteOutcome::KeptEdited))
        }
        Ok(_) => WriteOutcome::Updated,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => WriteOutcome::Created,
        Err(source) => return Err(Error::Io { path, source }),
    };
    if outcome != WriteOutcome::Unchanged {
        write_atomic(&path, &text)?;
    }
    Ok((path, outcome))
}
