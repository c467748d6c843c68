use crate::declare_rule;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Finds prompts longer than `max-prompt-length` characters (600 by default; set it in the
    /// `[lint]` table of `qbank.toml`).
    ///
    /// ## Why is this bad?
    /// Long prompts test reading speed and patience as much as knowledge, do not fit on a card or
    /// a slide, and often hide two questions in one.
    ///
    /// ## Example
    /// ```yaml
    /// - id: design-feed
    ///   prompt: |
    ///     You are building a news feed for ... (900 characters of scenario)
    /// ```
    ///
    /// ## Fix
    /// Cut the scenario to what the answer needs, or split it into a question and `follow_ups`.
    pub PromptTooLong {
        name: "prompt-too-long",
        code: "QB204",
        severity: Warning,
        summary: "a prompt is longer than `max-prompt-length` characters",
    }
}

impl Rule for PromptTooLong {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, corpus: &Corpus<'_>, report: &mut Report) {
        let limit = corpus.options.max_prompt_length;
        let length = q.question.prompt.trim().chars().count();
        if length <= limit {
            return;
        }
        report.push(
            Self::META
                .at(
                    q.path(),
                    q.pointer("/prompt"),
                    format!("the prompt of `{}` is {length} characters long; the limit is {limit}", q.id()),
                )
                .with_help("shorten it, or move part of it to `follow_ups`; `max-prompt-length` in `qbank.toml` sets the limit"),
        );
    }
}
