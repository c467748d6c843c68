//! The view of a bank that the LMS exporters (Moodle XML, GIFT, QTI 1.2/2.1/3.0) render.
//!
//! Everything an LMS needs is decided here once, in Rust, so the templates stay structural:
//! questions grouped into one category per topic, Moodle grade fractions, stable identifiers,
//! Markdown already rendered to the XHTML subset of [`xhtml`] and every string cleaned of
//! XML-illegal control characters. Templates receive this as `bank` and never see raw bank data
//! they could evaluate.

use serde::Serialize;

mod grades;
mod text;
pub mod xhtml;

use grades::fractions;
use text::{clean, idnumber, list_html, number, path_part, rubric_html};

use crate::model::{Bank, Question, QuestionType};

/// A question the LMS formats cannot represent.
#[derive(Debug, thiserror::Error)]
pub enum LmsError {
    /// Moodle's grade list has no split of 100% over this many correct options.
    #[error(
        "question `{question}` has {correct} correct options; Moodle grades at most 20 correct options of a `multiple` question"
    )]
    TooManyCorrect {
        /// The question id.
        question: String,
        /// How many options are marked correct.
        correct: usize,
    },
    /// A short question whose accepted answers are all blank once cleaned.
    #[error("question `{question}` has no accepted answer that is not blank")]
    NoAnswer {
        /// The question id.
        question: String,
    },
    /// A numeric answer that is infinite or not a number.
    #[error("question `{question}` has a numeric answer that is not a finite number")]
    NotFinite {
        /// The question id.
        question: String,
    },
}

impl LmsError {
    /// The error as the export command reports it, naming the format.
    pub fn into_export(self, format: &'static str) -> super::ExportError {
        super::ExportError::Package { format, message: self.to_string() }
    }
}

/// The bank as the LMS templates see it.
#[derive(Debug, Serialize)]
pub struct LmsBank {
    /// Bank id.
    pub id: String,
    /// Bank title (plain text).
    pub title: String,
    /// Bank description as XHTML (empty when absent).
    pub description_html: String,
    /// Stable identifier for the whole package/test (an XML `NCName`).
    pub ident: String,
    /// One category per topic, in blueprint order, then topics only questions name.
    pub categories: Vec<LmsCategory>,
    /// Number of questions in all categories.
    pub question_count: usize,
    /// Sum of every question's points.
    pub total_points: u32,
}

/// A topic: a Moodle category, a QTI section.
#[derive(Debug, Serialize)]
pub struct LmsCategory {
    /// Topic id.
    pub id: String,
    /// Topic title (plain text).
    pub title: String,
    /// Moodle category path, `/` in titles doubled as Moodle's path syntax wants.
    pub path: String,
    /// Stable identifier of the section (an XML `NCName`).
    pub ident: String,
    /// Moodle category `idnumber`: `qb_<bank>_<topic>`, hashed when over Moodle's 100 characters.
    pub idnumber: String,
    /// Topic description as XHTML (empty when absent).
    pub description_html: String,
    /// The topic's questions in bank order.
    pub questions: Vec<LmsQuestion>,
}

/// One question, with everything each LMS format needs precomputed.
#[derive(Debug, Serialize)]
pub struct LmsQuestion {
    /// Question id.
    pub id: String,
    /// What the question becomes: `essay`, `single`, `multiple`, `truefalse`, `shortanswer` or
    /// `numerical`.
    pub kind: &'static str,
    /// Moodle `idnumber`, unique per bank: `<bank>_<question>` (hashed when too long).
    pub idnumber: String,
    /// QTI identifier (an XML `NCName`): `qb_<bank>_<question>`.
    pub ident: String,
    /// Short plain-text name (the question id).
    pub name: String,
    /// Difficulty name.
    pub difficulty: &'static str,
    /// Tags, then the difficulty.
    pub tags: Vec<String>,
    /// Points a full answer earns.
    pub points: u32,
    /// The prompt as XHTML.
    pub prompt_html: String,
    /// The model answer or explanation as XHTML (empty when absent).
    pub answer_html: String,
    /// The references as an XHTML list (empty when none).
    pub references_html: String,
    /// What a learner sees after answering: the answer and the references.
    pub feedback_html: String,
    /// The rubric for graders as XHTML (empty unless the question has one).
    pub rubric_html: String,
    /// Follow-up questions for the interviewer as an XHTML list (empty when none).
    pub follow_ups_html: String,
    /// Choice options (`single`, `multiple`), or `True`/`False` for `truefalse`.
    pub options: Vec<LmsOption>,
    /// The right answer of a `truefalse` question.
    pub correct: bool,
    /// Accepted short answers, cleaned (plain text).
    pub accept: Vec<String>,
    /// The same with `*` written `\\*`, since Moodle short answers read `*` as a wildcard.
    pub accept_moodle: Vec<String>,
    /// The numeric answer of a `numerical` question.
    pub numeric: Option<LmsNumeric>,
}

/// One option of a choice question.
#[derive(Debug, Serialize)]
pub struct LmsOption {
    /// Identifier within the item (`c1`, `c2` ...).
    pub ident: String,
    /// The option as inline XHTML.
    pub text_html: String,
    /// Plain text (for formats that show no markup).
    pub text: String,
    /// Whether the option is right.
    pub correct: bool,
    /// Moodle grade in percent, written as Moodle's grade list has it (`33.33333`, `-50`).
    pub fraction: &'static str,
    /// Option feedback as XHTML (empty when absent).
    pub feedback_html: String,
}

/// A numeric answer with its accepted range.
#[derive(Debug, Serialize)]
pub struct LmsNumeric {
    /// The value, shortest round-trip decimal.
    pub value: String,
    /// The tolerance.
    pub tolerance: String,
    /// `value - tolerance`.
    pub min: String,
    /// `value + tolerance`.
    pub max: String,
}

/// Builds the LMS view of a bank (already filtered to the selected questions).
pub fn build(bank: &Bank) -> Result<LmsBank, LmsError> {
    let questions = &bank.questions;
    let bank_id = bank.id.as_str();
    let mut order: Vec<(String, String, String)> = Vec::new();
    if let Some(blueprint) = &bank.blueprint {
        for topic in &blueprint.topics {
            let description = topic.description.as_deref().map(xhtml::block).unwrap_or_default();
            order.push((topic.id.0.clone(), clean(&topic.title), description));
        }
    }
    // Questions grouped by topic in one pass, not a scan per topic (quadratic in a bank with
    // thousands of topics); topics only questions name come after the blueprint's.
    let mut by_topic: std::collections::HashMap<&str, Vec<&Question>> =
        std::collections::HashMap::new();
    let declared: std::collections::HashSet<String> =
        order.iter().map(|(id, ..)| id.clone()).collect();
    for q in questions {
        let group = by_topic.entry(q.topic.as_str()).or_default();
        if group.is_empty() && !declared.contains(q.topic.as_str()) {
            order.push((q.topic.0.clone(), q.topic.0.clone(), String::new()));
        }
        group.push(q);
    }
    let bank_title = clean(&bank.title);
    let mut categories = Vec::new();
    let mut question_count = 0;
    let mut total_points = 0;
    for (topic, title, description_html) in order {
        let mut items = Vec::new();
        for &q in by_topic.get(topic.as_str()).map_or(&[][..], Vec::as_slice) {
            let item = question(bank_id, q)?;
            total_points += item.points;
            items.push(item);
        }
        if items.is_empty() {
            continue;
        }
        question_count += items.len();
        categories.push(LmsCategory {
            path: format!(
                "$course$/top/{}/{}",
                path_part(&bank_title, bank_id),
                path_part(&title, &topic)
            ),
            ident: format!("qb_{bank_id}_{topic}"),
            idnumber: idnumber(&format!("qb_{bank_id}"), &topic),
            id: topic,
            title,
            description_html,
            questions: items,
        });
    }
    Ok(LmsBank {
        id: bank_id.to_owned(),
        title: bank_title,
        description_html: bank.description.as_deref().map(xhtml::block).unwrap_or_default(),
        ident: format!("qb_{bank_id}"),
        categories,
        question_count,
        total_points,
    })
}

fn question(bank: &str, q: &Question) -> Result<LmsQuestion, LmsError> {
    let id = q.id.as_str();
    let answer_html = q.answer.as_deref().map(xhtml::block).unwrap_or_default();
    let references_html = list_html(&q.references);
    let feedback_html = [answer_html.as_str(), references_html.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let numeric = match (&q.kind, &q.numeric) {
        (QuestionType::Short, Some(n)) => {
            if !n.value.is_finite() || !n.tolerance.is_finite() {
                return Err(LmsError::NotFinite { question: id.to_owned() });
            }
            Some(LmsNumeric {
                value: number(n.value),
                tolerance: number(n.tolerance.abs()),
                min: number(n.value - n.tolerance.abs()),
                max: number(n.value + n.tolerance.abs()),
            })
        }
        _ => None,
    };
    let kind = match q.kind {
        QuestionType::Open => "essay",
        QuestionType::Single => "single",
        QuestionType::Multiple => "multiple",
        QuestionType::TrueFalse => "truefalse",
        QuestionType::Short if numeric.is_some() => "numerical",
        QuestionType::Short => "shortanswer",
    };
    let accept: Vec<String> =
        q.accept.iter().map(|a| clean(a).trim().to_owned()).filter(|a| !a.is_empty()).collect();
    if kind == "shortanswer" && accept.is_empty() {
        return Err(LmsError::NoAnswer { question: id.to_owned() });
    }
    let mut tags: Vec<String> =
        q.tags.iter().map(|t| clean(t)).filter(|t| !t.trim().is_empty()).collect();
    tags.push(q.difficulty.as_str().to_owned());
    Ok(LmsQuestion {
        id: id.to_owned(),
        kind,
        idnumber: idnumber(bank, id),
        ident: format!("qb_{bank}_{id}"),
        name: id.to_owned(),
        difficulty: q.difficulty.as_str(),
        tags,
        points: q.max_points().max(1),
        prompt_html: match xhtml::block(&q.prompt) {
            // A blank prompt would leave GIFT without question text; show the id instead.
            html if html.is_empty() => format!("<p>{id}</p>"),
            html => html,
        },
        answer_html,
        references_html,
        feedback_html,
        rubric_html: rubric_html(q),
        follow_ups_html: list_html(&q.follow_ups),
        options: options(q)?,
        correct: q.correct.unwrap_or(false),
        accept_moodle: accept.iter().map(|a| a.replace('*', "\\*")).collect(),
        accept,
        numeric,
    })
}

fn options(q: &Question) -> Result<Vec<LmsOption>, LmsError> {
    if q.kind == QuestionType::TrueFalse {
        let right = q.correct.unwrap_or(false);
        return Ok([("true", "True", right), ("false", "False", !right)]
            .into_iter()
            .map(|(ident, text, correct)| LmsOption {
                ident: ident.to_owned(),
                text_html: text.to_owned(),
                text: text.to_owned(),
                correct,
                fraction: if correct { "100" } else { "0" },
                feedback_html: String::new(),
            })
            .collect());
    }
    let correct = q.options.iter().filter(|o| o.correct).count();
    let wrong = q.options.len() - correct;
    let fractions = fractions(q.kind, correct, wrong)
        .ok_or_else(|| LmsError::TooManyCorrect { question: q.id.0.clone(), correct })?;
    let mut right_seen = 0;
    let mut out = Vec::new();
    for (i, option) in q.options.iter().enumerate() {
        let fraction = if option.correct {
            right_seen += 1;
            fractions.right(right_seen - 1)
        } else {
            fractions.wrong
        };
        out.push(LmsOption {
            ident: format!("c{}", i + 1),
            text_html: xhtml::inline(&option.text),
            text: clean(&option.text),
            correct: option.correct,
            fraction,
            feedback_html: option.feedback.as_deref().map(xhtml::block).unwrap_or_default(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Bank {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/banks")
            .join(name);
        let loaded = crate::load::load(&path).expect("fixture readable");
        loaded.bank.expect("fixture valid")
    }

    #[test]
    fn questions_are_grouped_by_topic_in_blueprint_order() {
        let view = build(&fixture("all-types.yaml")).expect("exportable");
        let topics: Vec<(&str, Vec<&str>)> = view
            .categories
            .iter()
            .map(|c| (c.id.as_str(), c.questions.iter().map(|q| q.kind).collect()))
            .collect();
        assert_eq!(
            topics,
            [
                ("storage", vec!["essay", "multiple"]),
                ("networking", vec!["single", "truefalse", "numerical"]),
            ]
        );
        assert_eq!(view.categories[0].path, "$course$/top/Every Question Type/Storage engines");
        assert_eq!(view.question_count, 5);
        assert_eq!(view.total_points, 5 + 4);
        let essay = &view.categories[0].questions[0];
        assert_eq!(
            (essay.idnumber.as_str(), essay.ident.as_str()),
            ("all-types_lsm-vs-btree", "qb_all-types_lsm-vs-btree")
        );
        assert!(
            essay.rubric_html.contains("+2 LSM writes are sequential"),
            "{}",
            essay.rubric_html
        );
        assert!(essay.rubric_html.contains("-1 Claims LSM reads"), "{}", essay.rubric_html);
    }

    #[test]
    fn topics_missing_from_the_blueprint_come_last_and_empty_ones_are_skipped() {
        let mut bank = fixture("all-types.yaml");
        bank.questions.retain(|q| q.topic.as_str() == "networking");
        bank.questions[0].topic = crate::model::Id("zeta".into());
        let view = build(&bank).expect("exportable");
        let ids: Vec<&str> = view.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["networking", "zeta"]);
        assert_eq!(view.categories[1].title, "zeta");
    }

    #[test]
    fn blank_short_answers_are_refused() {
        let mut bank = fixture("all-types.yaml");
        let short = bank
            .questions
            .iter_mut()
            .find(|q| q.kind == QuestionType::Short)
            .expect("a short question");
        short.numeric = None;
        short.accept = vec![" \u{1}".into()];
        let err = build(&bank).expect_err("blank answers");
        assert!(err.to_string().contains("no accepted answer"), "{err}");
    }
}
