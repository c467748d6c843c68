use crate::declare_rule;
use crate::lint::rubric_checks::with_evidence;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::{Expect, Rubric};

declare_rule! {
    /// ## What it does
    /// Grades every entry of a rubric's `examples` and reports those that do not score their
    /// `expect`, showing the expected and actual score and which criteria and penalties matched,
    /// with the words that matched them.
    ///
    /// ## Why is this bad?
    /// Examples are the rubric's tests: sample answers (good, partial, wrong) with the score a
    /// human grader gives them. A mismatch means the rubric grades differently from the author,
    /// and every real answer like the example is mis-scored too.
    ///
    /// ## Example
    /// ```yaml
    /// rubric:
    ///   criteria:
    ///     - {id: ring, points: 3, any: ["hash ring"]}
    ///   examples:
    ///     - {answer: "Nodes sit on a circle of hash values.", expect: 3}
    /// ```
    ///
    /// ## Fix
    /// Widen or narrow the patterns until the example scores what it should (here, add
    /// `"circle of hash values"`), or correct `expect` if the example was mis-scored.
    pub RubricExampleMismatch {
        name: "rubric-example-mismatch",
        code: "QB107",
        severity: Error,
        summary: "a rubric example does not score what it expects",
    }
}

impl Rule for RubricExampleMismatch {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_rubric(&self, q: &QuestionCx<'_>, rubric: &Rubric, report: &mut Report) {
        let Some(check) = q.rubric_check() else { return };
        for (k, (example, grade)) in rubric.examples.iter().zip(&check.examples).enumerate() {
            if example.expect.admits(grade.score, grade.max) {
                continue;
            }
            let met: Vec<String> =
                grade.criteria.iter().filter(|c| c.met).map(with_evidence).collect();
            let unmet: Vec<String> = grade
                .criteria
                .iter()
                .filter(|c| !c.met)
                .map(|c| match &c.why {
                    Some(why) => format!("`{}` ({why})", c.id),
                    None => format!("`{}`", c.id),
                })
                .collect();
            let penalties: Vec<String> =
                grade.penalties.iter().filter(|c| c.met).map(with_evidence).collect();
            let mut parts = vec![format!("met {}", list(&met))];
            parts.push(format!("unmet {}", list(&unmet)));
            if !penalties.is_empty() {
                parts.push(format!("penalties {}", list(&penalties)));
            }
            report.push(
                Self::META
                    .at(
                        q.path(),
                        q.pointer(&format!("/rubric/examples/{k}/expect")),
                        format!(
                            "example {} of `{}` scores {} of {}, expected {}: {}",
                            k + 1,
                            q.id(),
                            grade.score,
                            grade.max,
                            expected(example.expect, grade.max),
                            parts.join("; ")
                        ),
                    )
                    .with_help(if example.expect.bounds(grade.max).0 > grade.max {
                        format!(
                            "no answer can score {}: the rubric's maximum is {}; correct `expect`",
                            example.expect, grade.max
                        )
                    } else {
                        "adjust the patterns until the example scores what it should, or correct `expect`"
                            .to_owned()
                    }),
            );
        }
    }
}

/// The expectation in words: the score, or the band with its bounds for this rubric.
fn expected(expect: Expect, max: u32) -> String {
    match expect {
        Expect::Exactly(n) => n.to_string(),
        Expect::Between(lo, hi) => format!("{lo}-{hi}"),
        Expect::Class(_) => {
            let (lo, hi) = expect.bounds(max);
            format!("`{expect}` ({lo}-{hi})")
        }
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() { "none".to_owned() } else { items.join(", ") }
}
