//! Typed errors of the library, for callers that branch on what went wrong.
//!
//! Every error names the file it concerns and, where the input has one, the line and
//! column, so that a user can fix the input without reading Concord's code.

use std::path::PathBuf;
use thiserror::Error;

/// Where in a file a problem is (1-based line and column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The line and column of byte offset `at` in `text` (columns count characters).
    pub fn of(text: &str, at: usize) -> Location {
        let at = at.min(text.len());
        let mut at = at;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{location}: not valid UTF-8 text (is this a binary file?)")]
    NotUtf8 { path: PathBuf, location: Location },
    #[error("{path}: {size} bytes is larger than the {limit}-byte limit for one article; split it or raise --max-bytes")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}:{location}: front matter: {message}")]
    FrontMatter {
        path: PathBuf,
        location: Location,
        message: String,
    },
    #[error("{path}:{location}: {message}")]
    Toml {
        path: PathBuf,
        location: Location,
        message: String,
    },
    #[error("{path}: no articles (.txt or .md files) in this folder")]
    EmptyStory { path: PathBuf },
    #[error("{path}: not a folder or an article file")]
    NotFound { path: PathBuf },
    #[error("{first} and {second} both give source id `{id}`; rename one of them")]
    DuplicateSource {
        id: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("{path}:{location}: claim `{id}`: {message}")]
    Claim {
        path: PathBuf,
        location: Location,
        id: String,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Error {
    /// A TOML parse error placed at its line and column in `text`.
    pub fn toml(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        err: &toml::de::Error,
    ) -> Error {
        let span = err.span().map_or(0, |s| s.start);
        Error::Toml {
            path: path.into(),
            location: Location::of(text, offset + span),
            message: err.message().to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::Location;

    #[test]
    fn locations_count_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(Location::of(text, 0), Location { line: 1, column: 1 });
        assert_eq!(Location::of(text, 7), Location { line: 2, column: 4 });
        assert_eq!(Location::of(text, 8), Location { line: 3, column: 1 });
    }
}
