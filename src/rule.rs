//! Rule names: how a claim's value was read ("count:derived:shot-minus-killed",
//! "date:weekday-past", "date:discourse-incident:month-day").
//!
//! A claim keeps the name of the rule that produced it as text, because claim files store
//! it and reviewers read it. The later stages weigh a claim by how it was read (a figure
//! inferred from wording, a date resolved against the publication date); they ask those
//! questions here, so the spelling of rule names lives in one module.

/// Separator of a rule name's parts.
const SEP: char = ':';

/// The suffix of a derived count whose article leaves a part it takes away unstated
/// ("seven shot", no death told): the rest is then at most the figure.
pub const PARTS_UNSTATED: &str = "parts-unstated";

/// Prefix of counts derived from other counts of the article.
const DERIVED: &str = "count:derived:";

/// Prefix of counts implied by a phrase ("a fatal shooting", "in critical condition").
const IMPLIED_BY_PHRASE: &str = "count:implied-by-phrase:";

/// Count rules that read a figure into the wording rather than a written number.
const INFERRED_COUNT_PARTS: &[&str] = &["singular", "coordinated", "subset", "none", "derived"];

/// Date rules whose value depends on an anchor (a weekday, "yesterday", "last week").
const RELATIVE_DATE_PARTS: &[&str] = &[
    "weekday-past",
    "weekday-this",
    "weekday-last",
    "weekday-next",
    "weekday-future",
    "relative",
    "ago-",
    "offset-",
    "clock",
];

/// Date rules that read a weekday as the latest one before the article.
const PAST_WEEKDAY_RULES: &[&str] = &["weekday-past", "weekday-last", "weekday-discourse"];

/// Date rules that read "last week" or "last weekend" against the publication date.
const RELATIVE_WEEK_RULES: &[&str] = &["unit-relative", "weekend-relative"];

/// The parts of a rule name after its stage ("count", "date").
fn parts(rule: &str) -> impl Iterator<Item = &str> {
    rule.split(SEP).skip(1)
}

/// The name of a derived count: the total less the parts, and whether a part is unstated.
pub fn derived(total: &str, minus: &[String], parts_unstated: bool) -> String {
    let mut name = format!("{DERIVED}{total}-minus-{}", minus.join("-"));
    if parts_unstated {
        name.push(SEP);
        name.push_str(PARTS_UNSTATED);
    }
    name
}

/// The name of a count that a total set apart from the parts already named states ("one
/// dead and 11 others shot" is 11 wounded): nothing is taken away, so it is not derived.
pub fn set_apart(total: &str, attribute: &str) -> String {
    format!("count:{total}-set-apart:{attribute}")
}

/// True for a count read into the wording ("a man was killed" is at least one, "no one
/// was hurt" none) or derived from other counts, rather than written as a figure.
pub fn is_inferred_count(rule: &str) -> bool {
    rule.starts_with("count:")
        && parts(rule).any(|p| INFERRED_COUNT_PARTS.iter().any(|i| p.contains(i)))
}

/// Prefixes of dates carried to an event from the sentences around it (a paragraph's
/// opening date, a dated sentence that names no event) rather than stated with it.
const CARRIED_DATE_PREFIXES: &[&str] = &["date:discourse-incident:", "date:paragraph-frame:"];

/// True for a date carried to its event from the sentences around it.
pub fn is_carried_date(rule: &str) -> bool {
    CARRIED_DATE_PREFIXES.iter().any(|p| rule.starts_with(p))
}

/// True for a count a phrase implies ("a fatal shooting", "in critical condition").
pub fn is_implied_by_phrase(rule: &str) -> bool {
    rule.starts_with(IMPLIED_BY_PHRASE)
}

/// True for a count derived from other counts of the article.
pub fn is_derived(rule: &str) -> bool {
    rule.starts_with(DERIVED)
}

/// True for a derived count whose article leaves a part it takes away unstated.
pub fn has_parts_unstated(rule: &str) -> bool {
    is_derived(rule) && parts(rule).any(|p| p == PARTS_UNSTATED)
}

/// True for a count of one victim read from a singular subject, object or phrase.
pub fn is_implied_singular(rule: &str) -> bool {
    parts(rule).any(|p| p.contains("singular") || p.contains("implied"))
}

/// True for a count whose victim is named by a pronoun or a phrase ("he", "pronounced
/// dead"), so it may be the victim another count of the sentence already names.
pub fn names_victim_again(rule: &str) -> bool {
    parts(rule).any(|p| p.contains("pronoun") || p == "implied-by-phrase")
}

/// True for a date rule (of the recognizer, or of a claim) whose value depends on the
/// publication date or another anchor; `holiday` adds holidays read without a year.
pub fn is_relative_date(rule: &str, holiday: bool) -> bool {
    RELATIVE_DATE_PARTS
        .iter()
        .chain(holiday.then_some(&"holiday"))
        .any(|r| rule.contains(r))
}

/// True for a date read from a weekday name ("on Sunday", "next Friday", "11 p.m. Friday").
pub fn is_weekday_date(rule: &str) -> bool {
    rule.contains("weekday")
}

/// True for a date read as the latest such weekday before the article.
pub fn is_past_weekday(rule: &str) -> bool {
    PAST_WEEKDAY_RULES.iter().any(|r| rule.ends_with(r))
}

/// True for "last week" or "last weekend" read against the publication date.
pub fn is_relative_week(rule: &str) -> bool {
    RELATIVE_WEEK_RULES.iter().any(|r| rule.ends_with(r))
}

/// True for a recognizer's date rule that reads a date still to come ("next Friday",
/// "on Friday" in a future clause).
pub fn is_future_date(rule: &str) -> bool {
    rule.contains("future") || rule.contains("next")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_answer_by_their_parts() {
        assert!(!is_inferred_count(&set_apart("shot", "injured")));
        let derived = derived("shot", &["killed".to_string()], true);
        assert_eq!(derived, "count:derived:shot-minus-killed:parts-unstated");
        assert!(is_derived(&derived) && has_parts_unstated(&derived));
        assert!(is_inferred_count(&derived));
        assert!(!has_parts_unstated("count:derived:shot-minus-killed"));
        assert!(is_inferred_count("count:singular-subject:killed"));
        assert!(is_inferred_count("count:none:injured"));
        assert!(!is_inferred_count("count:count-then-verb:killed"));
        assert!(is_carried_date("date:discourse-incident:weekday-past"));
        assert!(is_carried_date("date:paragraph-frame:month-day"));
        assert!(!is_carried_date("date:weekday-past"));
        assert!(is_implied_by_phrase("count:implied-by-phrase:injured"));
        assert!(names_victim_again("count:singular-pronoun:killed"));
        assert!(!names_victim_again("count:singular-subject:killed"));
        assert!(is_relative_date("date:weekday-past", false));
        assert!(!is_relative_date("date:holiday", false) && is_relative_date("date:holiday", true));
        assert!(is_past_weekday("date:paragraph-frame:weekday-past"));
        assert!(is_relative_week("date:weekend-relative"));
        assert!(is_future_date("weekday-next"));
    }
}
