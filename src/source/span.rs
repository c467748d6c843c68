//! Byte spans and their conversion to 1-based line and column numbers.

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte (`start` when the span is a point).
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given backwards).
    pub fn new(start: usize, end: usize) -> Self {
        Self { start: start.min(end), end: start.max(end) }
    }
}

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

/// The byte offsets at which lines start, for offset → line:column lookups in O(log n).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (`\n`, `\r\n` and lone `\r` all end a line).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        // Line breaks are `\n`, `\r\n` and a lone `\r`; memchr finds both bytes with SIMD.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Self { starts }
    }

    /// The position of byte `offset` in `text` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        // Characters are the bytes that do not continue a UTF-8 sequence; counting bytes keeps
        // this fast on very long lines (a minified bank can be one line of megabytes).
        let column =
            text.as_bytes()[start..end].iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
        Position { line, column }
    }

    /// The byte offset of a 1-based line and character column (clamped to the text).
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let line_text = self.line_text(text, line);
        let within = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        start + within
    }

    /// The text of a 1-based line without its line break; empty past the end.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the index is empty (never: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_all_line_breaks() {
        let text = "ab\r\nçd\ne\rf";
        let index = LineIndex::new(text);
        assert_eq!(index.len(), 4);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        let d = text.find('d').unwrap();
        assert_eq!(index.position(text, d), Position { line: 2, column: 2 });
        let f = text.find('f').unwrap();
        assert_eq!(index.position(text, f), Position { line: 4, column: 1 });
        assert_eq!(index.line_text(text, 1), "ab");
        assert_eq!(index.offset(text, 2, 2), d);
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let text = "a\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 99), Position { line: 2, column: 1 });
        assert_eq!(index.line_text(text, 9), "");
    }
}
