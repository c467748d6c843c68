//! The `qbank` binary: parse arguments, run, map the outcome to an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use qbank::{Cli, ExitStatus};

/// mimalloc instead of the system allocator: loading and exporting build many small strings and
/// maps, and glibc's malloc/free took about a sixth of an export's time. Its 2.x series (the
/// `v2` feature) reuses freed pages better than 3.x: the `.apkg` benchmark touched 70 MB
/// instead of 100 MB, and every first touch costs the kernel a zeroed page.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(clippy::print_stderr)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut err = io::stderr();
    let result = qbank::run(cli, &mut out, &mut err).and_then(|status| {
        out.flush()?;
        Ok(status)
    });
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(error) => {
            // A closed pipe (`qbank lint … | head`) is not a failure.
            if qbank::is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(ExitStatus::Error.code())
        }
    }
}
