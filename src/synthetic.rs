//! Synthetic large stories for benchmarks and scale tests.
//!
//! A story of any size is built from a few real articles (the bundled story and the test
//! fixtures): copy `k` of an article gets its own source id, keeps a deterministic subset of
//! the body's paragraphs in a rotated order, and shifts some small numbers, so copies read as
//! different versions of one story (some close enough to count as copies, most not) rather
//! than as byte-identical duplicates. Nothing here is random: the same size gives the same
//! story.

use crate::hash::fnv1a;
use crate::ingest::{load_story, Source, Story, StoryConfig, DEFAULT_MAX_BYTES};
use std::path::{Path, PathBuf};

/// Story folders of the repository used as the base articles (relative to the crate root).
pub const BASE_STORIES: [&str; 4] = [
    "sources",
    "tests/fixtures/stories/shooting",
    "tests/fixtures/stories/plant-fire",
    "tests/fixtures/stories/wire-copies",
];

/// The articles of the base stories under `root` (the crate root), in a fixed order.
pub fn base_sources(root: &Path) -> crate::error::Result<Vec<Source>> {
    let mut out = Vec::new();
    for dir in BASE_STORIES {
        out.extend(load_story(&root.join(dir), DEFAULT_MAX_BYTES)?.sources);
    }
    Ok(out)
}

/// Version `copy` of an article's text: front matter kept, body paragraphs thinned and
/// rotated, and (in every third copy) counts from 2 to 99 raised by one.
pub fn perturb(source: &Source, copy: usize) -> String {
    let head = &source.text[..source.body_start];
    let paragraphs: Vec<&str> = source
        .body()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut kept: Vec<&str> = paragraphs
        .iter()
        .enumerate()
        // The first paragraph (usually the lede) always stays; others with probability ~3/4.
        .filter(|(i, p)| *i == 0 || copy == 0 || !fnv1a(&format!("{copy}|{p}")).is_multiple_of(4))
        .map(|(_, p)| *p)
        .collect();
    if kept.len() > 2 {
        let n = kept.len() - 1;
        kept[1..].rotate_left(copy % n);
    }
    let body = kept.join("\n\n");
    let body = if copy % 3 == 2 {
        shift_counts(&body)
    } else {
        body
    };
    format!("{head}{body}\n")
}

/// Raises every standalone number from 2 to 99 by one ("seven" stays; "38" becomes "39").
fn shift_counts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !is_number_byte(bytes[i - 1])) {
            let end = (i..bytes.len())
                .find(|&j| !bytes[j].is_ascii_digit())
                .unwrap_or(bytes.len());
            let standalone = end == bytes.len() || !is_number_byte(bytes[end]);
            match text[i..end].parse::<u32>() {
                Ok(n) if standalone && (2..100).contains(&n) => out.push_str(&(n + 1).to_string()),
                _ => out.push_str(&text[i..end]),
            }
            i = end;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn is_number_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b':' | b'/' | b'-')
}

/// A story of `articles` articles cycled from `base`, each a perturbed copy with its own id
/// (no articles when `base` is empty).
pub fn story(base: &[Source], articles: usize) -> crate::error::Result<Story> {
    let sources = base
        .iter()
        .cycle()
        .take(if base.is_empty() { 0 } else { articles })
        .enumerate()
        .map(|(i, src)| {
            let copy = i / base.len();
            let id = format!("{:05}-{}", i, src.id);
            let path = PathBuf::from(format!("synthetic/{id}.txt"));
            Source::parse(&path, perturb(src, copy))
        })
        .collect::<crate::error::Result<Vec<Source>>>()?;
    Ok(Story {
        root: PathBuf::from("synthetic"),
        sources,
        config: StoryConfig::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_shift_but_dates_and_ids_do_not() {
        assert_eq!(
            shift_counts("38 of 67 died on 2024-12-25 at 1:30, 7 held"),
            "39 of 68 died on 2024-12-25 at 1:30, 8 held"
        );
    }

    #[test]
    fn same_size_same_story() {
        let base = base_sources(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let a = story(&base, 30).unwrap();
        let b = story(&base, 30).unwrap();
        assert_eq!(a.sources.len(), 30);
        let texts = |s: &Story| s.sources.iter().map(|x| x.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&a), texts(&b));
        assert_ne!(a.sources[0].text, a.sources[base.len()].text);
    }

    #[test]
    fn no_base_articles_no_story_articles() {
        assert!(story(&[], 10).unwrap().sources.is_empty());
    }
}
