//! Every candidate's graded answers, kept for the candidate pages. A cohort's answers can be
//! far larger than memory should hold (30,000 candidates × 32 essays is 350 MB of text), so
//! each answer is appended to a scratch file as it is graded, and only its place is kept in
//! memory; a candidate's answers are read back together when their page is written.
//!
//! The scratch file is this run's own and never outlives it, so its records are plain
//! length-prefixed fields (little-endian `u32` counts and lengths, UTF-8 text) rather than a
//! self-describing format: writing and reading a million answers as JSON cost a tenth of the
//! run.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::GradeError;
use crate::rubric::Grade;

/// How one criterion or penalty fared, without its id (the bank gives it by position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Met (a penalty: found).
    pub met: bool,
    /// The answer's words that met it.
    pub evidence: Vec<String>,
    /// Why words that occur did not count.
    pub why: Option<String>,
}

/// One graded answer, as the candidate page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        let mut bytes = Vec::with_capacity(text.len() + 256);
        encode::answer(&mut bytes, question, text, grade);
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

/// Records no further apart than this are read in one call, the bytes between them skipped:
/// a read costs a system call, and a cohort's answers are mostly stored in sheet order.
const READ_GAP: u64 = 4 << 10;

/// The most bytes one call reads (unless a single record is larger), so a batch of candidates
/// whose answers lie far apart does not pull in the whole file between them.
const READ_RUN: u64 = 1 << 20;

impl AnswerReader {
    /// Candidate `candidate`'s answers, in the order they were read from the sheets (the
    /// pages read them by [`Self::batch`]).
    #[cfg(test)]
    pub fn answers(&mut self, candidate: usize) -> Result<Vec<Stored>, GradeError> {
        Ok(self.batch(candidate..candidate + 1)?.pop().unwrap_or_default())
    }

    /// The answers of each candidate of `candidates`, each in the order they were read from
    /// the sheets. The batch's records are read in file order, those close together in one
    /// call: a cohort of a million answers read back one record at a time spent a second in
    /// `seek` and `read` alone.
    pub fn batch(&mut self, candidates: Range<usize>) -> Result<Vec<Vec<Stored>>, GradeError> {
        let first = candidates.start;
        let mut out: Vec<Vec<Stored>> = candidates
            .clone()
            .map(|c| Vec::with_capacity(self.places.get(c).map_or(0, Vec::len)))
            .collect();
        // (offset, length, candidate in the batch). A candidate's records were appended in
        // sheet order, so sorting by offset keeps each candidate's answers in that order.
        let mut wanted: Vec<(u64, u32, usize)> = candidates
            .filter_map(|c| self.places.get(c).map(|places| (c, places)))
            .flat_map(|(c, places)| places.iter().map(move |&(at, len)| (at, len, c - first)))
            .collect();
        wanted.sort_unstable_by_key(|w| w.0);
        let mut buf = Vec::new();
        let mut i = 0;
        while i < wanted.len() {
            let start = wanted[i].0;
            let mut end = start + u64::from(wanted[i].1);
            let mut j = i + 1;
            while let Some(&(at, len, _)) = wanted.get(j) {
                let to = at + u64::from(len);
                if at > end + READ_GAP || to - start > READ_RUN {
                    break;
                }
                end = end.max(to);
                j += 1;
            }
            buf.resize(usize::try_from(end - start).unwrap_or(usize::MAX), 0);
            let read =
                self.file.seek(SeekFrom::Start(start)).and_then(|_| self.file.read_exact(&mut buf));
            read.map_err(|e| self.store.io(e))?;
            for &(at, len, c) in &wanted[i..j] {
                let from = usize::try_from(at - start).unwrap_or(usize::MAX);
                let record = &buf[from..from + len as usize];
                out[c].push(encode::read(record).map_err(|e| self.store.io(e))?);
            }
            i = j;
        }
        Ok(out)
    }
}

/// The scratch file's records: see the module documentation.
mod encode {
    use std::io::{Error, ErrorKind};

    use super::{Outcome, Stored};
    use crate::rubric::{CriterionResult, Grade};

    fn number(out: &mut Vec<u8>, n: usize) {
        // Counts and lengths come from one sheet cell or one rubric: far below 4 GiB.
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        out.extend_from_slice(&n.to_le_bytes());
    }

    fn text(out: &mut Vec<u8>, s: &str) {
        number(out, s.len());
        out.extend_from_slice(s.as_bytes());
    }

    fn outcomes(out: &mut Vec<u8>, results: &[CriterionResult]) {
        number(out, results.len());
        for r in results {
            out.push(u8::from(r.met) | (u8::from(r.why.is_some()) << 1));
            number(out, r.evidence.len());
            for e in &r.evidence {
                text(out, e);
            }
            if let Some(why) = &r.why {
                text(out, why);
            }
        }
    }

    /// Appends the record of one graded answer.
    pub(super) fn answer(out: &mut Vec<u8>, question: u32, answer: &str, grade: &Grade) {
        out.extend_from_slice(&question.to_le_bytes());
        out.extend_from_slice(&grade.score.to_le_bytes());
        text(out, answer);
        outcomes(out, &grade.criteria);
        outcomes(out, &grade.penalties);
    }

    /// Reads a record back, field by field.
    struct Fields<'a>(&'a [u8]);

    fn damaged() -> Error {
        Error::new(ErrorKind::InvalidData, "the scratch file of graded answers is damaged")
    }

    impl Fields<'_> {
        fn bytes(&mut self, n: usize) -> Result<&[u8], Error> {
            if self.0.len() < n {
                return Err(damaged());
            }
            let (head, tail) = self.0.split_at(n);
            self.0 = tail;
            Ok(head)
        }

        fn number(&mut self) -> Result<u32, Error> {
            let b = self.bytes(4)?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        }

        fn text(&mut self) -> Result<String, Error> {
            let n = self.number()? as usize;
            let b = self.bytes(n)?;
            String::from_utf8(b.to_vec()).map_err(|_| damaged())
        }

        fn outcomes(&mut self) -> Result<Vec<Outcome>, Error> {
            let n = self.number()? as usize;
            // Each outcome takes at least five bytes: a bad count cannot reserve much.
            let mut list = Vec::with_capacity(n.min(self.0.len() / 5));
            for _ in 0..n {
                let flags = self.bytes(1)?[0];
                let count = self.number()? as usize;
                let mut evidence = Vec::with_capacity(count.min(self.0.len() / 4));
                for _ in 0..count {
                    evidence.push(self.text()?);
                }
                let why = if flags & 2 == 0 { None } else { Some(self.text()?) };
                list.push(Outcome { met: flags & 1 != 0, evidence, why });
            }
            Ok(list)
        }
    }

    /// The answer a record holds.
    pub(super) fn read(record: &[u8]) -> Result<Stored, Error> {
        let mut f = Fields(record);
        let stored = Stored {
            question: f.number()?,
            score: f.number()?,
            text: f.text()?,
            criteria: f.outcomes()?,
            penalties: f.outcomes()?,
        };
        if f.0.is_empty() { Ok(stored) } else { Err(damaged()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;
    use crate::rubric::CriterionResult;

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
        let mut why = grade(false);
        why.criteria[0].why = Some("matched `ring`, negated by `not`".into());
        why.penalties.push(CriterionResult {
            id: Id("p".into()),
            points: 2,
            met: true,
            evidence: vec!["mod".into(), "n".into()],
            why: None,
        });
        store.add(1, 2, "", &why).expect("add");
        let scratch = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(scratch, 1);
        let mut reader = store.reader().expect("reader");
        let b = reader.answers(1).expect("read");
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].question, b[0].text.as_str(), b[0].score), (0, "b's ring", 1));
        assert_eq!(b[0].criteria[0].evidence, ["ring"]);
        assert_eq!((b[1].question, b[1].text.as_str()), (2, ""));
        assert_eq!((b[1].criteria.len(), b[1].penalties.len()), (1, 1));
        assert_eq!(reader.answers(0).expect("read")[0].text, "a's \"answer\"\n");
        assert!(reader.answers(7).expect("read").is_empty());
        assert_eq!(b[1].criteria[0].why.as_deref(), Some("matched `ring`, negated by `not`"));
        assert_eq!(b[1].penalties[0].evidence, ["mod", "n"]);
        assert!(b[1].penalties[0].met && b[1].penalties[0].why.is_none());
        drop(reader);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0, "scratch file removed");
    }

    #[test]
    fn a_batch_reads_each_candidates_answers_in_sheet_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = AnswerStore::create(dir.path()).expect("store");
        let grade = Grade { score: 0, max: 1, criteria: vec![], penalties: vec![] };
        // Four candidates interleaved; every seventh answer is long enough that the records
        // around it are too far apart for one read.
        let text = |i: usize| {
            if i.is_multiple_of(7) { format!("{i} {}", "x".repeat(9_000)) } else { i.to_string() }
        };
        for i in 0..400 {
            store.add((i % 4) as u32, i as u32, &text(i), &grade).expect("add");
        }
        let mut reader = store.reader().expect("reader");
        let batch = reader.batch(1..6).expect("batch");
        assert_eq!(batch.len(), 5);
        for (k, answers) in batch.iter().enumerate() {
            let c = k + 1;
            let expected: Vec<String> = (0..400).filter(|i| i % 4 == c).map(text).collect();
            let got: Vec<String> = answers.iter().map(|a| a.text.clone()).collect();
            assert_eq!(got, expected, "candidate {c}");
        }
        assert_eq!(reader.answers(2).expect("one").len(), 100);
    }

    #[test]
    fn a_damaged_record_is_an_error_not_a_panic() {
        let grade = Grade { score: 1, max: 1, criteria: vec![], penalties: vec![] };
        let mut record = Vec::new();
        encode::answer(&mut record, 3, "é answer", &grade);
        assert_eq!(encode::read(&record).expect("whole").text, "é answer");
        for cut in 0..record.len() {
            assert!(encode::read(&record[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = record.clone();
        longer.push(0);
        assert!(encode::read(&longer).is_err());
        let mut huge = record;
        huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(encode::read(&huge).is_err());
    }
}
