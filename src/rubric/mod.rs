//! The rubric engine: deterministic, explainable grading of free-text answers, shared by `grade`,
//! `calibrate` and `lint`.
//!
//! A rubric is compiled once ([`CompiledRubric::compile`]) and then grades any number of answers
//! from any number of threads. Matching, in order of application:
//!
//! 1. **Normalize**: NFKC, lower case, accents removed, typographic quotes and dashes as ASCII.
//! 2. **Tokenize**: Unicode word boundaries (UAX #29); sentences end at `.`, `!`, `?` and line
//!    breaks, clauses also at `,`, `;`, `:`, brackets, dashes and "but"/"however"/…. n't
//!    contractions lose their apostrophe ("can't" = "cant") and number words become digits
//!    ("two" = "2"; "one" only where it counts something). A pattern's contraction also
//!    matches its spelled-out form and back (`doesn't` = `does not`; see `contractions.rs`).
//! 3. **Words match** when their English Snowball stems are equal, when a bank synonym says so
//!    (key → listed words or phrases), or — for words of letters with the same first letter —
//!    within 1 edit from 5 letters and 2 from 9 (words or stems compared alike).
//! 4. **Phrases** match their words in order, in one sentence, with at most [`GAP`] extra words
//!    between consecutive words; articles in patterns are ignored; `$name` stands for each
//!    phrasing of the bank's concept `name`.
//! 5. **Negation** ([`negation`]): a match in the scope of a NegEx-style cue — before it ("not",
//!    "without", "no need for", "instead of"), after it ("… are unnecessary", "… is not
//!    needed") or framing it ("a common misconception is that …") — does not count, unless the
//!    pattern itself states the negation; the result says which cue cancelled it.
//! 6. **Criteria**: met by any `any` pattern, or by one pattern from every `all` group (with
//!    `within: N`: in one sentence and at most N words from the first matched word to the last;
//!    with `same: sentence|clause`: in one sentence or clause; with `ordered`: in group order).
//!    `re:` patterns are regexes over the normalized text.
//! 7. **Score**: met criteria − met penalties, clamped to `[0, max]`.

mod answer;
mod comparisons;
mod compile;
mod contractions;
mod criterion;
mod exact;
mod irregular;
mod lexicon;
mod lists;
mod memo;
pub mod negation;
mod normalize;
mod numbers;
mod stem;
mod tokenize;
pub mod typo;

use std::collections::BTreeMap;

use serde::Serialize;

pub use answer::GAP;
pub use compile::{MAX_CONCEPT_DEPTH, MAX_EXPANSIONS};
pub use exact::{ExactKey, grade_exact};
pub use stem::stem;

use crate::model::{Bank, Id, Pattern, Question, QuestionType, Rubric, RubricList};
use compile::Synonyms;
use criterion::CompiledCriterion;
use lexicon::Lexicon;

/// A rubric compiled for grading: patterns resolved to word ids, synonyms expanded, regexes
/// built. `Send + Sync`, so one instance serves every grading thread.
#[derive(Debug)]
pub struct CompiledRubric {
    lexicon: Lexicon,
    criteria: Vec<CompiledCriterion>,
    penalties: Vec<CompiledCriterion>,
    max: u32,
}

/// A pattern that does not compile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pattern `{pattern}` of criterion `{criterion}` does not compile: {message}")]
pub struct CompileError {
    /// The criterion (or penalty) the pattern belongs to.
    pub criterion: Id,
    /// The pattern as written.
    pub pattern: String,
    /// Why it does not compile.
    pub message: String,
}

/// The outcome of grading one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    /// Points earned: met criteria minus met penalties, clamped to `[0, max]`.
    pub score: u32,
    /// The most the question can earn.
    pub max: u32,
    /// Every criterion, in rubric order, met or not.
    pub criteria: Vec<CriterionResult>,
    /// Every penalty, in rubric order, found or not.
    pub penalties: Vec<CriterionResult>,
}

impl Grade {
    /// The results of one list, in rubric order (so an index is the item's place in
    /// [`Rubric::list`]).
    pub fn results(&self, list: RubricList) -> &[CriterionResult] {
        match list {
            RubricList::Criteria => &self.criteria,
            RubricList::Penalties => &self.penalties,
        }
    }

    /// Every criterion's result, then every penalty's, with its list and index: the walk of
    /// [`Rubric::entries`] over the results.
    pub fn entries(&self) -> impl Iterator<Item = (RubricList, usize, &CriterionResult)> {
        RubricList::BOTH.into_iter().flat_map(move |list| {
            self.results(list).iter().enumerate().map(move |(i, r)| (list, i, r))
        })
    }
}

/// How one criterion or penalty fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionResult {
    /// The criterion's id.
    pub id: Id,
    /// The criterion's points (earned, or deducted for a penalty, only when `met`).
    pub points: u32,
    /// Whether the answer met it (for a penalty: whether the misconception was found).
    pub met: bool,
    /// The answer's own words that met it, in answer order.
    pub evidence: Vec<String>,
    /// When not met although its words occur: why the match did not count ("matched `fencing
    /// tokens`, negated by `unnecessary`").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// The words a bank's rubrics share: its synonyms and its named concepts.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary<'a> {
    /// Words that also match other words, in every pattern.
    pub synonyms: &'a BTreeMap<String, Vec<String>>,
    /// Paraphrase families that patterns name as `$name`.
    pub concepts: &'a BTreeMap<String, Vec<String>>,
}

impl<'a> Vocabulary<'a> {
    /// The vocabulary of a bank.
    pub fn of(bank: &'a Bank) -> Self {
        Self { synonyms: &bank.synonyms, concepts: &bank.concepts }
    }
}

impl CompiledRubric {
    /// Compiles a rubric with its bank's synonyms and concepts; fails on a regex that does not
    /// compile, an unknown or looping concept, or a pattern that expands to more than
    /// [`MAX_EXPANSIONS`] phrasings.
    pub fn compile(rubric: &Rubric, vocabulary: Vocabulary<'_>) -> Result<Self, CompileError> {
        let concepts = vocabulary.concepts;
        let synonyms = Synonyms::new(vocabulary.synonyms);
        let mut lexicon = Lexicon::default();
        let mut build = |list: &[crate::model::Criterion]| {
            list.iter()
                .map(|c| {
                    let mut one =
                        |p: &Pattern| compile::compile(p, &c.id, &synonyms, concepts, &mut lexicon);
                    let any = c.any.iter().map(&mut one).collect::<Result<_, _>>()?;
                    let all: Vec<Vec<_>> = c
                        .all
                        .iter()
                        .map(|group| group.iter().map(&mut one).collect::<Result<_, _>>())
                        .collect::<Result<_, _>>()?;
                    let states_negation = compile::groups_state_negation(&all);
                    Ok(CompiledCriterion {
                        states_negation,
                        id: c.id.clone(),
                        points: c.points,
                        any,
                        all,
                        within: c.within,
                        same: c.same,
                        ordered: c.ordered,
                    })
                })
                .collect::<Result<Vec<_>, CompileError>>()
        };
        let criteria = build(&rubric.criteria)?;
        let penalties = build(&rubric.penalties)?;
        lexicon.seal();
        let max = criteria.iter().fold(0u32, |sum, c| sum.saturating_add(c.points));
        Ok(Self { lexicon, criteria, penalties, max })
    }

    /// Grades one answer.
    pub fn grade(&self, answer: &str) -> Grade {
        let analyzed = answer::Answer::analyze(answer, &self.lexicon);
        let found: Vec<_> = self.criteria.iter().map(|c| c.find(&analyzed)).collect();
        let listed = lists::listed(&analyzed, &found, || {
            let every = self.criteria.iter().chain(&self.penalties);
            every.flat_map(|c| c.phrases(&analyzed)).collect()
        });
        let criteria: Vec<CriterionResult> = self
            .criteria
            .iter()
            .zip(&found)
            .zip(&listed)
            .map(|((c, found), listed)| match listed {
                Some(sentence) => {
                    let words = criterion::quoted_all(&analyzed, found.as_deref());
                    c.unmet(format!(
                        "matched {words} in a list of terms (sentence {}), not in a claim",
                        sentence + 1
                    ))
                }
                None => c.result(&analyzed, found.as_deref()),
            })
            .collect();
        let penalties: Vec<CriterionResult> =
            self.penalties.iter().map(|c| c.evaluate(&analyzed)).collect();
        let earned: i64 = criteria.iter().filter(|c| c.met).map(|c| i64::from(c.points)).sum();
        let lost: i64 = penalties.iter().filter(|c| c.met).map(|c| i64::from(c.points)).sum();
        let score = (earned - lost).clamp(0, i64::from(self.max)) as u32;
        Grade { score, max: self.max, criteria, penalties }
    }

    /// The most an answer can score: the sum of the criteria's points.
    pub fn max(&self) -> u32 {
        self.max
    }
}

/// Whether a pattern has nothing to match: a phrase with no words (only punctuation or spaces)
/// or an empty `re:`. Lint reports these; the engine lets them never match.
pub fn pattern_is_empty(pattern: &Pattern) -> bool {
    match pattern.regex() {
        Some(source) => source.trim().is_empty(),
        None => compile::phrase_words(pattern.as_str()).is_empty(),
    }
}

/// A phrase as an answer would say it: each `$name` replaced by the first phrasing of the
/// bank's concept `name` (its last with `from_back`). Mutation testing writes answers from
/// rubric phrases with it.
pub fn spell_out(
    phrase: &str,
    concepts: &BTreeMap<String, Vec<String>>,
    from_back: bool,
) -> String {
    compile::spell_out(phrase, concepts, from_back, 0)
}

/// The names of the bank concepts a pattern refers to (`"$majority of $node"` → `majority`,
/// `node`); none for a `re:` pattern.
pub fn concept_names(pattern: &Pattern) -> Vec<&str> {
    if pattern.regex().is_some() {
        return Vec::new();
    }
    compile::concept_names(pattern.as_str())
}

/// Folds a text and collapses its whitespace: what `re:` patterns are matched against.
pub fn normalize_text(text: &str) -> String {
    answer::normalize(text)
}

/// Grades any question: by its rubric (open) or exactly (the other types).
#[derive(Debug)]
pub enum QuestionGrader {
    /// An open question with a rubric.
    Rubric(CompiledRubric),
    /// A choice, true-false or short question.
    Exact(ExactKey),
    /// An open question without a rubric: every answer scores 0 of 0.
    Ungraded,
}

impl QuestionGrader {
    /// Prepares the grader of one question.
    pub fn new(question: &Question, vocabulary: Vocabulary<'_>) -> Result<Self, CompileError> {
        Ok(match (&question.kind, &question.rubric) {
            (QuestionType::Open, Some(rubric)) => {
                Self::Rubric(CompiledRubric::compile(rubric, vocabulary)?)
            }
            (QuestionType::Open, None) => Self::Ungraded,
            _ => Self::Exact(ExactKey::new(question)),
        })
    }

    /// Grades one answer.
    pub fn grade(&self, answer: &str) -> Grade {
        match self {
            Self::Rubric(rubric) => rubric.grade(answer),
            Self::Exact(key) => key.grade(answer),
            Self::Ungraded => {
                Grade { score: 0, max: 0, criteria: Vec::new(), penalties: Vec::new() }
            }
        }
    }

    /// The most an answer can score.
    pub fn max(&self) -> u32 {
        match self {
            Self::Rubric(rubric) => rubric.max(),
            Self::Exact(_) => 1,
            Self::Ungraded => 0,
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod claims_tests;
