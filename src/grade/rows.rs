//! Checking one sheet row and turning it into answers, or into a rejection with its reason:
//! field count, UTF-8, candidate, question id, human score and duplicates, in that order.

use std::borrow::Cow;
use std::collections::HashMap;

use super::keep::Winners;
use super::layout::{Columns, QuestionLookup};
use super::sheet::Sheet;
use super::stream::{Chunk, Rejected};
use crate::model::Bank;

/// What tells candidates apart: the name as written, but an email address without case
/// (`Ann@X.com` and `ann@x.com` are one mailbox, and form tools keep what people typed).
pub(super) fn identity(candidate: &str) -> Cow<'_, str> {
    if candidate.contains('@') && candidate.chars().any(char::is_uppercase) {
        Cow::Owned(candidate.to_lowercase())
    } else {
        Cow::Borrowed(candidate)
    }
}

/// Who has been seen, and which questions each candidate answered (a bitset per candidate).
#[derive(Debug, Default)]
pub(super) struct People {
    pub(super) names: Vec<String>,
    index: HashMap<String, u32>,
    seen: Vec<u64>,
    stride: usize,
    /// Display names shown so far that differ from their key (see [`People::intern`]).
    shown: std::collections::HashSet<String>,
}

impl People {
    /// Nobody yet, for a bank of `questions` questions.
    pub(super) fn new(questions: usize) -> Self {
        Self { stride: questions.div_ceil(64).max(1), ..Self::default() }
    }

    /// Whether `candidate` has been seen (emails compared without case, see [`identity`]).
    fn contains(&self, candidate: &str) -> bool {
        self.index.contains_key(identity(candidate).as_ref())
    }

    /// The index of the candidate `key` identifies, shown as `display`: a new one when `key`
    /// is new. A display name another candidate already shows gets the key after it, so two
    /// people of one name stay apart in the outputs.
    fn intern(&mut self, key: &str, display: &str) -> u32 {
        let key = identity(key);
        if let Some(&c) = self.index.get(key.as_ref()) {
            return c;
        }
        let c = self.names.len() as u32;
        let shown = if display != key.as_ref() && !self.shown.insert(display.to_owned()) {
            format!("{display} ({key})")
        } else {
            display.to_owned()
        };
        self.names.push(shown);
        self.index.insert(key.into_owned(), c);
        self.seen.extend(std::iter::repeat_n(0, self.stride));
        c
    }

    /// Marks that candidate `c` answered question `q`; returns whether it already had.
    fn mark(&mut self, c: u32, q: u32) -> bool {
        let word = &mut self.seen[c as usize * self.stride + q as usize / 64];
        let bit = 1u64 << (q % 64);
        let had = *word & bit != 0;
        *word |= bit;
        had
    }
}

/// Who submitted a row: the key that tells candidates apart, and the name shown for them.
/// The key is the identity column's cell when the candidate column holds display names (two
/// people may share one), else the candidate cell; an anonymous response (Microsoft Forms
/// writes `anonymous`, Qualtrics and `SurveyMonkey` leave the email empty) is told apart by
/// the form's response id. `None` when the row names nobody.
pub(super) fn who<'r>(
    text: &impl Fn(usize) -> &'r str,
    columns: &Columns,
) -> Option<(Cow<'r, str>, Cow<'r, str>)> {
    let (candidate, respondent, identity) = match columns {
        Columns::Long { candidate, .. } => (*candidate, None, None),
        Columns::Wide { candidate, respondent, identity, .. } => {
            (*candidate, *respondent, *identity)
        }
    };
    let anonymous = |s: &str| s.is_empty() || s.eq_ignore_ascii_case("anonymous");
    let mut shown = Cow::Borrowed(text(candidate).trim());
    if let Some(r) = respondent
        && anonymous(&shown)
        && !text(r).trim().is_empty()
    {
        shown = Cow::Owned(format!("anonymous #{}", text(r).trim()));
    }
    if shown.is_empty() {
        return None;
    }
    let key = match identity.map(|i| text(i).trim()) {
        Some(id) if !anonymous(id) => Cow::Borrowed(id),
        _ => shown.clone(),
    };
    let key = match self::identity(&key) {
        Cow::Owned(lower) => Cow::Owned(lower),
        Cow::Borrowed(_) => key,
    };
    Some((key, shown))
}

/// Whether the grading pass would read `record` at all: as many fields as the header's last
/// named column, nothing past the header but empty cells, no cell over [`MAX_CELL_BYTES`], and
/// UTF-8 throughout. A row that fails is rejected for its shape, so it is no submission to keep.
pub(super) fn well_formed(record: &csv::ByteRecord, headers: &[String]) -> bool {
    let headed = headers.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1);
    record.len() >= headed
        && record.iter().skip(headers.len()).all(|c| c.trim_ascii().is_empty())
        && record.iter().all(|cell| cell.len() <= MAX_CELL_BYTES)
        && std::str::from_utf8(record.as_slice()).is_ok()
}

/// The largest cell graded. A long essay is tens of KB; a bigger cell is a broken or hostile
/// sheet, and matching rubrics against it would take seconds and gigabytes.
const MAX_CELL_BYTES: usize = 1 << 20;

/// What rows are checked against: the bank, its question lookup, and the kept submissions
/// when a first pass decided them.
#[derive(Clone, Copy)]
pub(super) struct Lookup<'a> {
    /// The bank.
    pub(super) bank: &'a Bank,
    /// Question ids and prompts.
    pub(super) questions: &'a QuestionLookup,
    /// The kept submission of each candidate, if decided beforehand.
    pub(super) winners: Option<&'a Winners>,
}

/// Checks one record (the `ordinal`-th data row over all sheets) and turns it into answers, or
/// says why it cannot be graded.
pub(super) fn row(
    record: &csv::ByteRecord,
    sheet: &Sheet,
    columns: &Columns,
    lookup: &Lookup<'_>,
    ordinal: u64,
    people: &mut People,
    out: &mut Chunk,
) -> Result<u64, Box<Rejected>> {
    let Lookup { bank, questions: question_index, winners } = *lookup;
    let position = record.position().cloned().unwrap_or_else(csv::Position::new);
    let cell = |i: usize| record.get(i).map(|b| String::from_utf8_lossy(b).trim().to_owned());
    let (cand_col, question_col) = match columns {
        Columns::Long { candidate, question, .. } => (*candidate, Some(*question)),
        Columns::Wide { candidate, .. } => (*candidate, None),
    };
    let reject = |reason: String| {
        // The csv reader skips blank lines without counting them, and starts the row after them
        // at the first one: a spreadsheet shows them as rows, and the file has them as lines.
        let (blank_before, blank_at) =
            sheet.reader.get_ref().blank_lines_at(position.byte(), sheet.crlf);
        Box::new(Rejected {
            sheet: sheet.path.clone(),
            row: position.record() + 1 + blank_before,
            line: position.line() + u64::from(sheet.crlf) + sheet.lines_before + blank_at,
            reason,
            candidate: cell(cand_col).unwrap_or_default(),
            question: question_col.and_then(cell).unwrap_or_default(),
            not_utf8: false,
        })
    };
    if let Some(line) = sheet.unclosed_quote() {
        return Err(reject(format!(
            "unclosed quote: the quoted cell that opens on line {line} runs to the end of the \
             file, taking every later line with it"
        )));
    }
    // Spreadsheets pad or trim empty cells at the end of a line: a row may stop after the last
    // headed column, or run past the header with empty cells; anything else is malformed.
    let headed = sheet.headers.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1);
    let padding_only = record.iter().skip(sheet.headers.len()).all(|c| c.trim_ascii().is_empty());
    if record.len() < headed || !padding_only {
        let (got, want) = (record.len(), sheet.headers.len());
        return Err(reject(format!("malformed row: {got} fields where the header has {want}")));
    }
    if let Some(column) = record.iter().position(|cell| cell.len() > MAX_CELL_BYTES) {
        let (name, size) =
            (sheet.headers.get(column).map_or("", String::as_str), record[column].len());
        return Err(reject(format!(
            "column {} (`{name}`) holds {size} bytes; qbank grades cells of up to 1 MiB ({MAX_CELL_BYTES} bytes)",
            column + 1
        )));
    }
    if let Some((column, offset)) = invalid_utf8(record) {
        let name = sheet.headers.get(column - 1).map_or("", String::as_str);
        let mut rejected = reject(format!(
            "invalid UTF-8 in column {column} (`{name}`) at byte {offset} of the cell"
        ));
        rejected.not_utf8 = true;
        return Err(rejected);
    }
    let text =
        |i: usize| record.get(i).and_then(|c| std::str::from_utf8(c).ok()).unwrap_or_default();
    let Some((key, candidate)) = who(&text, columns) else {
        return Err(reject("empty candidate".into()));
    };
    let candidate: &str = &candidate;
    match columns {
        Columns::Long { question, answer, human, .. } => {
            let qid = text(*question).trim();
            let Some(q) = question_index.find(qid) else {
                let ids = bank.questions.iter().map(|q| q.id.as_str());
                return Err(reject(match crate::diagnostics::did_you_mean(qid, ids) {
                    Some(s) => format!("unknown question `{qid}`; did you mean `{s}`?"),
                    None => format!("unknown question `{qid}`"),
                }));
            };
            let human = match human.map(|h| text(h).trim()) {
                None | Some("") => None,
                // `2,5` is 2.5 in the locales whose sheets use `;` between fields.
                Some(s) => match s.parse::<f64>().or_else(|e| match s.split_once(',') {
                    Some((_, frac)) if !s.contains('.') && !frac.contains(',') => {
                        s.replacen(',', ".", 1).parse::<f64>()
                    }
                    _ => Err(e),
                }) {
                    // `-0.0` is 0 (it would sort before `0` and make ranks differ).
                    Ok(v) if v.is_finite() && v >= 0.0 => Some(v + 0.0),
                    _ => {
                        return Err(reject(format!(
                            "human score `{s}` is not a non-negative number"
                        )));
                    }
                },
            };
            if let Some(why) = winners.and_then(|w| w.superseded(&key, Some(q), ordinal)) {
                return Err(reject(why));
            }
            let c = people.intern(&key, candidate);
            if people.mark(c, q) {
                return Err(reject(format!("duplicate answer of `{candidate}` to `{qid}`")));
            }
            out.push(c, q, text(*answer), human);
            Ok(1)
        }
        Columns::Wide { questions, .. } => {
            if let Some(why) = winners.and_then(|w| w.superseded(&key, None, ordinal)) {
                return Err(reject(why));
            }
            if people.contains(&key) {
                return Err(reject(format!("duplicate candidate `{candidate}`")));
            }
            let c = people.intern(&key, candidate);
            for &(col, q) in questions {
                people.mark(c, q as u32);
                match sheet.extra.get(col) {
                    // A multi-select question over several columns: the chosen options, joined.
                    Some(more) if !more.is_empty() => {
                        let chosen: Vec<&str> = std::iter::once(col)
                            .chain(more.iter().copied())
                            .map(|i| text(i).trim())
                            .filter(|t| !t.is_empty())
                            .collect();
                        out.push(c, q as u32, &chosen.join("; "), None);
                    }
                    _ => out.push(c, q as u32, text(col), None),
                }
            }
            Ok(questions.len() as u64)
        }
    }
}

/// The first cell that is not UTF-8: 1-based column and byte offset in the cell.
fn invalid_utf8(record: &csv::ByteRecord) -> Option<(usize, usize)> {
    if std::str::from_utf8(record.as_slice()).is_ok() {
        return None;
    }
    record
        .iter()
        .enumerate()
        .find_map(|(i, f)| std::str::from_utf8(f).err().map(|e| (i + 1, e.valid_up_to())))
}
