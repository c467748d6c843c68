use std::collections::BTreeSet;

use crate::declare_rule;
use crate::lint::{BankCx, Corpus, Report, Rule, RuleMeta};
use crate::model::Pattern;
use crate::rubric::concept_names;
use crate::source::escape_pointer_token;

declare_rule! {
    /// ## What it does
    /// Finds entries of the bank's `concepts` that no rubric pattern names (as `$name`), directly
    /// or through another concept that a pattern names.
    ///
    /// ## Why is this bad?
    /// A concept changes grading only where a pattern names it; unlike a synonym it never applies
    /// by itself. An unused concept is a paraphrase family the author believes is in force and
    /// is not — often a pattern that spells the family out again, or misspells its name.
    ///
    /// ## Example
    /// ```yaml
    /// concepts:
    ///   majority: [majority, quorum, more than half]
    /// questions:   # no pattern says `$majority`
    /// ```
    ///
    /// ## Fix
    /// Name it in the patterns that mean it (`"$majority of nodes"`), or remove it.
    pub UnusedConcept {
        name: "unused-concept",
        code: "QB207",
        severity: Warning,
        summary: "a bank concept is named by no rubric pattern",
    }
}

impl Rule for UnusedConcept {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_bank(&self, bank: &BankCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        let concepts = &bank.bank.concepts;
        if concepts.is_empty() {
            return;
        }
        // Names reached from the patterns, then through the phrasings of the names reached.
        let mut used: BTreeSet<&str> = BTreeSet::new();
        let mut pending: Vec<&str> = bank
            .bank
            .questions
            .iter()
            .filter_map(|q| q.rubric.as_ref())
            .flat_map(crate::model::Rubric::entries)
            .flat_map(|e| e.criterion.patterns().flat_map(|(_, p)| concept_names(p)))
            .collect();
        while let Some(name) = pending.pop() {
            if !used.insert(name) {
                continue;
            }
            for phrasing in concepts.get(name).into_iter().flatten() {
                let pattern = Pattern(phrasing.clone());
                pending.extend(
                    concept_names(&pattern)
                        .into_iter()
                        .filter_map(|n| concepts.get_key_value(n).map(|(k, _)| k.as_str())),
                );
            }
        }
        for name in concepts.keys().filter(|k| !used.contains(k.as_str())) {
            report.push(
                Self::META
                    .at(
                        bank.path,
                        format!("/concepts/{}", escape_pointer_token(name)),
                        format!("concept `{name}` is not named by any rubric pattern"),
                    )
                    .with_help(format!(
                        "write `${name}` in the patterns that mean it, or remove the concept"
                    )),
            );
        }
    }
}
