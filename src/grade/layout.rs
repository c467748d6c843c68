//! Sheet layouts: *long* (`candidate,question,answer[,score]`, one answer per row) and *wide*
//! (one row per candidate, one column per question headed by its id or its prompt text, as
//! Google Forms and Microsoft Forms export; other columns such as `Timestamp` are ignored).

use std::collections::HashMap;

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
    /// `email`, `email address`, `recipient email`, `username`, `name`, `id` (wide).
    pub candidate: Option<String>,
    /// The question column of a long sheet (default `question`).
    pub question: Option<String>,
    /// The answer column of a long sheet (default `answer`).
    pub answer: Option<String>,
    /// The human score column of a long sheet (calibration).
    pub human: Option<String>,
    /// Wide-sheet columns named to questions by the user (`--column HEADER=ID`), winning over
    /// what the header says.
    pub mapped: Vec<(String, String)>,
    /// Wide-sheet columns the user says are no question of the bank (`--ignore-column`): never
    /// graded, never refused. A name no column has is no error (it may head another sheet).
    pub ignored: Vec<String>,
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
        /// The submission-time column, if any (orders repeated answers for `--keep`).
        timestamp: Option<usize>,
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
        /// When the candidate column holds display names (`Name`, Canvas's `name`), the column
        /// that identifies the candidate instead: an email column, else an id column. Two
        /// people may share a name; repeated submissions are found by this id, never by name.
        identity: Option<usize>,
        /// The submission-time column, if any (orders repeated submissions for `--keep`).
        timestamp: Option<usize>,
    },
}

fn find(headers: &[String], name: &str) -> Option<usize> {
    headers.iter().position(|h| h.eq_ignore_ascii_case(name.trim()))
}

/// The column headed `name`, when there is exactly one; two would leave which one holds the
/// data to a guess (the first, silently), so they are refused.
fn find_unique(headers: &[String], name: &str, flag: &str) -> Result<Option<usize>, GradeError> {
    let mut found = headers.iter().enumerate().filter(|(_, h)| h.eq_ignore_ascii_case(name.trim()));
    match (found.next(), found.next()) {
        (Some((first, header)), Some((second, _))) => Err(GradeError::DuplicateColumn {
            name: header.clone(),
            first: first + 1,
            second: second + 1,
            flag: flag.to_owned(),
        }),
        (first, _) => Ok(first.map(|(i, _)| i)),
    }
}

/// The one column headed `name`, which must be there.
fn required(headers: &[String], name: &str, flag: &str) -> Result<usize, GradeError> {
    find_unique(headers, name, flag)?.ok_or_else(|| GradeError::MissingColumn {
        name: name.to_owned(),
        hint: crate::diagnostics::did_you_mean(
            &name.to_lowercase(),
            headers.iter().map(String::as_str),
        )
        .map(|h| format!("; did you mean `{h}`?"))
        .unwrap_or_default(),
        flag: flag.to_owned(),
        headers: headers.join(", "),
    })
}

/// The text a reader sees in bank Markdown: emphasis, code spans and link syntax dropped,
/// entities decoded (Canvas leaves `&amp;` in its headers), paragraphs and line breaks as
/// spaces. A form tool's question title is this text.
fn visible_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// A prompt or header's key for matching: the normalized visible text without trailing
/// punctuation.
fn prompt_key(text: &str) -> String {
    normalize_text(&visible_text(text)).trim_end_matches(['.', '?', ':', ' ']).to_owned()
}

/// A header without what form tools put before the question text: Canvas's question number
/// (`4411: What is …`, its Student Analysis report), or a numbering such as `1.`, `2)`, `Q3:`
/// or `Question 4 -`. Headers that are only a number are left alone.
fn without_numbering(header: &str) -> &str {
    let lower = header.to_ascii_lowercase();
    let skip = ["question", "q"]
        .iter()
        .find(|p| {
            lower.starts_with(*p)
                && lower[p.len()..].trim_start().starts_with(|c: char| c.is_ascii_digit())
        })
        .map_or(0, |p| p.len());
    let rest = header[skip..].trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return header;
    }
    let after = rest[digits..].trim_start();
    let after =
        after.strip_prefix([':', '.', ')', '-']).unwrap_or(if skip > 0 { after } else { "" });
    let text = after.trim_start();
    if text.is_empty() { header } else { text }
}

/// How a wide header names a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// By id (`ring`, `ring: …`) or by its whole prompt, maybe after a numbering (`4411: `,
    /// `1. `, `Q3: `).
    Exactly(usize),
    /// By text that starts the prompt, or starts with it (a title cut short, or one followed by
    /// a description); at least three words, fitting exactly one question.
    Partly(usize),
}

/// The keys a header's text is compared with prompts by: as written, then without its
/// numbering (a prompt may itself start with one).
fn header_keys(header: &str) -> Vec<String> {
    let mut keys = vec![prompt_key(header)];
    let unnumbered = without_numbering(header);
    if unnumbered != header {
        keys.push(prompt_key(unnumbered));
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// The question a wide header names, if any.
fn question_of(header: &str, bank: &Bank, prompts: &[String]) -> Option<Named> {
    let h = header.trim();
    if let Some(i) = bank.questions.iter().position(|q| q.id.as_str() == h) {
        return Some(Named::Exactly(i));
    }
    let head = h.split([':', ' ', '.']).next().unwrap_or_default();
    if let Some(i) = bank.questions.iter().position(|q| q.id.as_str() == head) {
        return Some(Named::Exactly(i));
    }
    let keys = header_keys(h);
    if let Some(i) = keys.iter().find_map(|k| prompts.iter().position(|p| p == k)) {
        return Some(Named::Exactly(i));
    }
    let starts = |long: &str, short: &str| {
        short.split(' ').count() >= 3
            && long
                .strip_prefix(short)
                .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
    };
    keys.iter().find_map(|key| {
        let mut fits = prompts
            .iter()
            .enumerate()
            .filter(|(_, p)| starts(p, key) || starts(key, p))
            .map(|(i, _)| i);
        match (fits.next(), fits.next()) {
            (Some(i), None) => Some(Named::Partly(i)),
            _ => None,
        }
    })
}

/// Words a heading may have and still read as a label rather than a question.
const FEW_WORDS: usize = 4;

/// The near-miss threshold: a heading sharing at least this share of its words with a prompt
/// (Jaccard similarity of the two word sets, after normalization) is an edited copy of it.
pub const NEAR_MISS: f64 = 0.5;

/// The Jaccard similarity of the word sets of two prompt keys.
fn similarity(a: &str, b: &str) -> f64 {
    fn words(s: &str) -> Vec<&str> {
        s.split(' ').filter(|w| !w.is_empty()).collect()
    }
    let (mut a, mut b) = (words(a), words(b));
    a.sort_unstable();
    a.dedup();
    b.sort_unstable();
    b.dedup();
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let union = a.len() + b.len() - shared;
    if union == 0 { 0.0 } else { shared as f64 / union as f64 }
}

/// The question whose prompt is closest to `header` (most similar; on a tie the first), among
/// `among`, with the similarity.
fn closest(header: &str, prompts: &[String], among: &[usize]) -> Option<(usize, f64)> {
    let keys = header_keys(header);
    among
        .iter()
        .map(|&q| {
            let best = keys.iter().map(|k| similarity(k, &prompts[q])).fold(0.0, f64::max);
            (q, best)
        })
        .filter(|&(_, sim)| sim > 0.0)
        .fold(None, |best: Option<(usize, f64)>, (q, sim)| match best {
            Some((_, b)) if b >= sim => best,
            _ => Some((q, sim)),
        })
}

/// The first column that names no question yet reads as one (it ends with `?`, or it is a near
/// miss of a prompt, or it has more than [`FEW_WORDS`] words and is no form tool's metadata
/// column): an edited heading, whose question would otherwise vanish from every total.
fn unmatched_question(
    headers: &[String],
    candidate: usize,
    naming: &[Option<Named>],
    bank: &Bank,
    prompts: &[String],
    names: &ColumnNames,
) -> Option<GradeError> {
    let all: Vec<usize> = (0..prompts.len()).collect();
    let answered: Vec<usize> = naming
        .iter()
        .filter_map(|n| match n {
            Some(Named::Exactly(q) | Named::Partly(q)) => Some(*q),
            None => None,
        })
        .collect();
    let unasked: Vec<usize> = all.iter().copied().filter(|q| !answered.contains(q)).collect();
    headers.iter().enumerate().find_map(|(i, header)| {
        let header = header.trim();
        if i == candidate
            || naming[i].is_some()
            || header.is_empty()
            || super::metadata::is_metadata(header)
            || names.ignored.iter().any(|n| n.trim().eq_ignore_ascii_case(header))
        {
            return None;
        }
        let near = closest(header, prompts, &all);
        let reads_as_question = header.ends_with(['?', '？'])
            || header.split_whitespace().count() > FEW_WORDS
            || near.is_some_and(|(_, sim)| sim >= NEAR_MISS);
        if !reads_as_question {
            return None;
        }
        // The questions no other column names are what an edited heading most likely was.
        let suggestion = closest(header, prompts, &unasked).or(near).map(|(q, _)| {
            let question = &bank.questions[q];
            (question.id.to_string(), visible_text(&question.prompt).trim().to_owned())
        });
        Some(GradeError::UnmatchedQuestionColumn {
            sheet: std::path::PathBuf::new(),
            column: i + 1,
            header: header.to_owned(),
            suggestion,
        })
    })
}

/// Finds the question a long sheet's question cell names: its id, or else its whole prompt as a
/// reader sees it (survey tools that write one answer per row put the question text there). A
/// prompt two questions share names neither.
#[derive(Debug, Clone, Default)]
pub struct QuestionLookup {
    ids: HashMap<String, u32>,
    prompts: HashMap<String, Option<u32>>,
}

impl QuestionLookup {
    /// Indexes the bank's question ids and prompts.
    pub fn new(bank: &Bank) -> Self {
        let mut lookup = QuestionLookup::default();
        for (i, q) in bank.questions.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            lookup.ids.insert(q.id.to_string(), i);
            lookup
                .prompts
                .entry(prompt_key(&q.prompt))
                .and_modify(|seen| *seen = None)
                .or_insert(Some(i));
        }
        lookup
    }

    /// The question `cell` names, if any.
    pub fn find(&self, cell: &str) -> Option<u32> {
        let cell = cell.trim();
        self.ids.get(cell).copied().or_else(|| {
            let key = prompt_key(cell);
            self.prompts.get(&key).copied().flatten()
        })
    }
}

/// The candidate column of a wide sheet when none is named: the first of `candidate`, an email
/// column (`email`, `email address`, `recipient email` of Qualtrics, or a localized spelling
/// such as `Adresse e-mail`), `username`, `name`, `id` in the header.
fn default_candidate(headers: &[String], delimiter: u8) -> Result<usize, GradeError> {
    let names = std::iter::once("candidate")
        .chain(super::metadata::EMAIL.iter().copied())
        .chain(["username", "name", "id"]);
    for name in names {
        if let Some(i) = find_unique(headers, name, "--candidate-col")? {
            return Ok(i);
        }
    }
    Err(GradeError::NoCandidateColumn { headers: headers.join(", "), delimiter })
}

/// Whether a header is a long sheet's under `--layout auto`: it has the question and answer
/// columns (`question` and `answer` unless named), and no column is named to a question.
pub fn looks_long(headers: &[String], names: &ColumnNames) -> bool {
    // Columns named to questions only make sense in a wide sheet.
    names.mapped.is_empty()
        && find(headers, names.question.as_deref().unwrap_or("question")).is_some()
        && find(headers, names.answer.as_deref().unwrap_or("answer")).is_some()
}

/// Resolves the columns of a sheet from its header, split on `delimiter` (which errors name:
/// a header split on the wrong one has no column to find).
pub fn resolve(
    headers: &[String],
    delimiter: u8,
    bank: &Bank,
    layout: Layout,
    names: &ColumnNames,
) -> Result<Columns, GradeError> {
    let question_name = names.question.as_deref().unwrap_or("question");
    let answer_name = names.answer.as_deref().unwrap_or("answer");
    let is_long = match layout {
        Layout::Long => true,
        Layout::Wide => false,
        Layout::Auto => looks_long(headers, names),
    };
    if is_long {
        let candidate = match &names.candidate {
            Some(name) => required(headers, name, "--candidate-col")?,
            // `candidate`, else an email column as in a wide sheet.
            None => std::iter::once("candidate")
                .chain(super::metadata::EMAIL.iter().copied())
                .find_map(|name| find_unique(headers, name, "--candidate-col").transpose())
                .unwrap_or_else(|| required(headers, "candidate", "--candidate-col"))?,
        };
        let question = required(headers, question_name, "--question-col")?;
        let answer = required(headers, answer_name, "--answer-col")?;
        let human =
            names.human.as_deref().map(|h| required(headers, h, "--human-col")).transpose()?;
        let timestamp = timestamp_column(headers);
        return Ok(Columns::Long { candidate, question, answer, human, timestamp });
    }
    let candidate = match &names.candidate {
        Some(name) => required(headers, name, "--candidate-col")?,
        None => default_candidate(headers, delimiter)?,
    };
    let prompts: Vec<String> = bank.questions.iter().map(|q| prompt_key(&q.prompt)).collect();
    let mut questions = Vec::new();
    let mut ignored = Vec::new();
    let mut naming: Vec<Option<Named>> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| if i == candidate { None } else { question_of(h, bank, &prompts) })
        .collect();
    for (header, id) in &names.mapped {
        let column = required(headers, header, "--column")?;
        let Some(q) = bank.questions.iter().position(|q| q.id.as_str() == id) else {
            let ids = bank.questions.iter().map(|q| q.id.as_str());
            return Err(GradeError::UnknownQuestion {
                id: id.clone(),
                hint: crate::diagnostics::did_you_mean(id, ids)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default(),
            });
        };
        // The column now answers `q`; a header that named `q` by its text answers nothing.
        for named in &mut naming {
            if matches!(named, Some(Named::Exactly(n) | Named::Partly(n)) if *n == q) {
                *named = None;
            }
        }
        naming[column] = Some(Named::Exactly(q));
    }
    for (i, header) in headers.iter().enumerate() {
        if names.ignored.iter().any(|n| n.trim().eq_ignore_ascii_case(header)) {
            naming[i] = None;
        }
    }
    if let Some(err) = unmatched_question(headers, candidate, &naming, bank, &prompts, names) {
        return Err(err);
    }
    let exact = |q: usize| naming.contains(&Some(Named::Exactly(q)));
    for (i, header) in headers.iter().enumerate() {
        if i == candidate {
            continue;
        }
        match naming[i] {
            // A partial match next to an exact one is another column about the question (a
            // quiz export's `… [Score]` or `… [Feedback]`), not its answer.
            Some(Named::Partly(q)) if exact(q) => ignored.push(header.clone()),
            Some(Named::Exactly(q) | Named::Partly(q))
                if questions.iter().any(|&(_, seen)| seen == q) =>
            {
                return Err(GradeError::DuplicateQuestionColumn {
                    question: bank.questions[q].id.to_string(),
                });
            }
            Some(Named::Exactly(q) | Named::Partly(q)) => questions.push((i, q)),
            None => ignored.push(header.clone()),
        }
    }
    if questions.is_empty() {
        return Err(GradeError::NoQuestionColumns { headers: headers.join(", "), delimiter });
    }
    let respondent = ["id", "response id", "respondent id", "respondent"]
        .iter()
        .find_map(|n| find(headers, n))
        .filter(|&i| i != candidate);
    let identity = identity_column(headers, candidate);
    let timestamp = timestamp_column(headers);
    Ok(Columns::Wide { candidate, questions, ignored, respondent, identity, timestamp })
}

/// The first column headed as a submission time (see [`super::timestamp::HEADINGS`]).
fn timestamp_column(headers: &[String]) -> Option<usize> {
    super::timestamp::HEADINGS.iter().find_map(|name| find(headers, name))
}

/// Headings of columns that hold display names, not ids.
const DISPLAY_NAMES: &[&str] =
    &["name", "full name", "display name", "first name", "last name", "student", "nom", "nombre"];

/// The column that identifies candidates when `candidate` holds display names: an email column,
/// else Canvas's `sis_id` or `id` (a user id; in Microsoft Forms a response id, which keeps
/// every response apart rather than merging two people of one name).
fn identity_column(headers: &[String], candidate: usize) -> Option<usize> {
    let heading = headers.get(candidate)?.trim().to_lowercase();
    if !DISPLAY_NAMES.contains(&heading.as_str()) {
        return None;
    }
    super::metadata::EMAIL
        .iter()
        .copied()
        .chain(["sis_id", "id", "user id", "respondent id", "response id", "responseid"])
        .find_map(|name| find(headers, name))
        .filter(|&i| i != candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> Bank {
        serde_saphyr::from_str(
            r#"
qbank: 1
id: t
title: T
questions:
  - {id: ch, topic: a, type: open, difficulty: easy, prompt: "What is **consistent hashing** and why is it used?"}
  - {id: rl, topic: a, type: open, difficulty: easy, prompt: "How do you implement [rate limiting](https://example.org) and what algorithms exist?\n\nAssume a `Redis` cluster."}
  - {id: two, topic: a, type: open, difficulty: easy, prompt: "2PC & Saga: compare them."}
  - {id: cap1, topic: a, type: open, difficulty: easy, prompt: "Explain the CAP theorem for databases."}
  - {id: cap2, topic: a, type: open, difficulty: easy, prompt: "Explain the CAP theorem for queues."}
"#,
        )
        .expect("test bank parses")
    }

    fn named(header: &str) -> Option<&'static str> {
        let bank = bank();
        let prompts: Vec<String> = bank.questions.iter().map(|q| prompt_key(&q.prompt)).collect();
        let ids = ["ch", "rl", "two", "cap1", "cap2"];
        question_of(header, &bank, &prompts).map(|n| match n {
            Named::Exactly(i) | Named::Partly(i) => ids[i],
        })
    }

    #[test]
    fn prompts_match_as_a_form_shows_them() {
        assert_eq!(named("What is consistent hashing and why is it used?"), Some("ch"));
        assert_eq!(named("what is consistent hashing and why is it used"), Some("ch"));
        // Canvas's Student Analysis report: `<question id>: <question text without tags>`.
        assert_eq!(named("4411: What is consistent hashing and why is it used?"), Some("ch"));
        assert_eq!(named("4413: 2PC &amp; Saga: compare them."), Some("two"));
        // Numbered titles.
        assert_eq!(named("1. What is consistent hashing and why is it used?"), Some("ch"));
        assert_eq!(
            named("Q2) How do you implement rate limiting and what algorithms exist?"),
            Some("rl")
        );
        assert_eq!(named("Question 3 - 2PC & Saga: compare them"), Some("two"));
    }

    #[test]
    fn a_title_may_be_the_start_of_a_longer_prompt_or_carry_more() {
        // Link text and code spans are what a reader sees; the second paragraph went into the
        // form's description.
        assert_eq!(
            named("How do you implement rate limiting and what algorithms exist?"),
            Some("rl")
        );
        assert_eq!(
            named("What is consistent hashing and why is it used? (5 points, about 200 words)"),
            Some("ch")
        );
        // Ambiguous or too short: no guess.
        assert_eq!(named("Explain the CAP theorem"), None);
        assert_eq!(named("What is"), None);
        assert_eq!(named("Timestamp"), None);
        assert_eq!(named("2"), None);
    }

    #[test]
    fn score_and_feedback_columns_of_quiz_exports_are_not_answers() {
        let headers: Vec<String> = [
            "Timestamp",
            "Email Address",
            "Score",
            "What is consistent hashing and why is it used? [Score]",
            "What is consistent hashing and why is it used?",
            "What is consistent hashing and why is it used? [Feedback]",
            "How do you implement rate limiting and what algorithms exist? [Score]",
        ]
        .map(String::from)
        .to_vec();
        let columns = resolve(&headers, b',', &bank(), Layout::Wide, &ColumnNames::default());
        let Ok(Columns::Wide { candidate, questions, ignored, .. }) = columns else {
            panic!("{columns:?}");
        };
        assert_eq!(candidate, 1);
        assert_eq!(questions, vec![(4, 0)]);
        let others: Vec<String> = [0, 2, 3, 5, 6].iter().map(|&i| headers[i].clone()).collect();
        assert_eq!(ignored, others);
        // Two partial matches of one question are ambiguous: the sheet is refused, not guessed.
        let twice: Vec<String> = [
            "email",
            "Explain the CAP theorem for databases, please",
            "Explain the CAP theorem for databases (again)",
        ]
        .map(String::from)
        .to_vec();
        assert!(matches!(
            resolve(&twice, b',', &bank(), Layout::Wide, &ColumnNames::default()),
            Err(GradeError::DuplicateQuestionColumn { .. })
        ));
    }

    #[test]
    fn long_sheets_name_questions_by_id_or_whole_prompt() {
        let mut b = bank();
        let lookup = QuestionLookup::new(&b);
        assert_eq!(lookup.find(" ch "), Some(0));
        assert_eq!(lookup.find("What is consistent hashing and why is it used"), Some(0));
        assert_eq!(lookup.find("2PC &amp; Saga: compare them."), Some(2));
        assert_eq!(lookup.find("Explain the CAP theorem"), None, "a start is not enough here");
        assert_eq!(lookup.find("CH"), None);
        // A prompt two questions share names neither.
        b.questions[4].prompt = b.questions[3].prompt.clone();
        let lookup = QuestionLookup::new(&b);
        assert_eq!(lookup.find("Explain the CAP theorem for databases."), None);
        assert_eq!(lookup.find("cap2"), Some(4));
    }

    #[test]
    fn a_column_that_reads_as_a_question_but_names_none_is_refused() {
        let refused = |header: &str| {
            let headers: Vec<String> = ["email", "ch", header].map(String::from).to_vec();
            match resolve(&headers, b',', &bank(), Layout::Wide, &ColumnNames::default()) {
                Err(GradeError::UnmatchedQuestionColumn { column, suggestion, .. }) => {
                    assert_eq!(column, 3);
                    Some(suggestion.map(|(id, _)| id).unwrap_or_default())
                }
                Ok(_) => None,
                Err(e) => panic!("{e}"),
            }
        };
        // A `?`, more than four words, or half the words of a prompt: the closest question no
        // other column answers is suggested.
        assert_eq!(refused("How is rate limiting done?").as_deref(), Some("rl"));
        assert_eq!(refused("Please compare 2PC and Saga here").as_deref(), Some("two"));
        assert_eq!(refused("CAP theorem for databases").as_deref(), Some("cap1"));
        // Short labels and form tools' metadata are not questions.
        assert_eq!(refused("Team"), None);
        assert_eq!(refused("Heure de la dernière modification"), None);
        assert_eq!(refused("Duration (in seconds)"), None);
        // Named as no question, it is left alone.
        let headers: Vec<String> = ["email", "ch", "Why?"].map(String::from).to_vec();
        let names = ColumnNames { ignored: vec!["why?".into()], ..ColumnNames::default() };
        assert!(resolve(&headers, b',', &bank(), Layout::Wide, &names).is_ok());
    }

    #[test]
    fn similarity_is_the_share_of_words_in_common() {
        assert!((similarity("a b c", "a b d") - 0.5).abs() < 1e-12);
        assert!((similarity("a a b", "a b") - 1.0).abs() < 1e-12);
        assert!(similarity("", "").abs() < 1e-12);
    }

    #[test]
    fn numbering_is_only_stripped_before_text() {
        assert_eq!(without_numbering("4411: What is it?"), "What is it?");
        assert_eq!(without_numbering("12) Why?"), "Why?");
        assert_eq!(without_numbering("Q7: Why?"), "Why?");
        assert_eq!(without_numbering("2PC vs Saga"), "2PC vs Saga");
        assert_eq!(without_numbering("3 nodes fail"), "3 nodes fail");
        assert_eq!(without_numbering("Quorum reads"), "Quorum reads");
        assert_eq!(without_numbering("42"), "42");
    }

    #[test]
    fn two_columns_with_a_needed_name_are_refused_not_guessed() {
        let long: Vec<String> =
            ["candidate", "question", "Answer", "answer"].map(String::from).to_vec();
        let err = resolve(&long, b',', &bank(), Layout::Auto, &ColumnNames::default());
        assert!(
            matches!(&err, Err(GradeError::DuplicateColumn { name, first: 3, second: 4, flag })
                if name == "Answer" && flag == "--answer-col"),
            "{err:?}"
        );
        let wide: Vec<String> = ["Email", "ch", "email"].map(String::from).to_vec();
        let err = resolve(&wide, b',', &bank(), Layout::Wide, &ColumnNames::default());
        assert!(matches!(err, Err(GradeError::DuplicateColumn { first: 1, second: 3, .. })));
        // Other repeated headers are no concern of the grader.
        let notes: Vec<String> =
            ["candidate", "question", "answer", "note", "note"].map(String::from).to_vec();
        let ok = resolve(&notes, b',', &bank(), Layout::Auto, &ColumnNames::default());
        assert!(matches!(ok, Ok(Columns::Long { answer: 2, .. })), "{ok:?}");
    }
}
