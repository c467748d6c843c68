//! Truncated answers: the first half of the sentences only (`truncate-half`), or the answer
//! without the one sentence that carries a criterion (`truncate-drop`). The criteria carried
//! only by what was cut must be lost; if one is still met, the rubric found its parts scattered
//! over the rest of the answer.

use super::super::mutant::{Change, Expect, Mutant};
use super::super::operator::Operator;
use super::super::subject::Subject;
use super::super::text::plain;
use super::Sink;
use crate::model::Id;

/// The answer cut after the first half of its sentences (at least one is kept).
pub(super) fn half(subject: &Subject<'_>, sink: &mut Sink) {
    let n = subject.sentences.len();
    let keep = (n / 2).max(1);
    let lost: Vec<Id> = subject
        .carriers
        .iter()
        .zip(&subject.baseline.criteria)
        .filter(|(carried, _)| !carried.is_empty() && carried.iter().all(|&s| s >= keep))
        .map(|(_, c)| c.id.clone())
        .collect();
    if n < 2 || lost.is_empty() {
        sink.unviable(Operator::TruncateHalf);
        return;
    }
    let cut = subject.sentences[keep].start;
    let text = subject.answer[..cut].trim_end().to_owned();
    let before = plain(&subject.answer[cut..]);
    sink.push(Mutant::new(
        subject.question,
        Operator::TruncateHalf,
        lost.clone(),
        Expect::Lose { criteria: lost },
        Change { before, after: String::new() },
        text,
    ));
}

/// One mutant per set of carrying sentences: the answer without them; the criteria carried by
/// exactly those sentences must be lost.
pub(super) fn drop(subject: &Subject<'_>, sink: &mut Sink) {
    let mut groups: Vec<(Vec<usize>, Vec<Id>)> = Vec::new();
    for claim in &subject.claims {
        let sentences: Vec<usize> = claim.sites.iter().map(|s| s.sentence).collect();
        match groups.iter_mut().find(|(s, _)| *s == sentences) {
            Some((_, ids)) => ids.push(claim.id.clone()),
            None => groups.push((sentences, vec![claim.id.clone()])),
        }
    }
    for (sentences, lost) in groups {
        if sentences.len() == subject.sentences.len() {
            sink.unviable(Operator::TruncateDrop);
            continue;
        }
        let mut text = subject.answer.to_owned();
        for &s in sentences.iter().rev() {
            text.replace_range(subject.sentences[s].clone(), "");
        }
        let before: Vec<String> = sentences.iter().map(|&s| plain(subject.sentence(s))).collect();
        sink.push(Mutant::new(
            subject.question,
            Operator::TruncateDrop,
            lost.clone(),
            Expect::Lose { criteria: lost },
            Change { before: before.join(" … "), after: String::new() },
            text,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::mutants_of;
    use super::*;

    #[test]
    fn half_keeps_the_first_sentence_of_three_and_expects_the_rest_lost() {
        let sink = mutants_of(half);
        let [m] = sink.mutants.as_slice() else { panic!("{:?}", sink.mutants) };
        assert_eq!(m.text, "Keys and nodes sit on a **hash ring**.");
        assert_eq!(
            m.expect,
            Expect::Lose { criteria: vec![Id("movement".into()), Id("vnodes".into())] }
        );
    }

    #[test]
    fn drop_removes_each_carrying_sentence() {
        let sink = mutants_of(drop);
        assert_eq!(sink.mutants.len(), 3);
        assert_eq!(
            sink.mutants[1].text,
            "Keys and nodes sit on a **hash ring**. \n\n- Each node always gets many virtual nodes.\n"
        );
        assert_eq!(sink.mutants[1].targets, [Id("movement".into())]);
    }
}
