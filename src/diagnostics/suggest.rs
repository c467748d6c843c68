//! "Did you mean …?" suggestions by edit distance, as `just` and `cargo` give them.

/// The candidate closest to `word`, if it is close enough to be a plausible typo: within a
/// third of the word's length (at least 1, at most 3 edits) ignoring case, or sharing a stem of
/// five letters or more that is over half of the longer name (`penalty` → `penalties`, `description` →
/// `describe`). Ties are broken by list order.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (lower.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter_map(|c| {
            let other = c.to_lowercase();
            let distance = strsim::damerau_levenshtein(&lower, &other);
            if distance <= limit {
                return Some(((0, distance), c));
            }
            let stem = lower.chars().zip(other.chars()).take_while(|(a, b)| a == b).count();
            let longer = lower.chars().count().max(other.chars().count());
            (stem >= 5 && stem * 2 > longer).then_some(((1, longer - stem), c))
        })
        .min_by_key(|&(rank, _)| rank)
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
        assert_eq!(did_you_mean("TYPE", ["type", "tags"]), Some("type"));
        assert_eq!(did_you_mean("penalty", ["points", "penalties"]), Some("penalties"));
        assert_eq!(did_you_mean("description", ["describe", "id"]), Some("describe"));
        assert_eq!(did_you_mean("prompting", ["prompt", "options"]), Some("prompt"));
    }
}
