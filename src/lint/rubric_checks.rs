//! Rubrics graded once per run: each open question's rubric is compiled, and its model answer and
//! examples are scored, before any rule runs; the rubric rules only read the results.

use rayon::prelude::*;

use crate::model::{Bank, QuestionType};
use crate::rubric::{CompileError, CompiledRubric, CriterionResult, Grade, Vocabulary};

/// The graded rubric of one question.
#[derive(Debug)]
pub struct RubricCheck {
    /// The compiled rubric, or why it does not compile.
    pub compiled: Result<CompiledRubric, CompileError>,
    /// The model answer's grade, when there is a model answer and the rubric compiled.
    pub model: Option<Grade>,
    /// Each example's grade, in the rubric's order (empty when the rubric did not compile).
    pub examples: Vec<Grade>,
    /// The grades of [`FILLER`] answers that say nothing (empty when the rubric did not compile).
    pub filler: Vec<Grade>,
}

/// Answers that say nothing about any topic: an empty one, and a sentence of only the function
/// words every answer is made of (no content word a real pattern might name). A criterion they meet gives points for nothing; a penalty they trigger
/// takes points from everyone. No negation words, which would cancel nearby matches.
pub const FILLER: [&str; 2] = [
    "",
    "Well, it is what it is, and that is all there is to it, as you can see from this and from \
     that, or so it would be for a thing of the kind.",
];

/// Grades every rubric of `bank` in parallel; the result has one entry per question.
pub fn check_all(bank: &Bank) -> Vec<Option<RubricCheck>> {
    bank.questions
        .par_iter()
        .map(|q| {
            let rubric = q.rubric.as_ref().filter(|_| q.kind == QuestionType::Open)?;
            let compiled = CompiledRubric::compile(rubric, Vocabulary::of(bank));
            let (model, examples, filler) = match &compiled {
                Ok(c) => (
                    q.answer.as_deref().filter(|a| !a.trim().is_empty()).map(|a| c.grade(a)),
                    rubric.examples.iter().map(|e| c.grade(&e.answer)).collect(),
                    FILLER.iter().map(|f| c.grade(f)).collect(),
                ),
                Err(_) => (None, Vec::new(), Vec::new()),
            };
            Some(RubricCheck { compiled, model, examples, filler })
        })
        .collect()
}

/// `` `id` ("the answer's words") `` for a met criterion; `` `id` `` when there is no evidence.
pub fn with_evidence(result: &CriterionResult) -> String {
    if result.evidence.is_empty() {
        return format!("`{}`", result.id);
    }
    format!("`{}` (\"{}\")", result.id, result.evidence.join(" "))
}
