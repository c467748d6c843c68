//! Typo tolerance: a bounded optimal-string-alignment distance (Levenshtein plus adjacent
//! transpositions) and the allowance by word length.

/// Edits allowed between two words whose shorter form has `chars` characters: none under 5,
/// one from 5, two from 9 ("raft" must be exact; "replcation" still means "replication").
pub fn allowance(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Longest word considered for typo matching; longer words must match exactly.
const MAX_CHARS: usize = 40;

/// Whether `a` and `b` are within `limit` edits (insert, delete, substitute, swap neighbours).
pub fn within(a: &str, b: &str, limit: usize) -> bool {
    if a == b {
        return true;
    }
    if limit == 0 {
        return false;
    }
    let mut ac = [' '; MAX_CHARS];
    let mut bc = [' '; MAX_CHARS];
    let (Some(la), Some(lb)) = (fill(a, &mut ac), fill(b, &mut bc)) else { return false };
    if la.abs_diff(lb) > limit {
        return false;
    }
    let (a, b) = (&ac[..la], &bc[..lb]);
    // Three rows of the OSA matrix: i-2, i-1 and i.
    let mut rows = [[0usize; MAX_CHARS + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(lb + 1) {
        *cell = j;
    }
    let mut previous_min = 0;
    for i in 1..=la {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=lb {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1).min(rows[cur][j - 1] + 1).min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        // A swap reaches back two rows, so stop only when two rows in a row are over the limit.
        if row_min > limit && previous_min > limit {
            return false;
        }
        previous_min = row_min;
    }
    rows[la % 3][lb] <= limit
}

/// The characters of `s` as a bitset (a character sets bit `code point mod 64`), a cheap test
/// before [`within`]: one edit sets or clears at most two bits (a substitution), so words whose
/// sets differ in more than `2 × limit` bits are more than `limit` edits apart, collisions or
/// not.
pub fn letters(s: &str) -> u64 {
    s.chars().fold(0, |bits, c| bits | 1 << (u32::from(c) % 64))
}

/// Whether two words whose [`letters`] are `a` and `b` may be within `limit` edits.
pub fn may_be_within(a: u64, b: u64, limit: usize) -> bool {
    (a ^ b).count_ones() as usize <= 2 * limit
}

fn fill(s: &str, buf: &mut [char; MAX_CHARS]) -> Option<usize> {
    let mut n = 0;
    for c in s.chars() {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowance_grows_with_length() {
        assert_eq!((allowance(4), allowance(5), allowance(8), allowance(9)), (0, 1, 1, 2));
    }

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert!(within("quorum", "qourum", 1)); // swap
        assert!(within("leader", "leadr", 1)); // delete
        assert!(within("replication", "replcaton", 2));
        assert!(!within("replication", "replcatn", 2));
        assert!(!within("raft", "rafts", 0));
        assert!(!within("abcdef", "abc", 2));
        assert!(within("naïve", "naive", 1));
        // Three edits, however the first row of the matrix is read.
        assert!(!within("'b", "acé", 2));
        assert!(!within("lease", "release", 1));
    }

    #[test]
    fn the_letter_test_turns_away_words_far_apart() {
        let may = |a: &str, b: &str, limit| may_be_within(letters(a), letters(b), limit);
        assert!(may("quorum", "qourum", 0)); // a swap changes no letter
        assert!(may("replication", "replcaton", 1)); // two deletions, one letter gone
        assert!(!may("leader", "follower", 2));
        assert!(!may("raft", "paxos", 1));
    }

    proptest::proptest! {
        /// The letter test never turns away words that are within the limit.
        #[test]
        fn the_letter_test_keeps_every_word_within_reach(
            a in "[a-eé'x]{0,10}",
            b in "[a-eé'x]{0,10}",
            limit in 0usize..3,
        ) {
            if within(&a, &b, limit) {
                proptest::prop_assert!(may_be_within(letters(&a), letters(&b), limit));
            }
        }
    }

    #[test]
    fn overlong_words_only_match_exactly() {
        let long = "a".repeat(50);
        assert!(!within(&long, &format!("{long}b"), 2));
        assert!(within(&long, &long, 0));
    }
}
