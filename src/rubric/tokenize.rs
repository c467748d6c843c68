//! Splitting an answer into words (UAX #29 word boundaries) with sentence and clause numbers.
//!
//! Every word keeps its byte range in the original answer, so evidence quotes the answer's own
//! spelling. Sentences end at `.`, `!`, `?` (not after `e.g.`) and at line breaks; clauses also
//! end at `,`, `;`, `:`, brackets, dashes and contrastive conjunctions ("but", "however").

use unicode_segmentation::UnicodeSegmentation;

use super::negation::{breaks_clause, is_abbreviation, is_disjunction};
use super::normalize::fold_into;
use super::numbers::digits_of;

/// One word of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte offset of the word in the original text.
    pub start: u32,
    /// Byte offset just past the word.
    pub end: u32,
    /// Sentence number, counting from 0.
    pub sentence: u32,
    /// Clause number, counting from 0 over the whole text (a new sentence is a new clause).
    pub clause: u32,
    /// Whether a contrast starts at this word: a new sentence, a `;`, or "but", "however", …
    pub contrast: bool,
    /// Whether the word is `or` or `nor`, which carries a negation over a list.
    pub disjunction: bool,
}

/// What the punctuation of a segment does to the running sentence and clause counters (line
/// breaks are [`break_of_gap`]'s to judge).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Clause,
    Sentence,
}

fn break_of(segment: &str) -> Break {
    let mut out = Break::None;
    for c in segment.chars() {
        let b = match c {
            '.' | '!' | '?' | '\u{2026}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{2029}' => {
                Break::Sentence
            }
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{2013}' | '\u{2014}'
            | '\u{FF0C}' | '\u{3001}' | '\u{FF1B}' => Break::Clause,
            _ => Break::None,
        };
        out = out.max(b);
    }
    out
}

/// The parts of a `snake_case` word (`code_challenge` → `code`, `challenge`), with their
/// offsets: Unicode joins words at `_`, but an answer that names `code_challenge` or
/// `read_committed` says "code challenge" and "read committed" as far as a rubric is concerned.
/// Patterns go through the same split, so `read_committed` in a pattern still matches itself.
fn snake_parts((start, segment): (usize, &str)) -> SnakeParts<'_> {
    SnakeParts { at: start, rest: Some(segment), split: segment.as_bytes().contains(&b'_') }
}

/// The iterator of [`snake_parts`]: a word without `_` (nearly all) passes through untouched.
struct SnakeParts<'a> {
    at: usize,
    rest: Option<&'a str>,
    split: bool,
}

impl<'a> Iterator for SnakeParts<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if !self.split {
            return self.rest.take().map(|word| (self.at, word));
        }
        loop {
            let rest = self.rest?;
            let (part, tail) = match rest.find('_') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            let at = self.at;
            self.at += part.len() + 1;
            self.rest = tail;
            if part.chars().any(char::is_alphanumeric) {
                return Some((at, part));
            }
        }
    }
}

/// What the text between two words does, `next` being the text from the next word on. A single
/// line break is a soft wrap, as in a Markdown paragraph (`answer: |` blocks and sheet cells
/// wrap long sentences), unless it starts a list item, a quote or a heading; a blank line, or a
/// stop, ends the sentence.
fn break_of_gap(gap: &str, next: &str) -> Break {
    let punctuation =
        if spaced_dash(gap) { break_of(gap).max(Break::Clause) } else { break_of(gap) };
    if !gap.contains(['\n', '\r']) {
        return punctuation;
    }
    let bytes = gap.as_bytes();
    let line_breaks = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    let after = gap.rsplit(['\n', '\r']).next().unwrap_or_default();
    let marker = after.contains(['-', '*', '+', '>', '#', '|', '\u{2022}']);
    let numbered = after.trim().is_empty()
        && next.starts_with(|c: char| c.is_ascii_digit())
        && next.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', ')']);
    if line_breaks >= 2 || marker || numbered { Break::Sentence } else { punctuation }
}

/// Whether the text between two words holds an ASCII dash standing alone, with spaces on both
/// sides (`no - the sender`, `fast -- but`): typed where an em dash is meant, it ends a clause as
/// one does. A hyphen that joins words (`fail-over`) or starts one (`-y`) does not.
fn spaced_dash(gap: &str) -> bool {
    gap.contains('-')
        && gap.split(char::is_whitespace).enumerate().any(|(i, piece)| {
            // The first and last pieces touch the words around the gap.
            let inner = i > 0 && gap.len() > piece.len() && !gap.ends_with(piece);
            inner && !piece.is_empty() && piece.bytes().all(|b| b == b'-')
        })
}

/// The word segments of `text` (UAX #29 segments holding a letter or digit), with offsets.
fn words(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(AsciiWords { text, at: 0 })
    } else {
        Words::Unicode(text.split_word_bound_indices())
    }
}

/// The iterator of [`words`]: the ASCII fast path or the general tables (an enum, not a boxed
/// iterator, so the fast path is inlined into the tokenizer's loop).
enum Words<'a> {
    Ascii(AsciiWords<'a>),
    Unicode(unicode_segmentation::UWordBoundIndices<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Ascii(words) => words.next(),
            Self::Unicode(segments) => segments.find(|(_, s)| s.chars().any(char::is_alphanumeric)),
        }
    }
}

/// UAX #29 word segmentation restricted to ASCII text (rules WB5–WB13b), which is most answers
/// and several times faster than the general tables. A property test checks that it agrees with
/// `unicode-segmentation` on ASCII input.
struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        let start = self.at + bytes[self.at..].iter().position(|&b| b.is_ascii_alphanumeric())?;
        // An underscore run before the first letter or digit belongs to the word (WB13b).
        let mut begin = start;
        while begin > self.at && bytes[begin - 1] == b'_' {
            begin -= 1;
        }
        let mut end = start + 1;
        while end < bytes.len() {
            let (prev, cur) = (bytes[end - 1], bytes[end]);
            if is_word_byte(cur) {
                end += 1;
                continue;
            }
            let next = bytes.get(end + 1).copied().unwrap_or(b' ');
            let letters = prev.is_ascii_alphabetic()
                && matches!(cur, b':' | b'.' | b'\'')
                && next.is_ascii_alphabetic();
            let digits = prev.is_ascii_digit()
                && matches!(cur, b',' | b';' | b'.' | b'\'')
                && next.is_ascii_digit();
            if letters || digits {
                end += 2;
            } else {
                break;
            }
        }
        self.at = end;
        Some((begin, &self.text[begin..end]))
    }
}

/// Folds one word as patterns and answers both see it: [`fold_into`], then the n't contractions
/// without their apostrophe ("can't" = "cant"; "it's" and "we're" keep theirs, they are other
/// words than "its" and "were") and number words as digits ("two" = "2").
pub(crate) fn fold_word(segment: &str, folded: &mut String) {
    if segment.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Most words: letters and digits only, so lower-casing is the whole fold.
        folded.clear();
        folded.push_str(segment);
        folded.make_ascii_lowercase();
    } else {
        fold_into(segment, folded);
    }
    if folded.ends_with("n't") {
        folded.remove(folded.len() - 2);
    } else if (3..=9).contains(&folded.len())
        && let Some(digits) = digits_of(folded)
    {
        // Number words have 3 ("two") to 9 ("seventeen") letters.
        folded.clear();
        folded.push_str(digits);
    }
}

/// What the text between two words does: [`break_of_gap`], with a shortcut for the one space
/// between most words.
fn gap_break(gap: &str, next: &str) -> Break {
    if gap == " " { Break::None } else { break_of_gap(gap, next) }
}

/// The running state of [`tokenize`]: sentence and clause counters and what the previous word
/// said about the next one (four independent facts, hence the flags).
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
struct Counters {
    folded: String,
    sentence: u32,
    clause: u32,
    last_end: usize,
    previous_abbreviation: bool,
    seen_word: bool,
    in_hug: bool,
    previous_negation: bool,
}

impl Counters {
    /// Hands `word` the comparison operators between the last word and byte `start` (see
    /// `comparisons`), each as a word of its own.
    fn operators(&mut self, text: &str, start: usize, word: &mut impl FnMut(Token, &str)) {
        // Before the first word an operator compares nothing (and `>` starts a quote). Most
        // gaps are a space or a comma: one look at their bytes settles them (0xE2 leads `≤`,
        // `≥` and `≠`).
        let bytes = &text.as_bytes()[self.last_end..start];
        if !self.seen_word || !bytes.iter().any(|&b| matches!(b, b'<' | b'>' | b'=' | 0xE2)) {
            return;
        }
        let from = self.last_end;
        for (at, len, op) in super::comparisons::in_gap(&text[from..start]) {
            self.place(text, from + at, &text[from + at..from + at + len], Some(op), word);
        }
    }

    /// Numbers the word `segment` at byte `start` of `text` and hands it to `word`.
    fn word(
        &mut self,
        text: &str,
        start: usize,
        segment: &str,
        word: &mut impl FnMut(Token, &str),
    ) {
        self.operators(text, start, word);
        self.place(text, start, segment, None, word);
    }

    /// Numbers `segment` at byte `start`, folded, or spelled `canonical` when given.
    fn place(
        &mut self,
        text: &str,
        start: usize,
        segment: &str,
        canonical: Option<&str>,
        word: &mut impl FnMut(Token, &str),
    ) {
        let gap = &text[self.last_end..start];
        // Brackets that hug a word are notation, not an aside: `hash(key) mod N`, `L(a) < L(b)`.
        let hugged = if self.seen_word && gap == "(" {
            self.in_hug = true;
            ""
        } else if self.in_hug && gap.starts_with(')') {
            self.in_hug = false;
            &gap[1..]
        } else {
            self.in_hug = false;
            gap
        };
        let mut pending = gap_break(hugged, &text[start..]);
        if pending == Break::Sentence
            && self.previous_abbreviation
            && gap.trim_start().starts_with('.')
            && !gap.contains(['\n', '\r'])
            && gap.matches(['.', '!', '?']).count() == 1
        {
            pending = Break::Clause;
        }
        match canonical {
            Some(op) => {
                self.folded.clear();
                self.folded.push_str(op);
            }
            None => fold_word(segment, &mut self.folded),
        }
        let folded = self.folded.as_str();
        // ", which …" says more about the word before the comma: "the detector outputs phi,
        // which is the probability …" is one claim about phi.
        if pending == Break::Clause && hugged.trim() == "," && matches!(folded, "which" | "who") {
            pending = Break::None;
        }
        // "yet" after a negation is "not yet", not a contrast.
        let contrastive = breaks_clause(folded) && !(folded == "yet" && self.previous_negation);
        let contrast = contrastive || pending == Break::Sentence || gap.contains(';');
        if contrastive {
            pending = pending.max(Break::Clause);
        }
        if self.seen_word {
            match pending {
                Break::Sentence => {
                    self.sentence += 1;
                    self.clause += 1;
                }
                Break::Clause => self.clause += 1,
                Break::None => {}
            }
        }
        self.seen_word = true;
        self.previous_abbreviation = is_abbreviation(folded);
        self.previous_negation = folded == "not" || folded.ends_with("nt");
        self.last_end = start + segment.len();
        let token = Token {
            start: start as u32,
            end: self.last_end as u32,
            sentence: self.sentence,
            clause: self.clause,
            contrast,
            disjunction: is_disjunction(folded),
        };
        word(token, folded);
    }
}

/// Splits `text` into words, calling `word(token, folded)` for each with its folded form.
pub(crate) fn tokenize(text: &str, mut word: impl FnMut(Token, &str)) {
    let mut counters = Counters::default();
    // Where a slash shorthand ("w/o") ended: the segments it covered are passed over.
    let mut covered = 0;
    for (start, segment) in words(text) {
        if start < covered {
            continue;
        }
        if let Some((len, spelled)) = shorthand(text, start, segment) {
            counters.operators(text, start, &mut word);
            counters.place(text, start, &text[start..start + len], Some(spelled), &mut word);
            covered = start + len;
        } else if segment.as_bytes().contains(&b'_') {
            for (at, part) in snake_parts((start, segment)) {
                counters.word(text, at, part, &mut word);
            }
        } else {
            counters.word(text, start, segment, &mut word);
        }
    }
}

/// The slash shorthands of notes and chat, read as the word they stand for: `w/o` "without"
/// (so it negates as "without" does), `b/c` "because", `w/` "with". Returns the shorthand's
/// length in bytes and the word, for the segment `segment` at byte `start` of `text`.
fn shorthand(text: &str, start: usize, segment: &str) -> Option<(usize, &'static str)> {
    if segment.len() != 1 || text.as_bytes().get(start + 1) != Some(&b'/') {
        return None;
    }
    let rest = &text.as_bytes()[start + 2..];
    let free = |i: usize| rest.get(i).is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'/');
    match (segment.as_bytes()[0].to_ascii_lowercase(), rest.first().map(u8::to_ascii_lowercase)) {
        (b'w', Some(b'o')) if free(1) => Some((3, "without")),
        (b'b', Some(b'c')) if free(1) => Some((3, "because")),
        (b'w', _) if free(0) => Some((2, "with")),
        _ => None,
    }
}

/// The word segments of an ASCII text as `unicode-segmentation` finds them (for tests).
#[cfg(test)]
pub(crate) fn reference_words(text: &str) -> Vec<(usize, &str)> {
    text.split_word_bound_indices().filter(|(_, s)| s.chars().any(char::is_alphanumeric)).collect()
}

/// The word segments of an ASCII text by the fast path (for tests).
#[cfg(test)]
pub(crate) fn ascii_words(text: &str) -> Vec<(usize, &str)> {
    AsciiWords { text, at: 0 }.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, u32, u32, bool)> {
        let mut out = Vec::new();
        tokenize(text, |t, f| out.push((f.to_owned(), t.sentence, t.clause, t.contrast)));
        out
    }

    #[test]
    fn words_are_folded_and_keep_their_offsets() {
        let text = "Nodes  DON\u{2019}T fail";
        let mut spans = Vec::new();
        tokenize(text, |t, f| spans.push((&text[t.start as usize..t.end as usize], f.to_owned())));
        assert_eq!(
            spans,
            [("Nodes", "nodes".into()), ("DON\u{2019}T", "dont".into()), ("fail", "fail".into())]
        );
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks_but_not_after_abbreviations() {
        let w = words("A ring. Keys move!\nOnly few, e.g. one");
        let sentences: Vec<u32> = w.iter().map(|x| x.1).collect();
        assert_eq!(sentences, [0, 0, 1, 1, 2, 2, 2, 2]);
    }

    #[test]
    fn snake_case_words_are_read_as_their_parts() {
        let w: Vec<String> =
            words("send code_challenge and read_committed").into_iter().map(|x| x.0).collect();
        assert_eq!(w, ["send", "code", "challenge", "and", "read", "committed"]);
        let mut spans = Vec::new();
        tokenize("a_b __c", |t, f| spans.push((t.start, t.end, f.to_owned())));
        assert_eq!(spans, [(0, 1, "a".into()), (2, 3, "b".into()), (6, 7, "c".into())]);
    }

    #[test]
    fn a_single_line_break_wraps_a_sentence_but_lists_and_blank_lines_end_it() {
        let sentences = |text: &str| words(text).iter().map(|x| x.1).collect::<Vec<u32>>();
        assert_eq!(sentences("retry the whole\ntransaction"), [0, 0, 0, 0]);
        assert_eq!(sentences("a hash\r\njoin"), [0, 0, 0]);
        assert_eq!(sentences("one\n\ntwo"), [0, 1]);
        assert_eq!(sentences("one\r\n\r\ntwo"), [0, 1]);
        assert_eq!(sentences("items:\n- one\n- two"), [0, 1, 2]);
        // Numbered items: each item starts a sentence (the number's own `.` may add one more).
        let numbered = sentences("steps:\n1. one\n2) two");
        assert!(numbered[0] < numbered[1] && numbered[2] < numbered[3], "{numbered:?}");
        assert_eq!(sentences("quote\n> said"), [0, 1]);
    }

    #[test]
    fn brackets_that_hug_a_word_are_notation_not_a_clause_break() {
        let clauses = |text: &str| words(text).iter().map(|x| x.2).collect::<Vec<u32>>();
        assert_eq!(clauses("hash(key) mod n"), [0, 0, 0, 0]);
        assert_eq!(clauses("if L(a) < L(b) then"), [0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(clauses("hash(key), then"), [0, 0, 1]);
        assert_eq!(clauses("RPO (the point) is"), [0, 1, 1, 2]);
    }

    #[test]
    fn comparison_operators_are_words_of_their_own() {
        let w = |text: &str| words(text).into_iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(w("R + W > N"), ["r", "w", ">", "n"]);
        assert_eq!(w("R+W<=N"), ["r", "w", "<=", "n"]);
        assert_eq!(w("L(a) \u{2264} L(b)"), ["l", "a", "<=", "l", "b"]);
        assert_eq!(w("x != y"), ["x", "!=", "y"]);
        assert_eq!(
            w("add a node -> keys move => done"),
            ["add", "a", "node", "keys", "move", "done"]
        );
        assert_eq!(w("> quoted\n> reply"), ["quoted", "reply"]);
        // `!=` is no end of sentence; `!` still is.
        let sentences = |text: &str| words(text).iter().map(|x| x.1).collect::<Vec<u32>>();
        assert_eq!(sentences("x != y"), [0, 0, 0]);
        assert_eq!(sentences("wow! next"), [0, 1]);
        let mut spans = Vec::new();
        tokenize("a >= b", |t, f| spans.push((t.start, t.end, f.to_owned())));
        assert_eq!(spans, [(0, 1, "a".into()), (2, 4, ">=".into()), (5, 6, "b".into())]);
    }

    #[test]
    fn a_relative_clause_after_a_comma_continues_the_clause() {
        let clauses = |text: &str| words(text).iter().map(|x| x.2).collect::<Vec<u32>>();
        assert_eq!(clauses("outputs phi, which is high"), [0, 0, 0, 0, 0]);
        assert_eq!(clauses("a leader, who is elected"), [0, 0, 0, 0, 0]);
        assert_eq!(clauses("phi; which is high"), [0, 1, 1, 1]);
        assert_eq!(clauses("phi, and which"), [0, 1, 1]);
    }

    #[test]
    fn slash_shorthands_are_the_words_they_stand_for() {
        let w = |text: &str| words(text).into_iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(w("routes w/o reading"), ["routes", "without", "reading"]);
        assert_eq!(w("W/O a partition"), ["without", "a", "partition"]);
        assert_eq!(w("slow b/c of GC"), ["slow", "because", "of", "gc"]);
        assert_eq!(w("a lock w/ a token"), ["a", "lock", "with", "a", "token"]);
        assert_eq!(w("r/w ratio, w/out, w/o/x"), ["r", "w", "ratio", "w", "out", "w", "o", "x"]);
        let mut spans = Vec::new();
        tokenize("x w/o y", |t, f| spans.push((t.start, t.end, f.to_owned())));
        assert_eq!(spans[1], (2, 5, "without".into()));
    }

    #[test]
    fn a_spaced_ascii_dash_ends_a_clause_a_joining_hyphen_does_not() {
        let clauses = |text: &str| words(text).iter().map(|x| x.2).collect::<Vec<u32>>();
        assert_eq!(clauses("no - the sender"), [0, 1, 1]);
        assert_eq!(clauses("no -- the sender"), [0, 1, 1]);
        assert_eq!(clauses("no\t-\tthe"), [0, 1]);
        assert_eq!(clauses("fail-over is fast"), [0, 0, 0, 0]);
        assert_eq!(clauses("x -y and z- w"), [0, 0, 0, 0, 0]);
    }

    #[test]
    fn clauses_end_at_commas_and_contrastive_words() {
        let w = words("not slow, it is fast but not safe");
        let clauses: Vec<u32> = w.iter().map(|x| x.2).collect();
        assert_eq!(clauses, [0, 0, 1, 1, 1, 2, 2, 2]);
        let contrasts: Vec<bool> = w.iter().map(|x| x.3).collect();
        assert_eq!(contrasts, [false, false, false, false, false, true, false, false]);
    }

    #[test]
    fn ascii_fast_path_agrees_with_unicode_segmentation() {
        for text in [
            "a.b e.g. 3.5 3,5 a,b k/n isn't rock'n'roll a:b _x_ __ 1_a a_1 x._y 3.a a.3 ''a'' 5'6",
            "v2.0.1 ... a..b 1..2 a'.b end.",
            "tab\there\r\nnew line; semi;colon 1;2",
        ] {
            assert_eq!(ascii_words(text), reference_words(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_agrees_on_random_text(text in "[aZ19_.,;:'\" /\n\r-]{0,40}") {
            proptest::prop_assert_eq!(ascii_words(&text), reference_words(&text));
        }
    }

    #[test]
    fn numbers_and_dotted_names_stay_one_word() {
        let w: Vec<String> = words("3.5 node.js k/n").into_iter().map(|x| x.0).collect();
        assert_eq!(w, ["3.5", "node.js", "k", "n"]);
    }
}
