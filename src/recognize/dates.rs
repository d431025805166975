//! Temporal expressions (TimeML TIMEX3): dates, times, durations and sets.
//!
//! Conflicting sources disagree about *when* as often as about *how many*, so every date
//! must become a comparable value: "June 27", "last Friday" and "two days later" are resolved
//! against the publication date or the last date of the discourse, and the rule and anchor
//! used are kept so that a reader can check the resolution. The vocabulary (month names,
//! relative words, units, holidays, the function words of the grammar, tense cues) is data in
//! `src/lexicon/dates.toml`; this module holds only the grammar of date expressions and the
//! calendar reasoning.
//!
//! How it reads a sentence: every word is looked up once in the compiled lexicon (no
//! allocation); at each token the matchers that can start there run and the longest match
//! wins, possibly after a leading "the" and a position word ("the early 1990s", "the end of").
//!
//! How it resolves (news conventions, TimeML values):
//! - Year-less dates take the year that puts them nearest the publication date, with a past
//!   bias (a later reading must be `FUTURE_PENALTY` times nearer), forced to the past or the
//!   future by tense cues in the same clause ("will", "was", "-ed", "had been due").
//! - Bare weekdays are the most recent one on or before the publication date, or the next
//!   one on or after it in a future clause.
//! - "the next day", "two days later", "that week" count from the last date resolved in the
//!   discourse (kept across sentences) when it is fine enough, else from the publication date;
//!   "ago" always counts from the publication date. Comparisons ("a year ago" in results news)
//!   do not move the discourse date.
//! - Without a publication date nothing is guessed: "June 27" is year-less, "yesterday" is an
//!   unplaced `XXXX-XX-XX`, "Friday" `XXXX-WXX-5`.

use crate::calendar::{days_in_month, CivilDate};
use crate::lexicon::{parse_embedded, Vocab, WordClass, WordId};
use crate::recognize::numbers::{
    may_start_number, ordinal_value, parse_number, token_ordinal_value, token_word_value,
    word_value, Written,
};
use crate::token::{tokenize, Token, TokenKind};
use crate::value::date::push_digits;
use crate::value::{DateMod, DateSpan, DateValue, Granularity};
use serde::Deserialize;
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

/// TIMEX3 types.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_timeml(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One temporal expression found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct TimexMention {
    /// Absolute byte offsets into the source file.
    pub start: usize,
    pub end: usize,
    /// Token index range [first, last+1) within the slice given to `recognize`.
    pub tokens: (usize, usize),
    pub timex_type: TimexType,
    /// TimeML value: "2025-06-30", "2024-12", "199" (the 1990s), "P3Y", "PAST_REF", "2025-06-27T18:00".
    pub value: String,
    pub modifier: Option<DateMod>,
    /// For DATE expressions: the comparable date (interval or year-less); None otherwise.
    pub date: Option<DateValue>,
    /// What a relative expression was resolved against ("published 2025-07-07", "previous date 2025-06-27").
    pub anchor: Option<String>,
    /// Name of the rule that recognized and resolved it.
    pub rule: &'static str,
}

// ---------------------------------------------------------------------------------------------
// Lexicon

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OffsetDef {
    sign: i64,
    from: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitDef {
    code: char,
    #[serde(default)]
    factor: Option<u32>,
    #[serde(default)]
    clock: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayDef {
    #[serde(default)]
    month: u8,
    /// Days from Easter Sunday, for the movable feasts ("good friday" = -2).
    #[serde(default)]
    easter: Option<i64>,
    #[serde(default)]
    day: Option<u8>,
    #[serde(default)]
    weekday: Option<u8>,
    #[serde(default)]
    nth: Option<i8>,
}

/// Function words and word shapes the grammar of date expressions is built from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Grammar {
    definite: Vec<String>,
    indefinite: Vec<String>,
    partitive: Vec<String>,
    possessive: Vec<String>,
    day_prepositions: Vec<String>,
    weekend: Vec<String>,
    thousand: Vec<String>,
    rate_counters: Vec<String>,
    event_offsets: Vec<String>,
    current: Vec<String>,
    past: Vec<String>,
    duration_suffixes: Vec<String>,
    conjunctive_references: Vec<String>,
    last_part: Vec<String>,
    teen_suffix: String,
    past_suffix: String,
    not_past_endings: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesLexicon {
    grammar: Grammar,
    months: BTreeMap<String, u8>,
    month_abbreviations: BTreeMap<String, u8>,
    ambiguous_months: Vec<String>,
    weekdays: BTreeMap<String, u8>,
    weekday_abbreviations: Vec<String>,
    name_followers: Vec<String>,
    seasons: BTreeMap<String, String>,
    parts_of_day: BTreeMap<String, String>,
    today_parts: BTreeMap<String, String>,
    clock_words: BTreeMap<String, String>,
    meridiem: BTreeMap<String, u8>,
    time_zones: Vec<String>,
    utc_zones: Vec<String>,
    ambiguous_units: Vec<String>,
    address_words: Vec<String>,
    address_prepositions: Vec<String>,
    clause_boundaries: Vec<String>,
    relative_days: BTreeMap<String, i64>,
    directions: BTreeMap<String, i64>,
    discourse_directions: BTreeMap<String, i64>,
    discourse_demonstratives: Vec<String>,
    offsets: BTreeMap<String, OffsetDef>,
    positions: BTreeMap<String, String>,
    position_phrases: BTreeMap<String, String>,
    units: BTreeMap<String, UnitDef>,
    vague_amounts: Vec<String>,
    duration_lead: Vec<String>,
    duration_prepositions: Vec<String>,
    not_duration_suffixes: Vec<String>,
    references: BTreeMap<String, String>,
    decade_words: BTreeMap<String, u8>,
    year_parts: BTreeMap<String, String>,
    fiscal: Vec<String>,
    year_prepositions: Vec<String>,
    year_determiners: Vec<String>,
    amount_symbols: Vec<String>,
    amount_prefixes: Vec<String>,
    future_cues: Vec<String>,
    future_before_infinitive: Vec<String>,
    past_cues: Vec<String>,
    past_auxiliaries: Vec<String>,
    set_words: Vec<String>,
    rate_words: Vec<String>,
    set_adverbs: BTreeMap<String, String>,
    adjective_markers: Vec<String>,
    not_plural_nouns: Vec<String>,
    season_prepositions: Vec<String>,
    period_qualifiers: Vec<String>,
    period_end_words: Vec<String>,
    period_nouns: Vec<String>,
    range_openers: BTreeMap<String, Vec<String>>,
    range_connectors: Vec<String>,
    holiday_occasions: Vec<String>,
    amount_words: BTreeMap<String, f64>,
    holidays: BTreeMap<String, HolidayDef>,
}

/// A unit of time as TimeML writes it in durations.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Unit {
    code: char,
    factor: u32,
    clock: bool,
}

#[derive(Clone, Copy, Debug)]
enum Holiday {
    Fixed { month: u8, day: u8 },
    NthWeekday { month: u8, weekday: u8, nth: i8 },
    FromEaster { days: i64 },
}

#[derive(Clone, Debug)]
enum PhraseKind {
    Reference(&'static str),
    Position(DateMod),
    Holiday(Holiday),
}

/// A multi-word lexicon entry, as the ids of its tokens.
#[derive(Clone, Debug)]
struct Phrase {
    words: Vec<WordId>,
    kind: PhraseKind,
}

/// Everything the lexicon says about one lowercase word.
#[derive(Debug, Default)]
struct Word {
    month: Option<u8>,
    month_abbr: bool,
    ambiguous_month: bool,
    weekday: Option<u8>,
    weekday_abbr: bool,
    name_follower: bool,
    season: Option<&'static str>,
    part_of_day: Option<&'static str>,
    today_part: Option<&'static str>,
    clock: Option<(u8, u8)>,
    meridiem: Option<u8>,
    time_zone: bool,
    utc: bool,
    ambiguous_unit: bool,
    address: bool,
    address_prep: bool,
    clause_boundary: bool,
    relative_day: Option<i64>,
    direction: Option<i64>,
    discourse_direction: Option<i64>,
    demonstrative: bool,
    /// (sign, counts from the discourse rather than the publication date)
    offset: Option<(i64, bool)>,
    position: Option<DateMod>,
    unit: Option<Unit>,
    unit_plural: bool,
    vague: bool,
    duration_lead: bool,
    duration_prep: bool,
    decade_word: Option<u8>,
    year_part: Option<char>,
    fiscal: bool,
    year_prep: bool,
    year_det: bool,
    future: bool,
    /// A future cue only before "to" and a verb ("going to close", not "going to the store").
    future_before_infinitive: bool,
    past: bool,
    past_auxiliary: bool,
    set_word: bool,
    rate: bool,
    set_adverb: Option<&'static str>,
    /// Words before a frequency adjective that make it modify a noun ("average daily").
    set_context: bool,
    /// Words ending in "s" that are not plural nouns ("was", "has").
    not_plural: bool,
    /// "period" in "the latest period", "the year-ago period".
    period_noun: bool,
    /// Words before a bare season: "in summer", "the fall".
    season_prep: bool,
    /// Qualifiers in "the latest quarter", "the fiscal year".
    period_qualifier: bool,
    /// "ended", "ending": "the year ended Sept. 30" is a span of a year.
    period_end: bool,
    /// Number words like "couple" (2).
    amount_word: Option<f64>,
    /// Function-word roles from the `[grammar]` table.
    definite: bool,
    indefinite: bool,
    partitive: bool,
    possessive: bool,
    day_prep: bool,
    weekend: bool,
    thousand: bool,
    rate_counter: bool,
    event_offset: bool,
    current: bool,
    past_word: bool,
    duration_suffix: bool,
    conjunctive: bool,
    /// "final" in "the final quarter".
    last_part: bool,
    /// "old" in "52 years old": an age, not a duration.
    age: bool,
    /// "party" in "a Halloween party": an occasion named after a holiday.
    holiday_occasion: bool,
    /// A number word ("one") or an ordinal ("second") as well.
    number: bool,
    ordinal: bool,
    /// Phrases (references, holidays, position phrases) starting with this word, longest first.
    phrases: Vec<Phrase>,
    /// The second words of those phrases (with "’s" wherever "'s" is one), so that most
    /// tokens are rejected with one bit test before any phrase is compared.
    phrase_seconds: WordClass,
    /// True when one of the phrases is this word alone.
    one_word_phrase: bool,
    /// Some matcher of [`Scan::at`] or [`Scan::core`] can start at this word; false for the
    /// function words of the grammar ("in", "was"), which only qualify expressions.
    starts: bool,
}

impl Word {
    /// The roles that let an expression start at this word: one per matcher `Scan::core`
    /// dispatches on, plus the prefixes `Scan::at` reads (a definite article, a position
    /// word, a discourse offset). Keep in step with those two functions.
    fn can_start(&self) -> bool {
        self.month.is_some()
            || self.weekday.is_some()
            || self.relative_day.is_some()
            || self.today_part.is_some()
            || self.discourse_direction.is_some()
            || self.demonstrative
            || self.direction.is_some()
            || self.season.is_some()
            || self.decade_word.is_some()
            || self.fiscal
            || self.last_part
            || self.unit.is_some()
            || self.vague
            || self.duration_lead
            || self.set_word
            || self.set_adverb.is_some()
            || self.rate
            || !self.phrases.is_empty()
            || self.year_det
            || self.clock.is_some()
            || self.number
            || self.ordinal
            || self.indefinite
            || self.definite
            || self.position.is_some()
            || self.offset.is_some()
    }
}

use crate::hash::FnvHasher as Fnv;

type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// Sets one function-word role on a lexicon entry.
type SetFlag = fn(&mut Word);

const NO_ENTRY: u32 = u32::MAX;

pub(crate) struct Compiled {
    /// Word id -> position in `entries`, or `NO_ENTRY`.
    index: Vec<u32>,
    entries: Vec<Word>,
    /// "'s" and "’s", which phrases treat as one word ("new year's").
    possessive: WordId,
    curly_possessive: WordId,
    grammar: Grammar,
    not_duration_suffixes: Vec<String>,
    amount_symbols: Vec<String>,
    amount_prefixes: Vec<String>,
    range_openers: BTreeMap<String, Vec<String>>,
    range_connectors: Vec<String>,
}

fn leak(s: &str) -> &'static str {
    // The lexicon is built once per process; its strings live as long as the program.
    Box::leak(s.to_string().into_boxed_str())
}

fn parse_mod(s: &str) -> DateMod {
    match s {
        "START" => DateMod::Start,
        "MID" => DateMod::Mid,
        "END" => DateMod::End,
        "BEFORE" => DateMod::Before,
        "AFTER" => DateMod::After,
        _ => DateMod::Approx,
    }
}

impl Compiled {
    /// Compiles `dates.toml`, interning every word in `vocab`.
    pub(crate) fn new(vocab: &mut Vocab) -> Compiled {
        let lex: DatesLexicon = parse_embedded("dates.toml", include_str!("../lexicon/dates.toml"));
        let mut words: HashMap<String, Word, FnvBuild> = HashMap::default();
        for (k, v) in &lex.months {
            entry(&mut words, k).month = Some(*v);
        }
        for (k, v) in &lex.month_abbreviations {
            let e = entry(&mut words, k);
            e.month = Some(*v);
            e.month_abbr = true;
        }
        for k in &lex.ambiguous_months {
            entry(&mut words, k).ambiguous_month = true;
        }
        for (k, v) in &lex.weekdays {
            entry(&mut words, k).weekday = Some(*v);
        }
        for k in &lex.weekday_abbreviations {
            entry(&mut words, k).weekday_abbr = true;
        }
        for k in &lex.name_followers {
            entry(&mut words, k).name_follower = true;
        }
        for (k, v) in &lex.seasons {
            entry(&mut words, k).season = Some(leak(v));
        }
        for (k, v) in &lex.parts_of_day {
            entry(&mut words, k).part_of_day = Some(leak(v));
        }
        for (k, v) in &lex.today_parts {
            entry(&mut words, k).today_part = Some(leak(v));
        }
        for (k, v) in &lex.clock_words {
            let (h, m) = v.split_once(':').unwrap_or((v, "0"));
            if let (Ok(h), Ok(m)) = (h.parse(), m.parse()) {
                entry(&mut words, k).clock = Some((h, m));
            }
        }
        for (k, v) in &lex.meridiem {
            entry(&mut words, k).meridiem = Some(*v);
        }
        for k in &lex.time_zones {
            entry(&mut words, k).time_zone = true;
        }
        for k in &lex.utc_zones {
            let e = entry(&mut words, k);
            e.time_zone = true;
            e.utc = true;
        }
        for k in &lex.address_prepositions {
            entry(&mut words, k).address_prep = true;
        }
        for k in &lex.address_words {
            entry(&mut words, k).address = true;
        }
        for k in &lex.ambiguous_units {
            entry(&mut words, k).ambiguous_unit = true;
        }
        for k in &lex.clause_boundaries {
            entry(&mut words, k).clause_boundary = true;
        }
        for (k, v) in &lex.relative_days {
            entry(&mut words, k).relative_day = Some(*v);
        }
        for (k, v) in &lex.directions {
            entry(&mut words, k).direction = Some(*v);
        }
        for (k, v) in &lex.discourse_directions {
            entry(&mut words, k).discourse_direction = Some(*v);
        }
        for k in &lex.discourse_demonstratives {
            entry(&mut words, k).demonstrative = true;
        }
        for (k, v) in &lex.offsets {
            entry(&mut words, k).offset = Some((v.sign, v.from == "discourse"));
        }
        for (k, v) in &lex.positions {
            entry(&mut words, k).position = Some(parse_mod(v));
        }
        for (k, v) in &lex.units {
            let unit = Unit {
                code: v.code,
                factor: v.factor.unwrap_or(1),
                clock: v.clock,
            };
            entry(&mut words, k).unit = Some(unit);
            let plural = format!("{k}s");
            if !lex.units.contains_key(&plural) {
                let e = entry(&mut words, &plural);
                if e.unit.is_none() {
                    e.unit = Some(unit);
                    e.unit_plural = true;
                }
            }
        }
        if let Some(e) = words.get_mut("centuries") {
            e.unit_plural = true;
        }
        for k in &lex.vague_amounts {
            entry(&mut words, k).vague = true;
        }
        for k in &lex.duration_lead {
            entry(&mut words, k).duration_lead = true;
        }
        for k in &lex.duration_prepositions {
            entry(&mut words, k).duration_prep = true;
        }
        for (k, v) in &lex.decade_words {
            entry(&mut words, k).decade_word = Some(*v);
        }
        for (k, v) in &lex.year_parts {
            entry(&mut words, k).year_part = v.chars().next();
        }
        for k in &lex.fiscal {
            entry(&mut words, k).fiscal = true;
        }
        for k in &lex.year_prepositions {
            entry(&mut words, k).year_prep = true;
        }
        for k in &lex.year_determiners {
            entry(&mut words, k).year_det = true;
        }
        for k in &lex.future_cues {
            entry(&mut words, k).future = true;
        }
        for k in &lex.future_before_infinitive {
            entry(&mut words, k).future_before_infinitive = true;
        }
        for k in &lex.past_cues {
            entry(&mut words, k).past = true;
        }
        for k in &lex.past_auxiliaries {
            entry(&mut words, k).past_auxiliary = true;
        }
        for k in &lex.set_words {
            entry(&mut words, k).set_word = true;
        }
        for k in &lex.rate_words {
            entry(&mut words, k).rate = true;
        }
        for k in &lex.adjective_markers {
            entry(&mut words, k).set_context = true;
        }
        for k in &lex.not_plural_nouns {
            entry(&mut words, k).not_plural = true;
        }
        for k in &lex.season_prepositions {
            entry(&mut words, k).season_prep = true;
        }
        for k in &lex.period_qualifiers {
            entry(&mut words, k).period_qualifier = true;
        }
        for k in &lex.period_nouns {
            entry(&mut words, k).period_noun = true;
        }
        for k in &lex.period_end_words {
            entry(&mut words, k).period_end = true;
        }
        for (k, v) in &lex.amount_words {
            entry(&mut words, k).amount_word = Some(*v);
        }
        for (k, v) in &lex.set_adverbs {
            entry(&mut words, k).set_adverb = Some(leak(v));
        }
        // (first word, phrase)
        let mut phrases: Vec<(String, Phrase)> = Vec::new();
        let mut add_phrase = |text: &str, kind: PhraseKind| {
            let split = crate::token::split(text, 0);
            if let Some(first) = split.first() {
                let words = split.iter().map(|t| vocab.intern(t.text)).collect();
                phrases.push((first.text.to_lowercase(), Phrase { words, kind }));
            }
        };
        for (k, v) in &lex.references {
            add_phrase(k, PhraseKind::Reference(leak(v)));
        }
        for (k, v) in &lex.position_phrases {
            add_phrase(k, PhraseKind::Position(parse_mod(v)));
        }
        for (k, h) in &lex.holidays {
            let kind = match (h.day, h.weekday, h.nth) {
                _ if h.easter.is_some() => Holiday::FromEaster {
                    days: h.easter.unwrap_or(0),
                },
                (Some(day), _, _) => Holiday::Fixed {
                    month: h.month,
                    day,
                },
                (None, Some(weekday), Some(nth)) => Holiday::NthWeekday {
                    month: h.month,
                    weekday,
                    nth,
                },
                _ => panic!("dates.toml: holiday {k} needs a day, a weekday and nth, or easter"),
            };
            add_phrase(k, PhraseKind::Holiday(kind));
        }
        phrases.sort_by_key(|(_, p)| std::cmp::Reverse(p.words.len()));
        for (first, p) in phrases {
            entry(&mut words, &first).phrases.push(p);
        }
        let g = &lex.grammar;
        let flags: [(&Vec<String>, SetFlag); 14] = [
            (&g.last_part, |w| w.last_part = true),
            (&g.definite, |w| w.definite = true),
            (&g.indefinite, |w| w.indefinite = true),
            (&g.partitive, |w| w.partitive = true),
            (&g.possessive, |w| w.possessive = true),
            (&g.day_prepositions, |w| w.day_prep = true),
            (&g.weekend, |w| w.weekend = true),
            (&g.thousand, |w| w.thousand = true),
            (&g.rate_counters, |w| w.rate_counter = true),
            (&g.event_offsets, |w| w.event_offset = true),
            (&g.current, |w| w.current = true),
            (&g.past, |w| w.past_word = true),
            (&g.duration_suffixes, |w| w.duration_suffix = true),
            (&g.conjunctive_references, |w| w.conjunctive = true),
        ];
        for (list, set) in flags {
            for k in list {
                set(entry(&mut words, k));
            }
        }
        for k in &lex.not_duration_suffixes {
            entry(&mut words, k).age = true;
        }
        for k in &lex.holiday_occasions {
            entry(&mut words, k).holiday_occasion = true;
        }
        // Flags are set; numbers are checked after every word has its entry.
        for (k, w) in words.iter_mut() {
            w.number = word_value(k).is_some();
            w.ordinal = ordinal_value(k).is_some();
            w.starts = w.can_start();
        }
        // Entries indexed by word id, so that a token's entry is one array access.
        let mut index = Vec::new();
        let mut entries = Vec::with_capacity(words.len());
        for (k, w) in words {
            let id = vocab.intern(&k).index();
            if index.len() <= id {
                index.resize(id + 1, NO_ENTRY);
            }
            index[id] = entries.len() as u32;
            entries.push(w);
        }
        let possessive = vocab.intern("'s");
        let curly_possessive = vocab.intern("\u{2019}s");
        for w in &mut entries {
            for p in &w.phrases {
                match p.words.get(1) {
                    Some(&second) => {
                        w.phrase_seconds.insert(second);
                        if second == possessive {
                            w.phrase_seconds.insert(curly_possessive);
                        }
                    }
                    None => w.one_word_phrase = true,
                }
            }
        }
        Compiled {
            index,
            entries,
            possessive,
            curly_possessive,
            grammar: lex.grammar,
            not_duration_suffixes: lex.not_duration_suffixes,
            amount_symbols: lex.amount_symbols,
            amount_prefixes: lex.amount_prefixes,
            range_openers: lex.range_openers,
            range_connectors: lex.range_connectors,
        }
    }
}

fn compiled() -> &'static Compiled {
    &crate::lexicon::get().dates
}

fn entry<'m>(words: &'m mut HashMap<String, Word, FnvBuild>, k: &str) -> &'m mut Word {
    words.entry(k.to_lowercase()).or_default()
}

/// The lexicon entry of a word that is not a whole token ("mid" in "mid-March").
fn lookup(text: &str) -> Option<&'static Word> {
    compiled().entry_of(crate::lexicon::get().vocab.get(text), text, text.is_ascii())
}

impl Compiled {
    #[inline]
    fn entry(&self, id: WordId) -> Option<&Word> {
        let k = self.index.get(id.index()).copied().unwrap_or(NO_ENTRY);
        self.entries.get(k as usize)
    }

    /// The lexicon entry of a token.
    #[inline]
    fn token_word(&self, t: &Token) -> Option<&Word> {
        self.entry_of(t.word, t.text, t.ascii)
    }

    /// Inlined: it runs for every word of every sentence, and most words have no entry and
    /// are ASCII (which the tokenizer notes), which settles them without a call.
    #[inline]
    fn entry_of(&self, id: Option<WordId>, text: &str, ascii: bool) -> Option<&Word> {
        // No branch on whether the token has an id, which cannot be predicted: ids start at
        // 1, so index 0 (no id) has no entry.
        let k = self
            .index
            .get(id.map_or(0, WordId::index))
            .copied()
            .unwrap_or(NO_ENTRY);
        self.entries
            .get(k as usize)
            .or_else(|| if ascii { None } else { self.curly_entry(text) })
    }

    /// The entry of a word written with a curly apostrophe ("’ll", "new year’s").
    #[cold]
    fn curly_entry(&self, text: &str) -> Option<&Word> {
        if !text.contains('\u{2019}') {
            return None;
        }
        let id = crate::lexicon::get()
            .vocab
            .get(&text.replace('\u{2019}', "'"))?;
        self.entry(id)
    }
}

// ---------------------------------------------------------------------------------------------
// Values

/// How much more a future reading of a year-less date must be nearer than a past reading:
/// news mostly reports what happened.
const FUTURE_PENALTY: i64 = 2;

/// Four-digit numbers read as years without a date word before them.
const BARE_YEARS: (i32, i32) = (1900, 2100);

/// What the words around a date say about when it lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// A regular past form ("announced", "closed"); "need", "speed", "hundred" are not.
fn looks_past(t: &Token) -> bool {
    let s = t.text;
    let g = &compiled().grammar;
    t.kind == TokenKind::Word
        && s.len() >= 5
        && s.ends_with(g.past_suffix.as_str())
        && !g.not_past_endings.iter().any(|e| s.ends_with(e.as_str()))
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
}

/// A teen number word that may start a spoken year ("nineteen").
fn is_teen(text: &str) -> bool {
    let suffix = compiled().grammar.teen_suffix.as_bytes();
    // The date gate asks at most unknown words: comparing the last byte first settles nearly
    // all of them without the call to `memcmp` that `ends_with` makes.
    match suffix.last() {
        Some(last) => text.as_bytes().last() == Some(last) && text.as_bytes().ends_with(suffix),
        None => true,
    }
}

/// How far (in tokens) a tense cue may stand before or after a date in its clause.
const FUTURE_WINDOW_BEFORE: usize = 10;
const FUTURE_WINDOW_AFTER: usize = 5;

#[derive(Clone, Debug)]
struct Anchor {
    date: CivilDate,
    granularity: Granularity,
    timex: String,
}

fn ordinal_suffix(n: i64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn interval(
    display: String,
    timex: String,
    granularity: Granularity,
    first: CivilDate,
    last: CivilDate,
) -> DateValue {
    DateValue {
        display,
        timex,
        granularity,
        modifier: None,
        span: DateSpan::Interval { first, last },
    }
}

fn unplaced(display: &str, timex: &str, granularity: Granularity) -> DateValue {
    DateValue {
        display: display.to_string(),
        timex: timex.to_string(),
        granularity,
        modifier: None,
        span: DateSpan::Unplaced,
    }
}

fn week_value(d: CivilDate) -> Option<DateValue> {
    let (y, w) = d.iso_week();
    let monday = CivilDate::from_iso_week(y, w)?;
    Some(interval(
        format!("the week of {}", DateValue::day(monday).display),
        format!("{y:04}-W{w:02}"),
        Granularity::Week,
        monday,
        monday.add_days(6),
    ))
}

fn weekend_value(d: CivilDate) -> Option<DateValue> {
    let (y, w) = d.iso_week();
    let sat = CivilDate::from_iso_week(y, w)?.add_days(5);
    Some(interval(
        format!("the weekend of {}", DateValue::day(sat).display),
        format!("{y:04}-W{w:02}-WE"),
        Granularity::Week,
        sat,
        sat.add_days(1),
    ))
}

fn month_index_value(index: i64) -> Option<DateValue> {
    let y = index.div_euclid(12) as i32;
    let m = (index.rem_euclid(12) + 1) as u8;
    DateValue::month(y, m)
}

fn quarter_value(y: i32, q: u8) -> Option<DateValue> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let first = CivilDate::new(y, q * 3 - 2, 1)?;
    let last = CivilDate::new(y, q * 3, days_in_month(y, q * 3))?;
    Some(interval(
        format!("Q{q} {y}"),
        format!("{y:04}-Q{q}"),
        Granularity::Quarter,
        first,
        last,
    ))
}

fn half_value(y: i32, h: u8) -> Option<DateValue> {
    if !(1..=2).contains(&h) {
        return None;
    }
    let first = CivilDate::new(y, h * 6 - 5, 1)?;
    let last = CivilDate::new(y, h * 6, days_in_month(y, h * 6))?;
    let name = if h == 1 { "first" } else { "second" };
    Some(interval(
        format!("the {name} half of {y}"),
        format!("{y:04}-H{h}"),
        Granularity::Quarter,
        first,
        last,
    ))
}

fn season_bounds(y: i32, code: &str) -> Option<(CivilDate, CivilDate)> {
    let (m0, y1, m1) = match code {
        "SP" => (3, y, 5),
        "SU" => (6, y, 8),
        "FA" => (9, y, 11),
        "WI" => (12, y + 1, 2),
        _ => return None,
    };
    Some((
        CivilDate::new(y, m0, 1)?,
        CivilDate::new(y1, m1, days_in_month(y1, m1))?,
    ))
}

fn season_value(y: i32, code: &str) -> Option<DateValue> {
    let (first, last) = season_bounds(y, code)?;
    let name = match code {
        "SP" => "spring",
        "SU" => "summer",
        "FA" => "fall",
        _ => "winter",
    };
    Some(interval(
        format!("{name} {y}"),
        format!("{y:04}-{code}"),
        Granularity::Season,
        first,
        last,
    ))
}

fn decade_value(start: i32) -> DateValue {
    let first = CivilDate {
        year: start,
        month: 1,
        day: 1,
    };
    let last = CivilDate {
        year: start + 9,
        month: 12,
        day: 31,
    };
    interval(
        format!("the {start}s"),
        // TimeML (and the TimeBank and MEANTIME gold) write a decade as its first three
        // digits: "the 1990s" is "199".
        format!("{:03}", start / 10),
        Granularity::Decade,
        first,
        last,
    )
}

fn century_value(hundreds: i32) -> DateValue {
    let first = CivilDate {
        year: hundreds * 100,
        month: 1,
        day: 1,
    };
    let last = CivilDate {
        year: hundreds * 100 + 99,
        month: 12,
        day: 31,
    };
    let n = hundreds as i64 + 1;
    interval(
        format!("the {n}{} century", ordinal_suffix(n)),
        // A century as its first two digits: "the 20th century" is "19".
        format!("{hundreds:02}"),
        Granularity::Century,
        first,
        last,
    )
}

fn reference_value(timex: &str) -> DateValue {
    let display = match timex {
        "PAST_REF" => "the past",
        "FUTURE_REF" => "the future",
        _ => "now",
    };
    unplaced(display, timex, Granularity::Reference)
}

/// Restricts a value to its early, middle or late part and sets the TimeML `mod`.
fn with_mod(mut v: DateValue, m: DateMod) -> DateValue {
    if let DateSpan::Interval { first, last } = v.span {
        let thirds = |a: i64, b: i64| -> (i64, i64) {
            let n = b - a + 1;
            match m {
                DateMod::Start => (a, a + n / 3 - 1),
                DateMod::Mid => (a + n / 3, b - n / 3),
                DateMod::End => (b - n / 3 + 1, b),
                _ => (a, b),
            }
        };
        let (a, b) = match v.granularity {
            Granularity::Month => {
                let end = days_in_month(first.year, first.month);
                let (d0, d1) = match m {
                    DateMod::Start => (1, 10),
                    DateMod::Mid => (11, 20),
                    DateMod::End => (21, end),
                    _ => (1, end),
                };
                (
                    CivilDate::new(first.year, first.month, d0).unwrap_or(first),
                    CivilDate::new(first.year, first.month, d1).unwrap_or(last),
                )
            }
            Granularity::Year => {
                let (m0, m1) = match m {
                    DateMod::Start => (1, 4),
                    DateMod::Mid => (5, 8),
                    DateMod::End => (9, 12),
                    _ => (1, 12),
                };
                let y = first.year;
                (
                    CivilDate {
                        year: y,
                        month: m0,
                        day: 1,
                    },
                    CivilDate {
                        year: y,
                        month: m1,
                        day: days_in_month(y, m1),
                    },
                )
            }
            Granularity::Decade => {
                let (y0, y1) = match m {
                    DateMod::Start => (0, 3),
                    DateMod::Mid => (4, 6),
                    DateMod::End => (7, 9),
                    _ => (0, 9),
                };
                let y = first.year;
                (
                    CivilDate {
                        year: y + y0,
                        month: 1,
                        day: 1,
                    },
                    CivilDate {
                        year: y + y1,
                        month: 12,
                        day: 31,
                    },
                )
            }
            _ => {
                let (a, b) = thirds(first.day_number(), last.day_number());
                if a <= b {
                    (CivilDate::from_day_number(a), CivilDate::from_day_number(b))
                } else {
                    (first, last)
                }
            }
        };
        v.span = DateSpan::Interval { first: a, last: b };
    }
    let base = v
        .display
        .strip_prefix("the ")
        .unwrap_or(&v.display)
        .to_string();
    v.display = match m {
        DateMod::Start => format!("early {base}"),
        DateMod::Mid => format!("mid-{base}"),
        DateMod::End => format!("late {base}"),
        DateMod::Approx => format!("about {}", v.display),
        DateMod::Before => format!("before {}", v.display),
        DateMod::After => format!("after {}", v.display),
    };
    v.modifier = Some(m);
    v
}

/// The year for a date given without one: a past reading is preferred unless the future one is
/// much nearer to the anchor, or the sentence speaks of the future.
fn pick_year(
    dct: CivilDate,
    tense: Tense,
    bounds: impl Fn(i32) -> Option<(CivilDate, CivilDate)>,
) -> Option<i32> {
    let mut best: Option<(i64, i32)> = None;
    let d = dct.day_number();
    for y in [dct.year - 1, dct.year, dct.year + 1] {
        let Some((a, b)) = bounds(y) else { continue };
        let (a, b) = (a.day_number(), b.day_number());
        let cost = if b < d {
            if tense == Tense::Future {
                continue;
            }
            d - b
        } else if a > d {
            match tense {
                Tense::Future => a - d,
                // A past clause may still name a date a few days ahead ("was set for Nov. 1").
                Tense::Past => (a - d) * FUTURE_PENALTY * 4,
                Tense::Unknown => (a - d) * FUTURE_PENALTY,
            }
        } else {
            0
        };
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, y));
        }
    }
    best.map(|(_, y)| y)
}

fn month_bounds(y: i32, m: u8) -> Option<(CivilDate, CivilDate)> {
    Some((
        CivilDate::new(y, m, 1)?,
        CivilDate::new(y, m, days_in_month(y, m))?,
    ))
}

fn holiday_date(y: i32, h: Holiday) -> Option<CivilDate> {
    match h {
        Holiday::FromEaster { days } => Some(CivilDate::easter(y)?.add_days(days)),
        Holiday::Fixed { month, day } => CivilDate::new(y, month, day),
        Holiday::NthWeekday {
            month,
            weekday,
            nth,
        } => {
            if nth > 0 {
                let first = CivilDate::new(y, month, 1)?;
                let delta = (weekday as i64 - first.weekday() as i64).rem_euclid(7);
                let d = first.add_days(delta + 7 * (nth as i64 - 1));
                (d.month == month).then_some(d)
            } else {
                let last = CivilDate::new(y, month, days_in_month(y, month))?;
                let delta = (last.weekday() as i64 - weekday as i64).rem_euclid(7);
                let d = last.add_days(-delta - 7 * (-(nth as i64) - 1));
                (d.month == month).then_some(d)
            }
        }
    }
}

/// Shifts an anchor by `n` units and returns the value at the unit's granularity.
fn shift(anchor: CivilDate, unit: Unit, n: i64) -> Option<DateValue> {
    let n = n * unit.factor as i64;
    match unit.code {
        'D' => Some(DateValue::day(anchor.add_days(n))),
        'W' => week_value(anchor.add_days(7 * n)),
        'M' => month_index_value(anchor.year as i64 * 12 + anchor.month as i64 - 1 + n),
        'Q' => {
            let q = anchor.year as i64 * 4 + (anchor.month as i64 - 1) / 3 + n;
            quarter_value(q.div_euclid(4) as i32, (q.rem_euclid(4) + 1) as u8)
        }
        'Y' => Some(DateValue::year(anchor.year + n as i32)),
        _ => None,
    }
}

fn unit_granularity(unit: Unit) -> Granularity {
    match unit.code {
        'D' => Granularity::Day,
        'W' => Granularity::Week,
        'M' => Granularity::Month,
        'Q' => Granularity::Quarter,
        _ => Granularity::Year,
    }
}

/// TimeML duration value: P3Y, P10Y, PT24H, PXM.
fn duration_value(amount: Option<f64>, unit: Unit) -> String {
    let t = if unit.clock { "T" } else { "" };
    match amount {
        Some(a) => {
            let v = a * unit.factor as f64;
            if v.fract() == 0.0 {
                format!("P{t}{}{}", v as i64, unit.code)
            } else {
                format!("P{t}{v}{}", unit.code)
            }
        }
        None => format!("P{t}X{}", unit.code),
    }
}

// ---------------------------------------------------------------------------------------------
// Recognition

/// A recognized expression before it becomes a mention.
#[derive(Clone, Debug)]
struct Found {
    end: usize,
    kind: TimexType,
    value: String,
    modifier: Option<DateMod>,
    date: Option<DateValue>,
    anchor: Option<String>,
    rule: &'static str,
    /// True when a leading "the" belongs to the expression ("the 1990s", "the next day").
    takes_the: bool,
}

impl Found {
    fn date(end: usize, v: DateValue, anchor: Option<String>, rule: &'static str) -> Found {
        Found {
            end,
            kind: TimexType::Date,
            value: v.timex.clone(),
            modifier: v.modifier,
            date: Some(v),
            anchor,
            rule,
            takes_the: false,
        }
    }
    fn other(end: usize, kind: TimexType, value: String, rule: &'static str) -> Found {
        Found {
            end,
            kind,
            value,
            modifier: None,
            date: None,
            anchor: None,
            rule,
            takes_the: false,
        }
    }
    fn the(mut self) -> Found {
        self.takes_the = true;
        self
    }
    fn modified(mut self, m: DateMod) -> Found {
        if let Some(d) = self.date.take() {
            let d = with_mod(d, m);
            self.value = d.timex.clone();
            self.date = Some(d);
        }
        self.modifier = Some(m);
        self
    }
}

/// Recognizes temporal expressions sentence by sentence, keeping the discourse anchor.
pub struct DateRecognizer {
    published: Option<CivilDate>,
    /// "published 2025-07-07", written once: many candidates carry it as their anchor.
    published_label: Option<String>,
    /// The last date resolved in the discourse, for "the next day" and "two days later".
    last: Option<Anchor>,
    /// Buffers for each sentence's `Scan::words` and `Scan::date_word_near`.
    words: Vec<Option<&'static Word>>,
    near: Vec<bool>,
}

impl DateRecognizer {
    pub fn new(published: Option<CivilDate>) -> DateRecognizer {
        DateRecognizer {
            published,
            published_label: published.map(|d| format!("published {d}")),
            last: None,
            words: Vec::new(),
            near: Vec::new(),
        }
    }

    /// The publication date the recognizer resolves against.
    pub fn published(&self) -> Option<CivilDate> {
        self.published
    }

    /// The last date resolved in the discourse (first day of its interval), which "the next
    /// day" or "two days later" in the next sentence would count from.
    pub fn discourse_date(&self) -> Option<CivilDate> {
        self.last.as_ref().map(|a| a.date)
    }

    /// Temporal expressions of one sentence, in order. Call for each sentence in document order.
    pub fn recognize(&mut self, tokens: &[Token]) -> Vec<TimexMention> {
        let mut words = std::mem::take(&mut self.words);
        words.clear();
        let lex = compiled();
        // Every token's entry is looked up and kept for words only: a select instead of a
        // branch on the token's kind.
        words.extend(
            tokens
                .iter()
                .map(|t| lex.token_word(t).filter(|_| t.kind == TokenKind::Word)),
        );
        let mut near = std::mem::take(&mut self.near);
        date_words_near(&words, &mut near);
        let mut scan = Scan {
            toks: tokens,
            words: &words,
            date_word_near: &near,
            published: self.published,
            published_label: self.published_label.as_deref(),
            last: self.last.take(),
            future_fixed: None,
            focus: Cell::new(0),
            last_amount: Cell::new(None),
            prefixed: false,
        };
        let mut out: Vec<TimexMention> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some((start, f)) = scan.at(i, &out) else {
                i += 1;
                continue;
            };
            let end = f.end.max(start + 1).min(tokens.len());
            if let Some(d) = &f.date {
                if let DateSpan::Interval { first, .. } = d.span {
                    // Comparisons ("a year ago" in results news) do not move the story's date.
                    let comparison = matches!(
                        f.rule,
                        "ago-weeks"
                            | "ago-months"
                            | "ago-years"
                            | "offset-discourse"
                            | "unit-offset-adjective"
                    ) && d.granularity > Granularity::Day;
                    if f.kind != TimexType::Set
                        && d.granularity != Granularity::Reference
                        && !comparison
                    {
                        scan.last = Some(Anchor {
                            date: first,
                            granularity: d.granularity,
                            timex: d.timex.clone(),
                        });
                    }
                }
            }
            out.push(TimexMention {
                start: tokens[start].start,
                end: tokens[end - 1].end,
                tokens: (start, end),
                timex_type: f.kind,
                value: f.value,
                modifier: f.modifier,
                date: f.date,
                anchor: f.anchor,
                rule: f.rule,
            });
            i = end;
        }
        self.last = scan.last;
        self.words = words;
        self.near = near;
        out
    }
}

/// Sets `near[k]` when a unit, month or year word is among the four words after `words[k]`
/// (the date gate lets a word unknown to the lexicon through only then: "three years").
/// One backward pass, instead of a look-ahead loop at every unknown word whose end the
/// processor mispredicts.
fn date_words_near(words: &[Option<&Word>], near: &mut Vec<bool>) {
    near.clear();
    near.resize(words.len(), false);
    // The nearest date word after `k`, if any.
    let mut next = usize::MAX;
    for k in (0..words.len()).rev() {
        near[k] = next - k <= 4;
        if words[k].is_some_and(|w| w.unit.is_some() || w.month.is_some() || w.year_part.is_some())
        {
            next = k;
        }
    }
}

struct Scan<'s, 'a> {
    toks: &'s [Token<'a>],
    words: &'s [Option<&'static Word>],
    /// By token: a unit, month or year word follows within four tokens (`date_words_near`).
    date_word_near: &'s [bool],
    published: Option<CivilDate>,
    published_label: Option<&'s str>,
    last: Option<Anchor>,
    /// Set for a split token ("mid-March"), whose tokens are not the sentence's.
    future_fixed: Option<Tense>,
    /// Start of the expression being read, for tense cues around it.
    focus: Cell<usize>,
    /// True inside a split token such as "mid-March": a date word is expected.
    prefixed: bool,
    /// The last amount read, by its token: `offset` and `duration` both read the amount
    /// at the same number.
    last_amount: Cell<Option<(usize, Option<Amount>)>>,
}

/// An amount of time read at a token: its value (none for "several") and the index after it.
type Amount = (Option<f64>, usize);

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl<'s, 'a> Scan<'s, 'a> {
    fn tok(&self, i: usize) -> Option<&Token<'a>> {
        self.toks.get(i)
    }
    fn word(&self, i: usize) -> Option<&'static Word> {
        self.words.get(i).copied().flatten()
    }
    /// True when the word at `i` has a lexicon property.
    fn has(&self, i: usize, f: impl Fn(&Word) -> bool) -> bool {
        self.word(i).is_some_and(f)
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(c))
    }
    /// True when a future cue ("will", "next") stands in the clause around the expression.
    fn future(&self) -> bool {
        self.tense() == Tense::Future
    }

    /// The tense of the clause around the expression being read, from cue words within a few
    /// tokens that are not separated from it by punctuation. A future cue wins over a past one
    /// ("will be named", "he said the vote will be held").
    fn tense(&self) -> Tense {
        if let Some(f) = self.future_fixed {
            return f;
        }
        let i = self.focus.get();
        let stop_at = |k: usize| {
            self.toks.get(k).is_some_and(|t| {
                t.kind == TokenKind::Punct
                    && !t.is_punct('\'')
                    && !t.is_punct('.')
                    && !t.is_punct('-')
            }) || self.word(k).is_some_and(|w| w.clause_boundary)
        };
        let mut past = false;
        let infinitive_after = |k: usize| {
            self.toks.get(k + 1).is_some_and(|t| t.is("to"))
                && self.toks.get(k + 2).is_some_and(|t| {
                    t.is_word()
                        && !t.is_capitalized()
                        && !crate::lexicon::get().grammar.determiners.has(t)
                })
        };
        let mut look = |k: usize| -> bool {
            let w = self.word(k);
            let future =
                w.is_some_and(|w| w.future || w.future_before_infinitive && infinitive_after(k));
            if future {
                // "had been due to", "was scheduled to": a future seen from the past.
                let seen_from_past =
                    (k.saturating_sub(2)..k).any(|p| self.has(p, |w| w.past_auxiliary));
                if !seen_from_past {
                    return true;
                }
                past = true;
                return false;
            }
            past |= w.is_some_and(|w| w.past) || self.tok(k).is_some_and(looks_past);
            false
        };
        for k in (i.saturating_sub(FUTURE_WINDOW_BEFORE)..i).rev() {
            if stop_at(k) {
                break;
            }
            if look(k) {
                return Tense::Future;
            }
        }
        // An introductory date ("In January, the company ...") takes the tense of the clause
        // after its comma.
        let mut limit = (i + FUTURE_WINDOW_AFTER).min(self.toks.len());
        let sentence_initial =
            i == 0 || i == 1 && self.has(0, |w| w.year_prep || w.day_prep || w.season_prep);
        let mut only_date_words = sentence_initial;
        let mut k = i + 1;
        while k < limit {
            if stop_at(k) {
                if only_date_words && self.punct(k, ',') {
                    only_date_words = false;
                    limit = (k + 1 + FUTURE_WINDOW_AFTER).min(self.toks.len());
                    k += 1;
                    continue;
                }
                break;
            }
            only_date_words &= self.toks.get(k).is_some_and(|t| t.kind != TokenKind::Word)
                || self.has(k, |w| {
                    w.month.is_some() || w.weekday.is_some() || w.unit.is_some()
                });
            if look(k) {
                return Tense::Future;
            }
            k += 1;
        }
        if past {
            Tense::Past
        } else {
            Tense::Unknown
        }
    }

    fn published_label(&self) -> Option<String> {
        self.published_label.map(str::to_owned)
    }

    /// The anchor for expressions relative to the discourse at granularity `g`.
    fn discourse_anchor(&self, g: Granularity) -> Option<(CivilDate, String)> {
        match &self.last {
            Some(a) if a.granularity <= g => Some((a.date, ["previous date ", &a.timex].concat())),
            _ => self.published.zip(self.published_label()),
        }
    }

    /// A day of the month: "27", "27th", "twenty-seventh".
    fn day_number(&self, i: usize) -> Option<u8> {
        let t = self.tok(i)?;
        let v = match t.kind {
            TokenKind::Number if t.text.len() <= 2 && is_digits(t.text) => {
                t.text.parse::<u8>().ok()?
            }
            TokenKind::Alnum => ordinal_value(t.text)? as u8,
            // Ordinal words are in the vocabulary: other words are not parsed.
            TokenKind::Word if may_start_number(t) => token_ordinal_value(t)? as u8,
            _ => return None,
        };
        (1..=31).contains(&v).then_some(v)
    }

    /// After an ambiguous unit ("second"): only punctuation or a date word keeps it a unit.
    fn unit_end_ok(&self, k: usize) -> bool {
        match self.tok(k) {
            None => true,
            Some(t) if t.kind == TokenKind::Punct => true,
            Some(_) => self.word(k).is_some_and(|w| {
                w.offset.is_some() || w.duration_prep || w.year_prep || w.clause_boundary
            }),
        }
    }

    /// Four digits read as a year.
    fn year_number(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if t.kind != TokenKind::Number || t.text.len() != 4 || !is_digits(t.text) {
            return None;
        }
        let y: i32 = t.text.parse().ok()?;
        (1000..=2100).contains(&y).then_some(y)
    }

    /// A year said in words, as in broadcast transcripts: "nineteen ninety-six", "two thousand".
    fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.tok(i).filter(|t| t.is_word())?;
        let next = self.tok(i + 1).filter(|t| t.is_word())?;
        if self.has(i + 1, |w| w.thousand) {
            return (token_word_value(t)? == 2.0).then_some((2000, i + 2));
        }
        if !is_teen(t.text) {
            return None;
        }
        let a = token_word_value(t)?;
        let b = token_word_value(next)?;
        if !(10.0..=20.0).contains(&a) || !(10.0..=99.0).contains(&b) {
            return None;
        }
        Some(((a * 100.0 + b) as i32, i + 2))
    }

    /// A year right after a month or day, unless it starts a count ("June 2025" but not "June 2000 people").
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year_number(i) {
            return (!self.counted_noun(i + 1)).then_some((y, i + 1));
        }
        self.spoken_year(i)
    }

    /// A plural noun that makes the number before it a count ("2001 people", "1500 troops").
    fn counted_noun(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| {
            t.is_word()
                && !t.is_capitalized()
                && t.text.len() > 2
                && t.text.ends_with('s')
                && !t.text.ends_with("'s")
                && !t.text.ends_with("ss")
                && self.word(k).is_none_or(|w| w.unit_plural && !w.not_plural)
        })
    }

    /// Month word at `i` (checked for context); returns (month, index after it and its period).
    fn month_at(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.tok(i)?;
        let w = self.word(i)?;
        let m = w.month?;
        if !t.is_capitalized() {
            return None;
        }
        let dot = self.punct(i + 1, '.');
        let next = if dot { i + 2 } else { i + 1 };
        let followed = self.day_number(next).is_some()
            && !self.tok(next).is_some_and(|t| t.is_word())
            || self.year_number(next).is_some()
            || (self.punct(next, ',') && self.year_number(next + 1).is_some())
            || (self.has(next, |w| w.partitive) && self.year_number(next + 1).is_some());
        if w.month_abbr && !dot && !followed {
            return None;
        }
        // "May" at the start of a sentence or before a verb is the modal.
        if w.ambiguous_month && !followed && !self.prefixed {
            let prev_ok = i > 0
                && self.word(i - 1).is_some_and(|p| {
                    p.year_prep
                        || p.direction.is_some()
                        || p.position.is_some()
                        || p.set_word
                        || p.year_det
                });
            if !prev_ok {
                return None;
            }
        }
        let end = if w.month_abbr && dot { i + 2 } else { i + 1 };
        Some((m, end))
    }

    /// Resolves a month and optional day without a year.
    fn year_less(
        &self,
        m: u8,
        d: Option<u8>,
        end: usize,
        rule_with: &'static str,
    ) -> Option<Found> {
        // "the January shooting", "the May 3 party": a date modifying a noun names
        // something already reported, past whatever the clause's tense ("a hearing is
        // scheduled for two brothers charged in the January shooting").
        let start = self.focus.get();
        let attributive = start > 0
            && self
                .word(start - 1)
                .is_some_and(|w| w.year_det && w.direction.is_none())
            && self
                .tok(end)
                .is_some_and(|t| t.kind == TokenKind::Word && !t.is_capitalized())
            && !self.word(end).is_some_and(|w| w.year_prep);
        let tense = if attributive {
            Tense::Past
        } else {
            self.tense()
        };
        match self.published {
            Some(dct) => {
                let y = match d {
                    Some(d) => pick_year(dct, tense, |y| CivilDate::new(y, m, d).map(|c| (c, c))),
                    None => pick_year(dct, tense, |y| month_bounds(y, m)),
                };
                let y = match y {
                    Some(y) => y,
                    None => {
                        return Some(Found::date(
                            end,
                            DateValue::year_less(m, d),
                            None,
                            rule_with,
                        ))
                    }
                };
                let v = match d {
                    Some(d) => DateValue::day(CivilDate::new(y, m, d)?),
                    None => DateValue::month(y, m)?,
                };
                Some(Found::date(end, v, self.published_label(), rule_with))
            }
            None => {
                if let Some(d) = d {
                    if d > days_in_month(2000, m) {
                        return None;
                    }
                }
                Some(Found::date(
                    end,
                    DateValue::year_less(m, d),
                    None,
                    rule_with,
                ))
            }
        }
    }

    /// "June 27, 2025", "June 27th", "Dec. 25", "June 2025", "June of 2025", "June".
    fn month_led(&self, i: usize) -> Option<Found> {
        let (m, j) = self.month_at(i)?;
        if let Some(d) = self.day_number(j).filter(|_| {
            !self
                .tok(j)
                .is_some_and(|t| t.is_word() && !t.is_capitalized())
        }) {
            // "March 3:30" is a clock time, not the 3rd.
            if self.punct(j + 1, ':')
                && self
                    .tok(j + 2)
                    .is_some_and(|t| t.kind == TokenKind::Number && t.text.len() == 2)
            {
                return None;
            }
            let k = if self.punct(j + 1, ',') { j + 2 } else { j + 1 };
            if let Some((y, e)) = self.year_after(k) {
                let date = CivilDate::new(y, m, d)?;
                return Some(Found::date(e, DateValue::day(date), None, "month-day-year"));
            }
            if let Some((y, e)) = self.relative_year(j + 1) {
                let date = CivilDate::new(y, m, d)?;
                return Some(Found::date(
                    e,
                    DateValue::day(date),
                    self.published_label(),
                    "month-relative-year",
                ));
            }
            return self.year_less(m, Some(d), j + 1, "month-day");
        }
        let k = if self.punct(j, ',') || self.has(j, |w| w.partitive) {
            j + 1
        } else {
            j
        };
        if let Some((y, e)) = self.year_after(k) {
            return Some(Found::date(e, DateValue::month(y, m)?, None, "month-year"));
        }
        if let Some((y, e)) = self.relative_year(k) {
            return Some(Found::date(
                e,
                DateValue::month(y, m)?,
                self.published_label(),
                "month-relative-year",
            ));
        }
        self.year_less(m, None, j, "month")
    }

    /// "this year", "last year", "next year" after a month: the year it names.
    fn relative_year(&self, k: usize) -> Option<(i32, usize)> {
        let n = self.word(k)?.direction?;
        let w = self.word(k + 1)?;
        w.unit
            .filter(|u| u.code == 'Y' && u.factor == 1 && !w.unit_plural)?;
        Some((self.published?.year + n as i32, k + 2))
    }

    /// "27 June 2025", "the 27th of June", "27th June".
    fn day_led(&self, i: usize) -> Option<Found> {
        let d = self.day_number(i)?;
        let mut j = i + 1;
        if self.has(j, |w| w.partitive) {
            j += 1;
        }
        let (m, k) = self.month_at(j)?;
        let k2 = if self.punct(k, ',') { k + 1 } else { k };
        if let Some((y, e)) = self.year_after(k2) {
            let date = CivilDate::new(y, m, d)?;
            return Some(Found::date(e, DateValue::day(date), None, "day-month-year").the());
        }
        self.year_less(m, Some(d), k, "day-month").map(Found::the)
    }

    /// "the 27th": a day of the anchor's month.
    fn day_of_month(&self, i: usize) -> Option<Found> {
        if i == 0 || !self.has(i - 1, |w| w.definite) {
            return None;
        }
        let t = self.tok(i)?;
        if t.kind != TokenKind::Alnum {
            return None;
        }
        let d = ordinal_value(t.text)? as u8;
        if !(1..=31).contains(&d) {
            return None;
        }
        let next_ok = match self.tok(i + 1) {
            None => true,
            Some(n) => n.kind == TokenKind::Punct || self.word(i + 1).is_some_and(|w| w.year_prep),
        };
        if !next_ok {
            return None;
        }
        let (a, label) = self.discourse_anchor(Granularity::Month)?;
        let mut date = CivilDate::new(a.year, a.month, d)?;
        // "the 27th" in a July 7 story is June 27 unless the future is meant.
        if date > a && !self.future() {
            let (y, m) = if a.month == 1 {
                (a.year - 1, 12)
            } else {
                (a.year, a.month - 1)
            };
            date = CivilDate::new(y, m, d)?;
        }
        Some(Found::date(i + 1, DateValue::day(date), Some(label), "day-of-month").the())
    }

    fn weekday_at(&self, i: usize) -> Option<u8> {
        let t = self.tok(i)?;
        let w = self.word(i)?;
        let wd = w.weekday?;
        if !t.is_capitalized() {
            return None;
        }
        if w.weekday_abbr && !self.punct(i + 1, '.') {
            return None;
        }
        // "Sunday Times" is a newspaper.
        if self.tok(i + 1).is_some_and(|n| n.is_capitalized())
            && self.word(i + 1).is_some_and(|n| n.name_follower)
        {
            return None;
        }
        Some(wd)
    }

    /// The weekday nearest the publication date in the direction the sentence points.
    /// `named_event`: the weekday names an event already reported ("Tuesday's shooting"),
    /// which is past whatever the clause's tense ("no charges expected in Tuesday's
    /// shooting").
    fn resolve_weekday(
        &self,
        wd: u8,
        direction: Option<i64>,
        named_event: bool,
    ) -> (DateValue, Option<String>, &'static str) {
        let Some(dct) = self.published else {
            let v = unplaced(
                &format!("{} (date unknown)", weekday_name(wd)),
                &format!("XXXX-WXX-{}", wd + 1),
                Granularity::Day,
            );
            return (v, None, "weekday-unanchored");
        };
        let cur = dct.weekday() as i64;
        let wd = wd as i64;
        let (delta, rule) = match direction {
            Some(-1) => (-((cur - wd - 1).rem_euclid(7) + 1), "weekday-last"),
            Some(0) => (wd - cur, "weekday-this"),
            Some(_) => ((wd - cur - 1).rem_euclid(7) + 1, "weekday-next"),
            None if !named_event && self.future() => ((wd - cur).rem_euclid(7), "weekday-future"),
            None => (-(cur - wd).rem_euclid(7), "weekday-past"),
        };
        (
            DateValue::day(dct.add_days(delta)),
            self.published_label(),
            rule,
        )
    }

    /// "Friday", "Friday, Oct. 23", "Monday night", "Tuesday evening".
    fn weekday(&self, i: usize, direction: Option<i64>) -> Option<Found> {
        let wd = self.weekday_at(i)?;
        let abbr = self.word(i).is_some_and(|w| w.weekday_abbr);
        let mut j = if abbr && self.punct(i + 1, '.') {
            i + 2
        } else {
            i + 1
        };
        if direction.is_none() {
            // "Friday, Oct. 23": the explicit date wins.
            let k = if self.punct(j, ',') { j + 1 } else { j };
            if let Some(f) = self.month_led(k).or_else(|| self.day_led(k)) {
                if f.date
                    .as_ref()
                    .is_some_and(|d| d.granularity == Granularity::Day)
                {
                    // "Saturday 13 January" written without its year: the year is the
                    // one whose 13 January is a Saturday, the nearest to the article.
                    let year_less = matches!(f.rule, "month-day" | "day-month");
                    let day = f.date.as_ref().and_then(|d| d.interval()).map(|(a, _)| a);
                    if let (true, Some(day), Some(dct)) = (year_less, day, self.published) {
                        if day.weekday() != wd {
                            let matching = (dct.year - 1..=dct.year + 1)
                                .filter_map(|y| CivilDate::new(y, day.month, day.day))
                                .filter(|c| c.weekday() == wd)
                                .min_by_key(|c| (c.day_number() - dct.day_number()).abs());
                            if let Some(c) = matching {
                                return Some(Found::date(
                                    f.end,
                                    DateValue::day(c),
                                    f.anchor,
                                    "weekday-date",
                                ));
                            }
                        }
                    }
                    return Some(Found {
                        rule: "weekday-date",
                        ..f
                    });
                }
            }
        }
        let part_of_day = self.word(j).and_then(|w| w.part_of_day);
        let named_event =
            crate::token::possessive_end(self.toks, j + part_of_day.is_some() as usize).is_some();
        let (v, anchor, rule) = self.resolve_weekday(wd, direction, named_event);
        if let Some(part) = part_of_day {
            j += 1;
            return Some(Found {
                anchor,
                ..Found::other(
                    j,
                    TimexType::Time,
                    [v.timex.as_str(), "T", part].concat(),
                    rule,
                )
            });
        }
        Some(Found::date(j, v, anchor, rule))
    }

    /// "today", "yesterday morning", "tonight", "tomorrow".
    fn relative_day(&self, i: usize) -> Option<Found> {
        let w = self.word(i)?;
        let (offset, part) = match (w.relative_day, w.today_part) {
            (Some(o), _) => (o, None),
            (None, Some(p)) => (0, Some(p)),
            _ => return None,
        };
        let mut j = i + 1;
        let part = part.or_else(|| {
            let p = self.word(j).and_then(|w| w.part_of_day);
            if p.is_some() {
                j += 1;
            }
            p
        });
        let (v, anchor) = match self.published {
            Some(d) => (DateValue::day(d.add_days(offset)), self.published_label()),
            None => (
                unplaced(
                    &format!("{} (date unknown)", self.tok(i)?.lower()),
                    "XXXX-XX-XX",
                    Granularity::Day,
                ),
                None,
            ),
        };
        match part {
            Some(p) => Some(Found {
                anchor,
                ..Found::other(
                    j,
                    TimexType::Time,
                    [v.timex.as_str(), "T", p].concat(),
                    "relative-day-part",
                )
            }),
            None => Some(Found::date(j, v, anchor, "relative-day")),
        }
    }

    /// "last week", "this year", "next month", "last April", "this summer", "last Friday",
    /// "this morning", "last night".
    fn direction(&self, i: usize) -> Option<Found> {
        let n = self.word(i)?.direction?;
        let j = i + 1;
        // "This Week" (both capitalized) is a title.
        if self.tok(i).is_some_and(|t| t.is_capitalized())
            && self.tok(j).is_some_and(|t| {
                t.is_capitalized() && self.word(j).is_some_and(|w| w.unit.is_some())
            })
        {
            return None;
        }
        let w = self.word(j);
        if self.weekday_at(j).is_some() {
            return self.weekday(j, Some(n));
        }
        let dct = self.published;
        let label = self.published_label();
        let wj = w?;
        if let Some(m) = wj
            .month
            .filter(|_| self.tok(j).is_some_and(|t| t.is_capitalized()) && !wj.month_abbr)
        {
            let Some(dct) = dct else {
                return Some(Found::date(
                    j + 1,
                    DateValue::year_less(m, None),
                    None,
                    "month-relative",
                ));
            };
            let y = match n {
                -1 if m >= dct.month => dct.year - 1,
                1 if m <= dct.month => dct.year + 1,
                _ => dct.year,
            };
            return Some(Found::date(
                j + 1,
                DateValue::month(y, m)?,
                label,
                "month-relative",
            ));
        }
        if let Some(code) = wj.season {
            let Some(dct) = dct else {
                return Some(Found::date(
                    j + 1,
                    unplaced(
                        &format!("{} (year unknown)", code),
                        &format!("XXXX-{code}"),
                        Granularity::Season,
                    ),
                    None,
                    "season-relative",
                ));
            };
            // The season instance containing or last starting before the anchor, then step.
            let cur = [dct.year, dct.year - 1]
                .into_iter()
                .find(|y| season_bounds(*y, code).is_some_and(|(a, _)| a <= dct))
                .unwrap_or(dct.year - 1);
            let contains = season_bounds(cur, code).is_some_and(|(_, b)| b >= dct);
            let y = match n {
                // "this summer" is the current year's, "this winter" the one around New Year.
                0 if !contains => {
                    if code == "WI" && dct.month <= 2 {
                        dct.year - 1
                    } else {
                        dct.year
                    }
                }
                -1 => {
                    if contains {
                        cur - 1
                    } else {
                        cur
                    }
                }
                0 => {
                    if contains || !self.future() {
                        cur
                    } else {
                        cur + 1
                    }
                }
                _ => cur + 1,
            };
            return Some(Found::date(
                j + 1,
                season_value(y, code)?,
                label,
                "season-relative",
            ));
        }
        if let Some(part) = wj.part_of_day {
            // "this morning" is today; "last night" is the night before.
            let Some(dct) = dct else {
                return Some(Found::other(
                    j + 1,
                    TimexType::Time,
                    format!("XXXX-XX-XXT{part}"),
                    "part-of-day-relative",
                ));
            };
            let d = if n < 0 {
                dct.add_days(-1)
            } else {
                dct.add_days(n)
            };
            return Some(Found {
                anchor: label,
                ..Found::other(
                    j + 1,
                    TimexType::Time,
                    format!("{d}T{part}"),
                    "part-of-day-relative",
                )
            });
        }
        if self.has(j, |w| w.weekend) {
            let Some(dct) = dct else {
                return Some(Found::date(
                    j + 1,
                    unplaced("a weekend", "XXXX-WXX-WE", Granularity::Week),
                    None,
                    "weekend-relative",
                ));
            };
            return Some(Found::date(
                j + 1,
                weekend_value(dct.add_days(7 * n))?,
                label,
                "weekend-relative",
            ));
        }
        let unit = wj.unit.filter(|u| !u.clock && !wj.unit_plural)?;
        let Some(dct) = dct else {
            let (timex, g) = match unit.code {
                'D' => ("XXXX-XX-XX", Granularity::Day),
                'W' => ("XXXX-WXX", Granularity::Week),
                'M' => ("XXXX-XX", Granularity::Month),
                'Q' => ("XXXX-QX", Granularity::Quarter),
                _ => ("XXXX", Granularity::Year),
            };
            let text = format!("{} {}", self.tok(i)?.lower(), self.tok(j)?.lower());
            return Some(Found::date(
                j + 1,
                unplaced(&format!("{text} (date unknown)"), timex, g),
                None,
                "unit-relative",
            ));
        };
        if unit.code == 'D' {
            return None;
        }
        let v = match (unit.code, unit.factor) {
            ('Y', 10) => decade_value((dct.year / 10 + n as i32) * 10),
            ('Y', 100) => century_value(dct.year / 100 + n as i32),
            _ => shift(dct, Unit { factor: 1, ..unit }, n)?,
        };
        // "this year's third quarter", "last year's first half"
        if unit.code == 'Y' && unit.factor == 1 && self.has(j + 1, |w| w.possessive) {
            let part = self
                .tok(j + 2)
                .and_then(token_ordinal_value)
                .zip(self.word(j + 3).and_then(|w| w.year_part));
            if let Some((q, p)) = part {
                let y = dct.year + n as i32;
                let v = if p == 'Q' {
                    quarter_value(y, q as u8)?
                } else {
                    half_value(y, q as u8)?
                };
                return Some(Found::date(j + 4, v, label, "unit-relative-part"));
            }
        }
        Some(Found::date(j + 1, v, label, "unit-relative"))
    }

    /// "the quarter", "the latest quarter", "the year", "the fiscal year", "the weekend":
    /// the period the discourse is about, else the one the publication date points to.
    fn period(&self, i: usize) -> Option<Found> {
        if !self.has(i, |w| w.definite) {
            return None;
        }
        let mut k = i + 1;
        let mut qualifier: Option<&Token> = None;
        while k < i + 3 && self.word(k).is_some_and(|w| w.period_qualifier) {
            qualifier = self.tok(k);
            k += 1;
        }
        // "the latest period" in results news is the quarter being reported.
        if self.word(k).is_some_and(|w| w.period_noun) && qualifier.is_some() {
            let a = self
                .last
                .as_ref()
                .filter(|a| a.granularity == Granularity::Quarter)?;
            let v = shift(
                a.date,
                Unit {
                    code: 'Q',
                    factor: 1,
                    clock: false,
                },
                0,
            )?;
            return Some(Found::date(k + 1, v, self.published_label(), "period-quarter").the());
        }
        if self.word(k).is_none_or(|w| w.unit.is_none()) && !self.has(k, |w| w.weekend) {
            return None;
        }
        // "the year 2000"
        if self
            .word(k)
            .and_then(|w| w.unit)
            .is_some_and(|u| u.code == 'Y' && u.factor == 1)
        {
            if let Some((y, e)) = self.year_after(k + 1) {
                return Some(Found::date(e, DateValue::year(y), None, "year").the());
            }
        }
        let dct = self.published?;
        let label = self.published_label();
        if self.has(k, |w| w.weekend) && qualifier.is_none() {
            let wd = dct.weekday() as i64;
            let d = if self.future() {
                dct.add_days(7 - wd.min(6) - 1).max(dct)
            } else if wd >= 5 {
                dct
            } else {
                dct.add_days(-wd - 1)
            };
            return Some(Found::date(k + 1, weekend_value(d)?, label, "weekend").the());
        }
        let w = self.word(k)?;
        let unit = w
            .unit
            .filter(|u| !u.clock && u.factor == 1 && !w.unit_plural)?;
        // "the year before", "the quarter of ..." point elsewhere.
        if self
            .word(k + 1)
            .is_some_and(|n| n.offset.is_some() || n.year_part.is_some())
            || self.has(k + 1, |w| w.partitive)
        {
            return None;
        }
        let discourse = self
            .last
            .as_ref()
            .filter(|a| a.granularity == unit_granularity(unit));
        let current = qualifier.is_some_and(|q| lookup(q.text).is_some_and(|w| w.current));
        match unit.code {
            'Q' => {
                let v = match discourse {
                    Some(a) if qualifier.is_none() => shift(a.date, unit, 0)?,
                    // Results are reported for the last completed quarter.
                    _ => shift(dct, unit, if current { 0 } else { -1 })?,
                };
                Some(Found::date(k + 1, v, label, "period-quarter").the())
            }
            'Y' => {
                if self.word(k + 1).is_some_and(|n| n.period_end) {
                    return Some(
                        Found::other(k + 1, TimexType::Duration, "P1Y".into(), "period-year-span")
                            .the(),
                    );
                }
                // "the year 2000"
                if let Some(y) = self.year_number(k + 1) {
                    return Some(Found::date(k + 2, DateValue::year(y), None, "year").the());
                }
                // "the year" in news is the publication year: a discourse year is more often
                // a comparison than the story's year.
                Some(Found::date(k + 1, DateValue::year(dct.year), label, "period-year").the())
            }
            _ => None,
        }
    }

    /// "year-earlier", "the year-ago quarter", "the year-earlier third quarter": the period the
    /// story reports on, one unit back. In results news that period is a quarter.
    fn unit_offset_adjective(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let (l, r) = t.text.split_once('-')?;
        let lw = lookup(l)?;
        let unit = lw
            .unit
            .filter(|u| !u.clock && u.factor == 1 && !lw.unit_plural)?;
        let (sign, _) = lookup(r)?.offset?;
        let dct = self.published?;
        let mut end = i + 1;
        let quarter_anchor = self
            .last
            .as_ref()
            .filter(|a| a.granularity == Granularity::Quarter)
            .map(|a| a.date);
        let q_unit = Unit {
            code: 'Q',
            factor: 1,
            clock: false,
        };
        let per_unit = match unit.code {
            'Y' => 4,
            'Q' => 1,
            _ => return None,
        };
        let ordinal_quarter = self
            .tok(end)
            .and_then(token_ordinal_value)
            .filter(|_| self.word(end + 1).is_some_and(|w| w.year_part == Some('Q')));
        let v = if let Some(n) = ordinal_quarter {
            end += 2;
            let y = quarter_anchor.map(|a| a.year).unwrap_or(dct.year);
            quarter_value(y + (sign as i32) * (per_unit / 4), n as u8)?
        } else {
            let noun = self.word(end).is_some_and(|w| {
                w.period_noun || w.unit.is_some_and(|u| u.code == 'Q') && !w.unit_plural
            });
            if noun {
                end += 1;
            }
            match quarter_anchor {
                Some(a) => shift(a, q_unit, sign * per_unit as i64)?,
                None if noun => shift(
                    shift(dct, q_unit, -1)?.interval()?.0,
                    q_unit,
                    sign * per_unit as i64,
                )?,
                None => shift(dct, unit, sign)?,
            }
        };
        Some(Found::date(end, v, self.published_label(), "unit-offset-adjective").the())
    }

    /// "the next day", "the following week", "the previous year", "that day".
    fn discourse(&self, i: usize) -> Option<Found> {
        let w = self.word(i)?;
        let (n, j) = if w.demonstrative {
            (0, i + 1)
        } else {
            if i == 0 || !self.has(i - 1, |w| w.definite) {
                return None;
            }
            (w.discourse_direction?, i + 1)
        };
        // "the previous Friday", "the following Monday", "that Sunday"
        if let Some(wd) = self.weekday_at(j) {
            let (a, label) = self.discourse_anchor(Granularity::Day)?;
            let (cur, wd) = (a.weekday() as i64, wd as i64);
            let delta = match n {
                x if x < 0 => -((cur - wd - 1).rem_euclid(7) + 1),
                0 => wd - cur,
                _ => (wd - cur - 1).rem_euclid(7) + 1,
            };
            let f = Found::date(
                j + 1,
                DateValue::day(a.add_days(delta)),
                Some(label),
                "weekday-discourse",
            );
            return Some(if w.demonstrative { f } else { f.the() });
        }
        let wj = self.word(j)?;
        let unit = wj
            .unit
            .filter(|u| !u.clock && !wj.unit_plural && u.factor == 1)?;
        let (a, label) = self.discourse_anchor(unit_granularity(unit))?;
        let v = shift(a, unit, n)?;
        let f = Found::date(j + 1, v, Some(label), "discourse-relative");
        Some(if w.demonstrative { f } else { f.the() })
    }

    /// An amount of time at `i`: "two", "a", "24", "several"; returns (amount, index after).
    fn amount(&self, i: usize) -> Option<Amount> {
        if let Some((at, amount)) = self.last_amount.get() {
            if at == i {
                return amount;
            }
        }
        let amount = self.read_amount(i);
        self.last_amount.set(Some((i, amount)));
        amount
    }

    fn read_amount(&self, i: usize) -> Option<Amount> {
        let t = self.tok(i)?;
        if self.has(i, |w| w.indefinite) {
            // "a few", "a couple of"
            if self
                .word(i + 1)
                .is_some_and(|w| w.vague || w.amount_word.is_some())
            {
                return self.amount(i + 1);
            }
            return Some((Some(1.0), i + 1));
        }
        if let Some(v) = self.word(i).and_then(|w| w.amount_word) {
            let j = if self.has(i + 1, |w| w.partitive) {
                i + 2
            } else {
                i + 1
            };
            return Some((Some(v), j));
        }
        if self.word(i).is_some_and(|w| w.vague) {
            // "a few", "a couple of"
            let j = if self.has(i + 1, |w| w.partitive) {
                i + 2
            } else {
                i + 1
            };
            return Some((None, j));
        }
        if t.kind == TokenKind::Punct || t.kind == TokenKind::Alnum {
            return None;
        }
        // "$2 million" is money.
        if i > 0
            && compiled()
                .amount_symbols
                .iter()
                .any(|s| self.tok(i - 1).is_some_and(|p| p.text == s.as_str()))
        {
            return None;
        }
        let p = parse_number(self.toks, i)?;
        if p.ordinal || p.value <= 0.0 {
            return None;
        }
        let (mut value, mut end) = (p.value, p.end);
        // "twenty four hours": a tens word and a unit word written apart.
        if p.written == Written::Words && (20.0..100.0).contains(&value) && value % 10.0 == 0.0 {
            if let Some(u) = self
                .tok(end)
                .filter(|t| t.is_word())
                .and_then(token_word_value)
                .filter(|u| (1.0..=9.0).contains(u))
            {
                value += u;
                end += 1;
            }
        }
        Some((Some(value), end))
    }

    /// "two days ago", "a decade ago", "a year earlier", "days later".
    fn offset(&self, i: usize) -> Option<Found> {
        let (amount, j) = match self.word(i).and_then(|w| w.unit) {
            Some(_) => (None, i),
            None => {
                let (a, j) = self.amount(i)?;
                (a, j)
            }
        };
        let wu = self.word(j)?;
        let unit = wu.unit?;
        let (sign, from_discourse) = self.word(j + 1)?.offset?;
        if amount.is_none() && !wu.unit_plural {
            return None;
        }
        let ow = self.tok(j + 1)?;
        // "two days after the attack" counts from an event we cannot resolve.
        if from_discourse
            && self.has(j + 1, |w| w.event_offset)
            && self.tok(j + 2).is_some_and(|t| t.kind != TokenKind::Punct)
        {
            return None;
        }
        let end = j + 2;
        if unit.clock {
            return None;
        }
        let g = unit_granularity(unit);
        let unanchored = || {
            Some(Found::date(
                end,
                unplaced("an unknown date", "XXXX-XX-XX", g),
                None,
                "offset-unanchored",
            ))
        };
        // "two months later" with no earlier date counts from an event the text has not
        // dated; from the publication date it would be a date after the report.
        let anchored = self.last.as_ref().is_some_and(|a| a.granularity <= g);
        if from_discourse && sign > 0 && !anchored {
            return unanchored();
        }
        let (a, label) = if from_discourse {
            self.discourse_anchor(g)?
        } else {
            match self.published.zip(self.published_label()) {
                Some(anchor) => anchor,
                None => return unanchored(),
            }
        };
        let Some(n) = amount else {
            // "days later": near the anchor, day unknown.
            if g <= Granularity::Week {
                let (first, last) = if sign < 0 {
                    (a.add_days(-14), a.add_days(-1))
                } else {
                    (a.add_days(1), a.add_days(14))
                };
                let v = interval(
                    format!(
                        "{} {} {}",
                        self.tok(j)?.lower(),
                        ow.lower(),
                        DateValue::day(a).display
                    ),
                    format!("{:04}-{:02}-XX", a.year, a.month),
                    Granularity::Day,
                    first,
                    last,
                );
                return Some(Found::date(end, v, Some(label), "offset-vague"));
            }
            let r = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some(Found::date(
                end,
                reference_value(r),
                Some(label),
                "offset-vague",
            ));
        };
        if n.fract() != 0.0 {
            return None;
        }
        // In results news "a year ago" is the same quarter a year before.
        let v = match &self.last {
            Some(q)
                if q.granularity == Granularity::Quarter
                    && unit.code == 'Y'
                    && unit.factor == 1 =>
            {
                shift(
                    q.date,
                    Unit {
                        code: 'Q',
                        factor: 1,
                        clock: false,
                    },
                    sign * 4 * n as i64,
                )?
            }
            _ => shift(a, unit, sign * n as i64)?,
        };
        let rule = match (from_discourse, unit.code) {
            (false, 'D') => "ago-days",
            (false, 'W') => "ago-weeks",
            (false, 'M') => "ago-months",
            (false, _) => "ago-years",
            (true, _) => "offset-discourse",
        };
        Some(Found::date(end, v, Some(label), rule))
    }

    /// "three years", "the past three months", "24 hours", "four-week", "several months".
    fn duration(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        // Hyphenated adjectives: "four-week", "24-hour", "one-year".
        if t.is_hyphenated() && matches!(t.kind, TokenKind::Word | TokenKind::Alnum) {
            let mut parts = t.text.split('-');
            let left = parts.next()?;
            let right = parts.next()?;
            if let Some(rest) = parts.next() {
                if compiled()
                    .not_duration_suffixes
                    .iter()
                    .any(|s| rest.eq_ignore_ascii_case(s))
                {
                    return None;
                }
            }
            let n = if is_digits(left) {
                left.parse::<f64>().ok()?
            } else {
                word_value(left)?
            };
            let u = lookup(right)?;
            let unit = u.unit.filter(|_| !u.unit_plural)?;
            return Some(Found::other(
                i + 1,
                TimexType::Duration,
                duration_value(Some(n), unit),
                "duration-adjective",
            ));
        }
        let w = self.word(i);
        // "for weeks", "within months": an unknown number of units.
        if let Some(u) = w.filter(|w| w.unit_plural).and_then(|w| w.unit) {
            if i > 0 && self.word(i - 1).is_some_and(|p| p.duration_prep) && !t.is_capitalized() {
                return Some(Found::other(
                    i + 1,
                    TimexType::Duration,
                    duration_value(None, u),
                    "duration-vague",
                ));
            }
        }
        let mut j = i;
        let mut lead = false;
        if w.is_some_and(|w| w.duration_lead) {
            j += 1;
            lead = true;
        }
        // "the past year", "the past decade": one unit back from now.
        if lead && self.has(i, |w| w.past_word) {
            if let Some(u) = self.word(j).and_then(|w| w.unit.filter(|_| !w.unit_plural)) {
                return Some(
                    Found::other(
                        j + 1,
                        TimexType::Duration,
                        duration_value(Some(1.0), u),
                        "duration-past",
                    )
                    .the(),
                );
            }
        }
        let (amount, k) = match self.amount(j) {
            Some(x) => x,
            None if lead && self.word(j).is_some_and(|w| w.unit_plural) => {
                // "recent weeks", "coming months", "past years"
                let u = self.word(j)?.unit?;
                return Some(
                    Found::other(
                        j + 1,
                        TimexType::Duration,
                        duration_value(None, u),
                        "duration-vague",
                    )
                    .the(),
                );
            }
            None => return None,
        };
        let wu = self.word(k)?;
        let unit = wu.unit?;
        // "60 Minutes" is a title; "a second consecutive day" an ordinal.
        if self.tok(k).is_some_and(|u| u.is_capitalized())
            || wu.ambiguous_unit && !self.unit_end_ok(k + 1)
        {
            return None;
        }
        // "52 years old" is an age; "the 1988 second quarter" a year.
        if self.has(k + 1, |w| w.age) || self.year_number(j).is_some() && !wu.unit_plural {
            return None;
        }
        // Singular after numbers other than one ("two year") happens only in adjectives; plural after "a" never.
        if amount == Some(1.0) && wu.unit_plural {
            return None;
        }
        if amount.is_none() && !wu.unit_plural {
            return None;
        }
        // "a year" alone is a duration only after "for", "within"...
        if self.has(i, |w| w.indefinite)
            && k == i + 1
            && !(i > 0 && self.word(i - 1).is_some_and(|p| p.duration_prep))
        {
            return None;
        }
        let mut end = k + 1;
        // "the first three months of 2024" stays a duration; "-long" is part of it.
        if self.has(end, |w| w.duration_suffix) && self.punct(end - 1, '-') {
            end += 1;
        }
        Some(
            Found::other(
                end,
                TimexType::Duration,
                duration_value(amount, unit),
                "duration",
            )
            .the(),
        )
    }

    /// A year in a date context: "in 1998", "1998,", "the 2024 election", "fiscal 2024".
    fn year(&self, i: usize) -> Option<Found> {
        let y = self.year_number(i)?;
        let prev = if i > 0 { self.tok(i - 1) } else { None };
        let prev_w = if i > 0 { self.word(i - 1) } else { None };
        let lex = compiled();
        // "$2025", "about 2000 tons", "2001 people", "Flight 1549", "2000%".
        if prev.is_some_and(|p| lex.amount_symbols.iter().any(|s| p.text == s.as_str())) {
            return None;
        }
        if prev.is_some_and(|p| {
            lex.amount_prefixes
                .iter()
                .any(|s| p.text.eq_ignore_ascii_case(s))
        }) {
            return None;
        }
        // "the 1400 block", "2100 Main Street": addresses.
        let address = |k: usize| self.word(k).is_some_and(|w| w.address);
        let after_prep = prev_w.is_some_and(|w| w.year_prep && !w.address_prep);
        // A name after the number ("of 1311 Northwest 2nd Avenue") may be a street's.
        let street_name_next = self.tok(i + 1).is_some_and(|t| t.is_capitalized());
        // After "fiscal", a month or "in", a year-like number is a year even before a plural
        // ("fiscal 1989 sales", "in 1998 prices fell"); elsewhere a plural makes it a count.
        // So is one between a determiner and an event's name: "the 2023 floods".
        let names_event = prev_w.is_some_and(|w| w.year_det)
            && self
                .tok(i + 1)
                .is_some_and(|t| crate::recognize::events::is_trigger_word(&t.text.to_lowercase()));
        let strong = prev_w.is_some_and(|w| w.fiscal || w.month.is_some() || w.season.is_some())
            || (after_prep || names_event) && (BARE_YEARS.0..=BARE_YEARS.1).contains(&y);
        if !strong && self.counted_noun(i + 1)
            || address(i + 1)
            || (!after_prep || street_name_next) && (address(i + 2) || address(i + 3))
        {
            return None;
        }
        let next = self.tok(i + 1);
        if next.is_some_and(|n| n.kind == TokenKind::Punct && matches!(n.text, "%" | "/")) {
            return None;
        }
        if next.is_some_and(|n| n.kind == TokenKind::Number) {
            return None;
        }
        let after_date_word = prev_w.is_some_and(|w| {
            w.year_prep || w.fiscal || w.month.is_some() || w.season.is_some() || w.year_det
        });
        // A capitalized word before a number names a thing ("Windows 2000").
        let after_name = i > 1 && prev.is_some_and(|p| p.is_capitalized()) && !after_date_word;
        let after_number = prev.is_some_and(|p| p.kind == TokenKind::Number);
        if after_name || after_number && !after_date_word {
            return None;
        }
        if !after_date_word && !(BARE_YEARS.0..=BARE_YEARS.1).contains(&y) {
            return None;
        }
        let fiscal = prev_w.is_some_and(|w| w.fiscal);
        Some(Found::date(
            i + 1,
            DateValue::year(y),
            None,
            if fiscal { "fiscal-year" } else { "year" },
        ))
    }

    /// "1990s", "'90s", "the nineties".
    fn decade(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let body = if t.is_punct('\'') || t.is_punct('\u{2019}') {
            self.tok(i + 1)?
        } else {
            t
        };
        let end = if body.start == t.start { i + 1 } else { i + 2 };
        if let Some(dw) = self.word(i).and_then(|w| w.decade_word) {
            let century = self.published.map(|d| d.year / 100).unwrap_or(19);
            let mut y = century * 100 + dw as i32 * 10;
            if let Some(d) = self.published {
                if y > d.year {
                    y -= 100;
                }
            }
            return Some(Found::date(i + 1, decade_value(y), None, "decade").the());
        }
        // "since '82": a year with its century left out, the most recent one.
        if body.start != t.start && body.kind == TokenKind::Number && body.text.len() == 2 {
            let v: i32 = body.text.parse().ok()?;
            let mut y = 1900 + v;
            if let Some(d) = self.published {
                if y + 100 <= d.year {
                    y += 100;
                }
            }
            return Some(Found::date(end, DateValue::year(y), None, "year-short"));
        }
        // "1990's" is "1990" and a possessive-looking "'s".
        if body.kind == TokenKind::Number && self.has(end, |w| w.possessive) {
            let v: i32 = body.text.parse().ok()?;
            if body.text.len() == 4 && v % 10 == 0 {
                return Some(Found::date(end + 1, decade_value(v), None, "decade").the());
            }
            return None;
        }
        let digits = body
            .text
            .strip_suffix('s')
            .or_else(|| body.text.strip_suffix("'s"))?;
        if body.kind != TokenKind::Alnum || !is_digits(digits) {
            return None;
        }
        // "in his 30s" is an age; "the 80s", "'80s" are decades.
        let apostrophe = body.start != t.start;
        if digits.len() == 2
            && !apostrophe
            && !self.prefixed
            && (i == 0 || !self.has(i - 1, |w| w.definite))
        {
            return None;
        }
        let v: i32 = digits.parse().ok()?;
        let y = match digits.len() {
            4 if v % 10 == 0 => v,
            2 if v % 10 == 0 => {
                // "'90s": the most recent such decade that has begun.
                let mut y = 1900 + v;
                if let Some(d) = self.published {
                    if y + 100 <= d.year {
                        y += 100;
                    }
                }
                y
            }
            _ => return None,
        };
        Some(Found::date(end, decade_value(y), None, "decade").the())
    }

    /// "the 19th century".
    fn century(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let n = token_ordinal_value(t)? as i32;
        let w = self.word(i + 1)?;
        let u = w.unit?;
        if u.factor != 100 || w.unit_plural || !(1..=30).contains(&n) {
            return None;
        }
        Some(Found::date(i + 2, century_value(n - 1), None, "century").the())
    }

    /// "spring 2024", "the spring of 2024", "in the summer".
    fn season(&self, i: usize) -> Option<Found> {
        let code = self.word(i)?.season?;
        let k = if self.has(i + 1, |w| w.partitive) {
            i + 2
        } else {
            i + 1
        };
        if let Some((y, e)) = self.year_after(k) {
            return Some(Found::date(e, season_value(y, code)?, None, "season-year").the());
        }
        // A bare season needs "the" or a preposition before it ("fall" is also a verb).
        let prev_ok = i > 0 && self.word(i - 1).is_some_and(|w| w.season_prep) || self.prefixed;
        // "the fall of Saigon"
        if !prev_ok || self.has(i + 1, |w| w.partitive) {
            return None;
        }
        match self.published {
            Some(dct) => {
                let y = pick_year(dct, self.tense(), |y| season_bounds(y, code))?;
                Some(
                    Found::date(
                        i + 1,
                        season_value(y, code)?,
                        self.published_label(),
                        "season",
                    )
                    .the(),
                )
            }
            None => Some(
                Found::date(
                    i + 1,
                    unplaced(
                        &format!("{code} (year unknown)"),
                        &format!("XXXX-{code}"),
                        Granularity::Season,
                    ),
                    None,
                    "season",
                )
                .the(),
            ),
        }
    }

    /// "the third quarter", "Q3 2024", "third-quarter", "the first half of 2024".
    fn quarter(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let mut year_before = None;
        let (n, part, mut j) = if t.kind == TokenKind::Alnum
            && t.text.len() == 2
            && (t.text.starts_with('Q') || t.text.starts_with('H'))
        {
            let n: u8 = t.text[1..].parse().ok()?;
            (n, t.text.chars().next()?, i + 1)
        } else if let Some((l, r)) = t.text.split_once('-').filter(|_| t.kind == TokenKind::Word) {
            let n = ordinal_value(l)? as u8;
            (n, lookup(r)?.year_part?, i + 1)
        } else {
            let mut k = i;
            if self.word(k).is_some_and(|w| w.fiscal) {
                k += 1;
            }
            // "the 1988 second quarter", "fiscal 1989 first half"
            if let Some(y) = self.year_number(k) {
                year_before = Some(y);
                k += 1;
                if self.word(k).is_some_and(|w| w.fiscal) {
                    k += 1;
                }
            }
            let p = self.word(k + 1)?.year_part?;
            // "the final quarter" is the fourth, "the final half" the second.
            let n = match token_ordinal_value(self.tok(k)?) {
                Some(v) => v as u8,
                None if self.has(k, |w| w.last_part) => {
                    if p == 'Q' {
                        4
                    } else {
                        2
                    }
                }
                None => return None,
            };
            (n, p, k + 2)
        };
        // "of 2024", "2024", "of fiscal 2024"
        let mut k = j;
        if self.has(k, |w| w.partitive) {
            k += 1;
        }
        if self.word(k).is_some_and(|w| w.fiscal) {
            k += 1;
        }
        let year = year_before
            .or_else(|| {
                self.year_number(k).inspect(|_| {
                    j = k + 1;
                })
            })
            .or_else(|| {
                // "the first quarter of last year"
                let (y, e) = self.relative_year(k)?;
                j = e;
                Some(y)
            });
        let value = |y: i32| {
            if part == 'Q' {
                quarter_value(y, n)
            } else {
                half_value(y, n)
            }
        };
        let v = match (year, self.published) {
            (Some(y), _) => return Some(Found::date(j, value(y)?, None, "quarter-year").the()),
            (None, Some(dct)) => {
                // A part of the year that has not begun yet is last year's, unless the future is meant.
                let this = value(dct.year)?;
                match this.interval() {
                    Some((a, _)) if a > dct && !self.future() => value(dct.year - 1)?,
                    _ => this,
                }
            }
            (None, None) => {
                let timex = format!("XXXX-{part}{n}");
                unplaced(
                    &format!("{part}{n} (year unknown)"),
                    &timex,
                    Granularity::Quarter,
                )
            }
        };
        let label = self.published_label();
        Some(Found::date(j, v, label, "quarter").the())
    }

    /// References, holidays and position phrases from the lexicon.
    fn phrase(&self, i: usize) -> Option<(usize, &'static Phrase)> {
        let w = self.word(i)?;
        if !w.one_word_phrase
            && !w
                .phrase_seconds
                .contains(self.tok(i + 1).and_then(|t| t.word))
        {
            return None;
        }
        for p in &w.phrases {
            let n = p.words.len();
            if i + n > self.toks.len() {
                continue;
            }
            let lex = compiled();
            if p.words.iter().enumerate().all(|(k, pw)| {
                let t = self.toks[i + k].word;
                t == Some(*pw) || (*pw == lex.possessive && t == Some(lex.curly_possessive))
            }) {
                return Some((i + n, p));
            }
        }
        None
    }

    fn holiday_or_reference(&self, i: usize) -> Option<Found> {
        let (end, p) = self.phrase(i)?;
        match &p.kind {
            PhraseKind::Reference(r) => {
                // "now that" is a conjunction
                if self.has(end, |w| w.clause_boundary) && self.has(i, |w| w.conjunctive) {
                    return None;
                }
                let label = self.published_label();
                Some(Found::date(end, reference_value(r), label, "reference"))
            }
            PhraseKind::Holiday(h) => {
                // "Easter week", "the Christmas season": a period around the day.
                if !self.tok(i).is_some_and(|t| t.is_capitalized())
                    || self
                        .word(end)
                        .is_some_and(|w| w.unit.is_some() && w.part_of_day.is_none())
                {
                    return None;
                }
                if let Some((y, e)) = self.year_after(end) {
                    return Some(Found::date(
                        e,
                        DateValue::day(holiday_date(y, *h)?),
                        None,
                        "holiday-year",
                    ));
                }
                // "a Halloween party", "the New Year's Eve party bus": an occasion named
                // after a holiday is held about then, maybe the night before, and what
                // happened at it maybe after midnight.
                let names_a_noun = self.has(end, |w| w.holiday_occasion);
                match self.published {
                    Some(dct) => {
                        let y =
                            pick_year(dct, self.tense(), |y| holiday_date(y, *h).map(|d| (d, d)))?;
                        let found = Found::date(
                            end,
                            DateValue::day(holiday_date(y, *h)?),
                            self.published_label(),
                            if names_a_noun {
                                "holiday-modifier"
                            } else {
                                "holiday"
                            },
                        );
                        Some(if names_a_noun {
                            found.modified(DateMod::Approx)
                        } else {
                            found
                        })
                    }
                    None => match h {
                        Holiday::Fixed { month, day } => Some(Found::date(
                            end,
                            DateValue::year_less(*month, Some(*day)),
                            None,
                            "holiday",
                        )),
                        Holiday::NthWeekday { .. } | Holiday::FromEaster { .. } => {
                            Some(Found::date(
                                end,
                                unplaced(
                                    "a holiday (year unknown)",
                                    "XXXX-XX-XX",
                                    Granularity::Day,
                                ),
                                None,
                                "holiday",
                            ))
                        }
                    },
                }
            }
            PhraseKind::Position(_) => None,
        }
    }

    /// Clock times: "6 p.m.", "10:30", "noon", with an optional zone and day: "10 p.m. Wednesday".
    fn clock(&self, i: usize, before: &[TimexMention]) -> Option<Found> {
        let t = self.tok(i)?;
        let (mut h, m, mut j) = if let Some((h, m)) = self.word(i).and_then(|w| w.clock) {
            (h as u32, m as u32, i + 1)
        } else if t.kind == TokenKind::Number
            && t.text.len() == 4
            && is_digits(t.text)
            && self.has(i + 1, |w| w.time_zone)
        {
            // "0800 UTC": a 24-hour clock written without a colon needs its zone to be a time.
            let v: u32 = t.text.parse().ok()?;
            let (h, m) = (v / 100, v % 100);
            if h > 23 || m > 59 {
                return None;
            }
            (h, m, i + 1)
        } else if t.kind == TokenKind::Number && t.text.len() <= 2 && is_digits(t.text) {
            let h: u32 = t.text.parse().ok()?;
            if self.punct(i + 1, ':') {
                let mt = self.tok(i + 2)?;
                if mt.kind != TokenKind::Number || mt.text.len() != 2 || !is_digits(mt.text) {
                    return None;
                }
                (h, mt.text.parse().ok()?, i + 3)
            } else {
                (h, 0, i + 1)
            }
        } else if t.kind == TokenKind::Alnum {
            // "6pm"
            let split = t.text.find(|c: char| c.is_ascii_alphabetic())?;
            let (d, suf) = t.text.split_at(split);
            if !is_digits(d) || d.len() > 2 {
                return None;
            }
            let mer = lookup(suf)?.meridiem?;
            let h: u32 = d.parse().ok()?;
            if !(1..=12).contains(&h) {
                return None;
            }
            (h % 12 + mer as u32, 0, i + 1)
        } else {
            return None;
        };
        let had_colon = j == i + 3 || t.text.len() == 4;
        // Meridiem: "pm", "p.m.", "p.m"
        let mut meridiem = None;
        if t.kind == TokenKind::Number {
            if let Some(mv) = self.word(j).and_then(|w| w.meridiem) {
                meridiem = Some(mv);
                j += 1;
                if self.punct(j, '.') && j + 1 < self.toks.len() {
                    j += 1;
                }
            } else if let (Some(a), true, Some(b)) =
                (self.tok(j), self.punct(j + 1, '.'), self.tok(j + 2))
            {
                if a.text.len() == 1 && b.text.len() == 1 {
                    let joined = [a.text, b.text].concat();
                    if let Some(mv) = lookup(&joined).and_then(|w| w.meridiem) {
                        meridiem = Some(mv);
                        j += 3;
                        // Keep the final period unless it ends the sentence.
                        if self.punct(j, '.') && j + 1 < self.toks.len() {
                            j += 1;
                        }
                    }
                }
            }
            match meridiem {
                Some(mv) => {
                    if !(1..=12).contains(&h) {
                        return None;
                    }
                    h = h % 12 + mv as u32;
                }
                None if had_colon => {
                    if h > 23 || m > 59 {
                        return None;
                    }
                }
                None => return None,
            }
        }
        if m > 59 {
            return None;
        }
        // A zone that is UTC makes the value exact ("18:00 UTC" is 18:00Z); others are kept local.
        let mut zulu = false;
        if let Some(w) = self.word(j).filter(|w| w.time_zone) {
            zulu = w.utc;
            j += 1;
        }
        // A day right after: "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST, Nov. 9".
        let mut k = j;
        // "on Sunday" gives the day but stays a mention of its own.
        let on = self.has(k, |w| w.day_prep);
        if self.punct(k, ',') || on {
            k += 1;
        }
        let day_after = self
            .weekday(k, None)
            .or_else(|| self.relative_day(k))
            .or_else(|| self.month_led(k))
            .filter(|f| {
                f.kind == TimexType::Date
                    && f.date
                        .as_ref()
                        .is_some_and(|d| d.granularity == Granularity::Day)
            });
        // "10 p.m. Sunday" is a weekday read back, as "Sunday" alone is.
        let rule = match day_after.as_ref().map(|f| f.rule) {
            Some("weekday-past") => "clock-weekday-past",
            _ => "clock",
        };
        let (day, anchor, end) = match day_after {
            Some(f) => (
                f.date.map(|d| d.timex),
                f.anchor,
                if on { j } else { f.end },
            ),
            None => {
                // The day of a date just before ("Tuesday at 6 p.m."), else the discourse.
                let recent = before.last().filter(|b| {
                    b.tokens.1 + 2 >= i
                        && b.date
                            .as_ref()
                            .is_some_and(|d| d.granularity == Granularity::Day)
                });
                match recent {
                    Some(b) => (
                        b.date.as_ref().map(|d| d.timex.clone()),
                        b.anchor.clone(),
                        j,
                    ),
                    None => match self.discourse_anchor(Granularity::Day) {
                        Some((d, l)) => (Some(d.to_string()), Some(l), j),
                        None => (None, None, j),
                    },
                }
            }
        };
        // "2025-07-07T18:00Z", written without the formatting machinery as day values are.
        let day = day.as_deref().unwrap_or("XXXX-XX-XX");
        let mut value = String::with_capacity(day.len() + 7);
        value.push_str(day);
        value.push('T');
        push_digits(&mut value, h, 2);
        value.push(':');
        push_digits(&mut value, m, 2);
        if zulu {
            value.push('Z');
        }
        Some(Found {
            anchor,
            ..Found::other(end, TimexType::Time, value, rule)
        })
    }

    /// "every week", "each Monday", "daily", "$5 a year".
    fn set(&self, i: usize) -> Option<Found> {
        let w = self.word(i)?;
        if let Some(v) = w.set_adverb {
            // "the Daily News" is a name.
            let t = self.tok(i)?;
            if t.is_capitalized() && (i > 0 || self.tok(i + 1).is_some_and(|n| n.is_capitalized()))
            {
                return None;
            }
            // "its quarterly dividend", "average daily volume": adjectives, not frequencies.
            if i > 0
                && self
                    .word(i - 1)
                    .is_some_and(|p| p.year_det || p.rate || p.set_context)
            {
                return None;
            }
            return Some(Found::other(
                i + 1,
                TimexType::Set,
                v.to_string(),
                "set-adverb",
            ));
        }
        if w.set_word {
            let (amount, j) = match self.amount(i + 1) {
                Some((a @ Some(_), j)) if !self.has(i + 1, |w| w.indefinite) => (a, j),
                _ => (Some(1.0), i + 1),
            };
            if let Some(wd) = self.weekday_at(j) {
                return Some(Found::other(
                    j + 1,
                    TimexType::Set,
                    format!("XXXX-WXX-{}", wd + 1),
                    "set-weekday",
                ));
            }
            let wj = self.word(j)?;
            if let Some(m) = wj.month {
                return Some(Found::other(
                    j + 1,
                    TimexType::Set,
                    format!("XXXX-{m:02}"),
                    "set-month",
                ));
            }
            if let Some(code) = wj.season {
                return Some(Found::other(
                    j + 1,
                    TimexType::Set,
                    format!("XXXX-{code}"),
                    "set-season",
                ));
            }
            if let Some(p) = wj.part_of_day {
                return Some(Found::other(
                    j + 1,
                    TimexType::Set,
                    format!("XXXX-XX-XXT{p}"),
                    "set-part-of-day",
                ));
            }
            let unit = wj.unit?;
            return Some(Found::other(
                j + 1,
                TimexType::Set,
                duration_value(amount, unit),
                "set-every",
            ));
        }
        if w.rate && i > 0 {
            let prev = self.tok(i - 1)?;
            let after_count = prev.kind == TokenKind::Number || self.has(i - 1, |w| w.rate_counter);
            let wu = self.word(i + 1)?;
            let unit = wu.unit.filter(|_| !wu.unit_plural)?;
            if after_count {
                return Some(Found::other(
                    i + 2,
                    TimexType::Set,
                    duration_value(Some(1.0), unit),
                    "set-rate",
                ));
            }
        }
        None
    }

    /// The core expressions at `i`, longest first.
    fn core(&self, i: usize, before: &[TimexMention]) -> Option<Found> {
        let t = self.tok(i)?;
        let mut best: Option<Found> = None;
        let mut consider = |f: Option<Found>| {
            if let Some(f) = f {
                if best.as_ref().is_none_or(|b| f.end > b.end) {
                    best = Some(f);
                }
            }
        };
        match t.kind {
            TokenKind::Number => {
                consider(self.clock(i, before));
                consider(self.day_led(i));
                consider(self.offset(i));
                consider(self.duration(i));
                consider(self.year(i));
                if self.year_number(i).is_some() {
                    consider(self.quarter(i));
                    consider(self.decade(i));
                }
                consider(self.slash_date(i));
                consider(self.iso_date(i));
            }
            TokenKind::Alnum => {
                consider(self.iso_date(i));
                consider(self.clock(i, before));
                consider(self.day_led(i));
                consider(self.day_of_month(i));
                consider(self.decade(i));
                consider(self.century(i));
                consider(self.quarter(i));
                consider(self.duration(i));
            }
            TokenKind::Punct => {
                if t.is_punct('\'') || t.is_punct('\u{2019}') {
                    consider(self.decade(i));
                }
            }
            TokenKind::Word => {
                let w = self.word(i);
                if w.is_none() && !t.is_hyphenated() {
                    if is_teen(t.text) {
                        if let Some((y, e)) = self.spoken_year(i) {
                            let after_prep = i > 0 && self.word(i - 1).is_some_and(|p| p.year_prep);
                            let ends = self.tok(e).is_none_or(|n| n.kind == TokenKind::Punct);
                            if after_prep || ends {
                                consider(Some(Found::date(
                                    e,
                                    DateValue::year(y),
                                    None,
                                    "year-words",
                                )));
                            }
                        }
                    }
                    // Only number words ("three", "third") go on: every one of them is in the
                    // vocabulary as a possible start of a number, so other words stop here
                    // without being parsed.
                    if !may_start_number(t) {
                        return best;
                    }
                    // Word numbers start durations and offsets ("three years", "two days ago").
                    if token_word_value(t).is_some() || self.has(i, |w| w.indefinite) {
                        consider(self.offset(i));
                        consider(self.duration(i));
                        consider(self.set(i));
                    } else if token_ordinal_value(t).is_some() {
                        consider(self.day_led(i));
                        consider(self.quarter(i));
                        consider(self.century(i));
                    }
                    return best;
                }
                if t.is_hyphenated() {
                    consider(self.duration(i));
                    consider(self.quarter(i));
                    consider(self.unit_offset_adjective(i));
                }
                if let Some(w) = w {
                    if w.month.is_some() {
                        consider(self.month_led(i));
                    }
                    if w.weekday.is_some() {
                        consider(self.weekday(i, None));
                    }
                    if w.relative_day.is_some() || w.today_part.is_some() {
                        consider(self.relative_day(i));
                    }
                    // "the previous week" counts from the discourse: it goes first and wins ties.
                    if w.discourse_direction.is_some() || w.demonstrative {
                        consider(self.discourse(i));
                    }
                    if w.direction.is_some() {
                        consider(self.direction(i));
                    }
                    if w.season.is_some() {
                        consider(self.season(i));
                    }
                    if w.decade_word.is_some() {
                        consider(self.decade(i));
                    }
                    if w.fiscal || w.last_part {
                        consider(self.quarter(i));
                        if let Some(f) = self.year(i + 1) {
                            consider(Some(Found {
                                rule: "fiscal-year",
                                ..f
                            }));
                        }
                    }
                    if w.unit.is_some() {
                        consider(self.offset(i));
                        consider(self.duration(i));
                    }
                    if w.vague || w.duration_lead {
                        consider(self.offset(i));
                        consider(self.duration(i));
                    }
                    if w.set_word || w.set_adverb.is_some() || w.rate {
                        consider(self.set(i));
                    }
                    if !w.phrases.is_empty() {
                        consider(self.holiday_or_reference(i));
                    }
                    if w.year_det {
                        consider(self.period(i));
                    }
                    if w.clock.is_some() {
                        consider(self.clock(i, before));
                    }
                }
                // Lexicon words that are also numbers ("second", "first"), flagged once.
                let (number, ordinal) = w.map(|w| (w.number, w.ordinal)).unwrap_or((false, false));
                if ordinal {
                    consider(self.day_led(i));
                    consider(self.quarter(i));
                    consider(self.century(i));
                }
                if number || self.has(i, |w| w.indefinite) {
                    consider(self.offset(i));
                    consider(self.duration(i));
                    consider(self.set(i));
                }
            }
        }
        best
    }

    /// "2025-06-27", "2013-W11".
    fn iso_date(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let s = t.text;
        let b = s.as_bytes();
        if s.len() == 10 && b[4] == b'-' && b[7] == b'-' {
            let d = CivilDate::parse(s)?;
            return Some(Found::date(i + 1, DateValue::day(d), None, "iso-date"));
        }
        if s.len() >= 7 && s.len() <= 8 && b[4] == b'-' && (b[5] == b'W' || b[5] == b'w') {
            let y: i32 = s[..4].parse().ok()?;
            let w: u8 = s[6..].parse().ok()?;
            let monday = CivilDate::from_iso_week(y, w)?;
            return Some(Found::date(i + 1, week_value(monday)?, None, "iso-week"));
        }
        None
    }

    /// "6/27/2025" in US order.
    fn slash_date(&self, i: usize) -> Option<Found> {
        let num = |k: usize, max_len: usize| -> Option<u32> {
            let t = self.tok(k)?;
            (t.kind == TokenKind::Number && t.text.len() <= max_len && is_digits(t.text))
                .then(|| t.text.parse().ok())
                .flatten()
        };
        let m = num(i, 2)?;
        if !self.punct(i + 1, '/') || !self.punct(i + 3, '/') {
            return None;
        }
        let d = num(i + 2, 2)?;
        let yt = self.tok(i + 4)?;
        let y = num(i + 4, 4)? as i32;
        let y = match yt.text.len() {
            4 => y,
            2 => {
                if y >= 50 {
                    1900 + y
                } else {
                    2000 + y
                }
            }
            _ => return None,
        };
        let date = CivilDate::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)?;
        Some(Found::date(i + 5, DateValue::day(date), None, "slash-date"))
    }

    /// An expression starting at `i` (possibly after "the" and "early"/"the end of"),
    /// returned with the index of its first token.
    fn at(&self, i: usize, before: &[TimexMention]) -> Option<(usize, Found)> {
        let t = self.tok(i)?;
        self.focus.set(i);
        // Most words start nothing: a word unknown to the lexicon can only be a number word
        // ("three years", "the third quarter"), and then a unit or month follows closely.
        // Punctuation starts only a decade written with an apostrophe ("'90s").
        if t.kind == TokenKind::Punct && !t.is_punct('\'') && !t.is_punct('\u{2019}') {
            return None;
        }
        // (A hyphenated word goes on: "mid-March". It is tested last, as it reads the text.)
        if t.kind == TokenKind::Word {
            match self.word(i) {
                None => {
                    let date_word_follows = self.date_word_near.get(i).copied().unwrap_or(false);
                    if !date_word_follows && !is_teen(t.text) && !t.is_hyphenated() {
                        return None;
                    }
                }
                // A function word of the grammar ("in", "was") starts nothing by itself.
                Some(w) if !w.starts && !t.is_hyphenated() => return None,
                Some(_) => {}
            }
        }
        let det = self.has(i, |w| w.definite);
        let j = if det { i + 1 } else { i };
        // early/mid/late and "the end of"
        let mut position: Option<(DateMod, usize)> = None;
        if let Some(m) = self.word(j).and_then(|w| w.position) {
            let k = if self.punct(j + 1, '-') { j + 2 } else { j + 1 };
            position = Some((m, k));
        } else if let Some((end, p)) = self.phrase(i) {
            if let PhraseKind::Position(m) = p.kind {
                position = Some((m, end));
            }
        }
        if let Some((m, k)) = position {
            if let Some(f) = self.core(k, before).filter(|f| {
                f.date.as_ref().is_some_and(|d| {
                    d.granularity != Granularity::Day || f.rule.starts_with("relative")
                }) || f.kind == TimexType::Date
            }) {
                if f.kind == TimexType::Date
                    && f.date.as_ref().is_some_and(|d| {
                        matches!(
                            d.span,
                            DateSpan::Interval { .. }
                                | DateSpan::YearLess { .. }
                                | DateSpan::Unplaced
                        )
                    })
                {
                    return Some((i, f.modified(m)));
                }
            }
        }
        // "mid-March", "early-2000s", "mid-1990s": a position glued to its date.
        if let Some((l, r)) = self
            .tok(j)
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Alnum) && t.is_hyphenated())
            .and_then(|t| t.text.split_once('-'))
        {
            if let Some(m) = lookup(l).and_then(|w| w.position) {
                if let Some(f) = self.split_position(j, l.len() + 1, r) {
                    return Some((i, f.modified(m)));
                }
            }
        }
        // "earlier that day", "later that week": the day itself.
        if self
            .word(i)
            .is_some_and(|w| w.offset.is_some_and(|(_, discourse)| discourse))
            && self.word(i + 1).is_some_and(|w| w.demonstrative)
        {
            if let Some(f) = self.discourse(i + 1) {
                return Some((i, f));
            }
        }
        if det {
            // "the future" is a phrase starting at "the"; "the 1990s" a core that takes it.
            let with_the = self.core(j, before).filter(|f| f.takes_the);
            let phrase = self.core(i, before).filter(|f| f.end > j);
            return match (with_the, phrase) {
                (Some(a), Some(b)) => Some((i, if b.end > a.end { b } else { a })),
                (Some(a), None) | (None, Some(a)) => Some((i, a)),
                (None, None) => None,
            };
        }
        let f = self.core(i, before)?;
        Some((i, f))
    }

    /// Recognizes the part of token `j` after a glued position word, with the tokens after it.
    fn split_position(&self, j: usize, offset: usize, rest: &str) -> Option<Found> {
        let t = self.tok(j)?;
        let inner = tokenize(rest, t.start + offset);
        if inner.len() != 1 {
            return None;
        }
        let mut toks: Vec<Token<'a>> = Vec::with_capacity(6);
        toks.push(Token {
            text: &t.text[offset..],
            ..inner[0]
        });
        toks.extend(self.toks.iter().skip(j + 1).take(5).copied());
        let words: Vec<Option<&'static Word>> = toks
            .iter()
            .map(|t| {
                if t.kind == TokenKind::Word {
                    compiled().token_word(t)
                } else {
                    None
                }
            })
            .collect();
        let mut near = Vec::new();
        date_words_near(&words, &mut near);
        let sub = Scan {
            toks: &toks,
            words: &words,
            date_word_near: &near,
            published: self.published,
            published_label: self.published_label,
            last: self.last.clone(),
            future_fixed: Some(self.tense()),
            focus: Cell::new(0),
            last_amount: Cell::new(None),
            prefixed: true,
        };
        let f = sub.core(0, &[])?;
        if f.kind != TimexType::Date {
            return None;
        }
        Some(Found {
            end: j + f.end,
            ..f
        })
    }
}

fn weekday_name(wd: u8) -> &'static str {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    .get(wd as usize)
    .copied()
    .unwrap_or("?")
}

/// Joins two dates of a sentence that state one range of days ("between early Saturday and
/// late Sunday", "from June 3 to June 5") into one mention spanning both, whose date is
/// every day from the first's first to the second's last: an event dated by a range
/// happened on some day of it, so neither end alone contradicts another account. Only
/// calendar dates of a day or a month join, the second no earlier than the first.
pub fn join_ranges(tokens: &[Token], timexes: Vec<TimexMention>) -> Vec<TimexMention> {
    let lex = compiled();
    let mut out: Vec<TimexMention> = Vec::with_capacity(timexes.len());
    for next in timexes {
        let joined = out.last().and_then(|first| {
            let connector =
                (next.tokens.0 == first.tokens.1 + 1).then(|| &tokens[first.tokens.1])?;
            let opener = first.tokens.0.checked_sub(1).map(|k| &tokens[k]);
            let opened = opener.is_some_and(|o| {
                lex.range_openers
                    .iter()
                    .any(|(word, joins)| o.is(word) && joins.iter().any(|j| connector.is(j)))
            });
            if !opened && !lex.range_connectors.iter().any(|j| connector.is(j)) {
                return None;
            }
            let ends = |t: &TimexMention| {
                let d = t
                    .date
                    .as_ref()
                    .filter(|d| d.granularity <= Granularity::Month)?;
                d.interval()
            };
            let ((from, _), (_, to)) = (ends(first)?, ends(&next)?);
            (from <= to).then(|| DateValue::range(from, to))
        });
        match (joined, out.last_mut()) {
            (Some(date), Some(first)) => {
                let relative = [first.rule, next.rule]
                    .iter()
                    .any(|r| crate::rule::is_relative_date(r, false));
                first.end = next.end;
                first.tokens.1 = next.tokens.1;
                first.value = date.timex.clone();
                first.modifier = None;
                first.timex_type = TimexType::Date;
                first.date = Some(date);
                first.rule = if relative { "range-relative" } else { "range" };
            }
            _ => out.push(next),
        }
    }
    out
}

/// True for a word of time: a weekday, a month, a part of the day, "yesterday", "tonight",
/// "noon" ("shot early Sunday morning said" names no speaker "morning").
pub fn is_time_word(t: &Token) -> bool {
    entry_of_word(t).is_some_and(|w| names_day(w) || w.part_of_day.is_some() || w.clock.is_some())
}

/// The lexicon entry of a token's word, a trailing period dropped ("Dec.", "Sun.").
fn entry_of_word(t: &Token) -> Option<&'static Word> {
    let id = crate::lexicon::get()
        .vocab
        .get(t.text.trim_end_matches('.'))?;
    compiled().entry(id)
}

/// A weekday, a month, a relative day ("yesterday") or today's part ("tonight").
fn names_day(w: &Word) -> bool {
    w.weekday.is_some() || w.month.is_some() || w.relative_day.is_some() || w.today_part.is_some()
}

/// True when the tokens name a day (a weekday, a month, a relative day such as "yesterday"
/// or "tonight", or a written date), as opposed to a bare clock time ("around 9:30 p.m.")
/// whose day is only the publication date by default.
pub fn names_a_day(tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        (t.kind == TokenKind::Number && t.text.contains(['/', '-']))
            || entry_of_word(t).is_some_and(names_day)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses_and_resolves_a_relative_date() {
        let text = "Police said the shooting happened Friday, two days after June 25.";
        let toks = tokenize(text, 0);
        let mut r = DateRecognizer::new(CivilDate::new(2025, 6, 30));
        let got: Vec<(String, String)> = r
            .recognize(&toks)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.value))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Friday".into(), "2025-06-27".into()),
                ("two days".into(), "P2D".into()),
                ("June 25".into(), "2025-06-25".into())
            ]
        );
    }
}
