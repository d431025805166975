//! `concord reconcile --stories DIR`: many stories in parallel, results in story order, the
//! same bytes on one thread or several, failures reported without stopping the batch.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn concord(args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .current_dir(root())
        .env("TZ", "UTC")
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run concord")
}

const STORIES: &str = "tests/fixtures/stories";

/// Each line's story name and summary: the readable part of the stream.
fn digest(jsonl: &[u8]) -> String {
    let text = String::from_utf8(jsonl.to_vec()).expect("utf-8");
    text.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("one JSON value a line");
            match v.get("report") {
                Some(r) => format!("{} {}\n", v["story"], r["summary"]),
                None => format!("{} error: {}\n", v["story"], v["error"]),
            }
        })
        .collect()
}

#[test]
fn batch_streams_one_report_per_story_in_story_order() {
    let one = concord(&["reconcile", "--stories", STORIES], "1");
    assert_eq!(
        one.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let two = concord(&["reconcile", "--stories", STORIES], "2");
    assert_eq!(one.stdout, two.stdout, "same bytes on one thread and two");
    insta::assert_snapshot!("batch_fixture_stories", digest(&one.stdout));

    // Each line holds exactly the report `concord reconcile STORY --format json` prints.
    let text = String::from_utf8(one.stdout).unwrap();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let story = format!("{STORIES}/{}", v["story"].as_str().unwrap());
        let single = concord(&["reconcile", &story, "--format", "json"], "1");
        let single: serde_json::Value = serde_json::from_slice(&single.stdout).unwrap();
        assert_eq!(v["report"], single, "{story}");
    }
}

/// `concord reconcile --stories STORIES --out OUT [--format FORMAT]` on two threads.
fn batch_into(out: &Path, format: &str) -> Output {
    let out = out.to_str().unwrap();
    let args = [
        "reconcile",
        "--stories",
        STORIES,
        "--out",
        out,
        "--format",
        format,
    ];
    concord(&args, "2")
}

#[test]
fn batch_writes_one_report_file_per_story() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let o = batch_into(&out, "markdown");
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut stories: Vec<String> = std::fs::read_dir(STORIES)
        .unwrap()
        .map(|e| format!("{}.md", e.unwrap().file_name().to_string_lossy()))
        .collect();
    stories.sort();
    assert_eq!(names, stories, "one report per story folder");
    let single = concord(&["reconcile", &format!("{STORIES}/shooting")], "1");
    assert_eq!(
        std::fs::read(out.join("shooting.md")).unwrap(),
        single.stdout,
        "the file is the report `concord reconcile STORY` prints"
    );

    let json_out = dir.path().join("json");
    assert_eq!(batch_into(&json_out, "json").status.code(), Some(0));
    assert!(json_out.join("plant-fire.json").is_file());
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_failing_story_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        &d.join("a-crash/wire.txt"),
        "Two people were killed and three injured in a crash on Monday, police said.",
    );
    write(
        &d.join("b-broken/bad.md"),
        "+++\npublished = \"yesterday\"\n+++\nText.",
    );
    write(&d.join("c-empty/notes.csv"), "not an article");
    write(
        &d.join("d-fire/local.txt"),
        "A fire destroyed a warehouse on Sunday.",
    );
    let o = concord(&["reconcile", "--stories", d.to_str().unwrap()], "2");
    assert_eq!(
        o.status.code(),
        Some(2),
        "a failed story makes the exit code 2"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    let report = format!("{}--- stderr\n{stderr}", digest(&o.stdout))
        .replace(&d.display().to_string(), "[DIR]");
    insta::assert_snapshot!("batch_with_failures", report);

    // --fail-on applies to every story.
    std::fs::remove_dir_all(d.join("b-broken")).unwrap();
    std::fs::remove_dir_all(d.join("c-empty")).unwrap();
    let o = concord(&["reconcile", "--stories", d.to_str().unwrap()], "1");
    assert_eq!(o.status.code(), Some(0));
    for entry in std::fs::read_dir(root().join("sources")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::create_dir_all(d.join("e-bundled")).unwrap();
        std::fs::copy(&path, d.join("e-bundled").join(path.file_name().unwrap())).unwrap();
    }
    let args = ["reconcile", "--stories", d.to_str().unwrap(), "--fail-on"];
    let o = concord(&[&args[..], &["conflict"]].concat(), "2");
    assert_eq!(o.status.code(), Some(1), "the bundled story has conflicts");
    let o = concord(&[&args[..], &["never"]].concat(), "2");
    assert_eq!(o.status.code(), Some(0));
}
