//! The CSV dialect of answer sheets, in one place: encoding (UTF-8 with or without BOM, UTF-16
//! with BOM), delimiter (sniffed from the header line: `,`, `;`, tab or `|`), CRLF and quoted
//! newlines (the csv crate), and rows kept as bytes so invalid UTF-8 is reported, not replaced.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

use super::GradeError;
use super::quotes::QuoteWatch;

/// Read buffer size; large buffers keep the CSV parser fed on big sheets.
const BUFFER: usize = 1 << 20;

/// Bytes read from the start of a file to sniff its delimiter.
const SNIFF: usize = 64 * 1024;

/// The reader type of a sheet: the csv reader over the decoded bytes, watched for a quote that
/// never closes.
pub type SheetReader = csv::Reader<QuoteWatch<BufReader<DecodeReaderBytes<File, Vec<u8>>>>>;

/// An open answer sheet, positioned after its header row.
pub struct Sheet {
    /// The path as given.
    pub path: PathBuf,
    /// The header row.
    pub headers: Vec<String>,
    /// The delimiter in use.
    pub delimiter: u8,
    /// The file size in bytes (for progress).
    pub len: u64,
    /// Whether lines end in CRLF. The csv crate reports a record after a CRLF as starting on the
    /// previous line (its position sits on the `\n`), so row line numbers add one back.
    pub crlf: bool,
    /// The reader, positioned at the first data row.
    pub reader: SheetReader,
}

impl std::fmt::Debug for Sheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sheet")
            .field("path", &self.path)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// Opens a sheet and reads its header, sniffing the delimiter unless one is given.
pub fn open(path: &Path, delimiter: Option<u8>) -> Result<Sheet, GradeError> {
    let io = |source| GradeError::Io { path: path.to_owned(), source };
    let file = File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    let decoded = DecodeReaderBytesBuilder::new()
        .bom_sniffing(true)
        .utf8_passthru(true)
        .strip_bom(true)
        .build(file);
    let buffered = BufReader::with_capacity(BUFFER, decoded);
    let start = read_start(path).map_err(io)?;
    if let Some(kind) = workbook(&start) {
        return Err(GradeError::Workbook { path: path.to_owned(), kind });
    }
    let delimiter = delimiter.unwrap_or_else(|| sniff(&start));
    let crlf = ends_in_crlf(&start);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(BUFFER)
        .from_reader(QuoteWatch::new(buffered, delimiter));
    let mut header = csv::ByteRecord::new();
    let read = reader
        .read_byte_record(&mut header)
        .map_err(|e| GradeError::Csv { path: path.to_owned(), message: e.to_string() })?;
    if !read || header.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
        return Err(GradeError::EmptySheet { path: path.to_owned() });
    }
    let headers = header
        .iter()
        .enumerate()
        .map(|(i, field)| {
            std::str::from_utf8(field).map(|s| s.trim().to_owned()).map_err(|e| {
                GradeError::HeaderEncoding {
                    path: path.to_owned(),
                    column: i + 1,
                    offset: e.valid_up_to(),
                }
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Sheet { path: path.to_owned(), headers, delimiter, len, crlf, reader })
}

impl Sheet {
    /// When the record just read is the last one and the file ended inside a quoted field, the
    /// line where that quote opened: the record swallowed every line after it.
    pub fn unclosed_quote(&self) -> Option<u64> {
        let watch = self.reader.get_ref();
        watch.unclosed_quote().filter(|_| self.reader.position().byte() == watch.consumed())
    }
}

/// Sniffs the raw start of a file (a UTF-16 file still shows its delimiters).
fn read_start(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut start = Vec::with_capacity(SNIFF);
    File::open(path)?.take(SNIFF as u64).read_to_end(&mut start)?;
    Ok(start)
}

/// What kind of spreadsheet workbook a file is, by its first bytes: people pass the `.xlsx`
/// their form tool downloads by default, which would otherwise fail as "not UTF-8".
fn workbook(start: &[u8]) -> Option<&'static str> {
    if start.starts_with(b"PK\x03\x04") {
        let names = |needle: &[u8]| start.windows(needle.len()).any(|w| w == needle);
        return Some(if names(b"opendocument.spreadsheet") {
            "an OpenDocument spreadsheet"
        } else if names(b"xl/") || names(b"[Content_Types].xml") {
            "an Excel workbook"
        } else {
            "a zip archive"
        });
    }
    start
        .starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        .then_some("an Excel 97-2003 workbook")
}

/// Whether the first line break outside quotes is CRLF (NUL bytes of UTF-16 are skipped).
pub fn ends_in_crlf(start: &[u8]) -> bool {
    let mut quoted = false;
    let mut previous = 0u8;
    for &b in start {
        match b {
            0 => continue,
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return previous == b'\r',
            _ => {}
        }
        previous = b;
    }
    false
}

/// Picks the delimiter that occurs most often, outside quotes, on the first line; `,` when
/// there is no other candidate.
pub fn sniff(start: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &b in start {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    if counts[best] == 0 { b',' } else { candidates[best] }
}

#[cfg(test)]
mod tests {
    use super::{ends_in_crlf, sniff, workbook};

    #[test]
    fn workbooks_are_told_apart_from_sheets() {
        assert_eq!(
            workbook(b"PK\x03\x04....[Content_Types].xml...xl/workbook.xml"),
            Some("an Excel workbook")
        );
        assert_eq!(
            workbook(b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
            Some("an OpenDocument spreadsheet")
        );
        assert_eq!(
            workbook(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some("an Excel 97-2003 workbook")
        );
        assert_eq!(workbook(b"candidate,question,answer\n"), None);
        assert_eq!(workbook(b"PK,question\n"), None);
    }

    #[test]
    fn tells_crlf_from_lf_outside_quotes() {
        assert!(ends_in_crlf(b"a,b\r\nc,d\r\n"));
        assert!(!ends_in_crlf(b"a,b\nc,d\r\n"));
        assert!(!ends_in_crlf(b"\"a\r\nb\",c\nd"));
        assert!(ends_in_crlf(b"a\0,\0b\0\r\0\n\0"));
    }

    #[test]
    fn sniffs_the_header_line_outside_quotes() {
        assert_eq!(sniff(b"candidate,question,answer\n"), b',');
        assert_eq!(sniff(b"candidate;question;answer\r\na,b,c,d,e"), b';');
        assert_eq!(sniff(b"candidate\tquestion\tanswer"), b'\t');
        assert_eq!(sniff(b"\"a;b;c\",x,y\n"), b',');
        assert_eq!(sniff(b"answer\n"), b',');
    }
}
