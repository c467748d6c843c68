use crate::declare_rule;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::QuestionType;

declare_rule! {
    /// ## What it does
    /// Finds `multiple` questions with exactly one option marked `correct: true`.
    ///
    /// ## Why is this bad?
    /// `multiple` means "select all that apply": the study page says so, and LMS exports give
    /// checkboxes and partial credit. With one correct option the question is a `single` one in
    /// disguise, which is often a slip: "multiple choice" in everyday use means one correct
    /// answer among several options, and that is `type: single`. It can be deliberate (a
    /// select-all question whose answer happens to be one option), so this is only a note.
    ///
    /// ## Example
    /// ```yaml
    /// - id: consensus-algos
    ///   type: multiple
    ///   prompt: Which algorithm is a consensus protocol?
    ///   options:
    ///     - {text: Raft, correct: true}
    ///     - {text: Gossip}
    ///     - {text: Consistent hashing}
    /// ```
    ///
    /// ## Fix
    /// Change it to `type: single` when one answer is meant; keep `multiple` (and allow the rule
    /// for the question with `lint: {allow: [multiple-choice-one-correct]}`) when candidates
    /// should weigh every option.
    pub MultipleChoiceOneCorrect {
        name: "multiple-choice-one-correct",
        code: "QB305",
        severity: Info,
        summary: "a `multiple` (select all that apply) question has exactly one correct option",
    }
}

impl Rule for MultipleChoiceOneCorrect {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        if q.question.kind != QuestionType::Multiple {
            return;
        }
        let mut correct = q.question.options.iter().enumerate().filter(|(_, o)| o.correct);
        let (Some((i, _)), None) = (correct.next(), correct.next()) else { return };
        report.push(
            Self::META
                .at(
                    q.path(),
                    q.pointer("/type"),
                    format!(
                        "`multiple` question `{}` has one correct option (option {}); `multiple` means select all that apply",
                        q.id(),
                        i + 1
                    ),
                )
                .with_help("use `type: single` for one correct answer (what \"multiple choice\" usually means)"),
        );
    }
}
