//! Cutting a model answer (Markdown) into sentences and finding words in them, with byte ranges
//! into the answer so operators can replace one sentence and keep the rest byte for byte.
//!
//! Sentences end as the rubric engine ends them: at `.`, `!` or `?` before a space (not after
//! `e.g.`), at a blank line, and where a line starts a list item, a heading or a quote. A
//! sentence's range leaves out the list marker, heading `#`s or quote `>` in front of it.

use std::ops::Range;

/// Words after which a `.` does not end a sentence.
const ABBREVIATIONS: [&str; 8] = ["e.g", "i.e", "etc", "vs", "cf", "approx", "al", "resp"];

/// The sentences of `text`, as byte ranges of their content, in order.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    let mut offset = 0;
    let mut previous_blank = true;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            close(&mut out, &mut current, text, line_start);
            previous_blank = true;
            continue;
        }
        let marker = marker_len(body);
        if marker > 0 || previous_blank {
            close(&mut out, &mut current, text, line_start);
        }
        previous_blank = false;
        let content_start = line_start + marker;
        scan_line(text, content_start..line_start + body.len(), &mut current, &mut out);
    }
    close(&mut out, &mut current, text, text.len());
    out
}

/// Opens sentences at the first non-space of `range` and closes them after a stop.
fn scan_line(
    text: &str,
    range: Range<usize>,
    current: &mut Option<usize>,
    out: &mut Vec<Range<usize>>,
) {
    let line = &text[range.clone()];
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = range.start + i;
        if current.is_none() && !c.is_whitespace() {
            *current = Some(at);
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Closing emphasis, brackets or quotes belong to the sentence they end.
        let mut end = at + 1;
        while let Some(&(_, next)) = chars.peek() {
            if matches!(next, '*' | '_' | ')' | '"' | '\'' | '`' | ']') {
                end += next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let followed_by_space = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
        if followed_by_space && c == '.' && is_abbreviation_before(text, at) {
            continue;
        }
        if followed_by_space && let Some(start) = current.take() {
            out.push(start..end);
        }
    }
}

/// Ends the open sentence, if any, at the last non-space before `limit`.
fn close(out: &mut Vec<Range<usize>>, current: &mut Option<usize>, text: &str, limit: usize) {
    if let Some(start) = current.take() {
        let end = start + text[start..limit].trim_end().len();
        if end > start {
            out.push(start..end);
        }
    }
}

/// The length of a line's block marker with its indentation and following spaces: `- `, `* `,
/// `+ `, `1. `, `2) `, `# `, `> `; 0 for a line of plain text.
fn marker_len(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if rest.starts_with(['-', '*', '+', '\u{2022}']) {
        rest.chars().next().map_or(0, char::len_utf8)
    } else if rest.starts_with('#') {
        rest.bytes().take_while(|&b| b == b'#').count()
    } else if rest.starts_with('>') {
        1
    } else if digits > 0 && rest[digits..].starts_with(['.', ')']) {
        digits + 1
    } else {
        return 0;
    };
    let after = &rest[marker..];
    // `*emphasis*` at the start of a line is text, not a list item.
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return 0;
    }
    indent + marker + (after.len() - after.trim_start().len())
}

/// Whether the word ending just before the `.` at `dot` is an abbreviation (`e.g.`).
fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[start..].to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
}

/// The words of `text` (runs of letters and digits; `'` inside a word is kept), as byte ranges.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_quote = c == '\''
            && start.is_some()
            && chars.peek().is_some_and(|&(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || inner_quote {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Where `evidence` (an engine's evidence words, in order) lies in `text`: the byte range of
/// each word, as whole words (case-insensitively), in order. Of all the places the words occur
/// in order, the tightest is taken (an earlier lone "hash" is not part of a later "hash ring").
/// `None` when a word is missing.
pub fn locate(text: &str, evidence: &[String]) -> Option<Vec<Range<usize>>> {
    let all = words(text);
    let is = |w: &Range<usize>, wanted: &String| text[w.clone()].eq_ignore_ascii_case(wanted);
    let (first, rest) = evidence.split_first()?;
    let mut best: Option<Vec<Range<usize>>> = None;
    for start in (0..all.len()).filter(|&i| is(&all[i], first)) {
        let mut found = vec![all[start].clone()];
        let mut from = start + 1;
        for wanted in rest {
            let Some(hit) = all[from..].iter().position(|w| is(w, wanted)) else { break };
            found.push(all[from + hit].clone());
            from += hit + 1;
        }
        let width = |f: &[Range<usize>]| f.last().map_or(0, |l| l.end) - f[0].start;
        if found.len() == evidence.len() && best.as_ref().is_none_or(|b| width(&found) < width(b)) {
            best = Some(found);
        }
    }
    best
}

/// `text` without Markdown emphasis and code marks, its whitespace collapsed to single spaces.
pub fn plain(text: &str) -> String {
    let stripped: String = text.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with the byte range `range` replaced by `with`.
pub fn splice(text: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_stops_blank_lines_and_list_items() {
        let text = "A ring, e.g. Dynamo's. It moves K/N keys!\nWrapped\nline here.\n\n**Why**\n- *Cheap.* Yes\n  continued\n1. Numbered item";
        assert_eq!(
            cut(text),
            [
                "A ring, e.g. Dynamo's.",
                "It moves K/N keys!",
                "Wrapped\nline here.",
                "**Why**",
                "*Cheap.*",
                "Yes\n  continued",
                "Numbered item"
            ]
        );
    }

    #[test]
    fn decimals_and_emphasis_at_line_start_do_not_split() {
        assert_eq!(
            cut("Version 1.5 works.\n*Fast* paths too."),
            ["Version 1.5 works.", "*Fast* paths too."]
        );
    }

    #[test]
    fn evidence_is_located_in_order_as_whole_words() {
        let text = "Only the ring only moves keys";
        let at = locate(text, &["only".into(), "moves".into()]).unwrap();
        assert_eq!(at, [14..18, 19..24], "the tightest occurrence");
        let text = "a circular hash space, a hash ring";
        assert_eq!(locate(text, &["hash".into(), "ring".into()]).unwrap(), [25..29, 30..34]);
        assert_eq!(locate(text, &["ringo".into()]), None);
        let snake = "read_committed isolation";
        let found = locate(snake, &["committed".into()]).unwrap();
        assert_eq!((found.len(), found[0].clone()), (1, 5..14));
    }

    #[test]
    fn plain_text_drops_marks_and_folds_spaces() {
        assert_eq!(plain("a **hash\n  ring** `x`"), "a hash ring x");
        assert_eq!(splice("abc", 1..2, "XY"), "aXYc");
    }
}
