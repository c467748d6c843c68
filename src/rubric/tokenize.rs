//! Splitting an answer into words (UAX #29 word boundaries) with sentence and clause numbers.
//!
//! Every word keeps its byte range in the original answer, so evidence quotes the answer's own
//! spelling. Sentences end at `.`, `!`, `?` (not after `e.g.`) and at line breaks; clauses also
//! end at `,`, `;`, `:`, brackets, dashes and contrastive conjunctions ("but", "however").

use unicode_segmentation::UnicodeSegmentation;

use super::negation::{breaks_clause, is_abbreviation, is_negation};
use super::normalize::fold_into;

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
    /// Whether the word is a negation ("not", "isn't", ...).
    pub negation: bool,
}

/// What a punctuation or space segment does to the running sentence and clause counters.
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
            '.' | '!' | '?' | '\n' | '\r' | '\u{2026}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}'
            | '\u{2029}' => Break::Sentence,
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{2013}' | '\u{2014}'
            | '\u{FF0C}' | '\u{3001}' | '\u{FF1B}' => Break::Clause,
            _ => Break::None,
        };
        out = out.max(b);
    }
    out
}

/// Splits `text` into words, calling `word(token, folded)` for each with its folded form.
pub(crate) fn tokenize(text: &str, mut word: impl FnMut(Token, &str)) {
    let mut folded = String::new();
    let mut sentence = 0u32;
    let mut clause = 0u32;
    let mut pending = Break::None;
    let mut previous_abbreviation = false;
    let mut seen_word = false;
    for (start, segment) in text.split_word_bound_indices() {
        if !segment.chars().any(char::is_alphanumeric) {
            let mut b = break_of(segment);
            if b == Break::Sentence && previous_abbreviation && !segment.contains(['\n', '\r']) {
                b = Break::Clause;
            }
            pending = pending.max(b);
            previous_abbreviation = false;
            continue;
        }
        fold_into(segment, &mut folded);
        if breaks_clause(&folded) {
            pending = pending.max(Break::Clause);
        }
        if seen_word {
            match pending {
                Break::Sentence => {
                    sentence += 1;
                    clause += 1;
                }
                Break::Clause => clause += 1,
                Break::None => {}
            }
        }
        pending = Break::None;
        seen_word = true;
        previous_abbreviation = is_abbreviation(&folded);
        let token = Token {
            start: start as u32,
            end: (start + segment.len()) as u32,
            sentence,
            clause,
            negation: is_negation(&folded),
        };
        word(token, &folded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, u32, u32, bool)> {
        let mut out = Vec::new();
        tokenize(text, |t, f| out.push((f.to_owned(), t.sentence, t.clause, t.negation)));
        out
    }

    #[test]
    fn words_are_folded_and_keep_their_offsets() {
        let text = "Nodes  DON\u{2019}T fail";
        let mut spans = Vec::new();
        tokenize(text, |t, f| spans.push((&text[t.start as usize..t.end as usize], f.to_owned())));
        assert_eq!(
            spans,
            [("Nodes", "nodes".into()), ("DON\u{2019}T", "don't".into()), ("fail", "fail".into())]
        );
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks_but_not_after_abbreviations() {
        let w = words("A ring. Keys move!\nOnly few, e.g. one");
        let sentences: Vec<u32> = w.iter().map(|x| x.1).collect();
        assert_eq!(sentences, [0, 0, 1, 1, 2, 2, 2, 2]);
    }

    #[test]
    fn clauses_end_at_commas_and_contrastive_words() {
        let w = words("not slow, it is fast but not safe");
        let clauses: Vec<u32> = w.iter().map(|x| x.2).collect();
        assert_eq!(clauses, [0, 0, 1, 1, 1, 2, 2, 2]);
        assert!(w[0].3 && w[6].3 && !w[1].3);
    }

    #[test]
    fn numbers_and_dotted_names_stay_one_word() {
        let w: Vec<String> = words("3.5 node.js k/n").into_iter().map(|x| x.0).collect();
        assert_eq!(w, ["3.5", "node.js", "k", "n"]);
    }
}
