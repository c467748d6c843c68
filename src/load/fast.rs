//! The quick path from YAML text to a JSON document, built on the YAML library's own event parser.
//!
//! serde-saphyr is thorough (anchors, merge keys, tags, budgets, precise errors) but spends about
//! 30× longer than the bare event parser under it. Banks rarely need its extras, so this module
//! builds the document straight from the parser's events and gives up (`None`) on anything it is
//! not sure to read exactly as serde-saphyr would: anchors, aliases, tags, merge keys, duplicate
//! keys, non-string keys, YAML 1.1 words (`yes`, `on`, …), unusual numbers, deep nesting, more than
//! one document, and every syntax error. The caller then runs serde-saphyr, which also produces
//! the error messages. A differential test keeps the two in agreement.

use serde_json::{Map, Number, Value};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

/// The nesting serde-saphyr's budget allows; deeper documents go to it for the error.
const MAX_DEPTH: usize = 64;

enum Frame {
    Map(Map<String, Value>, Option<String>),
    Seq(Vec<Value>),
}

/// Builds the document when the YAML is plain enough to be sure of; `None` otherwise.
pub(super) fn document(text: &str) -> Option<Value> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    let mut documents = 0;
    let (mut events, mut nodes) = (0_usize, 0_usize);
    for item in Parser::new_from_str(text) {
        let (event, _) = item.ok()?;
        // Past serde-saphyr's budget, leave the document to it (it refuses with a message).
        events += 1;
        if matches!(event, Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..)) {
            nodes += 1;
        }
        if events > super::parse::MAX_EVENTS || nodes > super::parse::MAX_NODES {
            return None;
        }
        let finished = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Comment(..) => {
                continue;
            }
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                if let Some(Frame::Map(map, key @ None)) = stack.last_mut() {
                    let name = key_text(&value, style)?;
                    if map.contains_key(&name) {
                        return None;
                    }
                    *key = Some(name);
                    continue;
                }
                scalar(&value, style)?
            }
            Event::MappingStart(_, anchor, ref tag) | Event::SequenceStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= MAX_DEPTH {
                    return None;
                }
                if matches!(stack.last(), Some(Frame::Map(_, None))) {
                    return None; // a mapping or sequence used as a key
                }
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map(Map::new(), None)
                } else {
                    Frame::Seq(Vec::new())
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop()? {
                Frame::Map(map, None) => Value::Object(map),
                Frame::Seq(items) => Value::Array(items),
                Frame::Map(_, Some(_)) => return None,
            },
            _ => return None,
        };
        match stack.last_mut() {
            None => root = Some(finished),
            Some(Frame::Seq(items)) => items.push(finished),
            Some(Frame::Map(map, key)) => {
                map.insert(key.take()?, finished);
            }
        }
    }
    if stack.is_empty() { root } else { None }
}

/// A mapping key: any quoted scalar, or a plain one that YAML reads as a string.
fn key_text(value: &str, style: ScalarStyle) -> Option<String> {
    match scalar(value, style)? {
        Value::String(s) if s != "<<" => Some(s),
        _ => None,
    }
}

/// Resolves a scalar with YAML 1.2 core rules, only where they are unambiguous.
fn scalar(value: &str, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::String(value.to_owned()));
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    if value.len() <= 3
        && ["y", "n", "yes", "no", "on", "off"].iter().any(|w| w.eq_ignore_ascii_case(value))
    {
        return None;
    }
    let first = value.as_bytes()[0];
    let text = || Some(Value::String(value.to_owned()));
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return text();
    }
    // No YAML number (decimal, hex, octal, exponent, `.inf`, `1_000`, `1:30`) has other
    // characters than these, so "2PC blocks when…" is plainly a string.
    let numeric = |c: char| c.is_ascii_hexdigit() || "xXoO.+-_:nNiI".contains(c);
    if !value.chars().all(numeric) {
        return text();
    }
    number(value).map(Value::Number)
}

/// Plain decimal integers (no leading zero) and plain decimal floats; anything else that starts
/// like a number (`010`, `0x1F`, `1_000`, `.5`, `.inf`, `1e5`, …) is left to serde-saphyr.
fn number(value: &str) -> Option<Number> {
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !plain(int) || (int.len() > 1 && int.starts_with('0')) {
        return None;
    }
    match frac {
        None => value.parse::<i64>().ok().map(Number::from),
        Some(f) if plain(f) => value.parse::<f64>().ok().and_then(Number::from_f64),
        Some(_) => None,
    }
}

#[cfg(test)]
mod differential;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_documents_are_built() {
        let doc = document(
            "a: 1\nb: [x, 'y', -2, 2.5, true, ~, 2PC blocks]\nc: {d: \"e\"}\nf: |\n  text\n",
        )
        .unwrap();
        assert_eq!(
            doc,
            serde_json::json!({"a": 1, "b": ["x", "y", -2, 2.5, true, null, "2PC blocks"], "c": {"d": "e"}, "f": "text\n"})
        );
    }

    /// Every YAML file of the repository that the fast path accepts reads exactly as serde-saphyr
    /// reads it; the bundled bank and the fixture banks take the fast path.
    #[test]
    fn the_fast_path_agrees_with_serde_saphyr() {
        fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    yaml_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    out.push(path);
                }
            }
        }
        let mut files = vec![std::path::PathBuf::from("banks/distributed.yaml")];
        yaml_files(std::path::Path::new("tests/fixtures"), &mut files);
        let mut fast = 0;
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            if let Some(doc) = document(&text) {
                fast += 1;
                let full = super::super::parse::saphyr(&text).unwrap_or_else(|e| {
                    panic!("{}: fast path accepted what serde-saphyr refuses: {e}", path.display())
                });
                assert_eq!(doc, full, "{}", path.display());
            }
        }
        assert!(document(&std::fs::read_to_string("banks/distributed.yaml").unwrap()).is_some());
        // Scalars at the edges of the core schema.
        for text in [
            "a: True",
            "a: FALSE",
            "a: Null",
            "a:",
            "a: -0",
            "a: +5",
            "a: 1.50",
            "a: -2.5",
            "a: 0.0",
            "a: '010'",
            "a: 2PC",
            "a: 12abc",
            "a: -x",
            "a: 3 nodes",
            "a: \"yes\"",
            "a: 1.5.2",
            "a: 9223372036854775807",
            "a: [-1, +1, 0]",
            "a: 'it''s'",
            "a: >\n  x\n  y\n",
        ] {
            if let Some(doc) = document(text) {
                let full = super::super::parse::saphyr(text).unwrap();
                assert_eq!(doc, full, "{text:?}");
            }
        }
        assert!(fast * 2 > files.len(), "only {fast} of {} files took the fast path", files.len());
    }

    #[test]
    fn anything_unusual_falls_back() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "<<: {a: 1}\n",
            "a: 1\na: 2\n",
            "a: yes\n",
            "a: 010\n",
            "a: 0x1F\n",
            "a: .inf\n",
            "a: 1e5\n",
            "? [a]\n: 1\n",
            "1: a\n",
            "a: 1\n---\nb: 2\n",
            "a: [1\n",
            "a: 99999999999999999999\n",
        ] {
            assert_eq!(document(text), None, "{text:?}");
        }
    }

    /// Nesting past serde-saphyr's depth budget is left to it, which refuses it with a located
    /// error (`tests/validate.rs` checks the message); one level less is read here.
    #[test]
    fn deep_nesting_is_left_to_serde_saphyr() {
        let nested = |depth: usize| format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        assert!(document(&nested(MAX_DEPTH - 1)).is_some());
        assert_eq!(document(&nested(MAX_DEPTH)), None);
    }
}
