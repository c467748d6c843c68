//! The first two tiers: bytes to text, and text to a JSON document.

use std::path::Path;

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::source::{SourceFile, Span};

/// Decodes the file as UTF-8 (a UTF-8 byte-order mark is dropped). Binary files and invalid
/// UTF-8 are refused with the position of the first bad byte.
pub(super) fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, (Box<Diagnostic>, String)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let binary = !utf16 && bytes.iter().take(8192).any(|&b| b == 0);
    if binary {
        return Err((
            Box::new(
                Diagnostic::error(
                    "file",
                    path,
                    "file is binary (it contains NUL bytes), not a YAML or JSON bank",
                )
                .with_help("pass a `.yaml`, `.yml` or `.json` bank"),
            ),
            String::new(),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        // The lossy text keeps the valid prefix byte for byte, so `valid` locates the bad byte in
        // it and the renderer can quote the line.
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let help =
            if utf16 { "the file is UTF-16; save it as UTF-8" } else { "save the file as UTF-8" };
        let d = Diagnostic::error("file", path, format!("invalid UTF-8 (byte {valid})"))
            .with_help(help)
            .at_span(Span::new(valid, valid + 1));
        (Box::new(d), lossy)
    })
}

/// Parses the text as YAML (strict scalars, duplicate keys refused, alias and size budgets) or as
/// JSON when the file ends in `.json`.
pub(super) fn document(source: &SourceFile) -> Result<Value, Box<Diagnostic>> {
    if SourceFile::is_json(&source.path) {
        return serde_json::from_str(&source.text).map_err(|e| {
            let offset = source.lines.offset(&source.text, e.line(), e.column().max(1));
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            Box::new(
                Diagnostic::error("json-syntax", &source.path, lower_first(&message))
                    .at_span(Span::new(offset, offset)),
            )
        });
    }
    let mut budget = serde_saphyr::Budget::default();
    // Allow big banks (10,000 questions) while keeping the alias-bomb defences.
    budget.max_nodes = 5_000_000;
    budget.max_events = 20_000_000;
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        budget: Some(budget),
    };
    serde_saphyr::from_str_with_options::<Value>(&source.text, options).map_err(|e| {
        let plain = e.render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
        let span = e.location().map(|l| {
            let offset = source.lines.offset(&source.text, l.line() as usize, l.column() as usize);
            Span::new(offset, offset)
        });
        let mut d = Diagnostic::error("yaml-syntax", &source.path, clean_yaml_message(&plain));
        if let Some(span) = span {
            d = d.at_span(span);
        }
        if plain.contains("budget") {
            d = d.with_help("the document expands too much (aliases, nesting or size); qbank refuses it to stay fast and safe");
        } else if plain.contains("tab") {
            d = d.with_help("indent YAML with spaces, not tabs");
        }
        Box::new(d)
    })
}

/// serde-saphyr's plain message ends with the location, which the diagnostic shows already.
fn clean_yaml_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    let trimmed = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let trimmed = trimmed.strip_prefix("error: ").unwrap_or(trimmed);
    lower_first(trimmed.trim())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
