//! Runs the temporal expression cases in `tests/cases/dates.toml`: every case is checked and
//! all failures are reported together, each with the expected and the found mentions.

use concord::calendar::CivilDate;
use concord::recognize::dates::{join_ranges, DateRecognizer, TimexMention, TimexType};
use concord::token::tokenize;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    test: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    sentences: Vec<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    expect: Vec<Expect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    text: String,
    timex: String,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default, rename = "mod")]
    modifier: Option<String>,
    #[serde(default)]
    anchor: Option<String>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    display: Option<String>,
}

fn type_name(t: TimexType) -> &'static str {
    t.as_timeml()
}

/// One line per mention: what the harness compares.
fn describe(text: &str, m: &TimexMention) -> String {
    format!(
        "{:?} {} {}{}",
        &text[m.start..m.end],
        type_name(m.timex_type),
        m.value,
        m.modifier
            .map(|x| format!(" mod={}", x.as_timeml()))
            .unwrap_or_default()
    )
}

fn check(case: &Case) -> Result<(), String> {
    let sentences: Vec<String> = match (&case.text, case.sentences.is_empty()) {
        (Some(t), true) => vec![t.clone()],
        (None, false) => case.sentences.clone(),
        _ => return Err("a case needs either `text` or `sentences`".into()),
    };
    let published = match &case.published {
        Some(p) => Some(CivilDate::parse(p).ok_or_else(|| format!("bad published date {p}"))?),
        None => None,
    };
    let mut rec = DateRecognizer::new(published);
    let mut found: Vec<(String, TimexMention)> = Vec::new();
    for s in &sentences {
        let toks = tokenize(s, 0);
        // As the pipeline reads them: a range of two dates is one mention.
        for m in join_ranges(&toks, rec.recognize(&toks)) {
            found.push((s.clone(), m));
        }
    }
    let mut problems = Vec::new();
    if found.len() != case.expect.len() {
        problems.push(format!(
            "expected {} mentions, found {}",
            case.expect.len(),
            found.len()
        ));
    }
    for (k, e) in case.expect.iter().enumerate() {
        let Some((s, m)) = found.get(k) else {
            problems.push(format!("missing {:?} {}", e.text, e.timex));
            continue;
        };
        let got_text = &s[m.start..m.end];
        let kind = e.kind.as_deref().unwrap_or("DATE");
        let mut diffs = Vec::new();
        if got_text != e.text {
            diffs.push(format!("text {:?} != {:?}", got_text, e.text));
        }
        if m.value != e.timex {
            diffs.push(format!("timex {} != {}", m.value, e.timex));
        }
        if type_name(m.timex_type) != kind {
            diffs.push(format!("type {} != {}", type_name(m.timex_type), kind));
        }
        let got_mod = m.modifier.map(|x| x.as_timeml());
        if got_mod != e.modifier.as_deref() {
            diffs.push(format!("mod {:?} != {:?}", got_mod, e.modifier));
        }
        if let Some(a) = &e.anchor {
            if m.anchor.as_deref() != Some(a.as_str()) {
                diffs.push(format!("anchor {:?} != {:?}", m.anchor, a));
            }
        }
        if let Some(r) = &e.rule {
            if m.rule != r {
                diffs.push(format!("rule {} != {}", m.rule, r));
            }
        }
        if let Some(d) = &e.display {
            let got = m.date.as_ref().map(|x| x.display.as_str());
            if got != Some(d.as_str()) {
                diffs.push(format!("display {:?} != {:?}", got, d));
            }
        }
        if (kind == "DURATION" || kind == "SET") && m.date.is_some() {
            diffs.push("a DURATION/SET must not carry a date".into());
        }
        if !diffs.is_empty() {
            problems.push(format!("mention {}: {}", k + 1, diffs.join("; ")));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let got: Vec<String> = found.iter().map(|(s, m)| describe(s, m)).collect();
        Err(format!(
            "{}\n      found: [{}]",
            problems.join("\n      "),
            got.join(", ")
        ))
    }
}

#[test]
fn date_cases() {
    let raw = include_str!("cases/dates.toml");
    let cases: Cases = toml::from_str(raw).expect("tests/cases/dates.toml parses");
    assert!(
        cases.test.len() >= 60,
        "the suite should keep at least 60 cases"
    );
    let mut failures = Vec::new();
    for (n, case) in cases.test.iter().enumerate() {
        if let Err(e) = check(case) {
            let what = case
                .text
                .clone()
                .unwrap_or_else(|| case.sentences.join(" "));
            failures.push(format!(
                "case {} {:?} (published {:?})\n      {}",
                n + 1,
                what,
                case.published,
                e
            ));
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} date cases failed:\n{}",
            failures.len(),
            cases.test.len(),
            failures.join("\n")
        );
    }
}

mod random_text {
    use super::*;
    use proptest::prelude::*;

    /// Date-like words and shapes, so that random sentences exercise the matchers.
    const VOCAB: &[&str] = &[
        "the",
        "a",
        "of",
        "in",
        "on",
        "last",
        "next",
        "this",
        "early",
        "mid-",
        "late",
        "year",
        "years",
        "week",
        "quarter",
        "third",
        "27th",
        "June",
        "May",
        "Sept.",
        "Friday",
        "night",
        "2025",
        "1990s",
        "'90s",
        "ago",
        "later",
        "earlier",
        "that",
        "day",
        "two",
        "twenty",
        "four",
        "hours",
        "6",
        "p.m.",
        "10:30",
        "-",
        ",",
        ".",
        "$",
        "2000",
        "block",
        "every",
        "daily",
        "nineteen",
        "ninety-six",
        "now",
        "will",
        "was",
        "Q3",
        "2013-W11",
        "6/27/2025",
        "fiscal",
        "spring",
        "Christmas",
        "New",
        "Year's",
        "Eve",
        "\u{2019}s",
        "é",
        "year-ago",
        "four-week",
        "the",
        "'s",
    ];

    proptest! {
        #[test]
        fn recognize_never_panics_and_stays_in_bounds(
            words in proptest::collection::vec(0..VOCAB.len(), 0..40),
            published in proptest::option::of(0i64..30000),
        ) {
            let text: String = words.iter().map(|k| VOCAB[*k]).collect::<Vec<_>>().join(" ");
            let dct = published.map(|n| CivilDate::from_day_number(n - 10000));
            let toks = tokenize(&text, 0);
            let mut rec = DateRecognizer::new(dct);
            let found = join_ranges(&toks, rec.recognize(&toks));
            let mut last_end = 0;
            for m in &found {
                prop_assert!(m.tokens.0 < m.tokens.1 && m.tokens.1 <= toks.len());
                prop_assert!(m.start < m.end && m.end <= text.len());
                prop_assert!(m.tokens.0 >= last_end, "mentions overlap");
                last_end = m.tokens.1;
                prop_assert_eq!(m.date.is_some(), matches!(m.timex_type, TimexType::Date));
            }
        }
    }
}
