//! The n't family as one: a pattern that says `doesn't scale` also matches "does not scale", and
//! `is not atomic` matches "isn't atomic" (and "isnt", which the tokenizer folds alike); `not`
//! alone matches any of them, as "aren't instantaneous" says `not instantaneous`.
//!
//! Patterns are expanded at compile time (a phrase with a contraction gains the spelled-out
//! variant and the reverse), so answers are tokenized as written and word counts, windows and
//! evidence keep meaning the answer's own words.

/// Each n't contraction as the tokenizer folds it (apostrophe dropped), with the auxiliary it
/// contracts; `cannot` counts as one.
const CONTRACTIONS: [(&str, &str); 20] = [
    ("isnt", "is"),
    ("arent", "are"),
    ("wasnt", "was"),
    ("werent", "were"),
    ("dont", "do"),
    ("doesnt", "does"),
    ("didnt", "did"),
    ("hasnt", "has"),
    ("havent", "have"),
    ("hadnt", "had"),
    ("cant", "can"),
    ("cannot", "can"),
    ("couldnt", "could"),
    ("wouldnt", "would"),
    ("shouldnt", "should"),
    ("wont", "will"),
    ("mustnt", "must"),
    ("neednt", "need"),
    ("mightnt", "might"),
    ("shant", "shall"),
];

/// The auxiliary a folded contraction stands for with `not` (`doesnt` → `does`).
pub(crate) fn auxiliary(folded: &str) -> Option<&'static str> {
    CONTRACTIONS.iter().find(|(c, _)| *c == folded).map(|&(_, aux)| aux)
}

/// Every contraction of an auxiliary with `not` (`can` → `cant`, `cannot`).
pub(crate) fn contractions_of(aux: &str) -> impl Iterator<Item = &'static str> + '_ {
    CONTRACTIONS.iter().filter(move |(_, a)| *a == aux).map(|&(c, _)| c)
}

/// The ways to say the negation that starts at `words[0]`, and how many words it takes there:
/// a contraction (one word) or an auxiliary followed by `not` (two). `None` for other words.
pub(crate) fn variants(words: &[String]) -> Option<(usize, Vec<Vec<String>>)> {
    let first = words.first()?.as_str();
    let (aux, len) = match auxiliary(first) {
        Some(aux) => (aux, 1),
        None if words.get(1).is_some_and(|w| w == "not") => {
            (contractions_of(first).next().map(|_| first)?, 2)
        }
        None => return None,
    };
    let mut out = vec![words[..len].to_vec()];
    let spelled = vec![aux.to_owned(), "not".to_owned()];
    let others = contractions_of(aux).map(|c| vec![c.to_owned()]).chain([spelled]);
    for variant in others {
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    Some((len, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(words: &str) -> Option<(usize, Vec<String>)> {
        let words: Vec<String> = words.split(' ').map(str::to_owned).collect();
        variants(&words).map(|(len, v)| (len, v.iter().map(|w| w.join(" ")).collect()))
    }

    #[test]
    fn a_contraction_and_its_spelling_are_variants_of_each_other() {
        assert_eq!(said("doesnt scale"), Some((1, vec!["doesnt".into(), "does not".into()])));
        assert_eq!(said("does not scale"), Some((2, vec!["does not".into(), "doesnt".into()])));
        assert_eq!(
            said("cannot tell"),
            Some((1, vec!["cannot".into(), "cant".into(), "can not".into()]))
        );
        assert_eq!(said("wont"), Some((1, vec!["wont".into(), "will not".into()])));
    }

    #[test]
    fn other_words_have_no_variants() {
        assert_eq!(said("does scale"), None);
        assert_eq!(said("not needed"), None);
        assert_eq!(said("its not"), None, "`its` is not an auxiliary");
        assert_eq!(said("nodes not"), None);
    }
}
