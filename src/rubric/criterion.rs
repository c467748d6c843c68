//! Evaluating one criterion (or penalty) against an analyzed answer.
//!
//! A criterion is met when one of its `any` patterns matches, or when every `all` group has a
//! matching pattern — with `within: N`, in one sentence and at most N words apart (from the
//! first matched word to the last); with `same`, in one sentence or clause; with `ordered`, in
//! the groups' order. Every search is bounded by the occurrences found: sorted once, then
//! walked with binary searches, so a long answer repeating a word costs no more than its length.

use super::CriterionResult;
use super::answer::{Answer, Occurrence};
use super::compile::Matcher;
use crate::model::{Id, Together};

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
    /// For `all`: the unit of text every group's match must share.
    pub same: Option<Together>,
    /// For `all`: whether the groups must match in their written order.
    pub ordered: bool,
    /// Whether a pattern of an `all` group states a negation (`$cannot-tell`): its cue may then
    /// cover another group's words without denying the claim ("can't tell slow from **dead**").
    pub states_negation: bool,
}

impl CompiledCriterion {
    /// Whether the answer meets the criterion, with the words that met it (or why its words did
    /// not count).
    pub(crate) fn evaluate(&self, answer: &Answer<'_>) -> CriterionResult {
        let found = self.find(answer);
        self.result(answer, found.as_deref())
    }

    /// Every occurrence of every pattern of the criterion, in any group, denied or not.
    pub(crate) fn phrases(&self, answer: &Answer<'_>) -> Vec<Occurrence> {
        let mut out = Vec::new();
        for matcher in self.any.iter().chain(self.all.iter().flatten()) {
            answer.all_occurrences(matcher, &mut out);
        }
        out
    }

    /// The occurrences that meet the criterion, if any.
    pub(crate) fn find(&self, answer: &Answer<'_>) -> Option<Vec<Occurrence>> {
        self.any_match(answer).or_else(|| self.all_match(answer))
    }

    /// Not met, for the reason given (the search's own explanation is not needed).
    pub(crate) fn unmet(&self, why: String) -> CriterionResult {
        let (id, points) = (self.id.clone(), self.points);
        CriterionResult { id, points, met: false, evidence: Vec::new(), why: Some(why) }
    }

    /// The result for what [`Self::find`] found: met with its evidence, or why not.
    pub(crate) fn result(
        &self,
        answer: &Answer<'_>,
        found: Option<&[Occurrence]>,
    ) -> CriterionResult {
        let met = found.is_some();
        let evidence = found.map(|occ| evidence(answer, occ)).unwrap_or_default();
        let why = if met { None } else { self.why_not(answer) };
        CriterionResult { id: self.id.clone(), points: self.points, met, evidence, why }
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

    /// Each `all` group's occurrences, sorted; `None` as soon as one group has none. With
    /// `cancelled`, also those a negation cancels, each with its cue, for a claim that may state
    /// that negation itself.
    fn groups(&self, answer: &Answer<'_>, cancelled: bool) -> Option<Vec<Vec<Occurrence>>> {
        let mut groups = Vec::with_capacity(self.all.len());
        for group in &self.all {
            let mut occs = Vec::new();
            for matcher in group {
                answer.occurrences(matcher, &mut occs);
                if cancelled {
                    answer.negated_occurrences(matcher, &mut occs);
                }
            }
            if self.same == Some(Together::Clause) {
                occs.retain(|o| o.clause != u32::MAX);
            }
            if occs.is_empty() {
                return None;
            }
            occs.sort_by_key(|o| (o.first, o.last));
            groups.push(occs);
        }
        Some(groups)
    }

    /// The unit two matches must share: the clause, the sentence (also implied by `within`), or
    /// nothing.
    fn unit(&self, o: &Occurrence) -> Option<u32> {
        match self.same {
            Some(Together::Clause) => Some(o.clause),
            Some(Together::Sentence) => Some(o.sentence),
            None => self.within.map(|_| o.sentence),
        }
    }

    /// Every `all` group matched, as the criterion's options require. A part that a negation
    /// cancels is tried only when nothing else meets the claim, and counts only when the claim's
    /// other parts hold that negation's words: "you **can't tell** a slow node from a dead one"
    /// meets `slow` + `$cannot-tell` + `dead`, whose `dead` lies in the scope of its own "can't".
    fn all_match(&self, answer: &Answer<'_>) -> Option<Vec<Occurrence>> {
        if self.all.is_empty() {
            return None;
        }
        let clean = self.groups(answer, false).and_then(|groups| self.combine(answer, &groups));
        if clean.is_some() || !self.states_negation || !answer.has_negations() {
            return clean;
        }
        let groups = self.groups(answer, true)?;
        // Only a part that holds a cue can own the negation of another part.
        if !groups.iter().flatten().any(|o| o.cue.is_none() && answer.holds_cue(o)) {
            return None;
        }
        self.combine(answer, &groups)
    }

    /// One occurrence per group that meets the criterion's options, or `None`.
    fn combine(&self, answer: &Answer<'_>, groups: &[Vec<Occurrence>]) -> Option<Vec<Occurrence>> {
        if self.ordered {
            return self.in_order(answer, groups);
        }
        if let Some(limit) = self.within {
            return self.in_window(answer, groups, limit as usize);
        }
        if self.same.is_none() {
            // Each group's first occurrence, preferring one no negation cancels.
            let chosen: Vec<Occurrence> = groups
                .iter()
                .map(|g| g.iter().find(|o| o.cue.is_none()).unwrap_or(&g[0]).clone())
                .collect();
            return unowned_cue(&chosen).is_none().then_some(chosen);
        }
        // The first unit (sentence or clause) that every group occurs in.
        let units: Vec<Vec<u32>> = groups
            .iter()
            .map(|g| {
                let mut u: Vec<u32> = g.iter().filter_map(|o| self.unit(o)).collect();
                u.sort_unstable();
                u.dedup();
                u
            })
            .collect();
        let shared =
            units[0].iter().filter(|u| units[1..].iter().all(|v| v.binary_search(u).is_ok()));
        for &unit in shared {
            // Each group's first occurrence in `unit` from word `from` on. A claim denied by a
            // negation may be made again after that negation's clause ("a leader **can't** know
            // it was deposed, so the storage rejects writes with an older token"): the search
            // then starts over from the next clause, every part after it. Units only grow along
            // the answer and `from` only grows, so each step is a few binary searches.
            let mut from = 0;
            'restated: loop {
                let mut chosen = Vec::with_capacity(groups.len());
                for g in groups {
                    let start = g.partition_point(|o| self.unit(o) < Some(unit));
                    let end = start + g[start..].partition_point(|o| self.unit(o) == Some(unit));
                    let at = start + g[start..end].partition_point(|o| o.first < from);
                    match g[..end].get(at) {
                        Some(o) => chosen.push(o.clone()),
                        None => break 'restated,
                    }
                }
                let Some((_, last)) = self.denial(answer, &chosen) else { return Some(chosen) };
                let next = answer.clause_words(answer.clause_of(last) + 1).0;
                if next <= from {
                    break;
                }
                from = next;
            }
        }
        None
    }

    /// For a claim (`same`, `within` or `ordered`): the negation between its matched parts, in
    /// the clause of one of them, that denies it.
    fn denied<'a>(&self, answer: &Answer<'a>, chosen: &[Occurrence]) -> Option<&'a str> {
        self.denial(answer, chosen).map(|(first, last)| answer.cue_text_between(first, last))
    }

    /// The first and last word of the cue [`Self::denied`] names.
    fn denial(&self, answer: &Answer<'_>, chosen: &[Occurrence]) -> Option<(usize, usize)> {
        if let Some(cue) = unowned_cue(chosen) {
            return Some(cue);
        }
        if self.same.is_none() && self.within.is_none() && !self.ordered {
            return None;
        }
        answer.cue_between(chosen).map(|cue| (cue.first as usize, cue.last as usize))
    }

    /// Groups matched in order: from each occurrence of the first group, every next group takes
    /// its first occurrence after the previous match (the earliest is the best for a window and
    /// for the groups still to come), in the same unit and window.
    fn in_order(&self, answer: &Answer<'_>, groups: &[Vec<Occurrence>]) -> Option<Vec<Occurrence>> {
        'anchor: for anchor in &groups[0] {
            let mut chosen = vec![anchor.clone()];
            for group in &groups[1..] {
                let previous = chosen[chosen.len() - 1].last;
                let from = group.partition_point(|o| o.first <= previous);
                let Some(next) = group.get(from) else { break 'anchor };
                let fits_window =
                    self.within.is_none_or(|l| next.last - anchor.first <= l as usize);
                if self.unit(next) != self.unit(anchor) || !fits_window {
                    continue 'anchor;
                }
                chosen.push(next.clone());
            }
            if self.denied(answer, &chosen).is_none() {
                return Some(chosen);
            }
        }
        None
    }

    /// Groups matched within `limit` words in one unit, in any order. Each occurrence is tried
    /// as the leftmost; every other group takes its occurrence in the same unit, starting no
    /// earlier, that ends first. The window is then as small as it gets.
    fn in_window(
        &self,
        answer: &Answer<'_>,
        groups: &[Vec<Occurrence>],
        limit: usize,
    ) -> Option<Vec<Occurrence>> {
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
                        .take_while(|o| o.first <= anchor.first + limit)
                        .filter(|o| self.unit(o) == self.unit(anchor))
                        .min_by_key(|o| o.last);
                    match best {
                        Some(o) => chosen.push(o.clone()),
                        None => continue 'anchor,
                    }
                }
                let last = chosen.iter().map(|o| o.last).max().unwrap_or(anchor.last);
                if last - anchor.first <= limit && self.denied(answer, &chosen).is_none() {
                    return Some(chosen);
                }
            }
        }
        None
    }

    /// Why an unmet criterion's words did not count: a negation cancelled the match, or the
    /// parts of an `all` claim were found apart. `None` when its words are simply absent.
    fn why_not(&self, answer: &Answer<'_>) -> Option<String> {
        let negated = |matchers: &[Matcher]| {
            let mut occs = Vec::new();
            for m in matchers {
                answer.negated_occurrences(m, &mut occs);
            }
            occs.into_iter().min_by_key(|o| o.first)
        };
        if let Some(o) = negated(&self.any) {
            return Some(negated_reason(answer, &o));
        }
        if self.all.is_empty() {
            return None;
        }
        let mut found = Vec::new();
        let mut cancelled = None;
        for group in &self.all {
            let mut occs = Vec::new();
            for m in group {
                answer.occurrences(m, &mut occs);
            }
            match occs.into_iter().min_by_key(|o| o.first) {
                Some(o) => found.push(o),
                None => match negated(group) {
                    Some(o) => {
                        cancelled.get_or_insert(o);
                    }
                    None => return None,
                },
            }
        }
        if let Some(o) = cancelled {
            return Some(negated_reason(answer, &o));
        }
        let words: Vec<String> = found.iter().map(|o| format!("`{}`", quoted(answer, o))).collect();
        let mut needs = Vec::new();
        match self.same {
            Some(Together::Clause) => needs.push("in one clause".to_owned()),
            Some(Together::Sentence) => needs.push("in one sentence".to_owned()),
            None if self.within.is_some() => needs.push("in one sentence".to_owned()),
            None => {}
        }
        if let Some(n) = self.within {
            needs.push(format!("within {n} words"));
        }
        if self.ordered {
            needs.push("in order".to_owned());
        }
        let apart = match self.denied(answer, &found) {
            Some(cue) => format!("denied by `{cue}` between them"),
            None => format!("not {}", needs.join(", ")),
        };
        Some(format!("found {}, but {apart}", words.join(" and ")))
    }
}

/// The cue of a chosen part that a negation cancels, unless another part holds all of the
/// cue's words and does not enclose the cancelled part (the claim states that negation itself:
/// "can't tell" + "dead", not "without" + "open" inside "without open calls").
fn unowned_cue(chosen: &[Occurrence]) -> Option<(usize, usize)> {
    chosen.iter().enumerate().find_map(|(k, o)| {
        let (first, last) = o.cue?;
        let owned = chosen.iter().enumerate().any(|(j, other)| {
            let apart = o.first > other.last || o.last < other.first;
            j != k && apart && (first..=last).all(|i| other.positions.contains(&i))
        });
        (!owned).then_some((first, last))
    })
}

/// The answer's words of every occurrence, each quoted: `` `fencing tokens` and `reject` ``.
pub(crate) fn quoted_all(answer: &Answer<'_>, occs: Option<&[Occurrence]>) -> String {
    let words: Vec<String> =
        occs.unwrap_or_default().iter().map(|o| format!("`{}`", quoted(answer, o))).collect();
    words.join(" and ")
}

/// The answer's words of one occurrence, as written.
fn quoted(answer: &Answer<'_>, o: &Occurrence) -> String {
    match &o.text {
        Some(text) if o.positions.is_empty() => text.clone(),
        _ => o.positions.iter().map(|&i| answer.word(i)).collect::<Vec<_>>().join(" "),
    }
}

fn negated_reason(answer: &Answer<'_>, o: &Occurrence) -> String {
    let cue = answer.negated_by(o.first).unwrap_or("a negation");
    format!("matched `{}`, negated by `{cue}`", quoted(answer, o))
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
