use crate::declare_rule;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::QuestionType;

declare_rule! {
    /// ## What it does
    /// Finds `single` questions with more than one option marked `correct: true`. (One with none
    /// is a load error, `missing-answer-key`.)
    ///
    /// ## Why is this bad?
    /// A single-choice question accepts exactly one answer; with two correct options, half of the
    /// candidates who know the material are marked wrong, and LMS imports reject or mangle it.
    ///
    /// ## Example
    /// ```yaml
    /// - id: consensus-algos
    ///   type: single
    ///   prompt: Which algorithm is a consensus protocol?
    ///   options:
    ///     - {text: Raft, correct: true}
    ///     - {text: Paxos, correct: true}
    ///     - {text: Gossip}
    /// ```
    ///
    /// ## Fix
    /// Keep `correct: true` on one option, or make it `type: multiple`.
    pub SingleChoiceSeveralCorrect {
        name: "single-choice-several-correct",
        code: "QB301",
        severity: Error,
        summary: "a `single` question has more than one correct option",
    }
}

impl Rule for SingleChoiceSeveralCorrect {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        if q.question.kind != QuestionType::Single {
            return;
        }
        let correct: Vec<String> = q
            .question
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        if correct.len() < 2 {
            return;
        }
        report.push(
            Self::META
                .at(
                    q.path(),
                    q.pointer("/options"),
                    format!(
                        "`single` question `{}` has {} correct options ({}); it needs exactly one",
                        q.id(),
                        correct.len(),
                        correct.join(", ")
                    ),
                )
                .with_help("keep `correct: true` on one option, or change it to `type: multiple`"),
        );
    }
}
