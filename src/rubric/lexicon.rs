//! The vocabulary of one compiled rubric: every pattern and synonym word, indexed by stem (exact
//! matches) and by first letter (typo candidates), so an answer word is looked up, not compared
//! against every pattern.

use std::collections::HashMap;

use super::stem::stem;
use super::typo::{allowance, within};

/// One distinct word of a rubric's patterns.
#[derive(Debug)]
struct Word {
    folded: Box<str>,
    stem: Box<str>,
    chars: usize,
    stem_chars: usize,
}

/// The words a rubric's patterns use, with the indexes that find them from an answer word.
#[derive(Debug)]
pub(crate) struct Lexicon {
    id: u64,
    words: Vec<Word>,
    by_folded: HashMap<Box<str>, u32>,
    by_stem: HashMap<Box<str>, Vec<u32>>,
    by_first: HashMap<char, Vec<u32>>,
}

/// Whether a folded word may match with typos: letters (and apostrophes) only, never numbers.
fn typo_eligible(folded: &str) -> bool {
    folded.chars().all(|c| c.is_alphabetic() || c == '\'')
}

/// English function words of five letters or more: an answer that writes one meant that word,
/// not a typo of a pattern word one edit away ("there" is not a typo of `three`, nor "where" of
/// `wheel`).
const FUNCTION_WORDS: [&str; 26] = [
    "about", "above", "after", "again", "being", "below", "could", "every", "might", "never",
    "other", "shall", "since", "still", "their", "there", "these", "those", "under", "until",
    "where", "which", "while", "whose", "would", "should",
];

impl Default for Lexicon {
    fn default() -> Self {
        Self {
            id: super::memo::new_id(),
            words: Vec::new(),
            by_folded: HashMap::new(),
            by_stem: HashMap::new(),
            by_first: HashMap::new(),
        }
    }
}

impl Lexicon {
    /// The id of this lexicon's per-thread memo.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// Appends the ids an answer word matches, memoized in `memo` (see [`Lexicon::lookup`]).
    pub(crate) fn matches(&self, memo: &mut super::memo::Map, folded: &str, out: &mut Vec<u32>) {
        super::memo::lookup(memo, folded, out, |out| {
            super::stem::with_stem(folded, |stem| self.lookup(folded, stem, out));
        });
    }

    /// The id of a folded pattern word, added on first use.
    pub(crate) fn intern(&mut self, folded: &str) -> u32 {
        if let Some(&id) = self.by_folded.get(folded) {
            return id;
        }
        let id = self.words.len() as u32;
        let stem = stem(folded);
        self.by_stem.entry(stem.clone().into()).or_default().push(id);
        if typo_eligible(folded)
            && let Some(first) = folded.chars().next()
        {
            self.by_first.entry(first).or_default().push(id);
        }
        self.words.push(Word {
            chars: folded.chars().count(),
            stem_chars: stem.chars().count(),
            folded: folded.into(),
            stem: stem.into(),
        });
        self.by_folded.insert(folded.into(), id);
        id
    }

    /// Number of distinct words.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// The folded spelling of a word id.
    #[cfg(test)]
    pub(crate) fn word(&self, id: u32) -> &str {
        &self.words[id as usize].folded
    }

    /// Appends to `out` every word id that an answer word (folded, and its stem) matches: the
    /// same stem, or — for words of letters — the same first letter and few enough edits between
    /// the words or between their stems.
    pub(crate) fn lookup(&self, folded: &str, stem: &str, out: &mut Vec<u32>) {
        let before = out.len();
        if let Some(ids) = self.by_stem.get(stem) {
            out.extend_from_slice(ids);
        }
        let Some(first) = folded.chars().next() else { return };
        let Some(candidates) = self.by_first.get(&first) else { return };
        let chars = folded.chars().count();
        let stem_chars = stem.chars().count();
        if chars < 5 || !typo_eligible(folded) || FUNCTION_WORDS.contains(&folded) {
            return;
        }
        for &id in candidates {
            if out[before..].contains(&id) {
                continue;
            }
            let w = &self.words[id as usize];
            if chars.abs_diff(w.chars) > 2 && stem_chars.abs_diff(w.stem_chars) > 2 {
                continue;
            }
            let word_limit = allowance(chars.min(w.chars));
            let stem_limit = allowance(stem_chars.min(w.stem_chars));
            if within(folded, &w.folded, word_limit) || within(stem, &w.stem, stem_limit) {
                out.push(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, answer: &str) -> bool {
        let mut lex = Lexicon::default();
        let id = lex.intern(pattern);
        let mut out = Vec::new();
        lex.lookup(answer, &stem(answer), &mut out);
        out.contains(&id)
    }

    #[test]
    fn inflections_meet_through_the_stem() {
        assert!(matches("replicated", "replication"));
        assert!(matches("nodes", "node"));
        assert!(!matches("node", "note"));
    }

    #[test]
    fn typos_by_length() {
        assert!(matches("quorum", "qourum"));
        assert!(matches("replication", "replcaton"));
        assert!(matches("replicas", "replcas"));
        assert!(!matches("raft", "reft"), "short words must be exact");
        assert!(!matches("quorum", "korum"), "first letter must agree");
        assert!(!matches("v2pc", "v3pc"), "words with digits never match by typo");
        assert!(!matches("three", "there"), "a function word is not a typo");
        assert!(matches("three", "thre") || matches("three", "theree"), "a real typo still is");
    }
}
