use crate::declare_rule;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::QuestionType;

declare_rule! {
    /// ## What it does
    /// Finds open questions without a `rubric`.
    ///
    /// ## Why is this bad?
    /// `qbank grade` scores free-text answers only through the rubric: without one, every answer
    /// to the question scores 0 and the grader learns nothing.
    ///
    /// ## Example
    /// ```yaml
    /// - id: cap-theorem
    ///   topic: cap
    ///   difficulty: medium
    ///   prompt: What does the CAP theorem say?
    ///   answer: During a partition a system must give up consistency or availability.
    /// ```
    ///
    /// ## Fix
    /// Add `rubric: {criteria: [...]}` with the points an answer must make, each with the
    /// patterns that detect it.
    pub MissingRubric {
        name: "missing-rubric",
        code: "QB101",
        severity: Error,
        summary: "an open question has no rubric, so answers cannot be graded",
    }
}

impl Rule for MissingRubric {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        if q.question.kind != QuestionType::Open || q.question.rubric.is_some() {
            return;
        }
        report.push(
            Self::META
                .at(q.path(), q.pointer("/id"), format!("open question `{}` has no rubric", q.id()))
                .with_help("add `rubric: {criteria: [...]}` so `qbank grade` can score answers"),
        );
    }
}
