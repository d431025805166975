//! Scores the temporal expression recognizer on a TempEval-3 or MEANTIME export.
//!
//! Usage: `cargo run --release --example eval_timex -- PATH [--errors] [--rules] [--json] [--repeat N]`

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
    else {
        anyhow::bail!("usage: eval_timex PATH [--errors] [--rules] [--json] [--repeat N]");
    };
    let mut report = concord::eval::timex::evaluate(&PathBuf::from(path))?;
    // `--repeat N`: run N times and keep the fastest recognizer time (the machine is shared).
    if let Some(n) = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|k| args.get(k + 1))
        .and_then(|n| n.parse::<usize>().ok())
    {
        for _ in 1..n {
            let again = concord::eval::timex::evaluate(&PathBuf::from(path))?;
            if again.recognize_seconds < report.recognize_seconds {
                report.recognize_seconds = again.recognize_seconds;
            }
        }
    }
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    if args.iter().any(|a| a == "--errors") {
        for e in &report.errors {
            println!(
                "{:<8} {:<12} gold={:<28} sys={:<14} rule={:<18} dct={} | {}",
                e.kind,
                format!("{:?}", e.text),
                e.gold_value.as_deref().unwrap_or("-"),
                e.system_value.as_deref().unwrap_or("-"),
                e.rule.as_deref().unwrap_or("-"),
                e.dct.as_deref().unwrap_or("-"),
                e.context
            );
        }
    }
    if args.iter().any(|a| a == "--rules") {
        println!(
            "{:<24} {:>7} {:>8} {:>8}",
            "rule", "system", "matched", "value ok"
        );
        for r in &report.rules {
            println!(
                "{:<24} {:>7} {:>8} {:>8}",
                r.rule, r.system, r.matched, r.value_correct
            );
        }
    }
    println!("{report}");
    Ok(())
}
