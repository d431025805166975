//! Quantities: counts, amounts of money, percentages and measures, with the noun they count.
//!
//! Sources disagree about figures more than about anything else ("at least 37" against
//! "38", "dozens" against "seven"), and two figures can only be compared once each is an
//! interval with a unit and a counted noun. This recognizer turns the words around a number
//! into that interval and tells quantities from numbers that only label things (flight
//! numbers, ages, times, years, addresses). Its language knowledge lives in
//! `src/lexicon/quantities.toml`; the code only knows how the pieces combine.

use crate::lexicon::{self, parse_embedded, Roles, Vocab, WordClass, WordId, WordMap};
use crate::recognize::numbers::{self, ascii_lower, digits_value, parse_number, scale_of, Written};
use crate::token::{split, Token, TokenKind};
use crate::value::Quantity;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The noun a quantity counts ("67 passengers" -> "passengers").
#[derive(Clone, Debug, PartialEq)]
pub struct CountedNoun {
    /// Token index range of the noun phrase head within the sentence slice.
    pub tokens: (usize, usize),
    /// Lowercased head phrase: "passengers", "people on board", "freight".
    pub text: String,
}

/// One quantity found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantityMention {
    /// Absolute byte offsets into the source file (the whole expression, bounds included).
    pub start: usize,
    pub end: usize,
    /// Token index range [first, last+1) within the slice given to `recognize`.
    pub tokens: (usize, usize),
    pub value: Quantity,
    pub noun: Option<CountedNoun>,
    /// "38 of the 67 passengers": index (in the returned vector) of the whole (67) for the part (38).
    pub part_of: Option<usize>,
    pub rule: &'static str,
}

// ---------------------------------------------------------------------------------------
// Lexicon

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoundEntry {
    phrases: Vec<String>,
    min: f64,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    strict_min: bool,
    #[serde(default)]
    strict_max: bool,
    #[serde(default)]
    after: bool,
    #[serde(default)]
    range: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueEntry {
    phrases: Vec<String>,
    min: f64,
    max: f64,
    #[serde(default)]
    scalable: bool,
    #[serde(default)]
    needs_noun: bool,
    #[serde(default)]
    noun: bool,
    #[serde(default)]
    exact: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantityLexicon {
    counted_nouns: Vec<String>,
    weight_words: BTreeMap<String, String>,
    noun_complements: Vec<String>,
    partitives: Vec<String>,
    determiners: Vec<String>,
    stop_words: Vec<String>,
    designators: Vec<String>,
    not_designators: Vec<String>,
    calendar_words: Vec<String>,
    not_followed_by: Vec<String>,
    street_words: Vec<String>,
    score_words: Vec<String>,
    range_connectors: Vec<String>,
    change_words: Vec<String>,
    bound_sharing_joiners: Vec<String>,
    bound: Vec<BoundEntry>,
    vague: Vec<VagueEntry>,
    currency_before: BTreeMap<String, String>,
    currency_after: BTreeMap<String, String>,
    units: BTreeMap<String, String>,
}

/// Interval semantics of a bound word, as factors of the figure.
#[derive(Clone, Copy, Debug)]
struct Bound {
    min: f64,
    max: Option<f64>,
    strict_min: bool,
    strict_max: bool,
    range: bool,
}

#[derive(Clone, Copy, Debug)]
struct Vague {
    min: f64,
    max: f64,
    scalable: bool,
    needs_noun: bool,
    noun: bool,
    exact: bool,
}

/// Multi-token phrases keyed by the id of their first token (last, when `reversed`), so
/// that a lookup costs no hashing of text and no allocation.
struct PhraseMap<V> {
    entries: WordMap<WordId, Vec<(Vec<WordId>, V)>>,
    /// The keys, tested before the map: most tokens start no phrase.
    keys: WordClass,
    /// Keys that are a whole phrase by themselves ("nearly").
    whole_keys: WordClass,
    /// Every phrase's second word: a key followed by none of them starts only a one-word
    /// phrase ("a" not followed by "few", "dozen", ... starts no vague amount).
    seconds: WordClass,
    reversed: bool,
}

impl<V> PhraseMap<V> {
    fn new(reversed: bool) -> Self {
        PhraseMap {
            entries: WordMap::default(),
            keys: WordClass::default(),
            whole_keys: WordClass::default(),
            seconds: WordClass::default(),
            reversed,
        }
    }

    fn insert(&mut self, phrase: &str, value: V, vocab: &mut Vocab) {
        // Phrases are split by the same tokenizer as the text, so "US$" and "a.m." match.
        let mut words: Vec<WordId> = split(phrase, 0)
            .iter()
            .map(|t| vocab.intern(t.text))
            .collect();
        if self.reversed {
            words.reverse();
        }
        let Some(key) = words.first().copied() else {
            return;
        };
        self.keys.insert(key);
        match words.get(1) {
            Some(second) => self.seconds.insert(*second),
            None => self.whole_keys.insert(key),
        }
        let list = self.entries.entry(key).or_default();
        list.push((words, value));
        // Longest first, so "at least" wins over "at" and "tens of thousands" over "tens".
        list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    }

    fn candidates(&self, tok: &Token) -> Option<&Vec<(Vec<WordId>, V)>> {
        if !self.keys.has(tok) {
            return None;
        }
        self.entries.get(&tok.word?)
    }

    fn starts(&self, tok: &Token) -> bool {
        self.keys.has(tok)
    }

    /// The longest phrase starting at token `i`: (index after it, value).
    ///
    /// Inlined: quantities ask at every number, and the first word's bit test rejects most.
    #[inline(always)]
    fn at(&self, tokens: &[Token], i: usize) -> Option<(usize, &V)> {
        let first = tokens.get(i)?;
        if !self.starts(first) {
            return None;
        }
        let second = tokens.get(i + 1).and_then(|t| t.word);
        if !self.whole_keys.has(first) && !self.seconds.contains(second) {
            return None;
        }
        self.longest_from(tokens, i)
    }

    /// [`PhraseMap::at`] once the first word is known to start a phrase.
    fn longest_from(&self, tokens: &[Token], i: usize) -> Option<(usize, &V)> {
        let list = self.candidates(tokens.get(i)?)?;
        list.iter()
            .find(|(words, _)| {
                words
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.word == Some(*w)))
            })
            .map(|(words, v)| (i + words.len(), v))
    }

    /// The longest phrase ending just before token `j` (a reversed map): (its first index, value).
    fn before(&self, tokens: &[Token], j: usize) -> Option<(usize, &V)> {
        let last = j.checked_sub(1)?;
        let list = self.candidates(tokens.get(last)?)?;
        list.iter()
            .find(|(words, _)| {
                words.len() <= j
                    && words
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(k, w)| tokens.get(last - k).is_some_and(|t| t.word == Some(*w)))
            })
            .map(|(words, v)| (j - words.len(), v))
    }
}

fn word_class<'a>(words: impl IntoIterator<Item = &'a String>, vocab: &mut Vocab) -> WordClass {
    let mut class = WordClass::default();
    for w in words {
        class.insert(vocab.intern(w));
    }
    class
}

pub(crate) struct Tables {
    /// Words that can begin a quantity: bound, vague, currency and number words.
    starters: WordClass,
    bounds_before: PhraseMap<Bound>,
    bounds_after: PhraseMap<Bound>,
    vague: PhraseMap<Vague>,
    currency_before: PhraseMap<String>,
    currency_after: PhraseMap<String>,
    units: PhraseMap<String>,
    weight_words: WordMap<String, String>,
    counted: WordClass,
    complements: PhraseMap<()>,
    partitives: PhraseMap<()>,
    determiners: PhraseMap<()>,
    stop: WordClass,
    designators: PhraseMap<()>,
    not_designators: WordClass,
    calendar: WordClass,
    not_followed_by: PhraseMap<()>,
    street: WordClass,
    score: WordClass,
    connectors: PhraseMap<()>,
    change: WordClass,
    bound_sharing: WordClass,
}

fn phrase_set(phrases: &[String], reversed: bool, vocab: &mut Vocab) -> PhraseMap<()> {
    let mut map = PhraseMap::new(reversed);
    for p in phrases {
        map.insert(p, (), vocab);
    }
    map
}

fn string_map(entries: &BTreeMap<String, String>, vocab: &mut Vocab) -> PhraseMap<String> {
    let mut map = PhraseMap::new(false);
    for (phrase, value) in entries {
        map.insert(phrase, value.clone(), vocab);
    }
    map
}

impl Tables {
    pub(crate) fn new(roles: &Roles, vocab: &mut Vocab) -> Tables {
        let lex: QuantityLexicon = parse_embedded(
            "quantities.toml",
            include_str!("../lexicon/quantities.toml"),
        );
        let mut bounds_before = PhraseMap::new(false);
        let mut bounds_after = PhraseMap::new(false);
        for b in &lex.bound {
            let bound = Bound {
                min: b.min,
                max: b.max,
                strict_min: b.strict_min,
                strict_max: b.strict_max,
                range: b.range,
            };
            for p in &b.phrases {
                if b.after {
                    bounds_after.insert(p, bound, vocab);
                } else {
                    bounds_before.insert(p, bound, vocab);
                }
            }
        }
        let mut vague = PhraseMap::new(false);
        for v in &lex.vague {
            let entry = Vague {
                min: v.min,
                max: v.max,
                scalable: v.scalable,
                needs_noun: v.needs_noun,
                noun: v.noun,
                exact: v.exact,
            };
            for p in &v.phrases {
                vague.insert(p, entry, vocab);
            }
        }
        // Counted nouns: this file's list plus the person and role nouns of roles.toml.
        let counted = word_class(
            lex.counted_nouns
                .iter()
                .chain(roles.person_nouns.iter())
                .chain(roles.roles.iter().flat_map(|r| r.counted.iter())),
            vocab,
        );
        let currency_before = string_map(&lex.currency_before, vocab);
        let mut starters = WordClass::default();
        for id in bounds_before
            .entries
            .keys()
            .chain(vague.entries.keys())
            .chain(currency_before.entries.keys())
        {
            starters.insert(*id);
        }
        for w in numbers::starting_words() {
            starters.insert(vocab.intern(&w));
        }
        Tables {
            starters,
            bounds_before,
            bounds_after,
            vague,
            currency_before,
            currency_after: string_map(&lex.currency_after, vocab),
            units: string_map(&lex.units, vocab),
            weight_words: lex
                .weight_words
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                .collect(),
            counted,
            complements: phrase_set(&lex.noun_complements, false, vocab),
            partitives: phrase_set(&lex.partitives, false, vocab),
            determiners: phrase_set(&lex.determiners, false, vocab),
            stop: word_class(&lex.stop_words, vocab),
            designators: phrase_set(&lex.designators, true, vocab),
            not_designators: word_class(&lex.not_designators, vocab),
            calendar: word_class(&lex.calendar_words, vocab),
            not_followed_by: phrase_set(&lex.not_followed_by, false, vocab),
            street: word_class(&lex.street_words, vocab),
            score: word_class(&lex.score_words, vocab),
            connectors: phrase_set(&lex.range_connectors, false, vocab),
            change: word_class(&lex.change_words, vocab),
            bound_sharing: word_class(&lex.bound_sharing_joiners, vocab),
        }
    }
}

fn tables() -> &'static Tables {
    &lexicon::get().quantities
}

// ---------------------------------------------------------------------------------------
// Recognition

/// A quantity expression before its noun is attached.
#[derive(Clone, Debug)]
struct Parsed {
    /// First token (a bound word or currency symbol when present).
    first: usize,
    /// One past the last token of the expression (unit and trailing bound included).
    end: usize,
    /// Token range of the figure itself (vague phrase or number).
    figure: (usize, usize),
    min: f64,
    max: Option<f64>,
    unit: Option<&'static str>,
    exact: bool,
    /// A bound word or currency symbol came before the figure.
    prefixed: bool,
    /// The figure labels something ("Flight 8243", "aged 5 to 12"): skip it whole.
    label: bool,
    /// Only a quantity when it counts something ("both", "scores").
    needs_noun: bool,
    /// Only with a known counted noun: "one person", not "one day".
    known_noun_only: bool,
    /// Written as one hyphenated token ("30-40"): may be a score or an identifier.
    hyphen_range: bool,
    /// The phrase names what it counts ("twins").
    self_noun: bool,
    rule: &'static str,
}

fn in_taken(taken: &[(usize, usize)], i: usize) -> bool {
    taken.iter().any(|&(a, b)| i >= a && i < b)
}

/// A cheap test that a token can begin a quantity, so most words cost one hash lookup.
fn may_start(t: &Tables, tok: &Token) -> bool {
    match tok.kind {
        TokenKind::Number | TokenKind::Alnum => true,
        TokenKind::Punct => t.currency_before.starts(tok),
        TokenKind::Word => {
            t.starters.has(tok)
                // "thirty-eight", "twenty-first"
                || (tok.is_hyphenated()
                    && tok.text.split_once('-').is_some_and(|(head, _)| {
                        t.starters.contains(lexicon::get().vocab.get(head))
                    }))
        }
    }
}

/// Removes the binary noise of `0.9 * n` and, for counts, rounds outward to whole numbers.
fn tidy(x: f64, reference: f64, count: bool, up: bool) -> f64 {
    let mag = reference.abs().max(1.0).log10().floor() as i32;
    let x = if mag >= 4 {
        let step = 10f64.powi(mag - 4);
        (x / step).round() * step
    } else {
        let inv = 10f64.powi(4 - mag);
        (x * inv).round() / inv
    };
    match (count, up) {
        (true, true) => x.ceil(),
        (true, false) => x.floor(),
        _ => x,
    }
}

fn apply_bound(b: &Bound, lo: f64, hi: f64, count: bool) -> (f64, Option<f64>) {
    let whole = |x: f64| count && x.fract() == 0.0;
    let min = if b.strict_min {
        // "more than 300" excludes 300: for whole counts the least value is 301.
        if whole(lo) {
            lo + 1.0
        } else {
            lo
        }
    } else {
        tidy(b.min * lo, lo, count, false)
    };
    let max = b.max.map(|f| {
        if b.strict_max {
            if whole(hi) {
                (hi - 1.0).max(0.0)
            } else {
                hi
            }
        } else {
            tidy(f * hi, hi, count, true)
        }
    });
    (min, max)
}

/// A number at `j` that is a plain digit string of a plausible year ("2019").
fn looks_like_year(tok: &Token) -> bool {
    tok.kind == TokenKind::Number
        && tok.text.len() == 4
        && tok.text.bytes().all(|b| b.is_ascii_digit())
        && tok
            .text
            .as_bytes()
            .first()
            .is_some_and(|b| *b == b'1' || *b == b'2')
        && digits_value(tok.text).is_some_and(|v| (1000.0..=2100.0).contains(&v))
}

fn adjacent(a: &Token, b: &Token) -> bool {
    a.end == b.start
}

/// True when the number at `j..end` labels something instead of counting it.
fn is_label(t: &Tables, tokens: &[Token], j: usize, end: usize, prefixed: bool) -> bool {
    let Some(tok) = tokens.get(j) else {
        return true;
    };
    let prev = j.checked_sub(1).and_then(|p| tokens.get(p));
    let next = tokens.get(end);
    // Times, ratios and fractions: "10:30", "24/7", "9/11"; "#5", "+1 555".
    if let Some(p) = prev {
        if !prefixed
            && adjacent(p, tok)
            && p.kind == TokenKind::Punct
            && matches!(p.text, ":" | "/" | "#" | "+" | "." | "-" | "№")
        {
            return true;
        }
    }
    if let Some(n) = next {
        if adjacent(&tokens[end - 1], n) && (n.is_punct(':') || n.is_punct('/')) {
            return true;
        }
        // "(555) 123-4567"
        if n.is_punct(')')
            && prev.is_some_and(|p| p.is_punct('('))
            && tokens
                .get(end + 1)
                .is_some_and(|t| t.kind == TokenKind::Number)
        {
            return true;
        }
    }
    // "John Smith, 45, was charged": an age set off by commas after a name or noun.
    if end == j + 1
        && tok.kind == TokenKind::Number
        && digits_value(tok.text).is_some_and(|v| v < 125.0 && v.fract() == 0.0)
        && prev.is_some_and(|p| p.is_punct(','))
        && next.is_some_and(|n| n.is_punct(',') || n.is_punct(')'))
        && j >= 2
        && tokens.get(j - 2).is_some_and(|w| w.kind == TokenKind::Word)
    {
        return true;
    }
    // Ages, times of day, calibers, "400 block".
    if t.not_followed_by.at(tokens, end).is_some() {
        return true;
    }
    // Dates: "June 27", "27 June".
    if prev.is_some_and(|p| t.calendar.has(p)) || next.is_some_and(|n| t.calendar.has(n)) {
        return true;
    }
    // Addresses: "123 Main Street".
    let mut k = end;
    while k < end + 4 {
        match tokens.get(k) {
            Some(w) if w.is_capitalized() || (k > end && t.street.has(w)) => {
                if k > end && t.street.has(w) {
                    return true;
                }
                k += 1;
            }
            _ => break,
        }
    }
    if !prefixed {
        // "Flight 8243", "aged 23", "No. 5".
        if t.designators.before(tokens, j).is_some() {
            return true;
        }
        // A capitalized word mid-sentence right before the figure names a model or a
        // series: "Embraer 190", "Apollo 11".
        if j >= 2 {
            if let Some(p) = prev {
                if p.kind == TokenKind::Word
                    && p.is_capitalized()
                    && !t.not_designators.has(p)
                    && !tokens
                        .get(j - 2)
                        .is_some_and(|q| q.kind == TokenKind::Punct && !q.is_punct(','))
                {
                    return true;
                }
            }
        }
    }
    false
}

/// A figure: one number or a range of two, with the token after it.
struct Figure {
    lo: f64,
    hi: f64,
    end: usize,
    range: bool,
    hyphen: bool,
    /// The figure is the word "one" alone.
    word_one: bool,
}

fn figure(
    t: &Tables,
    tokens: &[Token],
    j: usize,
    taken: &[(usize, usize)],
    allow_range: bool,
    need_and: bool,
) -> Option<Figure> {
    let tok = tokens.get(j)?;
    // "30-40" is one token; "3-2" (falling) is a score, not a range.
    if tok.kind == TokenKind::Number && tok.text.contains('-') {
        let (a, b) = tok.text.split_once('-')?;
        let (a, b) = (digits_value(a)?, digits_value(b)?);
        if a >= b {
            return None;
        }
        let mut end = j + 1;
        let mut scale = 1.0;
        if let Some(s) = tokens.get(end).and_then(scale_of) {
            scale = s;
            end += 1;
        }
        if tokens.get(end).is_some_and(|n| t.score.has(n)) {
            return None;
        }
        return Some(Figure {
            lo: a * scale,
            hi: b * scale,
            end,
            range: true,
            hyphen: true,
            word_one: false,
        });
    }
    let p = parse_number(tokens, j)?;
    if p.ordinal || p.end <= j {
        return None;
    }
    let word_one = p.written == Written::Words && p.value == 1.0 && p.end == j + 1;
    let mut fig = Figure {
        lo: p.value,
        hi: p.value,
        end: p.end,
        range: false,
        hyphen: false,
        word_one,
    };
    if !allow_range {
        return Some(fig);
    }
    let Some((mut k, _)) = t.connectors.at(tokens, p.end) else {
        return Some(fig);
    };
    let is_and = tokens.get(p.end).is_some_and(|c| c.is("and"));
    // "and" joins two figures only after "between": "38 and 12 others" are two counts.
    if is_and && !need_and {
        return Some(fig);
    }
    if let Some((e, _)) = t.currency_before.at(tokens, k) {
        k = e;
    }
    if in_taken(taken, k) {
        return Some(fig);
    }
    let Some(q) = parse_number(tokens, k).filter(|q| !q.ordinal) else {
        return Some(fig);
    };
    let mut low = p.value;
    // "3 to 5 million": the scale of the upper figure applies to the lower one too.
    if p.end == j + 1 && q.end == k + 2 {
        if let Some(s) = tokens.get(k + 1).and_then(scale_of) {
            if low * s <= q.value {
                low *= s;
            }
        }
    }
    if q.value > low {
        fig.lo = low;
        fig.hi = q.value;
        fig.end = q.end;
        fig.range = true;
        fig.word_one = false;
    }
    Some(fig)
}

/// Parses the quantity expression starting at token `i`, without its noun.
fn parse_at(
    t: &'static Tables,
    tokens: &[Token],
    i: usize,
    taken: &[(usize, usize)],
) -> Option<Parsed> {
    let mut j = i;
    let mut bound = None;
    if let Some((e, b)) = t.bounds_before.at(tokens, j) {
        bound = Some(*b);
        j = e;
    }
    let mut unit: Option<&'static str> = None;
    if let Some((e, code)) = t.currency_before.at(tokens, j) {
        unit = Some(code.as_str());
        j = e;
    }
    if in_taken(taken, j) || j >= tokens.len() {
        return None;
    }
    let prefixed = bound.is_some() || unit.is_some();
    let mut parsed = Parsed {
        first: i,
        end: j,
        figure: (j, j),
        min: 0.0,
        max: None,
        unit,
        exact: false,
        prefixed,
        label: false,
        needs_noun: false,
        known_noun_only: false,
        hyphen_range: false,
        self_noun: false,
        rule: "number",
    };
    let (lo, hi, mut end, range, vague_exact);
    if let Some((e, v)) = t.vague.at(tokens, j) {
        let (mut a, mut b, mut e) = (v.min, v.max, e);
        // "several dozen", "a few hundred"
        if v.scalable {
            if let Some(s) = tokens
                .get(e)
                .filter(|n| !n.text.ends_with('s'))
                .and_then(scale_of)
            {
                a *= s;
                b *= s;
                e += 1;
            }
        }
        parsed.needs_noun = v.needs_noun;
        parsed.self_noun = v.noun;
        parsed.rule = "vague";
        (lo, hi, end, range, vague_exact) = (a, b, e, false, v.exact);
    } else {
        let tok = tokens.get(j)?;
        if tok.kind == TokenKind::Word && !numbers::may_start_number(tok) {
            return None;
        }
        // "rose from 30 to 40" is a change between two figures, not a range.
        let after_change = j
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|p| t.change.has(p));
        let range_bound = bound.is_some_and(|b| b.range);
        let fig = figure(t, tokens, j, taken, !after_change, range_bound)?;
        let year = fig.end == j + 1 && tokens.get(j).is_some_and(looks_like_year);
        if is_label(t, tokens, j, fig.end, prefixed) {
            parsed.label = true;
            parsed.end = fig.end;
            return Some(parsed);
        }
        if year && !prefixed {
            // "2019" is a year unless a unit or a known counted noun follows ("1500 people").
            let next = tokens.get(fig.end);
            let counts = next.is_some_and(|n| {
                t.counted.has(n) || t.units.starts(n) || t.currency_after.starts(n)
            });
            if !counts {
                return None;
            }
        }
        parsed.known_noun_only = fig.word_one;
        parsed.hyphen_range = fig.hyphen;
        if fig.range {
            parsed.rule = "range";
        }
        (lo, hi, end, range, vague_exact) = (fig.lo, fig.hi, fig.end, fig.range, true);
    }
    parsed.figure = (j, end);
    // A range bound without a second figure is no bound: "between 30" is just 30.
    if bound.is_some_and(|b| b.range) && !range {
        bound = None;
        parsed.first = j;
        parsed.prefixed = unit.is_some();
    }
    if parsed.unit.is_none() {
        if let Some((e, code)) = t.currency_after.at(tokens, end) {
            // "500 pounds of cocaine" is a weight, not money.
            let weight = tokens.get(end).and_then(|w| {
                let mut buf = [0u8; 64];
                let key = ascii_lower(w.text, &mut buf)?;
                t.weight_words.get(key)
            });
            match weight {
                Some(wu) if e == end + 1 && tokens.get(e).is_some_and(|o| o.is("of")) => {
                    parsed.unit = Some(wu.as_str())
                }
                _ => parsed.unit = Some(code.as_str()),
            }
            end = e;
        } else if let Some((e, u)) = t.units.at(tokens, end) {
            parsed.unit = Some(u.as_str());
            end = e;
        }
    }
    // "38 or more"; not "38 plus 12".
    if bound.is_none() && !range {
        if let Some((e, b)) = t.bounds_after.at(tokens, end) {
            let figure_follows = tokens.get(e).is_some_and(|n| {
                matches!(n.kind, TokenKind::Number | TokenKind::Alnum)
                    || numbers::may_start_number(n)
            });
            if !figure_follows {
                bound = Some(*b);
                end = e;
            }
        }
    }
    let count = parsed.unit.is_none();
    let (min, max) = match &bound {
        Some(b) if !b.range => apply_bound(b, lo, hi, count),
        _ => (lo, Some(hi)),
    };
    if bound.is_some_and(|b| !b.range) {
        parsed.rule = if range { "range" } else { "bound" };
    }
    parsed.min = min;
    parsed.max = max;
    parsed.exact = bound.is_none() && !range && vague_exact && parsed.rule == "number"
        || (parsed.rule == "vague" && bound.is_none() && vague_exact);
    parsed.end = end;
    Some(parsed)
}

enum NounMode {
    /// What a count counts: a plural (or known) noun.
    Count,
    /// What an amount is of: "tons of freight", "$800 million in damage".
    Mass,
}

/// A word that looks like a plural noun. Names of peoples may end in "-is"
/// ("Azerbaijanis", "Iraqis"); common nouns in "-is" are singular ("crisis").
fn plural_like(w: &str, capitalized: bool) -> bool {
    w.len() >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && (capitalized || !w.ends_with("is"))
}

/// "IT", "NATO": an acronym modifies the noun after it and is never a function word.
fn is_acronym(text: &str) -> bool {
    text.len() >= 2 && text.bytes().all(|b| b.is_ascii_uppercase())
}

/// The counted noun starting at or after `start`: the first plausible head within a few
/// tokens, skipping modifiers ("eight Russian IT experts") and stopping at function words,
/// numbers and punctuation.
fn find_noun(t: &Tables, tokens: &[Token], start: usize, mode: NounMode) -> Option<CountedNoun> {
    let mut capitalized = None;
    let mut found = None;
    let limit = tokens.len().min(start + 5);
    for (k, tok) in tokens.iter().enumerate().take(limit).skip(start) {
        if tok.kind != TokenKind::Word {
            break;
        }
        if tok.text == "'s" || tok.text == "\u{2019}s" {
            continue;
        }
        let mut buf = [0u8; 64];
        let Some(w) = ascii_lower(tok.text, &mut buf) else {
            break;
        };
        if is_acronym(tok.text) {
            continue;
        }
        if t.stop.has(tok) || numbers::may_start_number(tok) {
            break;
        }
        if t.counted.has(tok) {
            found = Some(k);
            break;
        }
        match mode {
            NounMode::Count => {
                if plural_like(w, tok.is_capitalized()) {
                    if tok.is_capitalized() {
                        // "five Americans" unless a lowercase plural follows ("Airlines flights").
                        capitalized = Some(k);
                    } else {
                        found = Some(k);
                        break;
                    }
                }
            }
            NounMode::Mass => {
                if tok.is_capitalized() {
                    break;
                }
                // The head is the last word of the run: "in new funding", "of refined oil".
                if !(w.ends_with("ed") || w.ends_with("ly")) {
                    found = Some(k);
                }
            }
        }
    }
    let head = found.or(capitalized)?;
    let mut end = head + 1;
    if let Some((e, _)) = t.complements.at(tokens, end) {
        end = e;
    }
    Some(noun_from(tokens, head, end))
}

fn noun_from(tokens: &[Token], a: usize, b: usize) -> CountedNoun {
    let mut text = String::new();
    for (k, tok) in tokens.iter().enumerate().take(b).skip(a) {
        if k > a {
            text.push(' ');
        }
        // ASCII words (nearly all) are lowercased in place, without a temporary string.
        if tok.text.is_ascii() {
            text.extend(tok.text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            text.push_str(&tok.text.to_lowercase());
        }
    }
    CountedNoun {
        tokens: (a, b),
        text,
    }
}

fn skip_determiners(t: &Tables, tokens: &[Token], mut k: usize) -> usize {
    for _ in 0..3 {
        match t.determiners.at(tokens, k) {
            Some((e, _)) => k = e,
            None => break,
        }
    }
    k
}

/// The noun that directly belongs to a parsed quantity (not through a partitive).
fn direct_noun(t: &Tables, tokens: &[Token], p: &Parsed) -> Option<CountedNoun> {
    if p.self_noun {
        return Some(noun_from(tokens, p.figure.0, p.figure.1));
    }
    if p.unit.is_none() {
        return find_noun(t, tokens, p.end, NounMode::Count);
    }
    // "1.5 million tons of freight", "$800 million in damage"
    let next = tokens.get(p.end)?;
    if next.is("of") || next.is("in") {
        let k = skip_determiners(t, tokens, p.end + 1);
        return find_noun(t, tokens, k, NounMode::Mass);
    }
    None
}

fn source_text(tokens: &[Token], a: usize, b: usize) -> String {
    let mut s = String::new();
    for k in a..b.min(tokens.len()) {
        // Tokens keep offsets, not the gaps between them: a gap is read as one space.
        if k > a && tokens[k - 1].end < tokens[k].start {
            s.push(' ');
        }
        s.push_str(tokens[k].text);
    }
    s
}

fn mention(
    tokens: &[Token],
    p: &Parsed,
    noun: Option<CountedNoun>,
    part_of: Option<usize>,
) -> Option<QuantityMention> {
    let first = tokens.get(p.first)?;
    let last = tokens.get(p.end.checked_sub(1)?)?;
    Some(QuantityMention {
        start: first.start,
        end: last.end,
        tokens: (p.first, p.end),
        value: Quantity {
            display: source_text(tokens, p.first, p.end),
            min: p.min,
            max: p.max,
            unit: p.unit.map(str::to_string),
            exact: p.exact,
        },
        noun,
        part_of,
        rule: if part_of.is_some() {
            "partitive"
        } else {
            p.rule
        },
    })
}

/// Whether a parsed quantity stands with the noun it got.
fn acceptable(
    t: &Tables,
    tokens: &[Token],
    p: &Parsed,
    noun: Option<&CountedNoun>,
    has_whole: bool,
) -> bool {
    if p.needs_noun && noun.is_none() && !has_whole {
        return false;
    }
    if p.known_noun_only && !has_whole {
        let known = noun.is_some_and(|n| tokens.get(n.tokens.0).is_some_and(|h| t.counted.has(h)));
        if !known {
            return false;
        }
    }
    // A bare "30-40" with nothing counted is more likely an identifier than a range.
    if p.hyphen_range && !p.prefixed && p.unit.is_none() && noun.is_none() {
        return false;
    }
    true
}

/// Quantities of one sentence. `taken` holds token ranges already used by temporal
/// expressions ("June 27, 2025"); numbers inside them are not quantities.
pub fn recognize(tokens: &[Token], taken: &[(usize, usize)]) -> Vec<QuantityMention> {
    let t = tables();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !may_start(t, &tokens[i]) || in_taken(taken, i) {
            i += 1;
            continue;
        }
        let Some(p) = parse_at(t, tokens, i, taken) else {
            i += 1;
            continue;
        };
        if p.label {
            i = p.end.max(i + 1);
            continue;
        }
        let mut noun = direct_noun(t, tokens, &p);
        let mut whole = None;
        // "38 of the 67 passengers", "38 out of 67", "one of the victims", "dozens of people".
        if noun.is_none() && p.unit.is_none() {
            if let Some((k, _)) = t.partitives.at(tokens, p.end) {
                let k = skip_determiners(t, tokens, k);
                match parse_at(t, tokens, k, taken).filter(|w| w.unit.is_none() && !w.label) {
                    Some(w) => {
                        let wn = direct_noun(t, tokens, &w);
                        if acceptable(t, tokens, &w, wn.as_ref(), false) {
                            whole = Some((w, wn));
                        }
                    }
                    None => noun = find_noun(t, tokens, k, NounMode::Count),
                }
            }
        }
        if !acceptable(t, tokens, &p, noun.as_ref(), whole.is_some()) {
            i += 1;
            continue;
        }
        let mut next = p.end.max(i + 1);
        match whole {
            Some((w, wn)) => {
                let idx = out.len();
                if let (Some(part), Some(whole)) = (
                    mention(tokens, &p, wn.clone(), Some(idx + 1)),
                    mention(tokens, &w, wn, None),
                ) {
                    out.push(part);
                    out.push(whole);
                    next = next.max(w.end);
                }
            }
            None => out.extend(mention(tokens, &p, noun, None)),
        }
        i = next;
    }
    share_lower_bounds(t, tokens, &mut out);
    out
}

/// "killing at least 97 people and injuring 210": a lower bound before the first figure of a
/// coordination holds for the next one too, when only a few words and a joiner (lexicon
/// `bound_sharing_joiners`) stand between them. The second figure becomes a floor as well.
fn share_lower_bounds(t: &Tables, tokens: &[Token], out: &mut [QuantityMention]) {
    const GAP: usize = 5;
    for k in 1..out.len() {
        let (before, after) = out.split_at_mut(k);
        let (a, b) = (&before[k - 1], &mut after[0]);
        let bounded_floor = a.value.max.is_none()
            && !a.value.exact
            && a.part_of.is_none()
            && tokens[a.tokens.0].kind != TokenKind::Number;
        let between = &tokens[a.tokens.1.min(b.tokens.0)..b.tokens.0];
        let joined = between.len() <= GAP
            && between.iter().any(|w| t.bound_sharing.has(w))
            && !between
                .iter()
                .any(|w| w.kind == TokenKind::Number || w.is_punct(';') || w.is_punct('.'));
        if !(bounded_floor && b.value.exact && b.value.unit == a.value.unit && joined) {
            continue;
        }
        let bound = a
            .value
            .display
            .rsplit_once(' ')
            .map_or("", |(words, _)| words);
        b.value = Quantity {
            display: format!("{bound} {}", b.value.display),
            min: b.value.min,
            max: None,
            unit: b.value.unit.clone(),
            exact: false,
        };
        b.rule = "shared-bound";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn one(text: &str) -> QuantityMention {
        let toks = tokenize(text, 0);
        let found = recognize(&toks, &[]);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.into_iter().next().expect("one mention")
    }

    #[test]
    fn lexicon_parses() {
        let t = tables();
        assert!(t.bounds_before.starts(&tokenize("at", 0)[0]));
    }

    #[test]
    fn taken_ranges_are_skipped() {
        let toks = tokenize("On June 27 38 people died", 0);
        let found = recognize(&toks, &[(1, 3)]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value.min, 38.0);
    }

    #[test]
    fn a_floor_is_shared_by_the_next_figure_of_its_coordination() {
        let toks = tokenize(
            "killing at least 97 people and injuring 210, officials said",
            0,
        );
        let found = recognize(&toks, &[]);
        let injured = &found[1].value;
        assert_eq!(
            (injured.min, injured.max, injured.display.as_str()),
            (210.0, None, "at least 210")
        );
        let toks = tokenize("Two people died and 210 were hurt", 0);
        assert!(recognize(&toks, &[]).iter().all(|m| m.value.exact));
    }

    #[test]
    fn bounds_round_outward() {
        let q = one("about 38 people").value;
        assert_eq!((q.min, q.max), (34.0, Some(42.0)));
        let q = one("an estimated $800 million").value;
        assert_eq!((q.min, q.max), (720_000_000.0, Some(880_000_000.0)));
    }
}

#[cfg(test)]
mod bench {
    use super::*;
    use crate::token::tokenize;

    /// Throughput on news-like text; run with
    /// `CARGO_PROFILE_TEST_OPT_LEVEL=3 cargo test --lib throughput -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        let sentence = "Officials said at least 37 of the 67 people on board were killed when \
            Azerbaijan Airlines Flight 8243 crashed near Aktau on Wednesday, and the airline \
            estimated damage at $800 million while several dozen relatives waited outside. ";
        let text = sentence.repeat(20_000);
        let tokens = tokenize(&text, 0);
        let start = std::time::Instant::now();
        let mut found = 0;
        for chunk in tokens.chunks(40) {
            found += recognize(chunk, &[]).len();
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{found} mentions, {:.1} MB/s",
            text.len() as f64 / secs / 1e6
        );
    }
}
