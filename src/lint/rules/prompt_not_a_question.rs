use crate::declare_rule;
use crate::lint::text::words;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::QuestionType;

/// First words that make a prompt a task rather than a statement.
const IMPERATIVES: &[&str] = &[
    "analyze",
    "analyse",
    "argue",
    "calculate",
    "choose",
    "classify",
    "compare",
    "complete",
    "compute",
    "consider",
    "contrast",
    "debug",
    "define",
    "derive",
    "describe",
    "design",
    "diagnose",
    "discuss",
    "draw",
    "estimate",
    "evaluate",
    "explain",
    "fill",
    "find",
    "give",
    "identify",
    "implement",
    "justify",
    "list",
    "match",
    "model",
    "name",
    "order",
    "outline",
    "pick",
    "propose",
    "prove",
    "rank",
    "review",
    "select",
    "show",
    "sketch",
    "state",
    "suggest",
    "summarize",
    "summarise",
    "tell",
    "trace",
    "walk",
    "write",
];

declare_rule! {
    /// ## What it does
    /// Finds prompts that neither ask a question (no sentence ends in `?`) nor give a task (start
    /// with a verb such as "explain", "design" or "compare"). `true-false` questions are exempt:
    /// their prompt is a statement.
    ///
    /// ## Why is this bad?
    /// A prompt like "Raft leader election" leaves the candidate guessing what is wanted, so the
    /// answers vary in scope and the rubric grades them unfairly.
    ///
    /// ## Example
    /// ```yaml
    /// - id: raft-leader
    ///   prompt: Raft leader election
    /// ```
    ///
    /// ## Fix
    /// Ask it: "How does Raft elect a leader, and what prevents two leaders in one term?"
    pub PromptNotAQuestion {
        name: "prompt-not-a-question",
        code: "QB203",
        severity: Warning,
        summary: "a prompt neither asks a question nor gives a task",
    }
}

impl Rule for PromptNotAQuestion {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        if q.question.kind == QuestionType::TrueFalse || is_question(&q.question.prompt) {
            return;
        }
        report.push(
            Self::META
                .at(
                    q.path(),
                    q.pointer("/prompt"),
                    format!("the prompt of `{}` is not a question", q.id()),
                )
                .with_help(
                    "end it with `?`, or start with what to do (\"Explain …\", \"Design …\")",
                ),
        );
    }
}

/// Whether a prompt asks something: a `?` ends a sentence, or the first word is a task verb.
pub(crate) fn is_question(prompt: &str) -> bool {
    let asks = prompt.lines().any(|l| {
        let l = l.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '`' | ')' | '"' | '\'')
        });
        l.ends_with('?') || l.contains("? ")
    });
    asks || words(prompt).first().is_some_and(|w| IMPERATIVES.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::is_question;

    #[test]
    fn questions_and_tasks_pass_statements_do_not() {
        assert!(is_question("How does Raft elect a leader?"));
        assert!(is_question("Why? Explain in two sentences."));
        assert!(is_question("**Explain** the CAP theorem."));
        assert!(is_question("Design a rate limiter for 1M users"));
        assert!(is_question("Is this safe?\n\n```go\nx := 1\n```"));
        assert!(!is_question("Raft leader election"));
        assert!(!is_question("The CAP theorem."));
    }
}
