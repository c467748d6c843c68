//! The CSV dialect of answer sheets, in one place: encoding (UTF-8 with or without BOM, UTF-16
//! with a BOM or told by its NUL bytes, or one named with `--encoding`), Excel's `sep=` line,
//! delimiter (sniffed from the first records: `,`, `;`, tab or `|`), CRLF and quoted
//! newlines (the csv crate), and rows kept as bytes so invalid UTF-8 is reported, not replaced.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_8};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

use super::GradeError;
use super::quotes::QuoteWatch;

/// Read buffer size; large buffers keep the CSV parser fed on big sheets.
const BUFFER: usize = 1 << 20;

/// Bytes read from the start of a file to sniff its delimiter.
const SNIFF: usize = 64 * 1024;

/// The reader type of a sheet: the csv reader over the decoded bytes, watched for a quote that
/// never closes.
pub type SheetReader = csv::Reader<QuoteWatch<BufReader<DecodeReaderBytes<Input, Vec<u8>>>>>;

/// The bytes of a sheet: the start read to sniff it, then the rest of the file. The file is
/// opened once, so a pipe or FIFO (`<(…)`) is read like a file.
pub type Input = std::io::Chain<std::io::Cursor<Vec<u8>>, crate::source::read::Input>;

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
    /// Lines of the file before the header that are not part of the table (Excel's `sep=`
    /// line); line numbers add them back.
    pub lines_before: u64,
    /// The reader, positioned at the first data row not in `pending`.
    pub reader: SheetReader,
    /// Data rows read ahead while looking for a survey tool's extra header rows: graded first.
    pub pending: std::collections::VecDeque<csv::ByteRecord>,
    /// Per column, the further columns of the same multi-select question (`SurveyMonkey` puts
    /// each option in its own column); their cells are read as one answer.
    pub extra: Vec<Vec<usize>>,
}

impl std::fmt::Debug for Sheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sheet")
            .field("path", &self.path)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// Opens a sheet and reads its header, sniffing the delimiter unless one is given (or named by
/// Excel's `sep=` first line, which is skipped), and decoding it from `encoding` when one is
/// given (else UTF-8, or UTF-16 told by a BOM or by NUL bytes).
pub fn open(
    path: &Path,
    delimiter: Option<u8>,
    encoding: Option<&'static Encoding>,
) -> Result<Sheet, GradeError> {
    let io = |source| GradeError::Io { path: path.to_owned(), source };
    let mut file = crate::source::read::open(path).map_err(io)?;
    let len = file.known_len();
    let start = read_start(&mut file).map_err(io)?;
    if let Some(kind) = workbook(&start) {
        return Err(GradeError::Workbook { path: path.to_owned(), kind });
    }
    let encoding = encoding_of(&start, encoding);
    let text = decoded_start(&start, encoding);
    let sep = sep_line(&text);
    let table = sep.map_or(&text[..], |(_, skip)| &text[skip..]);
    let delimiter =
        delimiter.or(sep.map(|(d, _)| d)).unwrap_or_else(|| sniff(table, len > SNIFF as u64));
    let crlf = ends_in_crlf(table);
    let input = std::io::Cursor::new(start).chain(file);
    let mut buffered = BufReader::with_capacity(BUFFER, decoder(input, encoding));
    if let Some((_, skip)) = sep {
        std::io::copy(&mut (&mut buffered).take(skip as u64), &mut std::io::sink()).map_err(io)?;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(BUFFER)
        .from_reader(QuoteWatch::new(buffered, delimiter));
    let mut headers = read_header(&mut reader, path)?;
    let survey = super::survey::read(&mut |r| reader.read_byte_record(r), &mut headers)
        .map_err(|e| GradeError::from_csv(path, &e))?;
    let mut extra = vec![Vec::new(); headers.len()];
    for (column, first) in survey.continues.iter().enumerate() {
        if let Some(first) = *first {
            extra[first].push(column);
        }
    }
    let lines_before = u64::from(sep.is_some());
    Ok(Sheet {
        path: path.to_owned(),
        headers,
        delimiter,
        len,
        crlf,
        lines_before,
        reader,
        pending: survey.pending,
        extra,
    })
}

/// The encoding to decode a sheet from: the one asked for, else UTF-16 told by NUL bytes when
/// there is no BOM (a BOM is followed by the decoder itself). `None` is UTF-8, asked for or
/// not: its bytes pass through undecoded, so an invalid one is reported, never replaced.
fn encoding_of(start: &[u8], asked: Option<&'static Encoding>) -> Option<&'static Encoding> {
    match asked {
        Some(encoding) => Some(encoding).filter(|&e| e != UTF_8),
        None if Encoding::for_bom(start).is_some() => None,
        None => crate::source::utf16_without_bom(start),
    }
}

/// The start of a sheet as the csv reader sees it, to sniff: without its BOM, and decoded
/// when it is not UTF-8 (a BOM wins over the encoding asked for, as in [`decoder`]).
fn decoded_start<'a>(start: &'a [u8], encoding: Option<&'static Encoding>) -> Cow<'a, [u8]> {
    let (encoding, bom) = match Encoding::for_bom(start) {
        Some((encoding, bom)) => (Some(encoding), bom),
        None => (encoding, 0),
    };
    let rest = &start[bom..];
    match encoding {
        Some(e) if e != UTF_8 => {
            Cow::Owned(e.decode_without_bom_handling(rest).0.into_owned().into_bytes())
        }
        _ => Cow::Borrowed(rest),
    }
}

/// The decoding reader of a sheet: UTF-8 passes through as bytes; a BOM says the encoding
/// and is dropped; otherwise `encoding` decodes (invalid bytes become U+FFFD, the encoding's
/// own rules).
fn decoder(input: Input, encoding: Option<&'static Encoding>) -> DecodeReaderBytes<Input, Vec<u8>> {
    DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .bom_override(true)
        .bom_sniffing(true)
        .utf8_passthru(true)
        .strip_bom(true)
        .build(input)
}

/// Reads the header row: trimmed cells, which must be UTF-8; a sheet without one is empty.
fn read_header(reader: &mut SheetReader, path: &Path) -> Result<Vec<String>, GradeError> {
    let mut header = csv::ByteRecord::new();
    let read = reader.read_byte_record(&mut header).map_err(|e| GradeError::from_csv(path, &e))?;
    if !read || header.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
        return Err(GradeError::EmptySheet { path: path.to_owned() });
    }
    header
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
        .collect()
}

/// Excel's `sep=;` first line (any one delimiter after `sep=`): the delimiter it names and the
/// length of the line with its line end, to skip it. Excel reads the line and hides it, so the
/// header after it is still row 1 of the spreadsheet, on line 2 of the file.
fn sep_line(text: &[u8]) -> Option<(u8, usize)> {
    let prefix = text.get(..4)?;
    let &delimiter = text.get(4)?;
    if !prefix.eq_ignore_ascii_case(b"sep=") || matches!(delimiter, b'\r' | b'\n' | b'"') {
        return None;
    }
    let rest = &text[5..];
    let end = if rest.starts_with(b"\r\n") {
        2
    } else if rest.is_empty() {
        0
    } else if rest.starts_with(b"\n") || rest.starts_with(b"\r") {
        1
    } else {
        return None;
    };
    Some((delimiter, 5 + end))
}

impl Sheet {
    /// When the record just read is the last one and the file ended inside a quoted field, the
    /// line where that quote opened: the record swallowed every line after it.
    pub fn unclosed_quote(&self) -> Option<u64> {
        let watch = self.reader.get_ref();
        let line = watch.unclosed_quote()?;
        (self.reader.position().byte() == watch.consumed()).then_some(line + self.lines_before)
    }
}

/// The raw start of a file, to tell its kind, encoding and delimiter (the reader then reads it
/// again from memory).
fn read_start(file: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut start = Vec::with_capacity(SNIFF);
    file.take(SNIFF as u64).read_to_end(&mut start)?;
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

/// The delimiters a sheet is sniffed for, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Data records looked at when sniffing: enough to outvote a few malformed rows.
const SNIFF_ROWS: usize = 50;

/// Picks the delimiter of a sheet from its start: the one under which the most data records
/// have as many fields as the header (a header of more than one field), then the one that
/// leaves fewer data fields starting with a space (prose puts a space after its commas, an
/// export none after its delimiters), then the one that makes the most header fields, then `,`
/// `;` tab `|` in that order. Counting the header alone would take a tab- or
/// semicolon-separated export for comma-separated as soon as its question texts hold more
/// commas than it has columns. `truncated` says the start was cut from a longer file, so its
/// last record may be cut too and is not counted. Without data rows, this is the delimiter
/// that occurs most often on the header line.
pub fn sniff(start: &[u8], truncated: bool) -> u8 {
    let scored = CANDIDATES.iter().enumerate().filter_map(|(i, &delimiter)| {
        let records = records(start, delimiter, truncated);
        let (header, data) = records.split_first()?;
        let matching = data.iter().filter(|r| r.fields == header.fields).count();
        let spaced: usize = data.iter().map(|r| r.spaced).sum();
        (header.fields > 1).then_some((matching, Reverse(spaced), header.fields, Reverse(i)))
    });
    scored.max().map_or(b',', |(_, _, _, Reverse(i))| CANDIDATES[i])
}

/// Where the lexer of [`records`] is, following the csv reader's rules (a quote opens a field
/// only at its start; `""` inside quotes is a literal quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    /// At the start of a field.
    FieldStart,
    /// Inside a field that did not start with a quote.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field.
    QuoteInQuoted,
}

/// The shape of one record when split on a candidate delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Record {
    /// Its number of fields.
    fields: usize,
    /// Fields after a delimiter that start with a space.
    spaced: usize,
}

/// The first records of `start` (the header, then up to [`SNIFF_ROWS`] data records) when
/// split on `delimiter`. Blank lines are not records, as in the csv reader; a last record
/// without a line end is dropped when `truncated`.
fn records(start: &[u8], delimiter: u8, truncated: bool) -> Vec<Record> {
    let mut records = Vec::with_capacity(SNIFF_ROWS + 1);
    let (mut state, mut record, mut started) = (Lex::FieldStart, Record::default(), false);
    let mut after_delimiter = false;
    // NUL bytes are skipped: the raw bytes of UTF-16 still show their delimiters between them.
    for &b in start.iter().filter(|&&b| b != 0) {
        if records.len() > SNIFF_ROWS {
            return records;
        }
        if (b == b'\n' || b == b'\r') && state != Lex::Quoted {
            if started {
                records.push(Record { fields: record.fields + 1, ..record });
            }
            (state, record, started) = (Lex::FieldStart, Record::default(), false);
            continue;
        }
        record.spaced += usize::from(after_delimiter && b == b' ');
        (started, after_delimiter) = (true, false);
        state = match (state, b) {
            (Lex::Quoted, b'"') => Lex::QuoteInQuoted,
            (Lex::Quoted, _) | (Lex::QuoteInQuoted | Lex::FieldStart, b'"') => Lex::Quoted,
            _ if b == delimiter => {
                (record.fields, after_delimiter) = (record.fields + 1, true);
                Lex::FieldStart
            }
            _ => Lex::Unquoted,
        };
    }
    if started && !truncated {
        records.push(Record { fields: record.fields + 1, ..record });
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE};

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
    fn without_data_rows_the_header_line_decides_outside_quotes() {
        assert_eq!(sniff(b"candidate,question,answer\n", false), b',');
        assert_eq!(sniff(b"candidate\tquestion\tanswer", false), b'\t');
        assert_eq!(sniff(b"\"a;b;c\",x,y\n", false), b',');
        assert_eq!(sniff(b"answer\n", false), b',');
        assert_eq!(sniff(b"", false), b',');
    }

    #[test]
    fn data_rows_with_the_header_s_field_count_decide() {
        // Question texts with more commas than the sheet has columns.
        let tab = b"Email\tWith 5 replicas, how many form a majority?\r\na@x.com\t3\r\n";
        assert_eq!(sniff(tab, false), b'\t');
        let semi =
            b"Email;How do quorums, read repair, hinted handoff work?;What are CRDTs, and why?\r\n\
                     a@x.com;hinted handoff, read repair;a semilattice\r\n";
        assert_eq!(sniff(semi, false), b';');
        // Semicolons inside a comma sheet's answers do not count.
        assert_eq!(sniff(b"candidate,question,answer\nann,ring,\"a; b; c\"\n", false), b',');
        assert_eq!(sniff(b"candidate;question;answer\r\na,b,c,d,e", false), b';');
        // A quoted cell with line breaks and delimiters is one field of one record.
        let quoted = b"a|b|c, d\n1|\"x\ny, z\"|3\n4|5|6\n";
        assert_eq!(sniff(quoted, false), b'|');
        // Blank lines are not records.
        assert_eq!(sniff(b"a;b,c\n\n1;2\n\n3;4\n", false), b';');
    }

    #[test]
    fn a_tie_goes_to_the_delimiter_not_followed_by_spaces() {
        // Excel's Unicode text of two prose questions: one row splits into as many fields on
        // its commas as on its tabs, but the commas are followed by spaces.
        let text = b"Email\tHow do stores use quorums, read repair, hinted handoff?\tWhat are CRDTs, and why?\r\n\
                     a@x.com\tSloppy quorums with hinted handoff, read repair\tA commutative, associative, idempotent join\r\n";
        assert_eq!(sniff(text, false), b'\t');
        // Without data rows, the header line alone decides, as it always did.
        let header = b"Email\tHow do stores use quorums, read repair, hinted handoff?\r\n";
        assert_eq!(sniff(header, false), b',');
    }

    #[test]
    fn a_tie_goes_to_more_header_fields_then_to_the_comma() {
        // Both split every row alike: the one that makes more columns wins.
        assert_eq!(sniff(b"a,b;c,d\n1,2;3,4\n", false), b',');
        assert_eq!(sniff(b"a,b;c\n1,2;3\n", false), b',');
    }

    #[test]
    fn a_record_cut_by_the_end_of_the_sniffed_start_is_not_counted() {
        let cut = b"q1;q2,a,b\nx;y\nz,w,w2";
        assert_eq!(sniff(cut, true), b';', "the cut last row would vote for `,`");
        assert_eq!(sniff(cut, false), b',', "a whole last row votes");
    }

    #[test]
    fn only_the_first_records_are_looked_at() {
        let mut text = b"a;b, c\n".to_vec();
        for _ in 0..SNIFF_ROWS {
            text.extend_from_slice(b"1;2\n");
        }
        for _ in 0..2 * SNIFF_ROWS {
            text.extend_from_slice(b"1,2\n");
        }
        assert_eq!(sniff(&text, false), b';');
    }

    #[test]
    fn utf16_bytes_are_sniffed_between_their_nuls() {
        let text = "Email\tWith 5 replicas, how many?\r\na@x.com\t3\r\n";
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(sniff(&utf16, false), b'\t');
    }

    #[test]
    fn excel_s_sep_line_names_the_delimiter() {
        assert_eq!(sep_line(b"sep=;\r\ncandidate;question"), Some((b';', 7)));
        assert_eq!(sep_line(b"sep=\t\na\tb"), Some((b'\t', 6)));
        assert_eq!(sep_line(b"SEP=|"), Some((b'|', 5)));
        assert_eq!(sep_line(b"sep=;;\n"), None);
        assert_eq!(sep_line(b"sep=\n"), None);
        assert_eq!(sep_line(b"separator,question\n"), None);
        assert_eq!(sep_line(b"candidate,question\n"), None);
    }

    #[test]
    fn utf16_without_a_bom_is_told_by_its_nuls() {
        let text = "Email\tWith 5 replicas\r\nzoë\t3\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(encoding_of(&le, None), Some(UTF_16LE));
        assert_eq!(encoding_of(&be, None), Some(UTF_16BE));
        assert_eq!(decoded_start(&le, Some(UTF_16LE)), text.as_bytes());
        assert_eq!(encoding_of(b"candidate,question,answer\n", None), None);
        assert_eq!(encoding_of(b"a,b\nc,d\0e\n", None), None, "a stray NUL is not UTF-16");
        // A BOM is left to the decoder; an encoding asked for is used, UTF-8 as bytes.
        assert_eq!(encoding_of(b"\xFF\xFEa\0,\0", None), None);
        let latin1 = Encoding::for_label(b"latin1");
        assert_eq!(encoding_of(b"caf\xE9", latin1), latin1);
        assert_eq!(encoding_of(b"caf\xE9", Some(UTF_8)), None);
        assert_eq!(decoded_start(b"caf\xE9;x", latin1), "café;x".as_bytes());
        assert_eq!(decoded_start(b"\xEF\xBB\xBFcaf\xC3\xA9", latin1), "café".as_bytes());
    }
}
