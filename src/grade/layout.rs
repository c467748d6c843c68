//! Sheet layouts: *long* (`candidate,question,answer[,score]`, one answer per row) and *wide*
//! (one row per candidate, one column per question headed by its id or its prompt text, as
//! Google Forms and Microsoft Forms export; other columns such as `Timestamp` are ignored).

use clap::ValueEnum;

use super::GradeError;
use crate::model::Bank;
use crate::rubric::normalize_text;

/// Which layout a sheet has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Layout {
    /// `candidate,question,answer` rows.
    Long,
    /// One row per candidate, one column per question.
    Wide,
    /// Long when the header has question and answer columns, wide otherwise.
    #[default]
    Auto,
}

/// The column names a user chose (all matched case-insensitively).
#[derive(Debug, Clone, Default)]
pub struct ColumnNames {
    /// The candidate column; defaults to `candidate` (long) or the first of `candidate`,
    /// `email`, `email address`, `username`, `name`, `id` (wide).
    pub candidate: Option<String>,
    /// The question column of a long sheet (default `question`).
    pub question: Option<String>,
    /// The answer column of a long sheet (default `answer`).
    pub answer: Option<String>,
    /// The human score column of a long sheet (calibration).
    pub human: Option<String>,
}

/// Where the fields of a sheet are, resolved from its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Columns {
    /// Long layout.
    Long {
        /// Candidate column index.
        candidate: usize,
        /// Question column index.
        question: usize,
        /// Answer column index.
        answer: usize,
        /// Human score column index, if asked for.
        human: Option<usize>,
    },
    /// Wide layout.
    Wide {
        /// Candidate column index.
        candidate: usize,
        /// `(column, question index)` for every question column.
        questions: Vec<(usize, usize)>,
        /// Headers of the columns that are neither the candidate nor a question.
        ignored: Vec<String>,
        /// A response-id column (`ID` in Microsoft Forms). Anonymous forms put `anonymous` in
        /// every email cell; the response id then tells the candidates apart.
        respondent: Option<usize>,
    },
}

fn find(headers: &[String], name: &str) -> Option<usize> {
    headers.iter().position(|h| h.eq_ignore_ascii_case(name.trim()))
}

fn required(headers: &[String], name: &str, flag: &str) -> Result<usize, GradeError> {
    find(headers, name).ok_or_else(|| GradeError::MissingColumn {
        name: name.to_owned(),
        flag: flag.to_owned(),
        headers: headers.join(", "),
    })
}

/// A header's key for matching question prompts: normalized text without Markdown emphasis or
/// trailing punctuation.
fn prompt_key(text: &str) -> String {
    let cleaned: String = text.chars().filter(|c| !matches!(c, '`' | '*' | '_')).collect();
    normalize_text(&cleaned).trim_end_matches(['.', '?', ':', ' ']).to_owned()
}

/// The question a wide header names: its id, `id: …`/`id - …`, or its prompt text.
fn question_of(header: &str, bank: &Bank, prompts: &[String]) -> Option<usize> {
    let h = header.trim();
    if let Some(i) = bank.questions.iter().position(|q| q.id.as_str() == h) {
        return Some(i);
    }
    let head = h.split([':', ' ', '.']).next().unwrap_or_default();
    if let Some(i) = bank.questions.iter().position(|q| q.id.as_str() == head) {
        return Some(i);
    }
    let key = prompt_key(h);
    (!key.is_empty()).then(|| prompts.iter().position(|p| *p == key)).flatten()
}

/// Resolves the columns of a sheet from its header.
pub fn resolve(
    headers: &[String],
    bank: &Bank,
    layout: Layout,
    names: &ColumnNames,
) -> Result<Columns, GradeError> {
    let question_name = names.question.as_deref().unwrap_or("question");
    let answer_name = names.answer.as_deref().unwrap_or("answer");
    let is_long = match layout {
        Layout::Long => true,
        Layout::Wide => false,
        Layout::Auto => {
            find(headers, question_name).is_some() && find(headers, answer_name).is_some()
        }
    };
    if is_long {
        let candidate = required(
            headers,
            names.candidate.as_deref().unwrap_or("candidate"),
            "--candidate-col",
        )?;
        let question = required(headers, question_name, "--question-col")?;
        let answer = required(headers, answer_name, "--answer-col")?;
        let human =
            names.human.as_deref().map(|h| required(headers, h, "--human-col")).transpose()?;
        return Ok(Columns::Long { candidate, question, answer, human });
    }
    let candidate = match &names.candidate {
        Some(name) => required(headers, name, "--candidate-col")?,
        None => ["candidate", "email", "email address", "username", "name", "id"]
            .iter()
            .find_map(|n| find(headers, n))
            .ok_or_else(|| GradeError::NoCandidateColumn { headers: headers.join(", ") })?,
    };
    let prompts: Vec<String> = bank.questions.iter().map(|q| prompt_key(&q.prompt)).collect();
    let mut questions = Vec::new();
    let mut ignored = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        if i == candidate {
            continue;
        }
        match question_of(header, bank, &prompts) {
            Some(q) if questions.iter().any(|&(_, seen)| seen == q) => {
                return Err(GradeError::DuplicateQuestionColumn {
                    question: bank.questions[q].id.to_string(),
                });
            }
            Some(q) => questions.push((i, q)),
            None => ignored.push(header.clone()),
        }
    }
    if questions.is_empty() {
        return Err(GradeError::NoQuestionColumns { headers: headers.join(", ") });
    }
    let respondent = ["id", "response id", "respondent id", "respondent"]
        .iter()
        .find_map(|n| find(headers, n))
        .filter(|&i| i != candidate);
    Ok(Columns::Wide { candidate, questions, ignored, respondent })
}
