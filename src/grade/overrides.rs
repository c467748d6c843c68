//! `--overrides FILE`: the lead's corrections of single scores, as CSV rows
//! `candidate,question,points,reason`. Every row is checked (known question, whole points
//! within the question's range, a reason, one row per answer) before grading starts, and its
//! candidate once the sheets are read; a bad row stops the run with `FILE:LINE`.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::GradeError;
use super::cohort::Cohort;
use super::rows::identity;
use crate::model::Bank;

/// The largest overrides file read: a correction per answer of a large cohort fits easily,
/// and a device or a runaway pipe named by mistake stops here.
const MAX_BYTES: u64 = 64 << 20;

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Line of the file where its row starts.
    pub line: u64,
    /// The candidate as written in the file.
    pub candidate: String,
    /// Index of the question in the bank.
    pub question: u32,
    /// The points that replace the rubric's.
    pub points: u32,
    /// Why, in the lead's words.
    pub reason: String,
}

/// A correction as applied: with the rubric's score it replaced.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    /// Index of the candidate.
    #[serde(skip)]
    pub candidate: usize,
    /// The candidate's name.
    #[serde(rename = "candidate")]
    pub name: String,
    /// The question id.
    pub question: String,
    /// The rubric's score.
    pub rubric_points: u32,
    /// The score the lead gave.
    pub points: u32,
    /// The lead's reason.
    pub reason: String,
}

/// The corrections of a run, looked up by candidate and question.
#[derive(Debug, Default)]
pub struct Overrides {
    path: PathBuf,
    list: Vec<Override>,
    index: HashMap<(String, u32), usize>,
}

impl Overrides {
    /// Reads and checks `path` against the bank.
    pub fn read(path: &Path, bank: &Bank) -> Result<Self, GradeError> {
        let fail = |line: u64, message: String| GradeError::Override {
            path: path.to_owned(),
            line,
            message,
        };
        let io = |source| GradeError::Io { path: path.to_owned(), source };
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
            .map_err(io)?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(fail(1, format!("the file is larger than {} MiB", MAX_BYTES >> 20)));
        }
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes.as_slice());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| fail(1, e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
            .collect();
        let column = |name: &str| {
            headers.iter().position(|h| h == name).ok_or_else(|| {
                fail(
                    1,
                    format!("no `{name}` column; the header is `candidate,question,points,reason`"),
                )
            })
        };
        let cols =
            [column("candidate")?, column("question")?, column("points")?, column("reason")?];
        let mut out = Self { path: path.to_owned(), ..Self::default() };
        // The csv reader does not count the blank lines it skips: lines are counted from the
        // bytes instead, so `FILE:LINE` is the line an editor shows.
        let (mut counted_to, mut line) = (0usize, 1u64);
        let mut line_at = |byte: u64| {
            // A record's position is where the reader started, before the blank lines it skipped.
            let mut byte = (byte as usize).min(bytes.len());
            while matches!(bytes.get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            if byte >= counted_to {
                line += memchr::memchr_iter(b'\n', &bytes[counted_to..byte]).count() as u64;
                counted_to = byte;
            }
            line
        };
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                fail(line, e.to_string())
            })?;
            let line = record.position().map_or(0, |p| line_at(p.byte()));
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let [candidate, question, points, reason] =
                cols.map(|i| record.get(i).unwrap_or("").trim());
            if candidate.is_empty() {
                return Err(fail(line, "the candidate is empty".into()));
            }
            let Some(q) = bank.questions.iter().position(|q| q.id.as_str() == question) else {
                let ids = bank.questions.iter().map(|q| q.id.as_str());
                let hint = crate::diagnostics::did_you_mean(question, ids)
                    .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
                return Err(fail(line, format!("unknown question `{question}`{hint}")));
            };
            let max = bank.questions[q].max_points();
            let points = match points.parse::<f64>() {
                Ok(p) if p.fract() == 0.0 && (0.0..=f64::from(max)).contains(&p) => p as u32,
                _ => {
                    return Err(fail(
                        line,
                        format!(
                            "points `{points}` are not a whole number from 0 to {max}, the most `{question}` earns"
                        ),
                    ));
                }
            };
            if reason.is_empty() {
                return Err(fail(line, "the reason is empty; say why the score changes".into()));
            }
            let key = (identity(candidate).into_owned(), q as u32);
            if let Some(&earlier) = out.index.get(&key) {
                let first = out.list[earlier].line;
                return Err(fail(
                    line,
                    format!(
                        "a second override of `{candidate}`'s answer to `{question}` (the first is on line {first})"
                    ),
                ));
            }
            out.index.insert(key, out.list.len());
            out.list.push(Override {
                line,
                candidate: candidate.to_owned(),
                question: q as u32,
                points,
                reason: reason.to_owned(),
            });
        }
        Ok(out)
    }

    /// The correction of `candidate`'s answer to question `question`, if any.
    pub fn get(&self, candidate: &str, question: u32) -> Option<&Override> {
        if self.list.is_empty() {
            return None;
        }
        self.index.get(&(identity(candidate).into_owned(), question)).map(|&i| &self.list[i])
    }

    /// Replaces the rubric's scores in `cohort`; fails on a candidate the sheets do not have,
    /// or one who gave no answer to the question (an override corrects a graded answer).
    pub fn apply(
        &self,
        bank: &Bank,
        cohort: &mut Cohort,
        names: &[String],
    ) -> Result<Vec<Applied>, GradeError> {
        let fail = |line: u64, message: String| GradeError::Override {
            path: self.path.clone(),
            line,
            message,
        };
        let people: HashMap<String, usize> =
            names.iter().enumerate().map(|(i, n)| (identity(n).into_owned(), i)).collect();
        let mut applied = Vec::with_capacity(self.list.len());
        for o in &self.list {
            let question = bank.questions[o.question as usize].id.to_string();
            let Some(&c) = people.get(identity(&o.candidate).as_ref()) else {
                let hint = crate::diagnostics::did_you_mean(
                    &o.candidate,
                    names.iter().map(String::as_str),
                )
                .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
                return Err(fail(o.line, format!("unknown candidate `{}`{hint}", o.candidate)));
            };
            let q = o.question as usize;
            let Some(rubric_points) = cohort.score(c, q) else {
                return Err(fail(
                    o.line,
                    format!(
                        "`{}` gave no answer to `{question}`; an override corrects a graded answer",
                        o.candidate
                    ),
                ));
            };
            cohort.scores[c * cohort.questions + q] = Some(o.points);
            applied.push(Applied {
                candidate: c,
                name: names[c].clone(),
                question,
                rubric_points,
                points: o.points,
                reason: o.reason.clone(),
            });
        }
        Ok(applied)
    }
}
