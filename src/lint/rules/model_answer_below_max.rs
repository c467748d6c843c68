use crate::declare_rule;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::Rubric;

declare_rule! {
    /// ## What it does
    /// Grades each open question's model `answer` with its own rubric and reports criteria the
    /// model answer does not meet. (Criteria without patterns are `criterion-without-pattern`;
    /// points lost to a penalty are `model-answer-penalized`.)
    ///
    /// ## Why is this bad?
    /// The model answer is the best answer the author can write. If it cannot earn full marks,
    /// no candidate can: either the patterns are too narrow (a synonym or phrasing is missing) or
    /// the model answer leaves out a point the rubric expects.
    ///
    /// ## Example
    /// ```yaml
    /// answer: Keys and nodes hash onto one ring; each key goes to the next node clockwise.
    /// rubric:
    ///   criteria:
    ///     - {id: ring, points: 2, any: ["next node clockwise"]}
    ///     - {id: minimal-movement, points: 2, any: ["only k/n keys move"]}
    /// ```
    ///
    /// ## Fix
    /// Add the missing point to the model answer, or widen the criterion's patterns (more `any`
    /// phrasings, bank `synonyms`) until the model answer meets it.
    pub ModelAnswerBelowMax {
        name: "model-answer-below-max",
        code: "QB105",
        severity: Error,
        summary: "the model answer scores below the maximum under its own rubric",
    }
}

impl Rule for ModelAnswerBelowMax {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_rubric(&self, q: &QuestionCx<'_>, rubric: &Rubric, report: &mut Report) {
        let Some(grade) = q.rubric_check().and_then(|c| c.model.as_ref()) else { return };
        let unmet: Vec<String> = grade
            .criteria
            .iter()
            .zip(&rubric.criteria)
            .filter(|(result, c)| !result.met && (!c.any.is_empty() || !c.all.is_empty()))
            .map(|(result, _)| {
                format!(
                    "`{}` ({} point{})",
                    result.id,
                    result.points,
                    if result.points == 1 { "" } else { "s" }
                )
            })
            .collect();
        if unmet.is_empty() {
            return;
        }
        let earned: u32 = grade.criteria.iter().filter(|c| c.met).map(|c| c.points).sum();
        report.push(
            Self::META
                .at(
                    q.path(),
                    q.pointer("/answer"),
                    format!(
                        "the model answer of `{}` earns {earned} of {} points under its own rubric; unmet: {}",
                        q.id(),
                        grade.max,
                        unmet.join(", ")
                    ),
                )
                .with_help("make those points in the model answer, or widen the criteria's patterns until it meets them"),
        );
    }
}
