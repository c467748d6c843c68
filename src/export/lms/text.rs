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

/// A Moodle category path segment, from a title read as plain text, written as Moodle's own
/// `assemble_category_path` does: a literal `/` is written `//` (Moodle splits the path at a
/// `/` with no `/` beside it, then reads `//` as `/` and trims each name), and a name that
/// starts or ends with `/` gets a space there, or its slash would join the separator. Line
/// breaks become spaces (GIFT reads the `$CATEGORY:` path up to the end of its line). A blank
/// title is `fallback`.
pub(super) fn path_part(title: &str, fallback: &str) -> String {
    let text = title.replace(['\n', '\r', '\t'], " ");
    let text = if text.trim().is_empty() { fallback } else { text.trim() };
    let mut part = text.replace('/', "//");
    if part.starts_with('/') {
        part.insert(0, ' ');
    }
    if part.ends_with('/') {
        part.push(' ');
    }
    part
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

    /// Moodle's `split_category_path` (question/format.php), restated: split at a `/` with no
    /// `/` beside it, then `//` → `/` and trim each name.
    fn moodle_split(path: &str) -> Vec<String> {
        let bytes = path.as_bytes();
        let mut names = vec![String::new()];
        for (i, c) in path.char_indices() {
            let lone =
                c == '/' && (i == 0 || bytes[i - 1] != b'/') && bytes.get(i + 1) != Some(&b'/');
            if lone {
                names.push(String::new());
            } else if let Some(last) = names.last_mut() {
                last.push(c);
            }
        }
        names.iter().map(|n| n.replace("//", "/").trim().to_owned()).collect()
    }

    #[test]
    fn every_title_is_one_moodle_category_name() {
        for (bank, topic) in [
            ("I/O", "TCP/IP"),
            ("Ops/", "/dev"),
            ("a//b", "c///d"),
            ("/", "two\nlines"),
            ("x", " "),
        ] {
            let path =
                format!("$course$/top/{}/{}", path_part(bank, "bank"), path_part(topic, "topic"));
            let names = moodle_split(&path);
            assert_eq!(names.len(), 4, "{path} → {names:?}");
            let want = |t: &str, f: &str| {
                let t = t.replace('\n', " ");
                if t.trim().is_empty() { f.to_owned() } else { t.trim().to_owned() }
            };
            assert_eq!(names[2], want(bank, "bank"), "{path}");
            assert_eq!(names[3], want(topic, "topic"), "{path}");
        }
    }

    #[test]
    fn numbers_and_paths_are_written_as_moodle_reads_them() {
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(1e21), "1000000000000000000000");
        assert_eq!(path_part("TCP/IP", "x"), "TCP//IP");
        assert_eq!(path_part("two\nlines ", "x"), "two lines");
        assert_eq!(path_part("/dev and I/O/", "x"), " //dev and I//O// ");
        assert_eq!(path_part(" \n ", "net"), "net");
    }
}
