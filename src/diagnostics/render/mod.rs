//! Renderers: pure functions from diagnostics (and the sources they point into) to bytes.

mod github;
mod json;
mod sarif;
mod text;

pub use github::render_github;
pub use json::render_json;
pub use sarif::{SarifRule, SarifTool, render_sarif};
pub use text::render_text;

use std::path::Path;

use crate::source::SourceFile;

/// Looks up the source a diagnostic points into, so renderers can quote its line.
pub trait SourceLookup {
    /// The source file at `path`, if it was read.
    fn source(&self, path: &Path) -> Option<&SourceFile>;
}

impl SourceLookup for [SourceFile] {
    fn source(&self, path: &Path) -> Option<&SourceFile> {
        self.iter().find(|s| s.path == path)
    }
}

impl SourceLookup for Vec<SourceFile> {
    fn source(&self, path: &Path) -> Option<&SourceFile> {
        self.as_slice().source(path)
    }
}
