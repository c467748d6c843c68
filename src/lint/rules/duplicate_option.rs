use std::collections::HashMap;

use crate::declare_rule;
use crate::lint::text::canonical;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Finds options of a choice question that repeat an earlier option (ignoring case,
    /// punctuation and spacing).
    ///
    /// ## Why is this bad?
    /// A repeated option is either a copy-paste slip that leaves the question with fewer real
    /// distractors, or, when one copy is correct and the other not, a contradiction.
    ///
    /// ## Example
    /// ```yaml
    /// options:
    ///   - {text: Raft, correct: true}
    ///   - {text: Paxos}
    ///   - {text: "raft"}
    /// ```
    ///
    /// ## Fix
    /// Replace the copy with a distinct, plausible distractor.
    pub DuplicateOption {
        name: "duplicate-option",
        code: "QB302",
        severity: Error,
        summary: "a choice question lists the same option twice",
    }
}

impl Rule for DuplicateOption {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, option) in q.question.options.iter().enumerate() {
            let key = canonical(&option.text);
            if let Some(&first) = seen.get(&key) {
                report.push(
                    Self::META
                        .at(
                            q.path(),
                            q.pointer(&format!("/options/{i}/text")),
                            format!(
                                "option {} of `{}` repeats option {} ({})",
                                i + 1,
                                q.id(),
                                first + 1,
                                quoted(option.text.trim())
                            ),
                        )
                        .with_help("replace it with a distinct distractor, or remove it"),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }
}

/// Option text in a message: in backticks, or in quotes when it holds backticks itself (an
/// option written as `` `B-tree` `` would otherwise show as ``` ``B-tree`` ```).
fn quoted(text: &str) -> String {
    if text.contains('`') { format!("\"{text}\"") } else { format!("`{text}`") }
}
