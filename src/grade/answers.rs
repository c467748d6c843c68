//! Every candidate's graded answers, kept for the candidate pages. A cohort's answers can be
//! far larger than memory should hold (30,000 candidates × 32 essays is 350 MB of text), so
//! each answer is appended to a scratch file as it is graded, and only its place is kept in
//! memory; a candidate's answers are read back together when their page is written.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::GradeError;
use crate::rubric::{CriterionResult, Grade};

/// How one criterion or penalty fared, without its id (the bank gives it by position).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Outcome {
    /// Met (a penalty: found).
    pub met: bool,
    /// The answer's words that met it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Why words that occur did not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl From<&CriterionResult> for Outcome {
    fn from(r: &CriterionResult) -> Self {
        Self { met: r.met, evidence: r.evidence.clone(), why: r.why.clone() }
    }
}

/// One graded answer, as the candidate page shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stored {
    /// Index of the question in the bank.
    pub question: u32,
    /// The answer as written.
    pub text: String,
    /// The rubric's score.
    pub score: u32,
    /// Criteria in rubric order (`correct` for exactly graded questions).
    pub criteria: Vec<Outcome>,
    /// Penalties in rubric order.
    pub penalties: Vec<Outcome>,
}

/// The scratch file and, per candidate, where their answers lie in it.
pub struct AnswerStore {
    path: PathBuf,
    writer: Option<BufWriter<File>>,
    len: u64,
    places: Vec<Vec<(u64, u32)>>,
}

impl AnswerStore {
    /// Creates the scratch file in `dir` (the output folder: a cohort's answers may not fit
    /// a small `/tmp`). It is removed when the store is dropped.
    pub fn create(dir: &Path) -> Result<Self, GradeError> {
        let path = dir.join(format!(".qbank-answers-{}.tmp", std::process::id()));
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(|source| GradeError::Write { path: path.clone(), source })?;
        Ok(Self {
            path,
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
            len: 0,
            places: Vec::new(),
        })
    }

    fn io(&self, source: std::io::Error) -> GradeError {
        GradeError::Write { path: self.path.clone(), source }
    }

    /// Appends candidate `candidate`'s answer to question `question`.
    pub fn add(
        &mut self,
        candidate: u32,
        question: u32,
        text: &str,
        grade: &Grade,
    ) -> Result<(), GradeError> {
        let stored = Stored {
            question,
            text: text.to_owned(),
            score: grade.score,
            criteria: grade.criteria.iter().map(Outcome::from).collect(),
            penalties: grade.penalties.iter().map(Outcome::from).collect(),
        };
        let bytes = serde_json::to_vec(&stored).map_err(|e| self.io(e.into()))?;
        let Some(writer) = self.writer.as_mut() else {
            return Err(self.io(std::io::Error::other("the answers were already read back")));
        };
        if let Err(e) = writer.write_all(&bytes) {
            return Err(self.io(e));
        }
        let c = candidate as usize;
        if self.places.len() <= c {
            self.places.resize_with(c + 1, Vec::new);
        }
        self.places[c].push((self.len, bytes.len() as u32));
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// Ends writing; the answers can then be read back with [`Self::reader`].
    pub fn reader(mut self) -> Result<AnswerReader, GradeError> {
        let file = match self.writer.take().map(BufWriter::into_inner) {
            Some(Ok(file)) => file,
            Some(Err(e)) => return Err(self.io(e.into_error())),
            None => {
                return Err(self.io(std::io::Error::other("the answers were already read back")));
            }
        };
        let places = std::mem::take(&mut self.places);
        Ok(AnswerReader { store: self, file, places })
    }
}

impl Drop for AnswerStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Reads a candidate's answers back from the scratch file.
pub struct AnswerReader {
    store: AnswerStore,
    file: File,
    places: Vec<Vec<(u64, u32)>>,
}

impl AnswerReader {
    /// Candidate `candidate`'s answers, in the order they were read from the sheets.
    pub fn answers(&mut self, candidate: usize) -> Result<Vec<Stored>, GradeError> {
        let Some(places) = self.places.get(candidate) else { return Ok(Vec::new()) };
        let mut out = Vec::with_capacity(places.len());
        let mut buf = Vec::new();
        for &(at, len) in places {
            buf.resize(len as usize, 0);
            let read =
                self.file.seek(SeekFrom::Start(at)).and_then(|_| self.file.read_exact(&mut buf));
            read.map_err(|e| self.store.io(e))?;
            out.push(serde_json::from_slice(&buf).map_err(|e| self.store.io(e.into()))?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    #[test]
    fn answers_come_back_per_candidate_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = AnswerStore::create(dir.path()).expect("store");
        let result = |met: bool| CriterionResult {
            id: Id("c".into()),
            points: 1,
            met,
            evidence: if met { vec!["ring".into()] } else { vec![] },
            why: None,
        };
        let grade = |met| Grade {
            score: u32::from(met),
            max: 1,
            criteria: vec![result(met)],
            penalties: vec![],
        };
        store.add(1, 0, "b's ring", &grade(true)).expect("add");
        store.add(0, 0, "a's \"answer\"\n", &grade(false)).expect("add");
        store.add(1, 2, "", &grade(false)).expect("add");
        let scratch = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(scratch, 1);
        let mut reader = store.reader().expect("reader");
        let b = reader.answers(1).expect("read");
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].question, b[0].text.as_str(), b[0].score), (0, "b's ring", 1));
        assert_eq!(b[0].criteria[0].evidence, ["ring"]);
        assert_eq!((b[1].question, b[1].text.as_str()), (2, ""));
        assert_eq!(reader.answers(0).expect("read")[0].text, "a's \"answer\"\n");
        assert!(reader.answers(7).expect("read").is_empty());
        drop(reader);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0, "scratch file removed");
    }
}
