use std::collections::HashMap;

use crate::declare_rule;
use crate::lint::text::canonical;
use crate::lint::{Corpus, Report, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Finds questions whose prompts are the same once case, punctuation and spacing are ignored,
    /// across every file given to `qbank lint`.
    ///
    /// ## Why is this bad?
    /// The same question twice skews coverage counts and item statistics, and a candidate may be
    /// asked it twice. Across files it usually means a bank was copied and both copies are
    /// maintained.
    ///
    /// ## Example
    /// ```yaml
    /// - {id: cap-theorem, prompt: What does the CAP theorem say?, ...}
    /// - {id: cap, prompt: "What does the CAP theorem say?", ...}
    /// ```
    ///
    /// ## Fix
    /// Delete one of them (keep the better rubric), or make them ask different things.
    pub DuplicatePrompt {
        name: "duplicate-prompt",
        code: "QB201",
        severity: Error,
        summary: "two questions ask the same prompt (in any of the files linted together)",
    }
}

impl Rule for DuplicatePrompt {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_corpus(&self, corpus: &Corpus<'_>, report: &mut Report) {
        let mut first: HashMap<String, (usize, &str)> = HashMap::new();
        for (b, bank) in corpus.banks.iter().enumerate() {
            for q in bank.questions() {
                let key = canonical(&q.question.prompt);
                if key.is_empty() {
                    continue;
                }
                match first.get(&key) {
                    None => {
                        first.insert(key, (b, q.id()));
                    }
                    Some(&(ob, other)) => {
                        let place = if ob == b {
                            String::new()
                        } else {
                            format!(" in `{}`", corpus.banks[ob].path.display())
                        };
                        report.push(
                            Self::META
                                .at(
                                    q.path(),
                                    q.pointer("/prompt"),
                                    format!("question `{}` has the same prompt as `{other}`{place}", q.id()),
                                )
                                .with_help(format!("remove one of `{}` and `{other}`, or make them ask different things", q.id())),
                        );
                    }
                }
            }
        }
    }
}
