//! Deterministic zip packages (.apkg, QTI content packages), deflated on every core.
//!
//! Entries are written in the order given with a fixed timestamp (1980-01-01, the zip epoch) and
//! fixed permissions (0644), so the same inputs give byte-identical archives that diff cleanly.
//!
//! The writer is ours rather than the `zip` crate's because deflating an `.apkg`'s 10 MB
//! collection took a fifth of an export on one core. Here each entry is cut into fixed 256 KiB
//! pieces that are deflated in parallel and joined, as pigz does: every piece but the last ends
//! with a sync flush (an empty stored block, so the next piece starts on a byte boundary) and
//! only the last one is final, which makes the joined pieces one valid deflate stream. The
//! pieces do not depend on the thread count, so the output stays deterministic. Only what
//! packages need is written: no zip64 (entries and archives under 4 GiB, at most 65,535 entries),
//! no encryption, no data descriptors.

use flate2::{Compress, FlushCompress, Status};
use rayon::prelude::*;

use super::ExportError;

/// How an entry is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Deflated (text, databases).
    Deflate,
    /// Stored as is (already compressed media).
    Store,
}

/// Input bytes per independently deflated piece.
const PIECE: usize = 256 * 1024;
/// Deflate level: 1 is several times faster than the default 6 and the `.apkg` stays smaller
/// than genanki's (which deflates at 6 but stores a sparser database).
const LEVEL: u32 = 1;
/// DOS date of 1980-01-01 (year 0 since 1980, month 1, day 1), time 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
/// "Made by" Unix (3), spec version 2.0, so readers apply the Unix permissions below.
const MADE_BY: u16 = 0x0314;
/// Regular file, rw-r--r--.
const UNIX_MODE: u32 = 0o100_644;

/// One entry's central-directory facts.
#[derive(Debug)]
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// Builds a zip in memory, entry by entry.
#[derive(Debug)]
pub struct Package {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
    format: &'static str,
}

impl Package {
    /// An empty package; `format` names it in error messages.
    pub fn new(format: &'static str) -> Self {
        Package { bytes: Vec::new(), entries: Vec::new(), format }
    }

    /// Adds the file `name` with `bytes`.
    pub fn add(
        &mut self,
        name: &str,
        bytes: &[u8],
        compression: Compression,
    ) -> Result<(), ExportError> {
        if self.entries.len() >= usize::from(u16::MAX) {
            return Err(self.fail("more than 65,535 files in one package"));
        }
        let (method, crc, data) = match compression {
            Compression::Store => (0, crc32fast::hash(bytes), None),
            Compression::Deflate => {
                let (crc, data) = deflate(bytes).map_err(|e| self.fail(&e))?;
                (8, crc, Some(data))
            }
        };
        let stored = data.as_deref().unwrap_or(bytes);
        let too_big = || self.fail(&format!("`{name}` is 4 GiB or more; zip64 is not supported"));
        let entry = Entry {
            name: name.to_owned(),
            method,
            crc,
            compressed: u32::try_from(stored.len()).map_err(|_| too_big())?,
            size: u32::try_from(bytes.len()).map_err(|_| too_big())?,
            offset: u32::try_from(self.bytes.len()).map_err(|_| too_big())?,
        };
        let name_len =
            u16::try_from(name.len()).map_err(|_| self.fail("a file name is too long"))?;
        let b = &mut self.bytes;
        b.reserve(30 + name.len() + stored.len());
        put32(b, 0x0403_4b50);
        put16(b, 20); // version needed: 2.0 (deflate)
        put16(b, flags(name));
        put16(b, entry.method);
        put16(b, 0); // time 00:00:00
        put16(b, DOS_DATE);
        put32(b, entry.crc);
        put32(b, entry.compressed);
        put32(b, entry.size);
        put16(b, name_len);
        put16(b, 0); // no extra field
        b.extend_from_slice(name.as_bytes());
        b.extend_from_slice(stored);
        self.entries.push(entry);
        Ok(())
    }

    /// Finishes the archive (central directory and end record) and returns its bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        let start = self.bytes.len();
        for e in &self.entries {
            let b = &mut self.bytes;
            put32(b, 0x0201_4b50);
            put16(b, MADE_BY);
            put16(b, 20);
            put16(b, flags(&e.name));
            put16(b, e.method);
            put16(b, 0);
            put16(b, DOS_DATE);
            put32(b, e.crc);
            put32(b, e.compressed);
            put32(b, e.size);
            put16(b, u16::try_from(e.name.len()).unwrap_or(u16::MAX)); // checked in `add`
            put16(b, 0); // extra
            put16(b, 0); // comment
            put16(b, 0); // disk number
            put16(b, 0); // internal attributes
            put32(b, UNIX_MODE << 16);
            put32(b, e.offset);
            b.extend_from_slice(e.name.as_bytes());
        }
        let too_big = |_| self.fail("the package is 4 GiB or more; zip64 is not supported");
        let directory_size = u32::try_from(self.bytes.len() - start).map_err(too_big)?;
        let directory_start = u32::try_from(start).map_err(too_big)?;
        let count = u16::try_from(self.entries.len()).unwrap_or(u16::MAX); // checked in `add`
        let b = &mut self.bytes;
        put32(b, 0x0605_4b50);
        put16(b, 0); // this disk
        put16(b, 0); // disk of the directory
        put16(b, count);
        put16(b, count);
        put32(b, directory_size);
        put32(b, directory_start);
        put16(b, 0); // no comment
        Ok(self.bytes)
    }

    fn fail(&self, e: &(impl std::fmt::Display + ?Sized)) -> ExportError {
        ExportError::Package { format: self.format, message: e.to_string() }
    }
}

/// General-purpose flags: bit 11 says the name is UTF-8 (needed only when it is not ASCII).
fn flags(name: &str) -> u16 {
    if name.is_ascii() { 0 } else { 1 << 11 }
}

fn put16(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn put32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

/// The CRC-32 of `data` and its raw deflate, the pieces compressed (and summed) in parallel and
/// joined.
fn deflate(data: &[u8]) -> Result<(u32, Vec<u8>), String> {
    let new = || Compress::new(flate2::Compression::new(LEVEL), false);
    if data.len() <= PIECE {
        return Ok((crc32fast::hash(data), deflate_piece(&mut new(), data, true)?));
    }
    let count = data.len().div_ceil(PIECE);
    // A deflate state is a few hundred KB of tables: each worker reuses one (reset between
    // pieces) instead of touching fresh memory for every piece.
    let pieces: Vec<(crc32fast::Hasher, Vec<u8>)> = data
        .par_chunks(PIECE)
        .enumerate()
        .map_init(new, |compress, (i, piece)| {
            compress.reset();
            let mut crc = crc32fast::Hasher::new();
            crc.update(piece);
            Ok((crc, deflate_piece(compress, piece, i + 1 == count)?))
        })
        .collect::<Result<_, String>>()?;
    let mut crc = crc32fast::Hasher::new();
    let mut out = Vec::with_capacity(pieces.iter().map(|(_, d)| d.len()).sum());
    for (piece_crc, deflated) in &pieces {
        crc.combine(piece_crc);
        out.extend_from_slice(deflated);
    }
    Ok((crc.finalize(), out))
}

/// One piece: a final stream end when `last`, else a sync flush that ends on a byte boundary.
/// `compress` must be fresh or reset.
fn deflate_piece(compress: &mut Compress, data: &[u8], last: bool) -> Result<Vec<u8>, String> {
    let flush = if last { FlushCompress::Finish } else { FlushCompress::Sync };
    let mut out = Vec::with_capacity(data.len() / 2 + 1024);
    loop {
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.capacity().max(4096));
        }
        let read = usize::try_from(compress.total_in()).map_err(|e| e.to_string())?;
        let status =
            compress.compress_vec(&data[read..], &mut out, flush).map_err(|e| e.to_string())?;
        let all_read =
            usize::try_from(compress.total_in()).map_err(|e| e.to_string())? == data.len();
        match status {
            Status::StreamEnd => return Ok(out),
            // A sync flush is complete once all input is in and the output had room to spare.
            Status::Ok | Status::BufError if !last && all_read && out.len() < out.capacity() => {
                return Ok(out);
            }
            Status::Ok | Status::BufError => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;

    fn build(big: &[u8]) -> Vec<u8> {
        let mut p = Package::new("test");
        p.add("b.txt", b"hello hello hello", Compression::Deflate).unwrap();
        p.add("a.png", b"\x89PNG", Compression::Store).unwrap();
        p.add("dir/é.bin", big, Compression::Deflate).unwrap();
        p.add("empty", b"", Compression::Deflate).unwrap();
        p.finish().unwrap()
    }

    /// Bytes that compress a little but not much, of any length.
    fn noise(len: usize) -> Vec<u8> {
        let mut x: u32 = 2_463_534_242;
        (0..len)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                if i % 3 == 0 { b'a' } else { x.to_le_bytes()[0] }
            })
            .collect()
    }

    #[test]
    fn packages_are_byte_identical_and_read_back_by_the_zip_crate() {
        for len in [0, 1, PIECE - 1, PIECE, PIECE + 1, 5 * PIECE + 17] {
            let big = noise(len);
            let bytes = build(&big);
            assert_eq!(bytes, build(&big), "deterministic");
            let mut archive = ::zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            assert_eq!(archive.len(), 4);
            assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "b.txt");
            let png = archive.by_name("a.png").unwrap();
            assert_eq!(png.compression(), ::zip::CompressionMethod::Stored);
            assert_eq!(png.last_modified(), Some(::zip::DateTime::default()));
            assert_eq!(png.unix_mode(), Some(0o100_644));
            drop(png);
            let mut text = String::new();
            archive.by_name("b.txt").unwrap().read_to_string(&mut text).unwrap();
            assert_eq!(text, "hello hello hello");
            let mut out = Vec::new();
            archive.by_name("dir/é.bin").unwrap().read_to_end(&mut out).unwrap();
            assert!(out == big, "a {len}-byte entry reads back intact (the CRC is checked too)");
            let mut empty = Vec::new();
            archive.by_name("empty").unwrap().read_to_end(&mut empty).unwrap();
            assert!(empty.is_empty());
        }
    }

    #[test]
    fn pieces_join_into_one_stream_that_flate2_inflates() {
        let data = noise(3 * PIECE + 5);
        let (crc, deflated) = deflate(&data).unwrap();
        assert_eq!(crc, crc32fast::hash(&data));
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(&deflated[..]).read_to_end(&mut out).unwrap();
        assert!(out == data);
        assert!(deflated.len() < data.len(), "it compresses");
    }
}
