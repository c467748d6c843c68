//! What rules see: every bank given on the command line, each question with its JSON pointer,
//! and the options from `qbank.toml`. Built once per run and shared (read-only) by all rules.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::{Bank, Question, Rubric};
use crate::source::{SourceFile, Span};

use super::options::Options;
use super::rubric_checks::RubricCheck;

/// All banks of one run: cross-file rules (duplicate prompts) look at all of them together.
#[derive(Debug)]
pub struct Corpus<'a> {
    /// The banks that loaded into the typed model, in command-line order.
    pub banks: Vec<BankCx<'a>>,
    /// Tunable thresholds.
    pub options: &'a Options,
}

/// One typed bank and where it came from.
#[derive(Debug)]
pub struct BankCx<'a> {
    /// The file the bank was read from.
    pub path: &'a Path,
    /// Its text, for rules that point inside a value (the words of an answer).
    pub source: &'a SourceFile,
    /// The typed bank.
    pub bank: &'a Bank,
    /// Per question (same index): the graded rubric, for open questions that have one.
    pub rubrics: Vec<Option<RubricCheck>>,
}

impl<'a> BankCx<'a> {
    /// Wraps a bank, grading every rubric's model answer and examples once (in parallel).
    pub fn new(source: &'a SourceFile, bank: &'a Bank) -> Self {
        let rubrics = super::rubric_checks::check_all(bank);
        Self { path: &source.path, source, bank, rubrics }
    }

    /// Every question with its position.
    pub fn questions(&self) -> impl Iterator<Item = QuestionCx<'_>> {
        self.bank.questions.iter().enumerate().map(move |(index, question)| QuestionCx {
            bank: self,
            index,
            question,
        })
    }
}

/// One question of a bank, with the pointer that locates it.
#[derive(Debug, Clone, Copy)]
pub struct QuestionCx<'a> {
    /// The bank it belongs to.
    pub bank: &'a BankCx<'a>,
    /// Its index in `questions`.
    pub index: usize,
    /// The question.
    pub question: &'a Question,
}

impl<'a> QuestionCx<'a> {
    /// The JSON pointer of the question followed by `suffix` (`"/prompt"`, or `""`).
    pub fn pointer(&self, suffix: &str) -> String {
        format!("/questions/{}{suffix}", self.index)
    }

    /// The file the question is in.
    pub fn path(&self) -> &'a Path {
        self.bank.path
    }

    /// The question's id.
    pub fn id(&self) -> &'a str {
        self.question.id.as_str()
    }

    /// The rubric, if the question has one.
    pub fn rubric(&self) -> Option<&'a Rubric> {
        self.question.rubric.as_ref()
    }

    /// The span in the file from the first to the last of `words` inside the value at
    /// `suffix` (`"/answer"`), matched case-insensitively in order; `None` when they are not
    /// found verbatim (a quoted scalar with escapes, for example).
    pub fn words_span(&self, suffix: &str, words: &[String]) -> Option<Span> {
        let (first, last) = (words.first()?, words.last()?);
        let value = self.bank.source.node(&self.pointer(suffix))?.value;
        let text = self.bank.source.text.get(value.start..value.end)?.to_lowercase();
        if text.len() != value.end - value.start {
            return None; // lower-casing changed byte lengths: offsets would not line up
        }
        let start = find_word(&text, &first.to_lowercase(), 0)?;
        let from_last = find_word(&text, &last.to_lowercase(), start)?;
        Some(Span::new(value.start + start, value.start + from_last + last.len()))
    }

    /// The graded rubric (compiled, model answer and examples scored), if there is one.
    pub fn rubric_check(&self) -> Option<&'a RubricCheck> {
        self.bank.rubrics.get(self.index).and_then(Option::as_ref)
    }
}

/// The first occurrence of `word` in `text` at or after `from` that is not part of a longer word.
fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut at = from;
    while let Some(found) = text.get(at..)?.find(word) {
        let start = at + found;
        let end = start + word.len();
        if boundary(text[..start].chars().next_back()) && boundary(text[end..].chars().next()) {
            return Some(start);
        }
        at = start + word.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Where rules put their findings.
#[derive(Debug, Default)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Adds a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The findings, in the order they were reported.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

#[cfg(test)]
mod tests {
    use super::find_word;

    #[test]
    fn words_are_found_whole() {
        assert_eq!(find_word("a model mod n", "mod", 0), Some(8));
        assert_eq!(find_word("mod", "mod", 0), Some(0));
        assert_eq!(find_word("modern", "mod", 0), None);
        assert_eq!(find_word("x mod y mod", "mod", 3), Some(8));
    }
}
