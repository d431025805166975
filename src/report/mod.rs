//! Reports: the reconciliation rendered for people (Markdown) and machines (JSON).

pub mod markdown;

use crate::reconcile::Report;

/// The JSON report: a stable contract (pretty-printed, keys in declaration order).
pub fn json(report: &Report) -> String {
    let mut s =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// [`json`] written to `w` as it is serialized, without holding the whole text: a large
/// story's report runs to hundreds of megabytes (its source pairs grow with the square of the
/// articles).
pub fn write_json(report: &Report, w: impl std::io::Write) -> std::io::Result<()> {
    use std::io::Write;
    let mut w = std::io::BufWriter::new(w);
    serde_json::to_writer_pretty(&mut w, report)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// A one-line label for an event: its type and, when known, its place or target.
pub fn event_label(report: &Report, event_id: &str) -> String {
    let Some(ev) = report.events.iter().find(|e| e.id == event_id) else {
        return event_id.to_string();
    };
    let fact = |attr: &str| {
        report
            .clusters
            .iter()
            .filter(|c| c.event == event_id && c.attribute == attr)
            .max_by_key(|c| (c.support.len(), std::cmp::Reverse(c.id.clone())))
            .and_then(|c| c.consensus.as_ref().map(|v| v.display()))
    };
    let details: Vec<String> = [("target", fact("target")), ("place", fact("place"))]
        .into_iter()
        .filter_map(|(name, v)| v.map(|v| format!("{name}: {v}")))
        .collect();
    let kind = ev.kind.replace('_', " ");
    // A person's claims are about the person: name them as written.
    if ev.kind == crate::claims::PERSON_EVENT {
        let name = ev
            .claims
            .first()
            .and_then(|id| report.claim(id))
            .map(|c| c.event.trigger.clone());
        if let Some(name) = name {
            return format!("{kind} ({name})");
        }
    }
    if details.is_empty() {
        kind
    } else {
        format!("{kind} ({})", details.join("; "))
    }
}
