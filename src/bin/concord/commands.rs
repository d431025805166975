//! Subcommands of the `concord` binary.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use concord::batch;
use concord::calendar::CivilDate;
use concord::claimfile::{self, WriteOutcome};
use concord::eval::FlaggedConflict;
use concord::ingest::{self, DEFAULT_MAX_BYTES};
use concord::matcher::MatchOptions;
use concord::reconcile::{self, Summary};
use concord::report;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Reconcile what several news articles say about one story: claims, contradictions, agreement."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum MentionFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOn {
    /// Any contradiction, including between quoted holders.
    Conflict,
    /// Only contradictions between outlets' own statements.
    OutletConflict,
    /// Any difference, including low-confidence ones (not updates).
    Any,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Reconcile a story folder and print the discrepancy report.
    Reconcile {
        /// Story folder (articles as .txt/.md, optional concord.toml).
        #[arg(default_value = "sources")]
        story: PathBuf,
        /// Batch mode: reconcile every story folder in DIR in parallel; one JSON line per
        /// story on stdout, in story order (or one report file per story with --out).
        #[arg(long, value_name = "DIR", conflicts_with = "story")]
        stories: Option<PathBuf>,
        /// With --stories: write <story>.md (or .json with --format json) into this folder.
        #[arg(long, value_name = "DIR", requires = "stories")]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "markdown")]
        format: ReportFormat,
        /// Exit with 1 when this kind of conflict exists.
        #[arg(long, value_enum, default_value = "never")]
        fail_on: FailOn,
        /// Refuse articles larger than this many bytes.
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Claim folder with reviews to apply (default: `claims` beside the story folder,
        /// when it exists).
        #[arg(long)]
        claims: Option<PathBuf>,
        /// Ignore claim files and reviews: reconcile the engine's extraction alone.
        #[arg(long, conflicts_with = "claims")]
        no_review: bool,
    },
    /// Write one reviewable claim file per article (claims/<source-id>.toml), merging
    /// reviewers' decisions and manual claims by claim id.
    Extract {
        #[arg(default_value = "sources")]
        story: PathBuf,
        /// Claim folder (default: `claims` beside the story folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Overwrite claim files that a person edited outside their review entries (the old
        /// file is kept as <source-id>.toml.bak). Review entries are merged either way.
        #[arg(long)]
        force: bool,
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// CI gate: exit 1 when the claim files differ from a fresh extraction or conflicts exist.
    Check {
        #[arg(default_value = "sources")]
        story: PathBuf,
        /// Claim folder (default: `claims` beside the story folder).
        #[arg(long)]
        claims: Option<PathBuf>,
        /// What fails the check.
        #[arg(long, value_enum, default_value = "any")]
        fail_on: CheckFailOn,
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Dump one pipeline stage for a story (for debugging extraction and matching).
    Debug {
        #[arg(value_enum)]
        stage: DebugStage,
        #[arg(default_value = "sources")]
        story: PathBuf,
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Measure Concord against an annotated corpus and print metrics.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Show every recognized date, quantity, entity, event trigger and attribution cue.
    Mentions {
        /// An article file.
        file: PathBuf,
        /// Publication date (YYYY-MM-DD) to anchor relative dates; overrides front matter.
        #[arg(long)]
        published: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: MentionFormat,
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFailOn {
    /// Claim files that differ from the extraction, orphaned reviews, stale verdicts.
    Stale,
    /// Open confident conflicts involving a claim not yet in the committed claim files.
    NewConflict,
    /// Any open confident conflict (one no verdict settles).
    Conflict,
    /// Stale claims or any open conflict.
    Any,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    /// A line per changed claim and per open conflict with both quotes.
    Text,
    Json,
    /// GitHub Actions workflow annotations (file and line of each quote).
    Github,
    /// A Markdown summary for a CI step summary.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DebugStage {
    /// Paragraphs and sentences with spans and furniture marks.
    Segments,
    /// Every claim, as JSON.
    Claims,
    /// Candidate event-mention pairs with their similarity.
    Events,
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Temporal expressions: TempEval-3 span and value scores (timex_gold.jsonl or MEANTIME's meantime_docs.jsonl).
    Timex {
        path: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: MentionFormat,
    },
    /// Multi-source shooting reports: consensus killed/injured/date vs the verified record.
    Gva {
        /// Path to gva-dev/incidents.jsonl.
        path: PathBuf,
        /// Only incidents with at least this many articles.
        #[arg(long, default_value_t = 2)]
        min_docs: usize,
        /// Stop after this many incidents.
        #[arg(long)]
        limit: Option<usize>,
        /// Write every flagged conflict with both quotes (JSON Lines) to this file.
        #[arg(long)]
        conflicts: Option<PathBuf>,
        /// Instead of evaluating, write each incident as a story folder in DIR (for
        /// `concord reconcile --stories DIR`).
        #[arg(long, value_name = "DIR")]
        write_stories: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: MentionFormat,
    },
    /// Cross-document event grouping on MEANTIME: pairwise P/R/F1 against the gold
    /// time-anchored event instances, and date agreement of the grouped mentions.
    Meantime {
        /// MEANTIME folder (meantime_docs.jsonl and meantime_crossdoc_instances.jsonl), or
        /// the path of meantime_docs.jsonl.
        path: PathBuf,
        /// Write every flagged conflict with both quotes (JSON Lines) to this file.
        #[arg(long)]
        conflicts: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: MentionFormat,
    },
}

fn out(text: &str) -> Result<()> {
    to_stdout(|w| w.write_all(text.as_bytes()))
}

/// Runs `write` on stdout and flushes it.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match write(&mut stdout).and_then(|_| stdout.flush()) {
        // A closed pipe (`concord ... | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("writing to stdout"),
    }
}

/// True when a story's summary meets the `--fail-on` condition.
fn fails(fail_on: FailOn, summary: &Summary) -> bool {
    match fail_on {
        FailOn::Conflict => summary.conflicts > 0,
        FailOn::OutletConflict => summary.conflicts_between_outlets > 0,
        FailOn::Any => summary.conflicts + summary.low_confidence > 0,
        FailOn::Never => false,
    }
}

/// `reconcile --stories DIR`: every story, in parallel, streamed in story order. A story that
/// fails is reported (a JSON line with its error, and on stderr) and the others go on; the
/// exit code is then 2, else 1 when a story meets `--fail-on`.
fn reconcile_batch(dir: &Path, opts: &batch::BatchOptions, fail_on: FailOn) -> Result<ExitCode> {
    let folders = batch::story_folders(dir)?;
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(folders.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} stories {elapsed} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        )
    } else {
        ProgressBar::hidden()
    };
    let (mut errors, mut failing) = (0, 0);
    let mut write_error = None;
    let mut stdout = std::io::stdout().lock();
    batch::run(
        &folders,
        opts,
        |outcome| {
            match &outcome.result {
                Ok(summary) => failing += fails(fail_on, summary) as usize,
                Err(e) => {
                    errors += 1;
                    bar.suspend(|| eprintln!("concord: {}: {e}", outcome.story));
                }
            }
            let Some(line) = outcome.line else {
                return true;
            };
            match stdout.write_all(line.as_bytes()) {
                Ok(()) => true,
                // A closed pipe (`... | head`) ends the run quietly.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
                Err(e) => {
                    write_error = Some(e);
                    false
                }
            }
        },
        |outcome| {
            bar.set_message(outcome.story.clone());
            bar.inc(1);
        },
    )?;
    bar.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e).context("writing to stdout");
    }
    stdout.flush().ok();
    if errors > 0 {
        eprintln!("concord: {errors} of {} stories failed", folders.len());
        return Ok(ExitCode::from(2));
    }
    Ok(if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The claim folder that belongs to a story folder: `claims` beside it (`sources` →
/// `claims`, `stories/x/sources` → `stories/x/claims`).
fn claims_beside(story: &std::path::Path) -> PathBuf {
    story
        .parent()
        .filter(|_| story.is_dir())
        .map_or_else(|| PathBuf::from("claims"), |p| p.join("claims"))
}

pub fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(ExitCode::from(code));
        }
    };
    match cli.command {
        Command::Reconcile {
            stories: Some(dir),
            out: out_dir,
            format,
            fail_on,
            max_bytes,
            ..
        } => {
            let opts = batch::BatchOptions {
                out: out_dir,
                format: match format {
                    ReportFormat::Markdown => batch::Format::Markdown,
                    ReportFormat::Json => batch::Format::Json,
                },
                max_bytes,
                matching: MatchOptions::default(),
            };
            reconcile_batch(&dir, &opts, fail_on)
        }
        Command::Reconcile {
            story: story_path,
            format,
            fail_on,
            max_bytes,
            claims,
            no_review,
            ..
        } => {
            let story = ingest::load_story(&story_path, max_bytes)?;
            let claims = claims.or_else(|| {
                let beside = claims_beside(&story_path);
                (!no_review && beside.is_dir()).then_some(beside)
            });
            let opts = MatchOptions::default();
            let report = match claims {
                Some(dir) => {
                    let reviewed = concord::review::load(&story, &dir)?;
                    reconcile::reconcile_reviewed(&story, reviewed, &opts)
                }
                None => reconcile::reconcile(&story, &opts),
            };
            match format {
                ReportFormat::Markdown => out(&report::markdown::render(&report))?,
                ReportFormat::Json => to_stdout(|w| report::write_json(&report, w))?,
            }
            Ok(if fails(fail_on, &report.summary) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Extract {
            story,
            out: dir,
            force,
            max_bytes,
        } => {
            let dir = dir.unwrap_or_else(|| claims_beside(&story));
            let story = ingest::load_story(&story, max_bytes)?;
            let mut kept = 0;
            for source in &story.sources {
                let claims = concord::claims::extract(source, &story.config);
                let w = claimfile::write(&dir, source, claims, force)?;
                let word = match w.outcome {
                    WriteOutcome::Created => "created",
                    WriteOutcome::Updated => "updated",
                    WriteOutcome::Unchanged => "unchanged",
                    WriteOutcome::KeptEdited => {
                        kept += 1;
                        "kept as it is: edited by a person outside its review entries (move the change into a [claim.review] table, or use --force)"
                    }
                };
                let carried = if w.carried > 0 {
                    format!(" ({} reviewer entries kept)", w.carried)
                } else {
                    String::new()
                };
                eprintln!("{}: {} claims{carried}, {word}", w.path.display(), w.claims);
                for e in &w.edits {
                    eprintln!("  {e}");
                }
                if let Some(b) = &w.backup {
                    eprintln!("  the edited file was saved as {}", b.display());
                }
                for o in &w.orphans {
                    eprintln!(
                        "  orphaned review: claim {} is about a sentence no longer in the article (kept in the file): {}",
                        o.id, o.text
                    );
                }
                for q in &w.manual_orphans {
                    eprintln!(
                        "  orphaned manual claim: its quote is no longer in the article (kept in the file): {q:?}"
                    );
                }
            }
            if kept > 0 {
                eprintln!("concord: {kept} edited claim file(s) left untouched");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            story,
            claims,
            fail_on,
            format,
            max_bytes,
        } => {
            use concord::check;
            let claims = claims.unwrap_or_else(|| claims_beside(&story));
            let story = ingest::load_story(&story, max_bytes)?;
            let (result, _) = check::check(&story, &claims, &MatchOptions::default())?;
            eprintln!("{}", check::summary_line(&result));
            out(&match format {
                CheckFormat::Text => check::render_text(&result),
                CheckFormat::Json => format!("{}\n", serde_json::to_string_pretty(&result)?),
                CheckFormat::Github => check::render_github(&result),
                CheckFormat::Markdown => check::render_markdown(&result),
            })?;
            let failing = match fail_on {
                CheckFailOn::Stale => result.is_stale(),
                CheckFailOn::NewConflict => result.has_new_conflicts(),
                CheckFailOn::Conflict => result.has_open_conflicts(),
                CheckFailOn::Any => result.is_stale() || result.has_open_conflicts(),
            };
            Ok(if failing {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Debug {
            stage,
            story,
            max_bytes,
        } => {
            let story = ingest::load_story(&story, max_bytes)?;
            let mut s = String::new();
            match stage {
                DebugStage::Segments => {
                    for source in &story.sources {
                        let segs = concord::segment::segment(&source.text, source.body_start);
                        for (i, sent) in segs.sentences.iter().enumerate() {
                            let furniture = segs.paragraphs[sent.paragraph].furniture;
                            s.push_str(&format!(
                                "{}\t{}\t{}-{}\tp{}\t{}\t{:?}\n",
                                source.id,
                                i,
                                sent.start,
                                sent.end,
                                sent.paragraph,
                                furniture.map_or("text".to_string(), |f| format!("{f:?}")),
                                &source.text[sent.start..sent.end]
                            ));
                        }
                    }
                }
                DebugStage::Claims => {
                    s = serde_json::to_string_pretty(&reconcile::extract_story(&story))?;
                    s.push('\n');
                }
                DebugStage::Events => {
                    let claims = reconcile::extract_story(&story);
                    for p in concord::matcher::explain(
                        &claims,
                        &story.published(),
                        &MatchOptions::default(),
                    ) {
                        let sim = p
                            .similarity
                            .map_or("blocked".to_string(), |x| format!("{x:.3}"));
                        s.push_str(&format!(
                            "{sim}\t{}\t{}\t{}\t{}\n",
                            p.family,
                            p.a,
                            p.b,
                            p.shared_words.join(" ")
                        ));
                    }
                }
            }
            out(&s)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Timex { path, format }) => {
            let report = concord::eval::timex::evaluate(&path)?;
            match format {
                MentionFormat::Json => {
                    out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?
                }
                MentionFormat::Text => out(&report.to_string())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Meantime {
            path,
            conflicts,
            format,
        }) => {
            let report = concord::eval::meantime::evaluate(&path)?;
            if let Some(file) = conflicts {
                FlaggedConflict::write_jsonl(&report.conflicts, &file)?;
            }
            match format {
                MentionFormat::Json => {
                    out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?
                }
                MentionFormat::Text => out(&report.to_string())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Gva {
            path,
            min_docs,
            limit,
            conflicts,
            write_stories,
            format,
        }) => {
            if let Some(dir) = write_stories {
                let (stories, articles) = concord::eval::gva::write_stories(&path, &dir, min_docs)?;
                eprintln!(
                    "concord: wrote {stories} stories ({articles} articles) to {}",
                    dir.display()
                );
                return Ok(ExitCode::SUCCESS);
            }
            let opts = concord::eval::gva::GvaOptions {
                min_docs,
                limit,
                ..Default::default()
            };
            let report = concord::eval::gva::evaluate(&path, &opts)?;
            if let Some(file) = conflicts {
                FlaggedConflict::write_jsonl(&report.conflicts, &file)?;
            }
            match format {
                MentionFormat::Json => {
                    out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?
                }
                MentionFormat::Text => out(&report.to_string())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Mentions {
            file,
            published,
            format,
            max_bytes,
        } => {
            let mut source = ingest::read_source(&file, max_bytes)?;
            if let Some(p) = published {
                match CivilDate::parse(&p) {
                    Some(d) => source.published = Some(d),
                    None => bail!("--published {p}: expected a date like 2025-07-07"),
                }
            }
            let mentions = concord::mentions::mentions(&source);
            match format {
                MentionFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&mentions)?;
                    s.push('\n');
                    out(&s)?;
                }
                MentionFormat::Text => {
                    let mut s = String::new();
                    for m in &mentions {
                        let v = serde_json::to_value(&m.value)?;
                        let kind = v
                            .get("kind")
                            .and_then(|k| k.as_str())
                            .unwrap_or("")
                            .to_string();
                        let mut detail = v.clone();
                        if let Some(obj) = detail.as_object_mut() {
                            obj.remove("kind");
                        }
                        s.push_str(&format!(
                            "{:>6}-{:<6} {:<11} {:<32} {}  [{}]{}\n",
                            m.span[0],
                            m.span[1],
                            kind,
                            format!("{:?}", m.text),
                            detail,
                            m.rule,
                            if m.furniture { " (furniture)" } else { "" }
                        ));
                    }
                    out(&s)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
