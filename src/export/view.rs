//! The data templates see: the bank as plain, fully populated records.
//!
//! Templates run in strict mode (an undefined variable is an error), so every field is always
//! present here: absent optional values are `none` and absent lists are empty, whatever the bank
//! omitted. The view is the template authors' contract; it changes only additively.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Bank, ChoiceOption, Criterion, Question};

use super::ids;

/// The whole bank as templates see it (the `bank`, `topics`, `questions` and `meta` variables).
#[derive(Debug, Serialize)]
pub struct BankView<'a> {
    /// The bank id.
    pub id: &'a str,
    /// The bank title.
    pub title: &'a str,
    /// The bank's Markdown description, or none.
    pub description: Option<&'a str>,
    /// The level (`junior` … `staff`), or none.
    pub level: Option<&'static str>,
    /// Topics in blueprint order (then topics only questions name), each with its questions.
    pub topics: Vec<TopicView<'a>>,
    /// Every question in bank order.
    pub questions: Vec<Arc<QuestionView<'a>>>,
    /// Every tag used, sorted.
    pub tags: Vec<&'a str>,
    /// The difficulties used, easiest first.
    pub difficulties: Vec<&'static str>,
    /// The sum of every question's maximum points.
    pub total_points: u32,
    /// `qbank <version>`, for a generator note (no timestamps: exports are reproducible).
    pub generator: String,
}

/// The bank's own fields without its questions: what per-question templates get as `bank`
/// (rendering one note must not serialize the whole bank).
#[derive(Debug, Clone, Serialize)]
pub struct BankMeta<'a> {
    /// The bank id.
    pub id: &'a str,
    /// The bank title.
    pub title: &'a str,
    /// The bank's Markdown description, or none.
    pub description: Option<&'a str>,
    /// The level, or none.
    pub level: Option<&'static str>,
    /// `qbank <version>`.
    pub generator: &'a str,
}

/// A topic and its questions.
#[derive(Debug, Serialize)]
pub struct TopicView<'a> {
    /// The topic id.
    pub id: &'a str,
    /// The blueprint title, or the id when the blueprint does not list the topic.
    pub title: &'a str,
    /// The blueprint's Markdown description, or none.
    pub description: Option<&'a str>,
    /// The topic's questions in bank order.
    pub questions: Vec<Arc<QuestionView<'a>>>,
    /// The number its first question has on a page that shows the questions topic by topic
    /// (the next topic's `start` follows this topic's last question). A question's own
    /// `number` is its place in the bank, which differs when topics are interleaved there.
    pub start: usize,
}

/// One question with every field present.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView<'a> {
    /// The question id.
    pub id: &'a str,
    /// 1-based position in the bank.
    pub number: usize,
    /// A 16-hex-digit id derived from the bank and question ids.
    pub uid: String,
    /// `open`, `single`, `multiple`, `true-false` or `short`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The topic id.
    pub topic: &'a str,
    /// The topic title.
    pub topic_title: &'a str,
    /// `easy`, `medium` or `hard`.
    pub difficulty: &'static str,
    /// The Bloom level, or none.
    pub bloom: Option<String>,
    /// Tags as written.
    pub tags: &'a [String],
    /// The prompt (Markdown).
    pub prompt: &'a str,
    /// The model answer or explanation (Markdown), or none.
    pub answer: Option<&'a str>,
    /// Rubric criteria (empty unless the question is open and has a rubric).
    pub criteria: Vec<CriterionView<'a>>,
    /// Rubric penalties.
    pub penalties: Vec<CriterionView<'a>>,
    /// The most an answer can score.
    pub max_points: u32,
    /// Options of a choice question.
    pub options: Vec<OptionView<'a>>,
    /// The answer of a true-false question, or none.
    pub correct: Option<bool>,
    /// Accepted answers of a short question.
    pub accept: &'a [String],
    /// The numeric answer of a short question, or none.
    pub numeric: Option<NumericView>,
    /// Follow-up questions.
    pub follow_ups: &'a [String],
    /// References.
    pub references: &'a [String],
}

/// A rubric criterion or penalty.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionView<'a> {
    /// The criterion id.
    pub id: &'a str,
    /// Points earned or lost.
    pub points: u32,
    /// What it looks for: `describe`, or the id when there is no description (or a blank one).
    pub describe: &'a str,
}

/// An option of a choice question.
#[derive(Debug, Clone, Serialize)]
pub struct OptionView<'a> {
    /// 1-based position.
    pub number: usize,
    /// `A`, `B`, … (then `A1`… past 26 options).
    pub letter: String,
    /// The option text (Markdown).
    pub text: &'a str,
    /// Whether it is right.
    pub correct: bool,
    /// Feedback (Markdown), or none.
    pub feedback: Option<&'a str>,
}

/// A numeric answer.
#[derive(Debug, Clone, Serialize)]
pub struct NumericView {
    /// The expected value.
    pub value: f64,
    /// The accepted absolute deviation.
    pub tolerance: f64,
    /// `value`, written the short way (`443`, not `443.0`).
    pub value_text: String,
    /// `tolerance`, written the short way.
    pub tolerance_text: String,
}

impl<'a> BankView<'a> {
    /// The bank's fields without the questions.
    pub fn meta(&self) -> BankMeta<'_> {
        BankMeta {
            id: self.id,
            title: self.title,
            description: self.description,
            level: self.level,
            generator: &self.generator,
        }
    }

    /// Builds the view of a (filtered) bank.
    pub fn new(bank: &'a Bank) -> Self {
        let _phase = crate::timings::phase("export: view");
        // Views are independent (each hashes its uid); build them on every core, in order.
        // Topics share the views (a clone of each would be fresh memory for nothing).
        let titles: HashMap<&str, &str> = bank
            .blueprint
            .iter()
            .flat_map(|b| &b.topics)
            .rev() // the first of two equal ids wins, as a search from the start would
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .collect();
        let questions: Vec<Arc<QuestionView<'a>>> = bank
            .questions
            .par_iter()
            .enumerate()
            .map(|(i, q)| Arc::new(question(bank, q, i + 1, &titles)))
            .collect();
        let mut topics: Vec<TopicView<'a>> = Vec::new();
        if let Some(blueprint) = &bank.blueprint {
            for t in &blueprint.topics {
                topics.push(TopicView {
                    id: t.id.as_str(),
                    title: &t.title,
                    description: t.description.as_deref(),
                    questions: Vec::new(),
                    start: 0,
                });
            }
        }
        // Questions grouped by topic in one pass (a scan per topic is quadratic in a bank with
        // thousands of topics); topics only questions name come after the blueprint's.
        let mut by_topic: HashMap<&str, Vec<Arc<QuestionView<'a>>>> = HashMap::new();
        for q in &questions {
            let group = by_topic.entry(q.topic).or_default();
            if group.is_empty() && !titles.contains_key(q.topic) {
                topics.push(TopicView {
                    id: q.topic,
                    title: q.topic_title,
                    description: None,
                    questions: Vec::new(),
                    start: 0,
                });
            }
            group.push(Arc::clone(q));
        }
        for t in &mut topics {
            t.questions = by_topic.remove(t.id).unwrap_or_default();
        }
        topics.retain(|t| !t.questions.is_empty());
        let mut next = 1;
        for t in &mut topics {
            t.start = next;
            next += t.questions.len();
        }
        let mut tags: Vec<&str> =
            bank.questions.iter().flat_map(|q| q.tags.iter().map(String::as_str)).collect();
        tags.sort_unstable();
        tags.dedup();
        let difficulties = crate::model::Difficulty::ALL
            .iter()
            .filter(|d| bank.questions.iter().any(|q| q.difficulty == **d))
            .map(|d| d.as_str())
            .collect();
        BankView {
            id: bank.id.as_str(),
            title: &bank.title,
            description: bank.description.as_deref(),
            level: bank.level.map(level_name),
            total_points: questions.iter().map(|q| q.max_points).sum(),
            topics,
            questions,
            tags,
            difficulties,
            generator: format!("qbank {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

fn level_name(level: crate::model::Level) -> &'static str {
    use crate::model::Level;
    match level {
        Level::Junior => "junior",
        Level::Mid => "mid",
        Level::Senior => "senior",
        Level::Staff => "staff",
    }
}

fn question<'a>(
    bank: &'a Bank,
    q: &'a Question,
    number: usize,
    titles: &HashMap<&str, &'a str>,
) -> QuestionView<'a> {
    let criteria = |list: &'a [Criterion]| {
        list.iter()
            .map(|c| CriterionView {
                id: c.id.as_str(),
                points: c.points,
                describe: c
                    .describe
                    .as_deref()
                    .filter(|d| !d.trim().is_empty())
                    .unwrap_or(c.id.as_str()),
            })
            .collect::<Vec<_>>()
    };
    QuestionView {
        id: q.id.as_str(),
        number,
        uid: ids::stable_hex(&[bank.id.as_str(), q.id.as_str()], 16),
        kind: q.kind.as_str(),
        topic: q.topic.as_str(),
        // The blueprint's title, or the id itself.
        topic_title: titles.get(q.topic.as_str()).copied().unwrap_or(q.topic.as_str()),
        difficulty: q.difficulty.as_str(),
        bloom: q
            .bloom
            .and_then(|b| serde_json::to_value(b).ok().and_then(|v| v.as_str().map(str::to_owned))),
        tags: &q.tags,
        prompt: &q.prompt,
        answer: q.answer.as_deref(),
        criteria: q.rubric.as_ref().map(|r| criteria(&r.criteria)).unwrap_or_default(),
        penalties: q.rubric.as_ref().map(|r| criteria(&r.penalties)).unwrap_or_default(),
        max_points: q.max_points(),
        options: q.options.iter().enumerate().map(|(i, o)| option(i, o)).collect(),
        correct: q.correct,
        accept: &q.accept,
        numeric: q.numeric.as_ref().map(|n| NumericView {
            value: n.value,
            tolerance: n.tolerance,
            value_text: n.value.to_string(),
            tolerance_text: n.tolerance.to_string(),
        }),
        follow_ups: &q.follow_ups,
        references: &q.references,
    }
}

fn option(i: usize, o: &ChoiceOption) -> OptionView<'_> {
    let letter = char::from(b'A' + (i % 26) as u8);
    OptionView {
        number: i + 1,
        letter: if i < 26 { letter.to_string() } else { format!("{letter}{}", i / 26) },
        text: &o.text,
        correct: o.correct,
        feedback: o.feedback.as_deref(),
    }
}
