//! Masthead: the metadata a scraped article states in its first lines instead of front
//! matter.
//!
//! Articles saved from the web rarely come with `+++` front matter; they carry their title,
//! outlet and date as lines of text: "Title: ...", "Published: 2024-03-12", "Published on
//! July 7, 2025", "Posted: Wednesday, January 7, 2015 12:45 PM EST", or a line that is only
//! a date ("March 01, 2008"). Without a publication date no weekday, "yesterday" or "last
//! week" can be placed on the calendar and no report can be ordered in time, so `ingest`
//! reads this masthead for whatever its front matter leaves out. The lines stay in the text
//! (byte offsets never move); only the metadata is taken from them.

use crate::calendar::CivilDate;
use crate::lexicon::{self, HeaderFields};
use crate::recognize::dates::DateRecognizer;
use crate::token::{tokenize, TokenKind};
use crate::value::{DateSpan, Granularity};

/// How many non-empty lines from the top of the body are read.
const LINES: usize = 15;

/// Longer lines are article text, not a masthead line.
const MAX_LINE: usize = 120;

/// What the first lines of an article say about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Masthead {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// The publication date and the byte offset of the line it was read from.
    pub published: Option<(CivilDate, usize)>,
}

/// How far a line's date is to be trusted as the publication date; lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    /// "Published: ...", "Posted on ...", "Date: ...".
    Published,
    /// A line that is nothing but a date.
    DateAlone,
    /// "Updated ...": at or after the publication, but the nearest the page gives.
    Updated,
}

impl Standing {
    /// The standing of a date under a key or dateline word: an update's, or a publication's.
    fn of(field: Field) -> Standing {
        if field == Field::Updated {
            Standing::Updated
        } else {
            Standing::Published
        }
    }
}

/// The field a "Key: value" key fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Outlet,
    Author,
    Published,
    Updated,
    Url,
}

fn field_of(fields: &HeaderFields, key: &str) -> Option<Field> {
    let key = key.trim().to_lowercase();
    [
        (&fields.title, Field::Title),
        (&fields.outlet, Field::Outlet),
        (&fields.author, Field::Author),
        (&fields.published, Field::Published),
        (&fields.updated, Field::Updated),
        (&fields.url, Field::Url),
    ]
    .into_iter()
    .find(|(keys, _)| keys.contains(&key))
    .map(|(_, f)| f)
}

/// The calendar days (with their year) that `line` states, each with the index of its first
/// token; the line's tokens; and how many of them are neither in a date nor punctuation.
fn days_in(line: &str) -> (Vec<(CivilDate, usize)>, Vec<crate::token::Token<'_>>, usize) {
    let tokens = tokenize(line, 0);
    let found = DateRecognizer::new(None).recognize(&tokens);
    let days = found
        .iter()
        .filter_map(|m| {
            let d = m.date.as_ref()?;
            match d.span {
                DateSpan::Interval { first, last }
                    if d.granularity == Granularity::Day && first == last =>
                {
                    Some((first, m.tokens.0))
                }
                _ => None,
            }
        })
        .collect();
    let covered = tokens
        .iter()
        .enumerate()
        .filter(|(k, t)| {
            t.kind == TokenKind::Punct || found.iter().any(|m| m.tokens.0 <= *k && *k < m.tokens.1)
        })
        .count();
    let uncovered = tokens.len() - covered;
    (days, tokens, uncovered)
}

/// The first day a value states ("2024-03-12", "Wednesday, December 28, 2016 @ 5:31 PM").
fn day_in(value: &str) -> Option<CivilDate> {
    days_in(value).0.first().map(|&(day, _)| day)
}

/// Reads the masthead from the body of `text` starting at `body_start`.
pub fn read(text: &str, body_start: usize) -> Masthead {
    let lex = lexicon::get();
    let fields = &lex.boilerplate.header_fields;
    let mut masthead = Masthead::default();
    let mut best: Option<(Standing, CivilDate, usize)> = None;
    let mut consider = |standing: Standing, day: CivilDate, at: usize| {
        if best.is_none_or(|(s, ..)| standing < s) {
            best = Some((standing, day, at));
        }
    };
    let mut offset = body_start;
    let mut seen = 0;
    for raw in text[body_start..].split_inclusive('\n') {
        let at = offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > LINES {
            break;
        }
        let keyed = line
            .split_once(':')
            .and_then(|(key, value)| Some((field_of(fields, key)?, value.trim())))
            .filter(|(_, value)| !value.is_empty() && line.len() <= MAX_LINE);
        if let Some((field, value)) = keyed {
            let slot = match field {
                Field::Title => &mut masthead.title,
                Field::Outlet => &mut masthead.outlet,
                Field::Author => &mut masthead.author,
                Field::Url => &mut masthead.url,
                Field::Published | Field::Updated => {
                    if let Some(day) = day_in(value) {
                        consider(Standing::of(field), day, at);
                    }
                    continue;
                }
            };
            slot.get_or_insert_with(|| value.to_string());
            continue;
        }
        let (days, tokens, uncovered) = days_in(raw);
        // "Published on July 7, 2025", "... case Posted: Wednesday, April 8, 2015 4:09 AM
        // EDT Updated: ...": a capitalized dateline word or one with a colon, right before
        // a date (a sentence's "was posted on Jan. 5" is no masthead).
        for &(day, k) in &days {
            let cue = (k.saturating_sub(2)..k).find(|&c| {
                let t = &tokens[c];
                lex.boilerplate.dateline_words.has(t)
                    && (t.is_capitalized() || tokens.get(c + 1).is_some_and(|n| n.is_punct(':')))
                    && tokens[c + 1..k]
                        .iter()
                        .all(|n| n.is_punct(':') || n.is_word() && n.text.len() <= 2)
            });
            if let Some(c) = cue {
                let field = field_of(fields, tokens[c].text).unwrap_or(Field::Published);
                consider(Standing::of(field), day, at);
            }
        }
        // A line that is one date and nothing else ("March 01 , 2008", "January 9, 2017").
        if let [(day, _)] = days[..] {
            if uncovered == 0 && line.len() <= MAX_LINE {
                consider(Standing::DateAlone, day, at);
            }
        }
    }
    masthead.published = best.map(|(_, day, at)| (day, at));
    masthead
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).unwrap()
    }

    #[test]
    fn key_value_lines_fill_every_field() {
        let text = "Title: Bus plunges into ravine\nOutlet: Meridian Wire\nPublished: 2024-03-12\n\nLIMA - A bus fell.\n";
        let m = read(text, 0);
        assert_eq!(m.title.as_deref(), Some("Bus plunges into ravine"));
        assert_eq!(m.outlet.as_deref(), Some("Meridian Wire"));
        assert_eq!(
            m.published,
            Some((date("2024-03-12"), text.find("Published").unwrap()))
        );
    }

    #[test]
    fn a_published_line_wins_over_an_updated_one_and_a_bare_date() {
        let text = "Headline here\nUpdated July 9, 2025\nJuly 1, 2025\nPublished on July 7, 2025\nBody text follows.\n";
        let m = read(text, 0);
        assert_eq!(m.published.map(|p| p.0), Some(date("2025-07-07")));
        let text = "Headline here\nUpdated July 9, 2025\nMarch 01 , 2008\nBody.\n";
        assert_eq!(
            read(text, 0).published.map(|p| p.0),
            Some(date("2008-03-01"))
        );
        let text = "Headline\nUpdated: July 9, 2025 10:03 AM\nBody.\n";
        assert_eq!(
            read(text, 0).published.map(|p| p.0),
            Some(date("2025-07-09"))
        );
    }

    #[test]
    fn a_date_inside_a_sentence_or_a_headline_is_not_the_publication() {
        let text =
            "Remembering the June 12, 2016 shooting\nOn June 12, 2016, a gunman opened fire.\n";
        assert_eq!(read(text, 0).published, None);
    }

    #[test]
    fn only_the_top_of_the_body_is_read() {
        let mut text = String::from("+++\n+++\n");
        let body = text.len();
        for k in 0..LINES {
            text.push_str(&format!("Line {k} of the article.\n"));
        }
        text.push_str("Published: 2024-03-12\n");
        assert_eq!(read(&text, body).published, None);
    }
}
