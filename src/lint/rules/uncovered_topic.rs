use std::collections::HashMap;

use crate::declare_rule;
use crate::lint::{BankCx, Corpus, Report, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Finds blueprint topics with fewer questions than their `min`.
    ///
    /// ## Why is this bad?
    /// The blueprint is the bank's promise: which topics an interview or a course covers. A topic
    /// below its minimum means candidates are never asked about something the bank claims to
    /// test, and nobody notices until the interview.
    ///
    /// ## Example
    /// ```yaml
    /// blueprint:
    ///   topics:
    ///     - {id: consensus, title: Consensus, min: 2}
    /// questions:
    ///   - {id: raft-leader, topic: consensus, difficulty: medium, prompt: How does Raft elect a leader?, ...}
    /// ```
    ///
    /// ## Fix
    /// Write the missing questions (with `topic: consensus`), or lower `min` if the promise was
    /// too big.
    pub UncoveredTopic {
        name: "uncovered-topic",
        code: "QB001",
        severity: Error,
        summary: "a blueprint topic has fewer questions than its `min`",
    }
}

impl Rule for UncoveredTopic {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_bank(&self, bank: &BankCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        let Some(blueprint) = &bank.bank.blueprint else { return };
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for q in &bank.bank.questions {
            *counts.entry(q.topic.as_str()).or_default() += 1;
        }
        for (i, topic) in blueprint.topics.iter().enumerate() {
            let have = counts.get(topic.id.as_str()).copied().unwrap_or(0);
            if have >= topic.min {
                continue;
            }
            let missing = topic.min - have;
            report.push(
                Self::META
                    .at(
                        bank.path,
                        format!("/blueprint/topics/{i}"),
                        format!(
                            "topic `{}` ({}) has {have} question{}; the blueprint asks for at least {}",
                            topic.id,
                            topic.title,
                            plural(have),
                            topic.min
                        ),
                    )
                    .with_help(format!(
                        "add {missing} question{} with `topic: {}`, or lower its `min`",
                        plural(missing),
                        topic.id
                    )),
            );
        }
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
