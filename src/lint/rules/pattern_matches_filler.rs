use crate::declare_rule;
use crate::lint::rubric_checks::FILLER;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::{Rubric, RubricList};

declare_rule! {
    /// ## What it does
    /// Grades an empty answer and a sentence of filler words ("well, it is what it is, and that
    /// is all there is to it…") with each open question's rubric, and reports every criterion or
    /// penalty they meet.
    ///
    /// ## Why is this bad?
    /// An answer that says nothing should score nothing. A criterion it meets matches words
    /// every answer contains (`any: [the, a]`, `re:.*`), so every candidate gets its points; a
    /// penalty it triggers takes points from every candidate.
    ///
    /// ## Example
    /// ```yaml
    /// rubric:
    ///   criteria:
    ///     - {id: ring, points: 2, any: [the ring, a]}
    /// ```
    ///
    /// ## Fix
    /// Make the patterns name the idea itself (`hash ring`, `virtual nodes`); drop filler words
    /// from `any` lists and anchor regular expressions on real words.
    pub PatternMatchesFiller {
        name: "pattern-matches-filler",
        code: "QB109",
        severity: Warning,
        summary: "a rubric criterion or penalty is met by an answer that says nothing",
    }
}

impl Rule for PatternMatchesFiller {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_rubric(&self, q: &QuestionCx<'_>, _: &Rubric, report: &mut Report) {
        let Some(check) = q.rubric_check() else { return };
        // Results come in rubric order, so an index is the item's place in its list.
        let mut reported = std::collections::HashSet::new();
        for (text, grade) in FILLER.iter().zip(&check.filler) {
            let what =
                if text.is_empty() { "an empty answer" } else { "an answer of filler words" };
            for (list, i, result) in grade.entries().filter(|(_, _, r)| r.met) {
                if !reported.insert((list, i)) {
                    continue;
                }
                let evidence = result.evidence.join(" ");
                let words = match evidence.trim() {
                    "" => String::new(),
                    words => format!(" (on \"{words}\")"),
                };
                let consequence = match list {
                    RubricList::Criteria => "make them name the idea itself",
                    RubricList::Penalties => "it takes points from everyone",
                };
                let pointer = format!("/rubric/{}/{i}", list.field());
                report.push(
                    Self::META
                        .at(
                            q.path(),
                            q.pointer(&pointer),
                            format!(
                                "{} `{}` of `{}` is met by {what}{words}",
                                list.noun(),
                                result.id,
                                q.id()
                            ),
                        )
                        .with_help(format!(
                            "its patterns match words every answer has: {consequence}"
                        )),
                );
            }
        }
    }
}
