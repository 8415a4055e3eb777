//! The `sitzung` binary: argument parsing and wiring; the work is in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
