//! Terms listed, not claimed: a keyword salad ("hash ring and virtual nodes also K/N keys plus
//! mod N") names every criterion of a rubric and states none of them.
//!
//! A clause is a **list of terms** when it alone meets [`MIN_CRITERIA`] criteria or more, and
//! every word of it outside those criteria's matches (each from its first matched word to its
//! last) is a list filler ("and", "also", "plus", articles) or a word that a pattern of the
//! rubric matched (a phrase listed twice, a phrasing no criterion needed, a denied one). A
//! real clause that states four claims carries words that relate them — a subject, a verb, an
//! "is", a "then" — that no pattern matched.
//! A terse enumeration set off by commas ("closed lets calls through, open fails fast, …") is
//! several clauses, each a short claim, and is not a list in this sense.
//!
//! Criteria met only inside a list are not met; their result says why. Matches of `re:`
//! patterns take no part: a regular expression's words may be any words.

use super::answer::{Answer, Occurrence};

/// Fewest criteria one clause must meet to be read as a list. Fewer terms side by side are too
/// often a terse, right answer ("a ring with virtual nodes"): a smaller rubric's defence against
/// a salad is claims that a bare term cannot meet.
pub(crate) const MIN_CRITERIA: usize = 4;

/// Words that join the items of a list without relating them.
const FILLERS: &[&str] =
    &["and", "also", "or", "plus", "then", "so", "as", "well", "a", "an", "the", "with", "etc"];

/// For each criterion (`found[k]`: its occurrences, when met), the sentence of the list its
/// match lies in, if it lies in one.
/// `phrases()` gives every occurrence of every pattern of the rubric (criteria and penalties,
/// met, unmet or denied).
pub(crate) fn listed(
    answer: &Answer<'_>,
    found: &[Option<Vec<Occurrence>>],
    phrases: impl Fn() -> Vec<Occurrence>,
) -> Vec<Option<u32>> {
    let mut out = vec![None; found.len()];
    // Criteria whose every matched word lies in one clause, by that clause.
    let mut homes: Vec<(u32, usize)> = found
        .iter()
        .enumerate()
        .filter_map(|(k, occs)| {
            let occs = occs.as_ref()?;
            let clause = occs.first()?.clause;
            occs.iter()
                .all(|o| o.clause == clause && clause != u32::MAX && !o.regex)
                .then_some((clause, k))
        })
        .collect();
    homes.sort_unstable();
    for group in homes.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < MIN_CRITERIA {
            continue;
        }
        let (from, to) = answer.clause_words(group[0].0);
        // Each criterion's stretch of words, first to last matched word.
        let spans: Vec<(usize, usize)> = group
            .iter()
            .filter_map(|&(_, k)| {
                let occs = found[k].as_ref()?;
                Some((occs.iter().map(|o| o.first).min()?, occs.iter().map(|o| o.last).max()?))
            })
            .collect();
        // Every word some pattern of the rubric matched in the clause: a salad's phrases are
        // whole rubric phrasings, even where no criterion took its match there.
        let mut phrase_words: Vec<usize> = phrases()
            .into_iter()
            .filter(|o| o.clause == group[0].0)
            .flat_map(|o| o.positions)
            .collect();
        phrase_words.sort_unstable();
        let inside = |i: usize| spans.iter().any(|&(a, b)| (a..=b).contains(&i));
        let listed = (from..to).all(|i| {
            inside(i)
                || phrase_words.binary_search(&i).is_ok()
                || FILLERS.contains(&answer.folded(i))
        });
        if listed {
            let sentence = answer.sentence_of(from);
            for &(_, k) in group {
                out[k] = Some(sentence);
            }
        }
    }
    out
}
