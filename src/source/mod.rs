//! Source text and locations: files as read, with everything needed to turn a JSON pointer into
//! `file:line:col`. Nothing here knows about questions.

mod encoding;
mod pointer;
pub mod read;
pub mod replay;
mod span;

pub use encoding::utf16_without_bom;

pub use pointer::{NodeSpans, PointerIndex, escape_pointer_token};
pub use span::{LineIndex, Position, Span};

use std::path::{Path, PathBuf};

/// One bank file as read from disk: its path, its text and the indexes that locate things in it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (shown in diagnostics).
    pub path: PathBuf,
    /// The whole text (valid UTF-8; the loader rejects anything else before this is built).
    pub text: String,
    /// Byte offset to line and column, built on first use: a bank without a problem to report
    /// never needs it.
    lines: std::sync::OnceLock<LineIndex>,
    /// JSON pointer to the span of the value (and key) it names; empty until the text parsed.
    pointers: PointerIndex,
}

impl SourceFile {
    /// Wraps `text` read from `path`. Its lines are indexed when first needed, and the pointer
    /// index later still, once the text is known to parse.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        Self {
            path: path.into(),
            text,
            lines: std::sync::OnceLock::new(),
            pointers: PointerIndex::default(),
        }
    }

    /// The line index: byte offsets to lines and columns.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Turns on the pointer index (once the text is known to parse; it is walked on first use).
    pub fn index_pointers(&mut self) {
        self.pointers = PointerIndex::enabled();
    }

    /// The spans of the node at JSON `pointer`, if the document has it.
    pub fn node(&self, pointer: &str) -> Option<NodeSpans> {
        self.pointers.get(&self.text, self.lines(), pointer)
    }

    /// The span for a diagnostic about `pointer`: its key when `prefer_key` (an unknown field is
    /// best shown at its name), else its value; falls back to the nearest ancestor that exists.
    pub fn locate(&self, pointer: &str, prefer_key: bool) -> Option<Span> {
        self.pointers.locate(&self.text, self.lines(), pointer, prefer_key)
    }

    /// The path for display.
    pub fn display_path(&self) -> std::path::Display<'_> {
        self.path.display()
    }

    /// The 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(&self.text, offset)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        self.lines().line_text(&self.text, line)
    }

    /// Whether the file is JSON (by extension), which decides the parser.
    pub fn is_json(path: &Path) -> bool {
        path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
    }
}
