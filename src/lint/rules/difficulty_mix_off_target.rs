use crate::declare_rule;
use crate::lint::{BankCx, Corpus, Report, Rule, RuleMeta};
use crate::model::{Difficulty, DifficultyMix};

declare_rule! {
    /// ## What it does
    /// Compares the share of easy, medium and hard questions with the blueprint's
    /// `difficulty` targets and reports levels that stray further than `tolerance` (default 0.1).
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
    /// wrong, or change the targets (or `tolerance`) if the bank's purpose changed.
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
        let total = bank.bank.questions.len();
        if total == 0 {
            return;
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
            return;
        }
        report.push(
            Self::META
                .at(
                    bank.path,
                    "/blueprint/difficulty",
                    format!(
                        "difficulty mix is off target by more than {:.0} points: {}",
                        mix.tolerance * 100.0,
                        off.join(", ")
                    ),
                )
                .with_help(
                    "write or re-rate questions at the short levels, or change `blueprint.difficulty`",
                ),
        );
    }
}

fn target(mix: &DifficultyMix, level: Difficulty) -> f64 {
    match level {
        Difficulty::Easy => mix.easy,
        Difficulty::Medium => mix.medium,
        Difficulty::Hard => mix.hard,
    }
}
