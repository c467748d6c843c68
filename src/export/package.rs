//! Deterministic zip packages (.apkg, QTI content packages).
//!
//! Entries are written in the order given with a fixed timestamp (1980-01-01, the zip epoch) and
//! fixed permissions, so the same inputs give byte-identical archives that diff cleanly.

use std::io::{Cursor, Write};

use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, DateTime, ZipWriter};

use super::ExportError;

/// How an entry is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Deflated (text, databases).
    Deflate,
    /// Stored as is (already compressed media).
    Store,
}

/// Builds a zip in memory, entry by entry.
pub struct Package {
    writer: ZipWriter<Cursor<Vec<u8>>>,
    format: &'static str,
}

impl std::fmt::Debug for Package {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package").field("format", &self.format).finish_non_exhaustive()
    }
}

impl Package {
    /// An empty package; `format` names it in error messages.
    pub fn new(format: &'static str) -> Self {
        Package { writer: ZipWriter::new(Cursor::new(Vec::new())), format }
    }

    /// Adds the file `name` with `bytes`.
    pub fn add(
        &mut self,
        name: &str,
        bytes: &[u8],
        compression: Compression,
    ) -> Result<(), ExportError> {
        let method = match compression {
            Compression::Deflate => CompressionMethod::Deflated,
            Compression::Store => CompressionMethod::Stored,
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .compression_level((method == CompressionMethod::Deflated).then_some(1))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        self.writer.start_file(name, options).map_err(|e| self.fail(&e))?;
        self.writer.write_all(bytes).map_err(|e| self.fail(&e))
    }

    /// Finishes the archive and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        let format = self.format;
        self.writer
            .finish()
            .map(Cursor::into_inner)
            .map_err(|e| ExportError::Package { format, message: e.to_string() })
    }

    fn fail(&self, e: &dyn std::fmt::Display) -> ExportError {
        ExportError::Package { format: self.format, message: e.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build() -> Vec<u8> {
        let mut p = Package::new("test");
        p.add("b.txt", b"hello hello hello", Compression::Deflate).unwrap();
        p.add("a.png", b"\x89PNG", Compression::Store).unwrap();
        p.finish().unwrap()
    }

    #[test]
    fn packages_are_byte_identical_and_readable() {
        let bytes = build();
        assert_eq!(bytes, build());
        let mut archive = ::zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "b.txt");
        assert_eq!(archive.by_name("a.png").unwrap().compression(), CompressionMethod::Stored);
    }
}
