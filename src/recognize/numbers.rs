//! Numbers written in digits or words, shared by the date and quantity recognizers.
//!
//! "thirty-eight", "one hundred and five", "1.5 million", "half a million", "300,000",
//! "20m" and "27th" all become a value and the number of tokens they cover.

use crate::hash::WordBuildHasher;
use crate::lexicon::parse_embedded;
use crate::lexicon::{Vocab, WordClass, WordId, WordMap};
use crate::token::{Token, TokenKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

type WordValues = HashMap<String, f64, WordBuildHasher>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberLexicon {
    units: WordValues,
    tens: WordValues,
    scales: WordValues,
    suffixes: WordValues,
    fractions: WordValues,
    ordinals: WordValues,
}

fn lexicon() -> &'static NumberLexicon {
    static LEX: OnceLock<NumberLexicon> = OnceLock::new();
    LEX.get_or_init(|| parse_embedded("numbers.toml", include_str!("../lexicon/numbers.toml")))
}

/// How a number was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Digits,
    Words,
}

/// A number found at a token position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberParse {
    pub value: f64,
    /// Index one past the last token used.
    pub end: usize,
    pub ordinal: bool,
    pub written: Written,
}

/// Value of a single number word ("seven", "thirty-eight", "twenty") without scales.
pub fn word_value(word: &str) -> Option<f64> {
    // Every number word ends in a letter: digits ("2025") and punctuation stop here.
    if !word.as_bytes().last().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let lex = lexicon();
    let mut buf = [0u8; 64];
    let w = ascii_lower(word, &mut buf)?;
    if let Some(v) = lex.units.get(w).or_else(|| lex.tens.get(w)) {
        return Some(*v);
    }
    let (tens, unit) = w.split_once('-')?;
    let t = lex.tens.get(tens)?;
    let u = lex.units.get(unit).filter(|u| **u >= 1.0 && **u <= 9.0)?;
    Some(t + u)
}

/// Value of an ordinal word or digits-with-suffix ("third", "twenty-first", "27th").
pub fn ordinal_value(word: &str) -> Option<f64> {
    // Ordinal words and suffixes ("third", "27th") end in a letter: plain digits stop here.
    if !word.as_bytes().last().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let lex = lexicon();
    let mut buf = [0u8; 64];
    let w = ascii_lower(word, &mut buf)?;
    if let Some(v) = lex.ordinals.get(w) {
        return Some(*v);
    }
    if let Some((tens, unit)) = w.split_once('-') {
        let t = lex.tens.get(tens)?;
        let u = lex.ordinals.get(unit).filter(|u| **u <= 9.0)?;
        return Some(t + u);
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(digits) = w.strip_suffix(suffix) {
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                return digits.parse().ok();
            }
        }
    }
    None
}

/// Parses digits with optional thousands commas and a decimal point.
pub fn digits_value(text: &str) -> Option<f64> {
    // This runs for every number token: whole numbers of up to 15 digits (exact in an f64)
    // are read as integers in one pass; decimals and longer numbers go to the float parser.
    let mut value: u64 = 0;
    let mut digits = 0;
    let mut decimal = false;
    for &b in text.as_bytes() {
        match b {
            b',' => {}
            b'0'..=b'9' => {
                value = value.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                digits += 1;
            }
            b'.' => decimal = true,
            _ => return None,
        }
    }
    if digits <= 15 && !decimal {
        return (digits > 0).then_some(value as f64);
    }
    digits_value_long(text)
}

/// [`digits_value`] for decimals and numbers too long to be read as integers.
fn digits_value_long(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() || !cleaned.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    cleaned.parse().ok()
}

/// Lowercases ASCII letters of `text` into `buf` without allocating; `None` when the text
/// does not fit (no lexicon word is that long). Non-ASCII bytes are copied unchanged, so the
/// result stays valid UTF-8.
pub fn ascii_lower<'b>(text: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let bytes = text.as_bytes();
    let out = buf.get_mut(..bytes.len())?;
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b.to_ascii_lowercase();
    }
    // Lowercasing ASCII bytes of valid UTF-8 keeps it valid UTF-8, so the check cannot fail;
    // it is kept (not `from_utf8_unchecked`) because the crate has no unsafe code.
    std::str::from_utf8(out).ok()
}

/// Number words by id, for the tests every token goes through.
pub(crate) struct NumberWords {
    /// Words that can begin a written number: units, tens, fractions, ordinals, "a", "an".
    starters: WordClass,
    tens: WordClass,
    /// Scale words, singular and plural ("million", "dozens"), with their value.
    scales: WordMap<WordId, f64>,
    /// Values of the starting words, by id, as [`word_value`], [`ordinal_value`] and the
    /// fractions table read them.
    cardinals: WordMap<WordId, f64>,
    ordinals: WordMap<WordId, f64>,
    fractions: WordMap<WordId, f64>,
}

impl NumberWords {
    pub(crate) fn new(vocab: &mut Vocab) -> NumberWords {
        let lex = lexicon();
        let mut starters = WordClass::default();
        let mut cardinals = WordMap::default();
        let mut ordinals = WordMap::default();
        let mut fractions = WordMap::default();
        for w in starting_words() {
            let id = vocab.intern(&w);
            starters.insert(id);
            // A token has this id exactly when its text equals `w` ignoring ASCII case, which
            // is how the string lookups compare.
            if let Some(v) = word_value(&w) {
                cardinals.insert(id, v);
            }
            if let Some(v) = ordinal_value(&w) {
                ordinals.insert(id, v);
            }
            if let Some(v) = lex.fractions.get(&w.to_ascii_lowercase()) {
                fractions.insert(id, *v);
            }
        }
        let mut tens = WordClass::default();
        for w in lex.tens.keys() {
            tens.insert(vocab.intern(w));
        }
        let mut scales = WordMap::default();
        for (w, v) in &lex.scales {
            scales.insert(vocab.intern(&format!("{w}s")), *v);
        }
        for (w, v) in &lex.scales {
            scales.insert(vocab.intern(w), *v);
        }
        NumberWords {
            starters,
            tens,
            scales,
            cardinals,
            ordinals,
            fractions,
        }
    }
}

fn words() -> &'static NumberWords {
    &crate::lexicon::get().numbers
}

/// Value of a scale word, singular or plural ("million", "dozens").
pub fn scale_of(tok: &Token) -> Option<f64> {
    if !tok.is_word() {
        return None;
    }
    words().scales.get(&tok.word?).copied()
}

/// [`word_value`] of a token. Every unit and tens word is in the vocabulary, so a word
/// without a hyphen is settled by its id; compounds ("thirty-eight") are parsed.
pub fn token_word_value(tok: &Token) -> Option<f64> {
    if tok.is_word() && !tok.is_hyphenated() {
        return words().cardinals.get(&tok.word?).copied();
    }
    word_value(tok.text)
}

/// [`ordinal_value`] of a token: ordinal words without a hyphen by id ("third"), others
/// ("twenty-first", "27th") parsed.
pub fn token_ordinal_value(tok: &Token) -> Option<f64> {
    if tok.is_word() && !tok.is_hyphenated() {
        return words().ordinals.get(&tok.word?).copied();
    }
    ordinal_value(tok.text)
}

/// Every lowercase word that can begin a written number, for callers that build their own
/// lookup tables ("one", "twenty", "half", "third", "a").
pub fn starting_words() -> Vec<String> {
    let lex = lexicon();
    let mut words: Vec<String> = lex
        .units
        .keys()
        .chain(lex.tens.keys())
        .chain(lex.fractions.keys())
        .chain(lex.ordinals.keys())
        .cloned()
        .collect();
    words.push("a".into());
    words.push("an".into());
    words
}

/// True when a word token can begin a written number ("thirty-eight", "a", "half",
/// "third"). A cheap test that lets callers skip most words without parsing them.
pub fn may_start_number(tok: &Token) -> bool {
    if !tok.is_word() {
        return false;
    }
    let words = words();
    words.starters.has(tok)
        || (tok.is_hyphenated()
            && tok.text.len() <= 64
            && tok
                .text
                .split_once('-')
                .is_some_and(|(t, _)| words.tens.contains(crate::lexicon::get().vocab.get(t))))
}

/// Parses the number that starts at `tokens[i]`, if any.
pub fn parse_number(tokens: &[Token], i: usize) -> Option<NumberParse> {
    let lex = lexicon();
    let tok = tokens.get(i)?;
    match tok.kind {
        TokenKind::Number => {
            let mut value = digits_value(tok.text)?;
            let mut end = i + 1;
            // "1.5 million", "3 billion"; not "2 dozen" + more scales.
            if let Some(s) = tokens.get(end).and_then(scale_of) {
                value *= s;
                end += 1;
            }
            Some(NumberParse {
                value,
                end,
                ordinal: false,
                written: Written::Digits,
            })
        }
        TokenKind::Alnum => {
            if let Some(v) = ordinal_value(tok.text) {
                return Some(NumberParse {
                    value: v,
                    end: i + 1,
                    ordinal: true,
                    written: Written::Digits,
                });
            }
            // "20m", "3.7bn"
            let split = tok.text.find(|c: char| c.is_alphabetic())?;
            let (digits, suffix) = tok.text.split_at(split);
            let mult = lex.suffixes.get(&suffix.to_ascii_lowercase())?;
            Some(NumberParse {
                value: digits_value(digits)? * mult,
                end: i + 1,
                ordinal: false,
                written: Written::Digits,
            })
        }
        TokenKind::Word => parse_words(tokens, i),
        TokenKind::Punct => None,
    }
}

/// "one hundred and five", "thirty-eight", "half a million", "a dozen", "two million".
fn parse_words(tokens: &[Token], i: usize) -> Option<NumberParse> {
    let first = tokens.get(i)?;
    if !may_start_number(first) {
        return None;
    }
    // "half a million", "a quarter million"
    if let Some(frac) = first.word.and_then(|id| words().fractions.get(&id)) {
        let mut j = i + 1;
        if tokens.get(j).is_some_and(|t| t.is("a") || t.is("an")) {
            j += 1;
        }
        let scale = tokens.get(j).and_then(scale_of)?;
        return Some(NumberParse {
            value: frac * scale,
            end: j + 1,
            ordinal: false,
            written: Written::Words,
        });
    }
    // "a hundred", "a dozen", "a million"
    if first.is("a") || first.is("an") {
        let scale = tokens.get(i + 1).and_then(scale_of)?;
        if tokens.get(i + 1).is_some_and(|t| t.text.ends_with('s')) {
            return None; // "a thousands" is not a number
        }
        let mut p = NumberParse {
            value: scale,
            end: i + 2,
            ordinal: false,
            written: Written::Words,
        };
        extend_words(tokens, &mut p);
        return Some(p);
    }
    if let Some(v) = token_ordinal_value(first) {
        return Some(NumberParse {
            value: v,
            end: i + 1,
            ordinal: true,
            written: Written::Words,
        });
    }
    let v = token_word_value(first)?;
    let mut p = NumberParse {
        value: v,
        end: i + 1,
        ordinal: false,
        written: Written::Words,
    };
    extend_words(tokens, &mut p);
    Some(p)
}

/// Continues a word number: scales, "and" between hundreds and units, further units.
fn extend_words(tokens: &[Token], p: &mut NumberParse) {
    let mut total = 0.0;
    let mut current = p.value;
    // An initial scale word ("a hundred") already multiplied into value.
    while let Some(tok) = tokens.get(p.end) {
        if let Some(s) = scale_of(tok).filter(|_| !tok.text.ends_with('s')) {
            if s >= 1000.0 {
                total += current * s;
                current = 0.0;
            } else {
                current *= s;
            }
            p.end += 1;
            continue;
        }
        // "one hundred and five": "and" only continues into a following number word.
        let next_i = if tok.is("and") { p.end + 1 } else { p.end };
        if let Some(v) = tokens
            .get(next_i)
            .filter(|t| t.is_word())
            .and_then(token_word_value)
        {
            let after_round = current % 100.0 == 0.0 && current != 0.0;
            let after_scale = total > 0.0 && current == 0.0;
            if (after_round || after_scale) && v < 100.0 && current % 100.0 == 0.0 {
                current += v;
                p.end = next_i + 1;
                continue;
            }
        }
        break;
    }
    p.value = total + current;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn num(s: &str) -> Option<(f64, usize)> {
        let t = tokenize(s, 0);
        parse_number(&t, 0).map(|p| (p.value, p.end))
    }

    #[test]
    fn words_and_digits() {
        assert_eq!(num("thirty-eight people"), Some((38.0, 1)));
        assert_eq!(num("one hundred and five"), Some((105.0, 4)));
        assert_eq!(num("1.5 million tons"), Some((1_500_000.0, 2)));
        assert_eq!(num("half a million"), Some((500_000.0, 3)));
        assert_eq!(num("300,000 Azerbaijanis"), Some((300_000.0, 1)));
        assert_eq!(num("20m"), Some((20_000_000.0, 1)));
        assert_eq!(num("two million"), Some((2_000_000.0, 2)));
        assert_eq!(num("a dozen"), Some((12.0, 2)));
        assert_eq!(num("twenty-first"), Some((21.0, 1)));
        assert_eq!(num("27th"), Some((27.0, 1)));
        assert_eq!(num("two and three"), Some((2.0, 1)));
        assert_eq!(num("a man"), None);
        assert_eq!(num("Hundreds"), None);
        assert_eq!(num("a thousand"), Some((1000.0, 2)));
    }
}
