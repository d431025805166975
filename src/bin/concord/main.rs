//! The `concord` command line: parses arguments, calls the library, writes results.
//! Data goes to stdout; diagnostics and progress to stderr. Exit codes: 0 success,
//! 1 a `--fail-on` condition was met, 2 usage or input error.

mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    match commands::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("concord: error: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, leaving out a cause its parent's message already states.
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}
