//! Rubrics: how a free-text answer earns points.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use super::Id;

/// The grading rubric of an open question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// What an answer must say; each met criterion earns its points.
    pub criteria: Vec<Criterion>,
    /// Misconceptions; each one found subtracts its points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<Criterion>,
    /// Rubric tests: answers with the score they must get; `qbank lint` grades and compares them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Settings for `qbank mutate` (rubric mutation testing) of this rubric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutants: Option<MutantSettings>,
}

/// How `qbank mutate` treats this rubric's mutants (adversarial answers made from the model answer).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MutantSettings {
    /// Mutants the author accepts as equivalent (the rubric rightly grades them as it does): they
    /// are listed as `ignored` with the reason and left out of the mutation score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<IgnoredMutant>,
}

/// One suppressed mutant.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IgnoredMutant {
    /// The mutant's id as `qbank mutate` prints it (`question/operator/target/hash`), with or
    /// without the leading question id; or a prefix of whole segments (`negate-post/ring`)
    /// that ignores every mutant under it.
    #[schemars(length(min = 1, max = 300))]
    pub id: String,
    /// Why the mutant is equivalent: what a human grader would score and why.
    #[schemars(length(min = 1))]
    pub reason: String,
}

impl Rubric {
    /// The most an answer can score: the sum of the criteria's points.
    pub fn max_points(&self) -> u32 {
        self.criteria.iter().map(|c| c.points).sum()
    }

    /// Every criterion, then every penalty, with its place (list and index). Every walk over
    /// the two lists goes through this, so their order and pointers are written once.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        RubricList::BOTH.into_iter().flat_map(move |list| {
            self.list(list).iter().enumerate().map(move |(index, criterion)| Entry {
                list,
                index,
                criterion,
            })
        })
    }

    /// The criteria or the penalties.
    pub fn list(&self, list: RubricList) -> &[Criterion] {
        match list {
            RubricList::Criteria => &self.criteria,
            RubricList::Penalties => &self.penalties,
        }
    }
}

/// Which of a rubric's two lists an item is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RubricList {
    /// `criteria`: each met one earns its points.
    Criteria,
    /// `penalties`: each one found subtracts its points.
    Penalties,
}

impl RubricList {
    /// Both lists, in the order graders and reports walk them.
    pub const BOTH: [Self; 2] = [Self::Criteria, Self::Penalties];

    /// The list's field name in a bank and in JSON pointers: `criteria` or `penalties`.
    pub fn field(self) -> &'static str {
        match self {
            Self::Criteria => "criteria",
            Self::Penalties => "penalties",
        }
    }

    /// What one item of the list is called in messages: `criterion` or `penalty`.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Criteria => "criterion",
            Self::Penalties => "penalty",
        }
    }
}

/// A criterion or penalty with its place in the rubric, as [`Rubric::entries`] yields it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'r> {
    /// The list it is in.
    pub list: RubricList,
    /// Its index in that list.
    pub index: usize,
    /// The item itself.
    pub criterion: &'r Criterion,
}

impl Entry<'_> {
    /// Its JSON pointer inside the question: `/rubric/<list>/<index>`.
    pub fn pointer(&self) -> String {
        format!("/rubric/{}/{}", self.list.field(), self.index)
    }
}

impl Criterion {
    /// Every pattern of `any` and of the `all` groups, with its place in the criterion.
    pub fn patterns(&self) -> impl Iterator<Item = (PatternAt, &Pattern)> {
        let any = self.any.iter().enumerate().map(|(k, p)| (PatternAt::Any(k), p));
        let all = self.all.iter().enumerate().flat_map(|(g, group)| {
            group.iter().enumerate().map(move |(k, p)| (PatternAt::All(g, k), p))
        });
        any.chain(all)
    }
}

/// Where a pattern sits in its criterion: `any/<k>` or `all/<group>/<k>` (a JSON-pointer tail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternAt {
    /// The `k`-th phrase of `any`.
    Any(usize),
    /// The `k`-th phrase of group `g` of `all`.
    All(usize, usize),
}

impl std::fmt::Display for PatternAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Any(k) => write!(f, "any/{k}"),
            Self::All(g, k) => write!(f, "all/{g}/{k}"),
        }
    }
}

/// A criterion (or a penalty): points for saying something, detected by patterns.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Id, unique among the rubric's criteria and penalties.
    pub id: Id,
    /// Points earned (criterion) or lost (penalty).
    #[schemars(range(min = 1, max = 1000))]
    pub points: u32,
    /// What the criterion looks for, in words a grader reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub describe: Option<String>,
    /// Met when any one of these patterns matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any: Vec<Pattern>,
    /// Met when one pattern of every group matches (and, with `within`, close together).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all: Vec<Vec<Pattern>>,
    /// For `all`: the groups' matches must fall within this many words, in one sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub within: Option<u32>,
    /// For `all`: the groups' matches must fall in one `sentence` or one `clause` (a clause ends
    /// at `,`, `;`, `:` and "but", "however", …), so the parts of a claim are said together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same: Option<Together>,
    /// For `all`: the groups' matches must come in the order the groups are written, for claims
    /// whose parts have roles ("the leader replicates to followers", not the reverse).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
}

/// The unit of text a claim's parts must share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Together {
    /// One sentence.
    Sentence,
    /// One clause of a sentence.
    Clause,
}

/// A rubric test case.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// A candidate answer.
    pub answer: String,
    /// What the rubric must give it: an exact score (`6`), a range (`"4-6"`), or a class:
    /// `strong` (at least 80% of the maximum), `mediocre` (above 30% and below 80%) or `wrong`
    /// (at most 30%).
    pub expect: Expect,
}

/// The score a rubric example must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Exactly this score.
    Exactly(u32),
    /// A score from the first bound to the second, both included.
    Between(u32, u32),
    /// A class of answer, judged against the rubric's maximum.
    Class(AnswerClass),
}

/// A class of answer, for rubric examples that state a band instead of one score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerClass {
    /// At least 80% of the maximum.
    Strong,
    /// Above 30% and below 80% of the maximum.
    Mediocre,
    /// At most 30% of the maximum.
    Wrong,
}

impl Expect {
    /// The lowest and highest score allowed, for a rubric whose maximum is `max`.
    pub fn bounds(self, max: u32) -> (u32, u32) {
        // Integer arithmetic: `score * 10 >= max * 8` and `score * 10 <= max * 3`.
        let strong = (max * 8).div_ceil(10);
        let wrong = max * 3 / 10;
        match self {
            Self::Exactly(n) => (n, n),
            Self::Between(lo, hi) => (lo, hi),
            Self::Class(AnswerClass::Strong) => (strong, max),
            Self::Class(AnswerClass::Wrong) => (0, wrong),
            Self::Class(AnswerClass::Mediocre) => {
                (wrong + 1, strong.saturating_sub(1).max(wrong + 1))
            }
        }
    }

    /// Whether `score` is what the example expects of a rubric whose maximum is `max`.
    pub fn admits(self, score: u32, max: u32) -> bool {
        let (lo, hi) = self.bounds(max);
        (lo..=hi).contains(&score)
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Exactly(n) => write!(f, "{n}"),
            Self::Between(lo, hi) => write!(f, "{lo}-{hi}"),
            Self::Class(AnswerClass::Strong) => f.write_str("strong"),
            Self::Class(AnswerClass::Mediocre) => f.write_str("mediocre"),
            Self::Class(AnswerClass::Wrong) => f.write_str("wrong"),
        }
    }
}

impl std::str::FromStr for Expect {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        Ok(match text {
            "strong" => Self::Class(AnswerClass::Strong),
            "mediocre" => Self::Class(AnswerClass::Mediocre),
            "wrong" => Self::Class(AnswerClass::Wrong),
            _ => {
                let bad = || {
                    format!(
                        "`{text}` is not a score, a range like `4-6` or one of `strong`, `mediocre`, `wrong`"
                    )
                };
                if let Ok(n) = text.parse() {
                    return Ok(Self::Exactly(n));
                }
                let (lo, hi) = text.split_once('-').ok_or_else(bad)?;
                let (lo, hi) =
                    (lo.trim().parse().map_err(|_| bad())?, hi.trim().parse().map_err(|_| bad())?);
                if lo > hi {
                    return Err(format!("the range `{text}` runs backwards: write `{hi}-{lo}`"));
                }
                Self::Between(lo, hi)
            }
        })
    }
}

impl Serialize for Expect {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Exactly(n) => serializer.serialize_u32(*n),
            other => serializer.serialize_str(&other.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Expect {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u32),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Number(n) => Ok(Self::Exactly(n)),
            Raw::Text(t) => t.parse().map_err(serde::de::Error::custom),
        }
    }
}

impl JsonSchema for Expect {
    fn schema_name() -> Cow<'static, str> {
        "Expect".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An exact score, a range `LOW-HIGH`, or a class: `strong` (at least 80% of the maximum), `mediocre` (above 30%, below 80%), `wrong` (at most 30%).",
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "enum": ["strong", "mediocre", "wrong"]},
                {"type": "string", "pattern": "^\\s*[0-9]+\\s*-\\s*[0-9]+\\s*$"}
            ]
        })
    }
}

/// A phrase to find in an answer (words in order, stemmed, synonyms and small typos allowed), or a
/// regular expression over the normalized answer when it starts with `re:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pattern(pub String);

impl Pattern {
    /// The regular expression source when the pattern is a `re:` pattern.
    pub fn regex(&self) -> Option<&str> {
        self.0.strip_prefix("re:")
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Pattern {
    fn schema_name() -> Cow<'static, str> {
        "Pattern".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A phrase (words in order; stemmed; bank synonyms and small typos allowed), or `re:` followed by a regular expression over the normalized answer.",
            "type": "string",
            "minLength": 1,
            "maxLength": 500
        })
    }
}

impl Pattern {
    /// Compiles a `re:` pattern (case-insensitive, size-limited so a hostile bank cannot blow up
    /// memory). Plain phrases compile to `Ok(None)`.
    pub fn compile_regex(&self) -> Result<Option<regex::Regex>, regex::Error> {
        let Some(source) = self.regex() else { return Ok(None) };
        regex::RegexBuilder::new(source)
            .case_insensitive(true)
            .size_limit(1 << 20)
            .dfa_size_limit(1 << 20)
            .build()
            .map(Some)
    }
}
