//! Reversed claims: one word of a claim, or the word just before it, replaced by its opposite
//! ("always" → "never", "majority" → "minority", "before" → "after"). The claim's other words
//! stay, so a rubric that matches on them alone still awards the criterion.

use std::ops::Range;

use super::super::operator::Operator;
use super::super::subject::Subject;
use super::super::text::{splice, words};
use super::{Sink, claim_mutant, edit_every, local};

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

/// `sentence` with its first reversible word among `claim` (and the word before it) reversed,
/// unless the sentence already says the opposite; and where the claim's occurrence now ends.
fn flip(sentence: &str, claim: &[Range<usize>]) -> Option<(String, usize)> {
    let in_sentence = words(sentence);
    let said = |w: &str| in_sentence.iter().any(|r| sentence[r.clone()].eq_ignore_ascii_case(w));
    let first = claim.first()?.start;
    let before = in_sentence.iter().rposition(|r| r.end <= first).map(|i| in_sentence[i].clone());
    let (range, flipped) = before.into_iter().chain(claim.iter().cloned()).find_map(|r| {
        let flipped = opposite(&sentence[r.clone()])?;
        (!said(&flipped)).then_some((r, flipped))
    })?;
    // The claim's occurrence now ends where it did, moved by the change in length.
    let last = claim.last().map_or(range.end, |w| w.end.max(range.end));
    let end = last + flipped.len() - range.len();
    Some((splice(sentence, range, &flipped), end))
}

/// One mutant per claim: in every carrying sentence, the first reversible word (the word before
/// the claim first, then the claim's words in order) whose opposite the sentence does not
/// already say. Unviable when some carrying sentence has none.
pub(super) fn generate(subject: &Subject<'_>, sink: &mut Sink) {
    for claim in &subject.claims {
        claim_mutant(subject, claim, Operator::Reverse, sink, |site, sentence| {
            let found: Vec<_> = site.words.iter().map(|w| local(subject, site, w)).collect();
            edit_every(subject, claim.criterion, sentence, &found, flip)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::mutants_of;
    use super::*;

    #[test]
    fn opposites_go_both_ways_and_keep_capitals() {
        assert_eq!(opposite("Always").as_deref(), Some("Never"));
        assert_eq!(opposite("minority").as_deref(), Some("majority"));
        assert_eq!(opposite("ring"), None);
    }

    #[test]
    fn the_word_before_a_claim_or_in_it_is_reversed() {
        let sink = mutants_of(generate);
        let changes: Vec<(&str, &str)> =
            sink.mutants.iter().map(|m| (m.targets[0].as_str(), m.change.after.as_str())).collect();
        assert_eq!(changes, [("vnodes", "Each node always gets few virtual nodes.")]);
        assert_eq!(sink.unviable.get(&Operator::Reverse), Some(&2), "nothing to reverse in two");
    }
}
