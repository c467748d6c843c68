//! Near-duplicate detection in about linear time: `MinHash` signatures over word-pair shingles,
//! banded into locality-sensitive buckets; only prompts that share a bucket are compared exactly.
//!
//! Comparing every pair of 10,000 prompts would be 50 million Jaccard computations. With 24
//! bands of 4 rows, a pair with similarity 0.7 shares a bucket with probability 0.9986, a pair at
//! 0.3 with about 0.18, and unrelated prompts almost never; candidates are then checked exactly.

use rayon::prelude::*;

use super::text::{StemCache, for_each_word};

const BANDS: usize = 24;
const ROWS: usize = 4;
const HASHES: usize = BANDS * ROWS;
/// Buckets larger than this (templated prompts) are only compared within a sliding window.
const MAX_BUCKET: usize = 64;

/// The set of stemmed word pairs of a text, as sorted hashes (single-word texts use the word).
pub fn shingles(text: &str, cache: &mut StemCache) -> Vec<u64> {
    let mut stems: Vec<u64> = Vec::new();
    for_each_word(text, |w| stems.push(cache.stem_hash(w)));
    let mut out: Vec<u64> = if stems.len() < 2 {
        stems
    } else {
        stems.windows(2).map(|p| mix(p[0].rotate_left(29) ^ mix(p[1]))).collect()
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

/// Odd multipliers and offsets of the `HASHES` hash functions `h_k(x) = a_k·x + b_k (mod 2⁶⁴)`,
/// applied to already well-mixed shingle hashes.
static COEFFICIENTS: std::sync::LazyLock<[(u64, u64); HASHES]> = std::sync::LazyLock::new(|| {
    let mut out = [(0, 0); HASHES];
    for (k, slot) in out.iter_mut().enumerate() {
        let seed = (k as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        *slot = (mix(seed) | 1, mix(seed ^ 0xdead_beef));
    }
    out
});

fn signature(set: &[u64]) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    for &s in set {
        let x = mix(s);
        for (slot, &(a, b)) in sig.iter_mut().zip(COEFFICIENTS.iter()) {
            *slot = (*slot).min(a.wrapping_mul(x).wrapping_add(b));
        }
    }
    sig
}

/// For each document, the earliest document before it whose shingle set is at least
/// `threshold` similar but not identical, with that similarity. `sets[k]` are the shingles of
/// document `k`.
///
/// Each document is compared only with the documents just before it (at most `MAX_BUCKET`) in
/// each bucket it falls in, one document at a time: memory stays linear in the number of
/// documents even when thousands of templated prompts share every bucket.
pub fn earliest_near_duplicates(sets: &[Vec<u64>], threshold: f64) -> Vec<Option<(usize, f64)>> {
    let signatures: Vec<Option<[u64; HASHES]>> =
        sets.par_iter().map(|set| (!set.is_empty()).then(|| signature(set))).collect();
    // (bucket key, document), sorted so that each bucket's documents are adjacent and ascending.
    let mut keyed: Vec<(u64, usize)> = signatures
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, sig)| {
            sig.iter().flat_map(move |sig| {
                (0..BANDS).map(move |band| {
                    let rows = &sig[band * ROWS..(band + 1) * ROWS];
                    (rows.iter().fold(band as u64, |acc, &r| mix(acc ^ r)), doc)
                })
            })
        })
        .collect();
    keyed.par_sort_unstable();
    // Where each entry's bucket starts, and where each document's entries are.
    let mut bucket_start = vec![0; keyed.len()];
    let mut entries: Vec<Vec<usize>> = vec![Vec::new(); sets.len()];
    for (pos, &(key, doc)) in keyed.iter().enumerate() {
        bucket_start[pos] = match pos.checked_sub(1) {
            Some(prev) if keyed[prev].0 == key => bucket_start[prev],
            _ => pos,
        };
        entries[doc].push(pos);
    }
    (0..sets.len())
        .into_par_iter()
        .map(|b| {
            let mut before: Vec<usize> = entries[b]
                .iter()
                .flat_map(|&pos| {
                    let from = bucket_start[pos].max(pos.saturating_sub(MAX_BUCKET));
                    keyed[from..pos].iter().map(|&(_, a)| a)
                })
                .collect();
            before.sort_unstable();
            before.dedup();
            before.into_iter().find_map(|a| {
                if sets[a] == sets[b] {
                    return None;
                }
                let s = jaccard(&sets[a], &sets[b]);
                (s >= threshold).then_some((a, s))
            })
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
        let mut cache = StemCache::default();
        let sets: Vec<Vec<u64>> = prompts.iter().map(|p| shingles(p, &mut cache)).collect();
        let found: Vec<Option<usize>> =
            earliest_near_duplicates(&sets, 0.7).iter().map(|f| f.map(|(a, _)| a)).collect();
        // 1 and 4 are identical after normalization: that is a duplicate, not a near-duplicate.
        assert_eq!(found, [None, None, Some(0), None, None]);
    }

    #[test]
    fn many_distinct_prompts_give_no_pairs() {
        let mut cache = StemCache::default();
        let sets: Vec<Vec<u64>> = (0..2000)
            .map(|i| {
                shingles(
                    &format!("topic {i} alpha{} beta{} gamma{}?", i * 7, i * 13, i * 31),
                    &mut cache,
                )
            })
            .collect();
        assert!(earliest_near_duplicates(&sets, 0.7).iter().all(Option::is_none));
    }
}

#[cfg(test)]
mod recall {
    use super::*;

    /// Against brute force on 600 prompts with 100 planted rephrasings: nothing is invented, and
    /// every pair at or above the threshold is found.
    #[test]
    fn banded_search_agrees_with_brute_force() {
        let vocabulary: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let mut seed = 7u64;
        let mut next = || {
            seed = mix(seed);
            usize::try_from(seed % 400).unwrap()
        };
        let mut prompts: Vec<String> = (0..500)
            .map(|_| (0..14).map(|_| vocabulary[next()].as_str()).collect::<Vec<_>>().join(" "))
            .collect();
        for i in 0..100 {
            // Change one word of a 14-word prompt: 11 of 15 word pairs stay shared.
            let mut words: Vec<&str> = prompts[i].split(' ').collect();
            words[7] = "changed";
            prompts.push(words.join(" "));
        }
        let mut cache = crate::lint::text::StemCache::default();
        let sets: Vec<Vec<u64>> = prompts.iter().map(|p| shingles(p, &mut cache)).collect();
        let found: Vec<Option<usize>> =
            earliest_near_duplicates(&sets, 0.7).iter().map(|f| f.map(|(a, _)| a)).collect();
        let brute: Vec<Option<usize>> = (0..sets.len())
            .map(|b| (0..b).find(|&a| jaccard(&sets[a], &sets[b]) >= 0.7 && sets[a] != sets[b]))
            .collect();
        assert_eq!(brute.iter().flatten().count(), 100);
        assert_eq!(found, brute);
    }
}
