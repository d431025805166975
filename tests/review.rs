//! The review workflow end to end, as a fact-checker uses it on a copy of the bundled story:
//! rejecting, correcting and adding claims, settling a conflict with a verdict, and what
//! happens to that work when the article or the claim files change.

mod common;

use common::{concord_in as concord, stderr, stdout};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// A scratch copy of the bundled story: `sources/` and `claims/`.
fn story() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for sub in ["sources", "claims"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, dir.path().join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

fn report(dir: &Path, extra: &[&str]) -> Json {
    let mut args = vec!["reconcile", "sources", "--format", "json"];
    args.extend_from_slice(extra);
    let o = concord(dir, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The bundled story's firm conflict (the Sputnik raid date): (conflict id, claim a, claim b).
fn firm_conflict(dir: &Path) -> (String, String, String) {
    let r = report(dir, &["--no-review"]);
    let c = r["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["confidence"] == "high" && c["between"] == "outlets")
        .expect("the bundled story has a firm conflict");
    let s = |v: &Json| v.as_str().unwrap().to_string();
    (s(&c["id"]), s(&c["claims"][0]), s(&c["claims"][1]))
}

/// The claim file holding claim `id`.
fn file_of(dir: &Path, id: &str) -> PathBuf {
    std::fs::read_dir(dir.join("claims"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains(&format!("id = \"{id}\""))
        })
        .unwrap_or_else(|| panic!("no claim file holds {id}"))
}

/// Adds a `[claim.review]` table to claim `id`, as a reviewer would type it.
fn add_review(dir: &Path, id: &str, review: &str) -> PathBuf {
    let path = file_of(dir, id);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find(&format!("id = \"{id}\"")).unwrap();
    let end = text[at..].find("\n[[").map_or(text.len(), |i| at + i + 1);
    let edited = format!(
        "{}[claim.review]\n{review}\n\n{}",
        &text[..end],
        &text[end..]
    );
    std::fs::write(&path, edited).unwrap();
    path
}

fn claim_ids(r: &Json) -> Vec<String> {
    r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn rejected_claim_survives_reextraction_and_leaves_matching() {
    let dir = story();
    let before = report(dir.path(), &[])["review"]["rejected"]
        .as_array()
        .unwrap()
        .len();
    let (_, a, _) = firm_conflict(dir.path());
    let file = add_review(
        dir.path(),
        &a,
        "status = \"rejected\"\nnote = \"misread\"\nby = \"A. Checker\"",
    );
    let o = concord(dir.path(), &["extract", "sources", "--out", "claims"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 reviewer entries kept"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("status = \"rejected\"") && text.contains("by = \"A. Checker\""));
    assert!(
        concord::claimfile::is_pristine(&text),
        "re-extraction rewrote the file"
    );

    let r = report(dir.path(), &[]);
    assert!(
        !claim_ids(&r).contains(&a),
        "a rejected claim is not reconciled"
    );
    let rejected = r["review"]["rejected"].as_array().unwrap();
    assert!(rejected.iter().any(|c| c["id"] == a.as_str()));
    assert_eq!(
        rejected.len(),
        before + 1,
        "the bundled rejections still hold"
    );
    assert_eq!(
        r["summary"]["conflicts"], 0,
        "the conflict rested on the rejected claim"
    );
    let md = stdout(&concord(dir.path(), &["reconcile", "sources"]));
    assert!(md.contains(&format!("{} rejected", rejected.len())), "{md}");
}

#[test]
fn corrected_value_replaces_the_extracted_one() {
    let dir = story();
    let (_, a, b) = firm_conflict(dir.path());
    let r = report(dir.path(), &["--no-review"]);
    let value_of = |r: &Json, id: &str| {
        r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["value"]["display"].as_str().unwrap().to_string())
            .unwrap()
    };
    let right = value_of(&r, &a);
    add_review(
        dir.path(),
        &b,
        &format!(
            "status = \"corrected\"\nvalue = \"{right}\"\nnote = \"the outlet ran a correction\""
        ),
    );
    let r = report(dir.path(), &[]);
    assert_eq!(value_of(&r, &b), right);
    assert_eq!(r["review"]["corrected"], 1);
    assert_eq!(r["summary"]["conflicts"], 0);

    // A correction that cannot be read is an error at its line, not a silent skip.
    let dir = story();
    let path = add_review(
        dir.path(),
        &b,
        "status = \"corrected\"\nvalue = \"sometime\"",
    );
    let o = concord(dir.path(), &["reconcile", "sources"]);
    assert_eq!(o.status.code(), Some(2));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        stderr(&o).contains(&name) && stderr(&o).contains("cannot read `sometime` as a date"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn manual_claim_counts_and_its_quote_is_checked() {
    let dir = story();
    let file = dir.path().join("claims/004_9c807c2f6e5e27ed.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let manual = "\n[[manual]]\nquote = \"several Azerbaijani citizens were detained\"\nevent = \"detain\"\nattribute = \"detained\"\nvalue = \"several\"\nby = \"A. Checker\"\n";
    std::fs::write(&file, format!("{text}{manual}")).unwrap();
    let r = report(dir.path(), &[]);
    let added: Vec<&Json> = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["origin"] == "manual")
        .collect();
    assert_eq!(added.len(), 1);
    let evidence = &added[0]["evidence"];
    let source =
        std::fs::read_to_string(dir.path().join("sources/004_9c807c2f6e5e27ed.txt")).unwrap();
    let (s, e) = (
        evidence[0].as_u64().unwrap() as usize,
        evidence[1].as_u64().unwrap() as usize,
    );
    // The article has a no-break space where the reviewer typed a space: still found.
    assert_eq!(
        source[s..e].replace('\u{a0}', " "),
        "several Azerbaijani citizens were detained"
    );
    assert_eq!(r["review"]["manual"], 1);

    // Re-extraction keeps the manual entry as written.
    let o = concord(dir.path(), &["extract", "sources", "--out", "claims"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("[[manual]]\nquote = \"several Azerbaijani citizens were detained\""));

    // A quote that is not in the article: a clear error naming the file and line.
    std::fs::write(
        &file,
        format!(
            "{text}{}",
            manual.replace("several Azerbaijani", "many Azerbaijani")
        ),
    )
    .unwrap();
    let o = concord(dir.path(), &["check", "sources"]);
    assert_eq!(o.status.code(), Some(2));
    let line = text.lines().count() + 2;
    assert!(
        stderr(&o).contains(&format!("004_9c807c2f6e5e27ed.toml:{line}:1"))
            && stderr(&o).contains("quote not found in the article"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn review_of_a_vanished_sentence_is_orphaned_not_dropped() {
    let dir = story();
    let (_, a, _) = firm_conflict(dir.path());
    let file = add_review(
        dir.path(),
        &a,
        "status = \"confirmed\"\nby = \"A. Checker\"",
    );
    // The outlet rewrites the article: the reviewed sentence is gone.
    let claim = concord::claimfile::read(&file)
        .unwrap()
        .claims
        .into_iter()
        .find(|c| c.id == a)
        .unwrap();
    let article = dir
        .path()
        .join("sources")
        .join(format!("{}.txt", claim.source));
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replace(&claim.text, "The raid was reported."),
    )
    .unwrap();

    let o = concord(dir.path(), &["extract", "sources", "--out", "claims"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("orphaned review: claim {a}")),
        "{}",
        stderr(&o)
    );
    let kept = concord::claimfile::read(&file).unwrap();
    assert!(
        kept.claims.iter().any(|c| c.id == a && c.review.is_some()),
        "the review is kept in the file"
    );

    let o = concord(dir.path(), &["check", "sources", "--fail-on", "stale"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(&format!("? orphaned review {} {a}", claim.source)),
        "{}",
        stdout(&o)
    );
    let r = report(dir.path(), &[]);
    assert_eq!(r["review"]["orphaned"][0]["id"], a.as_str());
}

#[test]
fn direct_edits_are_kept_until_forced_and_then_backed_up() {
    let dir = story();
    let (_, a, _) = firm_conflict(dir.path());
    let file = add_review(dir.path(), &a, "status = \"confirmed\"");
    let reviewed = std::fs::read_to_string(&file).unwrap();
    let edited = reviewed.replacen("modality = \"asserted\"", "modality = \"hedged\"", 1);
    assert_ne!(edited, reviewed);
    std::fs::write(&file, &edited).unwrap();

    let o = concord(dir.path(), &["extract", "sources", "--out", "claims"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("kept as it is"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("was changed outside its [claim.review] table"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        edited,
        "an edited file is never overwritten"
    );

    let o = concord(
        dir.path(),
        &["extract", "sources", "--out", "claims", "--force"],
    );
    assert_eq!(o.status.code(), Some(0));
    let backup = file.with_extension("toml.bak");
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        edited,
        "--force keeps the edited file"
    );
    let now = std::fs::read_to_string(&file).unwrap();
    let hedged = |t: &str| t.matches("modality = \"hedged\"").count();
    assert_eq!(hedged(&now), hedged(&reviewed), "the direct edit is gone");
    assert!(
        now.contains("status = \"confirmed\""),
        "review entries survive --force"
    );
}

#[test]
fn verdict_settles_a_conflict_and_goes_stale_when_it_vanishes() {
    let dir = story();
    let (conflict, a, b) = firm_conflict(dir.path());
    let reviews = format!(
        "[[verdict]]\nconflict = \"{conflict}\"\nconfirmed = \"{a}\"\nevidence = \"Ministry statement\"\nby = \"A. Checker\"\ndate = \"2025-07-10\"\n"
    );
    std::fs::write(dir.path().join("claims/reviews.toml"), &reviews).unwrap();
    let r = report(dir.path(), &[]);
    assert_eq!(r["summary"]["conflicts"], 0);
    assert_eq!(r["summary"]["resolved"], 1);
    let settled = r["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == conflict.as_str())
        .unwrap();
    assert_eq!(settled["resolution"]["by"], "A. Checker");
    let md = stdout(&concord(dir.path(), &["reconcile", "sources"]));
    assert!(
        md.contains("## Resolved by review") && md.contains("*Verdict:*"),
        "{md}"
    );
    let o = concord(dir.path(), &["check", "sources", "--fail-on", "conflict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    // The conflict disappears (a correction makes both sides agree): the verdict is stale.
    let r0 = report(dir.path(), &["--no-review"]);
    let right = r0["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == a.as_str())
        .unwrap()["value"]["display"]
        .as_str()
        .unwrap()
        .to_string();
    add_review(
        dir.path(),
        &b,
        &format!("status = \"corrected\"\nvalue = \"{right}\""),
    );
    let o = concord(dir.path(), &["check", "sources", "--fail-on", "stale"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(&format!("? stale verdict on {conflict}")),
        "{}",
        stdout(&o)
    );

    // A verdict without a confirmed claim or value is refused with its line.
    std::fs::write(
        dir.path().join("claims/reviews.toml"),
        format!("# verdicts\n\n[[verdict]]\nconflict = \"{conflict}\"\nevidence = \"x\"\nby = \"y\"\ndate = \"2025-07-10\"\n"),
    )
    .unwrap();
    let o = concord(dir.path(), &["reconcile", "sources"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("reviews.toml:3:1") && stderr(&o).contains("needs `confirmed`"),
        "{}",
        stderr(&o)
    );

    // An unknown key is named with its line.
    std::fs::write(
        dir.path().join("claims/reviews.toml"),
        reviews.replace("by = ", "checked_by = "),
    )
    .unwrap();
    let o = concord(dir.path(), &["reconcile", "sources"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("reviews.toml:5:1") && stderr(&o).contains("checked_by"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_speaks_to_ci_systems() {
    let dir = story();
    let o = concord(dir.path(), &["check", "sources", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_github", stdout(&o));
    let o = concord(dir.path(), &["check", "sources", "--format", "markdown"]);
    insta::assert_snapshot!("check_markdown", stdout(&o));
    let o = concord(dir.path(), &["check", "sources", "--format", "json"]);
    let v: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["conflicts"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["conflicts"][0]["new"], false,
        "the conflict's claims are committed"
    );
}
