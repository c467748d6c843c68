use crate::declare_rule;
use crate::diagnostics::did_you_mean;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta, registry};

declare_rule! {
    /// ## What it does
    /// Finds names in a question's `lint: {allow: [...]}` that are not lint rules.
    ///
    /// ## Why is this bad?
    /// A misspelt name silences nothing, so the finding it was meant to allow keeps coming back,
    /// or, worse, the allow list looks like it documents an exception that does not exist.
    ///
    /// ## Example
    /// ```yaml
    /// - id: raft-follow-up
    ///   lint: {allow: [near-duplicate-prompts]}
    /// ```
    ///
    /// ## Fix
    /// Use a name from `qbank rules` (`near-duplicate-prompt`); the message suggests the closest.
    pub UnknownRuleInAllow {
        name: "unknown-rule-in-allow",
        code: "QB901",
        severity: Warning,
        summary: "a question's `lint.allow` names a rule that does not exist",
    }
}

impl Rule for UnknownRuleInAllow {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        let Some(settings) = &q.question.lint else { return };
        for (i, name) in settings.allow.iter().enumerate() {
            if registry::find(name).is_some() {
                continue;
            }
            let help = did_you_mean(name, registry::all().iter().map(|r| r.meta().name))
                .map_or_else(
                    || "`qbank rules` lists the rule names".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
            report.push(
                Self::META
                    .at(
                        q.path(),
                        q.pointer(&format!("/lint/allow/{i}")),
                        format!("`{name}` in the `lint.allow` of `{}` is not a lint rule", q.id()),
                    )
                    .with_help(help),
            );
        }
    }
}
