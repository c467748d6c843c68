//! One question of a bank, of any type.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Rubric};

/// A question. One flat shape for every type: fields that a type does not use must be absent,
/// which the loader checks (a `single` question without options is an error, for example).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id, unique in the bank; grades, exports and lint findings name the question by it.
    pub id: Id,
    /// The blueprint topic this question belongs to.
    pub topic: Id,
    /// How the question is answered; defaults to `open` (free text graded by the rubric).
    #[serde(rename = "type", default)]
    pub kind: QuestionType,
    /// Difficulty for the blueprint's target mix and for filtering exports.
    pub difficulty: Difficulty,
    /// Optional Bloom's taxonomy level of the skill the question tests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bloom: Option<Bloom>,
    /// Free-form tags (exported as Anki tags and used by `--tag` filters).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The question as asked, in Markdown.
    #[schemars(length(min = 1))]
    pub prompt: String,
    /// The model answer in Markdown; for choice, true-false and short questions, the explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// How a free-text answer earns points (open questions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<Rubric>,
    /// The options of a `single` or `multiple` question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// The right answer of a `true-false` question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct: Option<bool>,
    /// Accepted answers of a `short` question, compared without case, punctuation or extra
    /// spaces (`Vector-Clock` is `vector clock`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
    /// The numeric answer of a `short` question, with its tolerance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeric: Option<Numeric>,
    /// Questions an interviewer can ask next.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<String>,
    /// Primary sources for the model answer: "Authors, year, title, venue. URL".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Per-question lint settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint: Option<LintSettings>,
}

impl Question {
    /// Every Markdown text of the question, in reading order: prompt, answer, each option and its
    /// feedback, follow-ups, references. What may hold images or links.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.prompt.as_str())
            .chain(self.answer.as_deref())
            .chain(
                self.options
                    .iter()
                    .flat_map(|o| std::iter::once(o.text.as_str()).chain(o.feedback.as_deref())),
            )
            .chain(self.follow_ups.iter().map(String::as_str))
            .chain(self.references.iter().map(String::as_str))
    }

    /// The points a fully correct answer earns: the rubric's criteria for open questions, 1 for
    /// the exactly graded types.
    pub fn max_points(&self) -> u32 {
        match (&self.kind, &self.rubric) {
            (QuestionType::Open, Some(rubric)) => rubric.max_points(),
            (QuestionType::Open, None) => 0,
            _ => 1,
        }
    }
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionType {
    /// Free text, graded by the rubric.
    #[default]
    Open,
    /// Exactly one correct option.
    Single,
    /// One or more correct options.
    Multiple,
    /// A statement that is true or false.
    TrueFalse,
    /// A short exact answer: a word, a phrase or a number.
    Short,
}

impl QuestionType {
    /// The name as written in a bank (`true-false`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::TrueFalse => "true-false",
            Self::Short => "short",
        }
    }
}

/// Difficulty of a question.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Difficulty {
    /// Answerable from core knowledge.
    Easy,
    /// Needs trade-offs or a mechanism explained.
    Medium,
    /// Needs depth: failure modes, proofs, real-system detail.
    Hard,
}

impl Difficulty {
    /// All levels, easiest first.
    pub const ALL: [Difficulty; 3] = [Self::Easy, Self::Medium, Self::Hard];

    /// The name as written in a bank.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Medium => "medium",
            Self::Hard => "hard",
        }
    }
}

/// Bloom's taxonomy level (revised, 2001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Bloom {
    /// Recall facts.
    Remember,
    /// Explain ideas.
    Understand,
    /// Use a method in a new situation.
    Apply,
    /// Break down and compare.
    Analyze,
    /// Judge and justify a choice.
    Evaluate,
    /// Design something new.
    Create,
}

/// One option of a choice question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// The option text, in Markdown.
    #[schemars(length(min = 1))]
    pub text: String,
    /// Whether choosing this option is right.
    #[serde(default)]
    pub correct: bool,
    /// Why the option is right or wrong, shown after answering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

/// A numeric answer with its tolerance.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Numeric {
    /// The expected value.
    pub value: f64,
    /// Accepted absolute deviation from `value`.
    #[serde(default)]
    #[schemars(range(min = 0.0))]
    pub tolerance: f64,
}

/// Per-question lint settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintSettings {
    /// Lint rules (by name) that do not apply to this question.
    #[serde(default)]
    pub allow: Vec<String>,
}
