//! Table-driven tests for the quantity recognizer: every case lives in
//! `tests/cases/quantities.toml`, so adding a case needs no code. All failing cases are
//! reported together, each with what was expected and what was found.

use concord::recognize::quantities::{recognize, QuantityMention};
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
    text: String,
    #[serde(default)]
    expect: Vec<Expect>,
}

/// One expected mention. Omitted optional fields must be absent in the result too.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    text: String,
    min: f64,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    exact: bool,
    #[serde(default)]
    noun: Option<String>,
    #[serde(default)]
    part_of_text: Option<String>,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn describe(text: &str, m: &QuantityMention, all: &[QuantityMention]) -> String {
    let max = m.value.max.map_or("open".to_string(), |x| x.to_string());
    let part = m
        .part_of
        .and_then(|i| all.get(i))
        .map(|w| format!(" part_of={:?}", text.get(w.start..w.end).unwrap_or("?")))
        .unwrap_or_default();
    format!(
        "{:?} [{}, {}] unit={:?} exact={} noun={:?}{} rule={}",
        text.get(m.start..m.end).unwrap_or("<bad span>"),
        m.value.min,
        max,
        m.value.unit,
        m.value.exact,
        m.noun.as_ref().map(|n| n.text.as_str()),
        part,
        m.rule
    )
}

fn check(case: &Case) -> Result<(), String> {
    let tokens = tokenize(&case.text, 0);
    let found = recognize(&tokens, &[]);
    let mut problems = Vec::new();
    for (k, e) in case.expect.iter().enumerate() {
        let Some(m) = found.get(k) else {
            problems.push(format!("missing #{k}: {:?}", e.text));
            continue;
        };
        let got = case.text.get(m.start..m.end).unwrap_or("<bad span>");
        let mut diffs = Vec::new();
        if got != e.text {
            diffs.push(format!("text {:?} != {:?}", got, e.text));
        }
        if m.value.display != got {
            diffs.push(format!("display {:?} != source {:?}", m.value.display, got));
        }
        if !close(m.value.min, e.min) {
            diffs.push(format!("min {} != {}", m.value.min, e.min));
        }
        match (m.value.max, e.max) {
            (Some(a), Some(b)) if close(a, b) => {}
            (None, None) => {}
            (a, b) => diffs.push(format!("max {a:?} != {b:?}")),
        }
        if m.value.unit != e.unit {
            diffs.push(format!("unit {:?} != {:?}", m.value.unit, e.unit));
        }
        if m.value.exact != e.exact {
            diffs.push(format!("exact {} != {}", m.value.exact, e.exact));
        }
        let noun = m.noun.as_ref().map(|n| n.text.as_str());
        if noun != e.noun.as_deref() {
            diffs.push(format!("noun {:?} != {:?}", noun, e.noun));
        }
        let part = m
            .part_of
            .and_then(|i| found.get(i))
            .map(|w| case.text.get(w.start..w.end).unwrap_or("<bad span>"));
        if part != e.part_of_text.as_deref() || m.part_of.is_some() != e.part_of_text.is_some() {
            diffs.push(format!("part_of {:?} != {:?}", part, e.part_of_text));
        }
        if !diffs.is_empty() {
            problems.push(format!("#{k} {:?}: {}", e.text, diffs.join("; ")));
        }
    }
    for m in found.iter().skip(case.expect.len()) {
        problems.push(format!("unexpected: {}", describe(&case.text, m, &found)));
    }
    if problems.is_empty() {
        return Ok(());
    }
    let all: Vec<String> = found
        .iter()
        .map(|m| format!("    {}", describe(&case.text, m, &found)))
        .collect();
    Err(format!(
        "{:?}\n  {}\n  found:\n{}",
        case.text,
        problems.join("\n  "),
        if all.is_empty() {
            "    (nothing)".to_string()
        } else {
            all.join("\n")
        }
    ))
}

#[test]
fn quantity_cases() {
    let cases: Cases = match toml::from_str(include_str!("cases/quantities.toml")) {
        Ok(c) => c,
        Err(e) => panic!("tests/cases/quantities.toml is invalid: {e}"),
    };
    assert!(cases.test.len() >= 60, "only {} cases", cases.test.len());
    let failures: Vec<String> = cases.test.iter().filter_map(|c| check(c).err()).collect();
    if !failures.is_empty() {
        panic!(
            "{} of {} quantity cases failed:\n\n{}",
            failures.len(),
            cases.test.len(),
            failures.join("\n\n")
        );
    }
}
