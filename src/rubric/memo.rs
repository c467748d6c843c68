//! Per-thread memo of lexicon lookups: an answer word's matches against one rubric are computed
//! once per thread (stem, synonyms, typo comparisons) and then looked up, since a cohort's
//! answers share most of their words. Keyed by a fast non-cryptographic hash (the keys are the
//! grader's own data, not attacker-controlled table sizes: the table is capped).
//!
//! Words are numbered once per thread, in one table shared by every rubric, and each rubric keeps
//! its matches in an array by word number: a cohort's common words get the small numbers, so the
//! lookups of every rubric touch a few compact, cache-resident places instead of one scattered
//! hash table per rubric.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Words remembered per thread before the memo starts over.
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

/// The words a thread has looked up, numbered in order of first sight. Words of up to 15 bytes
/// (nearly all) are keyed by their bytes packed in a `u128`, so a lookup compares two integers
/// instead of following a pointer to the key.
#[derive(Default)]
struct Words {
    short: HashMap<u128, u32, Fx>,
    long: HashMap<Box<str>, u32, Fx>,
}

impl Words {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }

    /// The number of `word`, given on first sight.
    fn number(&mut self, word: &str) -> u32 {
        let next = self.len() as u32;
        match packed(word) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => match self.long.get(word) {
                Some(&n) => n,
                None => *self.long.entry(word.into()).or_insert(next),
            },
        }
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

/// A slot of a word whose matches are not known yet.
const UNSEEN: (u32, u32) = (u32::MAX, 0);

/// One rubric's matches: per word number, the range of its lexicon ids in `ids`.
#[derive(Default)]
struct Matches {
    slots: Vec<(u32, u32)>,
    ids: Vec<u32>,
}

/// A thread's memo: its words and, by lexicon id, each rubric's matches.
#[derive(Default)]
pub(crate) struct Memo {
    words: Words,
    rubrics: Vec<Matches>,
}

/// The memo of one rubric: the shared word numbers and the rubric's matches.
pub(crate) struct Map<'a> {
    words: &'a mut Words,
    matches: &'a mut Matches,
}

impl Memo {
    /// The memo of lexicon `id`; starts over first when the words reached [`LIMIT`].
    pub(crate) fn map(&mut self, id: u64) -> Map<'_> {
        if self.words.len() >= LIMIT {
            self.words.clear();
            self.rubrics.clear();
        }
        let slot = id as usize;
        if self.rubrics.len() <= slot {
            self.rubrics.resize_with(slot + 1, Matches::default);
        }
        Map { words: &mut self.words, matches: &mut self.rubrics[slot] }
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// A fresh id for a lexicon, so memo entries of different rubrics never mix.
pub(crate) fn new_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// Runs `f` with this thread's memo of lexicon `id` (one thread-local access per answer).
pub(crate) fn with_map<R>(id: u64, f: impl FnOnce(&mut Map<'_>) -> R) -> R {
    MEMO.with(|memo| f(&mut memo.borrow_mut().map(id)))
}

/// Appends the matches of `word` to `out`, computing them with `compute` on first sight.
pub(crate) fn lookup(
    map: &mut Map<'_>,
    word: &str,
    out: &mut Vec<u32>,
    compute: impl FnOnce(&mut Vec<u32>),
) {
    let n = map.words.number(word) as usize;
    let matches = &mut *map.matches;
    if let Some(&(from, to)) = matches.slots.get(n)
        && from != UNSEEN.0
    {
        out.extend_from_slice(&matches.ids[from as usize..to as usize]);
        return;
    }
    let from = out.len();
    compute(out);
    if matches.slots.len() <= n {
        matches.slots.resize(n + 1, UNSEEN);
    }
    let start = matches.ids.len() as u32;
    matches.ids.extend_from_slice(&out[from..]);
    matches.slots[n] = (start, matches.ids.len() as u32);
}
