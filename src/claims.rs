//! Claims: atomic, sourced statements built from one sentence's mentions.
//!
//! A claim says that one attribute of one event has one value ("the raid's date is June
//! 30", "the crash killed 38"), and keeps the exact sentence and byte span it came from,
//! who holds it (the outlet, or "police said") and how firmly (asserted, reported, hedged,
//! negated). Every claim names the rule that made it, so a reviewer can see why it exists.

use crate::calendar::CivilDate;
use crate::hash::stable_id;
use crate::ingest::{Source, StoryConfig};
use crate::lexicon::{self, Role, UNTYPED_INCIDENT};
use crate::recognize::dates::{TimexMention, TimexType};
use crate::recognize::entities::{join_tokens, EntityMention};
use crate::recognize::events::{Trigger, TriggerForm};
use crate::recognize::{recognize_source, SentenceMentions};
pub use crate::review::{ClaimReview, Origin, ReviewStatus};
use crate::rule;
use crate::token::Token;
use crate::value::quantity::format_number;
use crate::value::{DateValue, EntityKind, EntityValue, Granularity, Quantity, Value};
use serde::{Deserialize, Serialize};

/// The event type of the claims about one named person (their age).
pub const PERSON_EVENT: &str = "person";
/// The attribute of a person's stated age.
pub const AGE_ATTRIBUTE: &str = "age";

/// The event a claim is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRef {
    /// Event type from the lexicon ("raid", "crash"), or "incident" when only a toll is known.
    #[serde(rename = "type")]
    pub kind: String,
    /// Types of one family may describe one happening ("shootdown" and "crash").
    pub family: String,
    /// The trigger word(s) as written.
    pub trigger: String,
    /// Byte span of the trigger in the source file.
    pub trigger_span: [usize; 2],
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// How firmly the outlet states a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated by the outlet in its own voice.
    Asserted,
    /// Attributed to someone ("police said").
    Reported,
    /// Hedged ("reportedly", "may have", "claimed").
    Hedged,
    /// Denied or negated ("did not").
    Negated,
}

/// Who holds a claim.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Holder {
    /// The outlet, in its own voice.
    Outlet,
    /// Someone the outlet quotes or cites.
    Attributed { name: String, cue: String },
}

impl Holder {
    pub fn describe(&self) -> String {
        match self {
            Holder::Outlet => "the outlet".into(),
            Holder::Attributed { name, cue } => format!("{name} ({cue})"),
        }
    }
}

/// One atomic claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Content-derived: source, attribute, event type, sentence words and value.
    pub id: String,
    pub source: String,
    /// Byte span [start, end) of the sentence in the source file.
    pub span: [usize; 2],
    /// The sentence, verbatim.
    pub text: String,
    /// Byte span of the words that give the value.
    pub evidence: [usize; 2],
    pub event: EventRef,
    pub attribute: String,
    pub value: Value,
    pub holder: Holder,
    pub modality: Modality,
    /// The rule or lexicon entry that produced the claim.
    pub rule: String,
    /// `manual` for a claim a reviewer added by hand; absent for extracted claims.
    #[serde(default, skip_serializing_if = "Origin::is_extracted")]
    pub origin: Origin,
    /// A reviewer's decision on the claim, carried across re-extraction by claim id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ClaimReview>,
    /// Claim files only: a fingerprint of the claim as Concord wrote it, so that a later run
    /// tells a reviewer's direct edit from a change in the engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

impl Claim {
    /// The claim as the engine states it: without review, origin or digest.
    pub fn extracted_part(&self) -> Claim {
        Claim {
            origin: Origin::Extracted,
            review: None,
            digest: None,
            ..self.clone()
        }
    }

    /// True when a reviewer rejected the claim.
    pub fn is_rejected(&self) -> bool {
        self.review
            .as_ref()
            .is_some_and(|r| r.status == ReviewStatus::Rejected)
    }

    /// The words that give the value, as written.
    pub fn evidence_text(&self) -> &str {
        let cut = |at: usize| at.saturating_sub(self.span[0]);
        self.text
            .get(cut(self.evidence[0])..cut(self.evidence[1]))
            .unwrap_or_default()
    }

    /// The lowercase words of the sentence before and after a byte range of it.
    pub fn words_around(&self, range: [usize; 2]) -> (Vec<String>, Vec<String>) {
        let cut = |at: usize| at.saturating_sub(self.span[0]).min(self.text.len());
        let words = |s: &str| -> Vec<String> {
            s.split(|ch: char| !ch.is_alphanumeric() && ch != '-')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let before = self.text.get(..cut(range[0])).map_or(Vec::new(), words);
        let after = self.text.get(cut(range[1])..).map_or(Vec::new(), words);
        (before, after)
    }

    /// The ordinal right before the event's trigger in this sentence ("the 39th homicide",
    /// "a second shooting"): its number, with the sentence's lowercase words before the
    /// trigger (the ordinal last) and after it.
    pub fn ordinal_before_trigger(&self) -> Option<(f64, Vec<String>, Vec<String>)> {
        let trigger = self.event.trigger_span;
        if trigger[0] < self.span[0] || trigger[1] > self.span[1] {
            return None;
        }
        let (before, after) = self.words_around(trigger);
        let number = crate::recognize::numbers::ordinal_value(before.last()?)?;
        Some((number, before, after))
    }

    /// True when the outlet itself stands behind the claim.
    pub fn is_outlets_own(&self) -> bool {
        self.holder == Holder::Outlet && self.modality == Modality::Asserted
    }
}

/// An event mention local to one sentence, before claims are made of it.
#[derive(Clone, Debug)]
struct LocalEvent {
    event: EventRef,
    tokens: (usize, usize),
    incident: bool,
    /// For charge events: the token range naming the charges.
    charge: Option<(usize, usize)>,
}

/// The start of the participle phrase a role verb at `cue` stands in, if it stands in one
/// that no trigger interrupts: "opened fire on Saturday, killing three and wounding five
/// before police shot him dead" (the phrase opens at "killing", after its comma). Such a
/// phrase tells what the clause before it did, so its counts are that clause's event's.
fn participle_phrase_start(
    sm: &SentenceMentions,
    events: &[LocalEvent],
    cue: usize,
) -> Option<usize> {
    const REACH: usize = 12;
    let tokens = &sm.tokens;
    if !tokens.get(cue)?.lower().ends_with("ing") {
        return None;
    }
    (cue.saturating_sub(REACH).max(1)..=cue)
        .rev()
        .take_while(|&j| !events.iter().any(|e| e.tokens.0 <= j && j < e.tokens.1))
        .find(|&j| tokens[j].lower().ends_with("ing") && tokens[j - 1].is_punct(','))
}

/// The token opening a clause that a date ending at `end` is the time of: "since June 2023,
/// when a collision killed 290" (lexicon `temporal_relativizers`).
fn when_clause_after(tokens: &[Token], end: usize) -> Option<usize> {
    (end..tokens.len())
        .find(|&k| !tokens[k].is_punct(','))
        .filter(|&k| k <= end + 1 && grammar().temporal_relativizers.has(&tokens[k]))
}

/// The clause (token range) containing token `k`.
fn clause_of(sm: &SentenceMentions, k: usize) -> (usize, usize) {
    sm.clauses
        .iter()
        .copied()
        .find(|(a, b)| *a <= k && k < *b)
        .unwrap_or((0, sm.tokens.len()))
}

fn canonical(config: &StoryConfig, name: &str) -> String {
    config
        .canonical(name)
        .map(str::to_string)
        .unwrap_or_else(|| name.to_string())
}

fn entity_value(config: &StoryConfig, e: &EntityMention) -> EntityValue {
    let display = canonical(config, &e.value.display);
    let kind = config
        .entities
        .iter()
        .find(|a| a.name == display)
        .and_then(|a| a.kind)
        .unwrap_or(e.value.kind);
    EntityValue { display, kind }
}

/// Noun phrase right after a verb: determiners skipped, stops at a preposition other than
/// "of", at punctuation or after six words.
fn object_phrase(tokens: &[Token], from: usize, clause_end: usize) -> Option<(usize, usize)> {
    let lex = lexicon::get();
    let mut a = from;
    // "apologized to X", "an attack on X"
    if a < clause_end
        && ["to", "against", "on", "with"]
            .iter()
            .any(|p| tokens[a].is(p))
    {
        if tokens
            .get(a + 1)
            .is_some_and(|t| t.is_capitalized() || t.is("the"))
        {
            a += 1;
        } else {
            return None;
        }
    }
    while a < clause_end
        && (tokens[a].is("the")
            || tokens[a].is("a")
            || tokens[a].is("an")
            || tokens[a].is("its")
            || tokens[a].is("their"))
    {
        a += 1;
    }
    // ("the number detained has risen to 146": an auxiliary opens a predicate, no object.)
    let opens_predicate = |t: &Token| grammar().be_forms.has(t) || grammar().adverbials.has(t);
    if a < clause_end
        && (is_preposition(&tokens[a])
            || grammar().subordinators.has(&tokens[a])
            || opens_predicate(&tokens[a]))
    {
        return None;
    }
    let mut b = a;
    while b < clause_end && b - a < 6 {
        let t = &tokens[b];
        let lower = t.text.to_lowercase();
        if t.kind == crate::token::TokenKind::Punct && !t.is_punct('-') {
            break;
        }
        if b > a
            && (lex.entities.place_prepositions.contains(&lower)
                || [
                    "for", "by", "with", "as", "and", "who", "that", "which", "while", "after",
                    "before", "during", "over", "into",
                ]
                .contains(&lower.as_str()))
        {
            break;
        }
        if b > a && lower.ends_with("ed") && !t.is_capitalized() {
            break;
        }
        // "the capsizing of the MV Santa Lucia Express rose to 14": a predicate begins.
        if b > a && (opens_predicate(t) || grammar().update_verbs.has(t)) {
            break;
        }
        b += 1;
    }
    (b > a).then_some((a, b))
}

/// The grammar word lists of the lexicon.
fn grammar() -> &'static lexicon::Grammar {
    &lexicon::get().grammar
}

fn is_preposition(t: &Token) -> bool {
    grammar().prepositions.has(t)
}

fn phrase_text(tokens: &[Token], r: (usize, usize)) -> String {
    let words: Vec<&Token> = tokens[r.0..r.1].iter().collect();
    join_tokens(&words)
}

fn is_passive(tokens: &[Token], trigger: &Trigger) -> bool {
    let k = trigger.tokens.0;
    (1..=2).any(|d| k >= d && grammar().be_forms.has(&tokens[k - d]))
}

/// Builds the sentence's events from its triggers, with agent, target and place.
fn local_events(sm: &SentenceMentions, config: &StoryConfig) -> Vec<LocalEvent> {
    let tokens = &sm.tokens;
    let mut out: Vec<LocalEvent> = Vec::new();
    let series_words = &lexicon::get().events.series_words;
    let roundup = tokens.iter().any(|t| series_words.has(t));
    for tr in &sm.triggers {
        let ty = tr.event_type();
        let clause = clause_of(sm, tr.tokens.0);
        let passive = is_passive(tokens, tr);
        let is_charge = ty.family.as_deref() == Some("charge");
        // A verb form after a determiner or preposition is used as a noun ("into murders").
        let form = match tr.tokens.0.checked_sub(1).map(|p| &tokens[p]) {
            Some(p) if tr.form == TriggerForm::Verb && (is_preposition(p) || is_determiner(p)) => {
                TriggerForm::Noun
            }
            _ => tr.form,
        };
        let subject_before = |max_gap: usize| {
            sm.entities
                .iter()
                .filter(|e| {
                    e.tokens.1 <= tr.tokens.0
                        && e.tokens.0 >= clause.0
                        && tr.tokens.0 - e.tokens.1 <= max_gap
                })
                .filter(|e| e.tokens.0 == 0 || !is_preposition(&tokens[e.tokens.0 - 1]))
                .filter(|e| tokens[e.tokens.1..tr.tokens.0].iter().all(is_adverbial))
                .max_by_key(|e| (e.tokens.1, std::cmp::Reverse(e.tokens.0)))
                .map(|e| entity_value(config, e).display)
        };
        // The object phrase from token `from`; a time is not an object ("a shooting Friday
        // night", "the shooting on Friday").
        let object_from = |from: usize| {
            object_phrase(tokens, from, clause.1)
                .filter(|r| {
                    !sm.timexes
                        .iter()
                        .any(|t| t.tokens.0 < r.1 && r.0 < t.tokens.1)
                })
                .map(|r| canonical(config, &phrase_text(tokens, r)))
        };
        let mut agent = None;
        let mut target = None;
        if form == TriggerForm::Verb && !passive {
            let coordinated = tr.tokens.0 > 0 && tokens[tr.tokens.0 - 1].is("and");
            agent = if coordinated {
                // "raided the office and detained seven": the second verb shares the subject.
                out.iter()
                    .rev()
                    .find(|e| e.tokens.1 < tr.tokens.0 && e.tokens.0 >= clause.0)
                    .and_then(|e| e.event.agent.clone())
            } else {
                subject_before(3)
            };
            if !is_charge {
                target = object_from(tr.tokens.1);
            }
        } else if passive {
            // "X was detained by Y": the subject is the target.
            target = subject_before(4);
            if tokens.get(tr.tokens.1).is_some_and(|t| t.is("by")) {
                agent = sm
                    .entities
                    .iter()
                    .find(|e| e.tokens.0 == tr.tokens.1 + 1 || e.tokens.0 == tr.tokens.1 + 2)
                    .map(|e| entity_value(config, e).display);
            }
        } else if !is_charge
            && tokens
                .get(tr.tokens.1)
                .is_some_and(|t| t.is("of") || t.is("on") || t.is("against"))
        {
            target = object_from(tr.tokens.1 + 1);
        }
        if ty.subject_undergoes && target.is_none() {
            target = agent.take();
        }
        let place = place_near(sm, tr, clause, config);
        let family = ty.family.clone().unwrap_or_else(|| ty.name.clone());
        // "4 killed, 11 wounded in shootings across the city": the plural of an incident
        // names a series of incidents, whose totals are not one incident's figures; so
        // does a roundup's wording ("Two teens shot in 24-hour span").
        let series = ty.incident && (tr.plural || roundup);
        out.push(LocalEvent {
            event: EventRef {
                kind: if series {
                    format!("{}{SERIES}", ty.name)
                } else {
                    ty.name.clone()
                },
                family: if series {
                    format!("{family}{SERIES}")
                } else {
                    family
                },
                trigger: phrase_text(tokens, tr.tokens),
                trigger_span: [tr.start, tr.end],
                agent,
                target,
                place,
            },
            tokens: tr.tokens,
            incident: ty.incident,
            charge: if is_charge {
                charge_phrase(tokens, tr.tokens.1, clause.1)
            } else {
                None
            },
        });
    }
    out
}

/// Marks the type and family of a series of incidents ("shooting series").
const SERIES: &str = " series";

fn is_determiner(t: &Token) -> bool {
    grammar().determiners.has(t)
}

/// Words that may stand between a subject and its verb ("Putin personally apologized").
fn is_adverbial(t: &Token) -> bool {
    (t.is_word() && t.text.ends_with("ly")) || grammar().adverbials.has(t)
}

/// What someone is charged with: "charged with fraud and money laundering", "on charges of
/// drug trafficking and cybercrime", "accusing them of espionage".
fn charge_phrase(tokens: &[Token], from: usize, clause_end: usize) -> Option<(usize, usize)> {
    let mut k = from;
    // Skip a short object ("accusing them of", "charging the men with").
    while k < clause_end
        && k - from <= 3
        && !(tokens[k].is("of") || tokens[k].is("with") || tokens[k].is("for"))
    {
        k += 1;
    }
    if k >= clause_end || !(tokens[k].is("of") || tokens[k].is("with") || tokens[k].is("for")) {
        return None;
    }
    // The skipped words are an object, not a phrase of their own ("charged in connection
    // with the shooting").
    if tokens[from..k].iter().any(is_preposition) {
        return None;
    }
    let a = k + 1;
    let mut b = a;
    while b < clause_end && b - a < 10 {
        let t = &tokens[b];
        if (t.kind == crate::token::TokenKind::Punct && !t.is_punct(','))
            || (t.is_punct(',')
                && !tokens
                    .get(b + 1)
                    .is_some_and(|n| n.is_word() && !n.is_capitalized()))
        {
            break;
        }
        let g = grammar();
        if b > a
            && (g.charge_phrase_ends.has(t)
                || (t.is_word() && t.text.ends_with("ing") && !g.charges_in_ing.has(t)))
        {
            break;
        }
        b += 1;
    }
    (b > a).then_some((a, b))
}

/// The named place a trigger happened in: a name after "in"/"at"/"near" in its clause,
/// nearest to the trigger. A name directly followed by a lowercase noun is a modifier
/// ("the Baku offices"), so the search moves on past it.
fn place_near(
    sm: &SentenceMentions,
    tr: &Trigger,
    clause: (usize, usize),
    config: &StoryConfig,
) -> Option<String> {
    let lex = &lexicon::get().entities;
    let tokens = &sm.tokens;
    let mut best: Option<(usize, String)> = None;
    for (k, t) in tokens.iter().enumerate().take(clause.1).skip(clause.0) {
        // (A preposition inside a multi-word trigger, "appeared in court", places nothing.)
        let in_trigger = tr.tokens.0 <= k && k < tr.tokens.1;
        if in_trigger || !["in", "at", "near", "outside"].iter().any(|p| t.is(p)) {
            continue;
        }
        let found = sm
            .entities
            .iter()
            .filter(|e| !e.generic && e.tokens.0 > k && e.tokens.0 - k <= 5)
            .find(|e| {
                let between_ok = tokens[k + 1..e.tokens.0].iter().all(|b| b.is_word());
                let modifier = tokens.get(e.tokens.1).is_some_and(|n| {
                    n.is_word()
                        && !n.is_capitalized()
                        && !lex.function_words.contains(&n.text.to_lowercase())
                        && !["and", "or", "on", "in", "near", "when", "where", "while"]
                            .iter()
                            .any(|w| n.is(w))
                });
                between_ok && !modifier && e.value.kind != EntityKind::Person
            });
        if let Some(e) = found {
            let distance = if k >= tr.tokens.1 {
                k - tr.tokens.1
            } else {
                tr.tokens.0 - k + 3
            };
            if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                best = Some((distance, entity_value(config, e).display));
            }
        }
    }
    best.map(|(_, p)| p)
}

/// The attribution and modality governing token `k`.
fn holder_and_modality(
    sm: &SentenceMentions,
    k: usize,
    anchor: usize,
) -> (Holder, Modality, Option<String>) {
    let clause = clause_of(sm, k);
    let cue = sm
        .attributions
        .iter()
        .filter(|a| a.scope.0 <= k && k < a.scope.1 && (a.tokens.1 <= k || a.tokens.0 > k))
        .min_by_key(|a| a.tokens.0.abs_diff(k));
    let lo = k.min(anchor);
    let hi = k.max(anchor);
    let governing = |c: &crate::recognize::attribution::ModalCue| {
        c.tokens.0 >= clause.0
            && c.tokens.1 <= clause.1
            && ((c.tokens.1 <= lo && lo - c.tokens.1 <= 8)
                || (c.tokens.0 >= lo && c.tokens.1 <= hi)
                // "as many as 2,000 jobs could be lost": a modal word right after (but
                // "crashed under unclear circumstances" leaves the date unhedged).
                || (c.tokens.0 > hi && c.tokens.0 - hi <= 2 && c.tokens.1 - c.tokens.0 == 1))
    };
    let negated = sm.modal.iter().any(|c| c.negation && governing(c));
    let hedged = sm.modal.iter().any(|c| !c.negation && governing(c));
    let holder = cue.map_or(Holder::Outlet, |a| Holder::Attributed {
        name: a.holder.clone(),
        cue: a.cue.clone(),
    });
    let contested = cue.is_some_and(|a| a.contested);
    let modality = if negated {
        Modality::Negated
    } else if hedged || contested {
        Modality::Hedged
    } else if cue.is_some() {
        Modality::Reported
    } else {
        Modality::Asserted
    };
    (holder, modality, cue.map(|a| a.cue.clone()))
}

/// A role, the token range of the cue that gave it, and how it was found.
type RoleCue<'r> = (&'r Role, (usize, usize), &'static str);

/// A count ready to become a claim: role, cue tokens, value tokens, value and rule.
type CountClaim<'r> = (&'r Role, (usize, usize), (usize, usize), Quantity, String);

/// Finds a role cue (multi-word, lowercase) starting at token `k`.
fn cue_at(tokens: &[Token], k: usize, cues: &crate::lexicon::PhraseSet) -> Option<usize> {
    cues.longest_at(tokens, k)
}

fn is_person_noun(noun: &str, tokens: &[Token], range: (usize, usize)) -> bool {
    let lex = &lexicon::get().roles;
    let head = noun.split_whitespace().next().unwrap_or(noun);
    lex.person_nouns.contains(noun)
        || lex.person_nouns.contains(head)
        || tokens
            .get(range.0)
            .is_some_and(|t| t.is_capitalized() && t.text.ends_with('s'))
}

/// True when a capacity cue of `role` ("can carry", "holds", "seats") comes shortly before
/// the count at token `at`, in its clause: the count is what something holds, not how many
/// an event involved. The look back stops at a comma or at the role's own verb: in "which
/// can carry 180, was carrying 67 passengers", 67 were on board.
fn is_capacity(role: &Role, tokens: &[Token], at: usize) -> bool {
    const REACH: usize = 12;
    for k in (at.saturating_sub(REACH)..at).rev() {
        if tokens[k].is_punct(',') || tokens[k].is_punct(';') {
            return false;
        }
        if role.verb_set.longest_at(tokens, k).is_some() {
            return false;
        }
        if role.capacity_set.longest_at(tokens, k).is_some() {
            return true;
        }
    }
    false
}

/// The role of a counted quantity and the token range of its cue.
/// True when the number at token `at` follows an age word, directly or through a list of
/// numbers ("aged 19", "ages 14 and 15").
fn is_age(tokens: &[Token], at: usize) -> bool {
    const LIST_REACH: usize = 4;
    let in_list =
        |t: &Token| t.is("and") || t.is_punct(',') || t.text.bytes().all(|b| b.is_ascii_digit());
    let mut k = at;
    while k > 0 && at - k < LIST_REACH && in_list(&tokens[k - 1]) {
        k -= 1;
    }
    k > 0 && grammar().age_words.has(&tokens[k - 1])
}

fn role_of<'r>(sm: &SentenceMentions, q: usize) -> Option<RoleCue<'r>> {
    let roles = &lexicon::get().roles.roles;
    let tokens = &sm.tokens;
    let m = &sm.quantities[q];
    let noun = m.noun.as_ref();
    // The part of a partitive ("38 out of 67 passengers") is not itself "passengers": its
    // role comes from the words around it, and only the whole is counted by the noun.
    if let Some(w) = m.part_of {
        // "38 of the 67 passengers died": the predicate after the whole is the part's
        // (but "he was one of five people shot" names the whole's).
        let whole = &sm.quantities[w];
        let after = whole.noun.as_ref().map_or(whole.tokens.1, |n| n.tokens.1);
        let predicate_nominal = m.tokens.0 > 0 && grammar().be_forms.has(&tokens[m.tokens.0 - 1]);
        if let Some((r, cue)) = role_verb_after(tokens, after, false).filter(|_| !predicate_nominal)
        {
            return Some((r, cue, "count-then-verb"));
        }
        return cue_role(sm, q, m.tokens.1);
    }
    // The whole of a partitive ("one of the five victims survived") is counted only by its
    // noun; the verb after it tells the part.
    let whole = sm.quantities.iter().any(|p| p.part_of == Some(q));
    if let Some(n) = noun {
        let head = n.text.split_whitespace().next().unwrap_or("");
        if let Some(r) = roles
            .iter()
            .find(|r| r.counted.iter().any(|c| c == &n.text || c == head))
        {
            // "29 passengers were injured", "killed 38 passengers": a role's verb right
            // after or before the counted people says what happened to them.
            if !whole {
                let verb = role_verb_after(tokens, n.tokens.1, true)
                    .map(|(vr, cue)| (vr, cue, "count-then-verb"))
                    .or_else(|| cue_before(tokens, m.tokens.0));
                if let Some(found) = verb.filter(|(vr, ..)| vr.attribute != r.attribute) {
                    return Some(found);
                }
            }
            return (!is_capacity(r, tokens, m.tokens.0)).then_some((r, n.tokens, "counted-noun"));
        }
        if whole || !is_person_noun(&n.text, tokens, n.tokens) {
            return None;
        }
    }
    // "3 adults and 2 juveniles, ages 14 and 15": ages count no one.
    if is_age(tokens, m.tokens.0) {
        return None;
    }
    // "shot seven times": a count of something other than people.
    if noun.is_none()
        && tokens
            .get(m.tokens.1)
            .is_some_and(|t| grammar().counts_not_people.has(t))
    {
        return None;
    }
    let after = noun.map_or(m.tokens.1, |n| n.tokens.1.max(m.tokens.1));
    // "Seven of the injured were taken to the hospital", "two of the wounded later died":
    // the count is of a role named as a group; a verb after it may name another ("died").
    let group = noun
        .is_none()
        .then(|| of_role_group(tokens, after))
        .flatten();
    if let Some((r, cue)) = group {
        return cue_role(sm, q, cue.1)
            .or(Some((r, cue, "count-of-role-group")))
            .filter(|&(_, cue, _)| !attempted(tokens, cue.0));
    }
    cue_role(sm, q, after).filter(|&(_, cue, _)| !attempted(tokens, cue.0))
}

/// The predicate at `at` when it is a role's verb cue: after a finite form of "be" ("were
/// injured"), or an intransitive verb ("died"), or with `bare_participle` any form ("left
/// five protesters hospitalized"). After a partitive's whole a bare participle ("one of
/// the five people hospitalized after ... has died") or "being held" qualifies the whole.
/// With the cue's tokens.
fn role_verb_after<'r>(
    tokens: &[Token],
    at: usize,
    bare_participle: bool,
) -> Option<(&'r Role, (usize, usize))> {
    let finite = tokens
        .get(at)
        .is_some_and(|t| grammar().finite_be_forms.has(t));
    let k = at + usize::from(finite);
    lexicon::get()
        .roles
        .roles
        .iter()
        .filter_map(|r| Some((r, cue_at(tokens, k, &r.verb_set)?)))
        .max_by_key(|&(_, n)| n)
        .filter(|(r, _)| {
            finite || bare_participle || r.intransitive.iter().any(|w| tokens[k].is(w))
        })
        .map(|(r, n)| (r, (k, k + n)))
}

/// "of the injured", "of the dead": a role's cue word used as the name of its group right
/// after a count, with the group's role and the cue's tokens.
fn of_role_group<'r>(tokens: &[Token], at: usize) -> Option<(&'r Role, (usize, usize))> {
    let opener = tokens.get(at + 1)?;
    if !tokens.get(at)?.is("of") || !(opener.is("the") || opener.is("those")) {
        return None;
    }
    let k = at + 2;
    lexicon::get()
        .roles
        .roles
        .iter()
        .find_map(|r| cue_at(tokens, k, &r.verb_set).map(|n| (r, (k, k + n))))
}

/// True when the cue at token `at` follows an attempt or a threat and "to" ("trying to
/// kill 2 officers"): the count is of intended victims, not of casualties.
fn attempted(tokens: &[Token], at: usize) -> bool {
    at >= 2 && tokens[at - 1].is("to") && grammar().attempt_verbs.has(&tokens[at - 2])
}

/// A role from a verb or noun cue after `after` or before the quantity.
fn cue_role<'r>(sm: &SentenceMentions, q: usize, after: usize) -> Option<RoleCue<'r>> {
    let roles = &lexicon::get().roles.roles;
    let tokens = &sm.tokens;
    let m = &sm.quantities[q];
    // Forward: "38 people were killed", "two brothers -- the suspects -- died".
    // First, a clause left elliptic after a total: "four people were shot, three fatally".
    if let Some(t) = tokens.get(after) {
        let clause_ends = tokens
            .get(after + 1)
            .is_none_or(|n| n.kind == crate::token::TokenKind::Punct);
        if let Some(r) = roles
            .iter()
            .find(|r| clause_ends && r.elliptic.iter().any(|w| t.is(w)))
        {
            return Some((r, (after, after + 1), "count-then-adverb"));
        }
    }
    let mut k = after;
    let mut steps = 0;
    while k < tokens.len() && steps < 10 {
        let t = &tokens[k];
        if t.is_punct('—')
            || t.is_punct('–')
            || (t.is_punct('-') && tokens.get(k + 1).is_some_and(|n| n.is_punct('-')))
        {
            // Skip a dashed aside to its closing dash.
            let close = tokens[k + 1..]
                .iter()
                .position(|x| x.is_punct('—') || x.is_punct('–') || x.is_punct('-'));
            match close {
                Some(c) => {
                    k += c + 2;
                    continue;
                }
                None => break,
            }
        }
        // Skip an aside set off by commas ("Four people, including a 13-year-old girl, were
        // injured") to its closing comma.
        if t.is_punct(',')
            && tokens
                .get(k + 1)
                .is_some_and(|n| grammar().aside_openers.has(n))
        {
            const ASIDE_REACH: usize = 10;
            let close = tokens[k + 1..]
                .iter()
                .take(ASIDE_REACH)
                .position(|x| x.is_punct(','));
            match close {
                Some(c) => {
                    k += c + 2;
                    continue;
                }
                None => break,
            }
        }
        // Skip a short phrase placing the counted people before their verb ("Five people
        // at the party were shot"), up to a form of "be".
        if grammar().placing_prepositions.has(t) {
            const PLACE_REACH: usize = 5;
            let be = tokens[k + 1..]
                .iter()
                .take(PLACE_REACH)
                .take_while(|x| x.is_word())
                .position(|x| grammar().be_forms.has(x));
            if let Some(b) = be {
                k += b + 1;
                steps += 1;
                continue;
            }
        }
        // The longest cue of any role: "shot and killed" is a death, not only a shooting.
        // Then a state that implies the role, said of a number of people: "two of the
        // victims remain in critical condition" are at least two wounded.
        let longest = |set: fn(&Role) -> &crate::lexicon::PhraseSet| {
            roles
                .iter()
                .filter_map(|r| Some((r, cue_at(tokens, k, set(r))?)))
                .max_by_key(|&(_, n)| n)
        };
        if let Some((r, n)) = longest(|r| &r.verb_set) {
            return Some((r, (k, k + n), "count-then-verb"));
        }
        if let Some((r, n)) = longest(|r| &r.implies_one_set) {
            return Some((r, (k, k + n), "count-then-state"));
        }
        // ("4 teen boys shot": a person noun after the counted one is part of it.)
        if grammar().count_skip_forward.has(t)
            || (t.is_word() && t.text.ends_with("ly"))
            || lexicon::get().roles.person_nouns.has(t)
        {
            k += 1;
            steps += 1;
            continue;
        }
        break;
    }
    cue_before(tokens, m.tokens.0)
}

/// A role from a cue before the count at token `at`: "killing 38 people", "the deaths of
/// 38", "arrested seven employees", and past an update verb to its subject: "the death
/// toll from the quake rose to 40".
fn cue_before<'r>(tokens: &[Token], at: usize) -> Option<RoleCue<'r>> {
    let roles = &lexicon::get().roles.roles;
    let mut k = at;
    let mut steps = 0;
    let mut after_update = false;
    // A subject before an update verb may run long: "The death toll from a landslide that
    // buried homes in a village in Indonesia's Central Java province rose to 23".
    const SUBJECT_REACH: usize = 24;
    while k > 0 && steps < if after_update { SUBJECT_REACH } else { 4 } {
        k -= 1;
        steps += 1;
        let t = &tokens[k];
        // Past an update verb the subject may carry a possessive, a hyphenated word or an
        // apposition ("Tuesday's", "the quake-hit town's death toll", "in Banjarnegara,
        // Central Java, rose"); only other clause punctuation stops.
        let inner = after_update && ["'", "’", "-", ","].contains(&t.text);
        if t.kind == crate::token::TokenKind::Punct && !inner {
            break;
        }
        if grammar().update_verbs.has(t) {
            after_update = true;
            continue;
        }
        // ("Twelve remain missing, while the number of survivors stands at 126": the
        // subject ends at the clause's conjunction.)
        if lexicon::get().attribution.clause_conjunctions.has(t) {
            break;
        }
        // A cue may end in a word counts otherwise pass over ("shot at twelve people").
        // Past an update verb the subject is a noun ("the death toll ... rose to five") or a
        // participle after it ("the number of protesters detained has risen to 146"), not
        // an object cue: in "the death toll from a shooting at a nightclub rose to five",
        // "shooting at" modifies the toll.
        for r in roles {
            let objects = r.objects.iter().filter(|_| !after_update);
            for cue in r.verbs.iter().chain(&r.nouns).chain(objects) {
                let words: Vec<&str> = cue.split_whitespace().collect();
                let n = words.len();
                if k + 1 >= n
                    && words
                        .iter()
                        .enumerate()
                        .all(|(i, w)| tokens[k + 1 - n + i].is(w))
                {
                    return Some((r, (k + 1 - n, k + 1), "verb-then-count"));
                }
            }
        }
        if grammar().count_skip_backward.has(t) {
            continue;
        }
        if after_update {
            continue;
        }
        break;
    }
    None
}

pub(crate) fn family_of(name: &str) -> String {
    lexicon::get()
        .events
        .types
        .iter()
        .find(|t| t.name == name)
        .map(|t| t.family.clone().unwrap_or_else(|| t.name.clone()))
        .unwrap_or_else(|| name.to_string())
}

/// The calendar date of a temporal expression: a DATE's value, or the day of a TIME
/// ("Tuesday evening" in a report is a day with a part of day).
fn event_date(tx: &TimexMention, tokens: &[Token]) -> Option<DateValue> {
    if let Some(d) = &tx.date {
        return Some(d.clone());
    }
    // A clock time alone ("around 9:30 p.m.") takes the publication day by default; only a
    // time that names its day ("Friday night", "7 p.m. Tuesday") dates an event.
    if tx.timex_type == TimexType::Time
        && crate::recognize::dates::names_a_day(&tokens[tx.tokens.0..tx.tokens.1])
    {
        let day = tx.value.get(..10).and_then(CivilDate::parse)?;
        return Some(DateValue::day(day));
    }
    None
}

/// True when the date starting at token `at` follows an updated figure ("rose to 23 on
/// Tuesday", "climbed to 40 Monday"): an update verb, maybe "to", a figure, maybe a
/// preposition, then the date.
fn dates_an_update(sm: &SentenceMentions, at: usize) -> bool {
    let tokens = &sm.tokens;
    let end = if at > 0 && is_preposition(&tokens[at - 1]) {
        at - 1
    } else {
        at
    };
    sm.quantities.iter().any(|q| {
        let s = q.tokens.0;
        let verb_at = if s >= 1 && tokens[s - 1].is("to") {
            s.checked_sub(2)
        } else {
            s.checked_sub(1)
        };
        q.tokens.1 == end && verb_at.is_some_and(|v| grammar().update_verbs.has(&tokens[v]))
    })
}

/// The quantities from `start` that form a list ("two men and two women", "2 men, 1
/// woman") ending in the first one with a role; just `[start]` when there is no list.
fn coordinated_chain(
    sm: &SentenceMentions,
    roles: &[Option<RoleCue<'_>>],
    start: usize,
) -> Vec<usize> {
    let tokens = &sm.tokens;
    // Whether quantity `cur` and the next one are joined by "and" or a comma.
    let joined = |cur: usize| {
        let q = &sm.quantities[cur];
        let Some(next) = sm.quantities.get(cur + 1) else {
            return false;
        };
        let end = q
            .noun
            .as_ref()
            .map_or(q.tokens.1, |n| n.tokens.1.max(q.tokens.1));
        next.tokens.0 > end
            && next.tokens.0 - end <= 2
            && tokens[end..next.tokens.0]
                .iter()
                .all(|t| t.is("and") || t.is_punct(','))
            && q.value.unit.is_none()
            && next.value.unit.is_none()
    };
    let mut chain = vec![start];
    let mut cur = start;
    // "the bodies of two men and two women": a list after its role cue shares the role.
    if let Some((_, cue, _)) = roles[start] {
        if cue.1 <= sm.quantities[start].tokens.0 {
            while joined(cur) && roles[cur + 1].is_none() {
                cur += 1;
                chain.push(cur);
            }
        }
        return chain;
    }
    while roles[cur].is_none() && cur + 1 < sm.quantities.len() {
        if !joined(cur) {
            return vec![start];
        }
        cur += 1;
        chain.push(cur);
    }
    if roles[cur].is_none() {
        return vec![start];
    }
    chain
}

/// True when a degree word between a count and its role cue makes the count a subset
/// ("two were critically injured").
fn qualified_subset(tokens: &[Token], from: usize, to: usize) -> bool {
    let lex = &lexicon::get().roles;
    from < to
        && tokens[from..to]
            .iter()
            .any(|t| lex.subset_qualifiers.contains(&t.text.to_lowercase()))
}

/// Phrases that imply victims of a role: at least one ("a fatal shooting", "the death
/// of"), or a multiplier's count ("a double homicide" is two killed).
fn implied_by_phrase<'r>(sm: &SentenceMentions, used: &[(usize, usize)]) -> Vec<CountClaim<'r>> {
    let tokens = &sm.tokens;
    let roles = &lexicon::get().roles;
    let mut out = Vec::new();
    for role in &roles.roles {
        let mut k = 0;
        while k < tokens.len() {
            let found = match multiplied_at(tokens, k, role, &roles.multipliers) {
                Some((n, times)) => Some((
                    n,
                    Quantity::exact(f64::from(times), phrase_text(tokens, (k, k + n))),
                    "multiplied",
                )),
                None => role.implies_one_set.longest_at(tokens, k).map(|n| {
                    (
                        n,
                        at_least_one(&phrase_text(tokens, (k, k + n))),
                        "implied-by-phrase",
                    )
                }),
            };
            let Some((n, value, how)) = found else {
                k += 1;
                continue;
            };
            let span = (k, k + n);
            k += n;
            if used.iter().any(|u| u.0 < span.1 && span.0 < u.1) {
                continue;
            }
            out.push((
                role,
                span,
                span,
                value,
                format!("count:{how}:{}", role.attribute),
            ));
        }
    }
    out
}

/// A multiplier and one of the role's incident nouns at token `k`, as two words ("triple
/// homicide") or one hyphenated ("triple-homicide"): the tokens used and the count.
fn multiplied_at(
    tokens: &[Token],
    k: usize,
    role: &Role,
    multipliers: &std::collections::BTreeMap<String, u32>,
) -> Option<(usize, u32)> {
    if role.multiplied.is_empty() {
        return None;
    }
    // (No lowercased copy: this runs at every token of every sentence.)
    let text = tokens[k].text;
    let (first, rest) = text.split_once('-').unwrap_or((text, ""));
    let times = multipliers
        .iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(first))
        .map(|(_, &n)| n)?;
    let is_noun = |w: &str| role.multiplied.iter().any(|n| n.eq_ignore_ascii_case(w));
    if !rest.is_empty() {
        return is_noun(rest).then_some((1, times));
    }
    is_noun(tokens.get(k + 1)?.text).then_some((2, times))
}

/// An implied count of at least one: the role, its cue, the words naming the victim.
fn singular<'r>(
    role: &'r Role,
    cue: (usize, usize),
    at: (usize, usize),
    who: &str,
    how: &str,
) -> CountClaim<'r> {
    (
        role,
        cue,
        at,
        at_least_one(who),
        format!("count:{how}:{}", role.attribute),
    )
}

/// One named or singular victim says at least one: the article may list others elsewhere,
/// so it never contradicts a stated total.
fn at_least_one(who: &str) -> Quantity {
    Quantity {
        display: format!("at least 1 ({who})"),
        min: 1.0,
        max: None,
        unit: None,
        exact: false,
    }
}

fn is_person_head(t: &Token) -> bool {
    let roles = &lexicon::get().roles;
    let word = t.text.to_lowercase();
    roles.person_nouns.contains(&word)
        || roles
            .person_suffixes
            .iter()
            .any(|s| word.len() > s.len() && word.ends_with(s.as_str()))
}

/// The start of a phrase naming one person that ends at token `to`: a named person, or an
/// opener ("a", "his") up to a singular person noun ("a 51-year-old woman").
fn one_person(sm: &SentenceMentions, to: usize) -> Option<usize> {
    let tokens = &sm.tokens;
    if let Some(e) = sm
        .entities
        .iter()
        .find(|e| !e.generic && e.tokens.1 == to && e.value.kind == EntityKind::Person)
    {
        return Some(e.tokens.0);
    }
    if to == 0 || !is_person_head(&tokens[to - 1]) || tokens[to - 1].text.ends_with('s') {
        return None;
    }
    (to.saturating_sub(8)..to)
        .rev()
        .find(|&o| grammar().singular_openers.has(&tokens[o]))
        .filter(|&o| {
            tokens[o..to].iter().all(|t| {
                (t.kind != crate::token::TokenKind::Punct && !t.is("and")) || t.is_punct('-')
            })
        })
}

/// The start of a headline's bare subject ending at `to`: one person noun with no opener,
/// after capitalized words or an age, at the start of the sentence ("Boyle County man
/// dies after accidental shooting", "17-year-old boy shot in Bluffton").
fn headline_person(tokens: &[Token], to: usize) -> Option<usize> {
    const MAX_MODIFIERS: usize = 3;
    let head = tokens.get(to.checked_sub(1)?)?;
    if !is_singular_person_head(head) {
        return None;
    }
    let start = to - 1;
    let modifier = |t: &Token| {
        t.is_word() && !grammar().determiners.has(t) && t.is_capitalized()
            || t.kind == crate::token::TokenKind::Alnum
    };
    let first = (start.saturating_sub(MAX_MODIFIERS)..start)
        .rev()
        .take_while(|&m| modifier(&tokens[m]))
        .last()
        .unwrap_or(start);
    // At the start, or after a headline's source ("Police: Man shot", "Deputies: ...").
    let after_source = first >= 2
        && tokens[first - 1].is_punct(':')
        && first - 1 <= MAX_SOURCE_WORDS
        && tokens[..first - 1].iter().all(|t| t.is_word());
    (first == 0 || after_source).then_some(first)
}

/// Words a headline's source before its colon may have ("Police", "Sheriff's office").
const MAX_SOURCE_WORDS: usize = 3;

/// The start of a subject made of two singular people ending at `end`: "a mother and her
/// young son", "a woman and child", "Montez Graves and Ronnie Graves".
fn singular_pair(sm: &SentenceMentions, end: usize) -> Option<usize> {
    let tokens = &sm.tokens;
    let one = |to: usize| one_person(sm, to);
    let and = (end.saturating_sub(6)..end)
        .rev()
        .find(|&a| tokens[a].is("and"))?;
    // The second may be a bare noun sharing the first's opener: "a woman and child".
    let second = one(end)
        .or_else(|| (end == and + 2 && is_person_head(&tokens[and + 1])).then_some(and + 1))?;
    (second == and + 1).then_some(())?;
    one(and)
}

/// The first named person of the sentence (no generic description) that `at` accepts.
fn named_person<'s>(
    sm: &'s SentenceMentions,
    at: impl Fn(&EntityMention) -> bool,
) -> Option<&'s EntityMention> {
    sm.entities
        .iter()
        .find(|e| !e.generic && e.value.kind == EntityKind::Person && at(e))
}

/// True when the tokens `from..to` join two names of a list: an age set off by commas after
/// the first (", 35"), then a comma or semicolon, then "and", at least one of them.
fn joins_names(tokens: &[Token], from: usize, to: usize) -> bool {
    let mut k = from;
    if k + 1 < to
        && tokens[k].is_punct(',')
        && tokens[k + 1].text.bytes().all(|b| b.is_ascii_digit())
    {
        k += 2;
    }
    let after_age = k;
    if k < to && (tokens[k].is_punct(',') || tokens[k].is_punct(';')) {
        k += 1;
    }
    if k < to && tokens[k].is("and") {
        k += 1;
    }
    k == to && k > after_age
}

/// The people a list of names starting with the one at `first` counts, and the token after
/// the list: "Marcus Dunn, Leon Pratt and Angela Ruiz" is three; an age set off by commas
/// may follow each name ("Omar Jarman, 35; Shontay Young, 34; and Danielle Lucero, 26").
fn named_list(sm: &SentenceMentions, first: (usize, usize)) -> (usize, usize) {
    let (mut names, mut end) = (1, first.1);
    while let Some(e) = named_person(sm, |e| {
        e.tokens.0 > end && joins_names(&sm.tokens, end, e.tokens.0)
    }) {
        names += 1;
        end = e.tokens.1;
    }
    (names, end)
}

/// The people a list of names ending with the one at `last` counts, and the list's first
/// token: [`named_list`] read backwards.
fn named_list_back(sm: &SentenceMentions, last: (usize, usize)) -> (usize, usize) {
    let (mut names, mut start) = (1, last.0);
    while let Some(e) = named_person(sm, |e| {
        e.tokens.1 < start && joins_names(&sm.tokens, e.tokens.1, start)
    }) {
        names += 1;
        start = e.tokens.0;
    }
    (names, start)
}

/// At least `names` victims, read from a list of their names at `span`.
fn named_count<'r>(
    role: &'r Role,
    cue: (usize, usize),
    tokens: &[Token],
    span: (usize, usize),
    names: usize,
) -> CountClaim<'r> {
    (
        role,
        cue,
        span,
        Quantity {
            display: format!("at least {names} ({})", phrase_text(tokens, span)),
            min: names as f64,
            max: None,
            unit: None,
            exact: false,
        },
        format!("count:named-list:{}", role.attribute),
    )
}

/// True for a one-word casualty verb that is a participle ("shot", "wounded").
fn is_casualty_participle(t: &Token, roles: &[Role]) -> bool {
    let past = t.text.ends_with("ed") || grammar().irregular_participles.has(t);
    past && roles
        .iter()
        .filter(|r| r.default_event.as_deref() == Some(UNTYPED_INCIDENT))
        .any(|r| r.verbs.iter().any(|v| t.is(v)))
}

/// Counts that no figure states: a singular victim ("a 17-year-old boy died", "Miranda
/// Doerr was shot dead", "killing his best friend") is one; "no one was injured" or "no
/// injuries" is zero. Cues already used by a written figure are skipped.
fn implied_counts<'r>(sm: &SentenceMentions, used: &[(usize, usize)]) -> Vec<CountClaim<'r>> {
    let tokens = &sm.tokens;
    let roles = &lexicon::get().roles.roles;
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let found = roles
            .iter()
            .filter(|r| {
                r.default_event.as_deref() == Some(UNTYPED_INCIDENT) && r.attribute != "passengers"
            })
            .find_map(|r| cue_at(tokens, k, &r.verb_set).map(|n| (r, n)));
        let Some((role, n)) = found else {
            k += 1;
            continue;
        };
        let cue = (k, k + n);
        k += n;
        if used.iter().any(|u| u.0 < cue.1 && cue.0 < u.1) {
            continue;
        }
        // Walk back over adverbs and auxiliaries to the subject.
        let mut b = cue.0;
        let mut singular_aux = false;
        let mut plural_aux = false;
        let mut qualified = false;
        while b > 0 {
            let t = &tokens[b - 1];
            qualified |=
                t.is_word() && t.text.ends_with("ly") && !t.is_capitalized() && !t.is("reportedly");
            // "Teen shot, killed in Bluffton": a headline's list of what befell one subject.
            if t.is_punct(',') && b >= 2 && is_casualty_participle(&tokens[b - 2], roles) {
                b -= 2;
                continue;
            }
            if t.is("was") || t.is("is") || t.is("has") {
                singular_aux = true;
            } else if t.is("were") || t.is("are") || t.is("have") {
                plural_aux = true;
            } else if t.is("both") || t.is("all") {
                // "a woman and her granddaughter both died".
                plural_aux = true;
            } else if !(grammar().subject_skip_backward.has(t)
                || (t.is_word() && t.text.ends_with("ly") && !t.is_capitalized()))
            {
                break;
            }
            b -= 1;
        }
        // "Julian Bryant, 22, died": the subject ends before an age set off by commas.
        // "The mother, Talisaha Powell, was taken to the hospital": a name set off so is
        // the subject.
        let named_aside = b >= 2
            && tokens[b - 1].is_punct(',')
            && sm.entities.iter().any(|e| {
                e.value.kind == EntityKind::Person
                    && e.tokens.1 == b - 1
                    && e.tokens.0 > 0
                    && tokens[e.tokens.0 - 1].is_punct(',')
            });
        let subject_end = if b >= 3
            && tokens[b - 1].is_punct(',')
            && tokens[b - 3].is_punct(',')
            && tokens[b - 2].text.bytes().all(|c| c.is_ascii_digit())
        {
            b - 3
        } else if named_aside {
            b - 1
        } else {
            b
        };
        // "no one was injured", "nobody was hurt", "no injuries".
        // "no one was seriously injured" says nothing about minor injuries: no zero then.
        let zero_subject = grammar()
            .zero_subjects
            .iter()
            .filter(|_| !qualified)
            .find_map(|z| {
                let words: Vec<&str> = z.split_whitespace().collect();
                (b >= words.len()
                    && words
                        .iter()
                        .enumerate()
                        .all(|(m, w)| tokens[b - words.len() + m].is(w)))
                .then(|| b - words.len())
            });
        let zero_noun = k > 0
            && cue.0 > 0
            && tokens[cue.0 - 1].is("no")
            && role.nouns.iter().any(|nn| tokens[cue.0].is(nn));
        if let Some(z) = zero_subject.or(zero_noun.then(|| cue.0 - 1)) {
            out.push((
                role,
                cue,
                (z, cue.1),
                Quantity {
                    display: phrase_text(tokens, (z, cue.1)),
                    min: 0.0,
                    max: Some(0.0),
                    unit: None,
                    exact: true,
                },
                format!("count:none:{}", role.attribute),
            ));
            continue;
        }
        if plural_aux {
            // "a mother and her young son were found shot to death" is two.
            if let Some(start) = singular_pair(sm, b) {
                out.push((
                    role,
                    cue,
                    (start, b),
                    Quantity {
                        display: format!("at least 2 ({})", phrase_text(tokens, (start, b))),
                        min: 2.0,
                        max: None,
                        unit: None,
                        exact: false,
                    },
                    format!("count:singular-pair:{}", role.attribute),
                ));
            }
            continue;
        }
        if role.nouns.iter().any(|nn| tokens[cue.0].is(nn))
            && !role.verbs.iter().any(|v| tokens[cue.0].is(v))
        {
            continue;
        }
        // Subject: a named person, or a phrase opened by "a"/"an"/"one" ending right here.
        // (A name with an age after it is a person's, whatever its words.)
        let person_before = sm.entities.iter().find(|e| {
            !e.generic
                && e.tokens.1 == subject_end
                && (e.value.kind == EntityKind::Person || subject_end < b)
        });
        // ("The boy died": a definite opener only before a person noun.)
        let opener_before = (b.saturating_sub(5)..b).find(|&o| {
            (grammar().indefinite_openers.has(&tokens[o])
                || grammar().definite_openers.has(&tokens[o]) && is_person_head(&tokens[b - 1]))
                && tokens[o + 1..b]
                    .iter()
                    .all(|t| t.kind != crate::token::TokenKind::Punct || t.is_punct('-'))
        });
        // Nothing follows the verb that could be its object: "died", "died after ...",
        // "died Friday"; or the verb never takes one.
        let intransitive = role.intransitive.iter().any(|w| tokens[cue.0].is(w));
        let no_object = intransitive
            || sm.timexes.iter().any(|t| t.tokens.0 == cue.1)
            || tokens.get(cue.1).is_none_or(|t| {
                !t.is_word()
                    || is_preposition(t)
                    || t.is("and")
                    || t.is("but")
                    || t.is("when")
                    || t.is("while")
            });
        // "he was pronounced dead", "she died": a singular personal pronoun.
        let pronoun_before = b > 0
            && lexicon::contains_lower(&lexicon::get().roles.singular_pronouns, tokens[b - 1].text);
        let passive_or_intransitive = singular_aux || no_object;
        if passive_or_intransitive || tokens[cue.0].text.ends_with("ed") && singular_aux {
            // The subject naming one victim, and how it was found.
            let span_of = |span: (usize, usize)| (span, phrase_text(tokens, span));
            // (A final "s" only: "one of the first people shot" is one, read by the opener.)
            let head = tokens[b.saturating_sub(1)].text;
            let singular_head = !head.ends_with('s') || head.ends_with("ss");
            let subject = pronoun_before
                .then(|| {
                    (
                        (b - 1, b),
                        tokens[b - 1].text.to_string(),
                        "singular-pronoun",
                    )
                })
                .or_else(|| {
                    person_before.map(|e| (e.tokens, e.value.display.clone(), "singular-subject"))
                })
                .or_else(|| {
                    // ("Campbell boy, 7, hospitalized": the age set off by commas is not
                    // the head.)
                    headline_person(tokens, subject_end)
                        .filter(|_| opener_before.is_none())
                        .map(|start| span_of((start, subject_end)))
                        .map(|(span, who)| (span, who, "singular-subject"))
                })
                .or_else(|| {
                    opener_before
                        .filter(|_| (singular_aux || b > 0) && singular_head)
                        .map(|o| span_of((o, b)))
                        .map(|(span, who)| (span, who, "singular-subject"))
                })
                .or_else(|| {
                    // "The teenager that accidentally shot himself ... has died": the
                    // subject is before a relative clause.
                    subject_before_relative(sm, b)
                        .filter(|_| opener_before.is_none())
                        .map(span_of)
                        .map(|(span, who)| (span, who, "singular-subject"))
                });
            if let Some((span, who, how)) = subject {
                // "Omar Jarman, 35; Shontay Young, 34; and Danielle Lucero, 26, died": a list
                // of names ending in the subject.
                let (names, start) = person_before
                    .filter(|e| e.tokens == span)
                    .map_or((1, span.0), |e| named_list_back(sm, e.tokens));
                if names >= 2 {
                    out.push(named_count(role, cue, tokens, (start, span.1), names));
                } else {
                    out.push(singular(role, cue, span, &who, how));
                }
                continue;
            }
        }
        // Active verb with a singular object: "killing a 9-month-old boy", "shot and killed his friend".
        let verb = &tokens[cue.1 - 1];
        let past = verb.text.ends_with("ed") || grammar().irregular_participles.has(verb);
        if !singular_aux && verb.text.ends_with("ing") || past && !singular_aux && !plural_aux {
            let obj = cue.1;
            // "accidentally shot himself": the subject is the one victim.
            if tokens.get(obj).is_some_and(|t| {
                lexicon::contains_lower(&lexicon::get().roles.reflexive_pronouns, t.text)
            }) {
                let who = phrase_text(tokens, (cue.0, obj + 1));
                out.push(singular(
                    role,
                    cue,
                    (obj, obj + 1),
                    &who,
                    "singular-reflexive",
                ));
                continue;
            }
            if let Some(e) = sm
                .entities
                .iter()
                .find(|e| !e.generic && e.tokens.0 == obj && e.value.kind == EntityKind::Person)
            {
                // "killing Marcus Dunn, Leon Pratt and Angela Ruiz": each name is a victim.
                let (names, end) = named_list(sm, e.tokens);
                if names >= 2 {
                    out.push(named_count(role, cue, tokens, (obj, end), names));
                    continue;
                }
                out.push(singular(
                    role,
                    cue,
                    e.tokens,
                    &e.value.display,
                    "singular-object",
                ));
                continue;
            }
            if tokens
                .get(obj)
                .is_some_and(|t| grammar().singular_openers.has(t))
            {
                let end = (obj + 1..(obj + 5).min(tokens.len()))
                    .find(|&e| {
                        tokens[e].kind == crate::token::TokenKind::Punct
                            || is_preposition(&tokens[e])
                            || tokens[e].is("and")
                            || is_person_head(&tokens[e - 1])
                    })
                    .unwrap_or((obj + 5).min(tokens.len()));
                if is_person_head(&tokens[end - 1]) && end > obj + 1 {
                    out.push(singular(
                        role,
                        cue,
                        (obj, end),
                        &phrase_text(tokens, (obj, end)),
                        "singular-object",
                    ));
                }
            } else if let Some(t) = tokens
                .get(obj)
                .filter(|t| is_singular_person_head(t) && is_headline(tokens))
            {
                // A headline's bare object: "shooting that killed teen". (In a sentence,
                // "the wounded boy" is an adjective before its noun.)
                out.push(singular(
                    role,
                    cue,
                    (obj, obj + 1),
                    t.text,
                    "singular-object",
                ));
            }
        }
    }
    out
}

/// The span of a singular person subject followed by a relative clause that ends at `b`
/// ("the teenager that accidentally shot himself in front of friends", then "has died").
fn subject_before_relative(sm: &SentenceMentions, b: usize) -> Option<(usize, usize)> {
    const CLAUSE_REACH: usize = 15;
    let tokens = &sm.tokens;
    let rel = (b.saturating_sub(CLAUSE_REACH)..b)
        .rev()
        .take_while(|&k| !(tokens[k].is_punct(',') || tokens[k].is_punct(';')))
        .find(|&k| grammar().relativizers.has(&tokens[k]))?;
    let start = one_person(sm, rel).or_else(|| {
        (rel >= 2 && grammar().definite_openers.has(&tokens[rel - 2]))
            .then(|| rel - 2)
            .filter(|_| is_singular_person_head(&tokens[rel - 1]))
    })?;
    Some((start, rel))
}

/// True for a sentence without a sentence end: a headline, which drops its articles.
fn is_headline(tokens: &[Token]) -> bool {
    tokens
        .last()
        .is_some_and(|t| !(t.is_punct('.') || t.is_punct('!') || t.is_punct('?')))
}

/// True for a plural noun: a final "s" (not "ss"), or an irregular plural ("men").
fn is_plural(t: &Token) -> bool {
    t.text.ends_with('s') && !t.text.ends_with("ss") || grammar().irregular_plurals.has(t)
}

/// A person noun in the singular ("teen", not "teens" or "men").
fn is_singular_person_head(t: &Token) -> bool {
    is_person_head(t) && !is_plural(t)
}

/// "She was taken to a hospital, where she was pronounced dead": one victim whose wound
/// (a remainder such as the wounded) turned fatal later in the sentence (a part taken
/// from it, such as the killed, told by a pronoun or a phrase, not by another subject) is
/// no wounded. "A man was killed and a woman was injured" keeps both.
fn drop_turned_fatal(counts: &mut Vec<CountClaim<'_>>) {
    let implied = |name: &str| rule::is_implied_singular(name);
    let same_victim = |name: &str| rule::names_victim_again(name);
    let remainders = &lexicon::get().roles.remainders;
    let fatal: Vec<bool> = counts
        .iter()
        .map(|(role, cue, _, _, rule)| {
            implied(rule)
                && remainders.iter().any(|rem| rem.attribute == role.attribute)
                && counts.iter().any(|(other, later, _, _, r)| {
                    later.0 > cue.1
                        && same_victim(r)
                        && remainders.iter().any(|rem| {
                            rem.attribute == role.attribute && rem.minus.contains(&other.attribute)
                        })
                })
        })
        .collect();
    let mut k = 0;
    counts.retain(|_| {
        k += 1;
        !fatal[k - 1]
    });
}

/// Claim builder for one article.
struct Builder<'a> {
    source: &'a Source,
    claims: Vec<Claim>,
    /// The last incident event seen, with the sentence index it came from.
    last_incident: Option<(usize, usize, EventRef)>,
    /// A background frame: a sentence that opens with a date far from the publication
    /// date ("In 2009, ...") recalls another time; the undated events of the rest of its
    /// paragraph take that date.
    frame: Option<Frame>,
}

/// The date a sentence opens a background paragraph with ("In 2009, ...").
#[derive(Clone, Debug)]
struct Frame {
    paragraph: usize,
    date: DateValue,
    evidence: (usize, usize),
    rule: String,
}

impl<'a> Builder<'a> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        sm: &SentenceMentions,
        event: &EventRef,
        attribute: &str,
        value: Value,
        evidence: (usize, usize),
        at: usize,
        anchor: usize,
        rule: String,
    ) {
        let (holder, modality, _) = holder_and_modality(sm, at, anchor);
        let text = self.source.text[sm.sentence.start..sm.sentence.end].to_string();
        let id = claim_id(
            &self.claims,
            &self.source.id,
            attribute,
            event,
            &text,
            &value,
        );
        self.claims.push(Claim {
            id,
            source: self.source.id.clone(),
            span: [sm.sentence.start, sm.sentence.end],
            text,
            evidence: [evidence.0, evidence.1],
            event: event.clone(),
            attribute: attribute.to_string(),
            value,
            holder,
            modality,
            rule,
            origin: Origin::Extracted,
            review: None,
            digest: None,
        });
    }

    /// Opens a background frame when the paragraph's first sentence starts with a date far
    /// from the publication date; a new paragraph closes it.
    /// True for a date that begins after the article's publication date.
    fn after_publication(&self, date: &DateValue) -> bool {
        date.interval()
            .zip(self.source.published)
            .is_some_and(|((first, _), published)| first > published)
    }

    /// Opens a background frame when the sentence's opening date (`opener`, a timex index)
    /// lies far from the publication date: "In 2009, ...", "Just last year, ...". The frame
    /// dates the rest of the paragraph.
    fn update_frame(&mut self, sm: &SentenceMentions, opener: Option<usize>) {
        if self
            .frame
            .as_ref()
            .is_some_and(|f| f.paragraph != sm.sentence.paragraph)
        {
            self.frame = None;
        }
        let Some(ti) = opener else {
            return;
        };
        let tx = &sm.timexes[ti];
        let opens_sentence = sm.tokens[..tx.tokens.0]
            .iter()
            .all(|t| is_preposition(t) || is_determiner(t) || grammar().date_focus_words.has(t));
        let (Some(date), Some(published)) = (event_date(tx, &sm.tokens), self.source.published)
        else {
            return;
        };
        if opens_sentence && date.is_another_time(published) {
            self.frame = Some(Frame {
                paragraph: sm.sentence.paragraph,
                date,
                evidence: (tx.start, tx.end),
                rule: format!("date:paragraph-frame:{}", tx.rule),
            });
        }
    }

    /// The first date of the sentence that recalls another time than the publication's,
    /// as a frame of the sentence alone.
    fn another_time(&self, sm: &SentenceMentions) -> Option<Frame> {
        let published = self.source.published?;
        sm.timexes.iter().find_map(|tx| {
            let date = event_date(tx, &sm.tokens)?;
            date.is_another_time(published).then(|| Frame {
                paragraph: sm.sentence.paragraph,
                date,
                evidence: (tx.start, tx.end),
                rule: format!("date:sentence-frame:{}", tx.rule),
            })
        })
    }

    fn sentence(&mut self, sm: &SentenceMentions, config: &StoryConfig) {
        let tokens = &sm.tokens;
        let events = local_events(sm, config);
        let nearest = |k: usize, pred: &dyn Fn(&LocalEvent) -> bool| -> Option<usize> {
            let clause = clause_of(sm, k);
            let dist = |e: &LocalEvent| {
                if e.tokens.0 >= k {
                    e.tokens.0 - k
                } else {
                    k - e.tokens.1.min(k)
                }
            };
            let in_clause = events
                .iter()
                .enumerate()
                .filter(|(_, e)| pred(e) && e.tokens.0 >= clause.0 && e.tokens.0 < clause.1)
                .min_by_key(|(_, e)| dist(e));
            in_clause
                .or_else(|| {
                    events
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| pred(e))
                        .min_by_key(|(_, e)| dist(e))
                })
                .map(|(i, _)| i)
        };

        // Dates. A date after a trigger belongs to that trigger's phrase ("invaded the office on
        // June 30 and detained seven"); a date that opens its clause ("On July 1, police raided
        // ... and arrested ...") dates every event of the clause; otherwise the nearest event.
        let mut dated = vec![false; events.len()];
        // (timex, event) pairs.
        let mut assignments: Vec<(usize, usize)> = Vec::new();
        // Dates inside the event's own noun phrase ("Sunday's shooting"): these win over a
        // date opening the clause ("On Wednesday, ... in retaliation for Sunday's shooting").
        let mut noun_dates: Vec<(usize, usize)> = Vec::new();
        // Dates written before their event ("Monday's", "on Monday, police ..." aside): an
        // event takes one only when no date follows it ("shot on Sunday").
        let mut before_event: Vec<(usize, usize)> = Vec::new();
        let mut eventless: Option<usize> = None;
        let lex = lexicon::get();
        let dateline = tokens
            .iter()
            .find(|t| t.is_word())
            .is_some_and(|t| lex.boilerplate.dateline_words.has(t));
        for (ti, tx) in sm.timexes.iter().enumerate() {
            if dateline {
                break;
            }
            let Some(date) = event_date(tx, tokens) else {
                continue;
            };
            if date.granularity == Granularity::Reference
                || matches!(date.span, crate::value::DateSpan::Unplaced)
            {
                continue;
            }
            let prev = tx.tokens.0.checked_sub(1).map(|p| &tokens[p]);
            // A date inside a noun phrase dates the noun it modifies, whatever verb or
            // preposition governs the phrase: "the toll from Tuesday's collapse", "charged in
            // the August 14 shooting death".
            let possessive = crate::token::possessive_end(tokens, tx.tokens.1);
            let modified = possessive.or(prev.is_some_and(is_determiner).then_some(tx.tokens.1));
            if let Some(at) = modified {
                let noun = (0..events.len())
                    .filter(|&ei| events[ei].tokens.0 >= at && events[ei].tokens.0 - at <= 3)
                    .min_by_key(|&ei| events[ei].tokens.0);
                if let Some(ei) = noun {
                    assignments.push((ti, ei));
                    noun_dates.push((ti, ei));
                    continue;
                }
                if possessive.is_some() {
                    continue;
                }
            }
            let approximate =
                tx.tokens.0 >= 2 && grammar().approximators.has(&tokens[tx.tokens.0 - 2]);
            if prev.is_some_and(|p| grammar().non_event_date_prepositions.has(p)) && !approximate {
                // ... but "since June 2023, when a collision killed 290" dates the clause the
                // date opens.
                const WHEN_REACH: usize = 12;
                if let Some(at) = when_clause_after(tokens, tx.tokens.1) {
                    assignments.extend(
                        (0..events.len())
                            .filter(|&ei| {
                                events[ei].tokens.0 > at && events[ei].tokens.0 - at <= WHEN_REACH
                            })
                            .map(|ei| (ti, ei)),
                    );
                }
                continue;
            }
            // "The death toll rose to 23 on Tuesday": the date of the update, not of the
            // event counted.
            if dates_an_update(sm, tx.tokens.0) {
                continue;
            }
            // "in custody as of Monday": the date of a status, not of an event.
            let status = grammar().status_date_phrases.iter().any(|phrase| {
                let words: Vec<&str> = phrase.split_whitespace().collect();
                tx.tokens.0 >= words.len()
                    && words
                        .iter()
                        .zip(&tokens[tx.tokens.0 - words.len()..tx.tokens.0])
                        .all(|(w, t)| t.is(w))
            });
            if status {
                continue;
            }
            // "in court today", "a vigil Saturday": the date of the aftermath just named.
            const AFTERMATH_REACH: usize = 3;
            let aftermath_before = tokens[tx.tokens.0.saturating_sub(AFTERMATH_REACH)..tx.tokens.0]
                .iter()
                .any(|t| lexicon::get().events.aftermath_words.has(t));
            if aftermath_before {
                continue;
            }
            // "The death toll rose to 4,300 on Tuesday": the date of the new figure, not of
            // the incident.
            const UPDATE_REACH: usize = 5;
            let update_before = tokens[tx.tokens.0.saturating_sub(UPDATE_REACH)..tx.tokens.0]
                .windows(2)
                .any(|w| grammar().update_verbs.has(&w[0]) && w[1].is("to"));
            if update_before {
                continue;
            }
            // "A community mourned the girl who was shot Saturday night", "family members
            // gathered early Friday as they learned of her death": a sentence led by a
            // reaction to the incident dates the reaction.
            let first_incident = events
                .iter()
                .filter(|e| e.incident)
                .map(|e| e.tokens.0)
                .min()
                .unwrap_or(tokens.len());
            // (A date right after its incident's trigger is still the incident's: "is
            // mourning a child, after a fatal shooting early Monday morning".)
            let right_after_incident = events
                .iter()
                .any(|e| e.incident && (e.tokens.1..=e.tokens.1 + 1).contains(&tx.tokens.0));
            let led_by_reaction = !right_after_incident
                && tokens[..first_incident.min(tx.tokens.0)]
                    .iter()
                    .any(|t| lexicon::get().events.reaction_words.has(t));
            if led_by_reaction {
                continue;
            }
            // "UPDATE, May 20:" is a dateline: the date of the text, not of the event.
            if tokens.get(tx.tokens.1).is_some_and(|t| t.is_punct(':')) {
                continue;
            }
            // "police said Friday", "announced today": the date of a statement, not the event.
            // (Not a date before "according to", which is inverted: "shot at his home
            // Thursday, according to a release" dates the shooting.)
            let near_cue = sm.attributions.iter().any(|a| {
                (a.tokens.1 <= tx.tokens.0 && tx.tokens.0 - a.tokens.1 <= 1)
                    || (a.tokens.0 >= tx.tokens.1
                        && a.tokens.0 - tx.tokens.1 <= 1
                        && !a.cue.contains(' '))
            });
            if near_cue {
                continue;
            }
            let clause = clause_of(sm, tx.tokens.0);
            let in_clause: Vec<usize> = (0..events.len())
                .filter(|&ei| events[ei].tokens.0 >= clause.0 && events[ei].tokens.0 < clause.1)
                .collect();
            let opens_clause = tokens[clause.0..tx.tokens.0]
                .iter()
                .all(|t| is_preposition(t) || is_determiner(t) || t.is_punct(','));
            // (In a sentence without an event, "On Monday around 10:30 p.m., her family says
            // her brother was moving his rifle" is eventless, as a date later in it would be.)
            if opens_clause && !events.is_empty() {
                // "On Monday, the coroner said Crawford died": the events a statement
                // reports are not dated by a date opening it (but "On Sunday, police said, a
                // man was shot" and "according to police" give the event's date).
                let statement = sm
                    .attributions
                    .iter()
                    .filter(|a| {
                        a.tokens.0 >= tx.tokens.1
                            && !a.cue.contains(' ')
                            && !tokens.get(a.tokens.1).is_some_and(|t| t.is_punct(','))
                    })
                    .map(|a| a.tokens.1)
                    .min()
                    .unwrap_or(usize::MAX);
                assignments.extend(
                    in_clause
                        .iter()
                        .filter(|&&ei| {
                            events[ei].tokens.0 >= tx.tokens.1 && events[ei].tokens.0 < statement
                        })
                        .map(|&ei| (ti, ei)),
                );
                continue;
            }
            let preceding = in_clause
                .iter()
                .copied()
                .filter(|&ei| {
                    events[ei].tokens.1 <= tx.tokens.0 && tx.tokens.0 - events[ei].tokens.1 <= 12
                })
                .max_by_key(|&ei| events[ei].tokens.1);
            let following = in_clause
                .iter()
                .copied()
                .filter(|&ei| {
                    events[ei].tokens.0 >= tx.tokens.1
                        && events[ei].tokens.0 - tx.tokens.1 <= 25
                        && !tokens[tx.tokens.1..events[ei].tokens.0]
                            .iter()
                            .any(|t| grammar().date_barriers.has(t))
                })
                .min_by_key(|&ei| events[ei].tokens.0);
            if let Some(ei) = preceding {
                assignments.push((ti, ei));
            } else if let Some(ei) = following {
                before_event.push((ti, ei));
            } else if events.is_empty()
                && !prev.is_some_and(is_determiner)
                && !sm.entities.is_empty()
            {
                // ("the July 7 crisis" names something else by its date.)
                eventless.get_or_insert(ti);
            }
        }
        for (ti, ei) in before_event {
            if !assignments.iter().any(|&(_, e)| e == ei) {
                assignments.push((ti, ei));
            }
        }
        // A date opening a sentence without an event frames it as well ("Just last year, a
        // 12-year-old was killed"), unless it is all the sentence says (a heading).
        let opener = assignments.first().map(|&(ti, _)| ti).or_else(|| {
            let tx = sm.timexes.first().filter(|_| events.is_empty())?;
            tokens[tx.tokens.1..]
                .iter()
                .any(|t| t.is_word())
                .then_some(0)
        });
        self.update_frame(sm, opener);
        // "He was playing with his cousin on Monday when the gun went off": a date in a
        // sentence that names no event but names someone continues the incident just
        // described ...
        if let (Some(ti), Some((si, _, ev))) = (eventless, &self.last_incident) {
            // ... unless it dates a change of figure ("the toll rose to three on Monday").
            let updates = tokens.iter().any(|t| grammar().update_verbs.has(t));
            // ... and only while the article has not dated the incident itself: after that,
            // a date in a sentence without an event is the court date, the news conference,
            // the interview.
            let dated = self
                .claims
                .iter()
                .any(|c| c.attribute == "date" && c.event.family == ev.family);
            // ... nor one in a sentence about the aftermath ("walked into court Thursday",
            // "family members gathered early Friday").
            let aftermath = tokens
                .iter()
                .any(|t| lex.events.aftermath_words.has(t) || lex.events.reaction_words.has(t));
            // ... nor a negated one ("it wasn't until Monday that he spoke").
            let k = sm.timexes[ti].tokens.0;
            let negated = holder_and_modality(sm, k, k).1 == Modality::Negated;
            if sm.index - si <= 2
                && self.frame.is_none()
                && !updates
                && !dated
                && !aftermath
                && !negated
            {
                let (tx, ev) = (&sm.timexes[ti], ev.clone());
                // ... nor one after the publication date: what is still to come ("she is
                // expected to turn herself in Wednesday") is not the incident reported.
                let future = rule::is_future_date(tx.rule);
                if let Some(date) =
                    event_date(tx, tokens).filter(|d| !future && !self.after_publication(d))
                {
                    self.push(
                        sm,
                        &ev,
                        "date",
                        Value::Date(date),
                        (tx.start, tx.end),
                        tx.tokens.0,
                        tx.tokens.0,
                        format!("date:discourse-incident:{}", tx.rule),
                    );
                }
            }
        }
        if let Some(frame) = self
            .frame
            .clone()
            .filter(|f| f.paragraph == sm.sentence.paragraph)
        {
            let opened_here = sm
                .timexes
                .iter()
                .any(|t| (t.start, t.end) == frame.evidence);
            for (ei, e) in events.iter().enumerate() {
                if opened_here || assignments.iter().any(|&(_, a)| a == ei) || !e.incident {
                    continue;
                }
                self.push(
                    sm,
                    &e.event,
                    "date",
                    Value::Date(frame.date.clone()),
                    frame.evidence,
                    e.tokens.0,
                    e.tokens.0,
                    frame.rule.clone(),
                );
            }
        }
        for &(ti, ei) in noun_dates.iter().chain(&assignments) {
            if dated[ei] {
                continue;
            }
            dated[ei] = true;
            let tx = &sm.timexes[ti];
            // An incident the article reports has happened: a date still to come ("the park
            // will be closed Sunday") is another matter's.
            let reported_incident = events[ei].incident;
            if let Some(date) =
                event_date(tx, tokens).filter(|d| !(reported_incident && self.after_publication(d)))
            {
                let rule = format!("date:{}", tx.rule);
                self.push(
                    sm,
                    &events[ei].event,
                    "date",
                    Value::Date(date),
                    (tx.start, tx.end),
                    tx.tokens.0,
                    events[ei].tokens.0,
                    rule,
                );
            }
        }

        // Counts with roles: written figures first, then figures implied by a singular
        // ("a man was killed" is one) or a negation ("no one was injured" is zero).
        let mut counts: Vec<CountClaim<'_>> = Vec::new();
        let mut used_cues: Vec<(usize, usize)> = Vec::new();
        let roles: Vec<_> = (0..sm.quantities.len())
            .map(|qi| {
                if sm.quantities[qi].value.unit.is_some() {
                    None
                } else {
                    role_of(sm, qi)
                }
            })
            .collect();
        let mut qi = 0;
        while qi < sm.quantities.len() {
            // "two men and two women were injured": a list of counts shares the role of its
            // last member and states their sum.
            let chain = coordinated_chain(sm, &roles, qi);
            let last = *chain.last().unwrap_or(&qi);
            qi = last + 1;
            // The role of a list is its last member's, or its first's when the cue comes
            // before the list.
            let Some((role, cue, how)) = roles[last].or(roles[chain[0]]) else {
                continue;
            };
            let first = &sm.quantities[chain[0]];
            let mut value = sm.quantities[last].value.clone();
            let mut how = how.to_string();
            // "A man and 3 women were shot": one person before the list adds one.
            let one_before = first
                .tokens
                .0
                .checked_sub(1)
                .filter(|&a| tokens[a].is("and"))
                .and_then(|a| one_person(sm, a));
            if chain.len() > 1 {
                let parts: Vec<&Quantity> =
                    chain.iter().map(|&c| &sm.quantities[c].value).collect();
                value = Quantity {
                    display: phrase_text(
                        tokens,
                        (
                            first.tokens.0,
                            sm.quantities[last]
                                .noun
                                .as_ref()
                                .map_or(sm.quantities[last].tokens.1, |n| n.tokens.1),
                        ),
                    ),
                    min: parts.iter().map(|p| p.min).sum(),
                    max: parts.iter().map(|p| p.max).sum(),
                    unit: None,
                    exact: parts.iter().all(|p| p.exact),
                };
                how = "coordinated".into();
            }
            if let Some(start) = one_before {
                let end = sm.quantities[last]
                    .noun
                    .as_ref()
                    .map_or(sm.quantities[last].tokens.1, |n| n.tokens.1);
                value = Quantity {
                    display: phrase_text(tokens, (start, end)),
                    min: value.min + 1.0,
                    max: value.max.map(|m| m + 1.0),
                    ..value
                };
                how = "coordinated".into();
            }
            // "four of the officers killed": a part of a group whose size is not given.
            let partitive = sm.quantities[last].part_of.is_none()
                && tokens
                    .get(sm.quantities[last].tokens.1)
                    .is_some_and(|t| t.is("of"))
                && tokens
                    .get(sm.quantities[last].tokens.1 + 1)
                    .is_some_and(|t| t.is("the") || t.is("them") || t.is("those"));
            if partitive
                || how == "count-then-state"
                || qualified_subset(tokens, sm.quantities[last].tokens.1, cue.0)
            {
                // "two were critically injured" is part of the injured, not their number.
                value = Quantity {
                    display: format!("at least {}", value.display),
                    max: None,
                    exact: false,
                    ..value
                };
                how.push_str("-subset");
            }
            used_cues.push(cue);
            counts.push((
                role,
                cue,
                (
                    one_before.unwrap_or(first.tokens.0),
                    sm.quantities[last].tokens.1,
                ),
                value,
                format!("count:{how}:{}", role.attribute),
            ));
        }
        // A figure the sentence states outranks one its wording implies: "the toll rose to
        // three after a third worker died" says three, not "at least one".
        let stated = |c: &CountClaim<'_>, counts: &[CountClaim<'_>]| {
            counts.iter().any(|s| s.0.attribute == c.0.attribute)
        };
        let mut implied = implied_counts(sm, &used_cues);
        implied.retain(|c| !stated(c, &counts));
        used_cues.extend(implied.iter().map(|c| c.1));
        counts.extend(implied);
        let mut by_phrase = implied_by_phrase(sm, &used_cues);
        by_phrase.retain(|c| !stated(c, &counts));
        counts.extend(by_phrase);
        drop_turned_fatal(&mut counts);
        // In a paragraph a date opened as another time ("Just last year, a 12-year-old was
        // killed"), or in a sentence dated so ("more than 500 people died in 2013"), a toll
        // with no event of its own is that time's incident.
        // (`update_frame` has closed a frame of an earlier paragraph.)
        let frame = self.frame.clone().or_else(|| self.another_time(sm));
        let framed = frame.is_some();
        // The other time's events, one per kind, with the token their first count is at.
        let mut background: Vec<(EventRef, usize)> = Vec::new();
        // (timex, the token opening the clause it is the time of.)
        let when_clause = sm
            .timexes
            .iter()
            .enumerate()
            .find_map(|(ti, tx)| Some((ti, when_clause_after(tokens, tx.tokens.1)?)));
        for (role, cue, at, value, rule) in counts {
            let event_kind = role
                .default_event
                .clone()
                .unwrap_or_else(|| UNTYPED_INCIDENT.into());
            let fam = family_of(&event_kind);
            let fits = |e: &LocalEvent| {
                if event_kind == UNTYPED_INCIDENT {
                    e.incident
                } else {
                    e.event.family == fam
                }
            };
            // The clause a participle phrase tells of: its last fitting event before it.
            let told_of = || {
                let start = participle_phrase_start(sm, &events, cue.0)?;
                events
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| fits(e) && e.tokens.1 <= start)
                    .max_by_key(|(_, e)| e.tokens.1)
                    .map(|(i, _)| i)
            };
            let ev_index = match when_clause.filter(|&(_, w)| cue.0 > w) {
                // "since July 2005, when the river burst its banks, killing 24": the count is
                // that time's, and only an event of the when-clause or one the date dates ("a
                // stabbing in 2021, when one man was wounded") can take it.
                Some((ti, w)) => events
                    .iter()
                    .enumerate()
                    .filter(|&(ei, e)| {
                        fits(e) && (e.tokens.0 > w || assignments.contains(&(ti, ei)))
                    })
                    .min_by_key(|(_, e)| e.tokens.0.abs_diff(at.0))
                    .map(|(i, _)| i),
                None => told_of().or_else(|| nearest(at.0, &fits)),
            };
            let event = match ev_index {
                Some(i) => events[i].event.clone(),
                None => {
                    let own = || EventRef {
                        kind: event_kind.clone(),
                        family: family_of(&event_kind),
                        trigger: phrase_text(tokens, cue),
                        trigger_span: [tokens[cue.0].start, tokens[cue.1 - 1].end],
                        agent: None,
                        target: None,
                        place: None,
                    };
                    match (&self.last_incident, event_kind.as_str()) {
                        _ if framed => {
                            match background.iter().find(|(e, _)| e.kind == event_kind) {
                                Some((e, _)) => e.clone(),
                                None => {
                                    background.push((own(), cue.0));
                                    own()
                                }
                            }
                        }
                        // A toll in a sentence of its own belongs to the incident just
                        // described.
                        (Some((si, _, ev)), UNTYPED_INCIDENT) if sm.index - si <= 3 => ev.clone(),
                        _ => own(),
                    }
                }
            };
            let zero = value.max == Some(0.0);
            let evidence = (tokens[at.0].start, tokens[at.1 - 1].end);
            self.push(
                sm,
                &event,
                &role.attribute,
                Value::Quantity(value),
                evidence,
                at.0,
                cue.0,
                rule,
            );
            if zero {
                // "No one was injured": the negation is the value, not a denial of the claim.
                if let Some(last) = self.claims.last_mut() {
                    if last.modality == Modality::Negated {
                        last.modality = if last.holder == Holder::Outlet {
                            Modality::Asserted
                        } else {
                            Modality::Reported
                        };
                    }
                }
            }
        }
        if let Some(frame) = frame {
            for (event, at) in background {
                self.push(
                    sm,
                    &event,
                    "date",
                    Value::Date(frame.date.clone()),
                    frame.evidence,
                    at,
                    at,
                    frame.rule.clone(),
                );
            }
        }

        // Participants.
        for e in &events {
            for (attribute, value) in [
                ("agent", &e.event.agent),
                ("target", &e.event.target),
                ("place", &e.event.place),
            ] {
                let Some(name) = value else { continue };
                let kind = if attribute == "place" {
                    EntityKind::Place
                } else {
                    guess_kind(name)
                };
                let at = e.tokens.0;
                let value = Value::Entity(EntityValue {
                    display: name.clone(),
                    kind,
                });
                self.push(
                    sm,
                    &e.event,
                    attribute,
                    value,
                    (e.event.trigger_span[0], e.event.trigger_span[1]),
                    at,
                    at,
                    format!("participant:{attribute}"),
                );
            }
        }

        // Ages of named people, each about that person: one outlet's "Baylon, 52" and
        // another's "Baylon, 57" are two ages of one man.
        for age in &sm.ages {
            let name = &sm.entities[age.entity];
            let display = entity_value(config, name).display;
            let person = EventRef {
                kind: PERSON_EVENT.into(),
                family: format!("{PERSON_EVENT}:{}", display.to_lowercase()),
                trigger: display.clone(),
                trigger_span: [name.start, name.end],
                agent: None,
                target: Some(display),
                place: None,
            };
            let written = &tokens[age.tokens.0];
            let value = Value::Quantity(Quantity::exact(age.age as f64, written.text));
            self.push(
                sm,
                &person,
                AGE_ATTRIBUTE,
                value,
                (written.start, tokens[age.tokens.1 - 1].end),
                name.tokens.0,
                name.tokens.0,
                "age:of-name".into(),
            );
        }

        for e in &events {
            if let Some(r) = e.charge {
                let value = Value::Text {
                    display: phrase_text(tokens, r),
                };
                let span = (tokens[r.0].start, tokens[r.1 - 1].end);
                self.push(
                    sm,
                    &e.event,
                    "charge",
                    value,
                    span,
                    r.0,
                    e.tokens.0,
                    "charge:phrase".into(),
                );
            }
        }

        if let Some(e) = events.iter().rev().find(|e| e.incident) {
            self.last_incident = Some((sm.index, e.tokens.0, e.event.clone()));
        }
    }
}

pub(crate) fn guess_kind(name: &str) -> EntityKind {
    let lex = &lexicon::get().entities;
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.iter().any(|w| lex.is_title(w))
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase) && !lex.is_title(w))
    {
        EntityKind::Person
    } else if words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        EntityKind::Organization
    } else {
        EntityKind::Description
    }
}

/// A content-derived claim id, unique among `claims`: source, attribute, event type,
/// sentence words and value.
fn claim_id(
    claims: &[Claim],
    source: &str,
    attribute: &str,
    event: &EventRef,
    text: &str,
    value: &Value,
) -> String {
    let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let id_base = format!(
        "{source}|{attribute}|{}|{words}|{}",
        event.kind,
        value.display()
    );
    let mut id = stable_id("c", &id_base);
    let mut n = 1;
    while claims.iter().any(|c| c.id == id) {
        n += 1;
        id = stable_id("c", &format!("{id_base}|{n}"));
    }
    id
}

/// True when `part`'s count and its role word come right before `total`'s count in one
/// sentence, as the item before it in a list: "2 killed, 2 shot", "one dead and four shot".
fn listed_before(part: &Claim, total: &Claim) -> bool {
    const ROLE_WORDS: usize = 2;
    if part.span != total.span || part.evidence[1] > total.evidence[0] {
        return false;
    }
    let gap = part
        .text
        .get(part.evidence[1] - part.span[0]..total.evidence[0] - part.span[0])
        .unwrap_or("");
    let Some((words, rest)) = gap
        .rsplit_once([',', ';'])
        .or_else(|| gap.rsplit_once(" and "))
    else {
        return false;
    };
    // ("Girl killed, father hurt in a double shooting": the total is not the next item.)
    let words = words.split_whitespace().count();
    rest.trim().is_empty() && (1..=ROLE_WORDS).contains(&words)
}

/// Claims of roles an article states only as the rest of a total ("five people were
/// shot, one fatally" states four wounded): for each precise total, the total less the
/// parts the article gives for the same kind of event (in the total's sentence if there,
/// else the nearest; a part it never gives counts as none). Nothing is derived where the
/// article itself states the role at least as high.
fn derive_remainders(claims: &mut Vec<Claim>) {
    let roles = &lexicon::get().roles;
    let events = &lexicon::get().events;
    let mut derived = Vec::new();
    for rem in &roles.remainders {
        for (at, total) in claims.iter().enumerate() {
            if total.attribute != rem.total {
                continue;
            }
            let Value::Quantity(whole) = &total.value else {
                continue;
            };
            // A precise total, or "at least" one (a victim named as shot) when the article
            // states none of the parts: "the infant was shot" with no death is one wounded.
            let lower_bound = !whole.exact && whole.max.is_none();
            if (!whole.exact && !lower_bound) || whole.unit.is_some() {
                continue;
            }
            if lower_bound && claims.iter().any(|c| rem.minus.contains(&c.attribute)) {
                continue;
            }
            // A death the article names but does not count ("Makanzee died May 27") leaves
            // the rest unknown.
            let uncounted_death = claims
                .iter()
                .any(|c| events.is_death_family(&c.event.family))
                && !claims.iter().any(|c| rem.minus.contains(&c.attribute));
            if uncounted_death {
                continue;
            }
            // "One dead and 11 others shot": a total set apart from the parts already
            // named leaves them out, so nothing is taken away.
            // So is one listed right after a part: "2 killed, 2 shot" (headline style for
            // two dead and two wounded), "one dead and four shot".
            let (_, after) = total.words_around(total.evidence);
            let set_apart = after
                .iter()
                .take(2)
                .any(|w| roles.contrast_markers.contains(w))
                || claims
                    .iter()
                    .any(|part| rem.minus.contains(&part.attribute) && listed_before(part, total));
            let mut taken = 0.0;
            let mut parts = Vec::new();
            let mut unstated_part = false;
            for attribute in rem.minus.iter().filter(|_| !set_apart) {
                let part = claims
                    .iter()
                    .filter(|c| &c.attribute == attribute)
                    .filter_map(|c| match &c.value {
                        Value::Quantity(q) if q.unit.is_none() => Some((c, q)),
                        _ => None,
                    })
                    .min_by_key(|(c, q)| {
                        (
                            c.span != total.span,
                            c.event.family != total.event.family,
                            !q.exact,
                            c.span[0].abs_diff(total.span[0]),
                        )
                    });
                let n = part.map_or(0.0, |(_, q)| q.min);
                taken += n;
                unstated_part |= part.is_none();
                parts.push(match part {
                    Some(_) => format!("{} {attribute}", format_number(n)),
                    None => format!("no {attribute} stated"),
                });
            }
            let rest = whole.min - taken;
            // (Stated of the total's own kind of event: a roundup's "at least 35 others have
            // been wounded" is a series total, and says nothing of this incident's rest.)
            let stated = claims.iter().any(|c| {
                c.attribute == rem.attribute
                    && c.event.family == total.event.family
                    && matches!(&c.value, Value::Quantity(q) if q.unit.is_none() && q.min > rest)
            });
            if rest < 0.0 || stated {
                continue;
            }
            if set_apart {
                parts.push("the others apart".into());
            }
            let phrase = match total.evidence_text() {
                "" => whole.display.as_str(),
                words => words,
            };
            let display = format!(
                "{}{} ({phrase} {}, {})",
                if lower_bound { "at least " } else { "" },
                format_number(rest),
                rem.total,
                parts.join(", ")
            );
            let value = Value::Quantity(if lower_bound {
                Quantity {
                    display,
                    ..whole.clone()
                }
            } else {
                Quantity::exact(rest, display)
            });
            derived.push((
                at + 1,
                Claim {
                    attribute: rem.attribute.clone(),
                    value,
                    rule: if set_apart {
                        rule::set_apart(&rem.total, &rem.attribute)
                    } else {
                        rule::derived(&rem.total, &rem.minus, unstated_part)
                    },
                    ..total.clone()
                },
            ));
        }
    }
    // Each derived claim right after its total, so the rest keep their document order.
    derived.sort_by_key(|&(at, _)| std::cmp::Reverse(at));
    for (at, mut claim) in derived {
        claim.id = claim_id(
            claims,
            &claim.source,
            &claim.attribute,
            &claim.event,
            &claim.text,
            &claim.value,
        );
        claims.insert(at, claim);
    }
}

/// Extracts every claim of an article, in document order.
pub fn extract(source: &Source, config: &StoryConfig) -> Vec<Claim> {
    let mentions = recognize_source(source);
    let mut builder = Builder {
        source,
        claims: Vec::new(),
        last_incident: None,
        frame: None,
    };
    for sm in &mentions {
        if sm.furniture.is_some() {
            continue;
        }
        builder.sentence(sm, config);
    }
    derive_remainders(&mut builder.claims);
    builder.claims
}
