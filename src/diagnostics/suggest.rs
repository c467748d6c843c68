//! "Did you mean …?" suggestions by edit distance, as `just` and `cargo` give them.

/// The candidate closest to `word`, if it is close enough to be a plausible typo: within a
/// third of the word's length (at least 1, at most 3 edits), ties broken by list order.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["prompt", "answer", "rubric", "topic"];
        assert_eq!(did_you_mean("promt", fields), Some("prompt"));
        assert_eq!(did_you_mean("anwser", fields), Some("answer"));
        assert_eq!(did_you_mean("colour", fields), None);
        assert_eq!(did_you_mean("x", fields), None);
    }
}
