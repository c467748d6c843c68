//! An answer prepared for one rubric: its words, which rubric words each one matches, and the
//! occurrences of phrases and regexes with their positions.

use std::cell::OnceCell;

use super::compile::{Matcher, Phrase, RegexMatcher, Sequence};
use super::lexicon::Lexicon;
use super::negation::{Cue, Negations, Place, is_article, scope};
use super::normalize::fold_into;
use super::numbers::one_counts;
use super::tokenize::{Token, tokenize};

/// Most extra words allowed between two consecutive words of a phrase.
pub const GAP: usize = 2;

/// The word positions of a match: inline up to four words (nearly every phrase), so a match
/// costs no allocation of its own.
pub(crate) type Positions = smallvec::SmallVec<[usize; 4]>;

/// Where a pattern matched: answer word indexes (in order), or the matched normalized text for a
/// regex that matched no whole word.
#[derive(Debug, Clone)]
pub(crate) struct Occurrence {
    /// Index of the first word (for a regex over punctuation only: the next word).
    pub first: usize,
    /// Index of the last word.
    pub last: usize,
    /// The sentence it lies in.
    pub sentence: u32,
    /// The clause of its first word, or `u32::MAX` when it spans clauses.
    pub clause: u32,
    /// Indexes of the words that matched.
    pub positions: Positions,
    /// For a regex that matched no word: the matched normalized text.
    pub text: Option<String>,
    /// Whether a `re:` pattern made it (its words may be any words, not a phrase's).
    pub regex: bool,
    /// For an occurrence a negation cancels (see [`Answer::negated_occurrences`]): the first and
    /// last word of that negation's cue.
    pub cue: Option<(usize, usize)>,
}

/// The buffers of an analyzed answer, kept per thread between answers so grading a cohort does
/// not allocate them again for every answer.
#[derive(Default)]
struct Buffers {
    tokens: Vec<Token>,
    /// The folded words, one after another; `spans[i]` is word `i`'s range in it.
    folded: String,
    spans: Vec<(u32, u32)>,
    places: Vec<Place>,
    negations: Negations,
    /// `hits[ranges[i].0..ranges[i].1]` are the rubric words that word `i` matches.
    ranges: Vec<(u32, u32)>,
    hits: Vec<u32>,
    /// Bitset over lexicon ids: which rubric words occur at all (prunes most phrase searches).
    present: Vec<u64>,
    /// Every (rubric word, answer word) match, sorted: where each rubric word occurs.
    index: Vec<(u32, u32)>,
    /// Bitset over the rubric's phrase sequences: those whose first word occurs (only they can
    /// match, and they are found without reading the others).
    live: Vec<u64>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Option<Buffers>> = const { std::cell::RefCell::new(None) };
}

/// An answer analyzed against one rubric's lexicon.
pub(crate) struct Answer<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    /// Which of the rubric's regexes match the normalized text at all (see
    /// [`Lexicon::regex_set`]), found on the first regex search.
    regex_hits: OnceCell<regex::SetMatches>,
    /// The analysis, in buffers that go back to the thread's spare slot when the answer drops.
    buf: Buffers,
    normalized: OnceCell<(String, Vec<(usize, usize)>)>,
}

impl Drop for Answer<'_> {
    fn drop(&mut self) {
        let buffers = std::mem::take(&mut self.buf);
        // A thread being torn down has no slot left; the buffers are then simply freed.
        let _ = SPARE.try_with(|spare| *spare.borrow_mut() = Some(buffers));
    }
}

impl<'a> Answer<'a> {
    /// Tokenizes `text`, finds its negations and looks every word up in `lexicon`.
    pub(crate) fn analyze(text: &'a str, lexicon: &'a Lexicon) -> Self {
        let Buffers {
            mut tokens,
            mut folded,
            mut spans,
            mut places,
            mut negations,
            mut ranges,
            mut hits,
            mut present,
            mut index,
            mut live,
        } = SPARE.try_with(|spare| spare.borrow_mut().take()).ok().flatten().unwrap_or_default();
        tokens.clear();
        folded.clear();
        spans.clear();
        places.clear();
        ranges.clear();
        hits.clear();
        present.clear();
        index.clear();
        live.clear();
        tokenize(text, |token, word| {
            let from = folded.len() as u32;
            folded.push_str(word);
            spans.push((from, folded.len() as u32));
            tokens.push(token);
            places.push(Place {
                clause: token.clause,
                sentence: token.sentence,
                contrast: token.contrast,
                disjunction: token.disjunction,
            });
        });
        let word = |i: usize| spans.get(i).map(|&(s, e)| &folded[s as usize..e as usize]);
        scope(word, &places, &mut negations);
        let in_clause = |i: usize, j: Option<usize>| {
            j.filter(|&j| j < tokens.len() && tokens[j].clause == tokens[i].clause).and_then(word)
        };
        super::memo::with_map(lexicon.id(), |memo| {
            for i in 0..tokens.len() {
                let from = hits.len() as u32;
                let w = word(i).unwrap_or_default();
                lexicon.matches(memo, w, &mut hits);
                // "one" and `1` are one word where "one" counts something (see `numbers`).
                let other = match w {
                    "1" => Some("one"),
                    "one"
                        if one_counts(
                            in_clause(i, i.checked_sub(1)),
                            in_clause(i, Some(i + 1)),
                        ) =>
                    {
                        Some("1")
                    }
                    _ => None,
                };
                if let Some(other) = other {
                    lexicon.matches(memo, other, &mut hits);
                }
                ranges.push((from, hits.len() as u32));
            }
        });
        present.resize(lexicon.len().div_ceil(64), 0);
        for (i, &(from, to)) in ranges.iter().enumerate() {
            for &id in &hits[from as usize..to as usize] {
                present[id as usize / 64] |= 1 << (id % 64);
                index.push((id, i as u32));
            }
        }
        // A phrase search starts only at the words that match its first word (in answer order),
        // instead of testing every word of the answer.
        index.sort_unstable();
        index.dedup();
        live.resize(lexicon.sequences().div_ceil(64), 0);
        for (k, &(id, _)) in index.iter().enumerate() {
            if k == 0 || index[k - 1].0 != id {
                for &n in lexicon.starting_with(id) {
                    live[n as usize / 64] |= 1 << (n % 64);
                }
            }
        }
        let buf = Buffers {
            tokens,
            folded,
            spans,
            places,
            negations,
            ranges,
            hits,
            present,
            index,
            live,
        };
        Self { text, lexicon, regex_hits: OnceCell::new(), buf, normalized: OnceCell::new() }
    }

    /// The answer's own spelling of word `i`.
    pub(crate) fn word(&self, i: usize) -> &'a str {
        let t = self.buf.tokens[i];
        &self.text[t.start as usize..t.end as usize]
    }

    /// The answer words that match rubric word `word`, in answer order.
    fn positions(&self, word: u32) -> impl Iterator<Item = usize> + '_ {
        let from = self.buf.index.partition_point(|&(id, _)| id < word);
        self.buf.index[from..]
            .iter()
            .take_while(move |&&(id, _)| id == word)
            .map(|&(_, i)| i as usize)
    }

    fn has(&self, i: usize, word: u32) -> bool {
        let (from, to) = self.buf.ranges[i];
        self.buf.hits[from as usize..to as usize].contains(&word)
    }

    /// The folded form of word `i`.
    pub(crate) fn folded(&self, i: usize) -> &str {
        let (from, to) = self.buf.spans[i];
        &self.buf.folded[from as usize..to as usize]
    }

    /// The words of clause `c`: the range of their indexes (clauses only grow along the text).
    pub(crate) fn clause_words(&self, c: u32) -> (usize, usize) {
        let from = self.buf.tokens.partition_point(|t| t.clause < c);
        let to = self.buf.tokens.partition_point(|t| t.clause <= c);
        (from, to)
    }

    /// The clause of word `i`.
    pub(crate) fn clause_of(&self, i: usize) -> u32 {
        self.buf.tokens[i].clause
    }

    /// The sentence of word `i`.
    pub(crate) fn sentence_of(&self, i: usize) -> u32 {
        self.buf.tokens[i].sentence
    }

    /// Whether the answer holds any negation cue.
    pub(crate) fn has_negations(&self) -> bool {
        !self.buf.negations.cues.is_empty()
    }

    /// Whether one of the occurrence's words belongs to a negation cue.
    pub(crate) fn holds_cue(&self, o: &Occurrence) -> bool {
        o.positions.iter().any(|&i| self.buf.negations.in_cue[i])
    }

    /// Whether a negation's scope covers word `i`.
    fn negated(&self, i: usize) -> bool {
        self.buf.negations.negated_by[i] != 0
    }

    /// The words of the negation that covers word `i`, as the answer spells them.
    pub(crate) fn negated_by(&self, i: usize) -> Option<&'a str> {
        Some(self.cue_text(self.buf.negations.cue_of(i)?))
    }

    /// A cue's words, as the answer spells them.
    pub(crate) fn cue_text(&self, Cue { first, last, .. }: Cue) -> &'a str {
        self.cue_text_between(first as usize, last as usize)
    }

    /// The answer's text from word `first` to word `last`, as written.
    pub(crate) fn cue_text_between(&self, first: usize, last: usize) -> &'a str {
        let (from, to) = (self.buf.tokens[first].start, self.buf.tokens[last].end);
        &self.text[from as usize..to as usize]
    }

    /// Appends the occurrences of `matcher`, at most one per starting word.
    pub(crate) fn occurrences(&self, matcher: &Matcher, out: &mut Vec<Occurrence>) {
        self.find(matcher, true, out);
    }

    /// Appends the occurrences of `matcher`, negated or not.
    pub(crate) fn all_occurrences(&self, matcher: &Matcher, out: &mut Vec<Occurrence>) {
        self.find(matcher, false, out);
    }

    /// Appends the occurrences of `matcher` that a negation cancels, each with its cue: to say
    /// why a criterion was not met, or to keep a part of a claim whose negation the claim states
    /// itself.
    pub(crate) fn negated_occurrences(&self, matcher: &Matcher, out: &mut Vec<Occurrence>) {
        if self.buf.negations.cues.is_empty() {
            // Nothing negates anything: no search needed to find that nothing was cancelled.
            return;
        }
        let from = out.len();
        self.find(matcher, false, out);
        let mut k = from;
        while k < out.len() {
            match self.cancelling_cue(&out[k]) {
                Some(cue) => {
                    out[k].cue = Some((cue.first as usize, cue.last as usize));
                    k += 1;
                }
                None => {
                    out.swap_remove(k);
                }
            }
        }
    }

    /// The negation outside an occurrence that covers its first word, if any: its cue lies
    /// before or after the matched words, not among them (a pattern may state a negation itself).
    fn cancelling_cue(&self, o: &Occurrence) -> Option<Cue> {
        let &first = o.positions.first()?;
        self.buf
            .negations
            .cue_of(first)
            .filter(|cue| (cue.last as usize) < first || cue.first as usize > o.last)
    }

    /// The first cue between a claim's matched parts that negates the part after it: a
    /// pre-negation or frame in the clause of the next matched word, that no matched word belongs
    /// to. "Read repair does **not** ever write back the newest version" denies its claim however
    /// far the cue is from `newest`; "each replica updates its copy **without** asking, and all
    /// end up equal" does not (the cue's clause holds no later part).
    pub(crate) fn cue_between(&self, occs: &[Occurrence]) -> Option<Cue> {
        let mut matched: Vec<usize> =
            occs.iter().flat_map(|o| o.positions.iter().copied()).collect();
        matched.sort_unstable();
        let (&first, &last) = (matched.first()?, matched.last()?);
        let cues = &self.buf.negations.cues;
        let from = cues.partition_point(|c| (c.first as usize) <= first);
        cues[from..].iter().take_while(|c| (c.last as usize) < last).copied().find(|c| {
            let (at, end) = (c.first as usize, c.last as usize);
            let own = matched.binary_search(&at).is_ok();
            let next = matched[matched.partition_point(|&m| m <= end)..].first();
            // A negation in a relative clause ("an acceptor that hasn't seen a higher ballot
            // promises …") qualifies a part; it does not deny the claim.
            let relative = at > 0
                && matches!(
                    self.folded(at - 1),
                    "that"
                        | "which"
                        | "who"
                        | "whose"
                        | "whom"
                        | "when"
                        | "if"
                        | "unless"
                        | "because"
                        | "since"
                        | "while"
                        | "once"
                        | "until"
                );
            c.forward
                && !own
                && !relative
                && next.is_some_and(|&n| self.buf.tokens[n].clause == self.buf.tokens[at].clause)
        })
    }

    /// The sequences of `phrase` whose first word occurs (their indexes in it, in order): the
    /// set bits of [`Answer::live`] in its range.
    fn live_sequences(&self, phrase: &Phrase) -> impl Iterator<Item = usize> + '_ {
        let from = phrase.first as usize;
        let to = from + phrase.sequences.len();
        let mut at = from;
        std::iter::from_fn(move || {
            while at < to {
                let bits = self.buf.live[at / 64] >> (at % 64);
                if bits == 0 {
                    at = (at / 64 + 1) * 64;
                    continue;
                }
                at += bits.trailing_zeros() as usize;
                if at >= to {
                    break;
                }
                at += 1;
                return Some(at - 1 - from);
            }
            None
        })
    }

    fn find(&self, matcher: &Matcher, honor: bool, out: &mut Vec<Occurrence>) {
        match matcher {
            Matcher::Phrase(phrase) => {
                for k in self.live_sequences(phrase) {
                    self.phrase(&phrase.sequences[k], honor, out);
                }
            }
            Matcher::Regex(regex) => self.regex(regex, honor, out),
        }
    }

    /// Occurrences of one word sequence; with `honor`, none in a negation's scope (for a
    /// sequence that states a negation itself: in the scope of a cue outside it) or with a
    /// negation in its gaps.
    fn phrase(&self, seq: &Sequence, honor: bool, out: &mut Vec<Occurrence>) {
        let Some(&head) = seq.words.first() else { return };
        if !seq.words.iter().all(|&w| self.buf.present[w as usize / 64] & (1 << (w % 64)) != 0) {
            return;
        }
        let mut path = Positions::new();
        for start in self.positions(head) {
            if honor && !seq.states_negation && self.negated(start) {
                continue;
            }
            path.clear();
            path.push(start);
            if self.extend(seq, honor, 1, &mut path) {
                let occurrence = self.occurrence(path.clone());
                if honor && seq.states_negation && self.cancelling_cue(&occurrence).is_some() {
                    continue;
                }
                out.push(occurrence);
            }
        }
    }

    /// Depth-first search for the rest of a phrase after `path`, nearest words first; a negation
    /// skipped over in a gap ends the search.
    fn extend(&self, seq: &Sequence, honor: bool, k: usize, path: &mut Positions) -> bool {
        let Some(&word) = seq.words.get(k) else { return true };
        let prev = path[path.len() - 1];
        let sentence = self.buf.tokens[prev].sentence;
        let end = (prev + 1 + GAP).min(self.buf.tokens.len().saturating_sub(1));
        for j in prev + 1..=end {
            let token = self.buf.tokens[j];
            if token.sentence != sentence {
                break;
            }
            if self.has(j, word) {
                path.push(j);
                if self.extend(seq, honor, k + 1, path) {
                    return true;
                }
                path.pop();
            }
            // Patterns drop their articles, so a claim that states a negation with one ("X is a
            // nice-to-have") skips the article of its own cue: only another cue ends the search.
            let own_article = seq.states_negation && is_article(self.folded(j));
            if honor && self.buf.negations.in_cue[j] && !own_article {
                break;
            }
        }
        false
    }

    fn occurrence(&self, positions: Positions) -> Occurrence {
        let first = positions[0];
        let last = positions[positions.len() - 1];
        let (a, b) = (self.buf.tokens[first].clause, self.buf.tokens[last].clause);
        let clause = if a == b { a } else { u32::MAX };
        let sentence = self.buf.tokens[first].sentence;
        Occurrence { first, last, sentence, clause, positions, text: None, regex: false, cue: None }
    }

    /// The normalized text `re:` patterns see, with each word's byte range in it.
    fn normalized(&self) -> &(String, Vec<(usize, usize)>) {
        self.normalized.get_or_init(|| normalized_with_spans(self.text, &self.buf.tokens))
    }

    fn regex(&self, matcher: &RegexMatcher, honor: bool, out: &mut Vec<Occurrence>) {
        let (text, spans) = self.normalized();
        if let Some(set) = self.lexicon.regex_set() {
            // One pass of the whole set says which regexes can match; the others are skipped.
            if !self.regex_hits.get_or_init(|| set.matches(text)).matched(matcher.index) {
                return;
            }
        }
        for m in matcher.regex.find_iter(text) {
            // Spans only grow along the text: the words the match overlaps are a run of them.
            let from = spans.partition_point(|&(_, e)| e <= m.start());
            let end = m.end().max(m.start() + 1);
            let positions: Positions = (from..spans.len())
                .take_while(|&i| spans[i].0 < end)
                .filter(|&i| spans[i].1 > m.start())
                .collect();
            if positions.is_empty() {
                let next = spans.iter().position(|&(s, _)| s >= m.end());
                let at = next.unwrap_or(self.buf.tokens.len().saturating_sub(1));
                let sentence = self.buf.tokens.get(at).map_or(0, |t| t.sentence);
                let clause = self.buf.tokens.get(at).map_or(0, |t| t.clause);
                let negated = honor && next.is_some() && self.negated(at);
                if !negated {
                    let text = Some(m.as_str().to_owned());
                    let (first, last, regex) = (at, at, true);
                    let cue = None;
                    out.push(Occurrence {
                        first,
                        last,
                        sentence,
                        clause,
                        positions,
                        text,
                        regex,
                        cue,
                    });
                }
                continue;
            }
            let occurrence = Occurrence { regex: true, ..self.occurrence(positions) };
            let states_negation =
                occurrence.positions.iter().any(|&i| self.buf.negations.in_cue[i]);
            let cancelled = if states_negation {
                self.cancelling_cue(&occurrence).is_some()
            } else {
                self.negated(occurrence.first)
            };
            if !honor || !cancelled {
                out.push(occurrence);
            }
        }
    }
}

/// Builds the normalized text from the words and the gaps between them, so a regex match maps
/// back to answer words: folded, whitespace runs collapsed to one space, trimmed.
fn normalized_with_spans(text: &str, tokens: &[Token]) -> (String, Vec<(usize, usize)>) {
    if text.is_ascii() { normalized_ascii(text, tokens) } else { normalized_general(text, tokens) }
}

/// [`normalized_with_spans`] of an ASCII text (most answers), a byte at a time: folding is
/// lower-casing (and a backquote as an apostrophe), as `fold_into` does to ASCII. A property
/// test checks it against the general path.
fn normalized_ascii(text: &str, tokens: &[Token]) -> (String, Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut spans = Vec::with_capacity(tokens.len());
    let mut space = false;
    // What `char::is_whitespace` says of ASCII: tab to carriage return, and the space.
    let push = |piece: &[u8], out: &mut Vec<u8>, space: &mut bool| {
        for &b in piece {
            if matches!(b, b'\t'..=b'\r' | b' ') {
                *space = true;
                continue;
            }
            if *space && out.last().is_some_and(|&last| last != b' ') {
                out.push(b' ');
            }
            *space = false;
            out.push(if b == b'`' { b'\'' } else { b.to_ascii_lowercase() });
        }
    };
    let mut last = 0;
    for t in tokens {
        let (s, e) = (t.start as usize, t.end as usize);
        push(&bytes[last..s], &mut out, &mut space);
        if space && !out.is_empty() {
            out.push(b' ');
        }
        space = false;
        let from = out.len();
        push(&bytes[s..e], &mut out, &mut space);
        spans.push((from, out.len()));
        last = e;
    }
    push(&bytes[last..], &mut out, &mut space);
    (String::from_utf8(out).expect("ASCII in, ASCII out"), spans)
}

/// [`normalized_with_spans`] of any text.
fn normalized_general(text: &str, tokens: &[Token]) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut spans = Vec::with_capacity(tokens.len());
    let mut folded = String::new();
    let mut space = false;
    let mut push = |piece: &str, out: &mut String, space: &mut bool| {
        let mut put = |c: char| {
            if c.is_whitespace() {
                *space = true;
            } else {
                if *space && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                *space = false;
                out.push(c);
            }
        };
        if piece.is_ascii() {
            // What `fold_into` does to ASCII, without copying the piece first.
            for b in piece.bytes() {
                put(if b == b'`' { '\'' } else { char::from(b.to_ascii_lowercase()) });
            }
        } else {
            fold_into(piece, &mut folded);
            folded.chars().for_each(put);
        }
    };
    let mut last = 0;
    for t in tokens {
        let (s, e) = (t.start as usize, t.end as usize);
        push(&text[last..s], &mut out, &mut space);
        let spaced = space && !out.is_empty();
        if spaced {
            out.push(' ');
        }
        space = false;
        let from = out.len();
        push(&text[s..e], &mut out, &mut space);
        if spaced && out.len() == from {
            // The word folded away (a lone combining mark, say): its space would trail.
            out.pop();
            space = true;
        }
        spans.push((from.min(out.len()), out.len()));
        last = e;
    }
    push(&text[last..], &mut out, &mut space);
    (out, spans)
}

/// Folds a whole text and collapses whitespace: the string `re:` patterns run over.
pub(crate) fn normalize(text: &str) -> String {
    let mut tokens = Vec::new();
    tokenize(text, |t, _| tokens.push(t));
    normalized_with_spans(text, &tokens).0
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The ASCII path builds the same text and spans as the general one.
        #[test]
        fn the_ascii_path_normalizes_as_the_general_one(text in "[aZ9 \t\n\r\x0b\x0c`'.,;:<=>_/-]{0,60}") {
            let mut tokens = Vec::new();
            super::tokenize(&text, |t, _| tokens.push(t));
            proptest::prop_assert_eq!(
                super::normalized_ascii(&text, &tokens),
                super::normalized_general(&text, &tokens)
            );
        }
    }

    /// Words that fold away (NFKC turns U+FE72 into a space and a combining mark, and marks are
    /// dropped) must not leave a trailing or doubled space: normalizing twice changes nothing.
    #[test]
    fn words_that_fold_away_leave_no_stray_space() {
        for (text, expected) in [("! \u{fe72}", "!"), ("! \u{fe72}\u{1ee67}", "! \u{62d}")] {
            let once = super::normalize(text);
            assert_eq!(once, expected, "{text:?}");
            assert_eq!(super::normalize(&once), once);
        }
    }
}
