//! Bad input and faults, each tried: every one gets a clear error naming the file (and line
//! where it has one) or a safe result, never a panic, and no reviewer's data is lost.
//! The error messages are snapshot-tested together in `fault_errors`.

mod common;

use common::{concord_in as concord, stderr};
use std::path::{Path, PathBuf};

const ARTICLE: &str = "Police said two people were killed in the shooting on Friday.\n\nThe shooting happened at a bar on Main Street, the mayor said.\n";

/// A story folder `name` in `dir` with the given files.
fn story(dir: &Path, name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let root = dir.join(name);
    std::fs::create_dir_all(&root).unwrap();
    for (file, bytes) in files {
        std::fs::write(root.join(file), bytes).unwrap();
    }
    root
}

/// Runs `args`, expects exit code 2, and returns stderr with the temporary folder hidden.
fn error_of(dir: &Path, args: &[&str]) -> String {
    let o = concord(dir, args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "no report on an input error");
    stderr(&o).replace(&dir.display().to_string(), "[DIR]")
}

#[test]
fn bom_and_crlf_keep_spans_on_the_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n"));
    let root = story(dir.path(), "s", &[("a.txt", text.as_bytes())]);
    let o = concord(dir.path(), &["reconcile", "s", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let bytes = std::fs::read(root.join("a.txt")).unwrap();
    let claims = r["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    for c in claims {
        let [s, e] = [&c["span"][0], &c["span"][1]].map(|v| v.as_u64().unwrap() as usize);
        assert_eq!(
            std::str::from_utf8(&bytes[s..e]).unwrap(),
            c["text"].as_str().unwrap(),
            "a span points at its text in the file as it is on disk"
        );
    }
    assert!(claims.iter().any(|c| c["attribute"] == "killed"));
}

#[test]
fn empty_article_is_a_source_without_claims() {
    let dir = tempfile::tempdir().unwrap();
    story(
        dir.path(),
        "s",
        &[("a.txt", b""), ("b.txt", ARTICLE.as_bytes())],
    );
    let o = concord(dir.path(), &["reconcile", "s", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["summary"]["sources"], 2);
    assert!(r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["source"] == "b"));
}

#[test]
fn fault_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut out = String::new();

    // A very large file is refused before it is read, never loaded into memory.
    let big = story(d, "big", &[]);
    let f = std::fs::File::create(big.join("huge.txt")).unwrap();
    f.set_len(300 << 20).unwrap();
    out.push_str(&error_of(d, &["reconcile", "big"]));
    std::fs::remove_file(big.join("huge.txt")).unwrap();

    // Two files giving one source id.
    story(
        d,
        "dup",
        &[("a.txt", ARTICLE.as_bytes()), ("a.md", ARTICLE.as_bytes())],
    );
    out.push_str(&error_of(d, &["reconcile", "dup"]));

    // An unknown key in the story config, named with its line.
    story(
        d,
        "config",
        &[
            ("a.txt", ARTICLE.as_bytes()),
            (
                "concord.toml",
                b"title = \"x\"\n\n[[entity]]\nname = \"Police\"\nalias = [\"cops\"]\n",
            ),
        ],
    );
    out.push_str(&error_of(d, &["reconcile", "config"]));

    // Claim files: broken TOML, an unknown key in a review, a duplicated id, not UTF-8.
    story(d, "c/sources", &[("a.txt", ARTICLE.as_bytes())]);
    let o = concord(d, &["extract", "c/sources", "--out", "c/claims"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let claim_file = d.join("c/claims/a.toml");
    let good = std::fs::read_to_string(&claim_file).unwrap();
    let first_id = good
        .lines()
        .find(|l| l.starts_with("id = "))
        .unwrap()
        .to_string();
    let broken = [
        good.replacen("[[claim]]", "[[claim]\n", 1),
        good.replacen(
            &first_id,
            &format!("{first_id}\n\n[claim.review]\nstauts = \"rejected\""),
            1,
        )
        .replacen("\n\n[claim.review]", "\n[claim.review]", 1),
        format!(
            "{good}\n[[claim]]\n{}",
            &good[good.find(&first_id).unwrap()..good.find("[[claim]]").map_or(good.len(), |i| {
                good[i + 9..]
                    .find("[[claim]]")
                    .map_or(good.len(), |j| i + 9 + j)
            })]
        ),
    ];
    for text in &broken {
        std::fs::write(&claim_file, text).unwrap();
        out.push_str(&error_of(d, &["reconcile", "c/sources"]));
    }
    std::fs::write(&claim_file, b"source = \"a\"\n\xff\xfe").unwrap();
    out.push_str(&error_of(
        d,
        &["check", "c/sources", "--claims", "c/claims"],
    ));
    std::fs::write(&claim_file, &good).unwrap();

    // The claim folder is a file: nothing can be written, and it says where.
    std::fs::write(d.join("not-a-folder"), "x").unwrap();
    out.push_str(&error_of(
        d,
        &["extract", "c/sources", "--out", "not-a-folder"],
    ));

    insta::assert_snapshot!(out);
}

#[test]
fn a_read_only_claim_folder_is_an_error_and_loses_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    story(dir.path(), "sources", &[("a.txt", ARTICLE.as_bytes())]);
    let o = concord(dir.path(), &["extract", "sources", "--out", "claims"]);
    assert_eq!(o.status.code(), Some(0));
    let file = dir.path().join("claims/a.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    // The article changes, so the claim file must be rewritten; the folder is read-only.
    std::fs::write(
        dir.path().join("sources/a.txt"),
        ARTICLE.replace("two", "three"),
    )
    .unwrap();
    let claims = dir.path().join("claims");
    std::fs::set_permissions(&claims, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = claims.join(".probe");
    let enforced = std::fs::write(&probe, "x").is_err();
    let _ = std::fs::remove_file(&probe);
    let o = concord(dir.path(), &["extract", "sources", "--out", "claims"]);
    std::fs::set_permissions(&claims, std::fs::Permissions::from_mode(0o755)).unwrap();
    if enforced {
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("claims/a.toml: cannot write"),
            "{}",
            stderr(&o)
        );
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            before,
            "the old file is intact"
        );
        assert!(
            std::fs::read_dir(&claims).unwrap().count() == 1,
            "no temporary file is left"
        );
    } else {
        // Running as root: permissions do not bind, the write must simply succeed.
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(std::fs::read_to_string(&file).unwrap().contains("three"));
    }
}

#[test]
fn an_interrupted_write_never_leaves_half_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, "the reviewer's file\n").unwrap();
    // The write of the temporary file fails (here: its name is taken by a folder).
    let tmp = dir
        .path()
        .join(format!(".a.toml.tmp-{}", std::process::id()));
    std::fs::create_dir(&tmp).unwrap();
    let err = concord::claimfile::write_atomic(&path, "new text\n").unwrap_err();
    assert!(err.to_string().contains("a.toml"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "the reviewer's file\n"
    );
    std::fs::remove_dir(&tmp).unwrap();

    // A run killed between writing the temporary file and renaming it leaves the temporary
    // file behind: the claim file is intact, the next run succeeds, and `check` ignores it.
    story(dir.path(), "sources", &[("a.txt", ARTICLE.as_bytes())]);
    let o = concord(dir.path(), &["extract", "sources", "--out", "claims"]);
    assert_eq!(o.status.code(), Some(0));
    let claims = dir.path().join("claims");
    std::fs::write(claims.join(".a.toml.tmp-99999"), "half a fi").unwrap();
    let o = concord(dir.path(), &["extract", "sources", "--out", "claims"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("unchanged"));
    let o = concord(dir.path(), &["check", "sources", "--fail-on", "stale"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
