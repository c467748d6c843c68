//! Terms listed, not claimed: a keyword salad ("hash ring and virtual nodes also K/N keys and
//! mod N") names every criterion of a rubric and states none of them.
//!
//! A sentence is a **list of terms** when it alone meets [`MIN_CRITERIA`] criteria or more, and
//! every word of it outside those criteria's matches (each from its first matched word to its
//! last) is a list filler ("and", "also", articles). A real sentence that states three claims
//! carries words that relate them — a subject, a verb, a "no" — which the rubric's phrases do
//! not all cover.
//! Criteria met only inside a list sentence are not met; their result says why. Matches of `re:`
//! patterns take no part: a regular expression's words may be any words.

use super::answer::{Answer, Occurrence};

/// Fewest criteria one sentence must meet to be read as a list.
pub(crate) const MIN_CRITERIA: usize = 3;

/// Words that join the items of a list without relating them.
const FILLERS: &[&str] =
    &["and", "also", "or", "plus", "then", "as", "well", "a", "an", "the", "with", "etc"];

/// For each criterion (`found[k]`: its occurrences, when met), the list sentence its match lies
/// in, if it lies in one.
pub(crate) fn listed(answer: &Answer<'_>, found: &[Option<Vec<Occurrence>>]) -> Vec<Option<u32>> {
    let mut out = vec![None; found.len()];
    // Criteria whose every matched word lies in one sentence, by that sentence.
    let mut homes: Vec<(u32, usize)> = found
        .iter()
        .enumerate()
        .filter_map(|(k, occs)| {
            let occs = occs.as_ref()?;
            let sentence = occs.first()?.sentence;
            occs.iter()
                .all(|o| o.sentence == sentence && !o.regex && !o.positions.is_empty())
                .then_some((sentence, k))
        })
        .collect();
    homes.sort_unstable();
    for group in homes.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < MIN_CRITERIA {
            continue;
        }
        let sentence = group[0].0;
        let (from, to) = answer.sentence_words(sentence);
        // Each criterion's stretch of words, first to last matched word.
        let mut spans: Vec<(usize, usize)> = group
            .iter()
            .filter_map(|&(_, k)| {
                let occs = found[k].as_ref()?;
                let first = occs.iter().map(|o| o.first).min()?;
                let last = occs.iter().map(|o| o.last).max()?;
                Some((first, last))
            })
            .collect();
        spans.sort_unstable();
        let inside = |i: usize| spans.iter().any(|&(a, b)| (a..=b).contains(&i));
        let listed = (from..to).all(|i| inside(i) || FILLERS.contains(&answer.folded(i)));
        if listed {
            for &(_, k) in group {
                out[k] = Some(sentence);
            }
        }
    }
    out
}
