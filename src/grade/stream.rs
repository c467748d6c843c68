//! Streaming sheets into graded chunks: rows are read and checked in order on one thread, each
//! chunk is graded on all cores while the next one is read, and results come back in input
//! order.

use std::collections::HashMap;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::GradeError;
use super::layout::{ColumnNames, Columns, Layout, resolve};
use super::sheet::{Sheet, open};
use crate::model::Bank;
use crate::rubric::{Grade, QuestionGrader};

/// Answers per chunk: big enough to amortize thread hand-offs, small enough to keep memory flat.
pub const CHUNK: usize = 8192;

/// How to read the sheets.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Layout of every sheet.
    pub layout: Layout,
    /// Column names.
    pub names: ColumnNames,
    /// Delimiter, or `None` to sniff.
    pub delimiter: Option<u8>,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

/// One answer to grade.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Index of the candidate (in order of first appearance).
    pub candidate: u32,
    /// Index of the question in the bank.
    pub question: u32,
    /// The answer text.
    pub text: String,
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
}

/// A chunk of answers and rejected rows, in input order.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Answers to grade.
    pub answers: Vec<Answer>,
    /// Rows rejected while reading the chunk.
    pub rejected: Vec<Rejected>,
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
    question_index: HashMap<String, u32>,
    /// Row counts so far.
    pub tally: Tally,
    /// Per sheet: the ignored columns of a wide sheet.
    pub ignored: Vec<(PathBuf, Vec<String>)>,
}

impl<'b> Reader<'b> {
    /// Prepares to read `paths` in order.
    pub fn new(bank: &'b Bank, paths: &[PathBuf], options: Options) -> Self {
        let question_index =
            bank.questions.iter().enumerate().map(|(i, q)| (q.id.to_string(), i as u32)).collect();
        Self {
            bank,
            options,
            paths: paths.to_vec(),
            next_path: 0,
            current: None,
            done_bytes: 0,
            record: csv::ByteRecord::new(),
            people: People {
                stride: bank.questions.len().div_ceil(64).max(1),
                ..People::default()
            },
            question_index,
            tally: Tally::default(),
            ignored: Vec::new(),
        }
    }

    /// Bytes consumed so far, over all sheets.
    fn position(&self) -> u64 {
        self.done_bytes + self.current.as_ref().map_or(0, |(s, _)| s.reader.position().byte())
    }

    /// Reads up to [`CHUNK`] answers; an empty chunk means every sheet is done.
    pub fn next_chunk(&mut self) -> Result<Chunk, GradeError> {
        let mut chunk = Chunk::default();
        while chunk.answers.len() < CHUNK && chunk.rejected.len() < CHUNK {
            if self.current.is_none() {
                let Some(path) = self.paths.get(self.next_path).cloned() else { break };
                self.next_path += 1;
                let sheet = open(&path, self.options.delimiter)?;
                let columns =
                    resolve(&sheet.headers, self.bank, self.options.layout, &self.options.names)?;
                if let Columns::Wide { ignored, .. } = &columns {
                    self.ignored.push((path.clone(), ignored.clone()));
                }
                self.current = Some((sheet, columns));
            }
            let Some((sheet, _)) = self.current.as_mut() else { break };
            let more = sheet.reader.read_byte_record(&mut self.record).map_err(|e| {
                GradeError::Csv { path: sheet.path.clone(), message: e.to_string() }
            })?;
            if !more {
                if let Some((sheet, _)) = self.current.take() {
                    self.done_bytes += sheet.len;
                }
                continue;
            }
            if self.record.iter().all(<[u8]>::is_empty) {
                continue; // a blank line is not a row
            }
            self.tally.read += 1;
            match self.row(&mut chunk.answers) {
                Ok(n) => {
                    self.tally.graded += 1;
                    self.tally.answers += n;
                }
                Err(rejected) => {
                    self.tally.rejected += 1;
                    chunk.rejected.push(*rejected);
                }
            }
        }
        Ok(chunk)
    }

    /// Turns the current record into answers, or a rejection.
    fn row(&mut self, out: &mut Vec<Answer>) -> Result<u64, Box<Rejected>> {
        let Some((sheet, columns)) = self.current.take() else { return Ok(0) };
        let result = row(
            &self.record,
            &sheet,
            &columns,
            self.bank,
            &self.question_index,
            &mut self.people,
            out,
        );
        self.current = Some((sheet, columns));
        result
    }
}

/// Who has been seen, and which questions each candidate answered (a bitset per candidate).
#[derive(Debug, Default)]
struct People {
    names: Vec<String>,
    index: HashMap<String, u32>,
    seen: Vec<u64>,
    stride: usize,
}

impl People {
    fn intern(&mut self, candidate: &str) -> u32 {
        if let Some(&c) = self.index.get(candidate) {
            return c;
        }
        let c = self.names.len() as u32;
        self.names.push(candidate.to_owned());
        self.index.insert(candidate.to_owned(), c);
        self.seen.extend(std::iter::repeat_n(0, self.stride));
        c
    }

    /// Marks that candidate `c` answered question `q`; returns whether it already had.
    fn mark(&mut self, c: u32, q: u32) -> bool {
        let word = &mut self.seen[c as usize * self.stride + q as usize / 64];
        let bit = 1u64 << (q % 64);
        let had = *word & bit != 0;
        *word |= bit;
        had
    }
}

/// Checks one record and turns it into answers, or says why it cannot be graded.
fn row(
    record: &csv::ByteRecord,
    sheet: &Sheet,
    columns: &Columns,
    bank: &Bank,
    question_index: &HashMap<String, u32>,
    people: &mut People,
    out: &mut Vec<Answer>,
) -> Result<u64, Box<Rejected>> {
    let position = record.position().cloned().unwrap_or_else(csv::Position::new);
    let cell = |i: usize| record.get(i).map(|b| String::from_utf8_lossy(b).trim().to_owned());
    let (cand_col, question_col) = match columns {
        Columns::Long { candidate, question, .. } => (*candidate, Some(*question)),
        Columns::Wide { candidate, .. } => (*candidate, None),
    };
    let reject = |reason: String| {
        Box::new(Rejected {
            sheet: sheet.path.clone(),
            row: position.record() + 1,
            line: position.line(),
            reason,
            candidate: cell(cand_col).unwrap_or_default(),
            question: question_col.and_then(cell).unwrap_or_default(),
        })
    };
    if record.len() != sheet.headers.len() {
        let (got, want) = (record.len(), sheet.headers.len());
        return Err(reject(format!("malformed row: {got} fields where the header has {want}")));
    }
    if let Some((column, offset)) = invalid_utf8(record) {
        let name = &sheet.headers[column - 1];
        return Err(reject(format!(
            "invalid UTF-8 in column {column} (`{name}`) at byte {offset} of the cell"
        )));
    }
    let text = |i: usize| std::str::from_utf8(&record[i]).unwrap_or_default();
    let candidate = text(cand_col).trim();
    if candidate.is_empty() {
        return Err(reject("empty candidate".into()));
    }
    match columns {
        Columns::Long { question, answer, human, .. } => {
            let qid = text(*question).trim();
            let Some(&q) = question_index.get(qid) else {
                let ids = bank.questions.iter().map(|q| q.id.as_str());
                return Err(reject(match crate::diagnostics::did_you_mean(qid, ids) {
                    Some(s) => format!("unknown question `{qid}`; did you mean `{s}`?"),
                    None => format!("unknown question `{qid}`"),
                }));
            };
            let human = match human.map(|h| text(h).trim()) {
                None | Some("") => None,
                Some(s) => match s.parse::<f64>() {
                    Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
                    _ => {
                        return Err(reject(format!(
                            "human score `{s}` is not a non-negative number"
                        )));
                    }
                },
            };
            let c = people.intern(candidate);
            if people.mark(c, q) {
                return Err(reject(format!("duplicate answer of `{candidate}` to `{qid}`")));
            }
            out.push(Answer { candidate: c, question: q, text: text(*answer).to_owned(), human });
            Ok(1)
        }
        Columns::Wide { questions, .. } => {
            if people.index.contains_key(candidate) {
                return Err(reject(format!("duplicate candidate `{candidate}`")));
            }
            let c = people.intern(candidate);
            for &(col, q) in questions {
                people.mark(c, q as u32);
                out.push(Answer {
                    candidate: c,
                    question: q as u32,
                    text: text(col).to_owned(),
                    human: None,
                });
            }
            Ok(questions.len() as u64)
        }
    }
}

/// The first cell that is not UTF-8: 1-based column and byte offset in the cell.
fn invalid_utf8(record: &csv::ByteRecord) -> Option<(usize, usize)> {
    if std::str::from_utf8(record.as_slice()).is_ok() {
        return None;
    }
    record
        .iter()
        .enumerate()
        .find_map(|(i, f)| std::str::from_utf8(f).err().map(|e| (i + 1, e.valid_up_to())))
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
    let progress = options.progress;
    let mut reader = Reader::new(bank, paths, options);
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
                    .map(|a| graders[a.question as usize].grade(&a.text))
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
    Ok(Streamed { tally: reader.tally, ignored: reader.ignored, candidates: reader.people.names })
}
