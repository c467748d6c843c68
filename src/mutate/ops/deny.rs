//! Denied misconceptions: a sentence that states a penalty's misconception only to deny it,
//! appended to the model answer. A candidate who knows the misconception is wrong must not
//! lose points for saying so: the score must hold.

use super::super::mutant::{Change, Expect, Mutant};
use super::super::operator::Operator;
use super::super::subject::Subject;
use super::{Sink, phrasing};

/// Denials, `{}` standing for the penalty's phrasing.
const DENIALS: [&str; 2] = ["It is not true that {}.", "It is a myth that {}."];

/// Two mutants per penalty with a plain phrasing (one per denial).
pub(super) fn generate(subject: &Subject<'_>, sink: &mut Sink) {
    for penalty in &subject.rubric.penalties {
        let Some(words) = phrasing(subject, penalty, false) else {
            sink.unviable(Operator::Deny);
            continue;
        };
        for denial in DENIALS {
            let sentence = denial.replace("{}", &words);
            let text = format!("{}\n\n{sentence}", subject.answer.trim_end());
            sink.push(
                Mutant::new(
                    subject.question,
                    Operator::Deny,
                    vec![penalty.id.clone()],
                    Expect::Hold { score: subject.max() },
                    Change { before: String::new(), after: sentence },
                    text,
                )
                .on_penalty(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::mutants_of;
    use super::*;

    #[test]
    fn each_penalty_is_denied_twice_after_the_answer() {
        let sink = mutants_of(generate);
        assert_eq!(sink.mutants.len(), 2);
        assert!(
            sink.mutants[0].text.ends_with(
                "virtual nodes.\n\nIt is not true that hash mod n is consistent hashing."
            )
        );
        assert_eq!(
            sink.mutants[1].change.after,
            "It is a myth that hash mod n is consistent hashing."
        );
        assert!(sink.mutants.iter().all(|m| m.penalty && m.expect == Expect::Hold { score: 5 }));
    }
}
