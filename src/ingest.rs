//! Ingest: a story folder (or one article) into [`Source`]s with metadata.
//!
//! An article is a `.txt` or `.md` file that may start with TOML front matter between `+++`
//! lines. The whole file is kept as read, so every byte offset later stages report points
//! into the file on disk; the body simply starts after the front matter (and any BOM).
//! What the front matter leaves out is read from the article's first lines, when they state
//! it (see [`crate::masthead`]).

use crate::calendar::CivilDate;
use crate::error::{Error, Location, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Articles larger than this are refused rather than read into memory.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Optional metadata at the top of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One article.
#[derive(Clone, Debug)]
pub struct Source {
    /// File stem: stable, unique within a story.
    pub id: String,
    /// Path as given (relative to the working directory when the user gave a relative path).
    pub path: PathBuf,
    /// The whole file as read.
    pub text: String,
    /// Byte offset where the article body starts (after BOM and front matter).
    pub body_start: usize,
    pub meta: FrontMatter,
    pub published: Option<CivilDate>,
}

impl Source {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Parses an article from its file contents.
    pub fn parse(path: &Path, text: String) -> Result<Source> {
        let id = source_id(path);
        let mut body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut meta = FrontMatter::default();
        let rest = &text[body_start..];
        if let Some(after_open) = rest
            .strip_prefix("+++")
            .filter(|r| r.starts_with('\n') || r.starts_with("\r\n"))
        {
            let fm_start = body_start + 3 + if after_open.starts_with("\r\n") { 2 } else { 1 };
            let (fm_end, close_end) =
                find_closing_fence(&text, fm_start).ok_or_else(|| Error::FrontMatter {
                    path: path.to_path_buf(),
                    location: Location::of(&text, body_start),
                    message: "opening `+++` has no closing `+++` line".into(),
                })?;
            let fm = &text[fm_start..fm_end];
            meta = toml::from_str(fm).map_err(|e| {
                let at = fm_start + e.span().map_or(0, |s| s.start);
                Error::FrontMatter {
                    path: path.to_path_buf(),
                    location: Location::of(&text, at),
                    message: e.message().trim().to_string(),
                }
            })?;
            body_start = close_end;
        }
        // A scraped article states what front matter would in its first lines.
        if meta.published.is_none() || meta.title.is_none() || meta.outlet.is_none() {
            let masthead = crate::masthead::read(&text, body_start);
            meta.published = meta
                .published
                .or_else(|| masthead.published.map(|(day, _)| day.to_string()));
            meta.title = meta.title.or(masthead.title);
            meta.outlet = meta.outlet.or(masthead.outlet);
            meta.author = meta.author.or(masthead.author);
            meta.url = meta.url.or(masthead.url);
        }
        let published = match &meta.published {
            Some(p) => Some(CivilDate::parse(p).ok_or_else(|| {
                Error::FrontMatter {
                    path: path.to_path_buf(),
                    location: text
                        .find(p.as_str())
                        .map_or(Location { line: 1, column: 1 }, |i| Location::of(&text, i)),
                    message: format!("published = \"{p}\" is not a date of the form YYYY-MM-DD"),
                }
            })?),
            None => None,
        };
        Ok(Source {
            id,
            path: path.to_path_buf(),
            text,
            body_start,
            meta,
            published,
        })
    }

    /// A label for reports: outlet, else title, else the id.
    pub fn label(&self) -> String {
        self.meta
            .outlet
            .clone()
            .or_else(|| self.meta.title.clone())
            .unwrap_or_else(|| self.id.clone())
    }
}

/// Finds the `+++` line closing front matter that starts at `from`; returns (end of the TOML,
/// start of the body).
fn find_closing_fence(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "+++" {
            return Some((pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// The source id of a file: its stem, with characters outside `[A-Za-z0-9_.-]` replaced.
pub fn source_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Reads an article file with a clear error for unreadable, binary, oversized files.
pub fn read_source(path: &Path, max_bytes: u64) -> Result<Source> {
    Source::parse(path, read_text(path, max_bytes)?)
}

/// Reads a text file Concord takes as input, refusing oversized and binary files before
/// anything else reads them.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Error::NotUtf8 {
            path: path.to_path_buf(),
            location: Location::of(&prefix, valid),
        }
    })?;
    if text.contains('\0') {
        return Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            location: Location::of(&text, text.find('\0').unwrap_or(0)),
        });
    }
    Ok(text)
}

/// A story entity with its aliases, from `concord.toml`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EntityAlias {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// person, organization, place or description.
    #[serde(default)]
    pub kind: Option<crate::value::EntityKind>,
}

/// The optional per-story configuration file `concord.toml`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StoryConfig {
    /// Story title for reports.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, rename = "entity")]
    pub entities: Vec<EntityAlias>,
}

impl StoryConfig {
    /// The canonical name of `name` when the story config lists it as an alias.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.entities
            .iter()
            .find(|e| {
                e.name.eq_ignore_ascii_case(name)
                    || e.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
            })
            .map(|e| e.name.as_str())
    }
}

/// A folder of articles about one story.
#[derive(Clone, Debug)]
pub struct Story {
    pub root: PathBuf,
    pub sources: Vec<Source>,
    pub config: StoryConfig,
}

/// Publication dates by source id.
pub type Published = std::collections::BTreeMap<String, Option<CivilDate>>;

impl Story {
    /// Each source's publication date.
    pub fn published(&self) -> Published {
        self.sources
            .iter()
            .map(|s| (s.id.clone(), s.published))
            .collect()
    }
}

pub const CONFIG_FILE: &str = "concord.toml";

fn is_article(path: &Path) -> bool {
    path.is_file()
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        )
        && !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Loads every article of a story folder, sorted by file name, with its `concord.toml`.
/// A single article file is a story of one source.
pub fn load_story(root: &Path, max_bytes: u64) -> Result<Story> {
    if root.is_file() {
        let source = read_source(root, max_bytes)?;
        return Ok(Story {
            root: root.to_path_buf(),
            sources: vec![source],
            config: StoryConfig::default(),
        });
    }
    if !root.is_dir() {
        return Err(Error::NotFound {
            path: root.to_path_buf(),
        });
    }
    let io = |source| Error::Io {
        path: root.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_article(p))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Error::EmptyStory {
            path: root.to_path_buf(),
        });
    }
    let mut sources: Vec<Source> = Vec::with_capacity(paths.len());
    for path in &paths {
        let source = read_source(path, max_bytes)?;
        if let Some(prev) = sources.iter().find(|s| s.id == source.id) {
            return Err(Error::DuplicateSource {
                id: source.id,
                first: prev.path.clone(),
                second: path.clone(),
            });
        }
        sources.push(source);
    }
    let config_path = root.join(CONFIG_FILE);
    let config = if config_path.is_file() {
        let text = std::fs::read_to_string(&config_path).map_err(|source| Error::Io {
            path: config_path.clone(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| Error::toml(&config_path, &text, 0, &e))?
    } else {
        StoryConfig::default()
    };
    Ok(Story {
        root: root.to_path_buf(),
        sources,
        config,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_offsets() {
        let text = "+++\ntitle = \"T\"\npublished = \"2025-07-07\"\n+++\nBody here.".to_string();
        let s = Source::parse(Path::new("a.txt"), text).unwrap();
        assert_eq!(s.body(), "Body here.");
        assert_eq!(s.published, CivilDate::new(2025, 7, 7));
        assert_eq!(s.meta.title.as_deref(), Some("T"));
    }

    #[test]
    fn broken_front_matter_names_line() {
        let text = "+++\ntitle = \"T\"\nbogus = 3\n+++\nBody".to_string();
        let err = Source::parse(Path::new("a.txt"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.txt:3:"), "{err}");
        assert!(err.contains("bogus"), "{err}");
        let unclosed = Source::parse(Path::new("b.md"), "+++\ntitle = 1\n".into())
            .unwrap_err()
            .to_string();
        assert!(unclosed.contains("no closing"), "{unclosed}");
    }

    #[test]
    fn bom_and_crlf() {
        let s = Source::parse(
            Path::new("c.txt"),
            "\u{feff}+++\r\ntitle = \"X\"\r\n+++\r\nText.".into(),
        )
        .unwrap();
        assert_eq!(s.body(), "Text.");
    }
}
