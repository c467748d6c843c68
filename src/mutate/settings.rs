//! The `[mutate]` table of `qbank.toml`: which operators run, the keyword-salad bound and the
//! break threshold.

use super::operator::Operator;

/// How `qbank mutate` (and the `mutant-survived` lint rule) mutate rubrics.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The operators that run, in report order (`operators = [...]`; default: all).
    pub operators: Vec<Operator>,
    /// A keyword salad may score at most this fraction of the maximum (`salad-max`, 0 to 1).
    pub salad_max: f64,
    /// `qbank mutate` exits 1 when the bank's mutation score (a percentage) is below this
    /// (`break`, Stryker's name; off by default).
    pub break_below: Option<f64>,
}

impl Default for Settings {
    fn default() -> Self {
        Self { operators: Operator::ALL.to_vec(), salad_max: 0.3, break_below: None }
    }
}
