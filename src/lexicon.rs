//! The built-in English lexicon: language knowledge as data, not code.
//!
//! Event verbs and nouns, role nouns, hedges, attribution verbs, titles and boilerplate cues
//! live in TOML files under `src/lexicon/` and are embedded in the binary with
//! `include_str!`, so a new story needs no code change and a user can read what Concord
//! knows. Every file is parsed once, in [`get`], which also compiles the recognizers' tables.
//!
//! Words are interned: every word the lexicon names gets a [`WordId`] in one [`Vocab`], and
//! [`crate::token::tokenize`] looks each token up once, so a recognizer tests a token against
//! a word class ([`WordSet::has`]) or matches a phrase ([`PhraseSet`]) by comparing ids,
//! without lowercasing or hashing the token again.

use crate::token::Token;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::num::NonZeroU32;
use std::sync::OnceLock;

/// Maps keyed by words or word ids, looked up in the inner loops.
pub(crate) type WordMap<K, V> = HashMap<K, V, crate::hash::WordBuildHasher>;

/// The id of a lexicon word (lowercase); tokens carry the id of their lowercase text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WordId(NonZeroU32);

impl WordId {
    /// A small dense number, for tables indexed by word.
    pub fn index(self) -> usize {
        self.0.get() as usize
    }
}

/// Every word of the lexicon, interned. Lookups lowercase ASCII letters (as
/// [`Token::is`] compares), so a token matches a lexicon word exactly when `is` would.
#[derive(Debug, Default)]
pub struct Vocab {
    /// Words of up to 15 bytes, packed into one integer with their length: a lookup hashes
    /// and compares one number (most tokens and lexicon words are short).
    short: ShortWords,
    long: WordMap<Box<[u8]>, WordId>,
    /// Ids of one-byte words by byte, either case (a third of the tokens are one byte,
    /// mostly punctuation: one load instead of packing and hashing).
    bytes: ByteWords,
}

/// [`Vocab::bytes`]: an id per byte value (only ASCII bytes are ever set).
#[derive(Debug)]
struct ByteWords([Option<WordId>; 256]);

impl Default for ByteWords {
    fn default() -> ByteWords {
        ByteWords([None; 256])
    }
}

/// An open-addressing table from packed short words to ids, kept at most half full. Every
/// token is looked up here, and most are not lexicon words: one multiplication and, usually,
/// one or two key comparisons settle a lookup.
#[derive(Debug)]
struct ShortWords {
    /// Packed words by slot; 0 marks an empty slot (no packed word is 0: its length is not).
    keys: Vec<u128>,
    ids: Vec<Option<WordId>>,
    len: usize,
    /// 64 minus the log2 of the number of slots: the hash's top bits pick the slot.
    shift: u32,
}

impl Default for ShortWords {
    fn default() -> ShortWords {
        const SLOTS: usize = 1024;
        ShortWords {
            keys: vec![0; SLOTS],
            ids: vec![None; SLOTS],
            len: 0,
            shift: 64 - SLOTS.trailing_zeros(),
        }
    }
}

impl ShortWords {
    #[inline]
    fn first_slot(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(32);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The slot holding `key`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, key: u128) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = self.first_slot(key);
        while self.keys[i] != key && self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    #[inline]
    fn get(&self, key: u128) -> Option<WordId> {
        self.ids[self.slot(key)]
    }

    fn insert(&mut self, key: u128, id: WordId) {
        if 2 * (self.len + 1) > self.keys.len() {
            let old_keys = std::mem::take(&mut self.keys);
            let old_ids = std::mem::take(&mut self.ids);
            let slots = 2 * old_keys.len();
            self.keys = vec![0; slots];
            self.ids = vec![None; slots];
            self.shift = 64 - slots.trailing_zeros();
            for (k, id) in old_keys.into_iter().zip(old_ids) {
                if k != 0 {
                    let i = self.slot(k);
                    self.keys[i] = k;
                    self.ids[i] = id;
                }
            }
        }
        let i = self.slot(key);
        if self.keys[i] == 0 {
            self.len += 1;
        }
        self.keys[i] = key;
        self.ids[i] = Some(id);
    }
}

/// The event type and family of a bare toll: an incident of no known type ("three people
/// died" with no crash or shooting named near it).
pub const UNTYPED_INCIDENT: &str = "incident";

/// Longest word looked up; no lexicon word is longer.
const MAX_WORD: usize = 64;
/// Longest word kept in `Vocab::short`.
const SHORT_WORD: usize = 15;

/// Packs a word of up to `SHORT_WORD` bytes, lowercasing ASCII letters, with its length in
/// the last byte.
fn pack(bytes: &[u8]) -> u128 {
    let mut key = [0u8; 16];
    for (k, b) in key.iter_mut().zip(bytes) {
        *k = b.to_ascii_lowercase();
    }
    key[SHORT_WORD] = bytes.len() as u8;
    u128::from_le_bytes(key)
}

/// [`pack`] of `chunk[..len]` (`len` at most `SHORT_WORD`), without a loop: the bytes after
/// the word are masked off and ASCII capitals found eight at a time in each half.
fn pack_chunk(chunk: &[u8; 16], len: usize) -> u128 {
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    let x = u128::from_le_bytes(*chunk) & ((1u128 << (8 * len.min(SHORT_WORD))) - 1);
    // Per byte, without carries between bytes: the top bit of `from_a` is set for a low
    // seven bits of at least 'A', that of `past_z` for more than 'Z'; a capital has the
    // first and not the second, and its own top bit clear. Its 0x20 bit is the top bit
    // shifted right by two.
    let low = x & (0x7f * ONES);
    let from_a = low + (0x80 - u128::from(b'A')) * ONES;
    let past_z = low + (0x80 - u128::from(b'Z') - 1) * ONES;
    let capitals = from_a & !past_z & !x & (0x80 * ONES);
    (x | (capitals >> 2)) | ((len as u128) << (8 * SHORT_WORD))
}

/// True for a word kept in `Vocab::short` (the empty word would pack to 0, its empty slot).
fn is_short(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.len() <= SHORT_WORD
}

impl Vocab {
    /// The id of `word` (ASCII-lowercased), adding it when new.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(id) = self.get(word) {
            return id;
        }
        let id = WordId(NonZeroU32::MIN.saturating_add(self.len() as u32));
        let bytes = word.as_bytes();
        if let [b] = *bytes {
            self.bytes.0[usize::from(b.to_ascii_lowercase())] = Some(id);
            self.bytes.0[usize::from(b.to_ascii_uppercase())] = Some(id);
        }
        if is_short(bytes) {
            self.short.insert(pack(bytes), id);
        } else {
            self.long
                .insert(bytes.to_ascii_lowercase().into_boxed_slice(), id);
        }
        id
    }

    /// The id of `text` ignoring ASCII case, when it is a lexicon word.
    #[inline]
    pub fn get(&self, text: &str) -> Option<WordId> {
        let bytes = text.as_bytes();
        if let [b] = *bytes {
            return self.get_byte(b);
        }
        if is_short(bytes) {
            return self.short.get(pack(bytes));
        }
        self.get_long(bytes)
    }

    /// [`Vocab::get`] of `word`, which must be the text at byte `at` of `text` (the tokenizer
    /// calls this for the tokens it split from `text`). A short word followed by enough text
    /// is packed from the 16 bytes there without a loop over its bytes: the processor
    /// mispredicts where such a loop ends, as word lengths vary, and every token is looked
    /// up.
    #[inline]
    pub(crate) fn get_at(&self, word: &str, text: &[u8], at: usize) -> Option<WordId> {
        let len = word.len();
        let chunk = text
            .get(at..at.saturating_add(16))
            .and_then(|c| <&[u8; 16]>::try_from(c).ok());
        match chunk {
            Some(chunk) if (2..=SHORT_WORD).contains(&len) => {
                debug_assert_eq!(&chunk[..len], word.as_bytes());
                self.short.get(pack_chunk(chunk, len))
            }
            _ => self.get(word),
        }
    }

    /// [`Vocab::get`] of the one-byte text `b`.
    #[inline]
    fn get_byte(&self, b: u8) -> Option<WordId> {
        self.bytes.0[usize::from(b)]
    }

    /// [`Vocab::get`] for words longer than `SHORT_WORD` (out of line: its buffer would make
    /// every lookup set up a large stack frame).
    #[cold]
    fn get_long(&self, bytes: &[u8]) -> Option<WordId> {
        if bytes.len() > MAX_WORD {
            return None;
        }
        let mut buf = [0u8; MAX_WORD];
        let key = &mut buf[..bytes.len()];
        for (k, b) in key.iter_mut().zip(bytes) {
            *k = b.to_ascii_lowercase();
        }
        self.long.get(&*key).copied()
    }

    /// The number of interned words.
    pub fn len(&self) -> usize {
        self.short.len + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A set of word ids, tested with one bit lookup.
#[derive(Clone, Debug, Default)]
pub struct WordClass {
    bits: Vec<u64>,
}

impl WordClass {
    pub fn insert(&mut self, id: WordId) {
        let i = id.index();
        if self.bits.len() <= i / 64 {
            self.bits.resize(i / 64 + 1, 0);
        }
        self.bits[i / 64] |= 1 << (i % 64);
    }

    /// Adds every word of `other`.
    pub fn union_with(&mut self, other: &WordClass) {
        if self.bits.len() < other.bits.len() {
            self.bits.resize(other.bits.len(), 0);
        }
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a |= b;
        }
    }

    /// True when `id` is in the class.
    ///
    /// Written without branches on the token (most tokens are in no class, and whether one
    /// is cannot be predicted): no id reads bit 0, which is never set, since ids start at 1.
    #[inline]
    pub fn contains(&self, id: Option<WordId>) -> bool {
        let i = id.map_or(0, WordId::index);
        let word = self.bits.get(i / 64).copied().unwrap_or(0);
        (word >> (i % 64)) & 1 != 0
    }

    /// True when the token's word is in the class.
    #[inline]
    pub fn has(&self, tok: &Token) -> bool {
        self.contains(tok.word)
    }
}

/// A set of lexicon words as written in the TOML file, with their ids once indexed: string
/// lookups for callers holding text, id lookups for recognizers holding tokens.
#[derive(Debug, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct WordSet {
    words: HashSet<String, crate::hash::FnvBuildHasher>,
    class: WordClass,
}

impl From<Vec<String>> for WordSet {
    fn from(words: Vec<String>) -> WordSet {
        WordSet {
            words: words.into_iter().collect(),
            class: WordClass::default(),
        }
    }
}

impl WordSet {
    /// True when the set holds `word` exactly as given (callers lowercase).
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }

    /// Length in bytes of the longest word (0 when empty).
    pub fn longest(&self) -> usize {
        self.words.iter().map(String::len).max().unwrap_or(0)
    }

    /// True when the token's lowercase form is in the set (after [`WordSet::index`]).
    pub fn has(&self, tok: &Token) -> bool {
        self.class.has(tok)
    }

    /// Interns the words, so that [`WordSet::has`] works.
    pub fn index(&mut self, vocab: &mut Vocab) {
        for w in &self.words {
            // `contains` compares text as written and `has` ignores case: the two agree
            // only when the lexicon writes its words in lowercase (checked by the tests).
            debug_assert_eq!(*w, w.to_lowercase(), "lexicon word {w:?} is not lowercase");
            self.class.insert(vocab.intern(w));
        }
    }
}

/// Parses an embedded lexicon file. The files are part of the binary and are checked by the
/// test suite, so a parse failure here is a build defect, reported with the file name.
pub fn parse_embedded<T: DeserializeOwned>(name: &str, text: &str) -> T {
    match toml::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("embedded lexicon file {name} is invalid: {e}"),
    }
}

/// Titles, function words and organization heads used to read and compare names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entities {
    /// Abbreviation or variant -> canonical title ("gov" -> "governor").
    pub titles: BTreeMap<String, String>,
    /// Modifiers that make a different role: "deputy police chief" is not "police chief".
    pub distinguishing: WordSet,
    /// Words ignored when comparing names ("the", "of", "and").
    pub function_words: WordSet,
    /// Capitalized words that do not start a name (sentence-initial determiners, pronouns...).
    pub not_names: WordSet,
    /// Head nouns that make a capitalized phrase an organization ("Office", "Police").
    pub organization_heads: WordSet,
    /// Generic nouns for groups and officials that may stand as participants ("police").
    pub group_nouns: WordSet,
    /// Common words that carry no information about which event a sentence is about.
    pub stopwords: WordSet,
    /// Prepositions that introduce a place ("in", "near").
    pub place_prepositions: WordSet,
    /// Abbreviations that end with a period without ending a sentence.
    pub abbreviations: WordSet,
    /// Abbreviations only when a number follows ("No. 5").
    pub numeric_abbreviations: WordSet,
    /// Lowercase words that join capitalized words into one name ("Bank of America").
    pub name_connectors: WordSet,
    /// Every title, abbreviated or canonical, as a word class.
    #[serde(skip)]
    pub title_class: WordClass,
}

impl Entities {
    pub fn canonical_title(&self, word: &str) -> Option<String> {
        self.titles.get(word.trim_end_matches('.')).cloned()
    }
    /// True for a title, abbreviated or not, in any case ("Gov.", "governor").
    pub fn is_title(&self, word: &str) -> bool {
        self.title_class
            .contains(get().vocab.get(word.trim_end_matches('.')))
    }
    pub fn is_distinguishing(&self, word: &str) -> bool {
        self.distinguishing.contains(word)
    }
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }
}

/// One event type: the words that trigger it and the family it belongs to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventType {
    /// Machine name: "raid", "detain", "crash".
    pub name: String,
    /// Events of one family may describe one happening ("shootdown" and "crash").
    #[serde(default)]
    pub family: Option<String>,
    /// Verb lemmas; regular inflections are generated ("raid" -> raids, raided, raiding).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Irregular or multi-word verb forms, written out ("shot down", "took into custody").
    #[serde(default)]
    pub forms: Vec<String>,
    /// Nouns naming the event ("raid", "crash", "apology").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// True for incidents that casualty counts attach to (crash, shooting, raid).
    #[serde(default)]
    pub incident: bool,
    /// True when the subject undergoes the event rather than does it ("two workers died",
    /// "the suspect surrendered"): the subject is the target, not the agent.
    #[serde(default)]
    pub subject_undergoes: bool,
    /// True for events that recur in one story (court hearings): two dates of such events
    /// are two sittings, not a contradiction.
    #[serde(default)]
    pub recurring: bool,
    /// True for a victim's death ("died", "pronounced dead"): a story that names no
    /// incident is about the death it reports.
    #[serde(default)]
    pub victim_death: bool,
    /// Words that, right after a verb trigger, make it another sense of the word: "shares
    /// closed down 6.4%" is a price, not a closure.
    #[serde(default)]
    pub other_sense_after: WordSet,
    /// Words that do the same when a figure follows them: "closed down 6.4%" is a price,
    /// "closed down in 2019" a closure.
    #[serde(default)]
    pub other_sense_before_figure: WordSet,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Events {
    #[serde(rename = "event")]
    pub types: Vec<EventType>,
    /// Nouns that make a trigger noun before them a modifier ("fire department").
    pub compound_heads: WordSet,
    /// Words shortly before a trigger or value that point at another incident ("another
    /// child was shot", "an earlier shooting").
    pub other_incident_markers: WordSet,
    /// Phrases shortly before a trigger that make its incident one of a series told
    /// together ("the most recent killing occurred Sunday"), perhaps not the story's.
    #[serde(default)]
    pub series_member_phrases: Vec<String>,
    /// Words after an event's serial number naming its series ("the 40th homicide *of the
    /// year*"): events of one series with different numbers are two events.
    pub series_scope_words: WordSet,
    /// Words of what follows an incident (court, autopsy, funeral): a date in a sentence
    /// naming one, and no event, is not the incident's.
    pub aftermath_words: WordSet,
    /// Verbs of reacting to an incident (mourned, gathered): a sentence they lead, before
    /// any event is named, dates the reaction, not the incident.
    pub reaction_words: WordSet,
    /// Words of a roundup ("in 24-hour span", "separate"): a sentence with one tells of
    /// several incidents.
    pub series_words: WordSet,
    /// Words that open a noun phrase: after one of these, "raid" or "arrest" is a noun.
    pub noun_openers: WordSet,
    /// Prepositions that end a noun phrase after a trigger ("the raid on", "the arrest of").
    pub noun_phrase_ends: WordSet,
}

impl Events {
    /// True when `family` holds an incident type (a crash, a shooting): the kind of event a
    /// story is usually about, once. "incident" is the family of a bare toll.
    /// True when the event type recurs within a story (`recurring` types).
    pub fn is_recurring(&self, kind: &str) -> bool {
        self.types.iter().any(|t| t.recurring && t.name == kind)
    }

    /// True for a family of victims' deaths (`victim_death` types).
    pub fn is_death_family(&self, family: &str) -> bool {
        self.types
            .iter()
            .any(|t| t.victim_death && t.family.as_deref().unwrap_or(&t.name) == family)
    }

    pub fn is_incident_family(&self, family: &str) -> bool {
        family == UNTYPED_INCIDENT
            || self
                .types
                .iter()
                .any(|t| t.incident && t.family.as_deref().unwrap_or(&t.name) == family)
    }
}

/// A counted role: the attribute a number gets from the words around it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Attribute name: "killed", "injured", "detained", "passengers".
    pub attribute: String,
    /// Participles/verbs that give a preceding number this role ("38 were killed").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Nouns that make a number this role ("38 deaths", "the deaths of 38", "a toll of 38").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Verbs that give this role only to a number after them ("shot at twelve people";
    /// "four shot at a bar" are victims).
    #[serde(default)]
    pub objects: Vec<String>,
    /// Counted nouns that are this role by themselves ("67 passengers").
    #[serde(default)]
    pub counted: Vec<String>,
    /// The event a claim of this role belongs to when the sentence names none.
    #[serde(default)]
    pub default_event: Option<String>,
    /// Cue verbs that never take an object ("died", "dead"): the word before is the subject.
    #[serde(default)]
    pub intransitive: Vec<String>,
    /// Phrases that imply at least one of this role ("a fatal shooting", "the death of").
    #[serde(default)]
    pub implies_one: Vec<String>,
    /// Incident nouns a multiplier turns into a count of this role ("double homicide").
    #[serde(default)]
    pub multiplied: Vec<String>,
    /// Adverbs that give a count this role in a clause left elliptic after a total: "four
    /// people were shot, three fatally".
    #[serde(default)]
    pub elliptic: Vec<String>,
    /// True for a count that falls as reports come in (the missing, as they are found): a
    /// later, lower figure is an update.
    #[serde(default)]
    pub shrinks: bool,
    /// True for a count fixed once it is known (the jobs a company cuts, the passengers
    /// aboard): a later, different figure is an update only when a cue says so.
    #[serde(default)]
    pub fixed: bool,
    /// Words shortly before a count that make it a capacity, not a count of an event: "can
    /// carry 290 passengers", "holds between 210 and 250 passengers".
    #[serde(default)]
    pub capacity_cues: Vec<String>,
    /// `capacity_cues` indexed for matching at a token.
    #[serde(skip)]
    pub capacity_set: PhraseSet,
    /// `verbs` indexed for matching at a token.
    #[serde(skip)]
    pub verb_set: PhraseSet,
    /// `implies_one` indexed for matching at a token.
    #[serde(skip)]
    pub implies_one_set: PhraseSet,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    #[serde(rename = "role")]
    pub roles: Vec<Role>,
    /// Nouns that count people and take their role from a verb ("people", "men").
    /// Person nouns that name no kind of person ("people", "victims"): a count of any
    /// other ("three teens", "two officers") may be a part of the victims.
    pub generic_person_nouns: WordSet,
    pub person_nouns: WordSet,
    /// Endings that make a word name a person by age ("a 9-year-old", "the 16-year-old").
    #[serde(default)]
    pub person_suffixes: Vec<String>,
    /// Those of them that give an age in years ("-year-old").
    #[serde(default)]
    pub year_age_suffixes: Vec<String>,
    /// States of a wounded victim that may yet end in death ("in critical condition").
    pub unresolved_states: Vec<String>,
    /// Degree words that make a count part of a total ("two were critically injured").
    pub subset_qualifiers: WordSet,
    /// Singular personal pronouns that can be the subject of a casualty verb ("he died").
    pub singular_pronouns: WordSet,
    /// Reflexive pronouns: "shot himself" has one victim, the subject.
    pub reflexive_pronouns: WordSet,
    /// Scope phrases that count the attacker in ("including the gunman").
    #[serde(default)]
    pub attacker_included: Vec<String>,
    /// Scope phrases that leave some victims out ("at the scene", "not including").
    #[serde(default)]
    pub part_scope_phrases: Vec<String>,
    /// Scope phrases that widen a count past its role ("with gunshot wounds and other
    /// injuries"), so it may count more than another.
    #[serde(default)]
    pub whole_scope_phrases: Vec<String>,
    /// Phrases that say whom a count includes, so two counts may differ by scope.
    pub scope_phrases: Vec<String>,
    /// Words near a count that make it a part of the victims ("also", "others").
    pub partial_markers: WordSet,
    /// Partial markers that only contrast a count with another role's earlier in the
    /// sentence ("two killed and three others wounded").
    pub contrast_markers: WordSet,
    /// Words that multiply a role's incident noun into a count ("triple" homicide: 3).
    #[serde(default)]
    pub multipliers: BTreeMap<String, u32>,
    /// Roles that are what is left of a total once its other parts are taken away.
    #[serde(default, rename = "remainder")]
    pub remainders: Vec<Remainder>,
}

/// A role stated as the rest of a total: the wounded are those shot less those killed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remainder {
    /// The role derived ("injured").
    pub attribute: String,
    /// The role counting everyone ("shot").
    pub total: String,
    /// The roles taken away from the total ("killed"); a role the article never states
    /// counts as none.
    pub minus: Vec<String>,
}

impl Roles {
    /// The casualty roles: those a remainder relates, the derived and the taken away
    /// ("injured", "killed"), not the total.
    pub fn casualties(&self) -> impl Iterator<Item = &str> {
        self.remainders
            .iter()
            .flat_map(|r| std::iter::once(&r.attribute).chain(&r.minus))
            .map(String::as_str)
    }

    /// True for a role that counts victims: a casualty role or the total ("shot").
    pub fn counts_victims(&self, attribute: &str) -> bool {
        self.casualties().any(|a| a == attribute)
            || self.remainders.iter().any(|r| r.total == attribute)
    }
}

/// Attribution cues: who holds a claim.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// Reporting verbs ("said", "told", "claimed"), as written in text.
    pub verbs: WordSet,
    /// Multi-word cues introducing a holder ("according to").
    pub phrases: Vec<String>,
    /// Reporting verbs that also mark the content as contested ("claimed", "alleged").
    pub contested: WordSet,
    /// Words before a reporting word that make it a noun naming no holder ("the claims").
    pub noun_markers: WordSet,
    /// Conjunctions that open a new clause after a comma (", while", ", but").
    pub clause_conjunctions: WordSet,
    /// Determiners kept with a common-noun holder ("the hospital said").
    pub holder_determiners: WordSet,
    /// Reporting verbs that, before one of `participle_followers`, are a participle naming
    /// a suspect, not a report: "the man accused of killing three", "accused in the shooting".
    #[serde(default)]
    pub participles: WordSet,
    #[serde(default)]
    pub participle_followers: WordSet,
    /// Phrases that open with a reporting verb and report nothing: "claimed the lives of",
    /// "posted bail", "declared dead".
    #[serde(default)]
    pub non_reporting: Vec<String>,
    /// `non_reporting` indexed for matching at a token.
    #[serde(skip)]
    pub non_reporting_set: PhraseSet,
    /// Phrases of `phrases` that name the medium of a report, not its holder ("said in a
    /// statement"): beside a reporting verb they add nothing; alone, the holder is before.
    #[serde(default)]
    pub medium_phrases: Vec<String>,
    /// `medium_phrases` indexed for matching at a token.
    #[serde(skip)]
    pub medium_set: PhraseSet,
    /// The holder of a passive report naming no one ("it was reported").
    pub passive_holder: String,
    /// Subjects of such a report ("it").
    pub impersonal_subjects: WordSet,
}

/// Words that change a claim's modality.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modality {
    pub hedges: WordSet,
    pub hedge_phrases: Vec<String>,
    pub negations: WordSet,
    /// Words that make a fixed phrase of a negation right before them ("not guilty").
    #[serde(default)]
    pub negation_phrase_heads: WordSet,
    /// Cues that a figure is an update of an earlier one ("rose to", "earlier reports").
    pub update_phrases: Vec<String>,
    /// Update phrases that mark the figure after them as the earlier one ("earlier reports
    /// said two had died"); before "four, not five as first reported" they mark the other.
    #[serde(default)]
    pub earlier_figure_phrases: Vec<String>,
    /// Update phrases that say the figure went up ("rose to").
    pub rise_phrases: Vec<String>,
}

/// Function words the claim builder reads sentence structure with (`grammar.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// Forms of "be" that make a following participle passive.
    pub be_forms: WordSet,
    /// The finite forms among them, which open a predicate.
    pub finite_be_forms: WordSet,
    /// Prepositions after which a date is not an event's ("since 2022").
    pub non_event_date_prepositions: WordSet,
    /// Words that open a clause the date before them is the time of ("in 2019, when ...").
    pub temporal_relativizers: WordSet,
    /// Words before such a preposition that make the date an event's approximate time
    /// ("just before 6 p.m. Friday").
    pub approximators: WordSet,
    /// Words of a date near midnight ("late Saturday night", "early Sunday", "11:40 p.m."),
    /// where one night is two days.
    pub day_boundary_words: WordSet,
    /// Words between a date and a later event that set the event at another time.
    pub date_barriers: WordSet,
    /// Verbs that move a figure ("the toll rose to 40").
    pub update_verbs: WordSet,
    /// Words a count passes over forward to its role verb.
    pub count_skip_forward: WordSet,
    /// Words that open an aside set off by commas between a count and its verb ("Four
    /// people, including a 13-year-old girl, were injured").
    pub aside_openers: WordSet,
    /// Verbs of an attempt or a threat before "to" and a casualty verb ("accused of trying
    /// to kill 2 officers"): nobody died.
    pub attempt_verbs: WordSet,
    /// Prepositions of a short phrase placing counted people before their verb ("Five
    /// people at the party were shot").
    pub placing_prepositions: WordSet,
    /// Words a role cue passes over backward to the subject that names one victim ("a
    /// fourth victim is still being treated").
    pub subject_skip_backward: WordSet,
    /// Words a count passes over backward to its role cue.
    pub count_skip_backward: WordSet,
    /// Words after a bare count that make it a count of something other than people
    /// ("shot seven times").
    pub counts_not_people: WordSet,
    /// Words that open a clause, not a noun phrase.
    pub subordinators: WordSet,
    pub prepositions: WordSet,
    /// Determiners and possessives that open a noun phrase.
    pub determiners: WordSet,
    /// Words between a subject and its verb.
    pub adverbials: WordSet,
    /// Words that may come before a date opening a sentence ("just last year").
    pub date_focus_words: WordSet,
    /// Openers of a phrase naming one person.
    pub singular_openers: WordSet,
    /// The indefinite singular openers, which open a subject.
    pub indefinite_openers: WordSet,
    /// Words that open a relative clause after a subject ("who", "that").
    pub relativizers: WordSet,
    /// Words before a number that make it an age ("aged 19").
    pub age_words: WordSet,
    /// Plural nouns without a final "s" ("men", "children").
    pub irregular_plurals: WordSet,
    /// Definite openers, which open a subject naming one person before a person noun.
    pub definite_openers: WordSet,
    /// Past participles without "-ed" that take an object ("shot a man").
    pub irregular_participles: WordSet,
    /// Subjects that make a count zero, tried in order.
    pub zero_subjects: Vec<String>,
    /// Phrases before a date that make it the date of a state ("as of Monday").
    pub status_date_phrases: Vec<String>,
    /// Words that end the phrase naming a charge.
    pub charge_phrase_ends: WordSet,
    /// Charges ending in -ing.
    pub charges_in_ing: WordSet,
}

/// Cues that a line is page furniture, not article text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boilerplate {
    /// Whole lines (lowercased, trimmed) that are navigation or furniture.
    pub lines: WordSet,
    /// Line prefixes that mark captions, credits and furniture.
    pub prefixes: Vec<String>,
    /// Lines after which the rest of the text is comments or related links.
    pub tail_markers: WordSet,
    /// Words that open a dateline sentence: its dates are the text's, not the event's.
    pub dateline_words: WordSet,
    /// Keys of the "Key: value" lines at the top of a scraped article, by field
    /// (see [`crate::masthead`]).
    pub header_fields: HeaderFields,
    /// Length in bytes of the longest tail marker and navigation line.
    #[serde(skip)]
    pub longest_tail_marker: usize,
    #[serde(skip)]
    pub longest_line: usize,
}

/// The metadata fields an article's first lines may name, each with its keys (lowercase).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderFields {
    pub title: Vec<String>,
    pub outlet: Vec<String>,
    pub author: Vec<String>,
    pub published: Vec<String>,
    pub updated: Vec<String>,
    pub url: Vec<String>,
}

/// The shared sections of the built-in lexicon, the vocabulary of every word the lexicon
/// names, and the recognizers' compiled tables.
pub struct Lexicon {
    pub entities: Entities,
    pub events: Events,
    pub roles: Roles,
    pub attribution: Attribution,
    pub modality: Modality,
    pub boilerplate: Boilerplate,
    pub grammar: Grammar,
    pub vocab: Vocab,
    pub(crate) dates: crate::recognize::dates::Compiled,
    pub(crate) quantities: crate::recognize::quantities::Tables,
    pub(crate) triggers: crate::recognize::events::TriggerTable,
    pub(crate) numbers: crate::recognize::numbers::NumberWords,
    /// `attribution.phrases` indexed for matching.
    pub attribution_phrases: PhraseSet,
    /// `modality.hedge_phrases` indexed for matching.
    pub hedge_phrases: PhraseSet,
    /// Every word that can start an attribution cue (a phrase or a reporting verb).
    pub attribution_starts: WordClass,
    /// Every word that can start a modal cue (a hedge phrase, a hedge, a negation): one bit
    /// test passes over the other words.
    pub modal_starts: WordClass,
}

/// The built-in lexicon, parsed and compiled once.
pub fn get() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut vocab = Vocab::default();
        let mut entities: Entities =
            parse_embedded("entities.toml", include_str!("lexicon/entities.toml"));
        let mut events: Events = parse_embedded("events.toml", include_str!("lexicon/events.toml"));
        let mut roles: Roles = parse_embedded("roles.toml", include_str!("lexicon/roles.toml"));
        let mut attribution: Attribution =
            parse_embedded("attribution.toml", include_str!("lexicon/attribution.toml"));
        let mut modality: Modality =
            parse_embedded("modality.toml", include_str!("lexicon/modality.toml"));
        let mut boilerplate: Boilerplate =
            parse_embedded("boilerplate.toml", include_str!("lexicon/boilerplate.toml"));
        let mut grammar: Grammar =
            parse_embedded("grammar.toml", include_str!("lexicon/grammar.toml"));
        boilerplate.longest_tail_marker = boilerplate.tail_markers.longest();
        boilerplate.longest_line = boilerplate.lines.longest();
        for t in &mut events.types {
            t.other_sense_after.index(&mut vocab);
            t.other_sense_before_figure.index(&mut vocab);
        }
        for set in [
            &mut entities.distinguishing,
            &mut entities.function_words,
            &mut entities.not_names,
            &mut entities.organization_heads,
            &mut entities.group_nouns,
            &mut entities.stopwords,
            &mut entities.place_prepositions,
            &mut entities.abbreviations,
            &mut entities.numeric_abbreviations,
            &mut events.compound_heads,
            &mut entities.name_connectors,
            &mut events.noun_openers,
            &mut events.noun_phrase_ends,
            &mut events.other_incident_markers,
            &mut events.aftermath_words,
            &mut events.reaction_words,
            &mut events.series_words,
            &mut events.series_scope_words,
            &mut roles.partial_markers,
            &mut roles.contrast_markers,
            &mut roles.person_nouns,
            &mut roles.generic_person_nouns,
            &mut roles.subset_qualifiers,
            &mut roles.singular_pronouns,
            &mut roles.reflexive_pronouns,
            &mut attribution.verbs,
            &mut attribution.contested,
            &mut attribution.noun_markers,
            &mut attribution.clause_conjunctions,
            &mut attribution.holder_determiners,
            &mut attribution.participles,
            &mut attribution.impersonal_subjects,
            &mut attribution.participle_followers,
            &mut modality.hedges,
            &mut modality.negations,
            &mut modality.negation_phrase_heads,
            &mut boilerplate.dateline_words,
            &mut grammar.be_forms,
            &mut grammar.finite_be_forms,
            &mut grammar.non_event_date_prepositions,
            &mut grammar.temporal_relativizers,
            &mut grammar.approximators,
            &mut grammar.day_boundary_words,
            &mut grammar.date_barriers,
            &mut grammar.update_verbs,
            &mut grammar.count_skip_forward,
            &mut grammar.aside_openers,
            &mut grammar.attempt_verbs,
            &mut grammar.placing_prepositions,
            &mut grammar.count_skip_backward,
            &mut grammar.subject_skip_backward,
            &mut grammar.counts_not_people,
            &mut grammar.subordinators,
            &mut grammar.prepositions,
            &mut grammar.determiners,
            &mut grammar.adverbials,
            &mut grammar.date_focus_words,
            &mut grammar.singular_openers,
            &mut grammar.indefinite_openers,
            &mut grammar.definite_openers,
            &mut grammar.irregular_plurals,
            &mut grammar.age_words,
            &mut grammar.relativizers,
            &mut grammar.irregular_participles,
            &mut grammar.charge_phrase_ends,
            &mut grammar.charges_in_ing,
        ] {
            set.index(&mut vocab);
        }
        for t in entities.titles.iter().flat_map(|(k, v)| [k, v]) {
            entities.title_class.insert(vocab.intern(t));
        }
        for r in &mut roles.roles {
            r.verb_set = PhraseSet::new(&r.verbs, &mut vocab);
            r.implies_one_set = PhraseSet::new(&r.implies_one, &mut vocab);
            r.capacity_set = PhraseSet::new(&r.capacity_cues, &mut vocab);
        }
        let attribution_phrases = PhraseSet::new(&attribution.phrases, &mut vocab);
        attribution.non_reporting_set = PhraseSet::new(&attribution.non_reporting, &mut vocab);
        attribution.medium_set = PhraseSet::new(&attribution.medium_phrases, &mut vocab);
        let hedge_phrases = PhraseSet::new(&modality.hedge_phrases, &mut vocab);
        let mut attribution_starts = attribution_phrases.firsts.clone();
        attribution_starts.union_with(&attribution.verbs.class);
        let mut modal_starts = hedge_phrases.firsts.clone();
        modal_starts.union_with(&modality.hedges.class);
        modal_starts.union_with(&modality.negations.class);
        let triggers = crate::recognize::events::TriggerTable::new(&events, &mut vocab);
        let numbers = crate::recognize::numbers::NumberWords::new(&mut vocab);
        let quantities = crate::recognize::quantities::Tables::new(&roles, &mut vocab);
        let dates = crate::recognize::dates::Compiled::new(&mut vocab);
        Lexicon {
            entities,
            events,
            roles,
            attribution,
            modality,
            boilerplate,
            grammar,
            vocab,
            dates,
            quantities,
            triggers,
            numbers,
            attribution_phrases,
            hedge_phrases,
            attribution_starts,
            modal_starts,
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_lexicon_parses() {
        let lex = super::get();
        assert!(lex.events.types.iter().any(|e| e.name == "raid"));
        assert!(lex.entities.titles.contains_key("gov"));
    }

    #[test]
    fn packing_sixteen_bytes_at_once_agrees_with_the_byte_loop() {
        let text = "Police SAID it: Zürich’s @[`{ AZaz09 mid-MARCH 1,234 \u{80}\u{7ff} end of text";
        let bytes = text.as_bytes();
        for at in 0..bytes.len() {
            for len in 1..=super::SHORT_WORD {
                let (Some(word), Some(chunk)) = (bytes.get(at..at + len), bytes.get(at..at + 16))
                else {
                    continue;
                };
                let chunk: &[u8; 16] = chunk.try_into().unwrap();
                assert_eq!(
                    super::pack_chunk(chunk, len),
                    super::pack(word),
                    "{at} {len}"
                );
            }
        }
    }

    #[test]
    fn tokens_carry_the_ids_of_lexicon_words() {
        let lex = super::get();
        let toks = crate::token::tokenize("Police SAID it", 0);
        assert!(lex.attribution.verbs.has(&toks[1]));
        assert!(!lex.attribution.verbs.has(&toks[2]));
        assert_eq!(toks[0].word, lex.vocab.get("police"));
    }
}

/// Multi-word phrases indexed by their first word, matched by comparing token ids.
#[derive(Debug, Default)]
pub struct PhraseSet {
    /// First word -> the phrases starting with it, as ids, longest first.
    by_first: WordMap<WordId, Vec<Vec<WordId>>>,
    /// The first words, tested before the map: most tokens start no phrase.
    firsts: WordClass,
}

impl PhraseSet {
    /// Phrases split at white space; their words are interned in `vocab`.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a String>, vocab: &mut Vocab) -> PhraseSet {
        let mut set = PhraseSet::default();
        for p in phrases {
            let words: Vec<WordId> = p.split_whitespace().map(|w| vocab.intern(w)).collect();
            if let Some(first) = words.first().copied() {
                set.firsts.insert(first);
                set.by_first.entry(first).or_default().push(words);
            }
        }
        for list in set.by_first.values_mut() {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        set
    }

    /// True when some phrase starts with the token's word.
    pub fn starts(&self, tok: &Token) -> bool {
        self.firsts.has(tok)
    }

    /// The number of tokens of the longest phrase starting at `tokens[k]`.
    ///
    /// Inlined: recognizers ask at every token, and the first word's bit test rejects most.
    #[inline]
    pub fn longest_at(&self, tokens: &[Token], k: usize) -> Option<usize> {
        let first = tokens.get(k).filter(|t| self.firsts.has(t))?.word?;
        self.longest_from(tokens, k, first)
    }

    /// [`PhraseSet::longest_at`] once the first word is known to start a phrase.
    fn longest_from(&self, tokens: &[Token], k: usize, first: WordId) -> Option<usize> {
        self.by_first.get(&first)?.iter().find_map(|words| {
            words
                .iter()
                .enumerate()
                .skip(1)
                .all(|(m, w)| tokens.get(k + m).is_some_and(|t| t.word == Some(*w)))
                .then_some(words.len())
        })
    }
}

/// True when `set` holds the lowercase form of `word`, without allocating.
pub fn contains_lower(set: &WordSet, word: &str) -> bool {
    set.class.contains(get().vocab.get(word))
}
