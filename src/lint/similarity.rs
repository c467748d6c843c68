//! Near-duplicate detection in about linear time: `MinHash` signatures over word-pair shingles,
//! banded into locality-sensitive buckets; only prompts that share a bucket are compared exactly.
//!
//! Comparing every pair of 10,000 prompts would be 50 million Jaccard computations. With 24
//! bands of 4 rows, a pair with similarity 0.7 shares a bucket with probability 0.9986, a pair at
//! 0.3 with about 0.18, and unrelated prompts almost never; candidates are then checked exactly.

use std::collections::HashMap;

use super::text::{fnv1a, stem, words};

const BANDS: usize = 24;
const ROWS: usize = 4;
const HASHES: usize = BANDS * ROWS;
/// Buckets larger than this (templated prompts) are only compared within a sliding window.
const MAX_BUCKET: usize = 64;

/// The set of stemmed word pairs of a text, as sorted hashes (single-word texts use the word).
pub fn shingles(text: &str) -> Vec<u64> {
    let stems: Vec<String> = words(text).iter().map(|w| stem(w).into_owned()).collect();
    let mut out: Vec<u64> = if stems.len() < 2 {
        stems.iter().map(|w| fnv1a(w.as_bytes())).collect()
    } else {
        stems.windows(2).map(|p| fnv1a(format!("{} {}", p[0], p[1]).as_bytes())).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, deduplicated sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finalizer: a cheap, well-spread permutation of 64-bit values.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn signature(set: &[u64]) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    for &s in set {
        for (k, slot) in sig.iter_mut().enumerate() {
            let h = mix(s ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            *slot = (*slot).min(h);
        }
    }
    sig
}

/// Pairs `(i, j, similarity)` with `i < j` whose shingle sets are at least `threshold` similar
/// but not identical, sorted. `sets[k]` are the shingles of document `k`.
pub fn near_duplicates(sets: &[Vec<u64>], threshold: f64) -> Vec<(usize, usize, f64)> {
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (doc, set) in sets.iter().enumerate() {
        if set.is_empty() {
            continue;
        }
        let sig = signature(set);
        for band in 0..BANDS {
            let rows = &sig[band * ROWS..(band + 1) * ROWS];
            let key = rows.iter().fold(0u64, |acc, &r| mix(acc ^ r));
            buckets.entry((band, key)).or_default().push(doc);
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for docs in buckets.values() {
        for (n, &a) in docs.iter().enumerate() {
            for &b in docs.iter().skip(n + 1).take(MAX_BUCKET) {
                candidates.push((a, b));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter(|&(a, b)| sets[a] != sets[b])
        .filter_map(|(a, b)| {
            let s = jaccard(&sets[a], &sets[b]);
            (s >= threshold).then_some((a, b, s))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_counts_shared_members() {
        assert!((jaccard(&[1, 2, 3], &[2, 3, 4]) - 0.5).abs() < 1e-9);
        assert!((jaccard(&[1], &[1]) - 1.0).abs() < 1e-9);
        assert!(jaccard(&[1], &[2]).abs() < 1e-9);
    }

    #[test]
    fn rephrasings_are_found_and_unrelated_prompts_are_not() {
        let prompts = [
            "What is consistent hashing and why is it used?",
            "How does Raft elect a leader?",
            "What is consistent hashing, and why is it used in caches?",
            "Explain the CAP theorem.",
            "how does raft elect a leader",
        ];
        let sets: Vec<Vec<u64>> = prompts.iter().map(|p| shingles(p)).collect();
        let pairs = near_duplicates(&sets, 0.7);
        let found: Vec<(usize, usize)> = pairs.iter().map(|&(a, b, _)| (a, b)).collect();
        // 1 and 4 are identical after normalization: that is a duplicate, not a near-duplicate.
        assert_eq!(found, [(0, 2)]);
    }

    #[test]
    fn many_distinct_prompts_give_no_pairs() {
        let sets: Vec<Vec<u64>> = (0..2000)
            .map(|i| shingles(&format!("topic {i} alpha{} beta{} gamma{}?", i * 7, i * 13, i * 31)))
            .collect();
        assert!(near_duplicates(&sets, 0.7).is_empty());
    }
}
