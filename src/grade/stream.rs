//! Streaming sheets into graded chunks: rows are read and checked in order on one thread, each
//! chunk is graded on all cores while the next one is read, and results come back in input
//! order.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::GradeError;
use super::layout::{ColumnNames, Columns, Layout, QuestionLookup, resolve};
use super::rows::{Lookup, People, row};
use super::sheet::{Sheet, open};
use crate::model::Bank;
use crate::rubric::{Grade, QuestionGrader};

/// Answers per chunk: big enough to amortize thread hand-offs, small enough to keep memory flat.
pub const CHUNK: usize = 8192;

/// Answer text per chunk after which the chunk is closed early, so very long answers keep
/// memory flat too (and chunk offsets fit in `u32`).
pub const CHUNK_BYTES: usize = 64 << 20;

/// How to read the sheets.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Layout of every sheet.
    pub layout: Layout,
    /// Column names.
    pub names: ColumnNames,
    /// Delimiter, or `None` to sniff.
    pub delimiter: Option<u8>,
    /// Encoding of the sheets, or `None` for UTF-8 (UTF-16 when a BOM or NUL bytes say so).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Which of a candidate's repeated submissions is graded.
    pub keep: super::keep::Keep,
}

/// One answer to grade.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Index of the candidate (in order of first appearance).
    pub candidate: u32,
    /// Index of the question in the bank.
    pub question: u32,
    /// Where the answer text lies in [`Chunk::texts`].
    pub span: (u32, u32),
    /// The human score, when a human column was read.
    pub human: Option<f64>,
}

/// A row that could not be graded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The sheet it came from.
    pub sheet: PathBuf,
    /// Spreadsheet row number (the header is row 1).
    pub row: u64,
    /// Line of the file where the row starts.
    pub line: u64,
    /// Why it was rejected: one lower-case sentence.
    pub reason: String,
    /// The candidate cell, when readable.
    pub candidate: String,
    /// The question cell (long layout), when readable.
    pub question: String,
    /// Whether it was rejected for invalid UTF-8, so the run can say how to read the sheet.
    pub not_utf8: bool,
}

/// A chunk of answers and rejected rows, in input order.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Answers to grade.
    pub answers: Vec<Answer>,
    /// Every answer text of the chunk, one after the other (one allocation per chunk).
    pub texts: String,
    /// Rows rejected while reading the chunk.
    pub rejected: Vec<Rejected>,
}

impl Chunk {
    /// The text of one of this chunk's answers.
    pub fn text(&self, answer: &Answer) -> &str {
        self.texts.get(answer.span.0 as usize..answer.span.1 as usize).unwrap_or_default()
    }

    /// Appends an answer with its text.
    pub(super) fn push(&mut self, candidate: u32, question: u32, text: &str, human: Option<f64>) {
        let start = self.texts.len() as u32;
        self.texts.push_str(text);
        let span = (start, self.texts.len() as u32);
        self.answers.push(Answer { candidate, question, span, human });
    }
}

/// Row counts: `read == graded + rejected`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Data rows read (headers excluded).
    pub read: u64,
    /// Rows whose answers were graded.
    pub graded: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Answers graded (a wide row holds several).
    pub answers: u64,
    /// Rows rejected for invalid UTF-8 (among `rejected`): a sheet in another encoding, which
    /// `--encoding` reads. Not in the JSON summary.
    #[serde(skip)]
    pub not_utf8: u64,
}

/// The reading side: sheets, candidates seen, and which candidate answered which question.
pub struct Reader<'b> {
    bank: &'b Bank,
    options: Options,
    paths: Vec<PathBuf>,
    next_path: usize,
    current: Option<(Sheet, Columns)>,
    done_bytes: u64,
    record: csv::ByteRecord,
    people: People,
    question_index: QuestionLookup,
    /// The kept submissions, when a first pass decided them.
    winners: Option<super::keep::Winners>,
    /// Row counts so far.
    pub tally: Tally,
    /// Per sheet: the ignored columns of a wide sheet.
    pub ignored: Vec<(PathBuf, Vec<String>)>,
    /// Per question: whether a sheet asks it (a wide column, or a graded long row).
    pub asked: Vec<bool>,
}

impl<'b> Reader<'b> {
    /// Prepares to read `paths` in order.
    pub fn new(bank: &'b Bank, paths: &[PathBuf], options: Options) -> Self {
        let question_index = QuestionLookup::new(bank);
        Self {
            bank,
            options,
            paths: paths.to_vec(),
            next_path: 0,
            current: None,
            done_bytes: 0,
            record: csv::ByteRecord::new(),
            people: People::new(bank.questions.len()),
            question_index,
            winners: None,
            tally: Tally::default(),
            ignored: Vec::new(),
            asked: vec![false; bank.questions.len()],
        }
    }

    /// Bytes consumed so far, over all sheets.
    fn position(&self) -> u64 {
        self.done_bytes + self.current.as_ref().map_or(0, |(s, _)| s.reader.position().byte())
    }

    /// Reads up to [`CHUNK`] answers; an empty chunk means every sheet is done.
    pub fn next_chunk(&mut self) -> Result<Chunk, GradeError> {
        let mut chunk = Chunk::default();
        while chunk.answers.len() < CHUNK
            && chunk.rejected.len() < CHUNK
            && chunk.texts.len() < CHUNK_BYTES
        {
            if self.current.is_none() {
                let Some(path) = self.paths.get(self.next_path).cloned() else { break };
                self.next_path += 1;
                let sheet = open(&path, self.options.delimiter, self.options.encoding)?;
                let (layout, names) = (self.options.layout, &self.options.names);
                let columns = resolve(&sheet.headers, sheet.delimiter, self.bank, layout, names)
                    .map_err(|e| e.in_sheet(&path))?;
                if let Columns::Wide { ignored, questions, .. } = &columns {
                    for &(_, q) in questions {
                        self.asked[q] = true;
                    }
                    // A column without a header says nothing when listed as ignored (and the
                    // further options of a multi-select question are not ignored).
                    let headed = ignored.iter().filter(|h| !h.is_empty()).cloned().collect();
                    self.ignored.push((path.clone(), headed));
                }
                self.current = Some((sheet, columns));
            }
            let Some((sheet, _)) = self.current.as_mut() else { break };
            let more = match sheet.pending.pop_front() {
                Some(record) => {
                    self.record = record;
                    true
                }
                None => sheet
                    .reader
                    .read_byte_record(&mut self.record)
                    .map_err(|e| GradeError::from_csv(&sheet.path, &e))?,
            };
            if !more {
                if let Some((sheet, _)) = self.current.take() {
                    self.done_bytes += sheet.len;
                }
                continue;
            }
            if self.record.iter().all(|cell| cell.trim_ascii().is_empty()) {
                continue; // a blank line is not a row
            }
            self.tally.read += 1;
            let start = self.record.position().map_or(0, csv::Position::byte);
            match self.row(&mut chunk) {
                Ok(n) => {
                    self.tally.graded += 1;
                    self.tally.answers += n;
                    for answer in &chunk.answers[chunk.answers.len().saturating_sub(n as usize)..] {
                        self.asked[answer.question as usize] = true;
                    }
                }
                Err(rejected) => {
                    self.tally.rejected += 1;
                    self.tally.not_utf8 += u64::from(rejected.not_utf8);
                    chunk.rejected.push(*rejected);
                }
            }
            if let Some((sheet, _)) = self.current.as_mut() {
                sheet.reader.get_mut().settle(start);
            }
        }
        Ok(chunk)
    }

    /// Turns the current record into answers, or a rejection.
    fn row(&mut self, out: &mut Chunk) -> Result<u64, Box<Rejected>> {
        let Some((sheet, columns)) = self.current.take() else { return Ok(0) };
        let lookup = Lookup {
            bank: self.bank,
            questions: &self.question_index,
            winners: self.winners.as_ref(),
        };
        let result =
            row(&self.record, &sheet, &columns, &lookup, self.tally.read, &mut self.people, out);
        self.current = Some((sheet, columns));
        result
    }
}

/// What a finished stream reports.
#[derive(Debug, Clone)]
pub struct Streamed {
    /// Row counts.
    pub tally: Tally,
    /// Per wide sheet, the columns that were neither candidate nor question.
    pub ignored: Vec<(PathBuf, Vec<String>)>,
    /// Candidate names, by index.
    pub candidates: Vec<String>,
    /// Per question: whether a sheet asks it.
    pub asked: Vec<bool>,
}

/// Reads every sheet, grades every answer and hands each chunk with its grades (same order) to
/// `each`, along with the candidate names so far. Reading the next chunk overlaps grading.
pub fn stream(
    bank: &Bank,
    graders: &[QuestionGrader],
    paths: &[PathBuf],
    options: Options,
    mut each: impl FnMut(&Chunk, &[Grade], &[String]) -> Result<(), GradeError> + Send,
) -> Result<Streamed, GradeError> {
    // Every sheet's columns are resolved first: a sheet that cannot be graded (an edited
    // heading, a missing column) stops the run before any row is graded.
    let winners = super::keep::winners(bank, paths, &options)?;
    let progress = options.progress;
    let mut reader = Reader::new(bank, paths, options);
    reader.winners = winners;
    let total: u64 = paths.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    let bar = if progress { ProgressBar::new(total) } else { ProgressBar::hidden() };
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {elapsed} ({eta} left)")
    {
        bar.set_style(style);
    }
    // Three stages overlap: while chunk k is graded on all cores, chunk k-1 is handed to
    // `each` (written) and chunk k+1 is read, in that order, on another thread.
    let mut chunk = reader.next_chunk()?;
    let mut previous: Option<(Chunk, Vec<Grade>)> = None;
    while !(chunk.answers.is_empty() && chunk.rejected.is_empty()) {
        let (graded, next) = rayon::join(
            || {
                chunk
                    .answers
                    .par_iter()
                    .map(|a| graders[a.question as usize].grade(chunk.text(a)))
                    .collect::<Vec<_>>()
            },
            || {
                if let Some((done, grades)) = previous.take() {
                    // Candidates interned while reading ahead are appended, so indexes hold.
                    each(&done, &grades, &reader.people.names)?;
                }
                reader.next_chunk()
            },
        );
        bar.set_position(reader.position());
        previous = Some((chunk, graded));
        chunk = next?;
    }
    if let Some((done, grades)) = previous.take() {
        each(&done, &grades, &reader.people.names)?;
    }
    bar.finish_and_clear();
    Ok(Streamed {
        tally: reader.tally,
        ignored: reader.ignored,
        candidates: reader.people.names,
        asked: reader.asked,
    })
}
