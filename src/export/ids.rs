//! Deterministic ids derived from the bank id and question ids.
//!
//! Importers recognise re-imports by id: Anki by note GUID, note-type id and deck id; Moodle by
//! `idnumber`; QTI by identifiers. Deriving them from a SHA-256 of stable bank data (never from
//! time or randomness) makes a re-export of an edited bank update what was imported before.

use sha2::{Digest, Sha256};

/// The SHA-256 of the parts joined by a separator that cannot occur in an id (`\u{1f}`).
fn digest(parts: &[&str]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0x1f]);
        }
        hasher.update(part.as_bytes());
    }
    hasher.finalize().into()
}

/// A positive 63-bit number (fits an `SQLite` `INTEGER`).
pub fn stable_u63(parts: &[&str]) -> i64 {
    let d = digest(parts);
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&d[..8]);
    (u64::from_be_bytes(bytes) >> 1).cast_signed()
}

/// A number in `[1.3e12, 1.6e12)`: Anki note-type and deck ids are millisecond timestamps, so a
/// derived id looks like one and never collides with Anki's `Default` deck (id 1).
pub fn anki_id(parts: &[&str]) -> i64 {
    let d = digest(parts);
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&d[..8]);
    1_300_000_000_000 + (u64::from_be_bytes(bytes) % 300_000_000_000).cast_signed()
}

/// A short lower-case hex string (`len` hex digits, at most 64) for XML identifiers.
pub fn stable_hex(parts: &[&str], len: usize) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let d = digest(parts);
    let mut out = String::with_capacity(64);
    for byte in d {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    out.truncate(len.min(64));
    out
}

/// An Anki note GUID: 10 characters of Anki's base-91 alphabet, as Anki and genanki make them.
pub fn anki_guid(parts: &[&str]) -> String {
    const TABLE: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";
    let mut n = stable_u63(parts) as u64;
    let mut out = String::new();
    while n > 0 {
        out.push(char::from(TABLE[(n % TABLE.len() as u64) as usize]));
        n /= TABLE.len() as u64;
    }
    if out.is_empty() {
        out.push('a');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_depend_on_every_part() {
        assert_eq!(stable_u63(&["bank", "q1"]), stable_u63(&["bank", "q1"]));
        assert_ne!(stable_u63(&["bank", "q1"]), stable_u63(&["bank", "q2"]));
        assert_ne!(stable_u63(&["ba", "nkq1"]), stable_u63(&["bank", "q1"]));
        assert!(stable_u63(&["x"]) >= 0);
        assert_eq!(stable_hex(&["bank", "q1"], 12).len(), 12);
        assert_eq!(anki_guid(&["bank", "q1"]), anki_guid(&["bank", "q1"]));
        assert!(!anki_guid(&["bank", "q1"]).contains(['\t', ' ', '"']));
    }

    #[test]
    fn derived_ids_are_pinned() {
        // A change here changes every GUID and id users already imported: re-imports would
        // duplicate notes. Only change these values on purpose.
        assert_eq!(stable_hex(&["bank", "q1"], 16), "fe19e98299eb9ba8");
        assert_eq!(stable_u63(&["bank", "q1"]), 9_154_961_253_594_418_644);
        assert_eq!(anki_id(&["qbank-deck", "bank"]), 1_586_450_331_611);
        assert_eq!(anki_guid(&["bank", "q1"]), "s&l:xZO/Jv");
    }

    #[test]
    fn anki_ids_stay_in_the_timestamp_range() {
        for id in ["a", "b", "c", "distributed-systems"] {
            let n = anki_id(&[id]);
            assert!((1_300_000_000_000..1_600_000_000_000).contains(&n), "{n}");
        }
    }
}
