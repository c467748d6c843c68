//! Thresholds that rules read, settable in the `[lint]` and `[mutate]` tables of `qbank.toml`.

/// Tunable limits of the content rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// `prompt-too-long` reports prompts longer than this many characters.
    pub max_prompt_length: usize,
    /// `near-duplicate-prompt` reports prompt pairs whose word-pair Jaccard similarity is at least
    /// this (0 to 1).
    pub near_duplicate_threshold: f64,
    /// `correct-position-bias` only judges banks with at least this many `single` questions.
    pub position_bias_min_questions: usize,
    /// Rubric mutation testing (`[mutate]`), for `qbank mutate` and `mutant-survived`.
    pub mutate: crate::mutate::Settings,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_prompt_length: 600,
            near_duplicate_threshold: 0.7,
            position_bias_min_questions: 6,
            mutate: crate::mutate::Settings::default(),
        }
    }
}
