//! The cue pass alone: which words each kind of cue negates.

use super::*;

/// The words of `text` (split on spaces; `,` and `;` end a clause, `.` a sentence, each its own
/// token here) that a negation covers, joined by spaces.
fn negated(text: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut places = Vec::new();
    let (mut clause, mut sentence, mut contrast) = (0, 0, false);
    for w in text.split(' ') {
        match w {
            "," => clause += 1,
            ";" => {
                clause += 1;
                contrast = true;
            }
            "." => {
                clause += 1;
                sentence += 1;
                contrast = true;
            }
            _ => {
                if breaks_clause(w) {
                    clause += 1;
                    contrast = true;
                }
                words.push(w);
                places.push(Place { clause, sentence, contrast, disjunction: is_disjunction(w) });
                contrast = false;
            }
        }
    }
    let mut out = Negations::default();
    scope(|i| words.get(i).copied(), &places, &mut out);
    (0..words.len())
        .filter(|&i| out.negated_by[i] != 0)
        .map(|i| words[i])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn pre_cues_negate_the_next_words_of_their_clause() {
    assert_eq!(negated("raft does not use clocks at all"), "use clocks at");
    assert_eq!(negated("never commit , it replicates"), "commit");
    assert_eq!(negated("cant block writes"), "block writes");
    assert_eq!(negated("a lock without fencing tokens"), "fencing tokens");
}

#[test]
fn multi_word_pre_cues() {
    // A cue's own words after its first are negated too ("no need to upload" denies `need to
    // upload`).
    assert_eq!(negated("there is no need for fencing tokens"), "need for fencing tokens");
    assert_eq!(negated("use mod n instead of a hash ring"), "of a hash ring");
    assert_eq!(negated("a ring rather than mod n"), "than mod n");
    assert_eq!(negated("you need not fence writes"), "not fence writes");
}

#[test]
fn a_judgment_that_points_back_covers_the_clause_or_sentence_before() {
    assert_eq!(
        negated("some claim tokens are overkill , but that is wrong"),
        "some claim tokens are overkill but that is"
    );
    assert_eq!(negated("fencing is optional . that is a myth"), "fencing is optional that is");
    assert_eq!(negated("fencing helps , but leases are useless"), "");
}

#[test]
fn scopes_stop_at_the_next_cue_so_stacked_cues_stay_linear() {
    // The frame marks the first word of the cue inside it, so a pattern that states the inner
    // negation (`no need for fencing`) is still framed.
    assert_eq!(
        negated("it is a myth that there is no need for fencing"),
        "it is that there is no need for fencing"
    );
    let long =
        "not ".repeat(50_000) + &"misconception ".repeat(50_000) + &"x is wrong ".repeat(50_000);
    let started = std::time::Instant::now();
    let _ = negated(long.trim_end());
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
}

#[test]
fn post_cues_negate_their_clause_back_to_its_start() {
    assert_eq!(negated("with a lease , fencing tokens are unnecessary"), "fencing tokens are");
    assert_eq!(negated("fencing tokens are simply not needed"), "fencing tokens are simply");
    assert_eq!(negated("fencing tokens arent required"), "fencing tokens");
    assert_eq!(negated("fencing tokens unnecessary"), "fencing tokens");
    assert_eq!(negated("pick any 2 of 3 is a myth"), "pick any 2 of 3 is");
}

#[test]
fn adjectives_judge_a_clause_only_after_a_copula() {
    assert_eq!(negated("writes go to the wrong node"), "");
    assert_eq!(negated("it yields false positives"), "");
    assert_eq!(negated("that claim is false"), "that claim is");
}

#[test]
fn frames_cover_the_rest_of_the_sentence_up_to_a_contrast() {
    assert_eq!(
        negated("a common misconception is that cap lets you pick any two ; in fact it does not"),
        "is that cap lets you pick any two"
    );
    assert_eq!(
        negated("people wrongly assume clocks order events . they do"),
        "assume clocks order events"
    );
    assert_eq!(
        negated("it is wrong to say that 3pc never blocks but it helps"),
        "say that 3pc never blocks"
    );
    assert_eq!(
        negated("people say adding a node moves few keys but it moves many"),
        "adding a node moves few keys"
    );
    assert_eq!(negated("many assume ntp is enough . it is not"), "ntp is enough");
}

#[test]
fn pseudo_negations_negate_nothing() {
    // "not only" denies its adverb alone (a pattern `only X` is denied), nothing after it.
    assert_eq!(negated("not only replicates but also fences"), "only");
    assert_eq!(negated("no doubt the leader fences writes"), "");
    assert_eq!(negated("whether or not the leader fails"), "");
    assert_eq!(negated("not just a lock"), "just");
}

#[test]
fn x_not_y_and_not_x_but_y() {
    assert_eq!(negated("a hash ring , not mod n"), "mod n");
    assert_eq!(negated("not mod n but a hash ring"), "mod n");
}

#[test]
fn two_negations_in_a_row_cancel() {
    assert_eq!(negated("it is not unnecessary to fence writes"), "");
    assert_eq!(negated("not without fencing tokens"), "");
    assert_eq!(negated("no leader and no quorum"), "leader and no quorum");
}

#[test]
fn or_lists_carry_a_negation() {
    assert_eq!(
        negated("not a hash ring or virtual nodes here"),
        "a hash ring or virtual nodes here"
    );
    assert_eq!(
        negated("not using a big hash ring or virtual nodes"),
        "using a big hash ring or virtual nodes"
    );
}

#[test]
fn patterns_that_state_a_negation() {
    let words = |t: &str| t.split(' ').map(str::to_owned).collect::<Vec<_>>();
    assert!(states_negation(&words("not needed")));
    assert!(states_negation(&words("no single leader")));
    assert!(states_negation(&words("instead of locks")));
    assert!(!states_negation(&words("fencing token")));
    assert!(!states_negation(&words("not only")));
}
