//! The mutation operators: their names (as `qbank.toml` and mutant ids spell them), what each
//! does and what it expects of the rubric.

use serde::Serialize;

/// Whether a mutant must lose points or must keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The mutant says less or the opposite: the targeted criteria must be lost (or the score
    /// must stay under a bound).
    MustDrop,
    /// The mutant says the same thing differently: the score must not change.
    MustHold,
}

/// One way of turning a model answer into an adversarial answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operator {
    /// Whole rubric phrasings of every criterion strung together with filler words.
    Salad,
    /// The claim's sentence replaced by "It is not true that X." (a cue before the claim).
    NegateNot,
    /// The claim's sentence replaced by "X is unnecessary." and "X is not needed." (post cues).
    NegatePost,
    /// The claim's sentence replaced by "There is no need for X."
    NegateNoNeed,
    /// The claim's sentence replaced by "It works without X."
    NegateWithout,
    /// The claim's sentence replaced by "Use something else instead of X." and "… rather than X."
    NegateInstead,
    /// The claim's sentence replaced by "X is never the case."
    NegateNever,
    /// One word of the claim (or the word just before it) replaced by its opposite
    /// (always↔never, before↔after, majority↔minority, …).
    Reverse,
    /// Two terms of the claim exchanged (the parts of an `all` criterion, or a phrase's first
    /// and last word).
    Swap,
    /// The answer cut to its first half (of sentences).
    TruncateHalf,
    /// The one sentence that carries a criterion removed.
    TruncateDrop,
    /// A penalty's misconception stated in a denied sentence appended to the model answer.
    Deny,
    /// The sentences in reverse order.
    Reorder,
    /// Lists, headings and emphasis turned into one paragraph of prose.
    Prose,
    /// The claim's words replaced by another of the criterion's `any` phrasings.
    Synonym,
    /// Lead-in words before every sentence and a closing sentence that says nothing.
    Filler,
    /// An adverb ("really") inserted before the first word of every claim.
    Adverbs,
}

impl Operator {
    /// Every operator, in report order.
    pub const ALL: [Operator; 17] = [
        Self::Salad,
        Self::NegateNot,
        Self::NegatePost,
        Self::NegateNoNeed,
        Self::NegateWithout,
        Self::NegateInstead,
        Self::NegateNever,
        Self::Reverse,
        Self::Swap,
        Self::TruncateHalf,
        Self::TruncateDrop,
        Self::Deny,
        Self::Reorder,
        Self::Prose,
        Self::Synonym,
        Self::Filler,
        Self::Adverbs,
    ];

    /// The kebab-case name used in ids, reports and `qbank.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Salad => "salad",
            Self::NegateNot => "negate-not",
            Self::NegatePost => "negate-post",
            Self::NegateNoNeed => "negate-no-need",
            Self::NegateWithout => "negate-without",
            Self::NegateInstead => "negate-instead",
            Self::NegateNever => "negate-never",
            Self::Reverse => "reverse",
            Self::Swap => "swap",
            Self::TruncateHalf => "truncate-half",
            Self::TruncateDrop => "truncate-drop",
            Self::Deny => "deny",
            Self::Reorder => "reorder",
            Self::Prose => "prose",
            Self::Synonym => "synonym",
            Self::Filler => "filler",
            Self::Adverbs => "adverbs",
        }
    }

    /// The operator with this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.name() == name)
    }

    /// What the rubric must do with this operator's mutants.
    pub fn kind(self) -> Kind {
        match self {
            Self::Deny
            | Self::Reorder
            | Self::Prose
            | Self::Synonym
            | Self::Filler
            | Self::Adverbs => Kind::MustHold,
            _ => Kind::MustDrop,
        }
    }
}

impl std::fmt::Display for Operator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut names: Vec<&str> = Operator::ALL.iter().map(|o| o.name()).collect();
        for op in Operator::ALL {
            assert_eq!(Operator::from_name(op.name()), Some(op));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Operator::ALL.len());
        assert_eq!(Operator::from_name("negate"), None);
    }

    #[test]
    fn misconception_denials_and_rephrasings_must_hold() {
        assert_eq!(Operator::Deny.kind(), Kind::MustHold);
        assert_eq!(Operator::Reorder.kind(), Kind::MustHold);
        assert_eq!(Operator::NegatePost.kind(), Kind::MustDrop);
        assert_eq!(Operator::Salad.kind(), Kind::MustDrop);
    }
}
