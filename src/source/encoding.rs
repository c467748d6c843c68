//! Telling UTF-16 without a byte-order mark from its bytes, for banks and answer sheets alike.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// UTF-16 without a byte-order mark, told from the first bytes: text of mostly Latin letters,
/// digits and punctuation has a NUL in one half of most 2-byte units (the high byte, after each
/// character in little-endian, before it in big-endian), and almost never in the other half.
/// UTF-8 text has no NUL at all. A start in CJK or emoji still has its delimiters, spaces and
/// line breaks to tell by.
pub fn utf16_without_bom(start: &[u8]) -> Option<&'static Encoding> {
    let head = &start[..start.len().min(4096) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for unit in head.chunks_exact(2) {
        even += usize::from(unit[0] == 0);
        odd += usize::from(unit[1] == 0);
    }
    // At least a fifth of the units (and two) hold an ASCII character, and the other half is NUL in
    // fewer than one unit in twenty.
    let told = |nul: usize, other: usize| nul >= 2 && nul * 5 >= units && other * 20 < units;
    if told(odd, even) {
        Some(UTF_16LE)
    } else if told(even, odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn utf16_is_told_by_where_its_nul_bytes_are() {
        assert_eq!(utf16_without_bom(&le("candidate,question\n")), Some(UTF_16LE));
        assert_eq!(utf16_without_bom(&be("qbank: 1\nid: x\n")), Some(UTF_16BE));
        // A start in Japanese still has its delimiters and line breaks.
        assert_eq!(utf16_without_bom(&le("山田,回答,点数\n田中,はい,3\n")), Some(UTF_16LE));
        assert_eq!(utf16_without_bom("candidate,question\n".as_bytes()), None);
        assert_eq!(utf16_without_bom("山田,回答\n".as_bytes()), None, "UTF-8 has no NUL");
        assert_eq!(utf16_without_bom(&[0x89, b'P', b'N', b'G', 0, 0, 0, 0x0D]), None, "binary");
    }
}
