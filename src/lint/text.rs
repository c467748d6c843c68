//! Text helpers for content rules: words, stems and a canonical form of a prompt. ASCII text (the
//! common case) skips Unicode normalization, and stems are cached, because the content rules run
//! over every prompt, option and pattern of banks with tens of thousands of questions.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

/// `text` NFKC-normalized and lower-cased (ASCII is only lower-cased).
fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        Cow::Owned(text.nfkc().flat_map(char::to_lowercase).collect())
    }
}

/// Calls `each` with every lower-cased word of `text` (split on anything not a letter or digit).
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let folded = fold(text);
    for word in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        each(word);
    }
}

/// The lower-cased words of `text` (NFKC-normalized, split on anything not a letter or digit).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_owned()));
    out
}

/// The first word of `text`, lower-cased.
pub fn first_word(text: &str) -> Option<String> {
    let start = text.find(char::is_alphanumeric)?;
    let rest = &text[start..];
    let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    Some(fold(&rest[..end]).into_owned())
}

/// The English Snowball stem of a lower-cased word (`replicas` → `replica`).
pub fn stem(word: &str) -> Cow<'_, str> {
    frostem::Stemmer::new(frostem::Algorithm::English).stem(word)
}

/// Remembers stems (as hashes) of words already seen: a bank's vocabulary is small next to its
/// word count.
#[derive(Debug, Default)]
pub struct StemCache {
    hashes: HashMap<String, u64>,
}

impl StemCache {
    /// The FNV-1a hash of the stem of a lower-cased word.
    pub fn stem_hash(&mut self, word: &str) -> u64 {
        if let Some(&h) = self.hashes.get(word) {
            return h;
        }
        let h = fnv1a(stem(word).as_bytes());
        self.hashes.insert(word.to_owned(), h);
        h
    }
}

/// The prompt as compared for duplicates: its words, joined by single spaces.
pub fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_word(text, |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
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
        assert_eq!(canonical("Ｗhy, CAP?"), "why cap");
        assert!(words("?!").is_empty());
        assert_eq!(first_word("**Explain** it").as_deref(), Some("explain"));
        assert_eq!(first_word("?!"), None);
    }

    #[test]
    fn stems_join_inflections() {
        assert_eq!(stem("replicas"), stem("replica"));
        assert_eq!(stem("partitions"), stem("partitioning"));
        let mut cache = StemCache::default();
        assert_eq!(cache.stem_hash("replicas"), cache.stem_hash("replica"));
        assert_ne!(cache.stem_hash("replicas"), cache.stem_hash("leader"));
    }
}
