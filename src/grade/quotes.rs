//! Watches a sheet's bytes for a quoted field that never closes.
//!
//! A stray `"` at the start of a cell opens a quoted field that runs to the end of the file: the
//! csv reader then returns one last row holding every later line, and those rows would vanish
//! from the count without a word. [`QuoteWatch`] follows the same quoting rules as the reader
//! (RFC 4180: a quote opens a field only at its start, `""` inside is a literal quote) over the
//! bytes the reader consumes, so the grader can reject that last row and say where the quote
//! opened.
//!
//! It also holds each cell and each record to a cap ([`SHEET_CELL`], [`SHEET_RECORD`]): a sheet
//! is streamed, but the csv reader keeps a whole record in memory, and a record need not end
//! (`/dev/zero`, or a quote that opens before gigabytes). The read then fails with [`Overlong`],
//! which says where the cell or record starts.

use std::io::Read;

use crate::source::read::{Cap, SHEET_CELL, SHEET_RECORD};

/// A cell or record ran past its cap: the error inside the `io::Error` the watch returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the {} that starts on line {line} runs past {}", unit(*cap), crate::source::read::size(cap.bytes))]
pub(super) struct Overlong {
    /// 1-based line where the cell or record starts.
    pub line: u64,
    /// The cap it ran past.
    pub cap: Cap,
}

/// `cell` or `record`, as a message names what ran past `cap`.
pub(super) fn unit(cap: Cap) -> &'static str {
    if cap == SHEET_CELL { "cell" } else { "record" }
}

/// Where the lexer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    FieldStart,
    /// Inside a field that did not start with a quote (quotes in it are literal).
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: it closes the field unless another follows.
    QuoteInQuoted,
}

/// A reader that passes bytes through while tracking quoting, lines and the byte count.
#[derive(Debug)]
pub struct QuoteWatch<R> {
    inner: R,
    delimiter: u8,
    state: State,
    /// 1-based line of the byte being read.
    line: u64,
    /// Line where the open quoted field started.
    opened_on: u64,
    /// Bytes passed through.
    consumed: u64,
    /// Whether the inner reader reported its end.
    eof: bool,
    /// Where the current line (outside quotes) starts.
    line_start: u64,
    /// Where the last `\r` outside quotes was.
    last_cr: Option<u64>,
    /// Empty lines outside quotes (`\n` or `\r\n` alone), as `(start, end)` byte offsets: the
    /// csv reader skips them, and gives the row after them the position of the first one. Only
    /// those not yet behind the rows read are kept (see [`QuoteWatch::settle`]).
    blank_lines: std::collections::VecDeque<(u64, u64)>,
    /// Blank lines behind the rows read, counted but no longer kept.
    settled: u64,
    /// The caps on a cell and on a record.
    caps: (Cap, Cap),
    /// Where the current field starts.
    field_start: u64,
    /// Whether the current field opened with a quote (it may go on after the closing one).
    field_quoted: bool,
    /// Where the current record starts, and on which line.
    record_start: (u64, u64),
}

impl<R: Read> QuoteWatch<R> {
    /// Watches `inner`, whose fields are separated by `delimiter`.
    pub fn new(inner: R, delimiter: u8) -> Self {
        QuoteWatch {
            inner,
            delimiter,
            state: State::FieldStart,
            line: 1,
            opened_on: 0,
            consumed: 0,
            eof: false,
            line_start: 0,
            last_cr: None,
            blank_lines: std::collections::VecDeque::new(),
            settled: 0,
            caps: (SHEET_CELL, SHEET_RECORD),
            field_start: 0,
            field_quoted: false,
            record_start: (0, 1),
        }
    }

    /// Holds cells and records to other caps than [`SHEET_CELL`] and [`SHEET_RECORD`].
    #[cfg(test)]
    fn with_caps(mut self, cell: Cap, record: Cap) -> Self {
        self.caps = (cell, record);
        self
    }

    /// For a record the csv reader says starts at byte `start` (on the `\n` before it in a CRLF
    /// sheet, `crlf`): how many blank lines come before it in all, and how many of those sit
    /// right at `start` (which the reader put the record on). A row's true line and spreadsheet
    /// row add them back.
    pub fn blank_lines_at(&self, start: u64, crlf: bool) -> (u64, u64) {
        let at = start + u64::from(crlf);
        let before = self.blank_lines.partition_point(|&(s, _)| s < at);
        let counted = self.settled + before as u64;
        let mut run = 0;
        let mut next = at;
        for &(s, e) in self.blank_lines.range(before..) {
            if s != next {
                break;
            }
            run += 1;
            next = e;
        }
        (counted + run, run)
    }

    /// Forgets the blank lines before byte `start` (keeping their count): the rows are read in
    /// order, so none is asked about again, and a sheet of millions of blank lines stays small.
    pub fn settle(&mut self, start: u64) {
        while self.blank_lines.front().is_some_and(|&(s, _)| s < start) {
            self.blank_lines.pop_front();
            self.settled += 1;
        }
    }

    /// Notes a line end outside quotes at absolute offset `at`: a blank line when the line held
    /// nothing, or only a `\r`.
    fn line_end(&mut self, at: u64) {
        let empty = at == self.line_start
            || (at == self.line_start + 1 && self.last_cr == Some(self.line_start));
        if empty {
            self.blank_lines.push_back((self.line_start, at + 1));
        }
        self.line_start = at + 1;
    }

    /// The line where a quoted field opened, when the input ended inside it.
    pub fn unclosed_quote(&self) -> Option<u64> {
        (self.eof && self.state == State::Quoted).then_some(self.opened_on)
    }

    /// Bytes read so far.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Follows the quoting of one buffer. Runs of field bytes and of quoted text are skipped
    /// with `memchr`, and lines are counted only up to where a quote opens or a line ends, so a
    /// big sheet costs the reader thread little. Fails when a cell or record runs past its cap.
    fn scan(&mut self, buf: &[u8]) -> Result<(), Overlong> {
        let delimiter = self.delimiter;
        let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
        let mut counted = 0; // `self.line` is the line of `buf[counted]`
        let mut i = 0;
        while i < buf.len() {
            match self.state {
                State::Quoted => match memchr::memchr(b'"', &buf[i..]) {
                    Some(k) => {
                        i += k + 1;
                        self.state = State::QuoteInQuoted;
                    }
                    None => i = buf.len(),
                },
                State::Unquoted => match memchr::memchr3(self.delimiter, b'\n', b'\r', &buf[i..]) {
                    Some(k) => {
                        self.field_end(buf, &mut counted, i + k)?;
                        i += k + 1;
                        self.state = State::FieldStart;
                    }
                    None => i = buf.len(),
                },
                State::FieldStart | State::QuoteInQuoted => {
                    let b = buf[i];
                    self.state = match (self.state, b) {
                        (State::FieldStart, b'"') => {
                            self.line +=
                                memchr::memchr_iter(b'\n', &buf[counted..i]).count() as u64;
                            counted = i;
                            self.opened_on = self.line;
                            self.field_quoted = true;
                            State::Quoted
                        }
                        (State::QuoteInQuoted, b'"') => State::Quoted,
                        _ if ends_field(b) => {
                            self.field_end(buf, &mut counted, i)?;
                            State::FieldStart
                        }
                        _ => State::Unquoted,
                    };
                    i += 1;
                }
            }
        }
        self.line += memchr::memchr_iter(b'\n', &buf[counted..]).count() as u64;
        // A cell or record still open at the end of the buffer may already be too long.
        self.check(self.consumed + buf.len() as u64, self.line)
    }

    /// Notes the delimiter or line break at `buf[pos]`, which ends a field (and, for a line
    /// break, a record), after checking their lengths.
    fn field_end(&mut self, buf: &[u8], counted: &mut usize, pos: usize) -> Result<(), Overlong> {
        let at = self.consumed + pos as u64;
        // The line is only counted when a message needs it.
        let line = if at - self.field_start > self.caps.0.bytes {
            self.line + memchr::memchr_iter(b'\n', &buf[*counted..pos]).count() as u64
        } else {
            self.line
        };
        self.check(at, line)?;
        self.field_start = at + 1;
        self.field_quoted = false;
        let newline = buf[pos] == b'\n';
        match buf[pos] {
            b'\n' => self.line_end(at),
            b'\r' => self.last_cr = Some(at),
            _ => return Ok(()),
        }
        // Lines are counted up to the break, and past it when it is a `\n`.
        let upto = pos + usize::from(newline);
        self.line += memchr::memchr_iter(b'\n', &buf[*counted..upto]).count() as u64;
        *counted = upto;
        self.record_start = (at + 1, self.line);
        Ok(())
    }

    /// Fails when the field or the record that run to `at` (not included) are longer than
    /// their caps, naming the one that went past its cap first, so the answer does not depend
    /// on how the input was split into reads. `line` is the line of `at`, where a field that
    /// did not open with a quote also starts (it holds no line break).
    fn check(&self, at: u64, line: u64) -> Result<(), Overlong> {
        let (cell, record) = self.caps;
        let cell_past =
            (at - self.field_start > cell.bytes).then_some(self.field_start + cell.bytes);
        let (record_start, record_line) = self.record_start;
        let record_past = (at - record_start > record.bytes).then_some(record_start + record.bytes);
        match (cell_past, record_past) {
            (Some(c), r) if r.is_none_or(|r| c <= r) => {
                let line = if self.field_quoted { self.opened_on } else { line };
                Err(Overlong { line, cap: cell })
            }
            (_, Some(_)) => Err(Overlong { line: record_line, cap: record }),
            _ => Ok(()),
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        self.scan(&buf[..n])
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.consumed += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch(text: &str) -> QuoteWatch<&[u8]> {
        let mut w = QuoteWatch::new(text.as_bytes(), b',');
        std::io::copy(&mut w, &mut std::io::sink()).expect("reads");
        w
    }

    #[test]
    fn closed_quotes_and_literal_quotes_are_fine() {
        assert_eq!(watch("a,b\n\"x, \"\"y\"\"\nz\",2\n").unclosed_quote(), None);
        assert_eq!(watch("a,b\nhe said \"hi,2\n").unclosed_quote(), None, "mid-field quote");
        assert_eq!(watch("a,b\n\"x\"y,2\n").unclosed_quote(), None, "text after a closing quote");
        assert_eq!(watch("").unclosed_quote(), None);
    }

    #[test]
    fn an_unclosed_quote_is_found_with_its_line() {
        let w = watch("candidate,question,answer\nc1,ring,\"never closed\nc2,ring,ok\n");
        assert_eq!(w.unclosed_quote(), Some(2));
        assert_eq!(w.consumed(), 59);
        assert_eq!(watch("a\r\nb\r\n\"x").unclosed_quote(), Some(3));
    }

    #[test]
    fn blank_lines_outside_quotes_are_counted_for_the_row_after_them() {
        // Header, two blank lines, a row, a quoted cell holding a blank line, a blank line.
        let text = "a,b\n\n\nx,1\n\"p\n\nq\",2\n\ny,3\n";
        let w = watch(text);
        assert_eq!(w.blank_lines, [(4, 5), (5, 6), (19, 20)]);
        assert_eq!(
            w.blank_lines_at(4, false),
            (2, 2),
            "the reader starts `x,1` at the first blank"
        );
        assert_eq!(w.blank_lines_at(8, false), (2, 0), "`\"p…` follows them");
        assert_eq!(w.blank_lines_at(19, false), (3, 1));
        // CRLF: the reader's position sits on the `\n` before the record.
        let crlf = watch("a,b\r\n\r\nx,1\r\n");
        assert_eq!(crlf.blank_lines, [(5, 7)]);
        assert_eq!(crlf.blank_lines_at(4, true), (1, 1));
        // Settled lines are counted, not kept.
        let mut w = watch(text);
        w.settle(8);
        assert_eq!(w.blank_lines, [(19, 20)]);
        assert_eq!(w.blank_lines_at(19, false), (3, 1));
    }

    const CELL: Cap = Cap { what: "a test cell", bytes: 4 };
    const RECORD: Cap = Cap { what: "a test record", bytes: 10 };

    /// Reads `text` through a watch with tiny caps, in pieces of `sizes`; the error, if any.
    fn capped(text: &str, sizes: Vec<usize>) -> Option<Overlong> {
        let pieces = Pieces { rest: text.as_bytes(), sizes };
        let mut w = QuoteWatch::new(pieces, b',').with_caps(CELL, RECORD);
        let e = std::io::copy(&mut w, &mut std::io::sink()).err()?;
        Some(*e.get_ref().and_then(|e| e.downcast_ref::<Overlong>()).expect("an Overlong"))
    }

    #[test]
    fn cells_and_records_past_their_caps_stop_the_read_where_they_start() {
        assert_eq!(capped("a,b\nabcd,x\n", vec![]), None, "a cell of exactly the cap is read");
        assert_eq!(capped("a,b\nabcde,x\n", vec![]), Some(Overlong { line: 2, cap: CELL }));
        assert_eq!(capped("a,b\r\nx,abcde", vec![]), Some(Overlong { line: 2, cap: CELL }));
        // A quoted cell starts where its quote opens, however many lines it then takes.
        assert_eq!(capped("a\nb\n\"x\ny\nz", vec![]), Some(Overlong { line: 3, cap: CELL }));
        assert_eq!(capped("a\n\"x\n\"\n", vec![]), None, "quotes count: `\"x\\n\"` is 4 bytes");
        // Short cells, too many of them: the record is too long from its first line.
        assert_eq!(
            capped("a\nab,cd,e\nab,cd,ef,gh\n", vec![]),
            Some(Overlong { line: 3, cap: RECORD })
        );
        assert_eq!(
            capped("a\n\"a\n\",cd,ef,gh\n", vec![]),
            Some(Overlong { line: 2, cap: RECORD })
        );
        assert_eq!(capped("ab,cd,efgh\rab", vec![]), None, "a lone CR ends a record too");
    }

    /// Byte by byte, the plain way: the answer `scan` must give.
    fn reference(text: &[u8]) -> Option<u64> {
        let (mut state, mut line, mut opened) = (State::FieldStart, 1, 0);
        for &b in text {
            let ends_field = b == b',' || b == b'\n' || b == b'\r';
            state = match (state, b) {
                (State::FieldStart, b'"') => {
                    opened = line;
                    State::Quoted
                }
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, _) | (State::QuoteInQuoted, b'"') => State::Quoted,
                _ if ends_field => State::FieldStart,
                _ => State::Unquoted,
            };
            if b == b'\n' {
                line += 1;
            }
        }
        (state == State::Quoted).then_some(opened)
    }

    /// Blank lines outside quotes, byte by byte: what `scan` must record.
    fn reference_blanks(text: &[u8]) -> Vec<(u64, u64)> {
        let (mut state, mut line_start) = (State::FieldStart, 0usize);
        let mut blanks = Vec::new();
        for (i, &b) in text.iter().enumerate() {
            let outside = !matches!(state, State::Quoted);
            if outside && b == b'\n' {
                let line = &text[line_start..i];
                if line.is_empty() || line == b"\r" {
                    blanks.push((line_start as u64, i as u64 + 1));
                }
                line_start = i + 1;
            }
            let ends_field = b == b',' || b == b'\n' || b == b'\r';
            state = match (state, b) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::FieldStart | State::QuoteInQuoted, b'"') | (State::Quoted, _) => {
                    State::Quoted
                }
                _ if ends_field => State::FieldStart,
                _ => State::Unquoted,
            };
        }
        blanks
    }

    /// Hands out the input in pieces of the given sizes, as a reader with small reads would.
    struct Pieces<'a> {
        rest: &'a [u8],
        sizes: Vec<usize>,
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let size = self.sizes.pop().unwrap_or(7).max(1).min(buf.len()).min(self.rest.len());
            buf[..size].copy_from_slice(&self.rest[..size]);
            self.rest = &self.rest[size..];
            Ok(size)
        }
    }

    proptest::proptest! {
        #[test]
        fn scanning_in_pieces_agrees_with_the_byte_by_byte_lexer(
            text in "[a,\"\n\r ]{0,60}",
            sizes in proptest::collection::vec(1usize..9, 0..20),
        ) {
            let mut w = QuoteWatch::new(Pieces { rest: text.as_bytes(), sizes }, b',');
            std::io::copy(&mut w, &mut std::io::sink()).expect("reads");
            proptest::prop_assert_eq!(w.unclosed_quote(), reference(text.as_bytes()));
            proptest::prop_assert_eq!(w.consumed(), text.len() as u64);
            proptest::prop_assert_eq!(w.blank_lines.iter().copied().collect::<Vec<_>>(), reference_blanks(text.as_bytes()));
        }

        #[test]
        fn the_caps_do_not_depend_on_how_the_input_is_split(
            text in "[ab,\"\n\r]{0,60}",
            sizes in proptest::collection::vec(1usize..9, 0..20),
        ) {
            proptest::prop_assert_eq!(capped(&text, sizes), capped(&text, vec![text.len().max(1)]));
        }
    }
}
