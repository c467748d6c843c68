//! Writing the CSV outputs. Every file is written to a temporary file first, and every text cell
//! goes through [`safe`]. The outputs of a run are renamed into place together, once all of them
//! are written ([`commit_all`]): a failed run leaves the previous set whole, never a mix.

use std::path::{Path, PathBuf};

use std::fmt::Write as _;

use atomic_write_file::AtomicWriteFile;

use super::GradeError;
use super::csvcell::safe;
use super::stats::Analysis;
use super::stream::{Answer, Rejected};
use crate::model::Bank;
use crate::rubric::{CriterionResult, Grade};

/// A CSV file being written atomically: nothing appears at `path` until it is committed.
pub struct CsvOut {
    path: PathBuf,
    writer: csv::Writer<std::io::BufWriter<AtomicWriteFile>>,
}

impl CsvOut {
    /// Starts `path` with a header row.
    pub fn create(path: &Path, header: &[&str]) -> Result<Self, GradeError> {
        let target = destination(path)?;
        let file = AtomicWriteFile::open(&target)
            .map_err(|source| GradeError::Write { path: path.to_owned(), source })?;
        let writer = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
        let mut out = Self { path: path.to_owned(), writer };
        out.row(header.iter().copied())?;
        Ok(out)
    }

    /// Writes one row; text cells are neutralized.
    pub fn row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> Result<(), GradeError> {
        self.writer
            .write_record(cells.into_iter().map(|c| safe(c).into_owned()))
            .map_err(|e| self.error(&e))
    }

    /// Writes one row of already safe cells (numbers qbank formats itself, and text passed
    /// through [`safe`] by the caller).
    pub fn raw_row<I, T>(&mut self, cells: I) -> Result<(), GradeError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.writer.write_record(cells).map_err(|e| self.error(&e))
    }

    /// Writes one field of the current row (already safe).
    pub fn field(&mut self, cell: &str) -> Result<(), GradeError> {
        self.writer.write_field(cell).map_err(|e| self.error(&e))
    }

    /// Ends the current row.
    pub fn end_row(&mut self) -> Result<(), GradeError> {
        self.writer.write_record(None::<&[u8]>).map_err(|e| self.error(&e))
    }

    fn error(&self, e: &csv::Error) -> GradeError {
        GradeError::Write { path: self.path.clone(), source: std::io::Error::other(e.to_string()) }
    }

    /// Flushes the file, ready for [`commit_all`].
    pub fn finish(self) -> Result<Staged, GradeError> {
        let path = self.path.clone();
        let io = |source| GradeError::Write { path: path.clone(), source };
        let buffered = self.writer.into_inner().map_err(|e| io(e.into_error()))?;
        let file = buffered.into_inner().map_err(|e| io(e.into_error()))?;
        Ok(Staged { path, file })
    }
}

/// A written output, not yet in place (its temporary file is removed if it is dropped).
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    file: AtomicWriteFile,
}

/// Where an output goes: through symbolic links to the file they name (as `export -o` does),
/// and never onto a directory, device or FIFO, which a rename cannot replace. Checked before any
/// file is written, rather than failing halfway through the set.
fn destination(path: &Path) -> Result<PathBuf, GradeError> {
    let fail = |source| GradeError::Write { path: path.to_owned(), source };
    let target = crate::output::link_target(path).map_err(fail)?;
    match std::fs::symlink_metadata(&target) {
        Ok(m) if m.is_dir() => Err(fail(std::io::Error::other("it is a directory"))),
        Ok(m) if !m.is_file() => Err(fail(std::io::Error::other("it is not a regular file"))),
        _ => Ok(target),
    }
}

/// Renames every staged output into place (each synced first).
pub fn commit_all(staged: Vec<Staged>) -> Result<(), GradeError> {
    for s in &staged {
        destination(&s.path)?;
    }
    for Staged { path, file } in staged {
        file.commit().map_err(|source| GradeError::Write { path, source })?;
    }
    Ok(())
}

/// The first columns of `scores.csv`, always present.
pub const SCORES_HEADER: [&str; 9] = [
    "candidate",
    "question",
    "points",
    "max",
    "criteria",
    "penalties",
    "evidence",
    "not_counted",
    "missed",
];

/// Which optional columns `scores.csv` has, after [`SCORES_HEADER`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ScoreColumns {
    /// `rubric_points`: the rubric's score where an override replaced it (with `--overrides`).
    pub rubric_points: bool,
    /// `answer`: the answer text (with `--with-answers`).
    pub answer: bool,
}

impl ScoreColumns {
    /// The whole header.
    pub fn header(self) -> Vec<&'static str> {
        let mut header = SCORES_HEADER.to_vec();
        if self.rubric_points {
            header.push("rubric_points");
        }
        if self.answer {
            header.push("answer");
        }
        header
    }
}

/// The header of `rejected.csv`.
pub const REJECTED_HEADER: [&str; 6] = ["row", "reason", "sheet", "line", "candidate", "question"];

fn push_met_ids(buf: &mut String, results: &[CriterionResult]) {
    for r in results.iter().filter(|r| r.met) {
        if !buf.is_empty() {
            buf.push(';');
        }
        buf.push_str(r.id.as_str());
    }
}

/// Appends `id: word word; id: word` for every met criterion and penalty with evidence.
fn push_evidence(buf: &mut String, grade: &Grade) {
    for r in
        grade.criteria.iter().chain(&grade.penalties).filter(|r| r.met && !r.evidence.is_empty())
    {
        if !buf.is_empty() {
            buf.push_str("; ");
        }
        buf.push_str(r.id.as_str());
        buf.push(':');
        for word in &r.evidence {
            buf.push(' ');
            buf.push_str(word);
        }
    }
}

/// Appends `id: reason; id: reason` for every criterion and penalty whose words occur but did
/// not count (negated, or the parts of a claim found apart).
fn push_not_counted(buf: &mut String, grade: &Grade) {
    for r in grade.criteria.iter().chain(&grade.penalties) {
        let Some(why) = &r.why else { continue };
        if !buf.is_empty() {
            buf.push_str("; ");
        }
        buf.push_str(r.id.as_str());
        buf.push_str(": ");
        buf.push_str(why);
    }
}

/// `id: word word; id: word` for every met criterion and penalty.
pub fn evidence(grade: &Grade) -> String {
    let mut buf = String::new();
    push_evidence(&mut buf, grade);
    buf
}

/// Appends the ids of the criteria not met (`correct` for an exactly graded question).
fn push_missed(buf: &mut String, results: &[CriterionResult]) {
    for r in results.iter().filter(|r| !r.met) {
        if !buf.is_empty() {
            buf.push(';');
        }
        buf.push_str(r.id.as_str());
    }
}

/// One answer as `scores.csv` writes it.
pub struct ScoreRow<'a> {
    /// The candidate's name.
    pub candidate: &'a str,
    /// The answer.
    pub answer: &'a Answer,
    /// Its text.
    pub text: &'a str,
    /// The rubric's grade.
    pub grade: &'a Grade,
    /// The lead's points, when an override replaces the rubric's.
    pub overridden: Option<u32>,
}

/// Writes one `scores.csv` row, reusing `buf` for the cells it builds.
pub fn score_row(
    out: &mut CsvOut,
    bank: &Bank,
    columns: ScoreColumns,
    row: &ScoreRow<'_>,
    buf: &mut String,
) -> Result<(), GradeError> {
    let ScoreRow { candidate, answer, text, grade, overridden } = *row;
    out.field(&safe(candidate))?;
    out.field(bank.questions[answer.question as usize].id.as_str())?;
    for number in [overridden.unwrap_or(grade.score), grade.max] {
        buf.clear();
        let _ = write!(buf, "{number}");
        out.field(buf)?;
    }
    for list in [&grade.criteria, &grade.penalties] {
        buf.clear();
        push_met_ids(buf, list);
        out.field(buf)?;
    }
    buf.clear();
    push_evidence(buf, grade);
    out.field(&safe(buf))?;
    buf.clear();
    push_not_counted(buf, grade);
    out.field(&safe(buf))?;
    buf.clear();
    push_missed(buf, &grade.criteria);
    out.field(buf)?;
    if columns.rubric_points {
        buf.clear();
        if overridden.is_some() {
            let _ = write!(buf, "{}", grade.score);
        }
        out.field(buf)?;
    }
    if columns.answer {
        out.field(&safe(text))?;
    }
    out.end_row()
}

/// Writes one `rejected.csv` row.
pub fn rejected_row(out: &mut CsvOut, r: &Rejected) -> Result<(), GradeError> {
    let (row, line) = (r.row.to_string(), r.line.to_string());
    let sheet = r.sheet.display().to_string();
    out.raw_row([
        row.as_str(),
        safe(&r.reason).as_ref(),
        safe(&sheet).as_ref(),
        &line,
        safe(&r.candidate).as_ref(),
        safe(&r.question).as_ref(),
    ])
}

fn number(x: Option<f64>) -> String {
    x.map_or_else(String::new, |x| format!("{x:.2}"))
}

/// Writes `candidates.csv`: `candidate,total,max,percent` and a percent column per topic.
pub fn candidates(path: &Path, analysis: &Analysis) -> Result<Staged, GradeError> {
    let mut header = vec!["candidate".to_owned(), "total".into(), "max".into(), "percent".into()];
    header.extend(analysis.topics.iter().map(|(id, _)| format!("{id} %")));
    let mut out = CsvOut::create(path, &header.iter().map(String::as_str).collect::<Vec<_>>())?;
    for c in &analysis.candidates {
        let mut cells = vec![
            safe(&c.candidate).into_owned(),
            c.total.to_string(),
            c.max.to_string(),
            number(Some(c.percent)),
        ];
        cells.extend(c.topics.iter().map(|t| number(*t)));
        out.raw_row(&cells)?;
    }
    out.finish()
}

/// The header of `items.csv`.
pub const ITEMS_HEADER: [&str; 12] = [
    "question",
    "topic",
    "type",
    "n",
    "mean",
    "max",
    "sd",
    "facility",
    "discrimination",
    "flags",
    "criteria",
    "penalties",
];

/// Writes `items.csv`: item analysis per asked question, hit rates as `id=rate;…`, then a row
/// per question no sheet asks: `n` 0, its figures blank and the flag `not-asked`.
pub fn items(path: &Path, analysis: &Analysis, bank: &Bank) -> Result<Staged, GradeError> {
    let mut out = CsvOut::create(path, &ITEMS_HEADER)?;
    let rates = |list: &[super::stats::Rate]| {
        list.iter().map(|r| format!("{}={:.2}", r.id, r.rate)).collect::<Vec<_>>().join(";")
    };
    for item in &analysis.items {
        out.raw_row([
            item.id.clone(),
            item.topic.clone(),
            item.kind.to_owned(),
            item.n.to_string(),
            format!("{:.2}", item.mean),
            item.max.to_string(),
            number(item.sd),
            number(item.facility),
            number(item.discrimination),
            item.flags.join(";"),
            rates(&item.criteria),
            rates(&item.penalties),
        ])?;
    }
    for id in &analysis.not_asked {
        let Some(q) = bank.questions.iter().find(|q| q.id.as_str() == id) else { continue };
        let max = q.max_points().to_string();
        out.raw_row([
            id.as_str(),
            q.topic.as_str(),
            q.kind.as_str(),
            "0",
            "",
            &max,
            "",
            "",
            "",
            "not-asked",
            "",
            "",
        ])?;
    }
    out.finish()
}

/// A folder of outputs written in full under a temporary name, then put in place of the
/// previous one (`candidates/`): a failed run leaves the previous folder whole. It is removed
/// if dropped before [`StagedDir::commit`].
#[derive(Debug)]
pub struct StagedDir {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
}

impl StagedDir {
    /// Prepares `target` (which must be a folder if it exists) and an empty staging folder
    /// beside it.
    pub fn create(target: &Path) -> Result<Self, GradeError> {
        let fail = |source| GradeError::Write { path: target.to_owned(), source };
        if let Ok(m) = std::fs::symlink_metadata(target)
            && !m.is_dir()
        {
            return Err(fail(std::io::Error::other("it is not a folder")));
        }
        let name =
            target.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let staging = target.with_file_name(format!(".{name}-{}.new", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(fail)?;
        }
        std::fs::create_dir(&staging).map_err(fail)?;
        Ok(Self { target: target.to_owned(), staging, committed: false })
    }

    /// Writes one file into the staging folder.
    pub fn write(&self, name: &str, body: &str) -> Result<(), GradeError> {
        let path = self.staging.join(name);
        std::fs::write(&path, body)
            .map_err(|source| GradeError::Write { path: self.target.join(name), source })
    }

    /// Puts the staging folder in place of the target, then removes the previous one.
    pub fn commit(mut self) -> Result<(), GradeError> {
        let fail = |source| GradeError::Write { path: self.target.clone(), source };
        let old = self.staging.with_extension("old");
        let had = std::fs::symlink_metadata(&self.target).is_ok();
        if had {
            std::fs::rename(&self.target, &old).map_err(fail)?;
        }
        std::fs::rename(&self.staging, &self.target).map_err(fail)?;
        self.committed = true;
        if had {
            std::fs::remove_dir_all(&old).map_err(fail)?;
        }
        Ok(())
    }
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Writes a text file to its temporary file.
pub fn text(path: &Path, body: &str) -> Result<Staged, GradeError> {
    let target = destination(path)?;
    let write = || {
        let mut file = AtomicWriteFile::open(&target)?;
        std::io::Write::write_all(&mut file, body.as_bytes())?;
        Ok(file)
    };
    write()
        .map(|file| Staged { path: path.to_owned(), file })
        .map_err(|source| GradeError::Write { path: path.to_owned(), source })
}
