//! The blueprint: what a bank promises to cover.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Id;

/// The coverage a bank commits to: required topics and a target difficulty mix.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Blueprint {
    /// Every topic a question may belong to, with the minimum number of questions it needs.
    pub topics: Vec<Topic>,
    /// The target share of easy, medium and hard questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<DifficultyMix>,
}

/// One topic of the blueprint.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The id questions use in their `topic` field.
    pub id: Id,
    /// Human title (Anki subdeck, LMS category, page section).
    #[schemars(length(min = 1))]
    pub title: String,
    /// Minimum number of questions this topic needs; lint reports a topic below it.
    #[serde(default = "one")]
    pub min: u32,
    /// What the topic covers, in Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

fn one() -> u32 {
    1
}

/// Target fractions of questions per difficulty; they should add up to 1 (lint reports them when not).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DifficultyMix {
    /// Target fraction of easy questions (0 to 1).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub easy: f64,
    /// Target fraction of medium questions (0 to 1).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub medium: f64,
    /// Target fraction of hard questions (0 to 1).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub hard: f64,
    /// How far each actual fraction may stray from its target before lint reports it.
    #[serde(default = "default_tolerance")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub tolerance: f64,
}

fn default_tolerance() -> f64 {
    0.1
}
