//! Marks the words that earned (or cost) points in an answer. A criterion's evidence is a list
//! of the answer's own words in answer order; each is looked for after the previous one, so the
//! right occurrence of a repeated word is marked. Evidence not found verbatim (a choice named
//! by its letter, joined pieces) is left unmarked: the criteria list still names it.

use super::push_escaped;

/// One criterion's (or penalty's) evidence to mark.
pub struct Marks<'a> {
    /// The criterion id, shown on hover.
    pub label: &'a str,
    /// `true` for a penalty (marked in another colour).
    pub penalty: bool,
    /// The answer's words that met it.
    pub evidence: &'a [String],
}

/// A byte range of the answer with the criteria that marked it.
#[derive(Debug, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
    labels: Vec<String>,
    penalty: bool,
}

/// Where `word` next occurs at or after `from`: the first occurrence that stands as a whole
/// word (not inside a longer one), else the first occurrence at all.
fn find_word(text: &str, from: usize, word: &str) -> Option<usize> {
    let rest = text.get(from..)?;
    let alnum_before = |i: usize| rest[..i].chars().next_back().is_some_and(char::is_alphanumeric);
    let alnum_after =
        |i: usize| rest[i + word.len()..].chars().next().is_some_and(char::is_alphanumeric);
    let mut first = None;
    for (i, _) in rest.match_indices(word) {
        first.get_or_insert(i);
        if !alnum_before(i) && !alnum_after(i) {
            return Some(from + i);
        }
    }
    first.map(|i| from + i)
}

/// Byte ranges of each criterion's evidence, found in order from the previous word's end.
fn locate(text: &str, marks: &[Marks<'_>]) -> Vec<Span> {
    let mut spans = Vec::new();
    for m in marks {
        let mut from = 0;
        for word in m.evidence.iter().filter(|w| !w.is_empty()) {
            let Some(at) = find_word(text, from, word) else { continue };
            let end = at + word.len();
            spans.push(Span {
                start: at,
                end,
                labels: vec![m.label.to_owned()],
                penalty: m.penalty,
            });
            from = end;
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
    // Overlapping marks (two criteria quoting one word) become one, labelled with both.
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start < last.end => {
                last.end = last.end.max(s.end);
                last.penalty |= s.penalty;
                if !last.labels.contains(&s.labels[0]) {
                    last.labels.extend(s.labels);
                }
            }
            _ => merged.push(s),
        }
    }
    merged
}

/// The answer as HTML: escaped text with `<mark>` around the evidence.
#[cfg(test)]
fn render(text: &str, marks: &[Marks<'_>]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    render_into(&mut out, text, marks);
    out
}

/// Appends the answer as HTML: escaped text with `<mark>` around the evidence.
pub fn render_into(out: &mut String, text: &str, marks: &[Marks<'_>]) {
    let mut at = 0;
    for s in locate(text, marks) {
        push_escaped(out, &text[at..s.start]);
        out.push_str(if s.penalty { "<mark class=\"pen\" title=\"" } else { "<mark title=\"" });
        push_escaped(out, &s.labels.join(", "));
        out.push_str("\">");
        push_escaped(out, &text[s.start..s.end]);
        out.push_str("</mark>");
        at = s.end;
    }
    push_escaped(out, &text[at..]);
}

#[cfg(test)]
mod tests {
    use super::{Marks, render};

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|&w| w.to_owned()).collect()
    }

    #[test]
    fn evidence_is_marked_in_order_and_the_rest_escaped() {
        let text = "a <b>ring</b>: adding a node moves only a few keys";
        let ring = words(&["ring"]);
        let movement = words(&["adding", "only", "few"]);
        let html = render(
            text,
            &[
                Marks { label: "ring", penalty: false, evidence: &ring },
                Marks { label: "movement", penalty: false, evidence: &movement },
            ],
        );
        assert_eq!(
            html,
            "a &lt;b&gt;<mark title=\"ring\">ring</mark>&lt;/b&gt;: <mark title=\"movement\">adding</mark> a node moves \
             <mark title=\"movement\">only</mark> a <mark title=\"movement\">few</mark> keys"
        );
    }

    #[test]
    fn a_repeated_word_is_marked_where_the_match_is() {
        // The "n" that follows "mod" as a word, not the one inside "an".
        let ev = words(&["n"]);
        let html =
            render("an hash mod n", &[Marks { label: "modulo", penalty: true, evidence: &ev }]);
        assert_eq!(html, "an hash mod <mark class=\"pen\" title=\"modulo\">n</mark>");
    }

    #[test]
    fn overlapping_and_missing_evidence() {
        let a = words(&["hash ring"]);
        let b = words(&["ring", "absent"]);
        let html = render(
            "hash ring",
            &[
                Marks { label: "a", penalty: false, evidence: &a },
                Marks { label: "b", penalty: false, evidence: &b },
            ],
        );
        assert_eq!(html, "<mark title=\"a, b\">hash ring</mark>");
        let script = words(&["<script>"]);
        let html = render(
            "x <script>alert(1)</script>",
            &[Marks { label: "s", penalty: false, evidence: &script }],
        );
        assert_eq!(html, "x <mark title=\"s\">&lt;script&gt;</mark>alert(1)&lt;/script&gt;");
    }
}
