use crate::declare_rule;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::QuestionType;

/// Verbs that, first in a sentence or clause, make a prompt a task rather than a statement.
const IMPERATIVES: &[&str] = &[
    "add",
    "analyse",
    "analyze",
    "apply",
    "argue",
    "assess",
    "build",
    "calculate",
    "check",
    "choose",
    "classify",
    "compare",
    "complete",
    "compute",
    "consider",
    "contrast",
    "convert",
    "create",
    "critique",
    "debug",
    "decide",
    "define",
    "demonstrate",
    "denormalise",
    "denormalize",
    "derive",
    "describe",
    "design",
    "determine",
    "diagnose",
    "discuss",
    "draw",
    "estimate",
    "evaluate",
    "explain",
    "fill",
    "find",
    "fix",
    "give",
    "identify",
    "illustrate",
    "implement",
    "improve",
    "interpret",
    "justify",
    "list",
    "map",
    "match",
    "measure",
    "model",
    "name",
    "normalise",
    "normalize",
    "optimise",
    "optimize",
    "order",
    "outline",
    "pick",
    "plan",
    "point",
    "predict",
    "prioritise",
    "prioritize",
    "propose",
    "prove",
    "rank",
    "read",
    "recommend",
    "reduce",
    "refactor",
    "remove",
    "reorder",
    "replace",
    "reproduce",
    "review",
    "rewrite",
    "run",
    "say",
    "select",
    "show",
    "sketch",
    "solve",
    "sort",
    "specify",
    "split",
    "spot",
    "state",
    "suggest",
    "summarise",
    "summarize",
    "talk",
    "tell",
    "test",
    "trace",
    "translate",
    "tune",
    "use",
    "verify",
    "walk",
    "write",
];

declare_rule! {
    /// ## What it does
    /// Finds prompts that neither ask a question (no sentence ends in `?`) nor give a task (no
    /// sentence or clause starts with a verb such as "explain", "design" or "compare", also after
    /// up to three lead-in words such as "please", "now", "first" or an adverb in "-ly":
    /// "Given a table, write a query.", "Briefly describe divide and conquer." and "The planner
    /// ignores an index. Explain why." are tasks). `true-false` questions are exempt: their prompt is a statement.
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

/// Whether a prompt asks something: a `?` ends a sentence, or a sentence or clause starts with a
/// task verb.
pub(crate) fn is_question(prompt: &str) -> bool {
    asks(prompt) || prompt.split(is_clause_break).any(starts_with_task)
}

/// Whether a line ends in `?` (before closing emphasis, code or quotes) or a `?` ends a sentence
/// inside it.
fn asks(prompt: &str) -> bool {
    prompt.lines().any(|l| {
        let l = l.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '`' | ')' | '"' | '\'' | '\u{FF09}')
        });
        // `？` is the full-width question mark of Chinese and Japanese text.
        l.ends_with(['?', '\u{FF1F}']) || l.contains("? ") || l.contains('\u{FF1F}')
    })
}

/// What ends a sentence or a clause: "Given a table, write …", "Normalize it: …", "(give two …)".
fn is_clause_break(c: char) -> bool {
    matches!(c, '.' | '!' | ':' | ';' | ',' | '(' | ')' | '\n')
}

/// Words that may come before the task verb without changing what is asked: "Please explain",
/// "Now design", "First list". Adverbs in `-ly` ("Briefly describe") are recognised by their
/// ending instead of being listed.
const LEAD_INS: &[&str] = &[
    "please", "now", "then", "also", "first", "next", "again", "just", "here", "so", "and", "still",
];

/// How many lead-in words may precede the verb ("Now please briefly explain").
const MAX_LEAD_INS: usize = 3;

/// Whether a sentence or clause opens with a task verb, after up to three lead-in words
/// ("please", "now", an adverb such as "briefly").
fn starts_with_task(clause: &str) -> bool {
    let words = clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    for word in words.take(MAX_LEAD_INS + 1) {
        let word = word.to_lowercase();
        if IMPERATIVES.contains(&word.as_str()) {
            return true;
        }
        if !is_lead_in(&word) {
            return false;
        }
    }
    false
}

/// Whether a word is a lead-in: a listed one, or an adverb in `-ly` ("briefly", "concisely").
fn is_lead_in(word: &str) -> bool {
    LEAD_INS.contains(&word) || (word.len() > 4 && word.ends_with("ly"))
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
        assert!(!is_question("The CAP theorem"));
        assert!(!is_question("Consistent hashing."));
        assert!(!is_question("Consistent hashing, virtual nodes and rebalancing."));
    }

    #[test]
    fn a_task_verb_may_open_any_sentence_or_clause() {
        assert!(is_question("Given a table of orders, write a query that returns the top one."));
        assert!(is_question("In PostgreSQL, explain how MVCC works."));
        assert!(is_question("Using PostgreSQL, design a schema for a blog."));
        assert!(is_question("The planner ignores an index. Explain why."));
        assert!(is_question("Please explain MVCC."));
        assert!(is_question("Normalize this table to 3NF: orders(id, customer, email)."));
        assert!(is_question("Why might a query be slow (give two reasons)"));
    }

    #[test]
    fn adverbs_and_lead_ins_before_the_verb_still_make_a_task() {
        assert!(is_question("Briefly describe the divide-and-conquer paradigm."));
        assert!(is_question("Concisely explain MVCC."));
        assert!(is_question("Now design a rate limiter."));
        assert!(is_question("First, list the steps."));
        assert!(is_question("Now please briefly explain quorum reads."));
        assert!(is_question("Apply the master theorem to T(n) = 2T(n/2) + n."));
        assert!(!is_question("Briefly, the divide-and-conquer paradigm."));
        assert!(!is_question("Weekly reports and monthly summaries."));
        assert!(!is_question("Now the CAP theorem."));
        assert!(!is_question("Please please please please explain"), "at most three lead-ins");
    }
}
