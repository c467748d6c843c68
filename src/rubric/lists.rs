//! Terms listed, not claimed: a keyword salad ("hash ring and virtual nodes also K/N keys and
//! mod N") names every criterion of a rubric and states none of them.
//!
//! A sentence is a **list of terms** when it alone meets [`MIN_CRITERIA`] criteria or more, and
//! at least [`DENSITY`] of its words are words those criteria matched or list fillers ("and",
//! "also", articles). A real sentence that states three claims carries the words that relate
//! them — verbs, prepositions, subjects the rubric does not name — and stays below the density.
//! Criteria met only inside a list sentence are not met; their result says why. Matches of `re:`
//! patterns take no part: a regular expression's words may be any words.

use super::answer::{Answer, Occurrence};

/// Fewest criteria one sentence must meet to be read as a list.
pub(crate) const MIN_CRITERIA: usize = 3;

/// Share of a list sentence's words that are matched words or fillers (in percent).
pub(crate) const DENSITY: usize = 75;

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
        let mut matched: Vec<usize> = group
            .iter()
            .flat_map(|&(_, k)| found[k].iter().flatten().flat_map(|o| o.positions.iter().copied()))
            .collect();
        matched.sort_unstable();
        matched.dedup();
        let fillers = (from..to)
            .filter(|i| matched.binary_search(i).is_err())
            .filter(|&i| FILLERS.contains(&answer.folded(i)))
            .count();
        let words = to - from;
        if words > 0 && (matched.len() + fillers) * 100 >= words * DENSITY {
            for &(_, k) in group {
                out[k] = Some(sentence);
            }
        }
    }
    out
}
