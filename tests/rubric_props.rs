//! Property tests of the rubric engine: bounded, deterministic scores and an idempotent
//! normalizer, over arbitrary (including non-ASCII) answers.

use std::collections::BTreeMap;

use proptest::prelude::*;
use qbank::model::Rubric;
use qbank::rubric::{CompiledRubric, Vocabulary, normalize_text};

const RUBRIC: &str = r#"
criteria:
  - {id: ring, points: 3, any: ["hash ring", "re:k\\s*/\\s*n"]}
  - {id: movement, points: 2, all: [[add, remove, join], [only, few, fraction]], within: 6}
  - {id: vnodes, points: 1, any: ["virtual node"]}
penalties:
  - {id: modulo, points: 4, any: ["mod n", "not consistent"]}
"#;

fn compiled() -> CompiledRubric {
    let rubric: Rubric = serde_saphyr::from_str(RUBRIC).expect("rubric parses");
    let synonyms: BTreeMap<String, Vec<String>> =
        [("node".to_owned(), vec!["server".to_owned(), "cluster member".to_owned()])].into();
    let concepts = BTreeMap::new();
    let vocabulary = Vocabulary { synonyms: &synonyms, concepts: &concepts };
    CompiledRubric::compile(&rubric, vocabulary).expect("rubric compiles")
}

/// Answers built from rubric words, negations, punctuation and arbitrary text.
fn answer() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("hash"),
        Just("ring"),
        Just("Ring."),
        Just("add"),
        Just("only"),
        Just("few"),
        Just("not"),
        Just("never,"),
        Just("virtual"),
        Just("nodes"),
        Just("server"),
        Just("mod"),
        Just("n"),
        Just("k/n"),
        Just("\n"),
        Just("isn\u{2019}t"),
        Just("ＲＩＮＧ"),
        Just("consistent"),
        Just("e.g."),
        Just("quorum"),
        Just("unnecessary"),
        Just("instead of"),
        Just("not only"),
        Just("two"),
        Just("cant"),
        Just("is a myth"),
        Just(";"),
    ];
    prop_oneof![proptest::collection::vec(word, 0..30).prop_map(|w| w.join(" ")), any::<String>(),]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn score_stays_within_zero_and_max(text in answer()) {
        let r = compiled();
        let g = r.grade(&text);
        prop_assert!(g.score <= g.max);
        prop_assert_eq!(g.max, r.max());
        let earned: u32 = g.criteria.iter().filter(|c| c.met).map(|c| c.points).sum();
        prop_assert!(g.score <= earned);
        for c in g.criteria.iter().chain(&g.penalties) {
            prop_assert_eq!(c.met, !c.evidence.is_empty(), "{:?}", c);
        }
    }

    #[test]
    fn grading_is_deterministic(text in answer()) {
        let r = compiled();
        prop_assert_eq!(r.grade(&text), r.grade(&text));
        prop_assert_eq!(r.grade(&text), compiled().grade(&text));
    }

    #[test]
    fn evidence_is_quoted_from_the_answer(text in answer()) {
        let g = compiled().grade(&text);
        for c in g.criteria.iter().chain(&g.penalties) {
            for word in &c.evidence {
                let normalized = normalize_text(&text);
                prop_assert!(text.contains(word.as_str()) || normalized.contains(word.as_str()));
            }
        }
    }

    #[test]
    fn normalizer_is_idempotent(text in answer()) {
        let once = normalize_text(&text);
        prop_assert_eq!(normalize_text(&once), once.clone());
    }

    /// A denied misconception in a sentence of its own neither costs nor earns a point,
    /// whatever the rest of the answer says.
    #[test]
    fn a_denied_misconception_changes_nothing(text in answer()) {
        let r = compiled();
        for denial in [
            "It is a myth that keys map by mod N.",
            "Placing keys by hash mod N is unnecessary.",
            "A common misconception is that a hash ring uses mod N.",
        ] {
            let with = format!("{text}\n\n{denial}");
            prop_assert_eq!(r.grade(&with).score, r.grade(&text).score, "{}", with);
        }
    }

    /// Every criterion that was not met although its words occur says why, and a met one never
    /// does.
    #[test]
    fn only_unmet_criteria_explain_themselves(text in answer()) {
        let g = compiled().grade(&text);
        for c in g.criteria.iter().chain(&g.penalties) {
            prop_assert!(!(c.met && c.why.is_some()), "{:?}", c);
        }
    }
}
