//! Throughput of tokenizing plus date recognition on a JSON-lines corpus of articles
//! (`gva-dev/incidents.jsonl`: `docs[].content` and `docs[].dct`), and a crash check on
//! noisy scraped text.
//!
//! Usage: `cargo run --release --example bench_dates -- PATH [REPEAT] [--print N]`

use concord::calendar::CivilDate;
use concord::recognize::dates::DateRecognizer;
use concord::token::tokenize;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        anyhow::bail!("usage: bench_dates PATH [REPEAT]");
    };
    let repeat: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    // `--print N`: show the mentions of the first N documents, for reading.
    let print: usize = args
        .iter()
        .position(|a| a == "--print")
        .and_then(|k| args.get(k + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let raw = std::fs::read_to_string(path)?;
    let mut docs: Vec<(String, Option<CivilDate>)> = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        for d in v
            .get("docs")
            .and_then(|d| d.as_array())
            .into_iter()
            .flatten()
        {
            let text = d
                .get("content")
                .and_then(|c| c.as_str())
                .unwrap_or("")
                .to_string();
            let dct = d
                .get("dct")
                .and_then(|c| c.as_str())
                .and_then(|s| s.get(..10))
                .and_then(CivilDate::parse);
            docs.push((text, dct));
        }
    }
    for (text, dct) in docs.iter().take(print) {
        let mut rec = DateRecognizer::new(*dct);
        let mut base = 0;
        println!("--- published {:?}", dct.map(|d| d.to_string()));
        for line in text.split_inclusive('\n') {
            let toks = tokenize(line, base);
            for m in rec.recognize(&toks) {
                println!(
                    "{:<32} {:<9} {:<22} {:<22} {}",
                    format!("{:?}", &text[m.start..m.end]),
                    m.timex_type.as_timeml(),
                    m.value,
                    m.rule,
                    m.anchor.as_deref().unwrap_or("")
                );
            }
            base += line.len();
        }
    }
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..repeat {
        let t0 = Instant::now();
        mentions = 0;
        for (text, dct) in &docs {
            let mut rec = DateRecognizer::new(*dct);
            // Lines stand in for sentences here: the bench measures the recognizer, not a segmenter.
            let mut base = 0;
            for line in text.split_inclusive('\n') {
                let toks = tokenize(line, base);
                mentions += rec.recognize(&toks).len();
                base += line.len();
            }
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "{} documents, {:.1} MB, {} mentions; tokenize+recognize {:.1} MB/s (best of {repeat})",
        docs.len(),
        bytes as f64 / 1e6,
        mentions,
        bytes as f64 / 1e6 / best
    );
    Ok(())
}
