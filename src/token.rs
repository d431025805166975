//! Tokens: the smallest units every recognizer reads.
//!
//! A token borrows its text from the source and keeps absolute byte offsets into the
//! source file, so that every later stage can point back at the exact characters it used
//! (offsets are never recomputed or shifted after this point).

use crate::lexicon::WordId;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly joined by inner hyphens or apostrophes ("post-Soviet", "d'affaires").
    Word,
    /// Digits with optional inner `,` or `.` groups ("300,000", "1.5", "2025").
    Number,
    /// Digits and letters mixed ("27th", "1990s", "23-year-old", "9mm").
    Alnum,
    /// Anything else that is not white space, one character per token.
    Punct,
}

/// One token with absolute byte offsets into the source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// The lexicon word this token is (ignoring ASCII case), looked up once here so that
    /// recognizers test word classes by id (see [`crate::lexicon::Vocab`]).
    pub word: Option<WordId>,
    /// True when the text contains an ASCII hyphen, noted while splitting so that the
    /// recognizers' hyphen tests do not rescan the text (see [`Token::is_hyphenated`]).
    pub hyphenated: bool,
    /// True when the text is all ASCII, also noted while splitting.
    pub ascii: bool,
}

impl<'a> Token<'a> {
    /// True when the token equals `word` ignoring ASCII case.
    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }

    /// True for a word that starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        let word = matches!(self.kind, TokenKind::Word | TokenKind::Alnum);
        match self.text.as_bytes().first() {
            // `&`, not `&&`: both are known, and a branch on the kind would be mispredicted.
            Some(b) if b.is_ascii() => word & b.is_ascii_uppercase(),
            _ => word && self.text.chars().next().is_some_and(char::is_uppercase),
        }
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// True when the text contains an ASCII hyphen ("thirty-eight", "mid-March").
    pub fn is_hyphenated(&self) -> bool {
        self.hyphenated
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text.starts_with(c)
    }

    /// Lowercased text (allocates; recognizers prefer [`Token::is`] in hot paths).
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// The character starting at byte `i`.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(b) if b.is_ascii() => Some(char::from(*b)),
        _ => text.get(i..)?.chars().next(),
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

const ALPHA: u8 = 1;
const DIGIT: u8 = 2;

/// `ALPHA` for ASCII letters, `DIGIT` for ASCII digits, 0 for every other byte.
const ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if b.is_ascii_alphabetic() {
            ALPHA
        } else if b.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        i += 1;
    }
    table
};

/// The token after a possessive "'s" that starts at `k`, if there is one (written as one
/// token, or as an apostrophe and an "s" that touches it).
pub fn possessive_end(tokens: &[Token], k: usize) -> Option<usize> {
    let t = tokens.get(k)?;
    if t.is("'s") || t.is("’s") {
        return Some(k + 1);
    }
    let s = tokens.get(k + 1)?;
    ((t.is_punct('\'') || t.is_punct('’')) && s.is("s") && s.start == t.end).then_some(k + 2)
}

/// Splits `text` into tokens, each with its lexicon word id. `base` is the byte offset of
/// `text` in its source file and is added to every token's offsets.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut tokens = split(text, base);
    look_up(&mut tokens, text, base);
    tokens
}

/// [`tokenize`] of `text[start..end]` (a sentence of a source file `text`) through a buffer
/// kept by the caller between sentences: the tokens are split into `buf`, which keeps its
/// capacity, and returned in a vector of exactly their number. A vector reserved for the
/// densest text is about twice the size of its tokens, and recognition keeps every
/// sentence's tokens: this halves their memory. The words are looked up in the whole
/// `text`, whose bytes after a sentence's last words let them be read 16 at a time.
pub fn tokenize_reusing<'a>(
    buf: &mut Vec<Token<'a>>,
    text: &'a str,
    start: usize,
    end: usize,
) -> Vec<Token<'a>> {
    buf.clear();
    split_into(&text[start..end], start, buf);
    look_up(buf, text, 0);
    buf.to_vec()
}

/// Sets the lexicon word id of every token split from `text`, whose offset in the source
/// file is `base`.
fn look_up(tokens: &mut [Token], text: &str, base: usize) {
    let vocab = &crate::lexicon::get().vocab;
    for t in tokens {
        t.word = match t.start.checked_sub(base) {
            Some(at) => vocab.get_at(t.text, text.as_bytes(), at),
            None => vocab.get(t.text),
        };
    }
}

/// Splits `text` into tokens without looking them up: for the lexicon itself, which splits
/// its phrases as the text is split while the vocabulary is being built.
pub(crate) fn split(text: &str, base: usize) -> Vec<Token<'_>> {
    // News text has about one token per five bytes, but punctuation and numbers make many
    // sentences denser: reserving for one per three bytes lets the vector seldom grow.
    let mut tokens = Vec::with_capacity(text.len() / 3 + 1);
    split_into(text, base, &mut tokens);
    tokens
}

/// What a word token is made of, gathered while reading it.
#[derive(Clone, Copy)]
struct WordFlags {
    /// `ALPHA` and `DIGIT` bits of the characters read.
    class: u8,
    hyphenated: bool,
    ascii: bool,
}

/// Appends the tokens of `text` to `tokens` (see [`split`]).
fn split_into<'a>(text: &'a str, base: usize, tokens: &mut Vec<Token<'a>>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = ASCII_CLASS[usize::from(b)];
        let (j, flags) = if class != 0 {
            // Most tokens are runs of ASCII letters and digits ended by a space or ASCII
            // punctuation: read the run with one table lookup per byte, and leave joiners
            // and other characters to `word_end`, out of line.
            let mut j = i + 1;
            let mut class = class;
            while let Some(&b) = bytes.get(j) {
                let c = ASCII_CLASS[usize::from(b)];
                if c == 0 {
                    break;
                }
                class |= c;
                j += 1;
            }
            let flags = WordFlags {
                class,
                hyphenated: false,
                ascii: true,
            };
            match bytes.get(j) {
                Some(&b) if !b.is_ascii() || matches!(b, b',' | b'.' | b'-' | b'\'') => {
                    word_end(text, j, flags)
                }
                _ => (j, flags),
            }
        } else if b == b' ' {
            i += 1;
            continue;
        } else if b.is_ascii() && !matches!(b, b'\t'..=b'\r') && b != b'\'' {
            // ASCII punctuation other than an apostrophe (which may start a possessive) needs
            // no decoding.
            tokens.push(Token {
                text: &text[i..i + 1],
                start: base + i,
                end: base + i + 1,
                kind: TokenKind::Punct,
                word: None,
                hyphenated: b == b'-',
                ascii: true,
            });
            i += 1;
            continue;
        } else {
            match other_token(text, base, i, tokens) {
                Other::Next(next) => {
                    i = next;
                    continue;
                }
                Other::Word => word_end(
                    text,
                    i,
                    WordFlags {
                        class: 0,
                        hyphenated: false,
                        ascii: true,
                    },
                ),
                Other::End => break,
            }
        };
        let kind = match (flags.class & ALPHA != 0, flags.class & DIGIT != 0) {
            (true, true) => TokenKind::Alnum,
            (false, true) => TokenKind::Number,
            _ => TokenKind::Word,
        };
        tokens.push(Token {
            text: &text[i..j],
            start: base + i,
            end: base + j,
            kind,
            word: None,
            hyphenated: flags.hyphenated,
            ascii: flags.ascii,
        });
        i = j;
    }
}

/// What [`other_token`] found at a byte that is neither an ASCII letter or digit nor simple
/// ASCII punctuation.
enum Other {
    /// White space or a token, pushed: go on at this byte.
    Next(usize),
    /// A non-ASCII letter or digit: a word starts here.
    Word,
    /// Not a character boundary (cannot happen in a `str`): stop.
    End,
}

/// Reads the character at byte `i`: white space, punctuation that needs decoding (a curly
/// quote, an apostrophe, perhaps of a possessive "'s"), or the start of a non-ASCII word.
#[inline(never)]
fn other_token<'a>(text: &'a str, base: usize, i: usize, tokens: &mut Vec<Token<'a>>) -> Other {
    let bytes = text.as_bytes();
    let Some(c) = char_at(text, i) else {
        return Other::End;
    };
    let clen = c.len_utf8();
    if c.is_whitespace() {
        return Other::Next(i + clen);
    }
    if c.is_alphanumeric() {
        return Other::Word;
    }
    // Possessive "'s" is its own token so that "Russia's" yields the name "Russia".
    if is_apostrophe(c)
        && i > 0
        && text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        && bytes
            .get(i + clen)
            .is_some_and(|b| *b == b's' || *b == b'S')
        && !bytes
            .get(i + clen + 1)
            .is_some_and(|b| b.is_ascii_alphanumeric())
    {
        tokens.push(Token {
            text: &text[i..i + clen + 1],
            start: base + i,
            end: base + i + clen + 1,
            kind: TokenKind::Word,
            word: None,
            hyphenated: false,
            ascii: c.is_ascii(),
        });
        return Other::Next(i + clen + 1);
    }
    tokens.push(Token {
        text: &text[i..i + clen],
        start: base + i,
        end: base + i + clen,
        kind: TokenKind::Punct,
        word: None,
        hyphenated: false,
        ascii: c.is_ascii(),
    });
    Other::Next(i + clen)
}

/// The end of the word token read up to byte `j`, and what it is made of: goes on over
/// non-ASCII letters and digits and over inner joiners ("300,000", "post-Soviet",
/// "d'affaires").
#[inline(never)]
fn word_end(text: &str, mut j: usize, mut flags: WordFlags) -> (usize, WordFlags) {
    let bytes = text.as_bytes();
    loop {
        // Runs of ASCII letters and digits, a byte at a time, without decoding UTF-8.
        while let Some(&b) = bytes.get(j) {
            let c = ASCII_CLASS[usize::from(b)];
            if c == 0 {
                break;
            }
            flags.class |= c;
            j += 1;
        }
        // Any other ASCII byte but an inner joiner ends the token without decoding.
        match bytes.get(j) {
            None => break,
            Some(&b) if b.is_ascii() && !matches!(b, b',' | b'.' | b'-' | b'\'') => break,
            _ => {}
        }
        let Some(c) = char_at(text, j) else {
            break;
        };
        if c.is_alphanumeric() {
            if c.is_alphabetic() {
                flags.class |= ALPHA;
            }
            if c.is_ascii_digit() {
                flags.class |= DIGIT;
            }
            flags.ascii &= c.is_ascii();
            j += c.len_utf8();
            continue;
        }
        // Inner joiners continue the token only when an alphanumeric follows.
        if !(c == ',' || c == '.' || is_hyphen(c) || is_apostrophe(c)) {
            break;
        }
        let next = text[j + c.len_utf8()..].chars().next();
        let prev = text[..j].chars().next_back();
        let joins = match (prev, next) {
            (Some(p), Some(n)) => {
                ((c == ',' || c == '.') && p.is_ascii_digit() && n.is_ascii_digit()
                    // "300,000" but not "1,2" lists: a thousands group has three digits.
                    && (c == '.' || text[j + 1..].chars().take_while(char::is_ascii_digit).count() == 3))
                    || (is_hyphen(c) && p.is_alphanumeric() && n.is_alphanumeric())
                    // A letter on each side, but not a possessive "'s" ending the word.
                    || (is_apostrophe(c)
                        && p.is_alphabetic()
                        && n.is_alphabetic()
                        && (!matches!(n, 's' | 'S')
                            || text[j + c.len_utf8() + 1..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric)))
            }
            _ => false,
        };
        if !joins {
            break;
        }
        flags.hyphenated |= c == '-';
        flags.ascii &= c.is_ascii();
        j += c.len_utf8();
    }
    (j, flags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s, 0).iter().map(|t| t.text).collect()
    }

    #[test]
    fn numbers_words_and_possessives() {
        assert_eq!(
            texts("Russia's 300,000 people, 1.5 million; thirty-eight d’affaires 27th."),
            vec![
                "Russia",
                "'s",
                "300,000",
                "people",
                ",",
                "1.5",
                "million",
                ";",
                "thirty-eight",
                "d’affaires",
                "27th",
                "."
            ]
        );
    }

    #[test]
    fn offsets_are_absolute() {
        let toks = tokenize("Héllo world", 10);
        assert_eq!((toks[1].start, toks[1].end), (17, 22));
    }

    #[test]
    fn lists_of_small_numbers_split() {
        assert_eq!(texts("1,2"), vec!["1", ",", "2"]);
    }
}
