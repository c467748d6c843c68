//! `qbank export`: load and filter a bank, run one exporter, write its file atomically.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::ExitStatus;
use crate::diagnostics::did_you_mean;
use crate::export::{self, ExportContext, Selection};
use crate::model::Difficulty;

/// Arguments of `qbank export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bank to export.
    #[arg(value_name = "BANK", required_unless_present = "list")]
    pub bank: Option<PathBuf>,
    /// The format (see `--list`).
    #[arg(long = "to", value_name = "FORMAT", required_unless_present = "list")]
    pub to: Option<String>,
    /// Output file (default: `<bank-stem>.<ext>` in the current directory; an existing folder
    /// gets that name inside it); `-` writes a text format to stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// A folder whose files override the built-in templates (`DIR/<file>` or `DIR/<format>/<file>`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Only questions of this topic (repeatable).
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
    /// Only questions with this tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only questions of this difficulty (repeatable).
    #[arg(long = "difficulty", value_name = "easy|medium|hard", value_parser = parse_difficulty)]
    pub difficulties: Vec<Difficulty>,
    /// List the formats and exit.
    #[arg(long, exclusive = true)]
    pub list: bool,
}

fn parse_difficulty(s: &str) -> Result<Difficulty, String> {
    Difficulty::ALL
        .into_iter()
        .find(|d| d.as_str() == s)
        .ok_or_else(|| format!("expected `easy`, `medium` or `hard`, got `{s}`"))
}

/// Runs the export; exit 1 when the bank is invalid, 2 on usage, template or I/O errors.
pub fn run(
    args: &Args,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    if args.list {
        for e in export::EXPORTERS {
            let extension = format!(".{}", e.extension());
            writeln!(stdout, "{:<12} {extension:<11} {}", e.name(), e.description())?;
            let files = export::templates::embedded_names(e.name());
            if !files.is_empty() {
                writeln!(stdout, "{:<24} templates: {}", "", files.join(", "))?;
            }
        }
        return Ok(ExitStatus::Success);
    }
    let (Some(bank_path), Some(format)) = (&args.bank, &args.to) else {
        writeln!(stderr, "error: `qbank export` needs a BANK and `--to FORMAT`")?;
        return Ok(ExitStatus::Error);
    };
    let Some(exporter) = export::find(format) else {
        writeln!(stderr, "error: unknown export format `{format}`")?;
        let names = export::EXPORTERS.iter().map(|e| e.name());
        match did_you_mean(format, names) {
            Some(name) => writeln!(stderr, "help: did you mean `{name}`?")?,
            None => writeln!(stderr, "help: `qbank export --list` shows the formats")?,
        }
        return Ok(ExitStatus::Error);
    };
    if let Some(dir) = args.templates.as_deref().filter(|d| !d.is_dir()) {
        writeln!(stderr, "error: the templates folder `{}` does not exist", dir.display())?;
        writeln!(
            stderr,
            "help: pass a folder of files named like the built-in ones in `exporters/<format>/`"
        )?;
        return Ok(ExitStatus::Error);
    }
    if let Some(dir) = args.templates.as_deref() {
        misnamed_overrides(dir, exporter.name(), stderr)?;
    }
    let (mut bank, source) = match super::valid_loaded(bank_path, "exported", stderr)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    let selection = Selection {
        topics: args.topics.clone(),
        tags: args.tags.clone(),
        difficulties: args.difficulties.clone(),
    };
    if let Some((message, help)) = selection.unknown(&bank) {
        writeln!(stderr, "error: {message}")?;
        writeln!(stderr, "help: {help}")?;
        return Ok(ExitStatus::Error);
    }
    // An image the format would package but cannot is the bank's problem: say where, exit 1.
    if exporter.images() != export::markup::Images::Keep
        && broken_images(&bank, &source, &selection, stderr)?
    {
        writeln!(
            stderr,
            "error: `{}` shows images that cannot be packaged; nothing exported",
            bank_path.display()
        )?;
        return Ok(ExitStatus::Failure);
    }
    drop(source);
    if selection.apply(&mut bank) == 0 {
        writeln!(stderr, "error: no question of `{}` matches the filters", bank_path.display())?;
        writeln!(
            stderr,
            "help: check `--topic`, `--tag` and `--difficulty`; `qbank stats` lists what the bank has"
        )?;
        return Ok(ExitStatus::Error);
    }
    let count = bank.questions.len();
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    if to_stdout && exporter.binary() && std::io::stdout().is_terminal() {
        writeln!(stderr, "error: `{format}` is a binary package and stdout is a terminal")?;
        writeln!(stderr, "help: write it to a file with `-o FILE.{}`", exporter.extension())?;
        return Ok(ExitStatus::Error);
    }
    let out_path = match &args.output {
        // An existing folder gets the default file name inside it, as `cp FILE DIR/` does.
        Some(p) if p.is_dir() => p.join(default_output(bank_path, exporter.extension())),
        Some(p) => p.clone(),
        None => default_output(bank_path, exporter.extension()),
    };
    if !to_stdout && same_file(&out_path, bank_path) {
        writeln!(stderr, "error: the output `{}` is the input bank", out_path.display())?;
        writeln!(stderr, "help: choose another path with `-o`")?;
        return Ok(ExitStatus::Error);
    }
    let ctx = ExportContext::new(bank, bank_path, exporter, args.templates.as_deref());
    let exporting = crate::timings::phase("export");
    let bytes = match exporter.export(&ctx) {
        Ok(bytes) => bytes,
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    drop(exporting);
    if exporter.drops_images() {
        let with_images = export::questions_with_images(&ctx.bank);
        if !with_images.is_empty() {
            const SHOWN: usize = 5;
            let mut names: Vec<String> =
                with_images.iter().take(SHOWN).map(|id| format!("`{id}`")).collect();
            if with_images.len() > SHOWN {
                names.push(format!("and {} more", with_images.len() - SHOWN));
            }
            let noun = if with_images.len() == 1 { "question" } else { "questions" };
            writeln!(
                stderr,
                "note: {format} has no place for images; they show as their alt text in {} {noun}: {}",
                with_images.len(),
                names.join(", ")
            )?;
            writeln!(stderr, "help: the html and anki exports include images")?;
        }
        // The same formats make a numeric `short` question a numerical one, which has no place
        // for accepted words.
        let with_words = export::numeric_questions_with_words(&ctx.bank);
        if !with_words.is_empty() {
            let names: Vec<String> = with_words.iter().map(|id| format!("`{id}`")).collect();
            writeln!(
                stderr,
                "note: {format} grades a numeric answer as a number only; the `accept` words of {} are left out",
                names.join(", ")
            )?;
        }
    }
    // The bank is not needed any more; free it off the main thread.
    rayon::spawn(move || drop(ctx));
    let _writing = crate::timings::phase("write");
    if to_stdout {
        stdout.write_all(&bytes)?;
        return Ok(ExitStatus::Success);
    }
    crate::output::write_atomic(&out_path, |w| w.write_all(&bytes))
        .with_context(|| format!("cannot write `{}`", out_path.display()))?;
    let noun = if count == 1 { "question" } else { "questions" };
    writeln!(stderr, "wrote {count} {noun} to `{}` ({format})", out_path.display())?;
    Ok(ExitStatus::Success)
}

/// Prints the `broken-image` findings of the questions `selection` keeps; whether there were any.
fn broken_images(
    bank: &crate::model::Bank,
    source: &crate::source::SourceFile,
    selection: &Selection,
    stderr: &mut dyn Write,
) -> std::io::Result<bool> {
    let mut broken = crate::lint::rules::BrokenImage::find(bank, source, |q| selection.matches(q));
    for d in &mut broken {
        d.resolve(source, false);
    }
    crate::diagnostics::render::render_text(stderr, &broken, std::slice::from_ref(source), false)?;
    Ok(!broken.is_empty())
}

/// `<bank-stem>.<ext>` in the current directory.
fn default_output(bank: &Path, extension: &str) -> PathBuf {
    let stem = bank.file_stem().map_or_else(|| "bank".into(), |s| s.to_string_lossy());
    PathBuf::from(format!("{stem}.{extension}"))
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Notes the files in `DIR/<format>/` whose name is close to a built-in file's but not equal
/// (`index.htm.j2`): such an override is silently never used. Other extra files may be partials
/// that a template includes, so they are left alone.
fn misnamed_overrides(dir: &Path, format: &str, stderr: &mut dyn Write) -> std::io::Result<()> {
    let builtin = export::templates::embedded_names(format);
    let Ok(entries) = std::fs::read_dir(dir.join(format)) else { return Ok(()) };
    let mut names: Vec<String> =
        entries.flatten().filter_map(|e| e.file_name().into_string().ok()).collect();
    names.sort();
    for name in names.iter().filter(|n| !builtin.contains(&n.as_str())) {
        if let Some(close) = did_you_mean(name, builtin.iter().copied()) {
            writeln!(
                stderr,
                "note: `{}` overrides no {format} file, so it is not used; did you mean `{close}`?",
                dir.join(format).join(name).display()
            )?;
        }
    }
    Ok(())
}
