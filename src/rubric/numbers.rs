//! Number words and digits as one: "two replicas" and "2 replicas" say the same.
//!
//! Words from "zero" to "twenty" and the tens up to "ninety" are read as their digits, in
//! patterns and answers alike. "one" is the exception: it is also a pronoun ("one of the nodes",
//! "no one"), so it stays a word, and an answer's "one" also matches a pattern's `1` only where it
//! counts something (see [`one_counts`]); an answer's `1` always matches a pattern's "one".

/// The number words other than "one", with their digits.
const NUMBER_WORDS: [(&str, &str); 27] = [
    ("zero", "0"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("thirteen", "13"),
    ("fourteen", "14"),
    ("fifteen", "15"),
    ("sixteen", "16"),
    ("seventeen", "17"),
    ("eighteen", "18"),
    ("nineteen", "19"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("sixty", "60"),
    ("seventy", "70"),
    ("eighty", "80"),
    ("ninety", "90"),
];

/// Longest number word ("seventeen").
const LONGEST: usize = 9;

/// Per first letter and length: bit `k` set when a number word of that shape ends with the
/// `k`-th letter. Every word of an answer is asked whether it is a number word, so nearly all
/// are turned away by one load instead of a few string comparisons.
const SHAPES: [[u32; LONGEST + 1]; 26] = {
    let mut shapes = [[0u32; LONGEST + 1]; 26];
    let mut i = 0;
    while i < NUMBER_WORDS.len() {
        let w = NUMBER_WORDS[i].0.as_bytes();
        shapes[(w[0] - b'a') as usize][w.len()] |= 1 << (w[w.len() - 1] - b'a');
        i += 1;
    }
    shapes
};

/// The digits of a number word, if `word` (folded) is one (other than "one").
pub(crate) fn digits_of(word: &str) -> Option<&'static str> {
    let b = word.as_bytes();
    let (&first, &last) = (b.first()?, b.last()?);
    if b.len() > LONGEST || !first.is_ascii_lowercase() || !last.is_ascii_lowercase() {
        return None;
    }
    if SHAPES[usize::from(first - b'a')][b.len()] & (1 << (last - b'a')) == 0 {
        return None;
    }
    NUMBER_WORDS.iter().find(|(w, _)| *w == word).map(|&(_, digits)| digits)
}

/// Words after which "one" is a pronoun ("one **of** them", "one **can** …").
const PRONOUN_NEXT: &[&str] = &[
    "of", "another", "can", "could", "must", "should", "would", "may", "might", "will", "shall",
    "is", "was", "has", "had", "needs", "that", "who", "which", "does", "did", "gets", "wants",
    "way", "day", "thing",
];

/// Words before which "one" is a pronoun ("no one", "the one", "this one").
const PRONOUN_BEFORE: &[&str] =
    &["no", "any", "every", "some", "each", "the", "this", "that", "which", "someone", "anyone"];

/// Words before which a clause-final "one" still counts ("at least one", "more than one").
const COUNT_BEFORE: &[&str] =
    &["least", "most", "exactly", "only", "than", "just", "over", "under"];

/// Whether an answer's "one" counts something: `before` and `next` are the folded words around it
/// in its clause (`None` at the clause's edge).
pub(crate) fn one_counts(before: Option<&str>, next: Option<&str>) -> bool {
    if before.is_some_and(|b| PRONOUN_BEFORE.contains(&b)) {
        return false;
    }
    match next {
        Some(n) => !PRONOUN_NEXT.contains(&n),
        None => before.is_some_and(|b| COUNT_BEFORE.contains(&b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_read_as_digits() {
        assert_eq!(digits_of("two"), Some("2"));
        assert_eq!(digits_of("ninety"), Some("90"));
        assert_eq!(digits_of("one"), None, "one is also a pronoun");
        assert_eq!(digits_of("tone"), None);
        assert_eq!(digits_of("the"), None);
        assert_eq!(digits_of("tw"), None);
        assert_eq!(digits_of(""), None);
        assert_eq!(digits_of("Two"), None, "folded words only");
        assert_eq!(digits_of("twö"), None);
        for (word, digits) in NUMBER_WORDS {
            assert_eq!(digits_of(word), Some(digits), "{word}");
        }
    }

    #[test]
    fn one_counts_only_where_it_is_a_number() {
        assert!(one_counts(Some("exactly"), Some("leader")));
        assert!(one_counts(None, Some("replica")));
        assert!(one_counts(Some("least"), None));
        assert!(!one_counts(None, Some("of")));
        assert!(!one_counts(Some("no"), None));
        assert!(!one_counts(Some("the"), Some("node")));
        assert!(!one_counts(Some("if"), None));
    }
}
