//! The typed bank: the one model every command consumes.
//!
//! The types derive `serde` (to load), `schemars` (to generate `schema/bank.schema.json`) and deny
//! unknown fields, so the schema and the loader agree by construction. Doc comments on fields are
//! the schema's descriptions and the README's format reference.

mod bank;
mod blueprint;
mod ids;
mod question;
mod rubric;

pub use bank::{Bank, Level};
pub use blueprint::{Blueprint, DifficultyMix, Topic};
pub use ids::Id;
pub use question::{
    Bloom, ChoiceOption, Difficulty, LintSettings, Numeric, Question, QuestionType,
};
pub use rubric::{
    AnswerClass, Criterion, Entry, Example, Expect, IgnoredMutant, MutantSettings, Pattern,
    PatternAt, Rubric, RubricList, Together,
};
