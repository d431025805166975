//! The `concord` command line: parses arguments, calls the library, writes results.
//! Data goes to stdout; diagnostics and progress to stderr. Exit codes: 0 success,
//! 1 a `--fail-on` condition was met, 2 usage or input error.

mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    match commands::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("concord: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
