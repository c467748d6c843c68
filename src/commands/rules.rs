//! `qbank rules` lists the lint rules; `qbank rule NAME` prints one rule's documentation.

use std::io::Write;

use clap::ValueEnum;

use crate::ExitStatus;
use crate::lint::registry;

/// Arguments of `qbank rules`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// Output formats of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One line per rule: code, name, default severity, summary.
    Text,
    /// A JSON array of rules with their documentation.
    Json,
    /// The rule table in Markdown (what the README holds).
    Markdown,
    /// Every rule's documentation in Markdown (what `docs/rules.md` holds).
    Reference,
}

/// Arguments of `qbank rule`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The rule's name (`uncovered-topic`) or code (`QB001`).
    pub rule: String,
}

/// Lists every rule.
pub fn list(args: &ListArgs, stdout: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    match args.format {
        ListFormat::Text => {
            let width = registry::all().iter().map(|r| r.meta().name.len()).max().unwrap_or(0);
            for rule in registry::all() {
                let m = rule.meta();
                writeln!(
                    stdout,
                    "{}  {:width$}  {:7}  {}",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.summary
                )?;
            }
        }
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = registry::all()
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "severity": m.severity,
                        "summary": m.summary,
                        "docs": m.docs(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *stdout, &rules)?;
            writeln!(stdout)?;
        }
        ListFormat::Markdown => write!(stdout, "{}", registry::markdown_table())?,
        ListFormat::Reference => write!(stdout, "{}", registry::markdown())?,
    }
    Ok(ExitStatus::Success)
}

/// Prints one rule's documentation, as `ruff rule` does.
pub fn show(
    args: &ShowArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let Some(rule) = registry::find(&args.rule) else {
        let hint = registry::suggest(&args.rule).map_or_else(
            || "\nhelp: `qbank rules` lists them".to_owned(),
            |s| format!("\nhelp: did you mean `{s}`?"),
        );
        writeln!(stderr, "error: unknown rule `{}`{hint}", args.rule)?;
        return Ok(ExitStatus::Error);
    };
    let m = rule.meta();
    writeln!(
        stdout,
        "# {} ({})\n\nDefault severity: {}.\n\n{}",
        m.name,
        m.code,
        m.severity,
        m.docs()
    )?;
    Ok(ExitStatus::Success)
}
