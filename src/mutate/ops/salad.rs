//! Keyword salad ("content burst", Ding et al. 2020): one whole phrasing of every criterion,
//! taken from the rubric rather than the model answer, strung together with filler words and no
//! claim. It must score at most `salad-max` of the maximum.

use super::super::mutant::{Change, Expect, Mutant};
use super::super::operator::Operator;
use super::super::subject::Subject;
use super::{Sink, phrasing};

/// The words that join the phrases, in turn.
const JOINERS: [&str; 6] = ["and", "also", "plus", "then", "with", "so"];

/// The salad of the first phrasings and, when it differs, of the last ones.
pub(super) fn generate(subject: &Subject<'_>, salad_max: f64, sink: &mut Sink) {
    let bound = bound(subject.max(), salad_max);
    let mut made = Vec::new();
    for from_back in [false, true] {
        let phrases: Vec<String> = subject
            .rubric
            .criteria
            .iter()
            .filter_map(|c| phrasing(subject, c, from_back))
            .collect();
        if phrases.is_empty() {
            continue;
        }
        let text = salad(&phrases);
        if !made.contains(&text) {
            made.push(text);
        }
    }
    if made.is_empty() {
        sink.unviable(Operator::Salad);
    }
    for text in made {
        sink.push(Mutant::new(
            subject.question,
            Operator::Salad,
            Vec::new(),
            Expect::AtMost { score: bound },
            Change { before: String::new(), after: text.clone() },
            text,
        ));
    }
}

/// The phrases joined by [`JOINERS`] in turn, as one sentence.
pub(crate) fn salad(phrases: &[String]) -> String {
    let mut out = String::new();
    for (i, phrase) in phrases.iter().enumerate() {
        if i > 0 {
            out.push(' ');
            out.push_str(JOINERS[(i - 1) % JOINERS.len()]);
            out.push(' ');
        }
        out.push_str(phrase);
    }
    out.push('.');
    out
}

/// The highest score a salad may get: `fraction` of `max`, rounded down.
pub(crate) fn bound(max: u32, fraction: f64) -> u32 {
    // Exact for the small maxima of a rubric; the product is within [0, max].
    (f64::from(max) * fraction + 1e-9).floor() as u32
}

#[cfg(test)]
mod tests {
    use super::super::fixture::mutants_of;
    use super::*;

    #[test]
    fn phrases_are_joined_by_rotating_filler_words() {
        let phrases: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(salad(&phrases), "a and b also c.");
        assert_eq!(bound(10, 0.3), 3);
        assert_eq!(bound(5, 0.3), 1);
        assert_eq!(bound(8, 0.0), 0);
    }

    #[test]
    fn the_first_and_last_phrasings_make_two_salads() {
        let sink = mutants_of(|subject, sink| generate(subject, 0.3, sink));
        let texts: Vec<&str> = sink.mutants.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "hash ring and only moves also virtual nodes.",
                "circle of hashes and small share relocates also tokens."
            ]
        );
        assert_eq!(sink.mutants[0].expect, Expect::AtMost { score: 1 });
    }
}
