//! Evaluating one criterion (or penalty) against an analyzed answer.
//!
//! A criterion is met when one of its `any` patterns matches, or when every `all` group has a
//! matching pattern — with `within: N`, in one sentence and at most N words apart (from the
//! first matched word to the last).

use super::CriterionResult;
use super::answer::{Answer, Occurrence};
use super::compile::Matcher;
use crate::model::Id;

/// A compiled criterion.
#[derive(Debug)]
pub(crate) struct CompiledCriterion {
    /// The criterion's id.
    pub id: Id,
    /// Its points.
    pub points: u32,
    /// Patterns of which one suffices.
    pub any: Vec<Matcher>,
    /// Groups of which every one needs a matching pattern.
    pub all: Vec<Vec<Matcher>>,
    /// For `all`: the largest distance in words between the first and last matched word.
    pub within: Option<u32>,
}

impl CompiledCriterion {
    /// Whether the answer meets the criterion, with the words that met it.
    pub(crate) fn evaluate(&self, answer: &Answer<'_>) -> CriterionResult {
        let found = self.any_match(answer).or_else(|| self.all_match(answer));
        let met = found.is_some();
        let evidence = found.map(|occ| evidence(answer, &occ)).unwrap_or_default();
        CriterionResult { id: self.id.clone(), points: self.points, met, evidence }
    }

    /// The earliest occurrence of the first `any` pattern that occurs.
    fn any_match(&self, answer: &Answer<'_>) -> Option<Vec<Occurrence>> {
        let mut occs = Vec::new();
        for matcher in &self.any {
            occs.clear();
            answer.occurrences(matcher, &mut occs);
            if let Some(first) = occs.iter().min_by_key(|o| (o.first, o.last)) {
                return Some(vec![first.clone()]);
            }
        }
        None
    }

    fn all_match(&self, answer: &Answer<'_>) -> Option<Vec<Occurrence>> {
        if self.all.is_empty() {
            return None;
        }
        let mut groups = Vec::with_capacity(self.all.len());
        for group in &self.all {
            let mut occs = Vec::new();
            for matcher in group {
                answer.occurrences(matcher, &mut occs);
            }
            if occs.is_empty() {
                return None;
            }
            occs.sort_by_key(|o| (o.first, o.last));
            groups.push(occs);
        }
        let Some(limit) = self.within else {
            return Some(groups.into_iter().map(|g| g[0].clone()).collect());
        };
        // Try each occurrence as the leftmost; every other group takes its occurrence in the same
        // sentence, starting no earlier, that ends first. The window is then as small as it gets.
        for (g, group) in groups.iter().enumerate() {
            'anchor: for anchor in group {
                let mut chosen = vec![anchor.clone()];
                for (h, other) in groups.iter().enumerate() {
                    if h == g {
                        continue;
                    }
                    // Only occurrences starting within `limit` words can fit the window, so the
                    // search stays bounded even for an answer that repeats a word thousands of
                    // times (occurrences are sorted by their first word).
                    let from = other.partition_point(|o| o.first < anchor.first);
                    let best = other[from..]
                        .iter()
                        .take_while(|o| o.first <= anchor.first + limit as usize)
                        .filter(|o| o.sentence == anchor.sentence)
                        .min_by_key(|o| o.last);
                    match best {
                        Some(o) => chosen.push(o.clone()),
                        None => continue 'anchor,
                    }
                }
                let last = chosen.iter().map(|o| o.last).max().unwrap_or(anchor.last);
                if last - anchor.first <= limit as usize {
                    return Some(chosen);
                }
            }
        }
        None
    }
}

/// The answer's words at the matched positions, in answer order, each once; a regex that matched
/// no word contributes its matched text.
fn evidence(answer: &Answer<'_>, occs: &[Occurrence]) -> Vec<String> {
    let mut positions: Vec<usize> = occs.iter().flat_map(|o| o.positions.iter().copied()).collect();
    positions.sort_unstable();
    positions.dedup();
    let mut out: Vec<String> = positions.into_iter().map(|i| answer.word(i).to_owned()).collect();
    out.extend(occs.iter().filter_map(|o| o.text.clone()));
    out
}
