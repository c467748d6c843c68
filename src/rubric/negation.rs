//! The closed word lists that shape matching: negation cues (NegEx-style), clause breaks,
//! dropped articles.
//!
//! Negation is found as clinical NLP's `NegEx` finds it (Chapman et al. 2001): trigger phrases
//! matched longest first, pseudo-triggers that only look like negations, and a bounded scope.
//! `scope` applies the lists to an answer's words; a phrase in a negation's scope does not
//! count, unless the phrase itself states the negation.
//!
//! | class | scope | examples |
//! | --- | --- | --- |
//! | pre | the next [`SCOPE`] words of the clause, carried over `or`/`nor` lists | not, never, without, no need for, instead of, rather than, can't |
//! | post | back to the start of the clause (after a copula, or at the clause's end), and forward like a frame when "that" follows | are unnecessary, is not needed, aren't required, is a myth (that …) |
//! | frame | forward to the end of the sentence, a `;` or a contrastive word | a common misconception (is that), wrongly, contrary to, some say, people think |
//! | pseudo | none: not a negation | not only, not just, no doubt, nothing but, whether or not |
//!
//! Two cues in a row cancel ("not unnecessary", "not without"): the claim is affirmed. A
//! post-negation whose clause only points back ("but **that is wrong**", "**That is a myth.**")
//! judges the clause or sentence before it.

mod words;

use words::{ADVERBS, COPULAS, PRE_WORDS, REFERRING, SOFTENERS, STARTERS};

/// How many words after a pre-negation its scope reaches.
pub const SCOPE: usize = 3;

/// How many words an item of an `or`/`nor` list may have before the negation it inherits.
pub const LIST_ITEM: usize = 3;

/// Whether a folded word joins alternatives, carrying a negation over to the next one.
pub(crate) fn is_disjunction(word: &str) -> bool {
    matches!(word, "or" | "nor")
}

/// Whether a folded word starts a new clause (it breaks a negation's scope).
pub(crate) fn breaks_clause(word: &str) -> bool {
    matches!(word, "but" | "however" | "although" | "though" | "whereas" | "yet" | "instead")
}

/// Whether a folded word is an article, which patterns ignore ("the hash ring" = "hash ring").
pub(crate) fn is_article(word: &str) -> bool {
    matches!(word, "a" | "an" | "the")
}

/// Whether a folded word is an abbreviation whose trailing `.` does not end a sentence.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    matches!(word, "e.g" | "i.e" | "etc" | "vs" | "cf" | "approx" | "eg" | "ie" | "al" | "resp")
}

/// Whether a folded word is, alone, a negation cue (used to tell a phrase that states a
/// negation).
pub fn is_negation(word: &str) -> bool {
    PRE_WORDS.contains(&word)
}

/// The layout of the words [`scope`] reads: per word, its clause and sentence, and whether a
/// contrast (`;`, "but", "however", …) or a new sentence starts at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// Clause number.
    pub clause: u32,
    /// Sentence number.
    pub sentence: u32,
    /// Whether a contrast starts at this word (it ends a frame's scope).
    pub contrast: bool,
    /// Whether the word is `or`/`nor`.
    pub disjunction: bool,
}

/// A negation cue found in a text: its words and the words it negates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    /// Index of the cue's first word.
    pub first: u32,
    /// Index of the cue's last word.
    pub last: u32,
    /// Whether it negates what follows it (a pre-negation or a frame), not what comes before.
    pub forward: bool,
    /// Whether it is "not only" and the like, which denies its adverb and nothing else.
    pub pseudo: bool,
}

/// What [`scope`] finds: the cues, which words belong to a cue, and which cue negates each word.
#[derive(Debug, Default, Clone)]
pub(crate) struct Negations {
    /// The cues, in text order.
    pub cues: Vec<Cue>,
    /// Per word: whether it is part of a cue.
    pub in_cue: Vec<bool>,
    /// Per word: `k + 1` when cue `k` negates it, 0 when nothing does.
    pub negated_by: Vec<u32>,
}

impl Negations {
    /// The cue that negates word `i`, if any.
    pub(crate) fn cue_of(&self, i: usize) -> Option<Cue> {
        let k = *self.negated_by.get(i)?;
        (k > 0).then(|| self.cues[k as usize - 1])
    }

    fn clear(&mut self, n: usize) {
        self.cues.clear();
        self.in_cue.clear();
        self.in_cue.resize(n, false);
        self.negated_by.clear();
        self.negated_by.resize(n, 0);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pre,
    Post,
    Frame,
    /// "not only", "not just": the adverb alone is denied, the claim after it holds.
    Only,
}

/// Finds the negation cues of a text and their scopes. `word(i)` is the folded word `i` (`None`
/// past the end) and `places[i]` its layout.
///
/// Each word is negated by the first cue whose scope reaches it, and every scope stops at the
/// next word that may start a cue (after marking it, so a cue inside a frame is itself framed):
/// the pass is linear in the text, however the cues are stacked. Cues are found first
/// ([`find_cues`]), then their scopes applied.
pub(crate) fn scope<'w>(
    word: impl Fn(usize) -> Option<&'w str>,
    places: &[Place],
    out: &mut Negations,
) {
    let n = places.len();
    out.clear(n);
    let kinds = find_cues(&word, places, out);
    // Where each scope must stop: the first word of the next cue.
    let mut previous: Option<(usize, std::ops::Range<usize>)> = None;
    for k in 0..out.cues.len() {
        let Cue { first, last, .. } = out.cues[k];
        let (first, last) = (first as usize, last as usize);
        let next = out.cues.get(k + 1).map_or(n, |c| c.first as usize);
        let id = k as u32 + 1;
        // Two negations in a row cancel: "not unnecessary", "not without".
        if let Some((p, covered)) = previous.take()
            && kinds[p] == Kind::Pre
            && out.cues[p].last as usize + 1 == first
        {
            for slot in &mut out.negated_by[covered] {
                if *slot == p as u32 + 1 {
                    *slot = 0;
                }
            }
            continue;
        }
        let mut mark = |range: std::ops::Range<usize>| {
            for slot in &mut out.negated_by[range.clone()] {
                if *slot == 0 {
                    *slot = id;
                }
            }
            range
        };
        let covered = match kinds[k] {
            Kind::Pre => {
                // The cue's own words after its first are negated too: "no need to upload"
                // denies `need to upload`.
                let scope = pre_scope(places, last, next);
                mark(first + 1..last + 1);
                mark(scope.clone());
                // "cannot conclude that X", "does not mean that X": what the denied verb
                // introduces is denied as a whole, like a frame.
                // A "that" closing its clause is a pronoun ("you can't skip that: …").
                let complement = |j: usize| {
                    word(j) == Some("that")
                        && places.get(j + 1).is_some_and(|p| p.clause == places[j].clause)
                };
                let end = match scope.clone().find(|&j| complement(j)) {
                    Some(that) => mark(frame_scope(places, that, next)).end.max(scope.end),
                    None => scope.end,
                };
                first + 1..end
            }
            Kind::Only => mark(last..last + 1),
            Kind::Post => {
                // Back to the previous cue, its words included: "X is not atomic is a myth"
                // denies the pattern `not atomic` too. Each walk stops there, so the pass
                // stays linear.
                let from = k.checked_sub(1).map_or(0, |p| out.cues[p].first as usize);
                // "It is a myth that …", "it is false that …": the judgment frames what
                // follows, and its "it" points nowhere.
                let framing = word(last + 1) == Some("that");
                mark(judged(&word, places, first, from, !framing));
                if framing { mark(frame_scope(places, last, next)) } else { last + 1..last + 1 }
            }
            Kind::Frame => mark(frame_scope(places, last, next)),
        };
        previous = Some((k, covered));
    }
}

/// Finds every cue, longest first, into `out.cues` and `out.in_cue`; returns their kinds.
fn find_cues<'w>(
    word: &impl Fn(usize) -> Option<&'w str>,
    places: &[Place],
    out: &mut Negations,
) -> Vec<Kind> {
    let n = places.len();
    // The words a phrase cue spans from word `i`: its own, and softeners between them ("aren't
    // **really** needed", "is not **even** required").
    let span = |i: usize, phrase: &[&str]| {
        let mut at = i;
        for (k, p) in phrase.iter().enumerate() {
            if k > 0 {
                while at < n && word(at).is_some_and(|w| SOFTENERS.contains(&w)) {
                    at += 1;
                }
            }
            let here = at < n && places[at].sentence == places[i].sentence;
            if !here || word(at) != Some(*p) {
                return None;
            }
            at += 1;
        }
        Some(at - i)
    };
    let longest = |i: usize, table: &[&[&str]]| table.iter().filter_map(|p| span(i, p)).max();
    let mut kinds = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(starting) = word(i).and_then(|w| STARTERS.get(w)) else {
            i += 1;
            continue;
        };
        if let Some(len) = longest(i, &starting.pseudo) {
            // "not only X": `only` is denied ("latency matters not only during partitions"
            // denies `only during partitions`), X is not.
            if word(i) == Some("not") && len == 2 {
                out.in_cue[i] = true;
                let cue = Cue { first: i as u32, last: i as u32 + 1, forward: false, pseudo: true };
                out.cues.push(cue);
                kinds.push(Kind::Only);
            }
            i += len;
            continue;
        }
        // The longest cue wins ("wrong to say" over "wrong"); on a tie, the first class listed.
        let candidates = [
            longest(i, &starting.post)
                .filter(|&len| judges_clause(word, places, i, len))
                .map(|len| (Kind::Post, len)),
            longest(i, &starting.pre).map(|len| (Kind::Pre, len)),
            starting.pre_word.then_some((Kind::Pre, 1)),
            longest(i, &starting.frame).map(|len| (Kind::Frame, len)),
        ];
        let found = candidates.into_iter().flatten().fold(
            None,
            |best: Option<(Kind, usize)>, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            },
        );
        let Some((kind, len)) = found else {
            i += 1;
            continue;
        };
        let last = i + len - 1;
        for flag in &mut out.in_cue[i..=last] {
            *flag = true;
        }
        let forward = kind != Kind::Post;
        out.cues.push(Cue { first: i as u32, last: last as u32, forward, pseudo: false });
        kinds.push(kind);
        i = last + 1;
    }
    kinds
}

/// The words a post-negation at word `i` judges: its clause back to `from` ("fencing tokens are
/// unnecessary"); or, when its clause says only "that is wrong" after a contrast or a stop and
/// `may_point_back` (not "it is a myth **that** …"), the clause or sentence before it ("some say
/// X, but that is wrong"; "X. That is a myth.").
fn judged<'w>(
    word: &impl Fn(usize) -> Option<&'w str>,
    places: &[Place],
    i: usize,
    from: usize,
    may_point_back: bool,
) -> std::ops::Range<usize> {
    let clause = places[i].clause;
    let start = (from..i).rev().take_while(|&j| places[j].clause == clause).last().unwrap_or(i);
    let pointer = (start..i).all(|j| {
        word(j).is_some_and(|w| {
            REFERRING.contains(&w)
                || COPULAS.contains(&w)
                || ADVERBS.contains(&w)
                || breaks_clause(w)
        })
    });
    if !may_point_back || !pointer || start == 0 || start <= from {
        return start..i;
    }
    // The clause before, in the same sentence; else the sentence before.
    let before = start - 1;
    let same_sentence = places[before].sentence == places[i].sentence;
    let earlier = (from..=before).rev().take_while(|&j| {
        if same_sentence {
            places[j].clause == places[before].clause
        } else {
            places[j].sentence == places[before].sentence
        }
    });
    earlier.last().unwrap_or(start)..i
}

/// The scope of a pre-negation ending at word `last`: the next [`SCOPE`] words of its clause,
/// and the [`SCOPE`] words after each `or`/`nor` that follows within [`SCOPE`] + [`LIST_ITEM`]
/// words of the cue or of the previous `or` ("not a hash ring **or** virtual nodes"). It ends at
/// the next word that may start a cue, that word included.
fn pre_scope(places: &[Place], last: usize, next: usize) -> std::ops::Range<usize> {
    let clause = places[last].clause;
    let (mut words_to, mut lists_to) = (last + SCOPE, last + SCOPE + LIST_ITEM);
    let mut end = last + 1;
    for (j, place) in places.iter().enumerate().skip(last + 1) {
        if place.clause != clause || j > words_to.max(lists_to) {
            break;
        }
        if place.disjunction && j <= lists_to {
            (words_to, lists_to) = (j + SCOPE, j + SCOPE + LIST_ITEM);
        }
        if j <= words_to {
            end = j + 1;
        }
        if j >= next {
            break;
        }
    }
    last + 1..end
}

/// The scope of a frame ending at word `last`: the rest of its sentence, up to a contrast or the
/// next word that may start a cue (that word included).
fn frame_scope(places: &[Place], last: usize, next: usize) -> std::ops::Range<usize> {
    let sentence = places[last].sentence;
    let mut end = last + 1;
    for (j, place) in places.iter().enumerate().skip(last + 1) {
        if place.sentence != sentence || place.contrast {
            break;
        }
        end = j + 1;
        if j >= next {
            break;
        }
    }
    last + 1..end
}

/// Whether a post-negation at words `i..i + len` judges its clause: a copula comes before it
/// (up to two adverbs between), the cue itself holds one ("isn't needed"), or it ends the clause
/// ("fencing tokens unnecessary.").
fn judges_clause<'w>(
    word: &impl Fn(usize) -> Option<&'w str>,
    places: &[Place],
    i: usize,
    len: usize,
) -> bool {
    if word(i).is_some_and(|w| w.ends_with("nt")) {
        return true;
    }
    let end = i + len;
    if end >= places.len() || places[end].clause != places[i].clause {
        return true;
    }
    for j in (i.saturating_sub(3)..i).rev() {
        if places[j].clause != places[i].clause {
            return false;
        }
        match word(j) {
            Some(w) if ADVERBS.contains(&w) => {}
            Some(w) => return COPULAS.contains(&w),
            None => return false,
        }
    }
    false
}

/// Whether a pattern's words state a negation themselves ("not needed", "no single leader"), so
/// the negation an answer writes around them is expected, not a denial.
pub(crate) fn states_negation(words: &[String]) -> bool {
    let places: Vec<Place> = words
        .iter()
        .map(|w| Place { clause: 0, sentence: 0, contrast: false, disjunction: is_disjunction(w) })
        .collect();
    let mut found = Negations::default();
    scope(|i| words.get(i).map(String::as_str), &places, &mut found);
    found.cues.iter().any(|c| !c.pseudo)
}

#[cfg(test)]
mod tests;
