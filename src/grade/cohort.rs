//! What the outputs need from the stream, accumulated chunk by chunk: each candidate's score
//! per question, and how often each criterion and penalty was met.

use super::stream::Chunk;
use crate::model::Bank;
use crate::rubric::Grade;

/// Scores and criterion hits of a cohort.
#[derive(Debug, Clone)]
pub struct Cohort {
    /// Number of questions in the bank.
    pub questions: usize,
    /// `scores[candidate * questions + question]`, `None` when not answered.
    pub scores: Vec<Option<u32>>,
    /// Answers graded per question.
    pub answered: Vec<u64>,
    /// Per question, per criterion: answers that met it.
    pub criterion_hits: Vec<Vec<u64>>,
    /// Per question, per penalty: answers that triggered it.
    pub penalty_hits: Vec<Vec<u64>>,
}

impl Cohort {
    /// An empty cohort for `bank`.
    pub fn new(bank: &Bank) -> Self {
        let size = |f: fn(&crate::model::Rubric) -> usize| {
            bank.questions
                .iter()
                .map(|q| q.rubric.as_ref().map_or(1, f))
                .map(|n| vec![0; n])
                .collect()
        };
        Self {
            questions: bank.questions.len(),
            scores: Vec::new(),
            answered: vec![0; bank.questions.len()],
            criterion_hits: size(|r| r.criteria.len()),
            penalty_hits: size(|r| r.penalties.len()),
        }
    }

    /// Adds a graded chunk.
    pub fn add(&mut self, chunk: &Chunk, grades: &[Grade]) {
        for (answer, grade) in chunk.answers.iter().zip(grades) {
            let (c, q) = (answer.candidate as usize, answer.question as usize);
            let at = c * self.questions + q;
            if self.scores.len() <= at {
                self.scores.resize((c + 1) * self.questions, None);
            }
            self.scores[at] = Some(grade.score);
            self.answered[q] += 1;
            for (hits, result) in self.criterion_hits[q].iter_mut().zip(&grade.criteria) {
                *hits += u64::from(result.met);
            }
            for (hits, result) in self.penalty_hits[q].iter_mut().zip(&grade.penalties) {
                *hits += u64::from(result.met);
            }
        }
    }

    /// Number of candidates with at least one slot.
    pub fn candidates(&self) -> usize {
        self.scores.len().checked_div(self.questions).unwrap_or(0)
    }

    /// The score of candidate `c` on question `q`.
    pub fn score(&self, c: usize, q: usize) -> Option<u32> {
        self.scores.get(c * self.questions + q).copied().flatten()
    }
}
