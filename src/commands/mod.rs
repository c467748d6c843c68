//! One module per subcommand: glue between the command line and the library.

pub mod calibrate;
pub mod export;
pub mod grade;
pub mod lint;
pub mod new;
pub mod rules;
pub mod schema;
pub mod stats;
pub mod validate;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::ExitStatus;
use crate::cli::{Cli, Command};
use crate::model::Bank;

/// Runs the chosen subcommand.
pub fn dispatch(
    cli: Cli,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Validate(args) => validate::run(&args, stdout, stderr),
        Command::Schema(args) => schema::run(&args, stdout),
        Command::New(args) => new::run(&args, stdout, stderr),
        Command::Stats(args) => stats::run(&args, stdout, stderr),
        Command::Grade(args) => grade::run(&args, stdout, stderr),
        Command::Calibrate(args) => calibrate::run(&args, stdout, stderr),
        Command::Lint(args) => lint::run(&args, stdout, stderr),
        Command::Rules(args) => rules::list(&args, stdout),
        Command::Rule(args) => rules::show(&args, stdout, stderr),
        Command::Export(args) => export::run(&args, stdout, stderr),
    }
}

/// Loads the one bank a command works on, which must be valid. An unreadable file is reported
/// and gives exit 2; an invalid bank prints its diagnostics and
/// ``error: `PATH` is not a valid bank; nothing <done>`` and gives exit 1.
pub fn valid_bank(
    path: &Path,
    done: &str,
    stderr: &mut dyn Write,
) -> anyhow::Result<Result<Bank, ExitStatus>> {
    let loaded = match crate::load::load(path) {
        Ok(loaded) => loaded,
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            return Ok(Err(ExitStatus::Error));
        }
    };
    match loaded.bank {
        Some(bank) if !loaded.has_errors() => Ok(Ok(bank)),
        _ => {
            crate::diagnostics::render::render_text(
                stderr,
                &loaded.diagnostics,
                std::slice::from_ref(&loaded.source),
                false,
            )?;
            writeln!(stderr, "error: `{}` is not a valid bank; nothing {done}", path.display())?;
            Ok(Err(ExitStatus::Failure))
        }
    }
}

/// Expands the paths a user gave into bank files: files as given, directories walked
/// recursively for `.yaml`, `.yml` and `.json` files in sorted order. A file named twice (or
/// reached through a directory too) is kept once, so it is not reported against itself. Finding
/// no bank at all is an error.
pub fn bank_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    if files.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no `.yaml`, `.yml` or `.json` bank found in the given directories",
        ));
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        let hidden = entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if entry.is_dir() {
            walk(&entry, files)?;
        } else if entry
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
        {
            files.push(entry);
        }
    }
    Ok(())
}
