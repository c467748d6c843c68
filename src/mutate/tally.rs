//! Counting outcomes and the mutation score: killed / (killed + survived), as Stryker and
//! cargo-mutants compute it, leaving ignored and unviable mutants out of the denominator.

use std::collections::BTreeMap;

use serde::Serialize;

use super::operator::Operator;
use super::run::{Outcome, QuestionRun};

/// Outcome counts of a question, an operator or a bank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Mutants the rubric handled as expected.
    pub killed: usize,
    /// Mutants that fooled the rubric.
    pub survived: usize,
    /// Mutants the author suppressed.
    pub ignored: usize,
    /// Sites where an operator found nothing to change.
    pub unviable: usize,
}

impl Counts {
    /// The counts of one question's run.
    pub fn of(run: &QuestionRun) -> Self {
        let mut counts = Self { unviable: run.unviable.values().sum(), ..Self::default() };
        for t in &run.tested {
            counts.add(&t.outcome);
        }
        counts
    }

    /// The counts of one question's run, per operator.
    pub fn by_operator(run: &QuestionRun) -> BTreeMap<Operator, Self> {
        let mut out: BTreeMap<Operator, Self> = BTreeMap::new();
        for t in &run.tested {
            out.entry(t.mutant.operator).or_default().add(&t.outcome);
        }
        for (&op, &n) in &run.unviable {
            out.entry(op).or_default().unviable += n;
        }
        out
    }

    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Killed => self.killed += 1,
            Outcome::Survived => self.survived += 1,
            Outcome::Ignored { .. } => self.ignored += 1,
        }
    }

    /// Adds another tally to this one.
    pub fn merge(&mut self, other: Self) {
        self.killed += other.killed;
        self.survived += other.survived;
        self.ignored += other.ignored;
        self.unviable += other.unviable;
    }

    /// The mutation score in percent; `None` when no mutant was scored.
    pub fn score(&self) -> Option<f64> {
        let scored = self.killed + self.survived;
        (scored > 0).then(|| 100.0 * self.killed as f64 / scored as f64)
    }

    /// `score 72% (18 killed, 7 survived, 3 ignored, 4 unviable)`; `score n/a (…)` with no
    /// scored mutant. The percentage is rounded down, so 99.5% never reads as 100%.
    pub fn summary(&self) -> String {
        let score = self.score().map_or_else(|| "n/a".to_owned(), |s| format!("{}%", s.floor()));
        format!(
            "score {score} ({} killed, {} survived, {} ignored, {} unviable)",
            self.killed, self.survived, self.ignored, self.unviable
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_leaves_ignored_and_unviable_out() {
        let c = Counts { killed: 18, survived: 7, ignored: 3, unviable: 4 };
        assert_eq!(c.summary(), "score 72% (18 killed, 7 survived, 3 ignored, 4 unviable)");
        let none = Counts { ignored: 2, ..Counts::default() };
        assert_eq!(none.summary(), "score n/a (0 killed, 0 survived, 2 ignored, 0 unviable)");
        let almost = Counts { killed: 199, survived: 1, ..Counts::default() };
        assert_eq!(almost.summary(), "score 99% (199 killed, 1 survived, 0 ignored, 0 unviable)");
    }
}
