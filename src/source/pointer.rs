//! JSON pointer → source span, built from the YAML parser's event stream.
//!
//! The schema validator and every later stage speak in JSON pointers (`/questions/3/prompt`);
//! this index is the one place that turns them into spans. JSON files go through the same YAML
//! parser (JSON is YAML 1.2 flow syntax), so both formats share the code.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_saphyr::granit_parser::{Event, Parser};

use super::{LineIndex, Span};

/// Where a node of the document sits: the span of its value and, for mapping entries, its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpans {
    /// The value's span (a scalar, or the start of a collection).
    pub value: Span,
    /// The key's span, for values that are entries of a mapping.
    pub key: Option<Span>,
}

/// Maps RFC 6901 JSON pointers to the spans of the nodes they name.
///
/// Built lazily from the text it is asked about ([`SourceFile`](super::SourceFile) owns both,
/// so the text is never copied): the first lookup walks it. Most runs never look anything up (a
/// clean bank has no diagnostic to locate), and the walk is a second full YAML parse, as long
/// as the loader's own.
#[derive(Debug, Clone, Default)]
pub struct PointerIndex {
    /// Whether the text parsed: the loader enables the index only then.
    enabled: bool,
    index: OnceLock<Eager>,
}

impl PointerIndex {
    /// An index that walks the text on first use. Parse errors end the walk quietly: the
    /// loader reports them from the deserializer, and whatever was indexed before them stays
    /// usable.
    pub(super) fn enabled() -> Self {
        Self { enabled: true, index: OnceLock::new() }
    }

    fn index(&self, text: &str, lines: &LineIndex) -> &Eager {
        self.index
            .get_or_init(|| if self.enabled { Eager::build(text, lines) } else { Eager::default() })
    }

    /// The spans of the node at `pointer` in `text`, if the document has it.
    pub(super) fn get(&self, text: &str, lines: &LineIndex, pointer: &str) -> Option<NodeSpans> {
        self.index(text, lines).get(pointer)
    }

    /// The span for a diagnostic about `pointer`: its key when `prefer_key` (an unknown field is
    /// best shown at its name), else its value; falls back to the nearest ancestor that exists.
    pub(super) fn locate(
        &self,
        text: &str,
        lines: &LineIndex,
        pointer: &str,
        prefer_key: bool,
    ) -> Option<Span> {
        self.index(text, lines).locate(pointer, prefer_key)
    }
}

/// The walked index.
#[derive(Debug, Clone, Default)]
struct Eager {
    nodes: HashMap<String, NodeSpans>,
}

/// Escapes one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Handles a node in key position (or inside a skipped complex key); returns whether the node
/// was consumed that way.
fn key_or_skip(stack: &mut Vec<Frame>, scalar: Option<&str>, span: Span, opens: bool) -> bool {
    match stack.last_mut() {
        Some(Frame::ComplexKey { depth }) => {
            if opens {
                *depth += 1;
            }
            true
        }
        Some(Frame::Map { key: key @ None, .. }) => {
            if opens {
                stack.push(Frame::ComplexKey { depth: 1 });
            } else {
                *key = Some((scalar.unwrap_or("<alias>").to_owned(), span));
            }
            true
        }
        _ => false,
    }
}

enum Frame {
    Map {
        ptr: String,
        key: Option<(String, Span)>,
    },
    Seq {
        ptr: String,
        next: usize,
    },
    /// A non-scalar mapping key: skipped, with its nesting depth.
    ComplexKey {
        depth: usize,
    },
}

impl Eager {
    /// Walks the first document of `text`.
    fn build(text: &str, lines: &LineIndex) -> Self {
        let mut index = Self::default();
        let mut stack: Vec<Frame> = Vec::new();
        let to_span = |span: &serde_saphyr::granit_parser::Span| {
            let at = |m: &serde_saphyr::granit_parser::Marker| {
                m.byte_offset().unwrap_or_else(|| lines.offset(text, m.line(), m.col() + 1))
            };
            Span::new(at(&span.start), at(&span.end))
        };
        for item in Parser::new_from_str(text) {
            let Ok((event, raw_span)) = item else { break };
            let span = to_span(&raw_span);
            match event {
                Event::DocumentEnd => break,
                Event::Scalar(value, ..)
                    if !key_or_skip(&mut stack, Some(value.as_ref()), span, false) =>
                {
                    index.leaf(&mut stack, span);
                }
                Event::Alias(_) if !key_or_skip(&mut stack, None, span, false) => {
                    index.leaf(&mut stack, span);
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let is_map = matches!(event, Event::MappingStart(..));
                    if key_or_skip(&mut stack, None, span, true) {
                        continue;
                    }
                    let ptr = index.record(&mut stack, span);
                    stack.push(if is_map {
                        Frame::Map { ptr, key: None }
                    } else {
                        Frame::Seq { ptr, next: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some(Frame::ComplexKey { depth }) = stack.last_mut() {
                        *depth -= 1;
                        if *depth == 0 {
                            stack.pop();
                            if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                                *key = Some(("<complex key>".to_owned(), span));
                            }
                        }
                        continue;
                    }
                    stack.pop();
                    Self::advance(&mut stack);
                }
                _ => {}
            }
        }
        index
    }

    /// Records a scalar or alias in value position and moves the parent on.
    fn leaf(&mut self, stack: &mut [Frame], span: Span) {
        self.record(stack, span);
        Self::advance(stack);
    }

    /// Records the node at the current position and returns its pointer.
    fn record(&mut self, stack: &mut [Frame], value: Span) -> String {
        let (ptr, key) = match stack.last() {
            None => (String::new(), None),
            Some(Frame::Map { ptr, key: Some((k, key_span)) }) => {
                (format!("{ptr}/{}", escape_pointer_token(k)), Some(*key_span))
            }
            Some(Frame::Seq { ptr, next }) => (format!("{ptr}/{next}"), None),
            Some(_) => return String::new(),
        };
        self.nodes.entry(ptr.clone()).or_insert(NodeSpans { value, key });
        ptr
    }

    /// After a complete value: the parent mapping waits for a key again, a sequence counts on.
    fn advance(stack: &mut [Frame]) {
        match stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { next, .. }) => *next += 1,
            _ => {}
        }
    }

    /// The spans of the node at `pointer`, if the document has it.
    fn get(&self, pointer: &str) -> Option<NodeSpans> {
        self.nodes.get(pointer).copied()
    }

    /// The span for a diagnostic about `pointer`: its key when `prefer_key` (an unknown field is
    /// best shown at its name), else its value; falls back to the nearest ancestor that exists.
    fn locate(&self, pointer: &str, prefer_key: bool) -> Option<Span> {
        let mut current = pointer;
        loop {
            if let Some(node) = self.nodes.get(current) {
                return Some(match (prefer_key, node.key) {
                    (true, Some(key)) => key,
                    _ => node.value,
                });
            }
            if current.is_empty() {
                return None;
            }
            current = current.rfind('/').map_or("", |i| &current[..i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn index(text: &str) -> SourceFile {
        let mut source = SourceFile::new("bank.yaml", text.to_owned());
        source.index_pointers();
        source
    }

    fn start(text: &str, idx: &SourceFile, ptr: &str) -> (usize, usize) {
        let span = idx.node(ptr).expect(ptr).value;
        let p = LineIndex::new(text).position(text, span.start);
        (p.line, p.column)
    }

    #[test]
    fn block_yaml_values_keys_and_sequences() {
        let text = "a: 1\nlist:\n  - x: hello\n    y/z: [1, 2]\n  - plain\n";
        let idx = index(text);
        assert_eq!(start(text, &idx, "/a"), (1, 4));
        assert_eq!(start(text, &idx, "/list/0/x"), (3, 8));
        assert_eq!(start(text, &idx, "/list/0/y~1z/1"), (4, 14));
        assert_eq!(start(text, &idx, "/list/1"), (5, 5));
        let key = idx.node("/list/0/x").unwrap().key.unwrap();
        assert_eq!(&text[key.start..key.end], "x");
    }

    #[test]
    fn json_flow_syntax_is_indexed_too() {
        let text = "{\"q\": [{\"id\": \"é\", \"n\": 2}]}";
        let idx = index(text);
        assert_eq!(start(text, &idx, "/q/0/n"), (1, 25));
    }

    #[test]
    fn locate_falls_back_to_the_nearest_ancestor() {
        let text = "a:\n  b: 1\n";
        let idx = index(text);
        let span = idx.locate("/a/missing/deeper", false).unwrap();
        assert_eq!(span, idx.node("/a").unwrap().value);
    }

    #[test]
    fn complex_keys_do_not_derail_the_walk() {
        let text = "? [x, y]\n: 1\nz: 2\n";
        let idx = index(text);
        assert_eq!(start(text, &idx, "/z"), (3, 4));
    }
}
