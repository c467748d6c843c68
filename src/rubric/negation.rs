//! The closed word lists that shape matching: negations, clause breaks, dropped articles.
//!
//! A phrase found within [`SCOPE`] words after a negation in the same clause does not count
//! ("does **not** replicate"), unless the phrase itself states the negation. Commas, semicolons,
//! colons, brackets and contrastive conjunctions end a clause, so "not slow, it replicates"
//! still counts.

/// How many words before a match a negation still reaches.
pub const SCOPE: usize = 3;

/// How many words an item of an `or`/`nor` list may have before the negation it inherits.
pub const LIST_ITEM: usize = 3;

/// Whether a folded word joins alternatives, carrying a negation over to the next one.
pub(crate) fn is_disjunction(word: &str) -> bool {
    matches!(word, "or" | "nor")
}

/// Whether a folded word negates what follows it.
pub fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "non"
            | "no"
            | "never"
            | "without"
            | "none"
            | "nor"
            | "neither"
            | "nobody"
            | "nothing"
            | "cannot"
            | "isn't"
            | "isnt"
            | "aren't"
            | "arent"
            | "wasn't"
            | "wasnt"
            | "weren't"
            | "werent"
            | "doesn't"
            | "doesnt"
            | "don't"
            | "dont"
            | "didn't"
            | "didnt"
            | "can't"
            | "cant"
            | "won't"
            | "wont"
            | "wouldn't"
            | "wouldnt"
            | "shouldn't"
            | "shouldnt"
            | "couldn't"
            | "couldnt"
            | "mustn't"
            | "hasn't"
            | "hasnt"
            | "haven't"
            | "havent"
            | "hadn't"
            | "ain't"
            | "needn't"
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negations_include_contractions_with_and_without_apostrophe() {
        for w in ["not", "never", "without", "isn't", "doesnt", "cannot", "can't", "nor"] {
            assert!(is_negation(w), "{w}");
        }
        for w in ["note", "know", "now", "nothingness"] {
            assert!(!is_negation(w), "{w}");
        }
    }
}
