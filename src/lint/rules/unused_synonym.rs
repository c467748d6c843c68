use std::collections::HashSet;

use crate::declare_rule;
use crate::lint::text::{stem, words};
use crate::lint::{BankCx, Corpus, Report, Rule, RuleMeta};
use crate::source::escape_pointer_token;

declare_rule! {
    /// ## What it does
    /// Finds entries of the bank's `synonyms` whose word (and every listed alternative) appears
    /// in no rubric pattern of the bank. Words are compared by stem, so `nodes` uses `node`.
    ///
    /// ## Why is this bad?
    /// Synonyms only change grading through patterns that use them. An unused entry is dead
    /// weight that readers assume does something, and often a sign that a pattern was meant to
    /// use a different spelling.
    ///
    /// ## Example
    /// ```yaml
    /// synonyms:
    ///   quorum: [majority]
    /// questions:   # no pattern mentions "quorum" or "majority"
    /// ```
    ///
    /// ## Fix
    /// Remove the entry, or use its word in the patterns that should accept the alternatives.
    pub UnusedSynonym {
        name: "unused-synonym",
        code: "QB206",
        severity: Warning,
        summary: "a bank synonym is used by no rubric pattern",
    }
}

impl Rule for UnusedSynonym {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_bank(&self, bank: &BankCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        if bank.bank.synonyms.is_empty() {
            return;
        }
        let mut used: HashSet<String> = HashSet::new();
        let rubrics = bank.bank.questions.iter().filter_map(|q| q.rubric.as_ref());
        for rubric in rubrics {
            for c in rubric.criteria.iter().chain(&rubric.penalties) {
                for p in c.any.iter().chain(c.all.iter().flatten()) {
                    used.extend(words(p.as_str()).iter().map(|w| stem(w).into_owned()));
                }
            }
        }
        let is_used = |phrase: &str| {
            let ws = words(phrase);
            !ws.is_empty() && ws.iter().all(|w| used.contains(stem(w).as_ref()))
        };
        for (word, alternatives) in &bank.bank.synonyms {
            if is_used(word) || alternatives.iter().any(|a| is_used(a)) {
                continue;
            }
            report.push(
                Self::META
                    .at(
                        bank.path,
                        format!("/synonyms/{}", escape_pointer_token(word)),
                        format!("synonym `{word}` is not used by any rubric pattern"),
                    )
                    .with_help(format!("remove it, or use `{word}` in the patterns that should also accept its alternatives")),
            );
        }
    }
}
