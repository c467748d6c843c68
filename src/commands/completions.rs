//! `qbank completions SHELL`: prints a tab-completion script, generated from the same clap
//! definitions as `--help`, so it never lags behind the options.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::ExitStatus;
use crate::cli::Cli;

/// Arguments of `qbank completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script for the chosen shell to `stdout`.
pub fn run(args: &Args, stdout: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "qbank", stdout);
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::{Args, Shell, run};

    #[test]
    fn every_shell_gets_a_script_that_names_the_subcommands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish] {
            let mut out = Vec::new();
            run(&Args { shell }, &mut out).unwrap_or_else(|e| panic!("{shell}: {e}"));
            let script = String::from_utf8(out).unwrap_or_default();
            for word in ["qbank", "lint", "validate", "completions", "format"] {
                assert!(script.contains(word), "{shell} script lacks `{word}`");
            }
        }
    }
}
