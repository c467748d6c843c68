//! The command line, declared with clap derive: the doc comments are the `--help` text.

use clap::{Parser, Subcommand};

use crate::commands;

mod examples;

/// Validate, lint, grade and export interview question banks.
#[derive(Debug, Parser)]
// The version names the commit when built from a git checkout (see `build.rs`).
#[command(
    name = "qbank",
    version = env!("QBANK_VERSION"),
    about,
    long_about = None,
    propagate_version = true
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check banks against the schema and the model (exit 0 valid, 1 invalid, 2 I/O error).
    #[command(after_help = examples::VALIDATE)]
    Validate(commands::validate::Args),
    /// Lint banks: coverage, rubrics, content and choice rules (exit 0 clean, 1 errors, 2 usage/I/O).
    #[command(after_help = examples::LINT)]
    Lint(commands::lint::Args),
    /// Mutation-test rubrics: grade adversarial answers made from each model answer (exit 1 with
    /// `--fail-on-survivors` or below `[mutate] break`).
    #[command(after_help = examples::MUTATE)]
    Mutate(commands::mutate::Args),
    /// List the lint rules.
    #[command(after_help = examples::RULES)]
    Rules(commands::rules::ListArgs),
    /// Print the documentation of one lint rule.
    #[command(after_help = examples::RULE)]
    Rule(commands::rules::ShowArgs),
    /// Print the bank JSON Schema (the checked-in `schema/bank.schema.json` equals it).
    #[command(after_help = examples::SCHEMA)]
    Schema(commands::schema::Args),
    /// Scaffold a new bank (`NAME.yaml`) that validates, with the schema for editors.
    #[command(after_help = examples::NEW)]
    New(commands::new::Args),
    /// Count questions by topic, difficulty and type, against the blueprint.
    #[command(after_help = examples::STATS)]
    Stats(commands::stats::Args),
    /// Grade answer sheets: scores with evidence, candidate totals, item analysis and a report.
    #[command(after_help = examples::GRADE)]
    Grade(commands::grade::Args),
    /// Compare rubric scores with human scores: correlations, kappa, criteria, disagreements.
    #[command(after_help = examples::CALIBRATE)]
    Calibrate(commands::calibrate::Args),
    /// Export a bank for Anki, a browser, an LMS and more (`qbank export --list` names the formats).
    #[command(after_help = examples::EXPORT)]
    Export(commands::export::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout.
    #[command(after_help = examples::COMPLETIONS)]
    Completions(commands::completions::Args),
    /// Print the manual page, or write one page per subcommand with `--dir`.
    #[command(after_help = examples::MAN)]
    Man(commands::man::Args),
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
