//! Repeated submissions (`--keep first|last`): which of a candidate's submissions is graded.
//!
//! A first pass over the sheets, before any row is graded, finds each candidate's kept row: by
//! the submission-time column when every sheet has one (`Timestamp`, `Completion time`, …),
//! else by file order (sheets in the order given, rows in file order). Ties in time go by file
//! order. It
//! keeps only the kept row's number per candidate (per candidate and question in a long sheet),
//! so memory grows with candidates, never with rows. The grading pass then rejects every other
//! row of the candidate as superseded, so rows in = graded + rejected still holds.
//!
//! The pass runs for `--keep last`, and for `--keep first` when the sheets have submission
//! times (the earliest submission may sit below a later one); otherwise the grading pass keeps
//! the first row it meets, as it always has. A time that cannot be read is an error only where
//! it decides something: on a row of a candidate who submitted more than once.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::ValueEnum;
use jiff::civil::DateTime;

use super::GradeError;
use super::layout::{Columns, QuestionLookup, resolve};
use super::rows::{well_formed, who};
use super::sheet::open;
use super::stream::Options;
use super::timestamp::{DateOrder, Reader};
use crate::model::Bank;

/// Which of a candidate's repeated submissions is graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Keep {
    /// The earliest submission.
    #[default]
    First,
    /// The latest submission (a candidate who corrected an answer).
    Last,
}

impl Keep {
    fn name(self) -> &'static str {
        match self {
            Keep::First => "first",
            Keep::Last => "last",
        }
    }
}

/// What a submission is keyed by: the candidate's key, and the question for a long sheet's row
/// (`u32::MAX` for a wide row, which is a whole submission).
type Key = (String, u32);

/// Where a kept row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    /// Data rows read before it, over all sheets, plus one (as the grading pass counts them).
    pub ordinal: u64,
    /// Its line in its sheet.
    pub line: u64,
    /// Its sheet, as an index into the paths.
    pub sheet: usize,
}

/// The kept row of every candidate (and question, in long sheets).
#[derive(Debug, Clone)]
pub struct Winners {
    keep: Keep,
    by_time: bool,
    sheets: Vec<PathBuf>,
    kept: HashMap<Key, Kept>,
}

impl Winners {
    /// Why the row `ordinal` of `key` (and `question`) is not graded, when another row of the
    /// same candidate is kept instead.
    pub fn superseded(&self, key: &str, question: Option<u32>, ordinal: u64) -> Option<String> {
        let kept = self.kept.get(&(key.to_owned(), question.unwrap_or(u32::MAX)))?;
        (kept.ordinal != ordinal).then(|| {
            let by = if self.by_time { "submission time" } else { "file order" };
            format!(
                "superseded: `--keep {}` keeps the {} submission by {by}, on line {} of `{}`",
                self.keep.name(),
                if self.keep == Keep::First { "earliest" } else { "latest" },
                kept.line,
                self.sheets[kept.sheet].display()
            )
        })
    }
}

/// A candidate's best row so far under one date order: `(time, ordinal)` and where it is.
type Best = Option<((DateTime, u64), Kept)>;

/// What the pass keeps for one key of one sheet: the best row under each date order.
#[derive(Debug, Default)]
struct Seen {
    best: [Best; 3],
}

/// Resolves every sheet's columns, so a sheet that cannot be graded (an edited heading, a
/// missing column) stops the run before any row is graded; then finds the kept rows, or `None`
/// when the grading pass's own rule (first in file order) decides.
pub fn winners(
    bank: &Bank,
    paths: &[PathBuf],
    options: &Options,
) -> Result<Option<Winners>, GradeError> {
    let mut columns = Vec::with_capacity(paths.len());
    for path in paths {
        let sheet = open(path, options.delimiter, options.encoding)?;
        columns.push(
            resolve(&sheet.headers, sheet.delimiter, bank, options.layout, &options.names)
                .map_err(|e| e.in_sheet(path))?,
        );
    }
    let timed = |c: &Columns| match c {
        Columns::Long { timestamp, .. } | Columns::Wide { timestamp, .. } => timestamp.is_some(),
    };
    let by_time = !columns.is_empty() && columns.iter().all(timed);
    if options.keep == Keep::First && !by_time {
        return Ok(None);
    }
    let mut pass = Pass {
        keep: options.keep,
        by_time,
        kept: HashMap::new(),
        rows: HashMap::new(),
        unreadable: HashMap::new(),
        ordinal: 0,
    };
    let lookup = QuestionLookup::new(bank);
    for (index, (path, columns)) in paths.iter().zip(&columns).enumerate() {
        pass.sheet(index, path, columns, &lookup, options)?;
    }
    // The first such row in sheet and line order, whatever order the map keeps.
    if let Some((line, sheet, value)) = pass
        .unreadable
        .iter()
        .filter(|(key, _)| pass.rows.get(*key).is_some_and(|&n| n > 1))
        .map(|(_, at)| at)
        .min_by_key(|(line, sheet, _)| (*sheet, *line))
    {
        return Err(GradeError::Timestamp {
            path: paths[*sheet].clone(),
            line: *line,
            value: value.clone(),
        });
    }
    let kept = pass.kept.into_iter().map(|(key, (_, here))| (key, here)).collect();
    Ok(Some(Winners { keep: options.keep, by_time, sheets: paths.to_vec(), kept }))
}

/// The state of the first pass.
struct Pass {
    keep: Keep,
    by_time: bool,
    kept: HashMap<Key, ((DateTime, u64), Kept)>,
    /// Rows per key, over every sheet.
    rows: HashMap<Key, u64>,
    /// Per key, the first row whose time cannot be read: line, sheet and the cell.
    unreadable: HashMap<Key, (u64, usize, String)>,
    ordinal: u64,
}

impl Pass {
    /// Whether `a` is kept over `b`.
    fn better(&self, a: (DateTime, u64), b: (DateTime, u64)) -> bool {
        match self.keep {
            Keep::First => a < b,
            Keep::Last => a > b,
        }
    }

    /// Reads one sheet's keys and times, and merges its kept rows into the others'.
    fn sheet(
        &mut self,
        index: usize,
        path: &std::path::Path,
        columns: &Columns,
        lookup: &QuestionLookup,
        options: &Options,
    ) -> Result<(), GradeError> {
        let mut sheet = open(path, options.delimiter, options.encoding)?;
        let csv_error = |e: csv::Error| GradeError::from_csv(path, &e);
        let timestamp = match columns {
            Columns::Long { timestamp, .. } | Columns::Wide { timestamp, .. } => *timestamp,
        };
        // Date orders every readable time of the sheet fits.
        let mut fits = [true; 3];
        let mut seen: HashMap<Key, Seen> = HashMap::new();
        let mut record = csv::ByteRecord::new();
        let mut times_reader = Reader::new();
        loop {
            match sheet.pending.pop_front() {
                Some(r) => record = r,
                None => {
                    if !sheet.reader.read_byte_record(&mut record).map_err(csv_error)? {
                        break;
                    }
                }
            }
            // The line of the row as the grading pass computes it, and the blank lines before
            // it forgotten (their queue would otherwise grow with a sheet of blank lines).
            let position = record.position().cloned().unwrap_or_else(csv::Position::new);
            let (_, blank_at) = sheet.reader.get_ref().blank_lines_at(position.byte(), sheet.crlf);
            sheet.reader.get_mut().settle(position.byte());
            let line = position.line() + u64::from(sheet.crlf) + sheet.lines_before + blank_at;
            if record.iter().all(|cell| cell.trim_ascii().is_empty()) {
                continue;
            }
            self.ordinal += 1;
            // Rows the grading pass rejects for their shape are no submission to keep.
            if !well_formed(&record, &sheet.headers) {
                continue;
            }
            let text = |i: usize| {
                record.get(i).and_then(|c| std::str::from_utf8(c).ok()).unwrap_or_default()
            };
            let Some((key, _)) = who(&text, columns) else { continue };
            let question = match columns {
                Columns::Long { question, .. } => match lookup.find(text(*question)) {
                    Some(q) => q,
                    None => continue,
                },
                Columns::Wide { .. } => u32::MAX,
            };
            let here = Kept { ordinal: self.ordinal, line, sheet: index };
            let key = (key.into_owned(), question);
            *self.rows.entry(key.clone()).or_default() += 1;
            let entry = seen.entry(key.clone()).or_default();
            let times: Vec<Option<DateTime>> = match timestamp.filter(|_| self.by_time) {
                // File order: one "time" for every row, so the ordinal decides.
                None => vec![Some(DateTime::default()); 3],
                // Orders an earlier time ruled out are not tried again (while one is left).
                Some(col) => {
                    let open = if fits.contains(&true) { fits } else { [true; 3] };
                    DateOrder::ALL
                        .iter()
                        .zip(open)
                        .map(|(&o, open)| open.then(|| times_reader.parse(text(col), o)).flatten())
                        .collect()
                }
            };
            if times.iter().all(Option::is_none) {
                let value = timestamp.map(|c| text(c).to_owned()).unwrap_or_default();
                self.unreadable.entry(key).or_insert((line, index, value));
                continue;
            }
            for (o, time) in times.iter().enumerate() {
                fits[o] &= time.is_some();
                if let Some(t) = *time {
                    let candidate = (t, self.ordinal);
                    let keep = match entry.best[o] {
                        Some((best, _)) => self.better(candidate, best),
                        None => true,
                    };
                    if keep {
                        entry.best[o] = Some((candidate, here));
                    }
                }
            }
        }
        // The first date order that reads every time of the sheet; with none (a sheet that
        // mixes `29/11` and `11/29`), the first that reads the row.
        let order = fits.iter().position(|&f| f).unwrap_or(0);
        for (key, entry) in seen {
            let best = entry.best[order].or_else(|| entry.best.iter().flatten().next().copied());
            if let Some((time, here)) = best {
                self.merge(key, time, here);
            }
        }
        Ok(())
    }

    /// Keeps `here` for `key` over what an earlier sheet kept, by time then file order.
    fn merge(&mut self, key: Key, time: (DateTime, u64), here: Kept) {
        let replace = match self.kept.get(&key) {
            Some((other, _)) => self.better(time, *other),
            None => true,
        };
        if replace {
            self.kept.insert(key, (time, here));
        }
    }
}
