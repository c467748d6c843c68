//! What a survivor says about the rubric, and how to kill it: the evidence that fooled the
//! engine, and one fix per operator family.

use super::mutant::Expect;
use super::operator::Operator;
use super::run::Tested;
use crate::rubric::CriterionResult;

/// The results a reader needs to see: for a must-drop mutant the criteria still met (with the
/// words that met them), for a must-hold mutant the criteria lost and the penalties that fired.
pub fn evidence(tested: &Tested) -> Vec<&CriterionResult> {
    let grade = &tested.grade;
    match &tested.mutant.expect {
        Expect::Lose { criteria } => {
            grade.criteria.iter().filter(|c| c.met && criteria.contains(&c.id)).collect()
        }
        Expect::AtMost { .. } => grade.criteria.iter().filter(|c| c.met).collect(),
        Expect::Hold { .. } => grade
            .criteria
            .iter()
            .filter(|c| !c.met)
            .chain(grade.penalties.iter().filter(|p| p.met))
            .collect(),
    }
}

/// `` `ring` ("hash ring") `` for met results, `` `ring` lost `` for a criterion not met,
/// joined with commas.
pub fn describe(results: &[&CriterionResult], penalties: &[CriterionResult]) -> String {
    let parts: Vec<String> = results
        .iter()
        .map(|r| {
            let kind = if penalties.iter().any(|p| p.id == r.id) { "penalty " } else { "" };
            if !r.met {
                format!("`{}` lost", r.id)
            } else if r.evidence.is_empty() {
                format!("{kind}`{}` met", r.id)
            } else {
                format!("{kind}`{}` (\"{}\")", r.id, r.evidence.join(" "))
            }
        })
        .collect();
    if parts.is_empty() { "none".to_owned() } else { parts.join(", ") }
}

/// How to kill a surviving mutant made by `op`.
pub fn fix(op: Operator) -> &'static str {
    match op {
        Operator::Salad => {
            "a list of the rubric's phrases earns these points: make the criteria need a claim, not a term (an `all` of the subject and its verb with `same: clause`); a clause that names four criteria's terms and little else reads as a list; or add a penalty for bare term lists"
        }
        Operator::NegateNot | Operator::NegateNoNeed | Operator::NegateWithout => {
            "the claim was denied and still counted: make it an `all` claim with `same: clause` (a negation between its parts denies it), shorten its phrases so the negation reaches them, or add a penalty that states the denial"
        }
        Operator::NegatePost | Operator::NegateNever | Operator::NegateInstead => {
            "the denial was not read: make the claim an `all` of its subject and its verb with `same: clause`, so the denial's clause is the claim's, or add a penalty that states the denial"
        }
        Operator::Reverse => {
            "the claim was reversed and still counted: put the reversed word in the criterion's phrases, or add a penalty for the reversed claim"
        }
        Operator::Swap => {
            "the claim's parts were exchanged and still counted: require them in order and together (`all` groups with `ordered: true` and `same: clause`)"
        }
        Operator::TruncateHalf | Operator::TruncateDrop => {
            "the sentence that made the claim is gone, yet its parts were found scattered over the rest: give the criterion's `all` groups `same: sentence` (or a `within`) so they must be said together"
        }
        Operator::Deny => {
            "the penalty fires on a sentence that denies the misconception: narrow it to the affirmative claim (a longer phrase), and add the denial as a rubric example"
        }
        Operator::Synonym => {
            "one of the criterion's own phrasings does not match in the model answer's sentence: check it (articles, word gaps, a negation nearby) or replace it"
        }
        Operator::Reorder | Operator::Prose | Operator::Filler | Operator::Adverbs => {
            "the answer was only rephrased and lost points: widen the lost criterion's phrases (allow a word between), or loosen its `within`"
        }
    }
}
