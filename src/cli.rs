//! The command line, declared with clap derive: the doc comments are the `--help` text.

use clap::{Parser, Subcommand};

use crate::commands;

/// Validate, lint, grade and export interview question banks.
#[derive(Debug, Parser)]
#[command(name = "qbank", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check banks against the schema and the model (exit 0 valid, 1 invalid, 2 I/O error).
    Validate(commands::validate::Args),
    /// Lint banks: coverage, rubrics, content and choice rules (exit 0 clean, 1 errors, 2 usage/I/O).
    Lint(commands::lint::Args),
    /// Mutation-test rubrics: grade adversarial answers made from each model answer (exit 1 with
    /// `--fail-on-survivors` or below `[mutate] break`).
    Mutate(commands::mutate::Args),
    /// List the lint rules.
    Rules(commands::rules::ListArgs),
    /// Print the documentation of one lint rule.
    Rule(commands::rules::ShowArgs),
    /// Print the bank JSON Schema (the checked-in `schema/bank.schema.json` equals it).
    Schema(commands::schema::Args),
    /// Scaffold a new bank (`NAME.yaml`) that validates, with the schema for editors.
    New(commands::new::Args),
    /// Count questions by topic, difficulty and type, against the blueprint.
    Stats(commands::stats::Args),
    /// Grade answer sheets: scores with evidence, candidate totals, item analysis and a report.
    Grade(commands::grade::Args),
    /// Compare rubric scores with human scores: correlations, kappa, criteria, disagreements.
    Calibrate(commands::calibrate::Args),
    /// Export a bank for Anki, a browser, an LMS and more (`qbank export --list` names the formats).
    Export(commands::export::Args),
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
