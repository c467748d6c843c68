use std::collections::BTreeMap;

use crate::declare_rule;
use crate::lint::{BankCx, Corpus, Report, Rule, RuleMeta};
use crate::model::Difficulty;

declare_rule! {
    /// ## What it does
    /// Finds topics with two or more questions that all have the same difficulty.
    ///
    /// ## Why is this bad?
    /// A topic asked only at one level cannot tell a candidate who knows the basics from one who
    /// knows the failure modes. It is a note, not a mistake: small topics are often like this.
    ///
    /// ## Example
    /// ```yaml
    /// questions:
    ///   - {id: raft-leader, topic: consensus, difficulty: medium, ...}
    ///   - {id: raft-log, topic: consensus, difficulty: medium, ...}
    /// ```
    ///
    /// ## Fix
    /// Add an easier or a harder question to the topic, or re-rate one that is mislabelled.
    pub SingleDifficultyTopic {
        name: "single-difficulty-topic",
        code: "QB004",
        severity: Info,
        summary: "every question of a topic has the same difficulty",
    }
}

impl Rule for SingleDifficultyTopic {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_bank(&self, bank: &BankCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        // topic -> (first question index, count, the one difficulty or None when mixed)
        let mut topics: BTreeMap<&str, (usize, usize, Option<Difficulty>)> = BTreeMap::new();
        for (i, q) in bank.bank.questions.iter().enumerate() {
            let entry = topics.entry(q.topic.as_str()).or_insert((i, 0, Some(q.difficulty)));
            entry.1 += 1;
            if entry.2 != Some(q.difficulty) {
                entry.2 = None;
            }
        }
        for (topic, (first, count, level)) in topics {
            let Some(level) = level else { continue };
            if count < 2 {
                continue;
            }
            let pointer = bank
                .bank
                .blueprint
                .as_ref()
                .and_then(|b| b.topics.iter().position(|t| t.id.as_str() == topic))
                .map_or_else(
                    || format!("/questions/{first}/topic"),
                    |i| format!("/blueprint/topics/{i}"),
                );
            let others: Vec<&str> =
                Difficulty::ALL.iter().filter(|d| **d != level).map(|d| d.as_str()).collect();
            report.push(
                Self::META
                    .at(
                        bank.path,
                        pointer,
                        format!(
                            "all {count} questions of topic `{topic}` are `{}`",
                            level.as_str()
                        ),
                    )
                    .with_help(format!(
                        "add {} `{}` or `{}` question to `{topic}` so it separates levels of skill",
                        if others[0].starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" },
                        others[0],
                        others[1]
                    )),
            );
        }
    }
}
