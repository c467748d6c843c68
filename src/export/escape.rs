//! Text escapes for the output formats, exposed to templates as filters.

/// Removes characters XML 1.0 forbids (C0 controls except tab, newline and carriage return,
/// U+FFFE, U+FFFF); no escape can represent them, so they are dropped.
pub fn xml_text(text: &str) -> String {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c > '\u{FFFF}'
    };
    // Almost all text is clean: a byte scan (C0 controls; U+FFFE/U+FFFF start with `EF BF`)
    // decides that without decoding, and the text is copied as is.
    if is_xml_clean(text) {
        text.to_owned()
    } else {
        text.chars().filter(|&c| allowed(c)).collect()
    }
}

/// [`xml_text`] for an owned string: a clean one (nearly all) is returned without a copy.
pub fn xml_text_owned(text: String) -> String {
    if is_xml_clean(&text) { text } else { xml_text(&text) }
}

/// Whether `text` has no character that [`xml_text`] drops, decided on bytes: a C0 control
/// other than tab and line breaks, or an `EF BF` pair (which starts U+FFFE, U+FFFF and a few
/// allowed characters; those are rare, so they take the slow path too).
fn is_xml_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Chunks are folded without an early exit and without short-circuits, so the compiler can
    // compare many bytes at once; only a chunk with a suspect byte is looked at closely.
    #[allow(clippy::needless_bitwise_bool)] // branch-free on purpose, see above
    let chunk_is_clean = |chunk: &[u8]| {
        !chunk.iter().fold(false, |bad, &b| {
            bad | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF)
        })
    };
    bytes.chunks(64).enumerate().all(|(n, chunk)| {
        chunk_is_clean(chunk)
            || chunk.iter().enumerate().all(|(k, &b)| {
                !((b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
                    || (b == 0xEF && bytes.get(n * 64 + k + 1) == Some(&0xBF)))
            })
    })
}

/// Escapes GIFT's special characters (`~ = # { } :` and backslash) with a backslash, so Moodle
/// reads them as text. Newlines become `\n`, GIFT's line break inside a question.
pub fn gift_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in xml_text(text).chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes Markdown punctuation so plain text (an id, a title) shows literally on one line:
/// `<`, `>` and `&` become entities (no viewer reads a tag in it, and `&eacute;` shows as
/// written), and line breaks and tabs become spaces (a heading or list item is one line).
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// One field of Anki's tab-separated import: quoted (with doubled quotes) when it holds a tab,
/// a quote, a line break or starts with `#` (Anki would read such a line as a comment).
pub fn tsv_field(text: &str) -> String {
    let text = xml_text(text);
    if text.contains(['\t', '"', '\n', '\r']) || text.starts_with('#') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_drops_only_illegal_characters() {
        assert_eq!(xml_text("a\u{0}b\u{8}c\td\ne\u{1b}f\u{FFFE}é😀"), "abc\td\nefé😀");
        assert_eq!(
            xml_text("clean <b>text</b> é\u{FFC0}\u{FFFD}"),
            "clean <b>text</b> é\u{FFC0}\u{FFFD}"
        );
        assert_eq!(xml_text("\u{FFFF}x\u{7f}"), "x\u{7f}");
    }

    proptest::proptest! {
        /// The byte scan that skips clean text agrees with filtering every character, also for
        /// text with the characters it must drop in any chunk position.
        #[test]
        fn xml_text_agrees_with_a_character_filter(
            text in "([a-z\\n\\t\\r\\u{0}-\\u{1f}\\u{7f}é\\u{FFC0}\\u{FFFD}\\u{FFFE}\\u{FFFF}😀]|[ -~]{0,70}){0,40}"
        ) {
            let expected: String = text
                .chars()
                .filter(|&c| {
                    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
                        || c > '\u{FFFF}'
                })
                .collect();
            proptest::prop_assert_eq!(&xml_text(&text), &expected);
            proptest::prop_assert_eq!(xml_text_owned(text), expected);
        }
    }

    #[test]
    fn gift_specials_are_escaped() {
        assert_eq!(gift_escape("a=b ~c #d {e} f:g \\"), "a\\=b \\~c \\#d \\{e\\} f\\:g \\\\");
        assert_eq!(gift_escape("l1\nl2"), "l1\\nl2");
    }

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(md_escape("*a* [b](c) #1 <b>"), "\\*a\\* \\[b\\]\\(c\\) \\#1 &lt;b&gt;");
        assert_eq!(md_escape("two\nlines &eacute;"), "two lines &amp;eacute;");
    }

    #[test]
    fn tsv_fields_are_quoted_when_needed() {
        assert_eq!(tsv_field("plain"), "plain");
        assert_eq!(tsv_field("a\tb"), "\"a\tb\"");
        assert_eq!(tsv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(tsv_field("#tag"), "\"#tag\"");
    }
}
