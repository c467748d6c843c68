//! Inputs that can be read only once (a pipe, a FIFO, `<(…)`), made readable again.
//!
//! `qbank grade` opens each sheet more than once: to resolve its columns before anything is
//! graded, to choose between repeated submissions (`--keep`), and to read its rows. A regular
//! file is simply opened again. A stream is opened once per run; what any reader has taken from
//! it is copied to an unnamed temporary file, and every later reader replays that copy before it
//! goes on reading the stream where the furthest reader stopped. Nothing is read ahead, so the
//! read caps of the readers still bound what is taken from an endless stream, and the copy holds
//! no more than was read.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// A stream and the copy of what has been read from it.
#[derive(Debug)]
struct Shared {
    stream: File,
    copy: File,
    copied: u64,
}

/// One reader of a stream: from the start, through the copy, then the stream itself.
#[derive(Debug)]
pub struct Replay {
    shared: Arc<Mutex<Shared>>,
    at: u64,
}

type Streams = Mutex<HashMap<PathBuf, Arc<Mutex<Shared>>>>;

/// The streams opened so far in this process, by the path they were named by.
fn streams() -> &'static Streams {
    static STREAMS: OnceLock<Streams> = OnceLock::new();
    STREAMS.get_or_init(Streams::default)
}

impl Replay {
    /// A reader of the stream at `path` from its start, opened with `open` the first time; a
    /// stream already opened under the same path is replayed instead of opened again (opening a
    /// FIFO again would wait for a writer that may be gone).
    pub fn open(
        path: &Path,
        open: impl FnOnce() -> std::io::Result<File>,
    ) -> std::io::Result<Self> {
        let mut streams = streams().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let shared = if let Some(shared) = streams.get(path) {
            Arc::clone(shared)
        } else {
            let stream = open()?;
            let copy = tempfile::tempfile()?;
            let shared = Arc::new(Mutex::new(Shared { stream, copy, copied: 0 }));
            streams.insert(path.to_owned(), Arc::clone(&shared));
            shared
        };
        Ok(Self { shared, at: 0 })
    }
}

impl Read for Replay {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut shared = self.shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Shared { stream, copy, copied } = &mut *shared;
        let n = if self.at < *copied {
            let want = usize::try_from(*copied - self.at).unwrap_or(usize::MAX).min(buf.len());
            copy.seek(SeekFrom::Start(self.at))?;
            copy.read(&mut buf[..want])?
        } else {
            let n = stream.read(buf)?;
            copy.seek(SeekFrom::Start(*copied))?;
            copy.write_all(&buf[..n])?;
            *copied += n as u64;
            n
        };
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_reader_replays_what_the_first_took_then_reads_on() {
        let dir = tempfile::tempdir().unwrap();
        // A regular file stands in for the stream: `Replay` only reads it forwards.
        let path = dir.path().join("stream");
        std::fs::write(&path, b"header\nrow 1\nrow 2\n").unwrap();
        let mut first = Replay::open(&path, || File::open(&path)).unwrap();
        let mut start = [0u8; 7];
        first.read_exact(&mut start).unwrap();
        assert_eq!(&start, b"header\n");
        drop(first);
        // Opened again by name: not opened again, the copy and the stream are read.
        let never = || -> std::io::Result<File> { panic!("a stream is opened once") };
        let mut second = Replay::open(&path, never).unwrap();
        let mut all = String::new();
        second.read_to_string(&mut all).unwrap();
        assert_eq!(all, "header\nrow 1\nrow 2\n");
        let mut third = Replay::open(&path, never).unwrap();
        let mut again = String::new();
        third.read_to_string(&mut again).unwrap();
        assert_eq!(again, all);
    }
}
