use std::collections::HashSet;

use crate::declare_rule;
use crate::lint::text::{StemCache, for_each_word};
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
        let mut cache = StemCache::default();
        let mut used: HashSet<u64> = HashSet::new();
        let rubrics = bank.bank.questions.iter().filter_map(|q| q.rubric.as_ref());
        for rubric in rubrics {
            for entry in rubric.entries() {
                for (_, p) in entry.criterion.patterns() {
                    for_each_word(p.as_str(), |w| {
                        used.insert(cache.stem_hash(w));
                    });
                }
            }
        }
        let mut is_used = |phrase: &str| {
            let mut any = false;
            let mut all = true;
            for_each_word(phrase, |w| {
                any = true;
                all &= used.contains(&cache.stem_hash(w));
            });
            any && all
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
