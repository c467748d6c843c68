//! Rubric mutation testing: adversarial answers made from each model answer, graded by the real
//! engine and compared with what the rubric should do with them.
//!
//! Like cargo-mutants, Stryker or PIT for code, but the program under test is a rubric and the
//! mutants are answers. Each [`Operator`] turns the model answer into mutants with an explicit
//! expectation ([`Expect`]): *must drop* (a keyword salad stays under a bound; a negated,
//! reversed, swapped or cut claim loses its criterion) or *must hold* (a denied misconception,
//! reordered sentences, prose for lists, another listed phrasing, filler or adverbs keep the
//! score). A mutant is *killed* when the rubric meets its expectation, *survived* when it does
//! not, *ignored* when the rubric's `mutants.ignore` says it is equivalent, and an operator
//! site with nothing to change is *unviable* (counted only). The mutation score is
//! killed / (killed + survived).
//!
//! Everything is deterministic: operators enumerate sites in answer and rubric order, and ids
//! hash the mutant's text with FNV-1a ([`mutant::mutant_id`]). See `docs/mutation-testing.md`.

pub mod hint;
pub mod mutant;
pub mod operator;
mod ops;
pub mod report;
pub mod run;
pub mod settings;
pub mod subject;
pub mod tally;
pub mod text;

use rayon::prelude::*;

pub use mutant::{Change, Expect, Mutant};
pub use operator::{Kind, Operator};
pub use run::{Outcome, QuestionRun, Tested, run_question};
pub use settings::Settings;
pub use subject::Skip;
pub use tally::Counts;

use crate::model::{Bank, Question, QuestionType};
use crate::rubric::CompiledRubric;

/// The mutation run of one question of a bank.
#[derive(Debug)]
pub struct QuestionResult<'a> {
    /// The question's index in the bank.
    pub index: usize,
    /// The question.
    pub question: &'a Question,
    /// Its mutants, or why it was skipped.
    pub result: Result<QuestionRun, Skip>,
}

/// Mutates every open question with a rubric (or those in `only`, when it is not empty), in
/// bank order. Questions without a rubric or a model answer are left out.
pub fn run_bank<'a>(
    bank: &'a Bank,
    settings: &Settings,
    only: &[String],
) -> Vec<QuestionResult<'a>> {
    let picked: Vec<(usize, &Question, &crate::model::Rubric)> = bank
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind == QuestionType::Open)
        .filter(|(_, q)| only.is_empty() || only.iter().any(|o| o == q.id.as_str()))
        .filter_map(|(i, q)| Some((i, q, q.rubric.as_ref()?)))
        .collect();
    picked
        .into_par_iter()
        .map(|(index, question, rubric)| {
            let result = match CompiledRubric::compile(rubric, crate::rubric::Vocabulary::of(bank))
            {
                Ok(compiled) => run_question(question, &compiled, &bank.concepts, settings),
                Err(_) => Err(Skip::Uncompilable),
            };
            QuestionResult { index, question, result }
        })
        .filter(|r| r.result.as_ref().err() != Some(&Skip::NotApplicable))
        .collect()
}
