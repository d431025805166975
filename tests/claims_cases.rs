//! Table-driven claim extraction cases from `tests/cases/claims.toml`: one harness runs them
//! all and reports every failing case before failing.

use concord::claims::{extract, Claim, Holder, Modality};
use concord::ingest::{Source, StoryConfig};
use concord::value::Value;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    test: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    expect: Vec<Expect>,
    #[serde(default)]
    absent: Vec<Absent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    attribute: String,
    #[serde(default)]
    evidence: Option<String>,
    #[serde(default)]
    timex: Option<String>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    display: Option<String>,
    #[serde(default)]
    holder: Option<String>,
    #[serde(default)]
    modality: Option<String>,
    #[serde(default)]
    event: Option<String>,
    /// The trigger of the claim's event, as written ("opened fire").
    #[serde(default)]
    trigger: Option<String>,
    /// The rule that read the value, in full.
    #[serde(default)]
    rule: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Absent {
    attribute: String,
    evidence: String,
}

fn evidence(c: &Claim, text: &str) -> String {
    text.get(c.evidence[0]..c.evidence[1])
        .unwrap_or("")
        .to_string()
}

fn matches(c: &Claim, e: &Expect, text: &str) -> bool {
    if c.attribute != e.attribute {
        return false;
    }
    if e.evidence
        .as_ref()
        .is_some_and(|ev| *ev != evidence(c, text))
    {
        return false;
    }
    let value_ok = match &c.value {
        Value::Date(d) => e.timex.as_ref().is_none_or(|t| *t == d.timex),
        Value::Quantity(q) => {
            e.min.is_none_or(|m| m == q.min) && e.max.is_none_or(|m| Some(m) == q.max)
        }
        Value::Entity(en) => e.display.as_ref().is_none_or(|d| *d == en.display),
        Value::Text { display } => e.display.as_ref().is_none_or(|d| d == display),
    };
    let holder_ok = e.holder.as_ref().is_none_or(|h| match &c.holder {
        Holder::Outlet => h == "outlet",
        Holder::Attributed { name, .. } => h == name,
    });
    let modality_ok = e.modality.as_ref().is_none_or(|m| {
        let got = match c.modality {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Hedged => "hedged",
            Modality::Negated => "negated",
        };
        m == got
    });
    let event_ok = e.event.as_ref().is_none_or(|ev| *ev == c.event.kind)
        && e.trigger.as_ref().is_none_or(|t| *t == c.event.trigger);
    let rule_ok = e.rule.as_ref().is_none_or(|r| *r == c.rule);
    value_ok && holder_ok && modality_ok && event_ok && rule_ok
}

#[test]
fn claim_cases() {
    let data = std::fs::read_to_string("tests/cases/claims.toml").expect("cases file");
    let cases: Cases = toml::from_str(&data).expect("valid cases");
    let mut failures = Vec::new();
    for case in &cases.test {
        let mut text = String::new();
        if let Some(p) = &case.published {
            text.push_str(&format!("+++\npublished = \"{p}\"\n+++\n"));
        }
        text.push_str(&case.text);
        let source = Source::parse(Path::new("case.txt"), text.clone()).expect("case parses");
        let claims = extract(&source, &StoryConfig::default());
        let listing = || {
            claims
                .iter()
                .map(|c| {
                    format!(
                        "    {} = {} [{}] evidence {:?} holder {:?} {:?} event {} ({:?})",
                        c.attribute,
                        c.value.display(),
                        c.rule,
                        evidence(c, &text),
                        c.holder,
                        c.modality,
                        c.event.kind,
                        c.event.trigger
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        for e in &case.expect {
            if !claims.iter().any(|c| matches(c, e, &text)) {
                failures.push(format!(
                    "{}: missing {} {:?}\n  got:\n{}",
                    case.name,
                    e.attribute,
                    e.evidence.as_deref().or(e.display.as_deref()),
                    listing()
                ));
            }
        }
        for a in &case.absent {
            if claims
                .iter()
                .any(|c| c.attribute == a.attribute && evidence(c, &text) == a.evidence)
            {
                failures.push(format!(
                    "{}: unexpected {} from {:?}\n  got:\n{}",
                    case.name,
                    a.attribute,
                    a.evidence,
                    listing()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
