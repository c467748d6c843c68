//! Bulk grading of answer sheets: read (streaming), grade (in parallel, in input order), tally,
//! and write the cohort's outputs.
//!
//! [`stream::stream`] turns sheets into chunks of answers and their grades; [`cohort::Cohort`]
//! accumulates what the outputs need (scores per candidate and question, criterion hits);
//! [`stats`] computes item analysis and agreement figures; [`mod@write`] and [`page`] render the
//! files. Memory grows with candidates × questions, never with the number of rows.

pub mod answers;
pub mod calibration;
pub mod cohort;
pub mod csvcell;
pub mod keep;
pub mod layout;
pub mod measures;
mod metadata;
pub mod overrides;
pub mod page;
pub mod publish;
mod quotes;
pub mod ranking;
mod rows;
pub mod sheet;
pub mod stats;
pub mod stream;
mod survey;
mod timestamp;
pub mod write;

use std::path::PathBuf;

pub use layout::{ColumnNames, Columns, Layout};

/// What to do about a sheet that is not UTF-8: Excel's plain "CSV" is saved in the system's
/// code page, Windows-1252 in Western Europe and the Americas.
pub const EXCEL_HINT: &str =
    "if the sheet was saved by Excel as plain CSV, pass `--encoding windows-1252`";

/// Why grading could not run (problems with a sheet as a whole, or I/O); problems with single
/// rows are rejections instead.
#[derive(Debug, thiserror::Error)]
pub enum GradeError {
    /// A file could not be read.
    #[error("cannot access `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An output could not be written.
    #[error("cannot write `{path}`: {source}")]
    Write {
        /// The output.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The CSV reader failed (an I/O error inside the parser).
    #[error("cannot read `{path}` as CSV: {message}")]
    Csv {
        /// The sheet.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// A cell or record of the sheet runs past its cap ([`crate::source::read::SHEET_CELL`],
    /// [`crate::source::read::SHEET_RECORD`]); its end may never come, so the read stops.
    #[error(
        "{path}:{line}: the {unit} that starts here runs past {size}, the most qbank reads for one {unit}; a quote that never closes does this, or a file that is not a CSV sheet",
        path = path.display(),
        size = crate::source::read::size(cap.bytes),
        unit = quotes::unit(*cap)
    )]
    Overlong {
        /// The sheet.
        path: PathBuf,
        /// 1-based line where the cell or record starts.
        line: u64,
        /// The cap it ran past.
        cap: crate::source::read::Cap,
    },
    /// The sheet has no header row.
    #[error("sheet `{path}` is empty; it needs a header row")]
    EmptySheet {
        /// The sheet.
        path: PathBuf,
    },
    /// The file is a spreadsheet workbook (Excel, `OpenDocument`), not a CSV sheet.
    #[error(
        "`{path}` is {kind}, not a CSV sheet; export it as CSV first (Excel: File → Save As → CSV UTF-8; Microsoft Forms and Google Forms can download responses as CSV)"
    )]
    Workbook {
        /// The file.
        path: PathBuf,
        /// What it is (`an Excel workbook`, …).
        kind: &'static str,
    },
    /// The header row is not UTF-8.
    #[error(
        "the header of `{path}` is not UTF-8 (column {column}, byte {offset} of the cell); {EXCEL_HINT}"
    )]
    HeaderEncoding {
        /// The sheet.
        path: PathBuf,
        /// 1-based column.
        column: usize,
        /// Byte offset in the cell of the first invalid byte.
        offset: usize,
    },
    /// A column named on the command line (or by default) is missing.
    #[error(
        "the sheet has no `{name}` column (columns: {headers}){hint}; pass the column's name with `{flag}`"
    )]
    MissingColumn {
        /// The column looked for.
        name: String,
        /// `; did you mean …?` when a header is close, else empty.
        hint: String,
        /// The flag that names it.
        flag: String,
        /// The header row.
        headers: String,
    },
    /// `--column HEADER=ID` names a question the bank does not have.
    #[error("`--column` names the question `{id}`, which the bank does not have{hint}")]
    UnknownQuestion {
        /// The id as given.
        id: String,
        /// `; did you mean …?` or empty.
        hint: String,
    },
    /// Two columns are headed by the name of a column the grader needs.
    #[error(
        "columns {first} and {second} are both headed `{name}`; rename or remove one, or name the column to read with `{flag}`"
    )]
    DuplicateColumn {
        /// The header, as the first of the two has it.
        name: String,
        /// 1-based column of the first.
        first: usize,
        /// 1-based column of the second.
        second: usize,
        /// The flag that names the column.
        flag: String,
    },
    /// A wide sheet has no column that could hold candidate names.
    #[error(
        "cannot tell which column names the candidate (read as {read_as}, the columns are: {headers}); name it with `--candidate-col`, or pass `--delimiter` if the fields are separated by another character",
        read_as = separated(*.delimiter)
    )]
    NoCandidateColumn {
        /// The header row.
        headers: String,
        /// The delimiter the header was split on: a wrong one makes one odd column.
        delimiter: u8,
    },
    /// A wide sheet has no column headed by a question id or prompt.
    #[error(
        "no column is headed by a question id or prompt of the bank (read as {read_as}, the columns are: {headers}); use `--layout long` for `candidate,question,answer` sheets, or pass `--delimiter` if the fields are separated by another character",
        read_as = separated(*.delimiter)
    )]
    NoQuestionColumns {
        /// The header row.
        headers: String,
        /// The delimiter the header was split on.
        delimiter: u8,
    },
    /// A wide sheet's column reads as a question but names none of the bank's (an edited
    /// heading): grading without it would drop the question from every total.
    #[error(
        "column {column} of `{path}`, `{header}`, reads as a question but names none of the bank's{hint}\nhelp: if it answers a question of the bank, name it: `--column {mapped}`{example}\nhelp: if it is no question of the bank, pass `--ignore-column {ignored}`",
        path = sheet.display(),
        hint = suggestion.as_ref().map(|(id, prompt)| format!("; did you mean `{id}` (\"{prompt}\")?")).unwrap_or_default(),
        mapped = shell_quoted(&format!("{header}=ID")),
        example = suggestion.as_ref().map(|(id, _)| format!(" (here `--column {}`)", shell_quoted(&format!("{header}={id}")))).unwrap_or_default(),
        ignored = shell_quoted(header),
    )]
    UnmatchedQuestionColumn {
        /// The sheet (set by the reader, which knows it).
        sheet: PathBuf,
        /// 1-based column.
        column: usize,
        /// Its heading.
        header: String,
        /// The id and visible prompt of the closest question, if any shares a word.
        suggestion: Option<(String, String)>,
    },
    /// A repeated submission's time cannot be read, so which one to keep is unknown.
    #[error(
        "line {line} of `{path}`: the submission time `{value}` is not a date and time qbank reads (such as `2026-11-29 10:01:02`, `2026/11/29 10:01:02 AM GMT`, `11/29/2026 10:01` or `29.11.2026 10:01`), and this candidate submitted more than once\nhelp: correct the time, or remove the submission that should not count"
    )]
    Timestamp {
        /// The sheet.
        path: PathBuf,
        /// The line of the row.
        line: u64,
        /// The cell.
        value: String,
    },
    /// A row of `--overrides` that cannot apply.
    #[error("{}:{line}: {message}", path.display())]
    Override {
        /// The overrides file.
        path: PathBuf,
        /// Line of the row.
        line: u64,
        /// What is wrong, one lower-case sentence.
        message: String,
    },
    /// Two columns of a wide sheet name the same question.
    #[error("two columns name question `{question}`; keep one")]
    DuplicateQuestionColumn {
        /// The question id.
        question: String,
    },
}

/// `text` as one word of a POSIX shell command line: in single quotes, a quote inside written
/// `'\''`, so a suggested flag can be pasted as it is.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// How a sheet was split, in words: `comma-separated`, `tab-separated`, …
fn separated(delimiter: u8) -> String {
    match delimiter {
        b',' => "comma-separated".to_owned(),
        b';' => "semicolon-separated".to_owned(),
        b'\t' => "tab-separated".to_owned(),
        b'|' => "pipe-separated".to_owned(),
        other => format!("`{}`-separated", char::from(other)),
    }
}

impl GradeError {
    /// The error with the sheet it is about, for the errors that name one.
    #[must_use]
    pub fn in_sheet(mut self, path: &std::path::Path) -> Self {
        if let Self::UnmatchedQuestionColumn { sheet, .. } = &mut self {
            path.clone_into(sheet);
        }
        self
    }

    /// The error of the csv reader over `path`: a cell or record past its cap (which the
    /// reader learned from the quote watch over the sheet) is the sheet's problem, anything
    /// else a failure to read it.
    pub fn from_csv(path: &std::path::Path, e: &csv::Error) -> Self {
        if let csv::ErrorKind::Io(io) = e.kind()
            && let Some(&quotes::Overlong { line, cap }) =
                io.get_ref().and_then(|inner| inner.downcast_ref())
        {
            return Self::Overlong { path: path.to_owned(), line, cap };
        }
        Self::Csv { path: path.to_owned(), message: e.to_string() }
    }

    /// Whether the error is about reading or writing files (exit 2) rather than the sheet's
    /// content (exit 1).
    pub fn is_io(&self) -> bool {
        matches!(self, Self::Io { .. } | Self::Write { .. } | Self::Csv { .. })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggested_flags_quote_headings_for_the_shell() {
        assert_eq!(super::shell_quoted("Why?=ring"), "'Why?=ring'");
        assert_eq!(super::shell_quoted("What's $x?"), r"'What'\''s $x?'");
    }
}
