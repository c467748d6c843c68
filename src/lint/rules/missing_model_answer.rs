use crate::declare_rule;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::QuestionType;

declare_rule! {
    /// ## What it does
    /// Finds open questions without a model `answer` (or with a blank one).
    ///
    /// ## Why is this bad?
    /// The model answer is what interviewers compare against, what study exports reveal, and
    /// what lint grades to test the rubric (`model-answer-below-max`). Without it the rubric is
    /// untested and candidates studying the bank see nothing.
    ///
    /// ## Example
    /// ```yaml
    /// - id: cap-theorem
    ///   prompt: What does the CAP theorem say?
    ///   rubric: {criteria: [...]}
    /// ```
    ///
    /// ## Fix
    /// Add `answer:` with a full answer that earns every criterion of the rubric.
    pub MissingModelAnswer {
        name: "missing-model-answer",
        code: "QB102",
        severity: Warning,
        summary: "an open question has no model answer",
    }
}

impl Rule for MissingModelAnswer {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        if q.question.kind != QuestionType::Open {
            return;
        }
        let (pointer, what) = match q.question.answer.as_deref() {
            None => (q.pointer("/id"), "has no model answer"),
            Some(a) if a.trim().is_empty() => (q.pointer("/answer"), "has a blank model answer"),
            Some(_) => return,
        };
        report.push(
            Self::META
                .at(q.path(), pointer, format!("open question `{}` {what}", q.id()))
                .with_help("add `answer:` with a full answer; lint grades it against the rubric"),
        );
    }
}
