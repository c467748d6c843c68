//! Rephrasings that keep every claim: the sentences reordered, lists turned into prose, filler
//! added, adverbs inserted. Each makes one mutant of the whole answer; its score must hold.

use super::super::mutant::{Change, Expect, Mutant};
use super::super::operator::Operator;
use super::super::subject::Subject;
use super::super::text::plain;
use super::Sink;

/// What `filler` puts before every sentence.
pub(super) const LEAD_IN: &str = "Honestly, ";
/// What `filler` adds after the answer: a sentence of function words only.
pub(super) const CLOSING: &str = "That is basically all there is to it, as far as I can tell.";
/// What `adverbs` inserts before every claim.
pub(super) const ADVERB: &str = "really ";

fn push(subject: &Subject<'_>, op: Operator, text: String, change: Change, sink: &mut Sink) {
    if text == subject.answer {
        sink.unviable(op);
        return;
    }
    let mutant = Mutant::new(
        subject.question,
        op,
        Vec::new(),
        Expect::Hold { score: subject.max() },
        change,
        text,
    );
    sink.push(mutant);
}

/// The sentences in reverse order, one paragraph each.
pub(super) fn reorder(subject: &Subject<'_>, sink: &mut Sink) {
    if subject.sentences.len() < 2 {
        sink.unviable(Operator::Reorder);
        return;
    }
    let reversed: Vec<&str> =
        (0..subject.sentences.len()).rev().map(|s| subject.sentence(s)).collect();
    let change = Change {
        before: format!("sentences 1 to {}", subject.sentences.len()),
        after: format!("sentences {} to 1", subject.sentences.len()),
    };
    push(subject, Operator::Reorder, reversed.join("\n\n"), change, sink);
}

/// One paragraph: list markers, headings and emphasis dropped, each sentence ended by a stop.
pub(super) fn prose(subject: &Subject<'_>, sink: &mut Sink) {
    let sentences: Vec<String> = (0..subject.sentences.len())
        .map(|s| {
            let mut words = plain(subject.sentence(s));
            if !words.ends_with(['.', '!', '?', ':']) {
                words.push('.');
            }
            words
        })
        .collect();
    let text = sentences.join(" ");
    if text == plain(subject.answer) {
        sink.unviable(Operator::Prose);
        return;
    }
    let change =
        Change { before: "lists and emphasis".to_owned(), after: "one paragraph".to_owned() };
    push(subject, Operator::Prose, text, change, sink);
}

/// [`LEAD_IN`] before every sentence and [`CLOSING`] after the answer.
pub(super) fn filler(subject: &Subject<'_>, sink: &mut Sink) {
    let mut text = subject.answer.to_owned();
    for range in subject.sentences.iter().rev() {
        text.insert_str(range.start, LEAD_IN);
    }
    let text = format!("{}\n\n{CLOSING}", text.trim_end());
    let change = Change { before: String::new(), after: format!("{LEAD_IN}… {CLOSING}") };
    push(subject, Operator::Filler, text, change, sink);
}

/// [`ADVERB`] before the first word of every claim, in every sentence that carries it.
pub(super) fn adverbs(subject: &Subject<'_>, sink: &mut Sink) {
    let mut at: Vec<usize> =
        subject.claims.iter().flat_map(|c| &c.sites).map(|s| s.span().start).collect();
    if at.is_empty() {
        sink.unviable(Operator::Adverbs);
        return;
    }
    at.sort_unstable();
    at.dedup();
    let mut text = subject.answer.to_owned();
    for &i in at.iter().rev() {
        text.insert_str(i, ADVERB);
    }
    let change =
        Change { before: String::new(), after: format!("{ADVERB}… ({} claims)", at.len()) };
    push(subject, Operator::Adverbs, text, change, sink);
}

#[cfg(test)]
mod tests {
    use super::super::fixture::mutants_of;
    use super::*;

    fn text(f: fn(&Subject<'_>, &mut Sink)) -> String {
        let sink = mutants_of(f);
        let [m] = sink.mutants.as_slice() else { panic!("{:?}", sink.mutants) };
        assert_eq!(m.expect, Expect::Hold { score: 5 });
        m.text.clone()
    }

    #[test]
    fn reorder_reverses_the_sentences() {
        assert_eq!(
            text(reorder),
            "Each node always gets many virtual nodes.\n\nAdding a node only moves a small share of the keys.\n\nKeys and nodes sit on a **hash ring**."
        );
    }

    #[test]
    fn prose_drops_markers_and_emphasis() {
        assert_eq!(
            text(prose),
            "Keys and nodes sit on a hash ring. Adding a node only moves a small share of the keys. Each node always gets many virtual nodes."
        );
    }

    #[test]
    fn filler_leads_every_sentence_and_closes_the_answer() {
        assert_eq!(
            text(filler),
            "Honestly, Keys and nodes sit on a **hash ring**. Honestly, Adding a node only moves a small share of the keys.\n\n- Honestly, Each node always gets many virtual nodes.\n\nThat is basically all there is to it, as far as I can tell."
        );
    }

    #[test]
    fn adverbs_go_before_each_claim() {
        assert_eq!(
            text(adverbs),
            "Keys and nodes sit on a **really hash ring**. Adding a node really only moves a small share of the keys.\n\n- Each node always gets many really virtual nodes.\n"
        );
    }
}
