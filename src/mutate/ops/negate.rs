//! Negated claims: the sentence that carries a criterion is replaced by a sentence that denies
//! the claim's words, one cue class per operator. Only `negate-not` puts the cue right before
//! the words; the others put it after them (`X is not needed`), make it a noun (`no need for
//! X`) or a preposition (`without X`, `instead of X`). The claim's words lose their commas and
//! colons, so the denial's clause holds all of them.

use super::super::operator::Operator;
use super::super::subject::Subject;
use super::super::text::plain;
use super::{Sink, capitalize, claim_mutant};

/// The sentences an operator writes, `{}` standing for the claim's words.
fn templates(op: Operator) -> &'static [&'static str] {
    match op {
        Operator::NegateNot => &["It is not true that {}."],
        Operator::NegatePost => &["{} is unnecessary.", "{} is not needed."],
        Operator::NegateNoNeed => &["There is no need for {}."],
        Operator::NegateWithout => &["It works without {}."],
        Operator::NegateInstead => {
            // Verbs a rubric is unlikely to name, so the template's own words earn nothing.
            &["Use another option instead of {}.", "Go with another option rather than {}."]
        }
        Operator::NegateNever => &["{} is never the case."],
        _ => &[],
    }
}

/// One mutant per claim and template; every carrying sentence is replaced.
pub(super) fn generate(subject: &Subject<'_>, op: Operator, sink: &mut Sink) {
    for claim in &subject.claims {
        for template in templates(op) {
            claim_mutant(subject, claim, op, sink, |site, _| {
                // The claim's words as one phrase: a comma or colon inside it would put its
                // second half beyond the denial's clause, which no reader would write.
                let words = plain(&subject.answer[site.span()]).replace([',', ';', ':'], "");
                // A claim that starts with a negation ("no heartbeat", "without it") denied
                // again reads as a double negative no candidate writes: nothing to change.
                let first = words.split_whitespace().next().unwrap_or_default().to_lowercase();
                let negated = crate::rubric::negation::is_negation(&first.replace('\'', ""));
                (!words.is_empty() && !negated).then(|| capitalize(&template.replace("{}", &words)))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::mutants_of;
    use super::*;

    fn texts(op: Operator) -> Vec<String> {
        let sink = mutants_of(|subject, sink| generate(subject, op, sink));
        sink.mutants.into_iter().map(|m| m.text).collect()
    }

    #[test]
    fn post_cues_replace_the_carrying_sentence_and_keep_the_rest() {
        let texts = texts(Operator::NegatePost);
        assert_eq!(texts.len(), 6, "two cues for each of three claims");
        assert_eq!(
            texts[0],
            "Hash ring is unnecessary. Adding a node only moves a small share of the keys.\n\n- Each node always gets many virtual nodes.\n"
        );
        assert_eq!(
            texts[3],
            "Keys and nodes sit on a **hash ring**. Only moves is not needed.\n\n- Each node always gets many virtual nodes.\n"
        );
    }

    #[test]
    fn each_cue_class_writes_its_own_sentence() {
        let first = |op| texts(op).into_iter().next().unwrap();
        assert!(first(Operator::NegateNot).starts_with("It is not true that hash ring. Adding"));
        assert!(first(Operator::NegateNoNeed).starts_with("There is no need for hash ring. "));
        assert!(first(Operator::NegateWithout).starts_with("It works without hash ring. "));
        assert!(
            first(Operator::NegateInstead).starts_with("Use another option instead of hash ring. ")
        );
        assert!(first(Operator::NegateNever).starts_with("Hash ring is never the case. "));
    }
}
