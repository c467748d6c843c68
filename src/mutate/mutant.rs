//! A mutant: an adversarial answer, the operator that made it, what it targets and what the
//! rubric must do with it; and its stable id.

use serde::Serialize;

use super::operator::Operator;
use crate::model::Id;

/// What grading a mutant must show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Expect {
    /// Every listed criterion must be unmet.
    Lose {
        /// The criteria whose claim the mutant removed or contradicted.
        criteria: Vec<Id>,
    },
    /// The score must be at most `score`.
    AtMost {
        /// The bound.
        score: u32,
    },
    /// The score must equal the model answer's (the maximum).
    Hold {
        /// The score to keep.
        score: u32,
    },
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Lose { criteria } => {
                let ids: Vec<String> = criteria.iter().map(|c| format!("`{c}`")).collect();
                write!(f, "{} lost", ids.join(", "))
            }
            Self::AtMost { score } => write!(f, "at most {score}"),
            Self::Hold { score } => write!(f, "{score} (unchanged)"),
        }
    }
}

/// Where the change was made, for a reader: the original words and their replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The model answer's words that were replaced (empty for an insertion or a new answer).
    pub before: String,
    /// What replaced them (empty for a cut).
    pub after: String,
}

/// One adversarial answer made from a model answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mutant {
    /// Stable id: `question/operator/target/hash`.
    pub id: String,
    /// The operator that made it.
    pub operator: Operator,
    /// The criteria (or the one penalty, for `deny`) it is aimed at; empty for the whole rubric.
    pub targets: Vec<Id>,
    /// Whether `targets` names a penalty rather than criteria.
    pub penalty: bool,
    /// What the rubric must do with it.
    pub expect: Expect,
    /// The change, as a reader sees it.
    pub change: Change,
    /// The full text of the mutant answer.
    pub text: String,
}

impl Mutant {
    /// A mutant of question `question`; its id is derived from the operator, targets and text.
    pub fn new(
        question: &Id,
        operator: Operator,
        targets: Vec<Id>,
        expect: Expect,
        change: Change,
        text: String,
    ) -> Self {
        let id = mutant_id(question, operator, &targets, &text);
        Self { id, operator, targets, penalty: false, expect, change, text }
    }

    /// Marks the target as a penalty.
    #[must_use]
    pub fn on_penalty(mut self) -> Self {
        self.penalty = true;
        self
    }
}

/// `question/operator/target/hash`: the target is the criteria joined by `+` (or `all`), the
/// hash 8 hex digits of FNV-1a over the mutant text, so the id does not depend on the order
/// mutants are made in, the platform or the run, and changes only when the mutant does.
pub fn mutant_id(question: &Id, operator: Operator, targets: &[Id], text: &str) -> String {
    let target = if targets.is_empty() {
        "all".to_owned()
    } else {
        targets.iter().map(Id::as_str).collect::<Vec<_>>().join("+")
    };
    format!("{question}/{operator}/{target}/{:08x}", fnv1a(text.as_bytes()) >> 32)
}

/// The 64-bit FNV-1a hash: tiny, fixed and the same on every platform.
fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_fixed_functions_of_question_operator_targets_and_text() {
        let q = Id("q".into());
        let ring = vec![Id("ring".into())];
        // Pinned: a change of hash function or layout would orphan every `ignore` in every bank.
        assert_eq!(mutant_id(&q, Operator::Swap, &ring, "ring hash"), "q/swap/ring/59863111");
        assert_eq!(mutant_id(&q, Operator::Salad, &[], ""), "q/salad/all/cbf29ce4");
        let two = vec![Id("a".into()), Id("b".into())];
        assert!(
            mutant_id(&q, Operator::TruncateDrop, &two, "x").starts_with("q/truncate-drop/a+b/")
        );
        assert_ne!(
            mutant_id(&q, Operator::Swap, &ring, "ring hash"),
            mutant_id(&q, Operator::Swap, &ring, "hash ring")
        );
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
