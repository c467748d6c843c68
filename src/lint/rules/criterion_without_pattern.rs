use crate::declare_rule;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::Rubric;

declare_rule! {
    /// ## What it does
    /// Finds rubric criteria and penalties with neither `any` nor `all` patterns.
    ///
    /// ## Why is this bad?
    /// Points are only earned (or lost) when a pattern matches. A criterion without patterns can
    /// never be met, so no answer reaches the maximum; a penalty without patterns never applies.
    ///
    /// ## Example
    /// ```yaml
    /// rubric:
    ///   criteria:
    ///     - id: trade-off
    ///       points: 2
    ///       describe: Names the consistency/availability trade-off
    /// ```
    ///
    /// ## Fix
    /// Add `any: [...]` phrases (or `all: [[...], [...]]` groups) that detect the point.
    pub CriterionWithoutPattern {
        name: "criterion-without-pattern",
        code: "QB103",
        severity: Error,
        summary: "a rubric criterion or penalty has no pattern, so it can never match",
    }
}

impl Rule for CriterionWithoutPattern {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_rubric(&self, q: &QuestionCx<'_>, rubric: &Rubric, report: &mut Report) {
        for entry in rubric.entries() {
            let c = entry.criterion;
            if !c.any.is_empty() || !c.all.is_empty() {
                continue;
            }
            let what = entry.list.noun();
            report.push(
                Self::META
                    .at(
                        q.path(),
                        q.pointer(&format!("{}/id", entry.pointer())),
                        format!("{what} `{}` of `{}` has no pattern, so it can never match", c.id, q.id()),
                    )
                    .with_help("add `any: [\"...\"]` phrases or `all: [[...], [...]]` groups that detect it"),
            );
        }
    }
}
