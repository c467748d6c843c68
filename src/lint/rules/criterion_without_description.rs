use crate::declare_rule;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::Rubric;

declare_rule! {
    /// ## What it does
    /// Finds rubric criteria and penalties without a `describe` (or with an empty one).
    ///
    /// ## Why is this bad?
    /// The description is what people read: the study page's self-check lists each criterion
    /// by it ("tick what your answer covered"), and grading explanations name met and missed
    /// criteria with it. Without one they show the bare id (`minimal-movement +2`), which tells
    /// a candidate or a grader little about what earns the points.
    ///
    /// ## Example
    /// ```yaml
    /// rubric:
    ///   criteria:
    ///     - id: minimal-movement
    ///       points: 2
    ///       any: ["only k/n keys move"]
    /// ```
    ///
    /// ## Fix
    /// Say in a few words what the criterion looks for:
    /// `describe: Only about K/N keys move when a node joins or leaves`.
    pub CriterionWithoutDescription {
        name: "criterion-without-description",
        code: "QB111",
        severity: Warning,
        summary: "a rubric criterion or penalty has no `describe`, so the study page shows its id",
    }
}

impl Rule for CriterionWithoutDescription {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_rubric(&self, q: &QuestionCx<'_>, rubric: &Rubric, report: &mut Report) {
        for entry in rubric.entries() {
            let c = entry.criterion;
            if c.describe.as_deref().is_some_and(|d| !d.trim().is_empty()) {
                continue;
            }
            let what = entry.list.noun();
            report.push(
                Self::META
                    .at(
                        q.path(),
                        q.pointer(&format!("{}/id", entry.pointer())),
                        format!(
                            "{what} `{}` of `{}` has no `describe`, so the study page's self-check shows its id",
                            c.id,
                            q.id()
                        ),
                    )
                    .with_help("add `describe:` with what it looks for, in words a candidate reads"),
            );
        }
    }
}
