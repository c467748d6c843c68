//! Claim-level semantics, one test each: negation as people write it, contractions, numbers,
//! claims in one sentence or clause and in order, named concepts, and why a match did not count.
//! The probes of issue #11 are here word for word.

use super::tests::with_vocabulary;
use super::*;

fn rubric(yaml: &str) -> CompiledRubric {
    with_vocabulary(yaml, &[], &[]).expect("test rubric compiles")
}

fn any(phrase: &str) -> CompiledRubric {
    rubric(&format!("criteria:\n  - {{id: c, points: 2, any: [{phrase:?}]}}\n"))
}

fn score(r: &CompiledRubric, answer: &str) -> u32 {
    r.grade(answer).score
}

#[test]
fn denying_a_claim_in_the_words_people_use_earns_nothing() {
    let r = any("fencing token");
    assert_eq!(score(&r, "The lock service hands out fencing tokens."), 2);
    for denial in [
        "Fencing tokens are unnecessary.",
        "Fencing tokens aren't really needed.",
        "Fencing tokens are not even required.",
        "Fencing tokens are overkill.",
        "Fencing tokens are simply unneeded.",
        "Fencing tokens are a nice-to-have.",
        "Fencing tokens are only academic.",
        "Fencing tokens are nonsense.",
        "Forget about fencing tokens.",
        "Nobody uses fencing tokens.",
        "A lease \u{2260} fencing tokens.",
        "With a lease, fencing tokens are not needed.",
        "Fencing tokens aren't required here.",
        "There is no need for fencing tokens.",
        "You needn't use fencing tokens.",
        "A lease works without fencing tokens.",
        "Use a lease instead of fencing tokens.",
        "Rely on leases rather than fencing tokens.",
        "It never needs fencing tokens.",
        "A common misconception is that a lock needs fencing tokens.",
        "People wrongly think locks need fencing tokens.",
    ] {
        assert_eq!(score(&r, denial), 0, "{denial}");
    }
}

#[test]
fn pseudo_negations_and_contrasts_keep_the_claim() {
    let r = any("fencing token");
    for affirmed in [
        "Not only leases: fencing tokens too.",
        "It needs not just a lease but fencing tokens.",
        "Without doubt fencing tokens are the fix.",
        "Not a lease, but fencing tokens.",
        "Leases, not clocks; fencing tokens make it safe.",
        "It is not unnecessary to issue fencing tokens.",
        "Fencing tokens are not always needed, but here they are.",
    ] {
        assert_eq!(score(&r, affirmed), 2, "{affirmed}");
    }
}

#[test]
fn x_not_y_affirms_x_and_denies_y() {
    let ring = any("hash ring");
    let modulo = any("mod n");
    let answer = "Use a hash ring, not mod N.";
    assert_eq!((score(&ring, answer), score(&modulo, answer)), (2, 0));
    let answer = "Not mod N but a hash ring.";
    assert_eq!((score(&ring, answer), score(&modulo, answer)), (2, 0));
    assert_eq!(score(&ring, "use mod N instead of a hash ring"), 0);
}

#[test]
fn nt_contractions_match_with_or_without_the_apostrophe_and_nothing_else_folds() {
    let r = any("can't block");
    assert_eq!(score(&r, "2PC cant block"), 2, "a pattern stating a negation matches it");
    let r = any("can't make progress");
    assert_eq!(score(&r, "it cant make progress"), 2);
    assert_eq!(score(&r, "it can\u{2019}t make progress"), 2);
    let r = any("doesnt scale");
    assert_eq!(score(&r, "it doesn't scale"), 2);
    let its = any("its log");
    assert_eq!(score(&its, "it's log"), 0, "its and it's stay apart");
    let were = any("were replicas");
    assert_eq!(score(&were, "we're replicas"), 0, "were and we're stay apart");
}

#[test]
fn number_words_and_digits_are_one() {
    let r = any("2 replicas");
    assert_eq!(score(&r, "keep two replicas"), 2);
    let r = any("three replicas");
    assert_eq!(score(&r, "keep 3 replicas"), 2);
    let r = any("1 leader");
    assert_eq!(score(&r, "exactly one leader per term"), 2);
    assert_eq!(score(&r, "one of the nodes is the leader"), 0, "a pronoun is not a number");
    let r = any("one leader");
    assert_eq!(score(&r, "exactly 1 leader"), 2);
    let r = any("at least 1");
    assert_eq!(score(&r, "at least one"), 2);
    let r = any("no one");
    assert_eq!(score(&r, "no one"), 2);
}

#[test]
fn claims_in_one_clause() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[fencing token], [reject, refuse]], same: clause}\n",
    );
    assert_eq!(score(&r, "storage rejects writes with stale fencing tokens"), 2);
    assert_eq!(score(&r, "fencing tokens exist; storage rejects nothing else"), 0);
    let g = r.grade("fencing tokens exist, and the storage rejects old writes");
    assert_eq!(g.score, 0);
    let why = g.criteria[0].why.as_deref().unwrap_or_default();
    assert!(why.contains("not in one clause") && why.contains("fencing tokens"), "{why}");
}

#[test]
fn claims_in_one_sentence() {
    let r =
        rubric("criteria:\n  - {id: c, points: 2, all: [[majority], [commit]], same: sentence}\n");
    assert_eq!(score(&r, "Once a majority stores it, the entry commits."), 2);
    assert_eq!(score(&r, "A majority votes. The leader then commits."), 0);
    let unbound = rubric("criteria:\n  - {id: c, points: 2, all: [[majority], [commit]]}\n");
    assert_eq!(score(&unbound, "A majority votes. The leader then commits."), 2);
}

#[test]
fn ordered_claims_keep_their_roles() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[leader], [replicate], [follower]], ordered: true, same: sentence}\n",
    );
    assert_eq!(score(&r, "The leader replicates its log to the followers."), 2);
    assert_eq!(score(&r, "The followers replicate their log to the leader."), 0);
    let g = r.grade("The followers replicate their log to the leader.");
    assert!(g.criteria[0].why.as_deref().unwrap_or_default().contains("in order"));
    let within = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[before], [ack]], ordered: true, within: 3}\n",
    );
    assert_eq!(score(&within, "it writes before the ack"), 2);
    assert_eq!(score(&within, "before it writes a b c d e the ack"), 0);
}

#[test]
fn ordered_search_is_linear_on_repetitive_answers() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[leader], [follower]], ordered: true, same: sentence}\n",
    );
    let answer = "follower leader ".repeat(20_000) + ". leader follower";
    let started = std::time::Instant::now();
    assert_eq!(score(&r, &answer), 2);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

#[test]
fn penalties_fire_on_the_misconception_not_on_its_denial() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, any: [partition]}\npenalties:\n  - {id: p, points: 2, any: [pick any 2 of 3]}\n",
    );
    assert_eq!(score(&r, "During a partition you pick any two of three."), 0);
    assert_eq!(score(&r, "During a partition you do not pick any 2 of 3."), 2);
    assert_eq!(
        score(&r, "The idea that you pick any two of three is a myth; a partition forces C or A."),
        2
    );
    assert_eq!(
        score(
            &r,
            "It is a misconception that you pick any two of three; a partition forces the choice."
        ),
        2
    );
}

#[test]
fn concepts_are_named_paraphrase_families() {
    let concepts: &[(&str, &[&str])] = &[
        ("majority", &["majority", "quorum", "more than half", "n/2+1"]),
        ("commit", &["commit", "$durable"]),
        ("durable", &["durable", "safe"]),
    ];
    let r = with_vocabulary(
        "criteria:\n  - {id: c, points: 2, any: [\"$majority of nodes\"]}\n  - {id: d, points: 1, any: [\"$commit\"]}\n",
        &[],
        concepts,
    )
    .expect("compiles");
    assert_eq!(r.grade("a quorum of nodes").score, 2);
    assert_eq!(r.grade("more than half of nodes").score, 2);
    assert_eq!(r.grade("the entry is safe").score, 1, "a concept may name another");
    assert_eq!(r.grade("a minority of nodes").score, 0);
}

#[test]
fn concepts_cannot_loop_or_be_unknown_and_count_toward_the_limit() {
    let looping: &[(&str, &[&str])] = &[("a", &["x", "$b"]), ("b", &["$a"])];
    let err = with_vocabulary("criteria:\n  - {id: c, points: 1, any: [\"$a\"]}\n", &[], looping)
        .unwrap_err();
    assert!(err.message.contains("refers to itself"), "{}", err.message);
    let names: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
    let refs: Vec<String> = (0..40).map(|i| format!("$c{}", i + 1)).collect();
    let chain: Vec<(&str, Vec<&str>)> = (0..40)
        .map(|i| (names[i].as_str(), if i < 39 { vec![refs[i].as_str()] } else { vec!["end"] }))
        .collect();
    let chain: Vec<(&str, &[&str])> = chain.iter().map(|(k, v)| (*k, v.as_slice())).collect();
    let err = with_vocabulary("criteria:\n  - {id: c, points: 1, any: [\"$c0\"]}\n", &[], &chain)
        .unwrap_err();
    assert!(err.message.contains("nest deeper than 16"), "{}", err.message);
    let known: &[(&str, &[&str])] = &[("majority", &["quorum"])];
    let err =
        with_vocabulary("criteria:\n  - {id: c, points: 1, any: [\"$majorty\"]}\n", &[], known)
            .unwrap_err();
    assert!(err.message.contains("did you mean `$majority`"), "{}", err.message);
    let words: Vec<String> = (0..20).map(|i| format!("w{i}")).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let wide: &[(&str, &[&str])] = &[("x", &words)];
    let err = with_vocabulary("criteria:\n  - {id: c, points: 1, any: [\"$x $x\"]}\n", &[], wide)
        .unwrap_err();
    assert!(err.message.contains("more than"), "{}", err.message);
    // A regex among a concept's phrasings was read as the words `re`, `bstrongly`, … and never
    // matched: it is refused.
    let regex: &[(&str, &[&str])] = &[("lin", &["linearizable", "re:\\bstrongly consistent\\b"])];
    let err = with_vocabulary("criteria:\n  - {id: c, points: 1, any: [\"$lin\"]}\n", &[], regex)
        .unwrap_err();
    assert!(err.message.contains("concepts hold phrases only"), "{}", err.message);
}

#[test]
fn why_names_the_match_and_the_negation_that_cancelled_it() {
    let r = any("fencing token");
    let g = r.grade("With leases, fencing tokens are unnecessary.");
    assert_eq!(
        g.criteria[0].why.as_deref(),
        Some("matched `fencing tokens`, negated by `unnecessary`")
    );
    assert_eq!(r.grade("nothing relevant").criteria[0].why, None);
    assert_eq!(r.grade("fencing tokens").criteria[0].why, None, "met: nothing to explain");
}

/// The worked example of `docs/rubrics.md`, "Claims whose parts belong together".
#[test]
fn the_documented_fencing_claim() {
    let r = rubric(
        "criteria:\n  - id: fencing\n    points: 3\n    all:\n      - [storage, database, resource]\n      - [reject, refuse, ignore, drop]\n      - [fencing token, epoch number]\n    same: sentence\n    ordered: true\n",
    );
    assert_eq!(score(&r, "The storage rejects writes carrying an older fencing token."), 3);
    let g = r.grade("Fencing tokens are issued by the lock service. The storage rejects nothing.");
    assert_eq!(g.score, 0);
    assert_eq!(
        g.criteria[0].why.as_deref(),
        Some(
            "found `storage` and `rejects` and `Fencing tokens`, but not in one sentence, in order"
        )
    );
    assert_eq!(score(&r, "The fencing token rejects the storage."), 0);
}

/// Reported by the bank's authors: a pattern that states a negation is still denied by a frame
/// or a judgment around it, and a cue's own words deny a pattern that starts inside it.
#[test]
fn negation_stating_patterns_are_denied_from_outside() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 1, any: [failover]}\npenalties:\n  - {id: free, points: 1, any: [failover loses no connections]}\n  - {id: checks, points: 1, any: [health checks are not needed]}\n",
    );
    let fired = |answer: &str| -> Vec<String> {
        r.grade(answer).penalties.iter().filter(|p| p.met).map(|p| p.id.to_string()).collect()
    };
    assert_eq!(fired("A failover loses no connections."), ["free"]);
    assert!(fired("It is a myth that a failover loses no connections.").is_empty());
    assert!(fired("It is wrong to say health checks are not needed.").is_empty());
    assert!(fired("Some say health checks are not needed, but that is wrong.").is_empty());
    assert_eq!(fired("Health checks are not needed."), ["checks"]);
    let upload = any("need to upload");
    assert_eq!(score(&upload, "You need to upload files first."), 2);
    assert_eq!(score(&upload, "With pull there is no need to upload anything."), 0);
}

#[test]
fn a_negation_between_the_parts_of_a_claim_denies_it() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[read repair], [newest, latest]], same: sentence}\n",
    );
    assert_eq!(score(&r, "Read repair writes the newest version back to stale replicas."), 2);
    let g = r.grade("Read repair does not ever write back the newest version to stale replicas.");
    assert_eq!(g.score, 0);
    assert_eq!(
        g.criteria[0].why.as_deref(),
        Some("found `Read repair` and `newest`, but denied by `not` between them")
    );
    // A negation in a clause of its own between the parts denies nothing.
    assert_eq!(score(&r, "Read repair, not anti-entropy, writes the newest version back."), 2);
}

#[test]
fn why_names_every_constraint_a_claim_failed() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[open], [at once]], same: sentence, within: 4}\n",
    );
    let g =
        r.grade("It flips open, and from then on callers get an error or a cached value at once.");
    assert_eq!(
        g.criteria[0].why.as_deref(),
        Some("found `open` and `at once`, but not in one sentence, within 4 words")
    );
}

/// A keyword salad in one clause names four criteria and states none; the same terms in
/// sentences that relate them, or set off one claim per clause, keep their points.
#[test]
fn a_clause_that_only_lists_four_criteria_terms_earns_none_of_them() {
    let r = rubric(
        "criteria:\n  - {id: ring, points: 1, any: [hash ring]}\n  - {id: vnodes, points: 1, any: [virtual nodes]}\n  - {id: moves, points: 1, any: [few keys move]}\n  - {id: modulo, points: 1, any: [mod n remaps]}\n",
    );
    let salad = r.grade("hash ring and virtual nodes also few keys move plus mod n remaps.");
    assert_eq!(salad.score, 0);
    let why = salad.criteria[0].why.as_deref().unwrap_or_default();
    assert!(why.contains("in a list of terms (sentence 1)"), "{why}");
    // A phrase listed twice is still a list.
    assert_eq!(
        score(
            &r,
            "hash ring and hash ring also virtual nodes plus few keys move with mod n remaps"
        ),
        0
    );
    let stated = "Nodes sit on a hash ring and each gets many virtual nodes, so only few keys move \
                  when one joins, whereas mod n remaps nearly everything.";
    assert_eq!(score(&r, stated), 4);
    // A run-on answer joined by "and" still says how the terms relate.
    let run_on = "It puts nodes on a hash ring and gives each many virtual nodes and then only few \
                  keys move when a node joins and that is better than mod n remaps";
    assert_eq!(score(&r, run_on), 4);
    let enumerated = "hash ring, virtual nodes, few keys move, mod n remaps";
    assert_eq!(score(&r, enumerated), 4, "one term per clause is an enumeration, not a salad");
    let three = rubric(
        "criteria:\n  - {id: ring, points: 1, any: [hash ring]}\n  - {id: vnodes, points: 1, any: [virtual nodes]}\n  - {id: moves, points: 1, any: [few keys move]}\n",
    );
    assert_eq!(
        score(&three, "a hash ring with virtual nodes so few keys move"),
        3,
        "below four criteria"
    );
}

#[test]
fn an_nt_negation_and_its_spelled_out_form_are_one_in_patterns() {
    let spelled = any("does not scale");
    let contracted = any("doesn't scale");
    for answer in ["It doesn't scale.", "It doesnt scale.", "It does not scale."] {
        assert_eq!(score(&spelled, answer), 2, "{answer}");
        assert_eq!(score(&contracted, answer), 2, "{answer}");
    }
    let cannot = any("cannot tell");
    for answer in ["You can't tell.", "You cannot tell.", "You can not tell."] {
        assert_eq!(score(&cannot, answer), 2, "{answer}");
    }
    // `not` alone is said by any contraction of the family.
    let not = any("not instantaneous");
    assert_eq!(score(&not, "Purges aren't instantaneous."), 2);
    assert_eq!(score(&not, "Purges are instantaneous."), 0);
    assert_eq!(score(&spelled, "It does scale."), 0);
}

#[test]
fn a_claim_that_states_its_own_negation_keeps_the_parts_in_its_scope() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[slow], [cannot tell, can't distinguish], [dead]], same: sentence}\n",
    );
    for answer in [
        "You can't distinguish a slow node from a dead one.",
        "You cannot tell a slow node from a dead one.",
        "A slow node and a dead one: you can't tell them apart.",
    ] {
        assert_eq!(score(&r, answer), 2, "{answer}");
    }
    for answer in [
        "You can always tell a slow node from a dead one.",
        // The cue belongs to no part of the claim: it still denies it.
        "A slow node is never dead, so you cannot tell.",
    ] {
        assert_eq!(score(&r, answer), 0, "{answer}");
    }
    // A part inside the span of the part that holds the cue is not covered by it.
    let fail_fast = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[open], [without calling]], same: clause}\n",
    );
    assert_eq!(score(&fail_fast, "When open it fails without calling the backend."), 2);
    assert_eq!(score(&fail_fast, "It works without open calling."), 0);
}

#[test]
fn a_spaced_ascii_dash_ends_the_scope_of_a_negation() {
    let r = any("can't tell");
    assert_eq!(score(&r, "Strictly speaking no - the sender can't tell."), 2);
    assert_eq!(score(&r, "Strictly speaking no -- the sender can't tell."), 2);
}

#[test]
fn a_claim_made_again_after_the_clause_that_denied_it_counts() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[old, deposed, token], [leader, writes], [reject, rejects]], same: sentence}\n",
    );
    // The first choice of parts spans "can't"; the claim restated after its clause holds.
    let restated =
        "A leader can't know it's been deposed, so the storage rejects writes with an old token.";
    assert_eq!(score(&r, restated), 2);
    // A denial whose clause holds the whole claim still denies it.
    assert_eq!(score(&r, "Tokens can't make the storage reject writes from an old leader."), 0);
    assert_eq!(score(&r, "The storage does not reject writes from an old leader."), 0);
}

#[test]
fn restating_claims_stays_linear_on_long_sentences_of_denials() {
    let r = rubric(
        "criteria:\n  - {id: c, points: 2, all: [[old], [leader], [reject]], same: sentence}\n",
    );
    // One sentence of 20,000 claims, each denied by a cue between its parts (too far from
    // `reject` for the cue's own scope) and each in its own clause: 20,000 restarts.
    let denied = "the old leader cannot in any way at all reject, ";
    assert_eq!(score(&r, denied), 0);
    assert!(r.grade(denied).criteria[0].why.as_deref().is_some_and(|w| w.contains("cannot")));
    let answer = denied.repeat(20_000);
    let started = std::time::Instant::now();
    assert_eq!(score(&r, &answer), 0);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn comparison_operators_are_part_of_a_claim() {
    let r = any("r + w > n");
    for answer in ["Use R + W > N.", "with R+W>N reads overlap", "pick r + w > n"] {
        assert_eq!(score(&r, answer), 2, "{answer}");
    }
    for answer in ["Use R + W < N.", "R + W >= N", "R W N are the knobs", "R + W = N"] {
        assert_eq!(score(&r, answer), 0, "{answer}");
    }
    let at_most = any("l(a) <= l(b)");
    assert_eq!(score(&at_most, "then L(a) \u{2264} L(b)"), 2, "the Unicode sign is the same");
}

#[test]
fn a_that_closing_its_clause_is_a_pronoun_not_a_complement() {
    let r = any("storage rejects");
    assert_eq!(score(&r, "You can't skip that: the storage rejects older tokens."), 2);
    assert_eq!(score(&r, "You cannot conclude that the storage rejects older tokens."), 0);
}

#[test]
fn irregular_past_tenses_meet_their_base_verb() {
    let r = any("get 429");
    assert_eq!(score(&r, "Over-limit requests got 429 with Retry-After."), 2);
    let r = any("give room to recover");
    assert_eq!(score(&r, "That gave the service room to recover."), 2);
    let r = any("write to a majority");
    assert_eq!(score(&r, "It is written to a majority."), 2);
}

#[test]
fn a_claim_that_states_a_negation_with_an_article_is_met_and_its_denial_is_not() {
    // Patterns drop articles: "are a nice-to-have" in the answer has one the pattern lacks.
    let r = any("health checks are a nice-to-have");
    assert_eq!(score(&r, "Health checks are a nice-to-have."), 2);
    assert_eq!(score(&r, "Health checks are just a nice to have."), 2);
    assert_eq!(score(&r, "Health checks are not a nice-to-have."), 0);
    assert_eq!(score(&r, "Health checks matter."), 0);
}
