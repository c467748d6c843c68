//! What the operators work from: a question's model answer cut into sentences, its grade, and
//! for each criterion the one sentence that carries it (its *claim*).
//!
//! A sentence carries a criterion when the engine, grading that sentence alone, finds the
//! criterion met. A criterion's claim is the list of sentences that carry it, with its evidence
//! words located in each. Sentence operators (negation, reversal, swap, dropping) change every
//! carrying sentence of a claim at once, so afterwards no sentence states the claim on its own:
//! "the criteria whose only evidence was in the changed sentences" are exactly the targets. A
//! criterion carried by no sentence is met only by words spread over several; it has no claim.

use std::collections::BTreeMap;
use std::ops::Range;

use super::text;
use crate::model::{Id, Question, Rubric};
use crate::rubric::{CompiledRubric, Grade};

/// One criterion's claim: the sentences that alone carry it.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The criterion's index in the rubric.
    pub criterion: usize,
    /// The criterion's id.
    pub id: Id,
    /// Each carrying sentence with the evidence words there, in answer order.
    pub sites: Vec<Site>,
}

/// A sentence that carries a claim.
#[derive(Debug, Clone)]
pub struct Site {
    /// The index of the sentence.
    pub sentence: usize,
    /// The evidence words, as byte ranges of the answer, in order.
    pub words: Vec<Range<usize>>,
}

impl Site {
    /// The byte range from the first evidence word to the last.
    pub fn span(&self) -> Range<usize> {
        let start = self.words.first().map_or(0, |w| w.start);
        let end = self.words.last().map_or(start, |w| w.end);
        start..end
    }
}

/// A question ready to be mutated.
#[derive(Debug)]
pub struct Subject<'a> {
    /// The question's id.
    pub question: &'a Id,
    /// Its rubric.
    pub rubric: &'a Rubric,
    /// The compiled rubric that grades the mutants.
    pub compiled: &'a CompiledRubric,
    /// The model answer.
    pub answer: &'a str,
    /// The model answer's grade.
    pub baseline: Grade,
    /// The answer's sentences, as byte ranges.
    pub sentences: Vec<Range<usize>>,
    /// Per criterion (rubric order): the sentences that carry it alone.
    pub carriers: Vec<Vec<usize>>,
    /// The claims, in rubric order.
    pub claims: Vec<Claim>,
    /// The bank's named concepts, to spell out `$name` in the phrases mutants quote.
    pub concepts: &'a BTreeMap<String, Vec<String>>,
}

/// No concepts: what a subject has until [`Subject::with_concepts`].
static NO_CONCEPTS: BTreeMap<String, Vec<String>> = BTreeMap::new();

/// Why a question is not mutated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Not an open question with a rubric and a model answer.
    NotApplicable,
    /// The model answer does not score the maximum: mutants would measure nothing (baseline).
    Baseline {
        /// What the model answer scores.
        score: u32,
        /// The maximum.
        max: u32,
    },
    /// The rubric does not compile (`qbank lint` says why).
    Uncompilable,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotApplicable => f.write_str("no rubric or no model answer"),
            Self::Baseline { score, max } => write!(
                f,
                "the model answer scores {score} of {max}, not the maximum, so mutants would measure nothing (baseline)"
            ),
            Self::Uncompilable => f.write_str("the rubric does not compile"),
        }
    }
}

impl<'a> Subject<'a> {
    /// Grades the model answer and each of its sentences; a question whose answer does not
    /// score the maximum is skipped.
    pub fn new(question: &'a Question, compiled: &'a CompiledRubric) -> Result<Self, Skip> {
        let (Some(rubric), Some(answer)) = (question.rubric.as_ref(), question.answer.as_deref())
        else {
            return Err(Skip::NotApplicable);
        };
        if answer.trim().is_empty() || compiled.max() == 0 {
            return Err(Skip::NotApplicable);
        }
        let baseline = compiled.grade(answer);
        if baseline.score < baseline.max {
            return Err(Skip::Baseline { score: baseline.score, max: baseline.max });
        }
        let sentences = text::sentences(answer);
        let alone: Vec<Grade> =
            sentences.iter().map(|r| compiled.grade(&answer[r.clone()])).collect();
        let carriers: Vec<Vec<usize>> = (0..baseline.criteria.len())
            .map(|c| (0..sentences.len()).filter(|&s| alone[s].criteria[c].met).collect())
            .collect();
        let site = |c: usize, s: usize| {
            let range = sentences[s].clone();
            let found = text::locate(&answer[range.clone()], &alone[s].criteria[c].evidence)
                .filter(|f| !f.is_empty())?;
            let words = found.into_iter().map(|w| w.start + range.start..w.end + range.start);
            Some(Site { sentence: s, words: words.collect() })
        };
        // A claim whose evidence cannot be found in one of its sentences (a `re:` match) is left
        // out: changing only the other sentences would leave it rightly met.
        let claims = carriers
            .iter()
            .enumerate()
            .filter(|(_, carried)| !carried.is_empty())
            .filter_map(|(c, carried)| {
                let sites = carried.iter().map(|&s| site(c, s)).collect::<Option<Vec<_>>>()?;
                Some(Claim { criterion: c, id: baseline.criteria[c].id.clone(), sites })
            })
            .collect();
        Ok(Self {
            question: &question.id,
            rubric,
            compiled,
            answer,
            baseline,
            sentences,
            carriers,
            claims,
            concepts: &NO_CONCEPTS,
        })
    }

    /// The subject with its bank's concepts.
    #[must_use]
    pub fn with_concepts(self, concepts: &'a BTreeMap<String, Vec<String>>) -> Self {
        Self { concepts, ..self }
    }

    /// The text of sentence `s`.
    pub fn sentence(&self, s: usize) -> &'a str {
        &self.answer[self.sentences[s].clone()]
    }

    /// The model answer's score (its maximum).
    pub fn max(&self) -> u32 {
        self.baseline.max
    }
}
