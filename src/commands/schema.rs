//! `qbank schema`: print the bank JSON Schema, or check a file against it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use crate::ExitStatus;

/// Arguments of `qbank schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Instead of printing, exit 1 when this file differs from the generated schema.
    #[arg(long, value_name = "FILE")]
    pub check: Option<PathBuf>,
    /// Print the format reference as Markdown tables (the README's "Bank format" section).
    #[arg(long, conflicts_with = "check")]
    pub markdown: bool,
}

/// Prints the schema, or compares it with `--check FILE`.
pub fn run(args: &Args, stdout: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    if args.markdown {
        stdout.write_all(crate::schema::reference::markdown().as_bytes())?;
        return Ok(ExitStatus::Success);
    }
    let schema = crate::schema::generate_string();
    let Some(path) = &args.check else {
        stdout.write_all(schema.as_bytes())?;
        return Ok(ExitStatus::Success);
    };
    let on_disk = crate::source::read::read_text(path, crate::source::read::SCHEMA)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    if on_disk == schema {
        Ok(ExitStatus::Success)
    } else {
        writeln!(
            stdout,
            "`{}` is out of date; run `qbank schema > {}`",
            path.display(),
            path.display()
        )?;
        Ok(ExitStatus::Failure)
    }
}
