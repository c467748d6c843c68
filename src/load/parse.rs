//! The first two tiers: bytes to text, and text to a JSON document.

use std::path::Path;

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::source::{SourceFile, Span};

/// Decodes the file: UTF-8 (a byte-order mark is dropped), or UTF-16 told by its byte-order
/// mark or by NUL bytes (PowerShell's `>` writes UTF-16). Binary files, UTF-32 and invalid UTF-8
/// are refused with the position of the first bad byte.
pub(super) fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, (Box<Diagnostic>, String)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let refuse = |message: &str, help: &str| {
        (
            Box::new(
                Diagnostic::error("file", path, message.to_owned()).with_help(help.to_owned()),
            ),
            String::new(),
        )
    };
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(refuse("the file is UTF-32, not UTF-8", "save it as UTF-8"));
    }
    if let Some(encoding) = utf16(&bytes) {
        let (text, _, malformed) = encoding.decode(&bytes);
        if malformed {
            return Err(refuse("the file is UTF-16 with invalid characters", "save it as UTF-8"));
        }
        return Ok(text.into_owned());
    }
    let binary = bytes.iter().take(8192).any(|&b| b == 0);
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
        let d = Diagnostic::error("file", path, format!("invalid UTF-8 (byte {valid})"))
            .with_help("save the file as UTF-8")
            .at_span(Span::new(valid, valid + 1));
        (Box::new(d), lossy)
    })
}

/// UTF-16 by its byte-order mark, or without one by where the NUL bytes of its start are.
pub(crate) fn utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(encoding_rs::UTF_16LE);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(encoding_rs::UTF_16BE);
    }
    crate::source::utf16_without_bom(bytes)
}

/// Parses the text as YAML (strict scalars, duplicate keys refused, alias and size budgets) or as
/// JSON when the file ends in `.json`.
pub(super) fn document(source: &SourceFile) -> Result<Value, Box<Diagnostic>> {
    if SourceFile::is_json(&source.path) {
        return serde_json::from_str(&source.text).map(|super::strict_json::Strict(v)| v).map_err(
            |e| {
                let offset = source.lines().offset(&source.text, e.line(), e.column().max(1));
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
                let (message, help) = explain_json_error(&message, source.text.get(offset..));
                Box::new(
                    Diagnostic::error("json-syntax", &source.path, message)
                        .at_span(Span::new(offset, offset))
                        .with_help_opt(help),
                )
            },
        );
    }
    saphyr(&source.text).map_err(|e| {
        let plain = e.render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
        let span = e.location().map(|l| {
            let offset =
                source.lines().offset(&source.text, l.line() as usize, l.column() as usize);
            Span::new(offset, offset)
        });
        let (mut message, mut help) = explain_yaml_error(&plain);
        // A tab that indents the line after a plain value is reported at that value ("while
        // scanning a plain scalar, found a tab"): point at the tab, the mistake to fix.
        let tab = e
            .location()
            .filter(|_| plain.contains("found a tab"))
            .and_then(|l| indenting_tab(&source.text, l.line() as usize));
        let span = match tab {
            Some(offset) => {
                "a tab indents this line".clone_into(&mut message);
                help = Some("indent YAML with spaces, not tabs".to_owned());
                Some(Span::new(offset, offset + 1))
            }
            None => span,
        };
        let mut d = Diagnostic::error("yaml-syntax", &source.path, message).with_help_opt(help);
        if let Some(span) = span {
            d = d.at_span(span);
        }
        Box::new(d)
    })
}

/// The most nodes a document may have (serde-saphyr's budget).
const MAX_NODES: usize = 5_000_000;
/// The most parser events a document may produce.
const MAX_EVENTS: usize = 20_000_000;

/// The full YAML reader: YAML 1.2 scalars (`no`, `on` and `010` stay strings), duplicate keys
/// refused, and budgets that stop alias bombs while allowing banks of 10,000 questions.
fn saphyr(text: &str) -> Result<Value, serde_saphyr::Error> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_events = MAX_EVENTS;
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        budget: Some(budget),
    };
    serde_saphyr::from_str_with_options::<Value>(text, options)
}

/// Turns serde-saphyr's message into ours: a plain sentence without the location (the diagnostic
/// shows it), with a hint for the errors people actually make.
/// The byte offset of the first tab in the indentation of line `line` (1-based) or the two lines
/// after it.
fn indenting_tab(text: &str, line: usize) -> Option<usize> {
    let mut offset = 0;
    for (number, content) in text.split_inclusive('\n').enumerate() {
        if number + 1 >= line && number < line + 2 {
            let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
            if let Some(at) = content[..indent].find('\t') {
                return Some(offset + at);
            }
        }
        if number >= line + 2 {
            break;
        }
        offset += content.len();
    }
    None
}

/// `serde_json`'s message in a bank author's words, with a hint where one helps; `rest` is the
/// text from the error on.
fn explain_json_error(message: &str, rest: Option<&str>) -> (String, Option<String>) {
    if let Some(what) = message.strip_prefix("EOF while parsing ") {
        return (
            format!("the file ends inside {what}"),
            Some("a closing `}`, `]` or `\"` is missing".to_owned()),
        );
    }
    if message == "recursion limit exceeded" {
        return (
            "the document nests deeper than qbank reads".to_owned(),
            Some(
                "banks nest a few levels deep; extreme nesting is refused to stay fast and safe"
                    .to_owned(),
            ),
        );
    }
    if rest.is_some_and(|r| r.starts_with("//") || r.starts_with("/*")) {
        return (
            "JSON has no comments".to_owned(),
            Some("remove the comment, or write the bank in YAML, where `#` starts one".to_owned()),
        );
    }
    (lower_first(message), None)
}

fn explain_yaml_error(plain: &str) -> (String, Option<String>) {
    if let Some(rest) = plain.split("non-finite float `").nth(1) {
        let value = rest.split('`').next().unwrap_or_default();
        return (
            format!("`{value}` is not a finite number"),
            Some("write a plain number, such as `0.3`".to_owned()),
        );
    }
    if plain.contains("recursion limit exceeded") {
        return (
            "the document nests deeper than qbank reads".to_owned(),
            Some(
                "banks nest a few levels deep; extreme nesting is refused to stay fast and safe"
                    .to_owned(),
            ),
        );
    }
    let budget = plain
        .split("budget breached: ")
        .nth(1)
        .or_else(|| plain.contains("alias replay limit exceeded").then_some("Aliases"));
    if let Some(rest) = budget {
        let kind = rest.split([' ', '{']).next().unwrap_or_default();
        let message = if kind == "Depth" {
            "the document nests deeper than 64 levels".to_owned()
        } else {
            // The budget's own names (`RecordedAnchorEvents`, …) mean nothing to a bank's author.
            "the document expands past qbank's safety budget: its aliases repeat too much, or it \
             holds too many values"
                .to_owned()
        };
        let help = "aliases that expand exponentially (\"billion laughs\") or extreme nesting are refused to stay fast and safe";
        return (message, Some(help.to_owned()));
    }
    if let Some(rest) = plain.split("duplicate mapping key: ").nth(1) {
        let key = rest.split(',').next().unwrap_or_default().trim();
        return (
            format!("duplicate key `{key}` in the same mapping"),
            Some("YAML keys must be unique; remove or rename one of them".to_owned()),
        );
    }
    if plain.contains("multiple YAML documents") {
        return (
            "the file holds more than one YAML document (`---`)".to_owned(),
            Some("put each bank in its own file".to_owned()),
        );
    }
    let help =
        plain.contains("tabs disallowed").then(|| "indent YAML with spaces, not tabs".to_owned());
    (clean_yaml_message(plain), help)
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

#[cfg(test)]
mod tests {
    /// The one YAML reader reads YAML 1.2 core scalars: YAML 1.1's `no`/`on` and a leading-zero
    /// `010` stay strings, plain numbers and `true`/`null` do not.
    #[test]
    fn scalars_follow_yaml_1_2() {
        let doc = super::saphyr("a: no\nb: on\nc: 010\nd: 2PC\ne: -2.5\nf: true\ng: ~\nh: 7\n");
        assert_eq!(
            doc.unwrap(),
            serde_json::json!({"a": "no", "b": "on", "c": "010", "d": "2PC", "e": -2.5, "f": true, "g": null, "h": 7})
        );
    }
}
