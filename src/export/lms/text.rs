//! Text pieces of the LMS view: the rubric for graders, lists, ids, category paths and numbers.

use std::fmt::Write as _;

use super::xhtml;
use crate::model::Question;

/// Longest Moodle `idnumber` (the `question.idnumber` column is `varchar(100)`).
const MOODLE_IDNUMBER_MAX: usize = 100;

pub(super) fn rubric_html(q: &Question) -> String {
    let Some(rubric) = &q.rubric else { return String::new() };
    let mut out = String::new();
    let max = rubric.max_points();
    let _ = write!(out, "<p><strong>Rubric</strong> ({max} points)</p>\n<ul>\n");
    for c in &rubric.criteria {
        let _ = write!(out, "<li>+{} ", c.points);
        out.push_str(&criterion_text(c));
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    if !rubric.penalties.is_empty() {
        out.push_str("<p><strong>Penalties</strong></p>\n<ul>\n");
        for c in &rubric.penalties {
            let _ = write!(out, "<li>-{} ", c.points);
            out.push_str(&criterion_text(c));
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.truncate(out.trim_end().len());
    out
}

/// The criterion's description, or its patterns when it has none, as inline XHTML.
pub(super) fn criterion_text(c: &crate::model::Criterion) -> String {
    if let Some(describe) = &c.describe {
        return xhtml::inline(describe);
    }
    let mut phrases: Vec<&str> = c.any.iter().map(crate::model::Pattern::as_str).collect();
    for group in &c.all {
        phrases.extend(group.iter().map(crate::model::Pattern::as_str));
    }
    let mut out = xhtml::escape(c.id.as_str());
    if !phrases.is_empty() {
        out.push_str(": ");
        out.push_str(&xhtml::escape(&phrases.join(", ")));
    }
    out
}

pub(super) fn list_html(items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ul>\n");
    for item in items {
        out.push_str("<li>");
        out.push_str(&xhtml::inline(item));
        out.push_str("</li>\n");
    }
    out.push_str("</ul>");
    out
}

/// `<bank>_<question>`, or a prefix and a hash of both when that exceeds Moodle's 100 characters.
pub(super) fn idnumber(bank: &str, question: &str) -> String {
    let plain = format!("{bank}_{question}");
    if plain.len() <= MOODLE_IDNUMBER_MAX {
        return plain;
    }
    let hash = crate::export::ids::stable_hex(&[bank, question], 16);
    let keep = MOODLE_IDNUMBER_MAX - hash.len() - 1;
    // Ids are ASCII, so any byte index is a char boundary.
    format!("{}_{hash}", &plain[..keep])
}

/// A Moodle category path segment: a literal `/` is written `//`, and line breaks become spaces
/// (GIFT reads the `$CATEGORY:` path up to the end of its line).
pub(super) fn path_part(title: &str) -> String {
    title.replace('/', "//").replace(['\n', '\r', '\t'], " ").trim().to_owned()
}

/// Shortest decimal that round-trips; never exponent notation.
pub(super) fn number(value: f64) -> String {
    let value = if value == 0.0 { 0.0 } else { value };
    format!("{value}")
}

/// Bank text with XML-illegal characters removed.
pub(super) fn clean(text: &str) -> String {
    xhtml::strip_xml_illegal(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_idnumbers_are_shortened_stably() {
        assert_eq!(idnumber("bank", "q1"), "bank_q1");
        let long = "x".repeat(120);
        let a = idnumber("bank", &long);
        assert_eq!(a.len(), 100);
        assert_eq!(a, idnumber("bank", &long));
        assert_ne!(a, idnumber("bank", &format!("{long}y")));
    }

    #[test]
    fn numbers_and_paths_are_written_as_moodle_reads_them() {
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(1e21), "1000000000000000000000");
        assert_eq!(path_part("TCP/IP"), "TCP//IP");
        assert_eq!(path_part("two\nlines "), "two lines");
    }
}
