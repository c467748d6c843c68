//! The operators' generators, one file per family. Each walks its *sites* (a claim, a
//! sentence, a penalty or the whole answer) and either makes mutants there or counts the site
//! as unviable (nothing to change), so every operator's effort shows in the counts.

mod deny;
mod hold;
mod negate;
mod reverse;
mod salad;
mod swap;
mod synonym;
mod truncate;

use std::collections::BTreeMap;

use super::mutant::Mutant;
use super::operator::Operator;
use super::settings::Settings;
use super::subject::Subject;

/// Where generators put their mutants.
#[derive(Debug, Default)]
pub(super) struct Sink {
    /// The mutants, in the order they were made.
    pub(super) mutants: Vec<Mutant>,
    /// Sites where an operator found nothing to change, per operator.
    pub(super) unviable: BTreeMap<Operator, usize>,
}

impl Sink {
    /// Adds a mutant, unless one with the same text was already made by the same operator
    /// (two cues can give the same sentence).
    pub(super) fn push(&mut self, mutant: Mutant) {
        if !self.mutants.iter().any(|m| m.id == mutant.id) {
            self.mutants.push(mutant);
        }
    }

    /// Counts a site where `operator` found nothing to change.
    pub(super) fn unviable(&mut self, operator: Operator) {
        *self.unviable.entry(operator).or_default() += 1;
    }
}

/// Makes every mutant of `subject` with the enabled operators, in operator order.
pub(super) fn generate(subject: &Subject<'_>, settings: &Settings) -> Sink {
    let mut sink = Sink::default();
    for &op in &settings.operators {
        match op {
            Operator::Salad => salad::generate(subject, settings.salad_max, &mut sink),
            Operator::NegateNot
            | Operator::NegatePost
            | Operator::NegateNoNeed
            | Operator::NegateWithout
            | Operator::NegateInstead
            | Operator::NegateNever => negate::generate(subject, op, &mut sink),
            Operator::Reverse => reverse::generate(subject, &mut sink),
            Operator::Swap => swap::generate(subject, &mut sink),
            Operator::TruncateHalf => truncate::half(subject, &mut sink),
            Operator::TruncateDrop => truncate::drop(subject, &mut sink),
            Operator::Deny => deny::generate(subject, &mut sink),
            Operator::Reorder => hold::reorder(subject, &mut sink),
            Operator::Prose => hold::prose(subject, &mut sink),
            Operator::Filler => hold::filler(subject, &mut sink),
            Operator::Adverbs => hold::adverbs(subject, &mut sink),
            Operator::Synonym => synonym::generate(subject, &mut sink),
        }
    }
    sink
}

/// `text` with its first letter in upper case.
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A plain phrase of the pattern list (not a `re:`), at `pick` from the front or the back.
fn phrase<'a>(patterns: &'a [crate::model::Pattern], from_back: bool) -> Option<&'a str> {
    let mut plain = patterns.iter().filter(|p| p.regex().is_none()).map(|p| p.as_str());
    if from_back { plain.next_back() } else { plain.next() }
}

/// A phrasing of a criterion or penalty: a plain `any` phrase, or one phrase of every `all`
/// group joined with spaces; the first (or last) of each list.
fn phrasing(criterion: &crate::model::Criterion, from_back: bool) -> Option<String> {
    if let Some(p) = phrase(&criterion.any, from_back) {
        return Some(p.to_owned());
    }
    let parts: Option<Vec<&str>> = criterion.all.iter().map(|g| phrase(g, from_back)).collect();
    parts.filter(|p| !p.is_empty()).map(|p| p.join(" "))
}

#[cfg(test)]
pub(super) mod fixture;
