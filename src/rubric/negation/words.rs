//! The word lists of negation: the cues of each class (matched longest first by `scope`), the
//! copulas and adverbs a judgment may follow, the words that point back, and the set of words
//! any cue starts with.

/// Single words that negate what follows them. Contractions of the n't family are folded without
/// their apostrophe before they get here ("can't" → "cant"). "nothing" and "nobody" are not
/// among them: they are pronouns ("close to nothing lost", "nobody else's lock") more often than
/// denials of what follows.
pub(super) const PRE_WORDS: &[&str] = &[
    "not", "non", "no", "never", "without", "none", "nor", "neither", "cannot", "isnt", "arent",
    "wasnt", "werent", "doesnt", "dont", "didnt", "cant", "wont", "wouldnt", "shouldnt", "couldnt",
    "mustnt", "hasnt", "havent", "hadnt", "aint", "neednt", "shant", "mightnt",
    // `!=` and `≠` (read as `!=`): "quorums ≠ linearizable" denies what follows.
    "!=",
];

/// Phrases that negate what follows them.
pub(super) const PRE_PHRASES: &[&[&str]] = &[
    &["no", "need", "to"],
    &["no", "need", "for"],
    &["need", "not"],
    &["unnecessary", "to"],
    &["rather", "than"],
    &["instead", "of"],
    &["in", "place", "of"],
    &["no", "longer"],
    &["not", "yet"],
    &["no", "such", "thing", "as"],
    &["forget", "about"],
    &["nobody", "uses"],
    &["nobody", "needs"],
];

/// Phrases that negate the clause before them: they judge what was just said.
pub(super) const POST_PHRASES: &[&[&str]] = &[
    &["unnecessary"],
    &["needless"],
    &["superfluous"],
    &["pointless"],
    &["overkill"],
    &["unneeded"],
    &["nonsense"],
    &["bogus"],
    &["academic"],
    &["a", "nice", "to", "have"],
    &["nice", "to", "have"],
    &["not", "needed"],
    &["not", "required"],
    &["not", "necessary"],
    &["not", "true"],
    &["never", "needed"],
    &["never", "required"],
    &["isnt", "needed"],
    &["isnt", "required"],
    &["isnt", "necessary"],
    &["isnt", "true"],
    &["arent", "needed"],
    &["arent", "required"],
    &["arent", "necessary"],
    &["neednt", "be"],
    &["need", "not", "be"],
    &["untrue"],
    &["false"],
    &["wrong"],
    &["incorrect"],
    &["misleading"],
    &["mistaken"],
    &["a", "mistake"],
    &["an", "oversimplification"],
    &["a", "myth"],
    &["a", "misconception"],
    &["a", "fallacy"],
    &["not", "the", "case"],
    &["never", "the", "case"],
    &["never", "true"],
];

/// Words that make an adjective a judgment of the clause before it ("tokens **are** unnecessary").
pub(super) const COPULAS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "seems", "seem", "it's", "that's", "become",
    "becomes", "remains", "remain",
];

/// Adverbs allowed between a copula and a post-negation ("is **simply** wrong").
pub(super) const ADVERBS: &[&str] = &[
    "simply",
    "just",
    "plainly",
    "completely",
    "entirely",
    "totally",
    "actually",
    "also",
    "then",
    "only",
    "merely",
    "purely",
    "mostly",
    "largely",
    "really",
];

/// Phrases that present what follows as someone's mistaken belief, up to the end of the sentence.
pub(super) const FRAME_PHRASES: &[&[&str]] = &[
    &["misconception"],
    &["misconceptions"],
    &["myth"],
    &["fallacy"],
    &["wrongly"],
    &["mistakenly"],
    &["falsely"],
    &["incorrectly"],
    &["erroneously"],
    &["naively"],
    &["contrary", "to"],
    &["common", "mistake"],
    &["classic", "mistake"],
    &["wrong", "to"],
    &["some", "say"],
    &["some", "claim"],
    &["some", "believe"],
    &["some", "think"],
    &["people", "say"],
    &["people", "claim"],
    &["people", "think"],
    &["people", "believe"],
    &["people", "assume"],
    &["many", "think"],
    &["many", "believe"],
    &["many", "assume"],
    &["often", "claimed"],
    &["often", "assumed"],
    &["commonly", "believed"],
    &["commonly", "assumed"],
];

/// Phrases that look like negations and are not: the claim after them holds.
pub(super) const PSEUDO_PHRASES: &[&[&str]] = &[
    &["not", "only"],
    &["not", "just"],
    &["not", "merely"],
    &["not", "simply"],
    &["not", "to", "mention"],
    &["no", "doubt"],
    &["without", "doubt"],
    &["without", "a", "doubt"],
    &["nothing", "but"],
    &["no", "matter"],
    &["whether", "or", "not"],
    &["needless", "to", "say"],
    &["no", "exception"],
];

/// Words that may stand between the words of a cue without changing it: "aren't **really**
/// needed", "is not **even** required". ("always" and "necessarily" would make a hedge of it.)
pub(super) const SOFTENERS: &[&str] = &["really", "strictly", "actually", "truly", "even"];

/// Words that point back at what was just said ("**that** is wrong").
pub(super) const REFERRING: &[&str] =
    &["that", "this", "which", "it", "that's", "it's", "both", "all"];
/// Every word a cue of any class starts with: most words start none, and are passed over after
/// a glance at their first byte and length.
pub(super) static STARTERS: std::sync::LazyLock<Starters> = std::sync::LazyLock::new(|| {
    let mut entries: Vec<(&'static str, Starting)> = Vec::new();
    let tables: [(Phrases, ListOf); 4] = [
        (PSEUDO_PHRASES, |s| &mut s.pseudo),
        (POST_PHRASES, |s| &mut s.post),
        (PRE_PHRASES, |s| &mut s.pre),
        (FRAME_PHRASES, |s| &mut s.frame),
    ];
    for (table, list) in tables {
        for &phrase in table {
            let Some(&first) = phrase.first() else { continue };
            let k = entry(&mut entries, first);
            list(&mut entries[k].1).push(phrase);
        }
    }
    for &word in PRE_WORDS {
        let k = entry(&mut entries, word);
        entries[k].1.pre_word = true;
    }
    entries.sort_unstable_by_key(|(w, _)| *w);
    let mut shapes = [0u64; 256];
    let mut ends = [0u64; 256];
    for (w, _) in &entries {
        let b = w.as_bytes();
        shapes[usize::from(b[0])] |= 1 << w.len().min(63);
        ends[usize::from(b[b.len() - 1])] |= 1 << w.len().min(63);
    }
    Starters { shapes, ends, entries }
});

/// A table of cue phrases.
type Phrases = &'static [&'static [&'static str]];

/// Which list of a [`Starting`] a table's phrases go to.
type ListOf = fn(&mut Starting) -> &mut Vec<&'static [&'static str]>;

/// The index of `word` in `entries`, added with no cues when it is new.
fn entry(entries: &mut Vec<(&'static str, Starting)>, word: &'static str) -> usize {
    entries.iter().position(|(w, _)| *w == word).unwrap_or_else(|| {
        entries.push((word, Starting::default()));
        entries.len() - 1
    })
}

/// The cues that start with one word, by class.
#[derive(Default)]
pub(super) struct Starting {
    /// Pseudo-negations ("not only").
    pub pseudo: Vec<&'static [&'static str]>,
    /// Post-negations ("not needed").
    pub post: Vec<&'static [&'static str]>,
    /// Pre-negation phrases ("no need for").
    pub pre: Vec<&'static [&'static str]>,
    /// Whether the word alone is a pre-negation ("not").
    pub pre_word: bool,
    /// Frames ("some say").
    pub frame: Vec<&'static [&'static str]>,
}

/// The words that start a cue, with their shapes (first and last byte, length) for a quick
/// rejection, and the cues each starts.
pub(super) struct Starters {
    /// Per first byte: bit `n` set when a starter of `n` bytes (63: or more) begins with it.
    shapes: [u64; 256],
    /// Per last byte: bit `n` set when a starter of `n` bytes (63: or more) ends with it.
    ends: [u64; 256],
    /// Sorted by word: a binary search of a few dozen words beats hashing the word.
    entries: Vec<(&'static str, Starting)>,
}

impl Starters {
    /// The cues that start with `word`, if any.
    pub(super) fn get(&self, word: &str) -> Option<&Starting> {
        let b = word.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        let length = 1 << word.len().min(63);
        if self.shapes[usize::from(first)] & self.ends[usize::from(last)] & length == 0 {
            return None;
        }
        let k = self.entries.binary_search_by(|(w, _)| (*w).cmp(word)).ok()?;
        Some(&self.entries[k].1)
    }
}
