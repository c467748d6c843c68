//! Every input qbank reads whole goes through here, with a cap on its size.
//!
//! A path on the command line may name a regular file, a pipe (`<(…)`), a FIFO or a device
//! (`/dev/zero`, `/dev/urandom`), and only a regular file says its size up front. So a file is
//! never read to its end blindly: [`read`] reads at most one byte past its [`Cap`] and refuses it
//! when that byte came, whatever the file is. Answer sheets are streamed instead and capped per
//! cell and per record (see `grade::quotes`); folder walks keep regular files only
//! ([`is_regular`]), so a FIFO in a folder cannot stall a walk. `docs/limits.md` lists every cap.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// How much of one kind of input qbank reads: what it is (for messages) and at most how many
/// bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    /// The kind of input, as a message names it (`a bank`, `a template`).
    pub what: &'static str,
    /// The largest size read, in bytes.
    pub bytes: u64,
}

const MIB: u64 = 1024 * 1024;

/// A bank file: 10,000 questions are about 15 MiB.
pub const BANK: Cap = Cap { what: "a bank", bytes: 32 * MIB };
/// `qbank.toml` or `--config FILE`: a few hundred lines at most.
pub const CONFIG: Cap = Cap { what: "a configuration file", bytes: MIB };
/// One template of a `--templates` folder (the built-in ones are a few KiB).
pub const TEMPLATE: Cap = Cap { what: "a template", bytes: MIB };
/// One image a bank names, copied into a package or inlined in a page.
pub const IMAGE: Cap = Cap { what: "an image", bytes: 20 * MIB };
/// The schema file compared by `schema --check` (the generated one is about 30 KiB).
pub const SCHEMA: Cap = Cap { what: "a schema file", bytes: 4 * MIB };
/// One cell of an answer sheet. Cells over 1 MiB are already rejected as rows; one over this
/// cap may have no end at all (a stray quote before gigabytes, or `/dev/zero`), so the read
/// stops there.
pub const SHEET_CELL: Cap = Cap { what: "a sheet's cell", bytes: 16 * MIB };
/// One record (row) of an answer sheet: a wide sheet of 200 questions with long answers is a
/// few MiB. Sheets themselves have no cap: they are streamed.
pub const SHEET_RECORD: Cap = Cap { what: "a sheet's record", bytes: 64 * MIB };

/// The size of a cap in words: `32 MiB`, `512 KiB`, `100 bytes`.
pub fn size(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// An input that went past its cap: the error inside the `io::Error` ([`std::io::ErrorKind::FileTooLarge`])
/// that [`read`] returns, so callers can tell it from other failures with [`too_large`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("it is larger than {}, the most qbank reads for {}", size(cap.bytes), cap.what)]
pub struct TooLarge {
    /// The cap it went past.
    pub cap: Cap,
}

impl From<TooLarge> for std::io::Error {
    fn from(e: TooLarge) -> Self {
        std::io::Error::new(std::io::ErrorKind::FileTooLarge, e)
    }
}

/// The cap an error says was passed, when it is [`TooLarge`].
pub fn too_large(e: &std::io::Error) -> Option<TooLarge> {
    e.get_ref()?.downcast_ref::<TooLarge>().copied()
}

/// Reads a whole input of at most `cap.bytes` bytes: a regular file, a pipe, a FIFO or a device.
/// A directory is refused, and so is an input with more bytes than the cap (a [`TooLarge`]
/// error), found without reading more than one byte past it.
pub fn read(path: &Path, cap: Cap) -> std::io::Result<Vec<u8>> {
    let file = open_file(path)?;
    let known = file.metadata().map_or(0, |m| m.len());
    if known > cap.bytes {
        return Err(TooLarge { cap }.into());
    }
    // A regular file says its size; other inputs start small and grow as they are read.
    let mut bytes = Vec::with_capacity(known as usize + 1);
    file.take(cap.bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap.bytes {
        return Err(TooLarge { cap }.into());
    }
    Ok(bytes)
}

/// [`read`] for text: the bytes must be UTF-8 (an `InvalidData` error says where they stop).
pub fn read_text(path: &Path, cap: Cap) -> std::io::Result<String> {
    String::from_utf8(read(path, cap)?).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("it is not UTF-8 (an invalid byte at offset {at})"),
        )
    })
}

/// Opens an input that is not a directory, whose reads would fail later with a less clear
/// message.
fn open_file(path: &Path) -> std::io::Result<File> {
    let file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory"));
    }
    Ok(file)
}

/// An input opened to stream it: a regular file, or a stream (pipe, FIFO, device) that
/// [`super::replay`] lets the run read more than once.
#[derive(Debug)]
pub enum Input {
    /// A regular file.
    File(File),
    /// A pipe, FIFO or device.
    Stream(super::replay::Replay),
}

impl Input {
    /// The size of a regular file; 0 for a stream, whose size is unknown.
    pub fn known_len(&self) -> u64 {
        match self {
            Self::File(file) => file.metadata().map_or(0, |m| m.len()),
            Self::Stream(_) => 0,
        }
    }
}

impl std::io::Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Self::File(file) => file.read(buf),
            Self::Stream(stream) => stream.read(buf),
        }
    }
}

/// Opens an input to stream it (an answer sheet): whatever it is, but not a directory, whose
/// reads would fail later with a less clear message. A stream opened twice in one run is read
/// once, and replayed (see [`super::replay`]).
pub fn open(path: &Path) -> std::io::Result<Input> {
    // Only a regular file is opened again: a FIFO whose writer is done would block the open.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return super::replay::Replay::open(path, || open_file(path)).map(Input::Stream);
    }
    open_file(path).map(Input::File)
}

/// Whether a folder walk should read an entry: regular files, and links to them. FIFOs,
/// sockets and devices are skipped: reading one could wait for ever or never end, and nobody
/// keeps a bank in one by accident.
pub fn is_regular(path: &Path, kind: std::fs::FileType) -> bool {
    kind.is_file() || (kind.is_symlink() && std::fs::metadata(path).is_ok_and(|m| m.is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: Cap = Cap { what: "a test input", bytes: 8 };

    #[test]
    fn a_file_within_its_cap_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::fs::write(&path, b"12345678").unwrap();
        assert_eq!(read(&path, TINY).unwrap(), b"12345678");
        assert_eq!(read_text(&path, TINY).unwrap(), "12345678");
    }

    #[test]
    fn a_file_past_its_cap_is_refused_with_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::fs::write(&path, b"123456789").unwrap();
        let e = read(&path, TINY).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(too_large(&e), Some(TooLarge { cap: TINY }));
        assert_eq!(
            e.to_string(),
            "it is larger than 8 bytes, the most qbank reads for a test input"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_stops_at_its_cap() {
        for device in ["/dev/zero", "/dev/urandom"] {
            let e = read(Path::new(device), TINY).unwrap_err();
            assert_eq!(too_large(&e), Some(TooLarge { cap: TINY }), "{device}");
        }
    }

    #[test]
    fn directories_are_refused_and_walks_keep_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path(), TINY).unwrap_err().kind(), std::io::ErrorKind::IsADirectory);
        let file = dir.path().join("f");
        std::fs::write(&file, "").unwrap();
        assert!(is_regular(&file, std::fs::symlink_metadata(&file).unwrap().file_type()));
        let kind = std::fs::symlink_metadata(dir.path()).unwrap().file_type();
        assert!(!is_regular(dir.path(), kind));
    }

    #[test]
    fn invalid_utf8_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::fs::write(&path, b"ab\xff").unwrap();
        assert_eq!(
            read_text(&path, TINY).unwrap_err().to_string(),
            "it is not UTF-8 (an invalid byte at offset 2)"
        );
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(32 * MIB), "32 MiB");
        assert_eq!(size(512 * 1024), "512 KiB");
        assert_eq!(size(100), "100 bytes");
    }
}
