//! Swapped phrasings: a claim's words replaced by another of its criterion's `any` phrasings
//! (the first [`PER_CLAIM`] that differ). The rubric lists them as saying the same thing, so the
//! score must hold; if it drops, that phrasing does not match in a real sentence.

use super::super::mutant::{Expect, Mutant};
use super::super::operator::Operator;
use super::super::subject::Subject;
use super::super::text::{plain, splice};
use super::{Sink, local, rewrite};

/// How many other phrasings are tried per claim.
pub(super) const PER_CLAIM: usize = 2;

/// Up to [`PER_CLAIM`] mutants per claim whose criterion has another plain phrasing; the
/// phrasing replaces the claim's words in its first carrying sentence.
pub(super) fn generate(subject: &Subject<'_>, sink: &mut Sink) {
    for claim in &subject.claims {
        let site = &claim.sites[..1];
        let said = plain(&subject.answer[site[0].span()]).to_lowercase();
        let criterion = &subject.rubric.criteria[claim.criterion];
        let others: Vec<&str> = criterion
            .any
            .iter()
            .filter(|p| p.regex().is_none() && p.as_str().to_lowercase() != said)
            .map(crate::model::Pattern::as_str)
            .take(PER_CLAIM)
            .collect();
        if others.is_empty() {
            sink.unviable(Operator::Synonym);
        }
        for other in others {
            let made = rewrite(subject, site, |site, sentence| {
                Some(splice(sentence, local(subject, site, &site.span()), other))
            });
            let Some((text, change)) = made else { continue };
            sink.push(Mutant::new(
                subject.question,
                Operator::Synonym,
                vec![claim.id.clone()],
                Expect::Hold { score: subject.max() },
                change,
                text,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::mutants_of;
    use super::*;

    #[test]
    fn claims_take_the_other_plain_phrasings_of_their_criterion() {
        let sink = mutants_of(generate);
        let after: Vec<&str> = sink.mutants.iter().map(|m| m.change.after.as_str()).collect();
        assert_eq!(
            after,
            ["Keys and nodes sit on a circle of hashes.", "Each node always gets many tokens."]
        );
        assert_eq!(sink.unviable.get(&Operator::Synonym), Some(&1), "`movement` has no `any`");
    }
}
