//! `qbank mutate BANK`: rubric mutation testing. Every open question's model answer is turned
//! into adversarial answers that are graded and judged; the report lists each mutant with its
//! outcome, score and evidence, and the mutation score per question, per operator and for the
//! bank.
//!
//! Exit status: 0 when the run completed, whatever survived (mutation testing measures, as
//! Stryker does with `break` unset); 1 when `--fail-on-survivors` is given and a mutant
//! survived, or when the bank's score is below `[mutate] break` in `qbank.toml`, or when the
//! bank is invalid; 2 on usage and I/O problems.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use crate::ExitStatus;
use crate::diagnostics::did_you_mean;
use crate::lint::Config;
use crate::mutate::{self, report};

/// Arguments of `qbank mutate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bank file.
    pub bank: PathBuf,
    /// Only this question (by id); repeat for several.
    #[arg(long, short = 'q', value_name = "ID")]
    pub question: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 when any mutant survived.
    #[arg(long)]
    pub fail_on_survivors: bool,
    /// Read `[mutate]` from this file instead of the `qbank.toml` found from the bank's folder
    /// upwards.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore every `qbank.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

/// Output formats of `mutate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A report for a reviewer: survivors with the change, evidence and a fix.
    Text,
    /// One JSON object with every mutant's text, expectation, outcome and grade.
    Json,
}

/// Runs mutation testing on one bank.
pub fn run(
    args: &Args,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let config = match configure(args) {
        Ok(config) => config,
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let bank = match super::valid_bank(&args.bank, "mutated", stderr)? {
        Ok(bank) => bank,
        Err(status) => return Ok(status),
    };
    for wanted in &args.question {
        if !bank.questions.iter().any(|q| q.id.as_str() == wanted) {
            let hint = did_you_mean(wanted, bank.questions.iter().map(|q| q.id.as_str()))
                .map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default();
            writeln!(stderr, "error: no question `{wanted}` in `{}`{hint}", args.bank.display())?;
            return Ok(ExitStatus::Error);
        }
    }
    let settings = &config.options.mutate;
    let results = mutate::run_bank(&bank, settings, &args.question);
    match args.format {
        Format::Text => report::text(stdout, &results)?,
        Format::Json => report::json(stdout, &results)?,
    }
    let (_, total) = report::totals(&results);
    let mut status = ExitStatus::Success;
    if args.fail_on_survivors && total.survived > 0 {
        let noun = if total.survived == 1 { "mutant" } else { "mutants" };
        writeln!(stderr, "error: {} {noun} survived (`--fail-on-survivors`)", total.survived)?;
        status = ExitStatus::Failure;
    }
    if let (Some(limit), Some(score)) = (settings.break_below, total.score())
        && score < limit
    {
        writeln!(stderr, "error: the mutation score {score:.0}% is below `break = {limit}`")?;
        status = ExitStatus::Failure;
    }
    Ok(status)
}

/// `--config`, else the `qbank.toml` found from the bank's folder upwards, else defaults.
fn configure(args: &Args) -> Result<Config, crate::lint::ConfigError> {
    if args.no_config {
        return Ok(Config::default());
    }
    let dir = args.bank.parent().filter(|p| !p.as_os_str().is_empty());
    let file = args.config.clone().or_else(|| Config::discover(dir.unwrap_or(".".as_ref())));
    file.map_or_else(|| Ok(Config::default()), |path| Config::from_file(&path))
}
