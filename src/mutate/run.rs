//! Grading mutants and judging them: each mutant is graded by the real engine and compared with
//! its expectation; author suppressions (`mutants.ignore`) turn a result into `ignored`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::mutant::{Expect, Mutant};
use super::operator::Operator;
use super::settings::Settings;
use super::subject::{Skip, Subject};
use crate::model::{IgnoredMutant, Question};
use crate::rubric::{CompiledRubric, Grade};

/// What became of a mutant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum Outcome {
    /// The rubric did what the expectation asks (lost the criteria, stayed under the bound, or
    /// held the score).
    Killed,
    /// The rubric was fooled: the expectation failed.
    Survived,
    /// The author marked the mutant as equivalent.
    Ignored {
        /// The author's reason.
        reason: String,
    },
}

/// A graded mutant.
#[derive(Debug, Clone, Serialize)]
pub struct Tested {
    /// The mutant.
    #[serde(flatten)]
    pub mutant: Mutant,
    /// Its outcome.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Its grade.
    pub grade: Grade,
}

/// The mutation run of one question.
#[derive(Debug, Clone)]
pub struct QuestionRun {
    /// The graded mutants, in operator order.
    pub tested: Vec<Tested>,
    /// Per operator, the sites where it found nothing to change.
    pub unviable: BTreeMap<Operator, usize>,
    /// `mutants.ignore` entries that matched no mutant (stale after an edit).
    pub unused_ignores: Vec<String>,
}

/// Mutates one question and grades every mutant; `Err` says why it was skipped.
pub fn run_question(
    question: &Question,
    compiled: &CompiledRubric,
    concepts: &std::collections::BTreeMap<String, Vec<String>>,
    settings: &Settings,
) -> Result<QuestionRun, Skip> {
    let subject = Subject::new(question, compiled)?.with_concepts(concepts);
    let sink = super::ops::generate(&subject, settings);
    let ignores: &[IgnoredMutant] =
        subject.rubric.mutants.as_ref().map_or(&[], |m| m.ignore.as_slice());
    let mut used = vec![false; ignores.len()];
    let tested = sink
        .mutants
        .into_iter()
        .map(|mutant| {
            let grade = compiled.grade(&mutant.text);
            let suppressed = ignores.iter().position(|i| ignores_id(&i.id, question, &mutant.id));
            let outcome = match suppressed {
                Some(k) => {
                    used[k] = true;
                    Outcome::Ignored { reason: ignores[k].reason.clone() }
                }
                None if meets(&mutant.expect, &grade) => Outcome::Killed,
                None => Outcome::Survived,
            };
            Tested { mutant, outcome, grade }
        })
        .collect();
    let unused_ignores =
        ignores.iter().zip(used).filter(|(_, u)| !u).map(|(i, _)| i.id.clone()).collect();
    Ok(QuestionRun { tested, unviable: sink.unviable, unused_ignores })
}

/// Whether a grade is what the expectation asks.
pub fn meets(expect: &Expect, grade: &Grade) -> bool {
    match expect {
        Expect::Lose { criteria } => {
            grade.criteria.iter().filter(|c| criteria.contains(&c.id)).all(|c| !c.met)
        }
        Expect::AtMost { score } => grade.score <= *score,
        Expect::Hold { score } => grade.score == *score,
    }
}

/// Whether the ignore entry `entry` covers mutant `id` of `question`: the same id, with or
/// without the question's id in front, or a prefix of whole `/` segments.
fn ignores_id(entry: &str, question: &Question, id: &str) -> bool {
    let local =
        id.strip_prefix(question.id.as_str()).and_then(|r| r.strip_prefix('/')).unwrap_or(id);
    let entry = entry.trim_end_matches('/');
    [id, local].iter().any(|full| {
        full.strip_prefix(entry).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::super::ops::fixture::{QUESTION, compiled, question};
    use super::*;

    #[test]
    fn ignore_entries_match_whole_ids_or_segment_prefixes() {
        let q = question(QUESTION);
        let id = "ring/swap/ring/0a1b2c3d";
        assert!(ignores_id("ring/swap/ring/0a1b2c3d", &q, id));
        assert!(ignores_id("swap/ring/0a1b2c3d", &q, id));
        assert!(ignores_id("swap/ring", &q, id));
        assert!(ignores_id("swap/", &q, id));
        assert!(!ignores_id("swap/rin", &q, id));
        assert!(!ignores_id("negate-post", &q, id));
    }

    #[test]
    fn a_model_answer_below_max_is_skipped_as_baseline() {
        let yaml = QUESTION.replace("many virtual nodes", "many spare nodes");
        let q = question(&yaml);
        let c = compiled(&q);
        let err = run_question(&q, &c, &BTreeMap::default(), &Settings::default()).unwrap_err();
        assert_eq!(err, Skip::Baseline { score: 4, max: 5 });
    }

    #[test]
    fn every_mutant_gets_an_outcome_and_ignores_apply() {
        let yaml = format!(
            "{QUESTION}  mutants:\n    ignore:\n      - {{id: reorder, reason: same claims}}\n      - {{id: swap/none, reason: stale}}\n"
        );
        let q = question(&yaml);
        let c = compiled(&q);
        let run = run_question(&q, &c, &BTreeMap::default(), &Settings::default()).unwrap();
        let reorder = run.tested.iter().find(|t| t.mutant.operator == Operator::Reorder).unwrap();
        assert_eq!(reorder.outcome, Outcome::Ignored { reason: "same claims".into() });
        assert_eq!(run.unused_ignores, ["swap/none"]);
        let post = run.tested.iter().find(|t| t.mutant.operator == Operator::NegatePost).unwrap();
        assert_eq!(post.outcome, Outcome::Killed, "the engine reads a negation after the phrase");
        let not = |target: &str| {
            let t = run.tested.iter().find(|t| {
                t.mutant.operator == Operator::NegateNot && t.mutant.targets[0].as_str() == target
            });
            t.unwrap().outcome.clone()
        };
        assert_eq!(not("vnodes"), Outcome::Killed, "`not` three words before the phrase is read");
        assert_eq!(not("ring"), Outcome::Killed, "a `re:` pattern is negation-checked too");
    }
}
