//! Machine output: a JSON array of diagnostics with a stable shape (documented in the README).

use std::io::{self, Write};

use crate::diagnostics::Diagnostic;

/// Writes the diagnostics as one pretty-printed JSON array followed by a newline.
pub fn render_json(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, diagnostics)?;
    writeln!(out)
}
