use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lint::{BankCx, Corpus, Report, Rule, RuleMeta};
use crate::model::{Difficulty, DifficultyMix};

declare_rule! {
    /// ## What it does
    /// Compares the share of easy, medium and hard questions with the blueprint's
    /// `difficulty` targets and reports levels that stray further than `tolerance` (default 0.1).
    /// Targets that do not add up to 1 (within 0.01, so thirds written as 0.33 pass) are
    /// reported instead, with their sum: no bank can meet them.
    ///
    /// ## Why is this bad?
    /// A bank meant for senior interviews that is mostly easy questions (or a course bank that is
    /// mostly hard ones) measures the wrong thing, and random draws from it make uneven
    /// interviews.
    ///
    /// ## Example
    /// ```yaml
    /// blueprint:
    ///   difficulty: {easy: 0.2, medium: 0.5, hard: 0.3}
    /// questions:   # 4 easy, 1 medium, 0 hard
    ///   ...
    /// ```
    ///
    /// ## Fix
    /// Write questions at the levels that are short, re-rate questions whose `difficulty` is
    /// wrong, or change the targets (or `tolerance`) if the bank's purpose changed. Make the
    /// three targets add up to 1.
    pub DifficultyMixOffTarget {
        name: "difficulty-mix-off-target",
        code: "QB003",
        severity: Warning,
        summary: "the share of easy, medium or hard questions is off the blueprint's target",
    }
}

impl Rule for DifficultyMixOffTarget {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_bank(&self, bank: &BankCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        let Some(mix) = bank.bank.blueprint.as_ref().and_then(|b| b.difficulty.as_ref()) else {
            return;
        };
        if let Some(finding) = bad_sum(bank, mix) {
            // Shares cannot be judged against targets that no bank can meet.
            report.push(finding);
        } else if let Some(finding) = off_target(bank, mix) {
            report.push(finding);
        }
    }
}

/// How far the targets' sum may be from 1: rounding thirds to 0.33 (a sum of 0.99) is fine.
const SUM_SLACK: f64 = 0.01;

/// The finding for targets that do not add up to 1, with their sum.
fn bad_sum(bank: &BankCx<'_>, mix: &DifficultyMix) -> Option<Diagnostic> {
    let sum = mix.easy + mix.medium + mix.hard;
    if (sum - 1.0).abs() <= SUM_SLACK + 1e-9 {
        return None;
    }
    let message = format!(
        "the difficulty targets add up to {}, not 1 (easy {} + medium {} + hard {})",
        decimal(sum),
        decimal(mix.easy),
        decimal(mix.medium),
        decimal(mix.hard)
    );
    Some(
        DifficultyMixOffTarget::META.at(bank.path, "/blueprint/difficulty", message).with_help(
            "make `easy`, `medium` and `hard` the shares of the bank (they add up to 1)",
        ),
    )
}

/// The finding for shares of the bank's questions that stray from their targets.
fn off_target(bank: &BankCx<'_>, mix: &DifficultyMix) -> Option<Diagnostic> {
    let total = bank.bank.questions.len();
    if total == 0 {
        return None;
    }
    let mut off = Vec::new();
    for level in Difficulty::ALL {
        let have = bank.bank.questions.iter().filter(|q| q.difficulty == level).count();
        let share = have as f64 / total as f64;
        let target = target(mix, level);
        if (share - target).abs() > mix.tolerance + 1e-9 {
            off.push(format!(
                "{} {have} of {total} ({:.0}%, target {:.0}%)",
                level.as_str(),
                share * 100.0,
                target * 100.0
            ));
        }
    }
    if off.is_empty() {
        return None;
    }
    let message = format!(
        "difficulty mix is off target by more than {:.0} points: {}",
        mix.tolerance * 100.0,
        off.join(", ")
    );
    Some(DifficultyMixOffTarget::META.at(bank.path, "/blueprint/difficulty", message).with_help(
        "write or re-rate questions at the short levels, or change `blueprint.difficulty`",
    ))
}

/// `x` with at most three decimals and no trailing zeros: `2.1`, `0.333`, `0`.
fn decimal(x: f64) -> String {
    let text = format!("{x:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

fn target(mix: &DifficultyMix, level: Difficulty) -> f64 {
    match level {
        Difficulty::Easy => mix.easy,
        Difficulty::Medium => mix.medium,
        Difficulty::Hard => mix.hard,
    }
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn sums_read_as_short_decimals() {
        assert_eq!(decimal(0.9 + 0.9 + 0.3), "2.1");
        assert_eq!(decimal(0.0), "0");
        assert_eq!(decimal(1.0 / 3.0), "0.333");
        assert_eq!(decimal(0.5), "0.5");
    }
}
