use crate::declare_rule;
use crate::lint::{Corpus, QuestionCx, Report, Rule, RuleMeta};
use crate::model::Difficulty;

declare_rule! {
    /// ## What it does
    /// Finds `hard` questions with no `references`.
    ///
    /// ## Why is this bad?
    /// Hard questions are about failure modes, proofs and real systems, where model answers are
    /// most often subtly wrong. A primary source lets a reviewer check the answer and a candidate
    /// read further.
    ///
    /// ## Example
    /// ```yaml
    /// - id: raft-log-matching
    ///   difficulty: hard
    ///   prompt: Why can a Raft leader not commit entries from earlier terms by counting replicas?
    /// ```
    ///
    /// ## Fix
    /// Add `references: ["Ongaro and Ousterhout, 2014, In Search of an Understandable Consensus
    /// Algorithm, USENIX ATC"]`.
    pub HardQuestionWithoutReferences {
        name: "hard-question-without-references",
        code: "QB205",
        severity: Warning,
        summary: "a hard question cites no references",
    }
}

impl Rule for HardQuestionWithoutReferences {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }

    fn check_question(&self, q: &QuestionCx<'_>, _: &Corpus<'_>, report: &mut Report) {
        if q.question.difficulty != Difficulty::Hard || !q.question.references.is_empty() {
            return;
        }
        report.push(
            Self::META
                .at(q.path(), q.pointer("/difficulty"), format!("hard question `{}` has no references", q.id()))
                .with_help("add `references:` with a primary source (paper, book, specification) for the model answer"),
        );
    }
}
