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
use std::ops::Range;

use super::mutant::{Change, Expect, Mutant};
use super::operator::Operator;
use super::settings::Settings;
use super::subject::{Claim, Site, Subject};
use super::text::plain;

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

/// One mutant of `op` for `claim` whose every carrying sentence `edit` rewrites, expected to lose
/// the claim's criterion; an unviable site when `edit` finds nothing to change at one of them.
fn claim_mutant(
    subject: &Subject<'_>,
    claim: &Claim,
    op: Operator,
    sink: &mut Sink,
    edit: impl FnMut(&Site, &str) -> Option<String>,
) {
    let Some((text, change)) = rewrite(subject, &claim.sites, edit) else {
        sink.unviable(op);
        return;
    };
    sink.push(Mutant::new(
        subject.question,
        op,
        vec![claim.id.clone()],
        Expect::Lose { criteria: vec![claim.id.clone()] },
        change,
        text,
    ));
}

/// The answer with the sentence of every site replaced by `edit(site, sentence)`, and the
/// change as a reader sees it; `None` when `edit` finds nothing to change at some site (then
/// that site would still state the claim).
fn rewrite(
    subject: &Subject<'_>,
    sites: &[Site],
    mut edit: impl FnMut(&Site, &str) -> Option<String>,
) -> Option<(String, Change)> {
    let mut new = Vec::with_capacity(sites.len());
    for site in sites {
        let sentence = subject.sentence(site.sentence);
        new.push(edit(site, sentence).filter(|n| n != sentence)?);
    }
    let mut text = subject.answer.to_owned();
    for (site, sentence) in sites.iter().zip(&new).rev() {
        text.replace_range(subject.sentences[site.sentence].clone(), sentence);
    }
    let before: Vec<String> = sites.iter().map(|s| plain(subject.sentence(s.sentence))).collect();
    let after: Vec<String> = new.iter().map(|s| plain(s)).collect();
    Some((text, Change { before: before.join(" … "), after: after.join(" … ") }))
}

/// Applies `edit` to a carrying sentence until the sentence alone no longer meets criterion
/// `criterion`, or until it is met by the edited words themselves (which is what a survivor
/// is). `edit` gets the sentence and the claim's words in it, and returns the new sentence and
/// the byte offset where the edited occurrence of the claim ends; the claim found again at or
/// after it is another occurrence, which is edited in turn. A sentence can state a claim twice ("token buckets …
/// a token bucket"): editing only the first would leave the claim rightly met.
fn edit_every(
    subject: &Subject<'_>,
    criterion: usize,
    sentence: &str,
    words: &[Range<usize>],
    mut edit: impl FnMut(&str, &[Range<usize>]) -> Option<(String, usize)>,
) -> Option<String> {
    const MOST: usize = 8;
    let (mut text, mut end) = edit(sentence, words)?;
    for _ in 1..MOST {
        let grade = subject.compiled.grade(&text);
        let result = &grade.criteria[criterion];
        let again = result.met.then(|| super::text::locate(&text, &result.evidence)).flatten();
        let Some(next) = again.filter(|found| found.first().is_some_and(|w| w.start >= end)) else {
            break;
        };
        let Some((edited, to)) = edit(&text, &next) else { break };
        (text, end) = (edited, to);
    }
    Some(text)
}

/// `range` of the answer as a range of the sentence of `site`.
fn local(subject: &Subject<'_>, site: &Site, range: &Range<usize>) -> Range<usize> {
    let start = subject.sentences[site.sentence].start;
    range.start - start..range.end - start
}

/// `text` with its first letter in upper case.
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A plain phrase of the pattern list (not a `re:`), at `pick` from the front or the back.
fn phrase(patterns: &[crate::model::Pattern], from_back: bool) -> Option<&str> {
    let mut plain =
        patterns.iter().filter(|p| p.regex().is_none()).map(crate::model::Pattern::as_str);
    if from_back { plain.next_back() } else { plain.next() }
}

/// A phrasing of a criterion or penalty: a plain `any` phrase, or one phrase of every `all`
/// group joined with spaces; the first (or last) of each list, concepts spelled out.
fn phrasing(
    subject: &Subject<'_>,
    criterion: &crate::model::Criterion,
    from_back: bool,
) -> Option<String> {
    let spell = |p: &str| crate::rubric::spell_out(p, subject.concepts, from_back);
    if let Some(p) = phrase(&criterion.any, from_back) {
        return Some(spell(p));
    }
    let parts: Option<Vec<String>> =
        criterion.all.iter().map(|g| phrase(g, from_back).map(spell)).collect();
    parts.filter(|p| !p.is_empty()).map(|p| p.join(" "))
}

#[cfg(test)]
pub(super) mod fixture;
