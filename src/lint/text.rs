//! Text helpers for content rules: words, stems and a canonical form of a prompt.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// The lower-cased words of `text` (NFKC-normalized, split on anything not a letter or digit).
pub fn words(text: &str) -> Vec<String> {
    let lowered: String = text.nfkc().flat_map(char::to_lowercase).collect();
    lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The English Snowball stem of a lower-cased word (`replicas` → `replica`).
pub fn stem(word: &str) -> Cow<'_, str> {
    frostem::Stemmer::new(frostem::Algorithm::English).stem(word)
}

/// The prompt as compared for duplicates: its words, joined by single spaces.
pub fn canonical(text: &str) -> String {
    words(text).join(" ")
}

/// A stable 64-bit FNV-1a hash (no per-process seed, so results do not vary between runs).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_punctuation_and_width() {
        assert_eq!(words("What is *Raft*?  Ｒａｆｔ!"), ["what", "is", "raft", "raft"]);
        assert_eq!(canonical("  Why -- CAP? "), "why cap");
        assert!(words("?!").is_empty());
    }

    #[test]
    fn stems_join_inflections() {
        assert_eq!(stem("replicas"), stem("replica"));
        assert_eq!(stem("partitions"), stem("partitioning"));
    }
}
