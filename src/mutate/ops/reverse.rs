//! Reversed claims: one word of a claim, or the word just before it, replaced by its opposite
//! ("always" → "never", "majority" → "minority", "before" → "after"). The claim's other words
//! stay, so a rubric that matches on them alone still awards the criterion.

use super::super::mutant::{Change, Expect, Mutant};
use super::super::operator::Operator;
use super::super::subject::Subject;
use super::super::text::{plain, splice, words};
use super::Sink;

/// Opposites, read both ways.
const PAIRS: &[(&str, &str)] = &[
    ("always", "never"),
    ("must", "need not"),
    ("before", "after"),
    ("more", "fewer"),
    ("majority", "minority"),
    ("increases", "decreases"),
    ("increase", "decrease"),
    ("higher", "lower"),
    ("faster", "slower"),
    ("larger", "smaller"),
    ("bigger", "smaller"),
    ("first", "last"),
    ("earlier", "later"),
    ("synchronous", "asynchronous"),
    ("synchronously", "asynchronously"),
    ("stronger", "weaker"),
    ("strong", "weak"),
    ("safe", "unsafe"),
    ("consistent", "inconsistent"),
    ("available", "unavailable"),
    ("minimal", "maximal"),
    ("minimum", "maximum"),
    ("least", "most"),
    ("cheap", "expensive"),
    ("adding", "removing"),
    ("add", "remove"),
    ("accept", "reject"),
    ("accepts", "rejects"),
    ("commit", "abort"),
    ("commits", "aborts"),
    ("success", "failure"),
    ("above", "below"),
    ("many", "few"),
    ("high", "low"),
    ("same", "different"),
    ("stateless", "stateful"),
    ("idempotent", "non-idempotent"),
    ("increasing", "decreasing"),
];

/// The opposite of a word, matching its capitalisation.
pub(crate) fn opposite(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let found = PAIRS.iter().find_map(|&(a, b)| {
        if lower == a {
            Some(b)
        } else if lower == b {
            Some(a)
        } else {
            None
        }
    })?;
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    Some(if capital { super::capitalize(found) } else { found.to_owned() })
}

/// One mutant per claim: its first reversible word (the word before the claim first, then the
/// claim's words in order) whose opposite the sentence does not already say.
pub(super) fn generate(subject: &Subject<'_>, sink: &mut Sink) {
    for claim in &subject.claims {
        let sentence = subject.sentences[claim.sentence].clone();
        let in_sentence: Vec<_> = words(&subject.answer[sentence.clone()])
            .into_iter()
            .map(|w| w.start + sentence.start..w.end + sentence.start)
            .collect();
        let said =
            |w: &str| in_sentence.iter().any(|r| subject.answer[r.clone()].eq_ignore_ascii_case(w));
        let first = claim.words[0].start;
        let before =
            in_sentence.iter().rposition(|r| r.end <= first).map(|i| in_sentence[i].clone());
        let candidates = before.into_iter().chain(claim.words.iter().cloned());
        let found = candidates.into_iter().find_map(|r| {
            let flipped = opposite(&subject.answer[r.clone()])?;
            (!said(&flipped)).then_some((r, flipped))
        });
        let Some((range, flipped)) = found else {
            sink.unviable(Operator::Reverse);
            continue;
        };
        let text = splice(subject.answer, range.clone(), &flipped);
        let after = splice(subject.answer, range, &flipped);
        let after_sentence =
            &after[sentence.start..sentence.end + after.len() - subject.answer.len()];
        sink.push(Mutant::new(
            subject.question,
            Operator::Reverse,
            vec![claim.id.clone()],
            Expect::Lose { criteria: vec![claim.id.clone()] },
            Change {
                before: plain(subject.sentence(claim.sentence)),
                after: plain(after_sentence),
            },
            text,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{QUESTION, compiled, question};
    use super::*;

    #[test]
    fn opposites_go_both_ways_and_keep_capitals() {
        assert_eq!(opposite("Always").as_deref(), Some("Never"));
        assert_eq!(opposite("minority").as_deref(), Some("majority"));
        assert_eq!(opposite("ring"), None);
    }

    #[test]
    fn the_word_before_a_claim_or_in_it_is_reversed() {
        let q = question(QUESTION);
        let c = compiled(&q);
        let subject = Subject::new(&q, &c).unwrap();
        let mut sink = Sink::default();
        generate(&subject, &mut sink);
        let changes: Vec<(&str, &str)> =
            sink.mutants.iter().map(|m| (m.targets[0].as_str(), m.change.after.as_str())).collect();
        assert_eq!(changes, [("vnodes", "Each node always gets few virtual nodes.")]);
        assert_eq!(sink.unviable.get(&Operator::Reverse), Some(&2), "nothing to reverse in two");
    }
}
