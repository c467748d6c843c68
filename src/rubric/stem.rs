//! English Snowball stemming (frostem, pinned exactly so grades never drift between builds).

use std::cell::RefCell;
use std::collections::HashMap;

use frostem::{Algorithm, Stemmer};

/// Cached stems per thread; cleared when it grows past this many words.
const CACHE_LIMIT: usize = 1 << 16;

/// The most characters English Snowball takes off a word: a leading apostrophe (1), then one
/// suffix per step — `'s'` (3), `sses` → `ss` (2), `ingly` (5), `ational` → `ate` (4), `ative`
/// (5), `ement` (5), `e` (1) — 26 in all, rounded up. A word longer than a stem by more than
/// this cannot have that stem.
///
/// The bound is what lets the grader skip the stemmer for words no rubric stem could match:
/// frostem copies the whole word for every `y` it marks after a vowel, so a word of `n`
/// characters with many such `y`s costs O(n²) to stem (a 1 MiB `"ayay…"` answer took seconds).
pub(crate) const MAX_STRIPPED: usize = 32;

thread_local! {
    static CACHE: RefCell<HashMap<Box<str>, Box<str>>> = RefCell::new(HashMap::new());
}

/// Contractions whose `'s` is "is" or "us", not a possessive: the stemmer would drop it and make
/// "it's" the word "its". They stay as written.
const CONTRACTIONS: &[&str] =
    &["it's", "that's", "what's", "there's", "here's", "who's", "he's", "she's", "let's"];

/// The stem of a folded (lower-case) word, computed without a cache; an irregular past tense
/// or participle is stemmed as its base verb ("gave" → `give`).
pub fn stem(word: &str) -> String {
    if CONTRACTIONS.contains(&word) {
        return word.to_owned();
    }
    let word = super::irregular::base_of(word).unwrap_or(word);
    Stemmer::new(Algorithm::English).stem(word).into_owned()
}

/// Calls `f` with the stem of a folded word, using a per-thread cache: answers of a cohort share
/// most of their words, and stemming is the costliest step of matching.
pub(crate) fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word) {
            return f(stem);
        }
        let stem: Box<str> = stem(word).into();
        let result = f(&stem);
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(word.into(), stem);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden stems: a change here means grades would change, so frostem upgrades must be
    /// deliberate.
    #[test]
    fn golden_stems() {
        let pairs = [
            ("replicas", "replica"),
            ("replicated", "replic"),
            ("replication", "replic"),
            ("consensus", "consensus"),
            ("elections", "elect"),
            ("partitioned", "partit"),
            ("nodes", "node"),
            ("running", "run"),
            ("quorums", "quorum"),
            ("majority", "major"),
            ("leases", "leas"),
            ("fencing", "fenc"),
            ("idempotent", "idempot"),
            ("idempotency", "idempot"),
            ("deduplication", "dedupl"),
            ("linearizable", "lineariz"),
            ("consistency", "consist"),
            ("consistent", "consist"),
            ("heartbeats", "heartbeat"),
            ("acknowledgement", "acknowledg"),
            ("compensating", "compens"),
            ("invalidation", "invalid"),
            ("caching", "cach"),
            ("key's", "key"),
            ("gave", "give"),
            ("written", "write"),
            ("went", "go"),
        ];
        for (word, want) in pairs {
            assert_eq!(stem(word), want, "{word}");
            assert_eq!(with_stem(word, str::to_owned), want, "{word} (cached)");
        }
    }

    /// The longest stack of suffixes the algorithm strips, one per step.
    #[test]
    fn stripping_stays_within_the_bound() {
        for word in ["'hopefulnessesly's'", "'generationalizations's'", "'relationalisms's'"] {
            let (w, s) = (word.chars().count(), stem(word).chars().count());
            assert!(w <= s + MAX_STRIPPED, "{word} → {}", stem(word));
        }
    }

    proptest::proptest! {
        /// Words stacked from the suffixes the steps remove, with `y`s the prelude marks: their
        /// stems are never more than [`MAX_STRIPPED`] characters shorter.
        #[test]
        fn no_stem_is_shorter_than_the_bound_allows(
            head in "'?[a-z]{0,6}",
            suffixes in proptest::collection::vec(proptest::sample::select(vec![
                "ational", "tional", "ization", "fulness", "iveness", "ousness", "ative",
                "alize", "icate", "ement", "ment", "ingly", "eedly", "edly", "ing", "ed", "ies",
                "sses", "s", "'s'", "'s", "'", "ly", "li", "ogist", "biliti", "e", "ll", "y",
                "ay", "oy",
            ]), 0..8),
        ) {
            let word = format!("{head}{}", suffixes.concat());
            let (w, s) = (word.chars().count(), stem(&word).chars().count());
            proptest::prop_assert!(w <= s + MAX_STRIPPED, "{} → {}", word, stem(&word));
        }
    }
}
