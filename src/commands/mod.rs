//! One module per subcommand: glue between the command line and the library.

pub mod calibrate;
pub mod completions;
pub mod export;
pub mod grade;
pub mod lint;
pub mod man;
pub mod mutate;
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
        Command::Mutate(args) => mutate::run(&args, stdout, stderr),
        Command::Rules(args) => rules::list(&args, stdout),
        Command::Rule(args) => rules::show(&args, stdout, stderr),
        Command::Export(args) => export::run(&args, stdout, stderr),
        Command::Completions(args) => completions::run(&args, stdout),
        Command::Man(args) => man::run(&args, stdout),
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
    Ok(valid_loaded(path, done, stderr)?.map(|(bank, _)| bank))
}

/// [`valid_bank`], keeping the bank's source, for commands that locate later findings in it.
pub fn valid_loaded(
    path: &Path,
    done: &str,
    stderr: &mut dyn Write,
) -> anyhow::Result<Result<(Bank, crate::source::SourceFile), ExitStatus>> {
    let loaded = match crate::load::load(path) {
        Ok(loaded) => loaded,
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            return Ok(Err(ExitStatus::Error));
        }
    };
    match loaded.bank {
        Some(bank) if !loaded.has_errors() => Ok(Ok((bank, loaded.source))),
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
/// recursively for `.yaml`, `.yml` and `.json` files in sorted order, without following links
/// to directories. A file named twice (or reached through a directory too) is kept once, so it
/// is not reported against itself. Finding no bank at all is an error.
///
/// A file found by walking is a bank only when it says so with a top-level `qbank` key: a
/// project also holds `bank.schema.json` (which `qbank new` writes), CI workflows and
/// `package.json`. JSON Schemas are skipped quietly, other files with one note on `stderr`
/// naming them (a bank whose `qbank:` line was lost should not vanish without a word).
pub fn bank_files(paths: &[PathBuf], stderr: &mut dyn Write) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            let (banks, others): (Vec<_>, Vec<_>) =
                found.into_iter().partition(|f| declares_bank(f));
            files.extend(banks);
            // JSON Schemas (`bank.schema.json` beside every `qbank new` bank) are never banks:
            // no note for them.
            skipped.extend(others.into_iter().filter(|f| {
                !f.file_name().is_some_and(|n| n.to_string_lossy().ends_with(".schema.json"))
            }));
        } else {
            files.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    if !skipped.is_empty() {
        const SHOWN: usize = 5;
        let names: Vec<String> =
            skipped.iter().take(SHOWN).map(|f| format!("`{}`", f.display())).collect();
        let more = skipped.len().saturating_sub(SHOWN);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        let noun = if skipped.len() == 1 { "file" } else { "files" };
        writeln!(
            stderr,
            "note: skipped {} {noun} without a top-level `qbank` key: {}{more}",
            skipped.len(),
            names.join(", ")
        )?;
    }
    if files.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no bank (a `.yaml`, `.yml` or `.json` file with a top-level `qbank` key) found in the given directories",
        ));
    }
    Ok(files)
}

/// Whether a file declares itself a bank with a top-level `qbank` key. YAML: a line that starts
/// with the key (block-style top-level keys sit at column 0). JSON: a key of the top-level
/// object, or, when the file does not parse, `"qbank"` anywhere, so a broken bank is still
/// reported rather than skipped. Unreadable files count as banks: loading reports why.
#[allow(clippy::zero_sized_map_values)] // a map of keys to skipped values: only keys are read
fn declares_bank(path: &Path) -> bool {
    let Ok(mut bytes) = crate::source::read::read(path, crate::source::read::BANK) else {
        return true;
    };
    // A UTF-16 bank is read like any other (see `load`): look for the key in its text.
    if let Some(encoding) = crate::load::utf16(&bytes) {
        bytes = encoding.decode(&bytes).0.into_owned().into_bytes();
    }
    if crate::source::SourceFile::is_json(path) {
        // Only the top-level keys matter: the values are skipped without being built.
        type Keys = std::collections::HashMap<String, serde::de::IgnoredAny>;
        return match serde_json::from_slice::<Keys>(&bytes) {
            Ok(object) => object.contains_key("qbank"),
            Err(_) => bytes.windows(7).any(|w| w == b"\"qbank\""),
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    bytes.split(|&b| b == b'\n').any(|line| {
        [&b"qbank"[..], b"\"qbank\"", b"'qbank'"].iter().any(|key| {
            line.strip_prefix(*key).is_some_and(|rest| rest.trim_ascii_start().starts_with(b":"))
        })
    })
}

/// Collects the `.yaml`, `.yml` and `.json` files under `dir`, sorted, skipping hidden entries.
/// Symbolic links to directories are not followed (as ripgrep does by default): a link such as
/// `up -> ..` would walk in circles. Linked files are kept; a file reached twice is kept once.
/// FIFOs, sockets and devices are skipped: reading one could wait for ever or never end.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)?
        .map(|e| e.and_then(|e| Ok((e.path(), e.file_type()?))))
        .collect::<Result<_, _>>()?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (entry, kind) in entries {
        let hidden = entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden || (kind.is_symlink() && entry.is_dir()) {
            continue;
        }
        if kind.is_dir() {
            walk(&entry, files)?;
        } else if has_bank_extension(&entry) && crate::source::read::is_regular(&entry, kind) {
            files.push(entry);
        }
    }
    Ok(())
}

/// Whether the file name ends in `.yaml`, `.yml` or `.json` (any case).
fn has_bank_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
}
