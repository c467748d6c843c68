use crate::declare_rule;
use crate::lint::text::canonical;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};

const PHRASES: &[&str] = &[
    "all of the above",
    "none of the above",
    "all of these",
    "none of these",
    "both of the above",
    "neither of the above",
];

declare_rule! {
    /// ## What it does
    /// Finds options such as "All of the above" and "None of the above".
    ///
    /// ## Why is this bad?
    /// They reward test-taking tricks (spotting two true options is enough to choose "all"),
    /// measure less than a real distractor, and break when an LMS or study export shuffles the
    /// options, since "above" then points at nothing.
    ///
    /// ## Example
    /// ```yaml
    /// options:
    ///   - {text: Raft}
    ///   - {text: Paxos}
    ///   - {text: All of the above, correct: true}
    /// ```
    ///
    /// ## Fix
    /// Make it a `multiple` question with the true options marked, or replace the option with a
    /// plausible distractor.
    pub AllOrNoneOfTheAbove {
        name: "all-or-none-of-the-above",
        code: "QB303",
        severity: Warning,
        summary: "a choice option is \"all of the above\" or \"none of the above\"",
    }
}

impl Rule for AllOrNoneOfTheAbove {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        for (i, option) in q.question.options.iter().enumerate() {
            let text = canonical(&option.text);
            let Some(phrase) = PHRASES.iter().find(|p| text.contains(*p)) else { continue };
            report.push(
                Self::META
                    .at(
                        q.path(),
                        q.pointer(&format!("/options/{i}/text")),
                        format!("option {} of `{}` is \"{phrase}\"", i + 1, q.id()),
                    )
                    .with_help(
                        "use `type: multiple` with the true options marked, or a real distractor",
                    ),
            );
        }
    }
}
