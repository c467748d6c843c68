//! Per-thread memo of lexicon lookups: an answer word's matches against one rubric are computed
//! once per thread (stem, synonyms, typo comparisons) and then looked up, since a cohort's
//! answers share most of their words. Keyed by a fast non-cryptographic hash (the keys are the
//! grader's own data, not attacker-controlled table sizes: each map is capped).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Words remembered per rubric and thread before the memo starts over.
const LIMIT: usize = 1 << 15;

/// The `FxHash` function (rustc's): a multiply-rotate over 8-byte words.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// One rubric's memo: folded answer word → the lexicon ids it matches. Words of up to 15 bytes
/// (nearly all) are keyed by their bytes packed in a `u128`, so a lookup compares two integers
/// instead of following a pointer to the key; the ids of every word lie in one arena.
#[derive(Default)]
pub(crate) struct Map {
    short: HashMap<u128, (u32, u32), Fx>,
    long: HashMap<Box<str>, (u32, u32), Fx>,
    ids: Vec<u32>,
}

impl Map {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
        self.ids.clear();
    }
}

/// The bytes of a word of up to 15 bytes with its length, as one integer.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

thread_local! {
    /// Indexed by lexicon id.
    static MEMO: RefCell<Vec<Map>> = const { RefCell::new(Vec::new()) };
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// A fresh id for a lexicon, so memo entries of different rubrics never mix.
pub(crate) fn new_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// Runs `f` with this thread's memo of lexicon `id` (one thread-local access per answer).
pub(crate) fn with_map<R>(id: u64, f: impl FnOnce(&mut Map) -> R) -> R {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        let slot = id as usize;
        if memo.len() <= slot {
            memo.resize_with(slot + 1, Map::default);
        }
        f(&mut memo[slot])
    })
}

/// Appends the matches of `word` to `out`, computing them with `compute` on first sight.
pub(crate) fn lookup(
    map: &mut Map,
    word: &str,
    out: &mut Vec<u32>,
    compute: impl FnOnce(&mut Vec<u32>),
) {
    let key = packed(word);
    let found = match key {
        Some(key) => map.short.get(&key),
        None => map.long.get(word),
    };
    if let Some(&(from, to)) = found {
        out.extend_from_slice(&map.ids[from as usize..to as usize]);
        return;
    }
    let from = out.len();
    compute(out);
    if map.len() >= LIMIT {
        map.clear();
    }
    let start = map.ids.len() as u32;
    map.ids.extend_from_slice(&out[from..]);
    let range = (start, map.ids.len() as u32);
    match key {
        Some(key) => map.short.insert(key, range),
        None => map.long.insert(word.into(), range),
    };
}
