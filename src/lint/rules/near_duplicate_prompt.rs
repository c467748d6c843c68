use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::declare_rule;
use crate::lint::similarity::{earliest_near_duplicates, shingles};
use crate::lint::text::StemCache;
use crate::lint::{Corpus, Report, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Finds pairs of questions whose prompts are nearly the same, across every file given:
    /// the share of stemmed word pairs they have in common (Jaccard similarity) is at least
    /// `near-duplicate-threshold` (0.7 by default, set in `qbank.toml`). Identical prompts are
    /// `duplicate-prompt` instead.
    ///
    /// ## Why is this bad?
    /// Rephrased copies creep in when several people write a bank: they look different in review
    /// but test the same thing, so coverage and difficulty counts are inflated.
    ///
    /// ## Example
    /// ```yaml
    /// - {id: hashing-why, prompt: What is consistent hashing and why is it used?, ...}
    /// - {id: hashing-use, prompt: "What is consistent hashing, and why is it used in caches?", ...}
    /// ```
    ///
    /// ## Fix
    /// Merge the two questions, or rewrite one so it asks something the other does not. When both
    /// are intended (a follow-up), add `lint: {allow: [near-duplicate-prompt]}` to the second.
    /// Each question is reported once, against the earliest prompt it resembles.
    pub NearDuplicatePrompt {
        name: "near-duplicate-prompt",
        code: "QB202",
        severity: Warning,
        summary: "two questions' prompts are nearly the same (in any of the files linted together)",
    }
}

impl Rule for NearDuplicatePrompt {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_corpus(&self, corpus: &Corpus<'_>, report: &mut Report) {
        let all: Vec<_> = corpus.banks.iter().flat_map(crate::lint::BankCx::questions).collect();
        let mut sets: Vec<Vec<u64>> = all
            .par_iter()
            .map_init(StemCache::default, |cache, q| shingles(&q.question.prompt, cache))
            .collect();
        // A copy of an earlier prompt is `duplicate-prompt`'s finding; its original stands for it.
        let mut originals: HashMap<&[u64], usize> = HashMap::new();
        let copies: HashSet<usize> = (0..sets.len())
            .filter(|&i| !sets[i].is_empty() && *originals.entry(&sets[i]).or_insert(i) != i)
            .collect();
        // Copies are left out of the search itself: a bank of many copies of a few prompts
        // would otherwise fill the similarity buckets with pairs that are never reported.
        let kept: Vec<usize> = (0..sets.len()).filter(|i| !copies.contains(i)).collect();
        let kept_sets: Vec<Vec<u64>> = kept.iter().map(|&i| std::mem::take(&mut sets[i])).collect();
        let earliest =
            earliest_near_duplicates(&kept_sets, corpus.options.near_duplicate_threshold);
        // One finding per question, against the earliest prompt it resembles, so a bank of many
        // rephrasings gets one warning per question, not one per pair.
        for (kb, found) in earliest.into_iter().enumerate() {
            let Some((ka, similarity)) = found else { continue };
            let (a, b) = (kept[ka], kept[kb]);
            let (first, second) = (&all[a], &all[b]);
            let place = if first.path() == second.path() {
                String::new()
            } else {
                format!(" in `{}`", first.path().display())
            };
            report.push(
                Self::META
                    .at(
                        second.path(),
                        second.pointer("/prompt"),
                        format!(
                            "the prompt of `{}` is a near-duplicate of `{}`{place} ({:.0}% of word pairs shared)",
                            second.id(),
                            first.id(),
                            similarity * 100.0
                        ),
                    )
                    .with_help(format!(
                        "merge the two, or make `{}` ask something `{}` does not",
                        second.id(),
                        first.id()
                    )),
            );
        }
    }
}
