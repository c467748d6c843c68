//! `qbank validate`: the syntax, schema and model tiers for each file, every error reported.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use crate::ExitStatus;
use crate::diagnostics::{Diagnostic, Tally, render};
use crate::output::ColorChoice;

/// Arguments of `qbank validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Bank files, or directories to search for banks: `.yaml`, `.yml` and `.json` files with a
    /// top-level `qbank` key.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Output formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style blocks with the source line.
    Text,
    /// A JSON array of diagnostics.
    Json,
}

/// Validates every file; exit 1 if any is invalid, 2 if any could not be read.
pub fn run(
    args: &Args,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let files = match super::bank_files(&args.paths, stderr) {
        Ok(files) => files,
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let mut status = ExitStatus::Success;
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut sources = Vec::new();
    let mut valid = 0;
    let mut unreadable = 0;
    for file in &files {
        match crate::load::load(file) {
            Ok(loaded) => {
                if loaded.has_errors() {
                    status = status.max(ExitStatus::Failure);
                } else {
                    valid += 1;
                }
                diagnostics.extend(loaded.diagnostics);
                sources.push(loaded.source);
            }
            Err(e) => {
                writeln!(stderr, "error: {e}")?;
                status = status.max(ExitStatus::Error);
                unreadable += 1;
            }
        }
    }
    match args.format {
        Format::Text => {
            render::render_text(stdout, &diagnostics, &sources, args.color.for_stdout())?;
            let errors = Tally::of(&diagnostics).errors_text();
            let noun = if files.len() == 1 { "file" } else { "files" };
            let unread = match unreadable {
                0 => String::new(),
                1 => "; 1 file could not be read".to_owned(),
                n => format!("; {n} files could not be read"),
            };
            writeln!(stderr, "{valid} of {} {noun} valid; {errors}{unread}", files.len())?;
        }
        Format::Json => render::render_json(stdout, &diagnostics)?,
    }
    Ok(status)
}
