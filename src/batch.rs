//! Batch mode: many story folders reconciled in parallel, results in story order.
//!
//! Every subfolder of a batch folder is a story (as `concord reconcile` reads one). Stories
//! run on rayon's thread pool; each result is rendered on the thread that made it, and the
//! report dropped there, so a story is held in memory once and only while it runs. Results
//! reach the caller in sorted story order whatever the number of threads, so the output is
//! the same bytes on one core or many. A story that fails (unreadable file, bad front
//! matter) is reported as such and the others go on.

use crate::error::{Error, Result};
use crate::ingest::load_story;
use crate::matcher::MatchOptions;
use crate::reconcile::{reconcile, Summary};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// How each story's report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

/// What a batch run does.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Write one report file per story here (atomically) instead of JSON Lines.
    pub out: Option<PathBuf>,
    /// Format of the report files (the stream is always JSON Lines).
    pub format: Format,
    pub max_bytes: u64,
    pub matching: MatchOptions,
}

/// The outcome of one story, in the order of [`story_folders`].
#[derive(Debug)]
pub struct StoryOutcome {
    /// The folder's name.
    pub story: String,
    /// The report's summary, or the error that stopped the story.
    pub result: std::result::Result<Summary, Error>,
    /// The JSON Lines record of the story (when no output folder is given): the report, or
    /// the error, as one line with its newline.
    pub line: Option<String>,
    /// The report file written (with an output folder).
    pub file: Option<PathBuf>,
}

/// A line of the JSON Lines stream.
#[derive(Serialize)]
struct Record<'a, T: Serialize> {
    story: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// The story folders of a batch folder, sorted by name (hidden folders skipped).
pub fn story_folders(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    if !dir.is_dir() {
        return Err(Error::NotFound {
            path: dir.to_path_buf(),
        });
    }
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !name_of(p).starts_with('.'))
        .collect();
    folders.sort();
    Ok(folders)
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reconciles one story folder and renders its result.
fn run_story(folder: &Path, opts: &BatchOptions) -> StoryOutcome {
    let story = name_of(folder);
    let report = load_story(folder, opts.max_bytes).map(|s| reconcile(&s, &opts.matching));
    let (result, line, file) = match (report, &opts.out) {
        (Ok(report), None) => {
            let line = json_line(&Record {
                story: &story,
                report: Some(&report),
                error: None,
            });
            (Ok(report.summary), Some(line), None)
        }
        (Ok(report), Some(dir)) => {
            let (ext, text) = match opts.format {
                Format::Markdown => ("md", crate::report::markdown::render(&report)),
                Format::Json => ("json", crate::report::json(&report)),
            };
            let path = dir.join(format!("{story}.{ext}"));
            match crate::claimfile::write_atomic(&path, &text) {
                Ok(()) => (Ok(report.summary), None, Some(path)),
                Err(e) => (Err(e), None, None),
            }
        }
        (Err(e), out) => {
            let line = out.is_none().then(|| {
                json_line(&Record::<()> {
                    story: &story,
                    report: None,
                    error: Some(e.to_string()),
                })
            });
            (Err(e), line, None)
        }
    };
    StoryOutcome {
        story,
        result,
        line,
        file,
    }
}

fn json_line<T: Serialize>(record: &Record<T>) -> String {
    let mut line = serde_json::to_string(record)
        .unwrap_or_else(|e| format!("{{\"story\":{:?},\"error\":\"{e}\"}}", record.story));
    line.push('\n');
    line
}

/// Reconciles every story in `folders` in parallel. `emit` receives the outcomes in the
/// order of `folders` and may stop the run by returning `false` (stories already running
/// finish; no others start); `progress` is told of each finished story, in the order they
/// finish. Returns how many outcomes were emitted.
pub fn run(
    folders: &[PathBuf],
    opts: &BatchOptions,
    mut emit: impl FnMut(StoryOutcome) -> bool,
    mut progress: impl FnMut(&StoryOutcome),
) -> Result<usize> {
    if let Some(dir) = &opts.out {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
    }
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, StoryOutcome)>();
    let mut emitted = 0;
    std::thread::scope(|scope| {
        scope.spawn(|| {
            folders
                .par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (i, folder)| {
                    if !stop.load(Ordering::Relaxed) {
                        // The receiver only goes away when the caller stopped the run.
                        let _ = tx.send((i, run_story(folder, opts)));
                    }
                });
        });
        // Finished stories wait here until every story before them has been emitted.
        let mut waiting: BTreeMap<usize, StoryOutcome> = BTreeMap::new();
        for (i, outcome) in rx.iter() {
            progress(&outcome);
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&emitted) {
                emitted += 1;
                if !emit(outcome) {
                    stop.store(true, Ordering::Relaxed);
                    waiting.clear();
                    return;
                }
            }
        }
    });
    Ok(emitted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_come_in_story_order_and_errors_do_not_stop_the_batch() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("b-story", "Two people were killed in a crash on Monday."),
            ("a-story", "+++\npublished = \"not a date\"\n+++\nText."),
            ("c-story", "A fire destroyed a plant on Sunday."),
        ] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
            std::fs::write(dir.path().join(name).join("one.txt"), text).unwrap();
        }
        let folders = story_folders(dir.path()).unwrap();
        let opts = BatchOptions {
            out: None,
            format: Format::Json,
            max_bytes: 1 << 20,
            matching: MatchOptions::default(),
        };
        let mut seen = Vec::new();
        let mut finished = 0;
        let n = run(
            &folders,
            &opts,
            |o| {
                seen.push((o.story.clone(), o.result.is_ok()));
                true
            },
            |_| finished += 1,
        )
        .unwrap();
        assert_eq!(n, 3);
        assert_eq!(finished, 3);
        assert_eq!(
            seen,
            vec![
                ("a-story".to_string(), false),
                ("b-story".to_string(), true),
                ("c-story".to_string(), true)
            ]
        );
    }
}
