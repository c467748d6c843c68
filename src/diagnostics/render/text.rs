//! Human output in the style of rustc and ruff: location, the source line, a caret, help.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::SourceLookup;
use crate::diagnostics::{Diagnostic, Severity};

const BOLD: Style = Style::new().bold();
const BLUE: Style = AnsiColor::Blue.on_default().bold();
const CYAN: Style = AnsiColor::Cyan.on_default().bold();

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => CYAN,
    }
}

/// Writes each diagnostic as a rustc-like block. `color` adds ANSI styles (decide it once, from
/// `--color` and whether the output is a terminal).
pub fn render_text(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &(impl SourceLookup + ?Sized),
    color: bool,
) -> io::Result<()> {
    let paint = |style: Style, text: &str| {
        if color { format!("{style}{text}{style:#}") } else { text.to_owned() }
    };
    for d in diagnostics {
        writeln!(
            out,
            "{}{}",
            paint(severity_style(d.severity), &format!("{}[{}]", d.severity, d.rule)),
            paint(BOLD, &format!(": {}", d.message))
        )?;
        let location = match d.start {
            Some(p) => format!("{}:{}:{}", d.path.display(), p.line, p.column),
            None => d.path.display().to_string(),
        };
        let source = sources.source(&d.path);
        let quoted = d.start.zip(source).map(|(start, src)| (start, src.line_text(start.line)));
        let gutter = quoted.map_or(1, |(s, _)| s.line.to_string().len());
        let pad = " ".repeat(gutter);
        writeln!(out, "{pad}{} {location}", paint(BLUE, "-->"))?;
        if let Some((start, line)) = quoted {
            let bar = paint(BLUE, "|");
            let line = line.replace('\t', " ");
            // Long lines (minified JSON) are cut around the column so the caret stays visible.
            let (shown, column) = window(&line, start.column);
            let width = caret_width(d, start, &line);
            writeln!(out, "{pad} {bar}")?;
            writeln!(out, "{} {bar} {shown}", paint(BLUE, &start.line.to_string()))?;
            writeln!(
                out,
                "{pad} {bar} {}{}",
                " ".repeat(column - 1),
                paint(severity_style(d.severity), &"^".repeat(width))
            )?;
        }
        if let Some(pointer) = &d.pointer {
            let pointer = if pointer.is_empty() { "(document root)" } else { pointer };
            writeln!(out, "{pad} {} {}", paint(BLUE, "="), format_args!("at {pointer}"))?;
        }
        if let Some(help) = &d.help {
            writeln!(out, "{pad} {} {help}", paint(BLUE, "= help:"))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The caret covers the span on its first line (at least one character, at most to line end).
fn caret_width(d: &Diagnostic, start: crate::source::Position, line: &str) -> usize {
    let rest = line.chars().count().saturating_sub(start.column - 1);
    let span_chars = match d.end {
        Some(end) if end.line == start.line => end.column.saturating_sub(start.column),
        Some(_) => rest,
        None => 1,
    };
    span_chars.clamp(1, rest.max(1)).min(80)
}

/// Cuts a long line to about 100 characters around `column`; returns the text and the column
/// within it.
fn window(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let count = line.chars().count();
    if count <= WIDTH {
        return (line.to_owned(), column);
    }
    let from = column.saturating_sub(WIDTH / 2).min(count.saturating_sub(WIDTH));
    let text: String = line.chars().skip(from).take(WIDTH).collect();
    let prefix = if from > 0 { "…" } else { "" };
    (format!("{prefix}{text}"), column - from + usize::from(from > 0))
}
