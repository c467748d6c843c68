//! The loading pipeline: bytes → text → document → schema → typed bank → semantic checks.
//!
//! Each tier reports in its own words (`file`, `yaml-syntax`, `json-syntax`, `schema`, semantic
//! rules), so a user can tell a typo in YAML from a misspelt field from a contradiction in the
//! bank. Problems in the bank are diagnostics; only failing to read the file is an error.

mod checks;
mod parse;
mod regex_problem;
mod strict_json;
pub(crate) use parse::utf16;

use std::path::{Path, PathBuf};

use serde::Deserialize as _;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Bank;
use crate::source::{SourceFile, Span};

/// Banks larger than this are refused before parsing (a bank of 10,000 questions is ~15 MiB).
pub const MAX_BANK_BYTES: u64 = crate::source::read::BANK.bytes;

/// A file could not be read at all (exit status 2, unlike problems in the bank).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file is missing, unreadable or a directory.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path as given.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// What loading one file produced: the source (for rendering), the typed bank when the file got
/// that far, and every problem found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The file's text and indexes (empty text when it was not valid UTF-8).
    pub source: SourceFile,
    /// The typed bank, when the document passed the schema.
    pub bank: Option<Bank>,
    /// Every problem found, located and sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Reads and checks one bank file.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = match crate::source::read::read(path, crate::source::read::BANK) {
        Ok(bytes) => bytes,
        Err(e) if crate::source::read::too_large(&e).is_some() => {
            let d = Diagnostic::error(
                "file",
                path,
                format!(
                    "file is larger than {} ({MAX_BANK_BYTES} bytes), the most qbank reads for a bank",
                    crate::source::read::size(MAX_BANK_BYTES)
                ),
            )
            .with_help("split the bank into several files and pass them all");
            return Ok(fail(SourceFile::new(path, String::new()), vec![d]));
        }
        Err(source) => return Err(LoadError::Io { path: path.to_owned(), source }),
    };
    Ok(load_bytes(path, bytes))
}

/// Checks a bank given as bytes (`path` is only used in messages and to pick YAML or JSON).
pub fn load_bytes(path: &Path, bytes: Vec<u8>) -> Loaded {
    let _total = crate::timings::phase("load");
    let text = match parse::decode(path, bytes) {
        Ok(text) => text,
        Err((d, lossy)) => return fail(SourceFile::new(path, lossy), vec![*d]),
    };
    let mut source = SourceFile::new(path, text);
    if source.text.trim().is_empty() {
        let d = Diagnostic::error("file", path, "file is empty")
            .with_help("a bank needs at least `qbank: 1`, `id`, `title` and `questions`; `qbank new NAME` writes one")
            .at_span(Span::new(0, 0));
        return fail(source, vec![d]);
    }
    let parsing = crate::timings::phase("load: parse");
    let mut document = match parse::document(&source) {
        Ok(document) => document,
        Err(d) => return fail(source, vec![*d]),
    };
    drop(parsing);
    if document.is_null() {
        let d = Diagnostic::error("file", path, "the file holds no bank, only comments or `null`")
            .with_help("a bank needs at least `qbank: 1`, `id`, `title` and `questions`; `qbank new NAME` writes one")
            .at_span(Span::new(0, 0));
        return fail(source, vec![d]);
    }
    let (mut diagnostics, typed) = check_and_type(&mut document, path);
    // Freeing the document's many small allocations takes a while; nothing waits for it.
    rayon::spawn(move || drop(document));
    source.index_pointers();
    let mut bank = None;
    if diagnostics.is_empty() {
        let _checks = crate::timings::phase("load: checks");
        match typed {
            Ok(typed) => {
                diagnostics.extend(checks::check(&typed, path));
                bank = Some(typed);
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    "internal",
                    path,
                    format!("the bank passed the schema but not the model: {e}"),
                )
                .with_help("this is a bug in qbank; please report it with the file"),
            ),
        }
    }
    for d in &mut diagnostics {
        let prefer_key = d.message.starts_with("unknown field");
        d.resolve(&source, prefer_key);
    }
    crate::diagnostics::sort(&mut diagnostics);
    Loaded { source, bank, diagnostics }
}

/// The schema check and the typing of the document, side by side: they read the same document,
/// and the typed bank is only kept when the schema passed.
///
/// JSON Schema counts `1.0` as an integer, so the schema passes `points: 1.0` (JSON tools write
/// whole numbers that way) where the model refuses a float: such a document is typed again with
/// its whole floats made integers.
fn check_and_type(
    document: &mut serde_json::Value,
    path: &Path,
) -> (Vec<Diagnostic>, Result<Bank, serde_json::Error>) {
    let checking = crate::timings::phase("load: schema + type");
    let (diagnostics, mut typed) =
        rayon::join(|| crate::schema::validate(document, path), || Bank::deserialize(&*document));
    drop(checking);
    if diagnostics.is_empty() && typed.as_ref().is_err_and(|e| e.to_string().contains("floating")) {
        whole_floats_to_integers(document);
        typed = Bank::deserialize(&*document);
    }
    (diagnostics, typed)
}

/// Rewrites every number with no fractional part (`1.0`, `2e0`) as an integer, in place.
fn whole_floats_to_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) => {
            if let Some(whole) = whole_integer(n) {
                *n = whole;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_floats_to_integers),
        serde_json::Value::Object(map) => map.values_mut().for_each(whole_floats_to_integers),
        _ => {}
    }
}

/// The integer a float stands for when it has no fractional part and is exactly representable
/// (below 2^53 every integer is); `None` for integers and other floats.
fn whole_integer(n: &serde_json::Number) -> Option<serde_json::Number> {
    let x = n
        .as_f64()
        .filter(|x| n.is_f64() && x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0)?;
    #[allow(clippy::cast_possible_truncation)] // whole and below 2^53: exact
    Some(serde_json::Number::from(x as i64))
}

fn fail(source: SourceFile, mut diagnostics: Vec<Diagnostic>) -> Loaded {
    for d in &mut diagnostics {
        d.resolve(&source, false);
    }
    Loaded { source, bank: None, diagnostics }
}
