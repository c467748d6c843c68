//! `anki-tsv`: Anki's "Notes in Plain Text" import, rendered from `exporters/anki-tsv/notes.tsv.j2`.
//!
//! File headers (`#separator`, `#html`, `#notetype`, `#guid column`, `#deck column`,
//! `#tags column`, `#columns`) tell Anki how to read the rows, so no import dialog choice is needed;
//! the fields reuse the `anki` format's card templates and the GUIDs are stable.

use minijinja::context;
use minijinja::value::Serde;

use super::{ExportContext, ExportError, Exporter};

/// The tab-separated exporter.
#[derive(Debug)]
pub struct AnkiTsv;

impl Exporter for AnkiTsv {
    fn name(&self) -> &'static str {
        "anki-tsv"
    }

    fn description(&self) -> &'static str {
        "Anki text import (tab-separated, with #deck/#notetype/#tags headers) for the Basic note type"
    }

    fn extension(&self) -> &'static str {
        "txt"
    }

    fn export(&self, ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
        let text = ctx.templates.render("notes.tsv.j2", context!(bank => Serde(ctx.view())))?;
        Ok(text.into_bytes())
    }
}
