use crate::declare_rule;
use crate::lint::{QuestionCx, Report, Rule, RuleMeta};
use crate::model::Rubric;

declare_rule! {
    /// ## What it does
    /// Reports rubric patterns the grading engine refuses to compile, such as a phrase whose
    /// words have so many bank `synonyms` that it would expand to more than 256 phrasings, a
    /// `$name` of no concept, concepts that name each other in a loop, or a concept with a
    /// `re:` phrasing (concepts hold phrases; read as words, a regex would never match).
    /// (A `re:` pattern that is not a valid regular expression is the load error
    /// `invalid-regex`.) The rubric's other rules are skipped until it compiles.
    ///
    /// ## Why is this bad?
    /// `qbank grade` cannot grade the question at all, and lint cannot check its model answer
    /// or examples.
    ///
    /// ## Example
    /// ```yaml
    /// synonyms:
    ///   node: [server, host, machine, instance]
    ///   leader: [primary, master, coordinator, boss]
    ///   replica: [copy, follower, secondary, standby]
    ///   failure: [crash, outage, fault, error]
    /// # ... any: ["node leader replica failure"]   # 5 × 5 × 5 × 5 = 625 phrasings
    /// ```
    ///
    /// ## Fix
    /// Split the phrase into an `all` of shorter groups (with `within`), or trim the synonyms.
    pub UncompilablePattern {
        name: "uncompilable-pattern",
        code: "QB108",
        severity: Error,
        summary: "the grading engine cannot compile a rubric pattern",
    }
}

impl Rule for UncompilablePattern {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_rubric(&self, q: &QuestionCx<'_>, rubric: &Rubric, report: &mut Report) {
        let Some(Err(error)) = q.rubric_check().map(|c| &c.compiled) else { return };
        // A `re:` pattern that fails to compile is the load error `invalid-regex`, reported
        // once, with the regex engine's message; this rule is about phrases.
        if crate::model::Pattern(error.pattern.clone()).regex().is_some() {
            return;
        }
        let pointer = rubric
            .entries()
            .filter(|e| e.criterion.id == error.criterion)
            .find_map(|e| {
                let (place, _) =
                    e.criterion.patterns().find(|(_, p)| p.as_str() == error.pattern)?;
                Some(format!("{}/{place}", e.pointer()))
            })
            .unwrap_or_else(|| "/rubric".to_owned());
        report.push(
            Self::META
                .at(q.path(), q.pointer(&pointer), format!("{} (question `{}`)", error, q.id()))
                .with_help(help_for(&error.message)),
        );
    }
}

/// What to do about a phrase that does not compile, by what the compiler said.
fn help_for(message: &str) -> &'static str {
    if message.contains("refers to itself") || message.contains("nest deeper") {
        "make one of the concepts in the chain spell its phrasings out instead of naming the next"
    } else if message.contains("no concept") {
        "declare the concept under the bank's `concepts`, or fix its name"
    } else if message.contains("concepts hold phrases only") {
        "remove the `re:` phrasing from the concept and add it to the criteria that need it"
    } else {
        "split the phrase into an `all` of shorter groups, or trim the bank's synonyms"
    }
}
