//! Swapped phrasings: a claim's words replaced by another of its criterion's `any` phrasings
//! (the first [`PER_CLAIM`] that differ). The rubric lists them as saying the same thing, so the
//! score must hold; if it drops, that phrasing does not match in a real sentence.

use super::super::mutant::{Change, Expect, Mutant};
use super::super::operator::Operator;
use super::super::subject::Subject;
use super::super::text::{plain, splice};
use super::Sink;

/// How many other phrasings are tried per claim.
pub(super) const PER_CLAIM: usize = 2;

/// Up to [`PER_CLAIM`] mutants per claim whose criterion has another plain phrasing.
pub(super) fn generate(subject: &Subject<'_>, sink: &mut Sink) {
    for claim in &subject.claims {
        let span = claim.span();
        let said = plain(&subject.answer[span.clone()]).to_lowercase();
        let criterion = &subject.rubric.criteria[claim.criterion];
        let others: Vec<&str> = criterion
            .any
            .iter()
            .filter(|p| p.regex().is_none() && p.as_str().to_lowercase() != said)
            .map(|p| p.as_str())
            .take(PER_CLAIM)
            .collect();
        if others.is_empty() {
            sink.unviable(Operator::Synonym);
        }
        for other in others {
            let text = splice(subject.answer, span.clone(), other);
            let sentence = subject.sentences[claim.sentence].clone();
            let end = sentence.end + text.len() - subject.answer.len();
            let after = plain(&text[sentence.start..end]);
            sink.push(Mutant::new(
                subject.question,
                Operator::Synonym,
                vec![claim.id.clone()],
                Expect::Hold { score: subject.max() },
                Change { before: plain(subject.sentence(claim.sentence)), after },
                text,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{QUESTION, compiled, question};
    use super::*;

    #[test]
    fn claims_take_the_other_plain_phrasings_of_their_criterion() {
        let q = question(QUESTION);
        let c = compiled(&q);
        let subject = Subject::new(&q, &c).unwrap();
        let mut sink = Sink::default();
        generate(&subject, &mut sink);
        let after: Vec<&str> = sink.mutants.iter().map(|m| m.change.after.as_str()).collect();
        assert_eq!(
            after,
            ["Keys and nodes sit on a circle of hashes.", "Each node always gets many tokens."]
        );
        assert_eq!(sink.unviable.get(&Operator::Synonym), Some(&1), "`movement` has no `any`");
    }
}
