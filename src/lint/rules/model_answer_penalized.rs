use crate::declare_rule;
use crate::lint::rubric_checks::with_evidence;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::Rubric;

declare_rule! {
    /// ## What it does
    /// Grades each open question's model `answer` with its own rubric and reports penalties it
    /// triggers, with the words that triggered them.
    ///
    /// ## Why is this bad?
    /// A penalty describes a misconception. If the model answer triggers it, the penalty's
    /// patterns are too broad (they also catch the correct statement) and good candidates will
    /// lose points for saying the right thing.
    ///
    /// ## Example
    /// ```yaml
    /// answer: Unlike hash mod N, a ring moves only K/N keys when a node joins.
    /// rubric:
    ///   penalties:
    ///     - {id: modulo, points: 2, any: ["mod n"]}
    /// ```
    ///
    /// ## Fix
    /// Narrow the penalty's patterns (a longer phrase, `all` groups with `within`), or reword the
    /// model answer if it really states the misconception.
    pub ModelAnswerPenalized {
        name: "model-answer-penalized",
        code: "QB106",
        severity: Error,
        summary: "the model answer triggers one of its rubric's penalties",
    }
}

impl Rule for ModelAnswerPenalized {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_rubric(&self, q: &QuestionCx<'_>, _: &Rubric, report: &mut Report) {
        let Some(grade) = q.rubric_check().and_then(|c| c.model.as_ref()) else { return };
        for penalty in grade.penalties.iter().filter(|p| p.met) {
            report.push(
                Self::META
                    .at(
                        q.path(),
                        q.pointer("/answer"),
                        format!(
                            "the model answer of `{}` triggers penalty {} (-{})",
                            q.id(),
                            with_evidence(penalty),
                            penalty.points
                        ),
                    )
                    .with_help(format!("narrow the patterns of penalty `{}` so the correct statement does not match", penalty.id)),
            );
        }
    }
}
