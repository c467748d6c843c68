use crate::declare_rule;
use crate::lint::{BankCx, Corpus, Report, Rule, RuleMeta};
use crate::model::QuestionType;

declare_rule! {
    /// ## What it does
    /// Looks at where the correct option sits in the bank's `single` questions and reports a
    /// position that holds more than half of them and at least twice its fair share (with 4
    /// options, a fair share is a quarter). Banks with fewer than `position-bias-min-questions`
    /// (6) such questions are not judged.
    ///
    /// ## Why is this bad?
    /// Authors tend to put the right answer first (or last). Candidates notice, and then the bank
    /// measures pattern-spotting; exports that keep the order (Anki, HTML, GIFT) pass the bias on.
    ///
    /// ## Example
    /// ```yaml
    /// # 7 of 8 single-choice questions:
    /// options:
    ///   - {text: The right answer, correct: true}
    ///   - {text: A distractor}
    ///   - {text: Another distractor}
    /// ```
    ///
    /// ## Fix
    /// Reorder options so the correct one lands in every position about equally often.
    pub CorrectPositionBias {
        name: "correct-position-bias",
        code: "QB304",
        severity: Warning,
        summary: "the correct options of `single` questions pile up in one position",
    }
}

impl Rule for CorrectPositionBias {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_bank(&self, bank: &BankCx<'_>, corpus: &Corpus<'_>, report: &mut Report) {
        let mut observed: Vec<usize> = Vec::new();
        let mut expected: Vec<f64> = Vec::new();
        let mut total = 0;
        for q in &bank.bank.questions {
            if q.kind != QuestionType::Single || q.options.iter().filter(|o| o.correct).count() != 1
            {
                continue;
            }
            let Some(at) = q.options.iter().position(|o| o.correct) else { continue };
            let n = q.options.len();
            if observed.len() < n {
                observed.resize(n, 0);
                expected.resize(n, 0.0);
            }
            observed[at] += 1;
            for e in &mut expected[..n] {
                *e += 1.0 / n as f64;
            }
            total += 1;
        }
        if total < corpus.options.position_bias_min_questions.max(2) {
            return;
        }
        let worst = observed
            .iter()
            .zip(&expected)
            .enumerate()
            .filter(|&(_, (&o, &e))| o * 2 > total && o as f64 >= 2.0 * e)
            .max_by_key(|&(_, (&o, _))| o);
        let Some((position, (&count, &fair))) = worst else { return };
        report.push(
            Self::META
                .at(
                    bank.path,
                    "/questions",
                    format!(
                        "{count} of {total} `single` questions have their correct answer at option {} (a fair share is about {fair:.0})",
                        position + 1
                    ),
                )
                .with_help("reorder the options so the correct one lands in every position about equally often"),
        );
    }
}
