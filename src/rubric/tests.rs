//! One test per matching semantic; each names the behaviour it pins down.

use std::collections::BTreeMap;

use super::*;
use crate::model::Rubric;

pub(super) fn rubric(yaml: &str) -> Rubric {
    serde_saphyr::from_str(yaml).expect("test rubric parses")
}

/// A table of synonyms or concepts from literals.
pub(super) fn table(entries: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    entries
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
        .collect()
}

/// Compiles a rubric written in YAML with the given synonyms and concepts.
pub(super) fn with_vocabulary(
    yaml: &str,
    synonyms: &[(&str, &[&str])],
    concepts: &[(&str, &[&str])],
) -> Result<CompiledRubric, CompileError> {
    let (synonyms, concepts) = (table(synonyms), table(concepts));
    CompiledRubric::compile(&rubric(yaml), Vocabulary { synonyms: &synonyms, concepts: &concepts })
}

fn compiled(yaml: &str, synonyms: &[(&str, &[&str])]) -> CompiledRubric {
    with_vocabulary(yaml, synonyms, &[]).expect("test rubric compiles")
}

/// A one-criterion rubric (2 points) with the given `any` phrases.
fn any(phrases: &[&str]) -> CompiledRubric {
    let list = phrases.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ");
    compiled(&format!("criteria:\n  - {{id: c, points: 2, any: [{list}]}}\n"), &[])
}

fn score(r: &CompiledRubric, answer: &str) -> u32 {
    r.grade(answer).score
}

#[test]
fn case_width_and_accents_are_normalized() {
    let r = any(&["hash ring"]);
    assert_eq!(score(&r, "A HASH RING"), 2);
    assert_eq!(score(&r, "a ｈａｓｈ ríng"), 2);
}

#[test]
fn inflections_meet_through_stems() {
    let r = any(&["replicate data"]);
    assert_eq!(score(&r, "it replicates the data"), 2);
    assert_eq!(score(&r, "replicating data"), 2);
    assert_eq!(score(&r, "replicas of data"), 2, "stems `replica` and `replic` are one edit apart");
    assert_eq!(score(&r, "reproduces data"), 0);
}

#[test]
fn phrases_need_their_words_in_order() {
    let r = any(&["hash ring"]);
    assert_eq!(score(&r, "ring hash"), 0);
}

#[test]
fn phrases_allow_a_gap_of_two_words() {
    let r = any(&["hash ring"]);
    assert_eq!(score(&r, "hash based virtual ring"), 2);
    assert_eq!(score(&r, "hash based big virtual ring"), 0);
}

#[test]
fn phrases_do_not_cross_sentences() {
    let r = any(&["hash ring"]);
    assert_eq!(score(&r, "we hash. ring"), 0);
    assert_eq!(score(&r, "we hash\n\nring"), 0, "a blank line ends the paragraph");
    assert_eq!(score(&r, "we hash\n- ring"), 0, "a list item is its own sentence");
    // A single line break only wraps the sentence, as in Markdown or a wrapped sheet cell.
    assert_eq!(score(&r, "we use a hash\nring"), 2);
}

#[test]
fn articles_in_patterns_are_ignored() {
    let r = any(&["the leader"]);
    assert_eq!(score(&r, "a leader is elected"), 2);
}

#[test]
fn synonyms_expand_pattern_words_one_way() {
    let yaml = "criteria:\n  - {id: c, points: 1, any: [\"node fails\"]}\n";
    let r = compiled(yaml, &[("node", &["server", "cluster member"])]);
    assert_eq!(score(&r, "a server fails"), 1);
    assert_eq!(score(&r, "a cluster member fails"), 1);
    let reverse =
        compiled("criteria:\n  - {id: c, points: 1, any: [server]}\n", &[("node", &["server"])]);
    assert_eq!(score(&reverse, "node"), 0, "the key expands, not the listed words");
}

#[test]
fn typos_are_tolerated_by_length() {
    let r = any(&["quorum"]);
    assert_eq!(score(&r, "a qourum of votes"), 2, "one swap in a 6-letter word");
    let r = any(&["replication"]);
    assert_eq!(score(&r, "replcaton"), 2, "two edits in an 11-letter word");
    let r = any(&["raft"]);
    assert_eq!(score(&r, "reft"), 0, "4-letter words must be exact");
}

#[test]
fn negation_before_a_match_cancels_it() {
    let r = any(&["replicate data"]);
    assert_eq!(score(&r, "it does not replicate data"), 0);
    assert_eq!(score(&r, "it never really replicates data"), 0);
    assert_eq!(score(&r, "it doesn\u{2019}t replicate data"), 0);
    assert_eq!(score(&r, "without replicating data"), 0);
}

#[test]
fn a_non_prefix_negates_the_word_it_is_joined_to() {
    let r = any(&["blocking"]);
    assert_eq!(score(&r, "2PC is non-blocking"), 0);
    assert_eq!(score(&r, "2PC is blocking"), 2);
    let stated = any(&["non-blocking"]);
    assert_eq!(score(&stated, "2PC is non-blocking"), 2);
}

#[test]
fn negation_inside_a_gap_cancels_the_match() {
    let r = any(&["data replicated"]);
    assert_eq!(score(&r, "data is not replicated"), 0);
    assert_eq!(score(&r, "data is replicated"), 2);
}

#[test]
fn negation_scope_ends_at_a_clause_or_after_three_words() {
    let r = any(&["replicate data"]);
    assert_eq!(score(&r, "it is not slow, it replicates data"), 2);
    assert_eq!(score(&r, "not slow but it replicates data"), 2);
    assert_eq!(score(&r, "not at all slow and it replicates data"), 2);
}

#[test]
fn negation_carries_over_an_or_list() {
    let r = any(&["virtual nodes"]);
    assert_eq!(score(&r, "it does not use a hash ring or virtual nodes"), 0);
    assert_eq!(score(&r, "neither a ring nor virtual nodes"), 0);
    assert_eq!(score(&r, "not slow or big, and it has virtual nodes"), 2, "a clause break ends it");
    assert_eq!(
        score(&r, "never slow or big and the ring has virtual nodes"),
        2,
        "too far after the list"
    );
}

#[test]
fn a_pattern_stating_the_negation_matches_negated_text() {
    let r = any(&["not durable"]);
    assert_eq!(score(&r, "writes are not durable"), 2);
    assert_eq!(score(&r, "writes are durable"), 0);
}

#[test]
fn any_takes_the_first_pattern_that_matches() {
    let r = any(&["vector clock", "lamport clock"]);
    let g = r.grade("use a Lamport clock");
    assert_eq!(g.score, 2);
    assert_eq!(g.criteria[0].evidence, ["Lamport", "clock"]);
}

#[test]
fn all_needs_every_group() {
    let yaml = "criteria:\n  - {id: c, points: 3, all: [[add, remove], [only, few]]}\n";
    let r = compiled(yaml, &[]);
    assert_eq!(score(&r, "when you add a node only some keys move"), 3);
    assert_eq!(score(&r, "when you add a node keys move"), 0);
}

#[test]
fn within_limits_the_distance_between_groups() {
    let yaml = "criteria:\n  - {id: c, points: 3, all: [[add], [few]], within: 4}\n";
    let r = compiled(yaml, &[]);
    assert_eq!(score(&r, "add a node and few keys move"), 3, "4 words apart");
    assert_eq!(score(&r, "add a new node and then few keys move"), 0, "6 words apart");
    assert_eq!(score(&r, "few keys move on add"), 3, "any order");
}

#[test]
fn within_on_a_long_repetitive_answer() {
    let yaml = "criteria:\n  - {id: c, points: 3, all: [[add], [few]], within: 3}\n";
    let r = compiled(yaml, &[]);
    let far = format!("{} {}", "add x x x x ".repeat(5000), "few");
    assert_eq!(score(&r, &far), 0);
    let near = format!("{}add few", "add x x x x ".repeat(5000));
    let g = r.grade(&near);
    assert_eq!(g.score, 3);
    assert_eq!(g.criteria[0].evidence, ["add", "few"]);
}

#[test]
fn within_never_crosses_a_sentence_end() {
    let yaml = "criteria:\n  - {id: c, points: 3, all: [[add], [few]], within: 10}\n";
    let r = compiled(yaml, &[]);
    assert_eq!(score(&r, "add a node. few keys move"), 0);
    let unbounded = compiled("criteria:\n  - {id: c, points: 3, all: [[add], [few]]}\n", &[]);
    assert_eq!(score(&unbounded, "add a node. few keys move"), 3, "without `within` it may");
}

#[test]
fn regex_patterns_run_over_normalized_text() {
    let r = any(&["re:k\\s*/\\s*n"]);
    let g = r.grade("about K / N keys move");
    assert_eq!(g.score, 2);
    assert_eq!(g.criteria[0].evidence, ["K", "N"]);
    assert_eq!(score(&r, "about k keys move"), 0);
}

#[test]
fn regex_matches_respect_negation() {
    let r = any(&["re:o\\(log n\\)"]);
    assert_eq!(score(&r, "lookups are O(log n)"), 2);
    assert_eq!(score(&r, "lookups are not O(log n)"), 0);
}

#[test]
fn invalid_or_oversized_regexes_do_not_compile() {
    let yaml = "criteria:\n  - {id: c, points: 1, any: [\"re:(\"]}\n";
    let err = with_vocabulary(yaml, &[], &[]).unwrap_err();
    assert_eq!(err.criterion.as_str(), "c");
    let huge = "criteria:\n  - {id: c, points: 1, any: [\"re:\\\\w{1000}{1000}\"]}\n";
    assert!(with_vocabulary(huge, &[], &[]).is_err());
}

#[test]
fn penalties_subtract_and_the_score_is_clamped() {
    let yaml = "criteria:\n  - {id: ring, points: 2, any: [ring]}\n  - {id: vnodes, points: 1, any: [virtual node]}\npenalties:\n  - {id: modulo, points: 5, any: [\"mod n\"]}\n";
    let r = compiled(yaml, &[]);
    assert_eq!(r.max(), 3);
    assert_eq!(score(&r, "a ring with virtual nodes"), 3);
    let g = r.grade("a ring, i.e. hash mod n");
    assert_eq!(g.score, 0, "2 - 5 clamps to 0");
    assert!(g.penalties[0].met);
    assert_eq!(g.penalties[0].evidence, ["mod", "n"]);
}

#[test]
fn every_criterion_reports_met_and_evidence() {
    let yaml =
        "criteria:\n  - {id: a, points: 1, any: [leader]}\n  - {id: b, points: 1, any: [term]}\n";
    let g = compiled(yaml, &[]).grade("The Leaders win");
    assert_eq!(g.criteria.len(), 2);
    assert!(g.criteria[0].met && !g.criteria[1].met);
    assert_eq!(g.criteria[0].evidence, ["Leaders"]);
    assert!(g.criteria[1].evidence.is_empty());
}

#[test]
fn blank_answers_score_zero() {
    let r = any(&["ring"]);
    assert_eq!(score(&r, ""), 0);
    assert_eq!(score(&r, "   \n "), 0);
}

#[test]
fn empty_patterns_are_detected() {
    assert!(pattern_is_empty(&Pattern("  -- ...".into())));
    assert!(pattern_is_empty(&Pattern("re: ".into())));
    assert!(!pattern_is_empty(&Pattern("the".into())));
    assert!(!pattern_is_empty(&Pattern("re:x".into())));
}

#[test]
fn normalize_text_folds_and_collapses_whitespace() {
    assert_eq!(normalize_text("  K\u{00A0}/\tN \r\n Keys\u{2019} "), "k / n keys'");
}

#[test]
fn compiled_rubrics_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<CompiledRubric>();
    check::<QuestionGrader>();
}
