use crate::declare_rule;
use crate::lint::rubric_checks::FILLER;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::Rubric;

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

    fn check_rubric(&self, q: &QuestionCx<'_>, rubric: &Rubric, report: &mut Report) {
        let Some(check) = q.rubric_check() else { return };
        let mut reported = std::collections::HashSet::new();
        for (text, grade) in FILLER.iter().zip(&check.filler) {
            let met = grade
                .criteria
                .iter()
                .map(|c| (c, "criterion", "/criteria"))
                .chain(grade.penalties.iter().map(|p| (p, "penalty", "/penalties")))
                .filter(|(r, _, _)| r.met);
            for (result, kind, list) in met {
                if !reported.insert((kind, result.id.clone())) {
                    continue;
                }
                let position = match kind {
                    "criterion" => rubric.criteria.iter().position(|c| c.id == result.id),
                    _ => rubric.penalties.iter().position(|p| p.id == result.id),
                };
                let what =
                    if text.is_empty() { "an empty answer" } else { "an answer of filler words" };
                let evidence = result.evidence.join(" ");
                let words = if evidence.trim().is_empty() {
                    String::new()
                } else {
                    format!(" (on \"{}\")", evidence.trim())
                };
                report.push(
                    Self::META
                        .at(
                            q.path(),
                            q.pointer(&format!(
                                "/rubric{list}/{}",
                                position.map_or_else(String::new, |i| i.to_string())
                            )),
                            format!("{kind} `{}` of `{}` is met by {what}{words}", result.id, q.id()),
                        )
                        .with_help(if kind == "criterion" {
                            "its patterns match words every answer has: make them name the idea itself"
                        } else {
                            "its patterns match words every answer has, so it takes points from everyone"
                        }),
                );
            }
        }
    }
}
