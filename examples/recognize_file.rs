//! Runs every recognizer over one text file, for profiling (`valgrind --tool=callgrind`) and
//! quick throughput checks outside the divan benchmark.
//!
//! Usage: `cargo run --release --example recognize_file -- PATH [REPEAT]`

use std::path::Path;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        anyhow::bail!("usage: recognize_file PATH [REPEAT]");
    };
    let repeat: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(path)?;
    let mut source = concord::ingest::Source::parse(Path::new(path), text)?;
    source.published = concord::calendar::CivilDate::new(2025, 7, 7);
    let mut best = f64::INFINITY;
    let mut sentences = 0;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        sentences = concord::recognize::recognize_source(&source).len();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{sentences} sentences, {} bytes, best {:.1} ms, {:.1} MB/s",
        source.text.len(),
        best * 1e3,
        source.text.len() as f64 / best / 1e6
    );
    Ok(())
}
