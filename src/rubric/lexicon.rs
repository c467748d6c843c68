//! The vocabulary of one compiled rubric: every pattern and synonym word, indexed by stem (exact
//! matches) and by first letter (typo candidates), so an answer word is looked up, not compared
//! against every pattern.

use std::collections::HashMap;

use super::stem::{MAX_STRIPPED, stem};
use super::typo::{allowance, letters, may_be_within, within};

/// One distinct word of a rubric's patterns.
#[derive(Debug)]
struct Word {
    folded: Box<str>,
    stem: Box<str>,
    chars: usize,
    stem_chars: usize,
    /// [`letters`] of the word and of its stem, to turn typo candidates away cheaply.
    letters: u64,
    stem_letters: u64,
}

/// The words a rubric's patterns use, with the indexes that find them from an answer word.
#[derive(Debug)]
pub(crate) struct Lexicon {
    id: u64,
    words: Vec<Word>,
    by_folded: HashMap<Box<str>, u32>,
    by_stem: HashMap<Box<str>, Vec<u32>>,
    by_first: HashMap<char, Vec<u32>>,
    /// Answer words of more characters than this cannot meet any of the words by stem: their
    /// stems are too long to equal one or to be a typo of one (see [`Lexicon::beyond_stems`]).
    stem_reach: usize,
    /// Per word id: the rubric-wide numbers of the phrase sequences that start with it.
    starts: Vec<Vec<u32>>,
    /// Number of phrase sequences numbered so far.
    sequences: usize,
    /// The sources of the rubric's `re:` patterns, in the order [`RegexMatcher::index`] counts.
    ///
    /// [`RegexMatcher::index`]: super::compile::RegexMatcher::index
    regex_sources: Vec<String>,
    /// All of them in one automaton ([`Lexicon::seal`]); `None` when there are none, or when
    /// together they exceed the size limits (each regex then runs alone, as it would anyway).
    regex_set: Option<regex::RegexSet>,
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
            stem_reach: 0,
            starts: Vec::new(),
            sequences: 0,
            regex_sources: Vec::new(),
            regex_set: None,
        }
    }
}

impl Lexicon {
    /// The id of this lexicon's per-thread memo.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// Appends the ids an answer word matches, memoized in `memo` (see [`Lexicon::lookup`]).
    ///
    /// A word beyond every stem's reach is matched by its spelling alone, and not memoized: its
    /// stem could not match (so the stemmer, quadratic on some long words, is not run), and
    /// such words rarely repeat, while a memo of them would keep up to a mebibyte per key.
    pub(crate) fn matches(
        &self,
        memo: &mut super::memo::Map<'_>,
        folded: &str,
        out: &mut Vec<u32>,
    ) {
        if self.beyond_stems(folded) {
            self.lookup(folded, None, out);
            return;
        }
        super::memo::lookup(memo, folded, out, |out| {
            super::stem::with_stem(folded, |stem| self.lookup(folded, Some(stem), out));
        });
    }

    /// Whether a folded answer word is too long for its stem to matter: stemming takes at most
    /// [`MAX_STRIPPED`] characters off, so the word's stem is longer than every stem here by
    /// more than the largest typo allowance.
    fn beyond_stems(&self, folded: &str) -> bool {
        // Bytes bound characters from above: most words are settled without counting.
        folded.len() > self.stem_reach && folded.chars().count() > self.stem_reach
    }

    /// The id of a folded pattern word, added on first use.
    pub(crate) fn intern(&mut self, folded: &str) -> u32 {
        if let Some(&id) = self.by_folded.get(folded) {
            return id;
        }
        let id = self.words.len() as u32;
        let stem = stem(folded);
        let stem_chars = stem.chars().count();
        self.stem_reach = self.stem_reach.max(stem_chars + MAX_STRIPPED + allowance(usize::MAX));
        self.by_stem.entry(stem.clone().into()).or_default().push(id);
        if typo_eligible(folded)
            && let Some(first) = folded.chars().next()
        {
            self.by_first.entry(first).or_default().push(id);
        }
        self.words.push(Word {
            chars: folded.chars().count(),
            stem_chars,
            letters: letters(folded),
            stem_letters: letters(&stem),
            folded: folded.into(),
            stem: stem.into(),
        });
        self.by_folded.insert(folded.into(), id);
        id
    }

    /// Numbers a phrase sequence of the rubric that starts with word `head`.
    pub(crate) fn add_sequence(&mut self, head: u32) {
        let head = head as usize;
        if self.starts.len() <= head {
            self.starts.resize_with(head + 1, Vec::new);
        }
        self.starts[head].push(self.sequences as u32);
        self.sequences += 1;
    }

    /// Numbers a `re:` pattern of the rubric (its source as compiled).
    pub(crate) fn add_regex(&mut self, source: &str) -> usize {
        self.regex_sources.push(source.to_owned());
        self.regex_sources.len() - 1
    }

    /// Builds the set of the rubric's regexes, once every pattern is compiled. Same options as
    /// each regex (case-insensitive), bounded like them: a set too large is simply not built.
    pub(crate) fn seal(&mut self) {
        if self.regex_sources.len() < 2 {
            return;
        }
        let limit = (1 << 20) * self.regex_sources.len().min(8);
        self.regex_set = regex::RegexSetBuilder::new(&self.regex_sources)
            .case_insensitive(true)
            .size_limit(limit)
            .dfa_size_limit(1 << 20)
            .build()
            .ok();
    }

    /// The set of the rubric's regexes, when there is one.
    pub(crate) fn regex_set(&self) -> Option<&regex::RegexSet> {
        self.regex_set.as_ref()
    }

    /// Number of phrase sequences numbered.
    pub(crate) fn sequences(&self) -> usize {
        self.sequences
    }

    /// The numbers of the phrase sequences that start with word `id`.
    pub(crate) fn starting_with(&self, id: u32) -> &[u32] {
        self.starts.get(id as usize).map_or(&[], Vec::as_slice)
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
    /// the words or between their stems; an n't contraction also matches `not`. Without a stem (`None`), only the spelling is compared.
    pub(crate) fn lookup(&self, folded: &str, stem: Option<&str>, out: &mut Vec<u32>) {
        let before = out.len();
        // "aren't" says `not` as well as "are not" does (see `contractions`).
        if let Some(&not) = self.by_folded.get("not")
            && super::contractions::auxiliary(folded).is_some()
        {
            out.push(not);
        }
        if let Some(ids) = stem.and_then(|stem| self.by_stem.get(stem)) {
            out.extend_from_slice(ids);
        }
        let Some(first) = folded.chars().next() else { return };
        let Some(candidates) = self.by_first.get(&first) else { return };
        let chars = folded.chars().count();
        let stem_chars = stem.map(|stem| stem.chars().count());
        if chars < 5 || !typo_eligible(folded) || FUNCTION_WORDS.contains(&folded) {
            return;
        }
        let word_letters = letters(folded);
        let stem_letters = stem.map_or(0, letters);
        for &id in candidates {
            if out[before..].contains(&id) {
                continue;
            }
            let w = &self.words[id as usize];
            let stems_apart = stem_chars.is_none_or(|n| n.abs_diff(w.stem_chars) > 2);
            if chars.abs_diff(w.chars) > 2 && stems_apart {
                continue;
            }
            let word_limit = allowance(chars.min(w.chars));
            let stem_hit = stem.zip(stem_chars).is_some_and(|(stem, n)| {
                let limit = allowance(n.min(w.stem_chars));
                may_be_within(stem_letters, w.stem_letters, limit) && within(stem, &w.stem, limit)
            });
            let word_hit = may_be_within(word_letters, w.letters, word_limit)
                && within(folded, &w.folded, word_limit);
            if word_hit || stem_hit {
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
        lex.lookup(answer, Some(&stem(answer)), &mut out);
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

    #[test]
    fn a_contraction_says_not() {
        assert!(matches("not", "arent"));
        assert!(matches("not", "cannot"));
        assert!(!matches("not", "its"));
        assert!(!matches("not", "note"));
    }

    fn lexicon(words: &[&str]) -> Lexicon {
        let mut lex = Lexicon::default();
        for w in words {
            lex.intern(w);
        }
        lex
    }

    /// What [`Lexicon::matches`] must return: the lookup with the word's real stem.
    fn reference(lex: &Lexicon, word: &str) -> Vec<u32> {
        let mut out = Vec::new();
        lex.lookup(word, Some(&stem(word)), &mut out);
        out
    }

    fn matched(lex: &Lexicon, word: &str) -> Vec<u32> {
        let (mut memo, mut out) = (super::super::memo::Memo::default(), Vec::new());
        lex.matches(&mut memo.map(lex.id()), word, &mut out);
        out
    }

    /// A 1 MiB answer word of `y`s after vowels took frostem seconds to stem (it copies the word
    /// for every such `y`), and minutes in a debug build; it cannot match a rubric word by stem,
    /// so it must take next to no time.
    #[test]
    fn a_mebibyte_of_y_words_is_looked_up_in_linear_time() {
        let done = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let lex = lexicon(&["replication", "yearly", "consistency"]);
            for word in ["ay".repeat(1 << 19), "yay".repeat(300_000), "y".repeat(1 << 20)] {
                assert!(matched(&lex, &word).is_empty());
            }
            done.0.send(()).expect("the test waits");
        });
        let limit = std::time::Duration::from_secs(10);
        assert!(done.1.recv_timeout(limit).is_ok(), "looking up long y-words took over {limit:?}");
    }

    #[test]
    fn words_just_within_reach_are_still_stemmed() {
        let long = format!("{}ationalization", "x".repeat(40));
        let lex = lexicon(&[&long, "quorum"]);
        assert!(!lex.beyond_stems(&format!("{long}sy")));
        assert_eq!(matched(&lex, &format!("{long}s")), [0], "same stem");
        assert!(lex.beyond_stems(&"x".repeat(lex.stem_reach + 1)));
        assert!(!lex.beyond_stems(&"\u{e9}".repeat(lex.stem_reach)), "characters, not bytes");
    }

    proptest::proptest! {
        /// Skipping the stemmer for long words changes no match: answer words of every length
        /// (runs of `y`-words, stacked suffixes, long rubric words with a typo) against rubrics
        /// with short and long words.
        #[test]
        fn long_words_match_as_with_their_stems(
            rubric in proptest::collection::vec("[a-z]{1,8}(ay|y|ation|ing)?", 1..5),
            long in "[a-y]{20,60}",
            shape in 0..5usize,
            n in 0..80usize,
            edit in "[a-z]?",
        ) {
            let mut words: Vec<&str> = rubric.iter().map(String::as_str).collect();
            words.push(&long);
            let lex = lexicon(&words);
            let answer = match shape {
                0 => "ay".repeat(n),
                1 => format!("{long}{}", "ationalizations".repeat(n % 4)),
                2 => format!("{}{edit}{}", &long[..long.len() / 2], &long[long.len() / 2..]),
                3 => format!("{}{long}", "y".repeat(n)),
                _ => format!("{}{}", rubric[0], "ingly".repeat(n % 12)),
            };
            proptest::prop_assert_eq!(matched(&lex, &answer), reference(&lex, &answer));
        }
    }
}
