//! The quickest path from YAML text to a JSON document: a line reader for the YAML that banks are
//! written in.
//!
//! The event parser under serde-saphyr reads about 37 MB/s, so a 10,000-question bank spent
//! 120 ms in it. Banks use a small part of YAML: block mappings and sequences (compact `- key:`
//! items too), one-line plain and quoted scalars, `|` and `>` block scalars, one-line flow
//! collections and comments. This module reads exactly that, line by line, and gives up (`None`)
//! on anything else — multi-line plain or quoted scalars, anchors, aliases, tags, explicit keys,
//! directives, tabs outside text, unusual whitespace or control characters, and every error — so
//! the next reader ([`super::fast`], then serde-saphyr) decides. Scalars are resolved by the same
//! function as the fast path. Differential tests (hand-picked, generated, and mutated banks) keep
//! it reading every document it accepts exactly as serde-saphyr does.
//!
//! It builds the compact [`super::tree`] document rather than a `serde_json::Value`: strings
//! and keys that read as written borrow the text, and a large mapping (over [`MAX_KEYS`] keys)
//! is left to the next reader, since duplicate keys are looked for one by one.

use std::borrow::Cow;

use rayon::prelude::*;

use super::fast::{Plain, resolve_plain};
use super::tree::Node;

/// A block or flow mapping's entries, in document order.
type Entries<'a> = Vec<(Cow<'a, str>, Node<'a>)>;

/// The nesting serde-saphyr's budget allows; deeper documents go to it for the error.
const MAX_DEPTH: usize = 64;
/// Keys per mapping this reader checks for duplicates one by one; larger mappings (not the
/// shape of a bank) go to the next reader.
const MAX_KEYS: usize = 256;

/// Builds the document when the YAML is plain enough to be sure of; `None` otherwise.
pub(super) fn document(text: &str) -> Option<Node<'_>> {
    if !text.ends_with('\n') || has_unusual_characters(text) || may_exceed_budget(text) {
        return None;
    }
    // Lines without their break; a `\r` anywhere but before `\n` was refused above.
    let mut lines = Vec::with_capacity(text.len() / 24);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    let mut reader = Reader { lines: &lines, pos: 0, pending: None, depth: 0, split: true };
    reader.skip_blank();
    if let Some(rest) = reader.lines.get(reader.pos).and_then(|l| l.strip_prefix("---")) {
        if !(rest.is_empty() || is_comment(rest)) {
            return None;
        }
        reader.pos += 1;
    }
    reader.skip_blank();
    let (indent, content) = reader.peek()?;
    if indent != 0 || starts_sequence(content) {
        return None; // banks are mappings; anything else is the full reader's to judge
    }
    let root = reader.mapping(0)?;
    reader.skip_blank();
    (reader.pos == reader.lines.len()).then_some(Node::Object(root))
}

/// Characters that YAML forbids, treats as line breaks in some versions, or that look like
/// whitespace without being YAML whitespace: the full reader handles them. A `\r` that does not
/// end a line counts too.
///
/// The text is valid UTF-8, so the byte patterns below only occur as the characters they encode:
/// C0 controls but tab and line breaks, DEL, C1 controls and U+00A0 (`C2 80`–`C2 A0`), U+2028 and
/// U+2029 (`E2 80 A8`/`A9`), U+FEFF (`EF BB BF`), U+FFFE and U+FFFF (`EF BF BE`/`BF`). Pieces
/// are scanned in parallel; a pattern may run past its piece's end, so lookups use the whole text.
fn has_unusual_characters(text: &str) -> bool {
    const PIECE: usize = 1 << 18;
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    // Most bytes are printable ASCII or UTF-8 continuation bytes. A branch-free test over blocks
    // of 64 bytes (which the compiler turns into vector compares) skips them; only a block with
    // a suspect byte is looked at byte by byte.
    #[allow(clippy::needless_bitwise_bool)] // branch-free on purpose, see above
    let suspect = |b: u8| {
        ((b < 0x20) & (b != b'\n') & (b != b'\t'))
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == 0xE2)
            | (b == 0xEF)
    };
    (0..bytes.len().div_ceil(PIECE)).into_par_iter().any(|p| {
        let start = p * PIECE;
        let end = (start + PIECE).min(bytes.len());
        bytes[start..end].chunks(BLOCK).enumerate().any(|(k, block)| {
            block.iter().fold(false, |any, &b| any | suspect(b))
                && (0..block.len()).any(|j| {
                    let i = start + k * BLOCK + j;
                    suspect(bytes[i]) && unusual_at(bytes, i)
                })
        })
    })
}

/// Whether an unusual character (see [`has_unusual_characters`]) starts at byte `i`.
fn unusual_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0xA0)),
        0xE2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)),
        0xEF => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        _ => false,
    }
}

/// Whether the document might hold more nodes than serde-saphyr's budget allows
/// ([`super::parse::MAX_NODES`]); such documents go to it, to be refused with its message.
///
/// Every node this reader builds follows a `:`, `-`, `,`, `[` or `{` (or is the root), and a
/// collection adds at most one more, so twice their count bounds the nodes.
fn may_exceed_budget(text: &str) -> bool {
    let marks = text.bytes().filter(|b| matches!(b, b':' | b'-' | b',' | b'[' | b'{')).count();
    2 * marks + 1 > super::parse::MAX_NODES
}

/// Whether `rest` (after a token) is only a comment: whitespace, then `#`.
fn is_comment(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// Whether a line's content starts a block sequence entry (`-` then a space or the line's end).
fn starts_sequence(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

struct Reader<'s, 'a> {
    lines: &'s [&'a str],
    pos: usize,
    /// The rest of the current line after `- `, read as a line of its own at that column.
    pending: Option<(usize, &'a str)>,
    depth: usize,
    /// Whether long sequences may be split across threads (not inside a chunk already).
    split: bool,
}

impl<'a> Reader<'_, 'a> {
    /// Skips empty and comment-only lines.
    fn skip_blank(&mut self) {
        if self.pending.is_some() {
            return;
        }
        while let Some(line) = self.lines.get(self.pos) {
            let trimmed = line.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The next significant line as (indent, content); `None` at the end or on a tab.
    fn peek(&self) -> Option<(usize, &'a str)> {
        if let Some(pending) = self.pending {
            return Some(pending);
        }
        let line = self.lines.get(self.pos)?;
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.starts_with('\t') {
            return None;
        }
        Some((indent, content))
    }

    /// Moves past the current line (or the pending part of it).
    fn advance(&mut self) {
        if self.pending.take().is_none() {
            self.pos += 1;
        }
    }

    /// Whether the reader is at the end of the lines (blank lines skipped).
    fn at_end(&mut self) -> bool {
        self.skip_blank();
        self.pending.is_none() && self.pos >= self.lines.len()
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth < MAX_DEPTH).then_some(())
    }

    /// A block mapping whose keys sit at column `indent`.
    fn mapping(&mut self, indent: usize) -> Option<Entries<'a>> {
        self.enter()?;
        let mut map = Vec::new();
        loop {
            if self.at_end() {
                break;
            }
            let (n, content) = self.peek()?;
            if n < indent {
                break;
            }
            if n > indent || starts_sequence(content) || content.starts_with("---") {
                return None;
            }
            let (key, rest) = split_key(content)?;
            new_key(&map, &key)?;
            self.advance();
            let value = self.value_after_indicator(rest, indent, true)?;
            map.push((key, value));
        }
        self.depth -= 1;
        Some(map)
    }

    /// A block sequence whose `-` sit at column `indent`.
    fn sequence(&mut self, indent: usize) -> Option<Vec<Node<'a>>> {
        if self.split && self.pending.is_none() && self.depth <= 2 {
            match self.sequence_in_parallel(indent) {
                Split::Read(items) => return Some(items),
                Split::NotOurs => return None,
                Split::Short => {}
            }
        }
        self.enter()?;
        let mut items = Vec::new();
        loop {
            if self.at_end() {
                break;
            }
            let (n, content) = self.peek()?;
            if n < indent || (n == indent && !starts_sequence(content)) {
                break;
            }
            if n > indent {
                return None;
            }
            self.advance();
            let rest = &content[1..];
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            let rest = &rest[spaces..];
            if rest.is_empty() || is_comment(rest) {
                items.push(self.nested(indent, false)?);
            } else if starts_sequence(rest) || rest.starts_with('\t') {
                return None; // `- - a`: a compact nested sequence
            } else if split_key(rest).is_some() {
                // `- key: value`: a mapping whose keys line up under `key`.
                let column = indent + 1 + spaces;
                self.pending = Some((column, rest));
                items.push(Node::Object(self.mapping(column)?));
            } else {
                items.push(self.inline_value(rest, indent)?);
            }
        }
        self.depth -= 1;
        Some(items)
    }

    /// A long sequence (the bank's questions) read in chunks of whole items on every core.
    ///
    /// In the YAML this reader accepts nothing spans lines but block scalars, whose lines are all
    /// deeper than the `-` of their item, so every significant line at column `indent` starts an
    /// item or ends the sequence. Each chunk is then read as a sequence of its own and must use up
    /// all its lines.
    fn sequence_in_parallel(&mut self, indent: usize) -> Split<'a> {
        const CHUNK_LINES: usize = 2048;
        let mut starts = Vec::new();
        let mut end = self.pos;
        let mut last_start = 0;
        while let Some(line) = self.lines.get(end) {
            let body = line.trim_start_matches(' ');
            let n = line.len() - body.len();
            if !(body.is_empty() || body.starts_with('#')) && n <= indent {
                if n < indent || !starts_sequence(body) {
                    break;
                }
                if starts.is_empty() || end - last_start >= CHUNK_LINES {
                    starts.push(end);
                    last_start = end;
                }
            }
            end += 1;
        }
        if starts.len() < 4 {
            return Split::Short;
        }
        let depth = self.depth;
        let lines = &self.lines;
        let bounds: Vec<(usize, usize)> =
            starts.iter().zip(starts.iter().skip(1).chain([&end])).map(|(&a, &b)| (a, b)).collect();
        let chunks: Option<Vec<Vec<Node<'a>>>> = bounds
            .par_iter()
            .map(|&(a, b)| {
                let mut reader =
                    Reader { lines: &lines[a..b], pos: 0, pending: None, depth, split: false };
                let items = reader.sequence(indent)?;
                reader.at_end().then_some(items)
            })
            .collect();
        self.pos = end;
        match chunks {
            Some(chunks) => {
                // Sized up front: growing a list of 10,000 values by doubling copies it again
                // and again into fresh memory.
                let mut items = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
                for chunk in chunks {
                    items.extend(chunk);
                }
                Split::Read(items)
            }
            None => Split::NotOurs,
        }
    }

    /// The value after `key:` or `- `: on the same line, or a block node on the next lines.
    fn value_after_indicator(
        &mut self,
        rest: &'a str,
        indent: usize,
        in_mapping: bool,
    ) -> Option<Node<'a>> {
        if rest.is_empty() || is_comment(rest) {
            return self.nested(indent, in_mapping);
        }
        if !rest.starts_with(' ') {
            return None;
        }
        self.inline_value(rest.trim_start_matches(' '), indent)
    }

    /// The node on the lines after a `key:` (or a bare `-`) at column `indent`: deeper lines, or a
    /// sequence at the same column under a mapping key; null when there is none.
    fn nested(&mut self, indent: usize, in_mapping: bool) -> Option<Node<'a>> {
        if self.at_end() {
            return Some(Node::Null);
        }
        let (n, content) = self.peek()?;
        if in_mapping && n == indent && starts_sequence(content) {
            return self.sequence(n).map(Node::Array);
        }
        if n <= indent {
            return Some(Node::Null);
        }
        if starts_sequence(content) {
            self.sequence(n).map(Node::Array)
        } else {
            self.mapping(n).map(Node::Object)
        }
    }

    /// A value that starts on the current line (already consumed): block scalar, flow
    /// collection, quoted or plain scalar.
    fn inline_value(&mut self, text: &'a str, indent: usize) -> Option<Node<'a>> {
        let first = text.as_bytes()[0];
        match first {
            b'|' | b'>' => self.block_scalar(text, indent),
            b'[' | b'{' => {
                let mut flow = Flow { text, pos: 0, depth: self.depth };
                let value = flow.node()?;
                is_comment(&text[flow.pos..]).then_some(value)
            }
            b'"' | b'\'' => {
                let (value, end) = quoted(text)?;
                is_comment(&text[end..]).then_some(Node::String(value))
            }
            _ => {
                let value = plain_block(text)?;
                // A deeper line after a plain scalar continues it: multi-line, not ours.
                if !self.at_end() && self.peek().is_some_and(|(n, _)| n > indent) {
                    return None;
                }
                plain_scalar(value)
            }
        }
    }

    /// A `|` or `>` block scalar whose header is `header`, under a node at column `indent`.
    fn block_scalar(&mut self, header: &str, indent: usize) -> Option<Node<'a>> {
        let literal = header.starts_with('|');
        let mut rest = &header[1..];
        let chomp = match rest.as_bytes().first() {
            Some(b'-') => Chomp::Strip,
            Some(b'+') => Chomp::Keep,
            _ => Chomp::Clip,
        };
        if chomp != Chomp::Clip {
            rest = &rest[1..];
        }
        if !is_comment(rest) {
            return None; // an indentation indicator, or text after the header
        }
        // Content lines: up to the first non-empty line indented no deeper than the parent.
        let start = self.pos;
        let mut content_indent = None;
        let mut end = start;
        while let Some(line) = self.lines.get(end) {
            let body = line.trim_start_matches(' ');
            let n = line.len() - body.len();
            if body.is_empty() {
                end += 1;
                continue;
            }
            match content_indent {
                None if n > indent => content_indent = Some(n),
                Some(m) if n >= m => {}
                _ => break,
            }
            end += 1;
        }
        // Trailing empty lines after the last content line belong to the scalar only for
        // chomping; they are not the parent's business either way.
        let Some(m) = content_indent else {
            // No content at all: empty lines only.
            self.pos = end;
            return (chomp != Chomp::Keep).then_some(Node::String(Cow::Borrowed("")));
        };
        let lines = &self.lines[start..end];
        // A whitespace-only line longer than the indentation, or a tab where the indentation
        // is, is a corner of the spec the full reader is sure about and this one is not.
        for line in lines {
            let body = line.trim_start_matches(' ');
            if (body.is_empty() && line.len() > m)
                || body.starts_with('\t') && line.len() - body.len() < m
            {
                return None;
            }
        }
        let last = lines.iter().rposition(|l| !l.trim_start_matches(' ').is_empty())?;
        let first = lines.iter().position(|l| !l.trim_start_matches(' ').is_empty())?;
        let mut out = String::new();
        if literal {
            for line in &lines[..=last] {
                out.push_str(line.get(m..).unwrap_or(""));
                out.push('\n');
            }
        } else {
            if first != 0 {
                return None;
            }
            let mut empties = 0;
            for (i, line) in lines[..=last].iter().enumerate() {
                let Some(body) = line.get(m..).filter(|b| !b.is_empty()) else {
                    empties += 1;
                    continue;
                };
                if body.starts_with([' ', '\t']) {
                    return None; // more-indented lines keep their breaks: not handled here
                }
                if i > 0 {
                    if empties == 0 {
                        out.push(' ');
                    } else {
                        out.extend(std::iter::repeat_n('\n', empties));
                    }
                }
                empties = 0;
                out.push_str(body);
            }
            out.push('\n');
        }
        match chomp {
            Chomp::Strip => {
                out.pop();
            }
            Chomp::Clip => {}
            Chomp::Keep => out.extend(std::iter::repeat_n('\n', lines.len() - 1 - last)),
        }
        self.pos = end;
        Some(Node::String(Cow::Owned(out)))
    }
}

/// What came of reading a sequence in parallel.
enum Split<'a> {
    /// Too short to be worth it: read it in line.
    Short,
    /// A chunk is not plain enough for this reader.
    NotOurs,
    /// The items, in order.
    Read(Vec<Node<'a>>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// Splits `key: rest` (or `key:` at the end); `rest` keeps its leading space. Plain keys and
/// one-line quoted keys only.
fn split_key(content: &str) -> Option<(Cow<'_, str>, &str)> {
    let (key, after) = if content.starts_with(['"', '\'']) {
        let (key, end) = quoted(content)?;
        // A quoted key is always a string; `<<` is left to the full reader all the same.
        (Some(key).filter(|k| k != "<<")?, &content[end..])
    } else {
        let colon = find_value_colon(content)?;
        let key = &content[..colon];
        if !plain_start(key) || key.ends_with(' ') || key.contains(" #") || key.contains('\t') {
            return None;
        }
        (plain_key(key)?, &content[colon..])
    };
    let rest = after.strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest))
}

/// The first `:` followed by a space or the end of the line, before any comment.
fn find_value_colon(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return Some(i),
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    None
}

/// Whether a plain scalar may start this way: not with an indicator, and `-`, `?`, `:` only
/// when a non-space follows.
fn plain_start(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        Some(b'-' | b'?' | b':') => bytes.get(1).is_some_and(|&b| b != b' ' && b != b'\t'),
        None
        | Some(
            b'[' | b']' | b'{' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
            | b'"' | b'%' | b'@' | b'`' | b' ' | b'\t',
        ) => false,
        Some(_) => true,
    }
}

/// A one-line plain scalar in block context: up to a comment, trailing spaces dropped.
fn plain_block(text: &str) -> Option<&str> {
    if !plain_start(text) || text.contains('\t') {
        return None;
    }
    let end = text.find(" #").unwrap_or(text.len());
    let value = text[..end].trim_end_matches(' ');
    // `a: b: c` is an error, and `a: b:` a mapping in disguise: not ours.
    if value.contains(": ") || value.ends_with(':') {
        return None;
    }
    Some(value)
}

/// A quoted scalar closed on the same line: its value and the byte just after the closing quote.
fn quoted(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let bytes = text.as_bytes();
    let quote = bytes[0];
    // Most quoted scalars hold no escape: the first quote, backslash or tab decides.
    let first = if quote == b'"' {
        memchr::memchr3(b'"', b'\\', b'\t', &bytes[1..])
    } else {
        memchr::memchr2(b'\'', b'\t', &bytes[1..])
    };
    if let Some(at) = first.map(|i| i + 1)
        && bytes[at] == quote
        && bytes.get(at + 1) != Some(&quote)
    {
        return Some((Cow::Borrowed(&text[1..at]), at + 1));
    }
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' if quote == b'\'' => {
                if text[i + 1..].starts_with('\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Some((Cow::Owned(out), i + 1));
                }
            }
            '"' if quote == b'"' => return Some((Cow::Owned(out), i + 1)),
            '\\' if quote == b'"' => {
                let (_, e) = chars.next()?;
                let decoded = match e {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    't' | '\t' => '\t',
                    'n' => '\n',
                    'v' => '\u{b}',
                    'f' => '\u{c}',
                    'r' => '\r',
                    'e' => '\u{1b}',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' | 'u' | 'U' => {
                        let len = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let start = i + 2;
                        let hex = text.get(start..start + len)?;
                        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return None;
                        }
                        for _ in 0..len {
                            chars.next();
                        }
                        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                    }
                    _ => return None,
                };
                out.push(decoded);
            }
            '\t' => return None,
            c => out.push(c),
        }
    }
    None // not closed on this line: a multi-line scalar
}

/// A flow collection on one line.
struct Flow<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Flow<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches(' ').len();
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.rest().as_bytes().first() == Some(&byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// A flow node: a collection, or a scalar in flow context.
    fn node(&mut self) -> Option<Node<'a>> {
        self.skip_spaces();
        match self.rest().as_bytes().first()? {
            b'[' => self.sequence(),
            b'{' => self.mapping(),
            _ => self.scalar_text()?.value(),
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth < MAX_DEPTH).then_some(())
    }

    fn sequence(&mut self) -> Option<Node<'a>> {
        let mut items = Vec::new();
        self.entries(b']', |flow| {
            items.push(flow.node()?);
            Some(())
        })?;
        Some(Node::Array(items))
    }

    fn mapping(&mut self) -> Option<Node<'a>> {
        let mut map = Vec::new();
        self.entries(b'}', |flow| {
            let key = flow.scalar_text()?.key()?;
            new_key(&map, &key)?;
            if !flow.eat(b':') || !flow.rest().starts_with(' ') {
                return None;
            }
            let value = flow.node()?;
            map.push((key, value));
            Some(())
        })?;
        Some(Node::Object(map))
    }

    /// The entries of a collection whose opening bracket is next, up to `close`: `entry` reads
    /// one, this reads the commas between. A trailing comma is valid YAML but left to the full
    /// reader.
    fn entries(&mut self, close: u8, mut entry: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.enter()?;
        self.pos += 1;
        self.skip_spaces();
        if !self.eat(close) {
            loop {
                self.skip_spaces();
                entry(self)?;
                self.skip_spaces();
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
                self.skip_spaces();
                if self.rest().as_bytes().first() == Some(&close) {
                    return None;
                }
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// A quoted scalar, or a plain one that ends at `,`, `]`, `}` or `: `; plain scalars with any
    /// other `:` or a `#` are left to the full reader.
    fn scalar_text(&mut self) -> Option<FlowScalar<'a>> {
        let rest = self.rest();
        if rest.starts_with(['"', '\'']) {
            let (value, end) = quoted(rest)?;
            self.pos += end;
            self.skip_spaces();
            return Some(FlowScalar::Quoted(value));
        }
        let end = rest.find([',', '[', ']', '{', '}', ':', '#']).unwrap_or(rest.len());
        let value = rest[..end].trim_end_matches(' ');
        if !plain_start(value) || value.contains('\t') {
            return None;
        }
        if rest[end..].starts_with(':') && !rest[end + 1..].starts_with(' ') {
            return None;
        }
        if rest[end..].starts_with(['[', '{', '#']) || end == rest.len() {
            return None;
        }
        self.pos += end;
        Some(FlowScalar::Plain(value))
    }
}

/// A scalar read in a flow collection: plain text still to resolve, or a quoted string.
enum FlowScalar<'a> {
    Plain(&'a str),
    Quoted(Cow<'a, str>),
}

impl<'a> FlowScalar<'a> {
    fn value(self) -> Option<Node<'a>> {
        match self {
            FlowScalar::Plain(text) => plain_scalar(text),
            FlowScalar::Quoted(text) => Some(Node::String(text)),
        }
    }

    /// As a mapping key: strings only, and `<<` is left to the full reader.
    fn key(self) -> Option<Cow<'a, str>> {
        match self {
            FlowScalar::Plain(text) => plain_key(text),
            FlowScalar::Quoted(text) => Some(text).filter(|k| k != "<<"),
        }
    }
}

/// A plain scalar's node; a string borrows the text.
fn plain_scalar(text: &str) -> Option<Node<'_>> {
    Some(match resolve_plain(text)? {
        Plain::Null => Node::Null,
        Plain::Bool(b) => Node::Bool(b),
        Plain::Number(n) => Node::Number(n),
        Plain::Text => Node::String(Cow::Borrowed(text)),
    })
}

/// A plain mapping key: one that YAML reads as a string, and not the merge key `<<` (the full
/// reader's business).
fn plain_key(text: &str) -> Option<Cow<'_, str>> {
    (matches!(resolve_plain(text)?, Plain::Text) && text != "<<").then_some(Cow::Borrowed(text))
}

/// `Some` when `key` is not in the mapping yet; a duplicate key, or a mapping past
/// [`MAX_KEYS`], is left to the next reader.
fn new_key(map: &Entries<'_>, key: &str) -> Option<()> {
    (map.len() < MAX_KEYS && map.iter().all(|(k, _)| k != key)).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agrees(text: &str) -> bool {
        let quick = document(text);
        if let Some(doc) = &quick {
            let full = super::super::parse::saphyr(text).unwrap_or_else(|e| {
                panic!("quick path accepted what serde-saphyr refuses: {text:?}: {e}")
            });
            assert_eq!(doc.to_value(), full, "{text:?}");
        }
        quick.is_some()
    }

    /// The schema check of the compact tree says "valid" exactly when the check of the `Value`
    /// it stands for does: on the bundled bank, and on every line of the all-types fixture with
    /// its value swapped for one of another kind (so required fields, enums, ranges, patterns
    /// and unknown fields are all crossed).
    #[test]
    fn the_tree_and_the_value_pass_the_schema_alike() {
        let bundled = std::fs::read_to_string("banks/distributed.yaml").unwrap();
        let fixture = std::fs::read_to_string("tests/fixtures/banks/all-types.yaml").unwrap();
        let mut texts = vec![bundled, fixture.clone()];
        let lines: Vec<&str> = fixture.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(colon) = line.find(": ") else { continue };
            for swap in ["-1", "2.5", "'x'", "true", "~", "[a]", "{a: 1}", "\"\""] {
                let mut mutated: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
                mutated[i] = format!("{}: {swap}", &line[..colon]);
                texts.push(mutated.join("\n") + "\n");
            }
            let mut renamed: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            renamed[i] = line.replacen(": ", "x: ", 1);
            texts.push(renamed.join("\n") + "\n");
        }
        let (mut valid, mut invalid) = (0, 0);
        for text in &texts {
            let Some(tree) = document(text) else { continue };
            let (by_tree, by_value) = crate::schema::verdicts(&tree);
            assert_eq!(by_tree, by_value, "the two schema checks disagree on:\n{text}");
            if by_tree { valid += 1 } else { invalid += 1 }
        }
        assert!(valid >= 20 && invalid >= 300, "{valid} valid, {invalid} invalid");
    }

    #[test]
    fn bank_shaped_documents_are_read() {
        let text = "qbank: 1\nid: b\nquestions:\n- id: q1\n  tags: [a, 'b c', \"d\"]\n  prompt: \"Why \\\"x\\\"?\"\n  answer: |\n    line one\n\n      indented\n    end\n  rubric:\n    criteria:\n      - {id: c, points: 2, any: [x, y z]}\n  note: >-\n    folded\n    text\n\n    para\n  empty:\n  - a # comment\n# between\n-   id: q2\n    num: -3\n    flt: 2.5\n";
        assert!(agrees(text));
        let doc = document(text).unwrap().to_value();
        assert_eq!(doc["questions"][0]["answer"], "line one\n\n  indented\nend\n");
        assert_eq!(doc["questions"][0]["note"], "folded text\npara");
        assert_eq!(doc["questions"][0]["empty"], serde_json::json!(["a"]));
        assert_eq!(doc["questions"][1]["num"], -3);
    }

    #[test]
    fn it_agrees_with_serde_saphyr_on_edge_cases() {
        for text in [
            "a: x # c\n",
            "a: x#y\n",
            "a: 'x # y'\n",
            "a: \"\\x41\\u00e9\\U0001F600\\t\"\n",
            "a: 'it''s'\n",
            "a: |+\n  x\n\n\nb: 1\n",
            "a: |-\n  x\n\n",
            "a: |\n  x\n  \n  y\n",
            "a: >\n  x\n\n\n  y\n",
            "a: |\n\n  x\n",
            "a: |\nb: 1\n",
            "a:\n  - x\n  -\n    - y\n",
            "a:\n- x\n- y\nb: 2\n",
            "a: [ ]\nb: {}\n",
            "a: [x, [y, {z: 1}]]\n",
            "\"quoted key\": 1\n'k': 2\n",
            "---\na: 1\n",
            "--- # doc\na: 1\n",
            "a: 1\r\nb: |\r\n  x\r\n  y\r\n",
            "a: -\n",
            "a: -1\n",
            "a: :x\n",
            "a: ?x\n",
            "a: x:y\n",
            "a: http://example.com/a#b\n",
            "a: Zürich — ✓ 🙂 עברית\n",
            "a: null\nb: ~\nc: True\nd: 0\ne: 1.0\n",
            "a:\n\n  b: 1\n",
            "a: \"\"\nb: ''\n",
            "a: |\n    deep\n  shallow\n",
            "a: >\n  x\n   y\n",
            "a: x\n  y\n",
            "a: {b: 1, b: 2}\n",
            "a: [x,]\n",
            "a: [x y, \"z\"]\n",
            "a:   spaced   \n",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn the_bundled_bank_and_the_benchmark_shape_take_the_quick_path() {
        let bank = std::fs::read_to_string("banks/distributed.yaml").unwrap();
        assert!(agrees(&bank));
    }

    /// A long `questions:` list is read in parallel chunks; the result is the same, in order, and
    /// one odd item anywhere sends the whole document to the full reader.
    #[test]
    fn long_sequences_are_read_in_parallel_chunks() {
        use std::fmt::Write as _;
        let mut text = String::from("id: big\nquestions:\n");
        for i in 0..1500 {
            _ = write!(
                text,
                "  - id: q{i}\n    prompt: \"Question {i}?\"\n    answer: |\n      line {i}\n\n      - item\n    tags: [t{}, x]\n    rubric:\n      criteria:\n        - {{id: c, points: {}}}\n# between\n",
                i % 7,
                i % 3 + 1
            );
        }
        text.push_str("after: 1\n");
        let lines: Vec<&str> = text.lines().collect();
        let mut reader = Reader { lines: &lines, pos: 2, pending: None, depth: 1, split: true };
        assert!(
            matches!(reader.sequence_in_parallel(2), Split::Read(items) if items.len() == 1500)
        );
        assert!(agrees(&text));
        let doc = document(&text).unwrap().to_value();
        assert_eq!(doc["questions"][1234]["id"], "q1234");
        assert_eq!(doc["after"], 1);
        let odd =
            text.replacen("    prompt: \"Question 1400?\"", "    prompt: &a \"Question 1400?\"", 1);
        assert_eq!(document(&odd), None);
        let bad = text.replacen("  - id: q900\n", "  - id: q900\n   misaligned: 1\n", 1);
        assert_eq!(document(&bad), None);
    }

    /// Documents that might exceed serde-saphyr's node budget are left to it, so a hostile flow
    /// list of millions of items is refused with its message rather than built here.
    #[test]
    fn documents_near_the_node_budget_are_left_to_serde_saphyr() {
        let items = "1,".repeat(super::super::parse::MAX_NODES / 2);
        let text = format!("a: [{items}1]\n");
        assert!(may_exceed_budget(&text));
        assert_eq!(document(&text), None);
        assert!(!may_exceed_budget("a: [1, 2]\nb: {c: d}\n"));
    }

    proptest::proptest! {
        /// The block scan finds exactly what a byte-by-byte check finds, wherever in a block or
        /// across blocks the character falls.
        #[test]
        fn unusual_characters_are_found_anywhere(
            text in "([a-z \\n\\t\\r·é—’\\u{0}\\u{1f}\\u{7f}\\u{85}\\u{a0}\\u{2028}\\u{2029}\\u{feff}\\u{fffe}\\u{ffff}]|[ -~]{0,80}){0,30}"
        ) {
            // Every byte looked at, without the block pre-test: the characters themselves are
            // covered by `anything_unusual_falls_back`.
            let bytes = text.as_bytes();
            let expected = (0..bytes.len()).any(|i| unusual_at(bytes, i));
            proptest::prop_assert_eq!(has_unusual_characters(&text), expected);
        }
    }

    #[test]
    fn anything_unusual_falls_back() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: 1\na: 2\n",
            "a: x\n  continued\n",
            "a: \"open\n  closed\"\n",
            "a:\tx\n",
            "\ta: 1\n",
            "a: |2\n   x\n",
            "a: [1\n",
            "a: b: c\n",
            "- a\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: \u{a0}x\n",
            "a: 1",
            "a: 1\rb: 2\n",
            "a: x\u{2028}y\n",
            "a: \u{7f}\n",
            "? a\n: 1\n",
            "a: yes\n",
        ] {
            assert_eq!(document(text), None, "{text:?}");
        }
    }
}

/// Differential tests on generated and mutated documents: whatever the quick reader accepts,
/// serde-saphyr must read the same way.
#[cfg(test)]
mod differential {
    use std::fmt::Write as _;

    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    /// Scalar texts at the edges: numbers, YAML 1.1 words, indicators, comments, colons, Unicode.
    const WORDS: &[&str] = &[
        "a",
        "x y",
        "2PC",
        "-1",
        "+2",
        "0",
        "010",
        "1.5",
        "1e3",
        ".5",
        "true",
        "False",
        "null",
        "~",
        "yes",
        "No",
        "on",
        "a#b",
        "a #b",
        "a: b",
        "a:b",
        "a:",
        ":x",
        "-x",
        "- x",
        "?x",
        "? x",
        "http://h/p#f",
        "Zürich ✓ 🙂",
        "עברית",
        "'q'",
        "\"dq\"",
        "[x]",
        "{x}",
        "x,y",
        "*x",
        "&y",
        "!t",
        "%p",
        "@a",
        "`b`",
        "|",
        ">",
        "",
        "  pad  ",
        "a\tb",
        "it's",
        "say \"hi\"",
        "back\\slash",
        "<<",
        "---",
        "...",
        "#",
        "x ",
        " x",
        "é",
        "\u{a0}nb",
        "9223372036854775808",
    ];
    const ESCAPES: &[&str] = &[
        "\\n",
        "\\t",
        "\\\"",
        "\\\\",
        "\\x41",
        "\\u00e9",
        "\\U0001F600",
        "\\/",
        "\\0",
        "\\e",
        "\\ ",
        "\\N",
        "\\_",
        "\\L",
        "\\q",
        "\\uD800",
        "\t",
        "\\x4",
        "#",
        ": ",
    ];

    /// Mostly ordinary words, sometimes an edge case.
    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            12 => proptest::sample::select(&["id", "prompt", "two words", "q-01", "Ok.", "3 nodes", "42", "x_y"][..]),
            1 => proptest::sample::select(WORDS),
        ]
        .prop_map(str::to_owned)
    }

    /// A scalar on one line in some style.
    fn inline_scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => word(),
            2 => word().prop_map(|w| format!("'{}'", w.replace('\'', "''"))),
            1 => word().prop_map(|w| format!("'{w}'")),
            2 => word().prop_map(|w| format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\""))),
            2 => (word(), proptest::sample::select(ESCAPES), word())
                .prop_map(|(a, e, b)| format!("\"{a}{e}{b}\"")),
            1 => (word(), proptest::sample::select(&[" # c", "#c", "  ", " ", ":"][..]))
                .prop_map(|(w, tail)| format!("{w}{tail}")),
        ]
    }

    fn flow() -> impl Strategy<Value = String> {
        let leaf = inline_scalar();
        leaf.prop_recursive(3, 12, 4, |inner| {
            prop_oneof![
                (proptest::collection::vec(inner.clone(), 0..4), 0..3usize)
                    .prop_map(|(v, sp)| format!("[{}]", v.join(&format!(",{}", " ".repeat(sp))))),
                proptest::collection::vec((key(), inner), 0..4).prop_map(|v| {
                    let pairs: Vec<String> = v.iter().map(|(k, x)| format!("{k}: {x}")).collect();
                    format!("{{{}}}", pairs.join(", "))
                }),
            ]
        })
    }

    /// Lines of a block scalar body (before indentation): text, empty, deeper, comment-like.
    fn block_lines() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(
            prop_oneof![
                12 => word(),
                4 => Just(String::new()),
                2 => word().prop_map(|w| format!("  {w}")),
                2 => word().prop_map(|w| format!("# {w}")),
                1 => Just("   ".to_owned()),
                1 => word().prop_map(|w| format!("\t{w}")),
            ],
            0..5,
        )
    }

    /// Mapping keys: mostly distinct ordinary names, sometimes an edge case.
    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            12 => proptest::sample::select(&["id", "prompt", "two words", "q-01", "Ok.", "x_y", "tags", "a-b"][..]),
            1 => proptest::sample::select(WORDS),
        ]
        .prop_map(str::to_owned)
    }

    #[derive(Debug, Clone)]
    enum Node {
        Scalar(String),
        Block(String, Vec<String>),
        Map(Vec<(String, Node)>),
        Seq(Vec<Node>),
    }

    fn node() -> impl Strategy<Value = Node> {
        let header =
            proptest::sample::select(&["|", "|-", "|+", ">", ">-", ">+", "|2", "| # c"][..]);
        let leaf = prop_oneof![
            4 => inline_scalar().prop_map(Node::Scalar),
            1 => flow().prop_map(Node::Scalar),
            2 => (header, block_lines()).prop_map(|(h, l)| Node::Block(h.to_owned(), l)),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                proptest::collection::vec((key(), inner.clone()), 1..5).prop_map(Node::Map),
                proptest::collection::vec(inner, 1..5).prop_map(Node::Seq),
            ]
        })
    }

    /// Layout choices: indentation step, compact `- key:` items, sequences level with their key,
    /// comments and blank lines.
    #[derive(Debug, Clone, Copy)]
    struct Layout {
        step: usize,
        compact: bool,
        level_seq: bool,
        noise: bool,
    }

    fn render(node: &Node, indent: usize, layout: Layout, out: &mut String) {
        let pad = " ".repeat(indent);
        match node {
            Node::Map(pairs) => {
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if layout.noise && i == 1 {
                        _ = write!(out, "{pad}# note\n\n");
                    }
                    _ = write!(out, "{pad}{k}:");
                    value(v, indent, layout, true, out);
                }
            }
            Node::Seq(items) => {
                for item in items {
                    _ = write!(out, "{pad}-");
                    match item {
                        Node::Map(_) if layout.compact => {
                            let mut inner = String::new();
                            render(item, indent + 2, layout, &mut inner);
                            out.push(' ');
                            out.push_str(&inner[indent + 2..]);
                        }
                        _ => value(item, indent, layout, false, out),
                    }
                }
            }
            Node::Scalar(_) | Node::Block(..) => unreachable!(),
        }
    }

    fn value(v: &Node, indent: usize, layout: Layout, in_map: bool, out: &mut String) {
        match v {
            Node::Scalar(s) => _ = writeln!(out, " {s}"),
            Node::Block(header, lines) => {
                _ = writeln!(out, " {header}");
                let pad = " ".repeat(indent + layout.step);
                for l in lines {
                    if l.is_empty() {
                        out.push('\n');
                    } else {
                        _ = writeln!(out, "{pad}{l}");
                    }
                }
            }
            Node::Seq(_) if in_map && layout.level_seq => {
                out.push('\n');
                render(v, indent, layout, out);
            }
            Node::Map(_) | Node::Seq(_) => {
                out.push('\n');
                render(v, indent + layout.step, layout, out);
            }
        }
    }

    fn document() -> impl Strategy<Value = String> {
        let layout = (1..4usize, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
            |(step, compact, level_seq, noise)| Layout { step, compact, level_seq, noise },
        );
        (proptest::collection::vec((key(), node()), 1..4), layout).prop_map(|(pairs, layout)| {
            let mut out = String::new();
            render(&Node::Map(pairs), 0, layout, &mut out);
            out
        })
    }

    /// Checks one document; true when the quick reader took it.
    fn check(text: &str) -> bool {
        let Some(quick) = super::document(text) else { return false };
        match super::super::parse::saphyr(text) {
            Ok(full) => assert_eq!(quick.to_value(), full, "the readers disagree on {text:?}"),
            Err(e) => panic!("the quick reader accepted what serde-saphyr refuses ({e}): {text:?}"),
        }
        true
    }

    #[test]
    fn generated_documents() {
        let mut runner = TestRunner::deterministic();
        let strategy = document();
        let (mut taken, total) = (0, 3000);
        for _ in 0..total {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            taken += usize::from(check(&text));
        }
        // The generator aims at the reader's edges; a fair share must still be read, or this
        // test would only exercise the fallbacks.
        assert!(taken * 6 > total, "only {taken} of {total} generated documents were read");
    }

    #[test]
    #[ignore = "a probe for developers: valid documents the quick reader leaves to others"]
    fn probe_refused() {
        let mut runner = TestRunner::deterministic();
        let strategy = document();
        let mut shown = 0;
        for _ in 0..3000 {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            if super::document(&text).is_none()
                && super::super::parse::saphyr(&text).is_ok()
                && shown < 12
            {
                shown += 1;
                eprintln!("----\n{text}");
            }
        }
    }

    #[test]
    fn mutated_banks() {
        let bank = std::fs::read_to_string("banks/distributed.yaml").unwrap();
        let lines: Vec<&str> = bank.lines().collect();
        let edits = proptest::sample::select(
            &[
                " ", "  ", "#", " #", ":", ": ", "-", "- ", "\"", "'", "|", ">", "\t", "[", "]",
                "{", "}", ",", "\n", "x", "&", "*", "!", "\\", "\r\n", "---\n",
            ][..],
        );
        let strategy = (40..160usize, 0..40usize, 0..4000usize, 0..80usize, edits, 0..3u8);
        let mut runner = TestRunner::deterministic();
        let (mut taken, total) = (0, 1500);
        for _ in 0..total {
            let (len, from, line, col, edit, kind) =
                strategy.new_tree(&mut runner).unwrap().current();
            // A slice of the bank: the header and a few questions, cut anywhere.
            let mut window: Vec<String> =
                lines[..len.min(lines.len())].iter().map(|l| (*l).to_owned()).collect();
            let at = from + line % (window.len() - from);
            let target = &mut window[at];
            let col = target.char_indices().nth(col).map_or(target.len(), |(i, _)| i);
            match kind {
                0 => target.insert_str(col, edit),
                1 => {
                    if col < target.len() {
                        target.remove(col);
                    }
                }
                _ => *target = format!("{edit}{target}"),
            }
            let text = window.join("\n") + "\n";
            taken += usize::from(check(&text));
        }
        assert!(taken * 5 > total, "only {taken} of {total} mutated banks were read");
    }
}
