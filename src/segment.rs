//! Segmentation: an article body into paragraphs and sentences, with byte spans.
//!
//! Paragraphs are lines (or runs of hard-wrapped lines); page furniture such as captions,
//! navigation and comment sections is marked as boilerplate here, once, so that no later
//! stage makes claims from it. Sentences end at `.`, `!` or `?` unless the period belongs
//! to an abbreviation or an initial.

use crate::lexicon;

/// Why a paragraph is not article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Furniture {
    /// A navigation or share line ("top of page", "Comments").
    Navigation,
    /// A caption or credit ("Photo: ...", "[Image from ...]").
    Caption,
    /// Everything after a comments or related-stories marker.
    Tail,
    /// A short line without sentence punctuation: a heading, byline or label.
    Heading,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub furniture: Option<Furniture>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index into the paragraph list.
    pub paragraph: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Segments {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// Words a line without sentence punctuation may have and still be a heading: a subhead in
/// the body is short, while the first line is often a headline that states facts.
const HEADING_WORDS_FIRST: usize = 4;
const HEADING_WORDS_BODY: usize = 12;

fn classify(line: &str, in_tail: bool, first: bool) -> Option<Furniture> {
    let lex = &lexicon::get().boilerplate;
    if in_tail {
        return Some(Furniture::Tail);
    }
    let trimmed = line.trim().trim_start_matches(['-', '*', '•', ' ']).trim();
    // Lowercasing shrinks a character to no less than a third of its bytes, so only short
    // lines can be navigation lines.
    let bare = trimmed.trim_end_matches([':', '.']);
    if bare.len() <= 3 * lex.longest_line && lex.lines.contains(&bare.to_lowercase()) {
        return Some(Furniture::Navigation);
    }
    let starts_lowercase_with = |prefix: &str| {
        let mut lower = trimmed.chars().flat_map(char::to_lowercase);
        prefix.chars().all(|c| lower.next() == Some(c))
    };
    if lex.prefixes.iter().any(|p| starts_lowercase_with(p)) {
        return Some(Furniture::Caption);
    }
    let limit = if first {
        HEADING_WORDS_FIRST
    } else {
        HEADING_WORDS_BODY
    };
    if !ends_sentence(trimmed) && trimmed.split_whitespace().nth(limit).is_none() {
        return Some(Furniture::Heading);
    }
    None
}

/// Consecutive lines without sentence punctuation, at least this many, are a list of links
/// (related stories, navigation), whatever their length.
const LINK_LIST_LINES: usize = 3;

/// Marks runs of unpunctuated body lines ("Deputy who killed man after mistaking gun for
/// Taser is an insurance exec ...", one headline after another) as navigation. The first
/// line, the article's own headline, is never part of one.
fn mark_link_lists(text: &str, paragraphs: &mut [Paragraph]) {
    let mut run_start = 1;
    for i in 1..=paragraphs.len() {
        // A line of one unpunctuated sentence: a caption that ends in its credit ("... in
        // Dayton. (Jessica Heffner/Staff)") is not one.
        let listed = paragraphs.get(i).is_some_and(|p| {
            let line = &text[p.start..p.end];
            p.furniture.is_none_or(|f| f == Furniture::Heading)
                && !ends_sentence(line)
                && !line.contains(". ")
        });
        if listed {
            continue;
        }
        if i - run_start >= LINK_LIST_LINES {
            for p in &mut paragraphs[run_start..i] {
                p.furniture = Some(Furniture::Navigation);
            }
        }
        run_start = i + 1;
    }
}

/// True when a line is a comments or related-stories marker ("Comments:"). Only short lines
/// are lowercased: lowercasing shrinks a character to no less than a third of its bytes, so a
/// longer line cannot equal a marker.
fn is_tail_marker(line: &str, lex: &lexicon::Boilerplate) -> bool {
    // "Comments (4)", "12 Comments": a count beside the marker.
    let line = line
        .trim_end_matches(':')
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '(' || c == ')')
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim();
    line.len() <= 3 * lex.longest_tail_marker && lex.tail_markers.contains(&line.to_lowercase())
}

/// The lines of `text` with their line ends, as `split_inclusive('\n')` gives them, found
/// with `memchr` (the standard searcher costs more per line than the lines themselves).
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |k| k + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Splits `text[body_start..]` into paragraphs and sentences. Offsets are absolute in `text`.
pub fn segment(text: &str, body_start: usize) -> Segments {
    let lex = &lexicon::get().boilerplate;
    let mut segs = Segments::default();
    let mut in_tail = false;
    let mut pos = body_start;
    // Paragraph being built: (start, end).
    let mut current: Option<(usize, usize)> = None;
    let mut seen_text = false;
    let flush = |segs: &mut Segments, current: &mut Option<(usize, usize)>, in_tail: bool| {
        if let Some((s, e)) = current.take() {
            let furniture = classify(&text[s..e], in_tail, segs.paragraphs.is_empty());
            segs.paragraphs.push(Paragraph {
                start: s,
                end: e,
                furniture,
            });
        }
    };
    for line in lines_inclusive(&text[body_start..]) {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\r', '\n']);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            flush(&mut segs, &mut current, in_tail);
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let s = line_start + lead;
        let e = line_start + content.trim_end().len();
        if seen_text && is_tail_marker(trimmed, lex) {
            flush(&mut segs, &mut current, in_tail);
            in_tail = true;
        }
        // A hard-wrapped line continues the paragraph when the previous line did not end a
        // sentence and this one starts in lowercase.
        let continues = current.is_some_and(|(cs, ce)| !ends_sentence(&text[cs..ce]))
            && trimmed.chars().next().is_some_and(char::is_lowercase);
        match (&mut current, continues) {
            (Some((_, ce)), true) => *ce = e,
            _ => {
                flush(&mut segs, &mut current, in_tail);
                current = Some((s, e));
            }
        }
        seen_text = seen_text || trimmed.split_whitespace().nth(6).is_some();
    }
    flush(&mut segs, &mut current, in_tail);
    mark_link_lists(text, &mut segs.paragraphs);
    // One buffer for every paragraph's sentence bounds.
    let mut bounds = Vec::new();
    for (pi, p) in segs.paragraphs.iter().enumerate() {
        bounds.clear();
        split_sentences(text, p.start, p.end, &mut bounds);
        for &(s, e) in &bounds {
            segs.sentences.push(Sentence {
                start: s,
                end: e,
                paragraph: pi,
            });
        }
    }
    segs
}

/// Characters that may close a sentence after its final punctuation: `."`, `?)`, `...`.
fn closes_sentence(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?')
}

/// Sentence boundaries within `text[start..end]`, appended to `out`.
fn split_sentences(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let lex = &lexicon::get().entities;
    let para = &text[start..end];
    let mut sent_start = 0;
    // Byte offset of the next character to read.
    let mut pos = 0;
    while let Some(found) = memchr::memchr3(b'.', b'!', b'?', &para.as_bytes()[pos..]) {
        let i = pos + found;
        let c = char::from(para.as_bytes()[i]);
        // Swallow closing punctuation: ." ?) etc.
        let m = para[i + 1..]
            .char_indices()
            .find(|(_, ch)| !closes_sentence(*ch))
            .map_or(para.len(), |(k, _)| i + 1 + k);
        let rest = &para[m..];
        let boundary = match rest.chars().find(|ch| !ch.is_whitespace()) {
            None => true,
            Some(_) if glued_sentence(&para[sent_start..i], rest) => true,
            Some(n) => {
                rest.starts_with(char::is_whitespace)
                    && (n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(
                            n,
                            '"' | '“' | '\'' | '‘' | '(' | '[' | '-' | '–' | '—' | '•'
                        ))
                    && !(c == '.' && is_abbreviation(&para[sent_start..i], n, lex))
            }
        };
        if boundary {
            push_trimmed(out, para, start, sent_start, m);
            sent_start = m;
        }
        pos = m;
    }
    push_trimmed(out, para, start, sent_start, para.len());
}

/// True when a sentence lost the space after its period ("west side.Four people were
/// hurt"), as scraped text often does: a lowercase word of two letters or more, then a
/// capitalized word ("sister.A group"). Abbreviations ("St.Louis") and domains
/// ("kmov.com") do not qualify.
fn glued_sentence(before: &str, rest: &str) -> bool {
    let mut last = before.chars().rev();
    let lowercase_word =
        last.next().is_some_and(char::is_lowercase) && last.next().is_some_and(char::is_lowercase);
    let mut next = rest.chars();
    lowercase_word
        && next.next().is_some_and(char::is_uppercase)
        && next.next().is_some_and(|c| c.is_lowercase() || c == ' ')
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, para: &str, base: usize, s: usize, e: usize) {
    let piece = &para[s..e];
    let from_text = piece.trim_start();
    if from_text.is_empty() {
        return;
    }
    let lead = piece.len() - from_text.len();
    let trail = from_text.len() - from_text.trim_end().len();
    out.push((base + s + lead, base + e - trail));
}

/// True when the word before a period is an abbreviation or an initial ("Gov.", "J.", "U.S.").
fn is_abbreviation(before: &str, next: char, lex: &lexicon::Entities) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let word = word.trim_start_matches(['"', '“', '\'']);
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    lexicon::contains_lower(&lex.abbreviations, word)
        || (next.is_ascii_digit() && lexicon::contains_lower(&lex.numeric_abbreviations, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text, 0)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            sentences(
                "Gov. John Smith said on Dec. 5 that J. R. Doe left the U.S. Army. Two died."
            ),
            vec![
                "Gov. John Smith said on Dec. 5 that J. R. Doe left the U.S. Army.",
                "Two died."
            ]
        );
    }

    #[test]
    fn sentences_that_lost_their_space() {
        assert_eq!(
            sentences("Police were called to the west side.Four people were hurt.A man died. He left St.Louis at 5."),
            vec![
                "Police were called to the west side.",
                "Four people were hurt.",
                "A man died.",
                "He left St.Louis at 5."
            ]
        );
    }

    #[test]
    fn related_story_links_are_navigation() {
        let text = "Baby shot by father who was cleaning his gun\n\n\
                    Deputy who killed man after mistaking gun for Taser is an insurance exec who pays to play cop\n\
                    Texas marketing CEO says women cannot be president because of hormones and reasoning\n\
                    Food truck workers attacked by rich guys hurling racial slurs in a parking lot\n\n\
                    A nine-month-old baby was shot on Sunday by her father.\n\n\
                    Police found the baby in the apartment. (Photo: Staff)\n\
                    KEY POINTS\n\
                    Two sentences here. And a caption (AP)\n";
        let segs = segment(text, 0);
        let furniture: Vec<Option<Furniture>> =
            segs.paragraphs.iter().map(|p| p.furniture).collect();
        assert_eq!(
            furniture,
            vec![
                None,
                Some(Furniture::Navigation),
                Some(Furniture::Navigation),
                Some(Furniture::Navigation),
                None,
                // Short unpunctuated lines stay headings: a caption with its credit and a
                // subhead are no run of links.
                Some(Furniture::Heading),
                Some(Furniture::Heading),
                Some(Furniture::Heading),
            ]
        );
    }

    #[test]
    fn a_comment_count_beside_the_marker_still_opens_the_tail() {
        for marker in ["Comments (4)", "12 Comments", "Have your say"] {
            let text = format!("Two people died in the fire on Saturday, officials said.\n\n{marker}\n\nFive kids is what I heard from my neighbour.");
            let segs = segment(&text, 0);
            let kinds: Vec<_> = segs.paragraphs.iter().map(|p| p.furniture).collect();
            assert_eq!(
                kinds,
                [None, Some(Furniture::Tail), Some(Furniture::Tail)],
                "{marker}"
            );
        }
    }

    #[test]
    fn quotes_and_furniture() {
        let text = "Photo: AP\nHe said \"no.\" Then he left the room quietly today.\n\nComments\nnice story lol, I think so too really.";
        let segs = segment(text, 0);
        assert_eq!(segs.paragraphs[0].furniture, Some(Furniture::Caption));
        assert_eq!(segs.paragraphs[1].furniture, None);
        assert_eq!(
            segs.paragraphs.last().unwrap().furniture,
            Some(Furniture::Tail)
        );
        let s: Vec<&str> = segs
            .sentences
            .iter()
            .filter(|s| s.paragraph == 1)
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            s,
            vec!["He said \"no.\"", "Then he left the room quietly today."]
        );
    }
}
