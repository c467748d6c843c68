//! `qbank lint`: load every file, run the rules over all of them together, render the findings.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use rayon::prelude::*;

use crate::ExitStatus;
use crate::diagnostics::render::{self, SarifRule, SarifTool, SourceLookup};
use crate::diagnostics::{Diagnostic, Severity, Tally, plural};
use crate::lint::rules::BrokenImage;
use crate::lint::{Config, ConfigError, Level, registry};
use crate::output::ColorChoice;

/// Arguments of `qbank lint`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Bank files, or directories to search for banks: `.yaml`, `.yml` and `.json` files with a
    /// top-level `qbank` key. All are linted together, so duplicate prompts are found across
    /// files.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Report RULE (a name or code) as an error; `--deny warnings` makes every warning an error.
    #[arg(long, short = 'D', value_name = "RULE")]
    pub deny: Vec<String>,
    /// Report RULE as a warning.
    #[arg(long, short = 'W', value_name = "RULE")]
    pub warn: Vec<String>,
    /// Do not report RULE.
    #[arg(long, short = 'A', value_name = "RULE")]
    pub allow: Vec<String>,
    /// Read settings from this file instead of the `qbank.toml` found from the first bank's
    /// folder upwards.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore every `qbank.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// When to use colors.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Output formats of `lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style blocks with the source line, a caret and `help:`.
    Text,
    /// A JSON array of diagnostics (see `docs/diagnostics.schema.json`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
}

/// Lints the banks; exit 1 when any finding is an error, 2 on usage or I/O problems.
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
    let config = match configure(args, &files) {
        Ok(config) => config,
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let mut status = ExitStatus::Success;
    let mut loaded = Vec::with_capacity(files.len());
    let mut unreadable = 0;
    for result in files.par_iter().map(|f| crate::load::load(f)).collect::<Vec<_>>() {
        match result {
            Ok(l) => loaded.push(l),
            Err(e) => {
                writeln!(stderr, "error: {e}")?;
                status = ExitStatus::Error;
                unreadable += 1;
            }
        }
    }
    let diagnostics = crate::lint::lint(&loaded, &config);
    match args.format {
        Format::Text => {
            let sources = Sources(&loaded);
            render::render_text(stdout, &diagnostics, &sources, args.color.for_stdout())?;
        }
        Format::Json => render::render_json(stdout, &diagnostics)?,
        Format::Github => render::render_github(stdout, &diagnostics)?,
        Format::Sarif => {
            let tool = SarifTool {
                name: "qbank",
                version: env!("CARGO_PKG_VERSION"),
                information_uri: None,
            };
            render::render_sarif(stdout, &diagnostics, &sarif_rules(), &tool)?;
        }
    }
    if config.enables(BrokenImage::META) {
        unchecked_images(&loaded, stderr)?;
    }
    let mut closing = summary(&diagnostics, loaded.len());
    if unreadable > 0 {
        // "no problems found" must not read as a clean run when a file was never looked at.
        let noun = if unreadable == 1 { "file" } else { "files" };
        closing = format!("{closing}; {unreadable} {noun} could not be read");
    }
    writeln!(stderr, "{closing}")?;
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        status = status.max(ExitStatus::Failure);
    }
    // The process ends next: freeing tens of thousands of questions one by one is wasted time
    // (about 5% of a 10,000-question run), so the memory goes back to the system with the process.
    std::mem::forget(loaded);
    Ok(status)
}

/// Notes each bank whose images `broken-image` could not check: one read from stdin or a pipe
/// has no folder to find them in.
fn unchecked_images(loaded: &[crate::load::Loaded], stderr: &mut dyn Write) -> std::io::Result<()> {
    for l in loaded {
        if l.bank.as_ref().is_some_and(|b| BrokenImage::unchecked(b, &l.source.path)) {
            writeln!(
                stderr,
                "note: the images of `{}` were not checked: a bank read from stdin or a pipe has no folder to find them in",
                l.source.path.display()
            )?;
        }
    }
    Ok(())
}

/// The loaded files' sources, for the text renderer to quote.
struct Sources<'a>(&'a [crate::load::Loaded]);

impl SourceLookup for Sources<'_> {
    fn source(&self, path: &std::path::Path) -> Option<&crate::source::SourceFile> {
        self.0.iter().map(|l| &l.source).find(|s| s.path == path)
    }
}

/// `qbank.toml` (given, found, or none), then the command-line levels on top.
fn configure(args: &Args, files: &[PathBuf]) -> Result<Config, ConfigError> {
    let file = if args.no_config {
        None
    } else {
        args.config.clone().or_else(|| {
            let first = files.first()?;
            let dir = first
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            Config::discover(dir)
        })
    };
    let mut config = match file {
        Some(path) => Config::from_file(&path)?,
        None => Config::default(),
    };
    config.set_all(&args.allow, Level::Allow, "`--allow`")?;
    config.set_all(&args.warn, Level::Warn, "`--warn`")?;
    config.set_all(&args.deny, Level::Deny, "`--deny`")?;
    Ok(config)
}

/// The registry as SARIF rule descriptors.
pub fn sarif_rules() -> Vec<SarifRule> {
    registry::all()
        .iter()
        .map(|r| {
            let m = r.meta();
            SarifRule {
                id: m.code.to_owned(),
                name: m.name.to_owned(),
                summary: m.summary.to_owned(),
                description: m.section("What it does"),
                docs: m.docs(),
                severity: m.severity,
            }
        })
        .collect()
}

/// `found 2 errors, 1 warning and 0 infos in 3 files`; `found more than 1000 errors, …` when a
/// file had more schema errors than are listed (the note saying so is not counted as one).
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let files = plural(files, "file");
    if diagnostics.is_empty() {
        return format!("no problems found in {files}");
    }
    let tally = Tally::of(diagnostics);
    format!(
        "found {}, {} and {} in {files}",
        tally.errors_text(),
        plural(tally.warnings, "warning"),
        plural(tally.infos, "info"),
    )
}
