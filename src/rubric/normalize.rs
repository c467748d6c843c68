//! Text normalization: the one place that decides when two spellings are the same word.
//!
//! A word is folded by NFKC, lower-casing, removing accents (NFKD combining marks) and mapping
//! typographic apostrophes and quotes to their ASCII forms, so `Ｒｅｐｌｉｃａ`, `réplica` and
//! `replica` meet.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Maps typographic punctuation to the ASCII character a reader would type.
pub(crate) fn fold_punct(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        '\u{2026}' => '.',
        _ => c,
    }
}

/// Folds one piece of text into `out` (cleared first): NFKC, lower case, no accents, ASCII
/// punctuation. ASCII input takes a fast path with the same result.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        // Of ASCII characters, `fold_punct` only changes the backtick.
        out.push_str(text);
        out.make_ascii_lowercase();
        if text.contains('`') {
            *out = out.replace('`', "'");
        }
        return;
    }
    for c in text.nfkc().flat_map(char::to_lowercase).map(fold_punct) {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.extend(std::iter::once(c).nfkd().filter(|&d| !is_combining_mark(d)));
        }
    }
    if !out.is_ascii() {
        // Recompose what the accent stripping left decomposed (Hangul, for example).
        *out = out.nfc().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        let mut out = String::new();
        fold_into(s, &mut out);
        out
    }

    #[test]
    fn folds_width_case_accents_and_quotes() {
        assert_eq!(fold("Ｒｅｐｌｉｃａ"), "replica");
        assert_eq!(fold("Réplica"), "replica");
        assert_eq!(fold("ISN\u{2019}T"), "isn't");
        assert_eq!(fold("\u{201C}quorum\u{201D}"), "\"quorum\"");
        assert_eq!(fold("ﬁle"), "file");
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_unicode_path() {
        let ascii = "Hello, World's `quote`";
        let mut slow = String::new();
        for c in ascii.nfkc().flat_map(char::to_lowercase).map(fold_punct) {
            slow.push(c);
        }
        assert_eq!(fold(ascii), slow);
    }
}
