//! The `concord` binary as users and CI run it: reports on the bundled story (snapshots),
//! acceptance facts, exit codes, error messages and determinism.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn concord(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .current_dir(root())
        .env("TZ", "UTC")
        .output()
        .expect("run concord")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr_in(o: &Output, dir: &Path) -> String {
    String::from_utf8_lossy(&o.stderr).replace(&dir.display().to_string(), "[DIR]")
}

#[test]
fn bundled_story_markdown_report() {
    let o = concord(&["reconcile"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    insta::assert_snapshot!("bundled_report_md", stdout(&o));
}

#[test]
fn bundled_story_json_report() {
    let o = concord(&["reconcile", "sources", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("bundled_report_json", stdout(&o));
}

#[test]
fn bundled_story_claims() {
    let o = concord(&["debug", "claims", "sources"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("bundled_claims_json", stdout(&o));
}

fn bundled_report() -> serde_json::Value {
    let o = concord(&["reconcile", "sources", "--format", "json"]);
    serde_json::from_slice(&o.stdout).expect("json report")
}

fn clusters(report: &serde_json::Value) -> &Vec<serde_json::Value> {
    report["clusters"].as_array().expect("clusters array")
}

fn claim<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .expect("claim id")
}

#[test]
fn acceptance_sputnik_raid_date_conflict_with_both_quotes() {
    let report = bundled_report();
    let found = report["conflicts"].as_array().unwrap().iter().any(|c| {
        let a = claim(&report, c["claims"][0].as_str().unwrap());
        let b = claim(&report, c["claims"][1].as_str().unwrap());
        let texts = format!("{} {}", a["text"], b["text"]);
        let values = [
            a["value"]["timex"].as_str().unwrap_or(""),
            b["value"]["timex"].as_str().unwrap_or(""),
        ];
        c["kind"] == "date"
            && texts.contains("July 1")
            && texts.contains("June 30th")
            && values.iter().any(|v| v.ends_with("07-01"))
            && values.iter().any(|v| v.ends_with("06-30"))
    });
    assert!(found, "the Sputnik raid date conflict is not flagged");
}

#[test]
fn acceptance_airliner_toll_agreed_by_three_sources() {
    let report = bundled_report();
    let cluster = clusters(&report)
        .iter()
        .find(|c| c["attribute"] == "killed" && c["consensus"]["min"] == 38.0);
    let cluster = cluster.expect("a killed = 38 cluster");
    assert_eq!(cluster["status"], "agree");
    assert!(
        cluster["support"].as_array().unwrap().len() >= 3,
        "{cluster}"
    );
}

#[test]
fn acceptance_yekaterinburg_raid_date_grouped() {
    let report = bundled_report();
    let ok = clusters(&report).iter().any(|c| {
        c["attribute"] == "date"
            && c["event_type"] == "raid"
            && c["consensus"]["timex"]
                .as_str()
                .is_some_and(|t| t.ends_with("06-27"))
            && c["support"].as_array().unwrap().len() >= 3
    });
    assert!(ok, "June 27 raid date not grouped across three sources");
}

#[test]
fn acceptance_apology_shows_who() {
    let report = bundled_report();
    let ok = clusters(&report).iter().any(|c| {
        c["event_type"] == "apologize"
            && c["attribute"] == "agent"
            && c["consensus"]["display"]
                .as_str()
                .is_some_and(|d| d.contains("Putin"))
    });
    assert!(ok, "who apologized is not reported");
}

#[test]
fn no_conflict_between_a_value_and_its_refinement() {
    let report = bundled_report();
    for c in report["conflicts"].as_array().unwrap() {
        let a: concord::value::Value = serde_json::from_value(
            claim(&report, c["claims"][0].as_str().unwrap())["value"].clone(),
        )
        .unwrap();
        let b: concord::value::Value = serde_json::from_value(
            claim(&report, c["claims"][1].as_str().unwrap())["value"].clone(),
        )
        .unwrap();
        assert_eq!(
            a.relate(&b).kind,
            concord::value::RelationKind::Conflict,
            "{c}"
        );
    }
}

#[test]
fn fail_on_conflict_exits_one() {
    let o = concord(&["reconcile", "sources", "--fail-on", "conflict"]);
    assert_eq!(o.status.code(), Some(1));
    let o = concord(&["reconcile", "sources", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn same_input_same_bytes_whatever_the_environment() {
    let a = concord(&["reconcile", "sources", "--format", "json"]);
    let b = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["reconcile", "sources", "--format", "json"])
        .current_dir(root())
        .env("TZ", "Pacific/Kiritimati")
        .env("LANG", "de_DE.UTF-8")
        .env("LC_ALL", "tr_TR.UTF-8")
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn bad_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut out = String::new();

    let empty = d.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = concord(&["reconcile", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    out.push_str(&stderr_in(&o, d));

    let binary = d.join("binary");
    std::fs::create_dir(&binary).unwrap();
    std::fs::write(binary.join("a.txt"), b"Good line\nbad \xff\xfe byte").unwrap();
    let o = concord(&["reconcile", binary.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    out.push_str(&stderr_in(&o, d));

    let front = d.join("front");
    std::fs::create_dir(&front).unwrap();
    std::fs::write(
        front.join("a.md"),
        "+++\ntitle = \"x\"\npublished = 2025\n+++\nText.",
    )
    .unwrap();
    let o = concord(&["reconcile", front.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    out.push_str(&stderr_in(&o, d));

    std::fs::write(
        front.join("a.md"),
        "+++\ntitle = \"x\"\nedition = 3\n+++\nText.",
    )
    .unwrap();
    let o = concord(&["reconcile", front.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    out.push_str(&stderr_in(&o, d));

    let o = concord(&["reconcile", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
    out.push_str(&stderr_in(&o, d));

    let o = concord(&["reconcile", d.join("missing").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    out.push_str(&stderr_in(&o, d));

    insta::assert_snapshot!("bad_input_errors", out);
}

#[test]
fn extract_writes_claim_files_and_keeps_edits() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims");
    let o = concord(&["extract", "sources", "--out", claims.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let file = claims.join("001_dd7e520ab4340932.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("[[claim]]"));
    let parsed = concord::claimfile::read(&file).unwrap();
    assert!(!parsed.claims.is_empty());
    // A person edits the file: a rerun must keep the edit.
    let edited = text.replacen("[[claim]]", "# reviewed by a human\n[[claim]]", 1);
    std::fs::write(&file, &edited).unwrap();
    let o = concord(&["extract", "sources", "--out", claims.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kept as it is"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
    // Unchanged files are left byte-identical.
    let o = concord(&[
        "extract",
        "sources",
        "--out",
        claims.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn mentions_shows_spans_and_anchors() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(
        &f,
        "Police said two people were killed on Friday; the hospital said three.",
    )
    .unwrap();
    let o = concord(&[
        "mentions",
        f.to_str().unwrap(),
        "--published",
        "2025-07-07",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let friday = v
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "Friday")
        .expect("Friday");
    assert_eq!(friday["timex"], "2025-07-04");
    assert_eq!(friday["span"], serde_json::json!([38, 44]));
    assert!(friday["anchor"].as_str().unwrap().contains("2025-07-07"));
}

#[test]
fn check_gates_on_stale_claim_files_and_conflicts() {
    let o = concord(&[
        "check",
        "sources",
        "--claims",
        "claims",
        "--fail-on",
        "stale",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = concord(&[
        "check",
        "sources",
        "--claims",
        "claims",
        "--fail-on",
        "conflict",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the bundled story has a firm conflict"
    );
    assert!(stdout(&o).contains("conflict x-"));

    // A claim file that lost a claim: the check names the claim and fails.
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("claims")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let file = dir.path().join("001_dd7e520ab4340932.toml");
    let parsed = concord::claimfile::read(&file).unwrap();
    let dropped = parsed.claims[0].id.clone();
    let text = std::fs::read_to_string(&file).unwrap();
    let second = text.match_indices("[[claim]]").nth(1).unwrap().0;
    let first = text.find("[[claim]]").unwrap();
    std::fs::write(&file, format!("{}{}", &text[..first], &text[second..])).unwrap();
    let o = concord(&[
        "check",
        "sources",
        "--claims",
        dir.path().to_str().unwrap(),
        "--fail-on",
        "stale",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(&format!("+ 001_dd7e520ab4340932 {dropped}")),
        "{}",
        stdout(&o)
    );
}
