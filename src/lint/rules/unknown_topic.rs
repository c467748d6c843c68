use crate::declare_rule;
use crate::lint::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Finds questions whose `topic` is not one of the blueprint's topics. The loader reports
    /// it (so `qbank validate` does too); it is listed here so it can be configured and looked up.
    ///
    /// ## Why is this bad?
    /// A question outside the blueprint counts toward no topic: coverage looks short, exports put
    /// it in a category of its own, and it is usually a typo of a real topic id.
    ///
    /// ## Example
    /// ```yaml
    /// blueprint:
    ///   topics: [{id: consensus, title: Consensus}]
    /// questions:
    ///   - {id: raft-leader, topic: concensus, ...}
    /// ```
    ///
    /// ## Fix
    /// Use one of the blueprint's topic ids (the message suggests the closest), or add the topic
    /// to `blueprint.topics`.
    pub UnknownTopic {
        name: "unknown-topic",
        code: "QB002",
        severity: Error,
        summary: "a question's topic is not in the blueprint",
    }
}

impl Rule for UnknownTopic {
    fn meta(&self) -> &'static RuleMeta {
        Self::META
    }
    // No hooks: the loader's semantic tier reports `unknown-topic` with a "did you mean".
}
