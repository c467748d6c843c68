//! Comparison operators as words: `R + W > N` and "R + W < N" are opposite claims, so `<`, `>`,
//! `<=`, `>=`, `=` and `!=` (and `≤`, `≥`, `≠`) between words are tokens of their own, in patterns
//! and answers alike, instead of punctuation that tokenizing drops. Arrows (`->`, `=>`, `<=>`,
//! `<-`) and a `>` that starts a quoted line stay punctuation.

/// The characters a comparison operator is made of.
fn is_operator_char(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '!' | '\u{2264}' | '\u{2265}' | '\u{2260}')
}

/// The canonical spelling of a run of operator characters, or `None` when the run is no
/// comparison (`!`, `=>`, `<=>`, `>>`).
fn canonical(run: &str) -> Option<&'static str> {
    Some(match run {
        "<" => "<",
        ">" => ">",
        "<=" | "=<" | "\u{2264}" => "<=",
        ">=" | "\u{2265}" => ">=",
        "=" | "==" | "===" => "=",
        "!=" | "!==" | "<>" | "\u{2260}" => "!=",
        _ => return None,
    })
}

/// The comparison operators in the text between two words, each as (byte offset in `gap`, its
/// length, its canonical spelling), in order.
pub(crate) fn in_gap(gap: &str) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    if !gap.bytes().any(|b| matches!(b, b'<' | b'>' | b'=' | 0xE2)) {
        return out;
    }
    let mut chars = gap.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_operator_char(c) {
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(next, c)) = chars.peek() {
            if !is_operator_char(c) {
                break;
            }
            end = next + c.len_utf8();
            chars.next();
        }
        let before = gap[..at].chars().next_back();
        let after = gap[end..].chars().next();
        let arrow = before == Some('-') || after == Some('-');
        // `> quoted` at the start of a line is a quote marker, not "greater than".
        let line_start = gap[..at].trim_end_matches([' ', '\t']).ends_with(['\n', '\r']);
        if arrow || line_start {
            continue;
        }
        if let Some(op) = canonical(&gap[at..end]) {
            out.push((at, end - at, op));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::in_gap;

    fn ops(gap: &str) -> Vec<&'static str> {
        in_gap(gap).into_iter().map(|(_, _, op)| op).collect()
    }

    #[test]
    fn comparisons_are_found_with_or_without_spaces() {
        assert_eq!(ops(" > "), [">"]);
        assert_eq!(ops(">"), [">"]);
        assert_eq!(ops(" >= "), [">="]);
        assert_eq!(ops(" \u{2265} "), [">="]);
        assert_eq!(ops(") < "), ["<"]);
        assert_eq!(ops(" == "), ["="]);
        assert_eq!(ops(" != "), ["!="]);
        assert_eq!(in_gap(" <= "), [(1, 2, "<=")]);
    }

    #[test]
    fn arrows_quotes_and_other_punctuation_are_not_comparisons() {
        for gap in [" -> ", " => ", " <- ", " <=> ", "! ", ". ", "\n> ", "\n  > ", " >> ", ", "] {
            assert!(ops(gap).is_empty(), "{gap:?}");
        }
    }
}
