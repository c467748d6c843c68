//! The top level of a bank file.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Blueprint, Id, Question};

/// A question bank: metadata, the blueprint it must cover, shared synonyms and its questions.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    /// Format version of the bank file; always `1` for this version of qbank.
    #[schemars(range(min = 1, max = 1))]
    pub qbank: u32,
    /// Stable id of the bank; exports derive deck, category and package ids from it.
    pub id: Id,
    /// Human title, shown in exports (deck name, page title, LMS category).
    #[schemars(length(min = 1))]
    pub title: String,
    /// The seniority the bank is written for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// What the bank is for, in Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The topics the bank must cover and the target difficulty mix; `qbank lint` checks both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blueprint: Option<Blueprint>,
    /// Bank-wide synonyms for rubric matching: a word (the key) also matches each listed word or
    /// phrase. Shared by every rubric of the bank.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Named concepts: a paraphrase family written once (`majority: [majority, quorum, more than
    /// half]`) and referred to as `$majority` inside any rubric pattern of the bank. Unlike
    /// `synonyms`, which apply to every pattern by themselves, a concept applies only where a
    /// pattern names it. Phrasings may name other concepts (never in a loop); every phrasing
    /// counts toward the pattern's expansion limit.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(extend("propertyNames" = {"pattern": "^[a-z0-9][a-z0-9_-]*$"}))]
    pub concepts: BTreeMap<String, Vec<String>>,
    /// The questions, in the order exports present them.
    pub questions: Vec<Question>,
}

/// The seniority a bank targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Entry level.
    Junior,
    /// Mid level.
    Mid,
    /// Senior engineers.
    Senior,
    /// Staff and principal engineers.
    Staff,
}
