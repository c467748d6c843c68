use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::QuestionType;

declare_rule! {
    /// ## What it does
    /// Finds open questions without a `rubric`, or whose rubric has no criteria
    /// (`rubric: {criteria: []}`).
    ///
    /// ## Why is this bad?
    /// `qbank grade` scores free-text answers only through the rubric's criteria: without any,
    /// every answer to the question scores 0 and the grader learns nothing.
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
        summary: "an open question has no rubric (or no criteria), so answers cannot be graded",
    }
}

impl Rule for MissingRubric {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        if q.question.kind != QuestionType::Open {
            return;
        }
        match &q.question.rubric {
            None => report.push(no_rubric(q)),
            Some(rubric) if rubric.criteria.is_empty() => report.push(no_criteria(q)),
            Some(_) => {}
        }
    }
}

/// The finding for an open question without a `rubric`.
fn no_rubric(q: &QuestionCx<'_>) -> Diagnostic {
    MissingRubric::META
        .at(q.path(), q.pointer("/id"), format!("open question `{}` has no rubric", q.id()))
        .with_help("add `rubric: {criteria: [...]}` so `qbank grade` can score answers")
}

/// The finding for an open question whose rubric lists no criteria: every answer scores 0.
fn no_criteria(q: &QuestionCx<'_>) -> Diagnostic {
    MissingRubric::META
        .at(
            q.path(),
            q.pointer("/rubric/criteria"),
            format!(
                "the rubric of open question `{}` has no criteria, so every answer scores 0",
                q.id()
            ),
        )
        .with_help(
            "add criteria to `rubric.criteria`: the points an answer must make, with patterns",
        )
}
