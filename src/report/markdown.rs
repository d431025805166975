//! The Markdown discrepancy report, written for an editor to read top-down in two minutes:
//! summary, key facts, every conflict with both quotes, agreements, single-source claims,
//! and the source-by-source agreement matrix.

use super::event_label;
use crate::claims::{Claim, Holder, Modality};
use crate::compare::{Between, Status};
use crate::reconcile::Report;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

fn source_label(report: &Report, id: &str) -> String {
    let idx = report
        .sources
        .iter()
        .position(|s| s.id == id)
        .map_or(0, |i| i + 1);
    let s = report.sources.iter().find(|s| s.id == id);
    let name = s
        .and_then(|s| s.meta.outlet.clone().or_else(|| s.meta.title.clone()))
        .unwrap_or_else(|| id.to_string());
    format!("[S{idx}] {}", truncate(&name, 60))
}

fn short_source(report: &Report, id: &str) -> String {
    format!(
        "S{}",
        report
            .sources
            .iter()
            .position(|s| s.id == id)
            .map_or(0, |i| i + 1)
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n - 1).collect();
        format!("{t}…")
    }
}

fn escape_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn stance(c: &Claim) -> String {
    let holder = match &c.holder {
        Holder::Outlet => String::new(),
        Holder::Attributed { name, cue } => format!("attributed: {name} {cue}"),
    };
    let modality = match c.modality {
        Modality::Asserted | Modality::Reported => String::new(),
        Modality::Hedged => "hedged".into(),
        Modality::Negated => "negated".into(),
    };
    match (holder.is_empty(), modality.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(" ({holder})"),
        (true, false) => format!(" ({modality})"),
        (false, false) => format!(" ({holder}; {modality})"),
    }
}

/// Quote with the evidence words in bold.
fn quote(c: &Claim) -> String {
    let (s, e) = (c.evidence[0], c.evidence[1]);
    if s >= c.span[0] && e <= c.span[1] && s < e {
        let a = s - c.span[0];
        let b = e - c.span[0];
        if c.text.is_char_boundary(a) && c.text.is_char_boundary(b) {
            return format!("{}**{}**{}", &c.text[..a], &c.text[a..b], &c.text[b..]);
        }
    }
    c.text.clone()
}

/// One claim as a list item: its source and stance, its value, and the quote below.
fn evidence_item(out: &mut String, report: &Report, c: &Claim) {
    let _ = writeln!(
        out,
        "- **{}**{}: {}",
        source_label(report, &c.source),
        stance(c),
        c.value.display()
    );
    let _ = writeln!(out, "  > {}", quote(c));
}

fn attr_name(a: &str) -> String {
    a.replace('_', " ")
}

/// Picks the conflicts of one report section.
type ConflictFilter = fn(&crate::compare::Conflict) -> bool;

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    // Claims by id (the first of each id, as `Report::claim` finds it): a large story's
    // report looks up two claims for each of its thousands of conflicts.
    let mut claims_by_id: HashMap<&str, &Claim> = HashMap::new();
    for c in &report.claims {
        claims_by_id.entry(c.id.as_str()).or_insert(c);
    }
    let claim = |id: &str| claims_by_id.get(id).copied();
    let s = &report.summary;
    let _ = writeln!(out, "# Concord report: {}\n", report.title);
    let _ = writeln!(
        out,
        "{} sources, {} claims, {} events, {} claim clusters: **{} in conflict**, {} agreed, {} single-source, {} with differences to check{}.\n",
        s.sources, s.claims, s.events, s.clusters, s.conflict, s.agree, s.single, s.unsettled,
        if s.one_holder > 0 {
            format!(", {} stated by several outlets all quoting one holder", s.one_holder)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "{} conflicting pairs: {} between outlets, {} between quoted holders, {} within one source. Also {} lower-confidence differences and {} updates of an evolving figure.\n",
        s.conflicts, s.conflicts_between_outlets, s.conflicts_between_holders, s.conflicts_within_source, s.low_confidence, s.updates
    );
    if !s.undated_sources.is_empty() {
        let ids: Vec<String> = s
            .undated_sources
            .iter()
            .map(|id| short_source(report, id))
            .collect();
        let _ = writeln!(
            out,
            "> {} of {} sources have no publication date ({}): their dates without a year stay year-less (shown as \"year unknown\").\n",
            ids.len(),
            s.sources,
            ids.join(", ")
        );
    }
    for g in &report.copies {
        let ids: Vec<String> = g
            .sources
            .iter()
            .map(|id| short_source(report, id))
            .collect();
        let _ = writeln!(
            out,
            "> {} are copies of one article ({:.0}% of the shorter one's wording is in the other): they count as one source in agreement.\n",
            ids.join(", "),
            g.similarity * 100.0
        );
    }
    if let Some(r) = &report.review {
        review_notes(&mut out, report, r);
    }
    if s.sources < 2 {
        let _ = writeln!(
            out,
            "> Only one source: nothing can be corroborated or contradicted.\n"
        );
    }

    // The incident, then the key facts of every event.
    if !report.incident.is_empty() {
        let _ = writeln!(out, "## The incident\n");
        fact_table(&mut out, report, &report.incident);
    }
    let _ = writeln!(out, "## Key facts\n");
    if report.key_facts.is_empty() {
        let _ = writeln!(out, "No event is reported by more than one source.\n");
    } else {
        fact_table(&mut out, report, &report.key_facts);
    }

    // Conflicts: confident ones first, then those to check, evolving figures, settled ones.
    let sections: [(&str, &str, ConflictFilter); 4] = [
        ("Conflicts", "No confident contradictions found.", |c| {
            c.is_firm()
        }),
        ("Possible discrepancies to check", "", |c| c.is_to_check()),
        ("Evolving figures", "", |c| c.between == Between::Update),
        ("Resolved by review", "", |c| c.is_resolved()),
    ];
    let mut n = 0;
    for (title, empty, pick) in sections {
        let chosen: Vec<_> = report.conflicts.iter().filter(|c| pick(c)).collect();
        if chosen.is_empty() && empty.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        if chosen.is_empty() {
            let _ = writeln!(out, "{empty}\n");
        }
        for c in chosen {
            let (Some(a), Some(b)) = (claim(&c.claims[0]), claim(&c.claims[1])) else {
                continue;
            };
            n += 1;
            let cluster = report.clusters.iter().find(|k| k.id == c.cluster);
            let event = cluster
                .map(|k| event_label(report, &k.event))
                .unwrap_or_default();
            let between = match c.between {
                Between::Outlets => "between outlets",
                Between::Holders => "between quoted holders, not an outlet's own error",
                Between::WithinSource => "within one source",
                Between::Update => "an evolving figure, not a contradiction",
            };
            let _ = writeln!(
                out,
                "### {n}. {event} — {}: {} vs {}\n",
                attr_name(&a.attribute),
                a.value.display(),
                b.value.display()
            );
            for claim in [a, b] {
                evidence_item(&mut out, report, claim);
            }
            let _ = writeln!(
                out,
                "\n*Why:* {} ({between}). Conflict `{}` (cluster `{}`, claims `{}` and `{}`).",
                c.reason, c.id, c.cluster, a.id, b.id
            );
            if let Some(v) = &c.resolution {
                let value = v
                    .confirmed
                    .as_deref()
                    .and_then(&claim)
                    .map(|k| {
                        format!(
                            "{} ({})",
                            k.value.display(),
                            short_source(report, &k.source)
                        )
                    })
                    .or_else(|| v.value.clone())
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "*Verdict:* **{value}** confirmed by {} on {}: {}.{}",
                    v.by,
                    v.date,
                    v.evidence,
                    v.note
                        .as_deref()
                        .map(|n| format!(" {n}"))
                        .unwrap_or_default()
                );
            }
            if !c.caveats.is_empty() {
                let _ = writeln!(out, "*Check:* {}.", c.caveats.join("; "));
            }
            let _ = writeln!(out);
        }
    }

    // Unsettled clusters without a conflict entry: their values differ, and the reader
    // is told why no difference was flagged.
    let with_conflict: HashSet<&str> = report
        .conflicts
        .iter()
        .map(|c| c.cluster.as_str())
        .collect();
    let unflagged: Vec<_> = report
        .clusters
        .iter()
        .filter(|k| k.status == Status::Unsettled && !with_conflict.contains(k.id.as_str()))
        .collect();
    if !unflagged.is_empty() {
        let _ = writeln!(
            out,
            "## Differences not flagged
"
        );
    }
    for k in unflagged {
        let members: Vec<&Claim> = k.claims.iter().filter_map(|id| claim(id)).collect();
        let mut values: Vec<String> = Vec::new();
        for c in &members {
            let v = c.value.display();
            if !values.iter().any(|w| w.eq_ignore_ascii_case(&v)) {
                values.push(v);
            }
        }
        n += 1;
        let _ = writeln!(
            out,
            "### {n}. {} — {}: {}\n",
            event_label(report, &k.event),
            attr_name(&k.attribute),
            values.join(" vs ")
        );
        for c in &members {
            evidence_item(&mut out, report, c);
        }
        let _ = writeln!(
            out,
            "\n*Not flagged:* {} (cluster `{}`).\n",
            k.unflagged.join("; "),
            k.id
        );
    }

    // Agreements.
    let agreed: Vec<_> = report
        .clusters
        .iter()
        .filter(|c| matches!(c.status, Status::Agree | Status::OneHolder))
        .collect();
    let _ = writeln!(out, "## Agreements\n");
    if agreed.is_empty() {
        let _ = writeln!(out, "No claim is corroborated by a second source.\n");
    } else {
        let _ = writeln!(out, "| Event | Fact | Value | Sources |");
        let _ = writeln!(out, "|---|---|---|---|");
        for c in agreed {
            let sources: Vec<String> = c
                .support
                .iter()
                .map(|id| short_source(report, id))
                .collect();
            let value = c
                .consensus
                .as_ref()
                .map(|v| v.display())
                .unwrap_or_default();
            // Outlets quoting one holder: the holder is the one voice.
            let quoting = (c.status == Status::OneHolder)
                .then(|| {
                    c.claims
                        .iter()
                        .filter_map(|id| claim(id))
                        .find_map(|k| match &k.holder {
                            Holder::Attributed { name, .. } => {
                                Some(format!(" (all quoting {name}: one voice)"))
                            }
                            Holder::Outlet => None,
                        })
                })
                .flatten()
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {}{} |",
                escape_cell(&event_label(report, &c.event)),
                attr_name(&c.attribute),
                escape_cell(&value),
                sources.join(", "),
                escape_cell(&quoting)
            );
        }
        let _ = writeln!(out);
    }

    // Single-source claims.
    let single: Vec<_> = report
        .clusters
        .iter()
        .filter(|c| c.status == Status::Single)
        .collect();
    let _ = writeln!(out, "## Single-source claims\n");
    if single.is_empty() {
        let _ = writeln!(out, "None.\n");
    } else {
        let _ = writeln!(out, "| Source | Event | Fact | Value | Quote |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for c in single {
            let Some(first) = c.claims.first().and_then(|id| claim(id)) else {
                continue;
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                short_source(report, &first.source),
                escape_cell(&event_label(report, &c.event)),
                attr_name(&c.attribute),
                escape_cell(&first.value.display()),
                escape_cell(&truncate(&first.text, 140))
            );
        }
        let _ = writeln!(out);
    }

    // Agreement matrix.
    let _ = writeln!(out, "## Source agreement\n");
    let _ = writeln!(out, "Each cell: clusters both sources speak to that they agree on / all they share. Ratios over fewer than {} shared clusters are marked `~` (too few to judge).\n", crate::score::MIN_SHARED);
    let n = report.sources.len();
    let mut header = String::from("| |");
    let mut rule = String::from("|---|");
    for i in 0..n {
        header.push_str(&format!(" S{} |", i + 1));
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    // The pair scores are by source position, in the order of `report.sources`.
    for i in 0..n {
        let mut row = format!("| S{} |", i + 1);
        for j in 0..n {
            if i == j {
                row.push_str(" — |");
                continue;
            }
            match report.agreement.pairs.get(i, j) {
                Some(p) if p.copies => row.push_str(" copy |"),
                Some(p) if p.shared > 0 => row.push_str(&format!(
                    " {}{}/{} |",
                    if p.enough { "" } else { "~" },
                    p.agree,
                    p.shared
                )),
                _ => row.push_str(" · |"),
            }
        }
        let _ = writeln!(out, "{row}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "| Source | Claims | Corroborated | Contested | Single-source |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for sc in &report.agreement.sources {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape_cell(&source_label(report, &sc.source)),
            sc.claims,
            sc.corroborated,
            sc.contested,
            sc.single
        );
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "## Sources\n");
    for (i, src) in report.sources.iter().enumerate() {
        let mut line = format!("- **S{}** `{}`", i + 1, src.path);
        if let Some(t) = &src.meta.title {
            line.push_str(&format!(" — {}", truncate(t, 90)));
        }
        if let Some(o) = &src.meta.outlet {
            line.push_str(&format!(" ({o})"));
        }
        line.push_str(&match &src.meta.published {
            Some(p) => format!(", published {p}"),
            None => ", no publication date".into(),
        });
        let _ = writeln!(out, "{line}");
    }
    out
}

/// What reviewers decided, and what of their work no longer applies.
fn review_notes(out: &mut String, report: &Report, r: &crate::review::ReviewState) {
    let files = match r.files {
        crate::review::FilesState::Current => "current".to_string(),
        crate::review::FilesState::Stale => {
            let ids: Vec<String> = r
                .stale_sources
                .iter()
                .map(|id| short_source(report, id))
                .collect();
            format!(
                "stale for {} (reviews applied to a fresh extraction; run `concord extract`)",
                ids.join(", ")
            )
        }
    };
    let decisions = r.confirmed + r.corrected + r.rejected.len() + r.manual + r.verdicts.len();
    if decisions == 0 {
        let _ = writeln!(
            out,
            "> Claims checked against `{}` ({files}); no reviewer decisions yet.\n",
            r.claims_dir
        );
    } else {
        let _ = writeln!(
        out,
        "> Reviewed claims from `{}` ({files}): {} confirmed, {} corrected, {} rejected, {} added by hand; {} verdicts, {} conflicts resolved.\n",
        r.claims_dir,
        r.confirmed,
        r.corrected,
        r.rejected.len(),
        r.manual,
        r.verdicts.len(),
        report.summary.resolved
    );
    }
    for o in &r.orphaned {
        let _ = writeln!(
            out,
            "> Orphaned review: claim `{}` of {} is about a sentence no longer in the article: \"{}\"\n",
            o.id,
            short_source(report, &o.source),
            truncate(&o.text, 120)
        );
    }
    for v in &r.stale_verdicts {
        let _ = writeln!(
            out,
            "> Stale verdict on conflict `{}` (by {}, {}): {}.\n",
            v.verdict.conflict, v.verdict.by, v.verdict.date, v.reason
        );
    }
}

/// A table of facts: event, fact, value, the sources that support it, status.
fn fact_table(out: &mut String, report: &Report, facts: &[crate::reconcile::KeyFact]) {
    let _ = writeln!(out, "| Event | Fact | Value | Support | Status |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for f in facts {
        let support: Vec<String> = f
            .support
            .iter()
            .map(|id| short_source(report, id))
            .collect();
        let independent: std::collections::BTreeSet<&str> = f
            .support
            .iter()
            .map(|id| crate::copies::representative(&report.copies, id))
            .collect();
        let copies_note = if independent.len() < f.support.len() {
            format!("; {} independent", independent.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} of {} ({}{}) | {} |",
            escape_cell(&event_label(report, &f.event)),
            attr_name(&f.attribute),
            escape_cell(&f.value.display()),
            f.support.len(),
            report.summary.sources,
            support.join(", "),
            copies_note,
            status_word(f.status)
        );
    }
    let _ = writeln!(out);
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Agree => "agreed",
        Status::Conflict => "**conflict**",
        Status::Single => "single source",
        Status::OneHolder => "one holder, several outlets",
        Status::Unsettled => "differs (check)",
        Status::Resolved => "resolved by review",
        Status::Inferred => "inferred",
    }
}
