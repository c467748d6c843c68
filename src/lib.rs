//! qbank: validate, lint, grade and export interview question banks.
//!
//! The pipeline is `source` (text and spans) → `load` (syntax, schema and semantic tiers) →
//! `model` (the typed bank) → one command. Findings are [`diagnostics::Diagnostic`] values that
//! renderers print; commands write to a `&mut dyn Write` so tests can capture them.

pub mod cli;
pub mod commands;
pub mod diagnostics;
pub mod export;
pub mod grade;
pub mod lint;
pub mod load;
pub mod model;
pub mod mutate;
pub mod output;
pub mod rubric;
pub mod schema;
pub mod source;
pub mod timings;

pub use cli::Cli;

/// How a run ended; `main` maps it to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything checked out (exit 0).
    Success,
    /// The input has problems: invalid bank, error-level findings (exit 1).
    Failure,
    /// The tool could not do its job: usage, missing file, I/O (exit 2).
    Error,
}

impl ExitStatus {
    /// The process exit code: 0, 1 or 2.
    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Failure => 1,
            Self::Error => 2,
        }
    }

    /// The worse of two statuses (`Error` > `Failure` > `Success`).
    #[must_use]
    pub fn max(self, other: Self) -> Self {
        if other.code() > self.code() { other } else { self }
    }
}

/// Runs a parsed command line, writing results to `stdout` and notes to `stderr`.
pub fn run(
    cli: Cli,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> anyhow::Result<ExitStatus> {
    commands::dispatch(cli, stdout, stderr)
}

/// Whether a failed run only lost its reader (`qbank lint … | head`): a closed pipe, which is
/// not a failure. `serde_json` wraps the I/O error without exposing it as a source, so it is
/// asked directly.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    error.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
    })
}

#[cfg(test)]
mod pipe_tests {
    use super::is_broken_pipe;

    #[test]
    fn a_closed_pipe_is_seen_through_serde_json_and_context() {
        let closed = || std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::from(closed())));
        assert!(is_broken_pipe(&anyhow::Error::from(serde_json::Error::io(closed()))));
        assert!(is_broken_pipe(&anyhow::Error::from(closed()).context("writing the report")));
        let other = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(!is_broken_pipe(&anyhow::Error::from(serde_json::Error::io(other))));
    }
}
