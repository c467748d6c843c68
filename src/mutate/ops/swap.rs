//! Swapped roles: two terms of a claim exchanged in place. The terms are the runs of adjacent
//! evidence words (for an `all` criterion, usually one run per group); a claim with one run of
//! several words has its first and last word exchanged. "The leader replicates to followers"
//! becomes "the followers replicates to leader", which says something else with the same words.

use std::ops::Range;

use super::super::operator::Operator;
use super::super::subject::Subject;
use super::super::text::words;
use super::{Sink, claim_mutant, edit_every, local};

/// The runs of adjacent words among `found` (only spaces or punctuation between them).
fn runs(answer: &str, found: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for w in found {
        match out.last_mut() {
            Some(run) if !answer[run.end..w.start].chars().any(char::is_alphanumeric) => {
                run.end = w.end;
            }
            _ => out.push(w.clone()),
        }
    }
    out
}

/// The two ranges to exchange: the first and last run, or the first and last word of a single
/// run of several words.
fn terms(answer: &str, found: &[Range<usize>]) -> Option<(Range<usize>, Range<usize>)> {
    let runs = runs(answer, found);
    match runs.as_slice() {
        [first, .., last] => Some((first.clone(), last.clone())),
        [only] => {
            let inner = words(&answer[only.clone()]);
            let (a, b) = (inner.first()?, inner.last()?);
            (inner.len() > 1).then(|| {
                (a.start + only.start..a.end + only.start, b.start + only.start..b.end + only.start)
            })
        }
        [] => None,
    }
}

/// `sentence` with the two terms of `found` exchanged, and where the change ends.
fn exchange(sentence: &str, found: &[Range<usize>]) -> Option<(String, usize)> {
    let (a, b) = terms(sentence, found)?;
    if sentence[a.clone()].eq_ignore_ascii_case(&sentence[b.clone()]) {
        return None;
    }
    let text = format!(
        "{}{}{}{}{}",
        &sentence[..a.start],
        &sentence[b.clone()],
        &sentence[a.end..b.start],
        &sentence[a],
        &sentence[b.end..]
    );
    Some((text, b.end))
}

/// One mutant per claim whose terms can be exchanged in every carrying sentence.
pub(super) fn generate(subject: &Subject<'_>, sink: &mut Sink) {
    for claim in &subject.claims {
        claim_mutant(subject, claim, Operator::Swap, sink, |site, sentence| {
            let found: Vec<_> = site.words.iter().map(|w| local(subject, site, w)).collect();
            edit_every(subject, claim.criterion, sentence, &found, exchange)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::mutants_of;
    use super::*;

    #[test]
    fn runs_join_adjacent_words_only() {
        let text = "the leader sends to a follower";
        let found = [4..10, 11..16, 22..30];
        assert_eq!(runs(text, &found), [4..16, 22..30]);
        assert_eq!(terms(text, &found), Some((4..16, 22..30)));
        assert_eq!(terms("hash ring", &[0..4, 5..9]), Some((0..4, 5..9)));
        assert_eq!(terms("ring", &[0..4, 4..4][..1]), None);
    }

    #[test]
    fn claims_have_their_terms_exchanged_in_place() {
        let sink = mutants_of(generate);
        let after: Vec<&str> = sink.mutants.iter().map(|m| m.change.after.as_str()).collect();
        assert_eq!(
            after,
            [
                "Keys and nodes sit on a ring hash.",
                "Adding a node moves only a small share of the keys.",
                "Each node always gets many nodes virtual.",
            ]
        );
        assert!(sink.mutants[0].text.starts_with("Keys and nodes sit on a **ring hash**. Adding"));
    }
}
