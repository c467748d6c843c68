use crate::declare_rule;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::lint::{BankCx, Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::{Id, Rubric, RubricList};
use crate::mutate::{Expect, Outcome, Tested, hint, run_question};

declare_rule! {
    /// ## What it does
    /// Runs rubric mutation testing (`qbank mutate`) on each open question whose model answer
    /// scores the maximum, and reports every mutant that survived: an adversarial answer made
    /// from the model answer (a keyword salad, a negated, reversed, swapped or cut claim, a
    /// denied misconception, a rephrasing) that the rubric grades against its expectation. The
    /// finding sits on the targeted criterion or penalty and quotes the mutant, its score
    /// against the expected one, the words that earned (or lost) the points, and a fix.
    ///
    /// Operators and bounds come from `qbank.toml`'s `[mutate]` table; `--allow
    /// mutant-survived` (or `allow` in `[lint]`) skips mutation testing altogether.
    ///
    /// ## Why is this bad?
    /// A rubric that awards a criterion to "X is unnecessary", or full marks to a list of its
    /// own keywords, grades candidates who said the opposite as if they were right; one that
    /// drops points when sentences are reordered punishes candidates who were right.
    ///
    /// ## Example
    /// ```yaml
    /// answer: A cluster needs a majority quorum to elect a leader.
    /// rubric:
    ///   criteria:
    ///     - {id: quorum, points: 2, any: ["majority quorum"]}
    /// # `Majority quorum is not needed.` still scores 2 of 2
    /// ```
    ///
    /// ## Fix
    /// Follow the finding's help: add a penalty that states the denial, require a claim's parts
    /// in one clause (`all` groups with a tight `within`), or widen a phrasing. If the mutant is
    /// equivalent (a human would grade it the same), list its id under the rubric's
    /// `mutants: {ignore: [{id: ..., reason: ...}]}`.
    pub MutantSurvived {
        name: "mutant-survived",
        code: "QB110",
        severity: Warning,
        summary: "an adversarial answer made from the model answer fools the rubric",
    }
}

impl Rule for MutantSurvived {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    /// Questions are mutated on every core (mutation testing is lint's costliest rule); the
    /// findings keep question order.
    fn check_bank(&self, bank: &BankCx<'_>, corpus: &Corpus<'_>, report: &mut Report) {
        let questions: Vec<QuestionCx<'_>> = bank.questions().collect();
        let found: Vec<Vec<Diagnostic>> = questions
            .par_iter()
            .map(|q| {
                let mut own = Report::default();
                self.check_question(q, corpus, &mut own);
                own.into_vec()
            })
            .collect();
        for diagnostic in found.into_iter().flatten() {
            report.push(diagnostic);
        }
    }

    fn check_question(&self, q: &QuestionCx<'_>, corpus: &Corpus<'_>, report: &mut Report) {
        let (Some(rubric), Some(check)) = (q.rubric(), q.rubric_check()) else { return };
        let Ok(compiled) = &check.compiled else { return };
        let concepts = &q.bank.bank.concepts;
        let Ok(run) = run_question(q.question, compiled, concepts, &corpus.options.mutate) else {
            return;
        };
        for t in run.tested.iter().filter(|t| t.outcome == Outcome::Survived) {
            let m = &t.mutant;
            let mutant = if m.change.after.is_empty() {
                format!("cut \"{}\"", m.change.before)
            } else {
                format!("\"{}\"", m.change.after)
            };
            let evidence = hint::describe(&hint::evidence(t), &t.grade.penalties);
            report.push(
                Self::META
                    .at(
                        q.path(),
                        q.pointer(&pointer(rubric, t)),
                        format!(
                            "mutant `{}` survived: {mutant} scores {} of {}, expected {}; evidence: {evidence}",
                            m.id, t.grade.score, t.grade.max, m.expect
                        ),
                    )
                    .with_help(format!(
                        "{}; or, if a human would grade it the same, add it to the rubric's `mutants.ignore` with a reason",
                        hint::fix(m.operator)
                    )),
            );
        }
    }
}

/// Where a survivor is shown: the targeted criterion still met, the penalty that must not fire,
/// the first criterion a must-hold mutant lost, or the criteria list (a salad).
fn pointer(rubric: &Rubric, t: &Tested) -> String {
    let place = |list: RubricList, id: &Id| {
        rubric.list(list).iter().position(|c| &c.id == id).map(|i| (list, i))
    };
    let criterion = |id: &Id| place(RubricList::Criteria, id);
    let penalty = |id: &Id| place(RubricList::Penalties, id);
    let grade = &t.grade;
    let at = match &t.mutant.expect {
        _ if t.mutant.penalty => t.mutant.targets.first().and_then(penalty),
        Expect::Lose { criteria } => grade
            .criteria
            .iter()
            .find(|c| c.met && criteria.contains(&c.id))
            .and_then(|c| criterion(&c.id)),
        Expect::Hold { .. } => grade
            .criteria
            .iter()
            .find(|c| !c.met)
            .and_then(|c| criterion(&c.id))
            .or_else(|| grade.penalties.iter().find(|p| p.met).and_then(|p| penalty(&p.id))),
        Expect::AtMost { .. } => None,
    };
    match at {
        Some((list, i)) => format!("/rubric/{}/{i}", list.field()),
        None => "/rubric/criteria".to_owned(),
    }
}
