//! Mentions: a flat, serializable view of everything the recognizers found in an article,
//! for the `mentions` command (users see why a claim was or was not made).

use crate::ingest::Source;
use crate::recognize::recognize_source;
use crate::value::{EntityValue, Quantity};
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MentionValue {
    /// DATE, TIME, DURATION or SET.
    Timex {
        timex_type: crate::recognize::dates::TimexType,
        timex: String,
        #[serde(skip_serializing_if = "Option::is_none", rename = "mod")]
        modifier: Option<crate::value::DateMod>,
        #[serde(skip_serializing_if = "Option::is_none")]
        display: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        anchor: Option<String>,
    },
    Quantity {
        value: Quantity,
        #[serde(skip_serializing_if = "Option::is_none")]
        noun: Option<String>,
    },
    Entity {
        value: EntityValue,
        generic: bool,
    },
    Event {
        event: String,
        family: String,
        form: String,
    },
    Attribution {
        holder: String,
        cue: String,
        contested: bool,
    },
    Hedge,
    Negation,
}

#[derive(Clone, Debug, Serialize)]
pub struct Mention {
    pub span: [usize; 2],
    pub text: String,
    /// Sentence index within the article.
    pub sentence: usize,
    /// True when the sentence is page furniture (captions, navigation) and makes no claims.
    pub furniture: bool,
    #[serde(flatten)]
    pub value: MentionValue,
    pub rule: String,
}

/// Every mention of an article, in text order.
pub fn mentions(source: &Source) -> Vec<Mention> {
    let text = &source.text;
    let mut out = Vec::new();
    for sm in recognize_source(source) {
        let furniture = sm.furniture.is_some();
        let mut push = |start: usize, end: usize, value: MentionValue, rule: String| {
            out.push(Mention {
                span: [start, end],
                text: text[start..end].to_string(),
                sentence: sm.index,
                furniture,
                value,
                rule,
            });
        };
        for t in &sm.timexes {
            push(
                t.start,
                t.end,
                MentionValue::Timex {
                    timex_type: t.timex_type,
                    timex: t.value.clone(),
                    modifier: t.modifier,
                    display: t.date.as_ref().map(|d| d.display.clone()),
                    anchor: t.anchor.clone(),
                },
                t.rule.to_string(),
            );
        }
        for q in &sm.quantities {
            push(
                q.start,
                q.end,
                MentionValue::Quantity {
                    value: q.value.clone(),
                    noun: q.noun.as_ref().map(|n| n.text.clone()),
                },
                q.rule.to_string(),
            );
        }
        for e in &sm.entities {
            push(
                e.start,
                e.end,
                MentionValue::Entity {
                    value: e.value.clone(),
                    generic: e.generic,
                },
                if e.generic {
                    "group-phrase"
                } else {
                    "capitalized-name"
                }
                .into(),
            );
        }
        for tr in &sm.triggers {
            let ty = tr.event_type();
            let form = match tr.form {
                crate::recognize::events::TriggerForm::Verb => "verb",
                crate::recognize::events::TriggerForm::Noun => "noun",
            };
            push(
                tr.start,
                tr.end,
                MentionValue::Event {
                    event: ty.name.clone(),
                    family: ty.family.clone().unwrap_or_else(|| ty.name.clone()),
                    form: form.into(),
                },
                tr.entry.to_string(),
            );
        }
        for a in &sm.attributions {
            push(
                a.start,
                a.end,
                MentionValue::Attribution {
                    holder: a.holder.clone(),
                    cue: a.cue.clone(),
                    contested: a.contested,
                },
                "attribution".into(),
            );
        }
        for m in &sm.modal {
            push(
                m.start,
                m.end,
                if m.negation {
                    MentionValue::Negation
                } else {
                    MentionValue::Hedge
                },
                "modality".into(),
            );
        }
    }
    out.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    out
}
