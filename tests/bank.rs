//! The bundled bank is product: it validates, asks the public page's 14 questions word for word,
//! covers the promised topics, uses every question type, and every open question carries a
//! senior-grade rubric and references.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use std::collections::BTreeSet;
use std::path::Path;

use qbank::model::{AnswerClass, Bank, Difficulty, Expect, QuestionType};

fn bank() -> Bank {
    let loaded = qbank::load::load(Path::new("banks/distributed.yaml")).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.bank.unwrap()
}

const PAGE_PROMPTS: [&str; 14] = [
    "What is consistent hashing and why is it used?",
    "How do you implement rate limiting and what algorithms exist?",
    "What is a CDN and how does it work?",
    "What is the difference between L4 and L7 load balancers?",
    "What are 2PC and Saga patterns for distributed transactions?",
    "Is exactly-once delivery possible and how do you achieve it?",
    "How does leader election work in distributed systems?",
    "What is feed fanout and what are the push vs pull approaches?",
    "What are RPO and RTO and why do they matter?",
    "What is the circuit breaker pattern and what are its three states?",
    "What are the common load balancing algorithms?",
    "What is the difference between a push CDN and a pull CDN?",
    "How does CDN cache invalidation work?",
    "How does load balancer failover work?",
];

#[test]
fn the_bundled_bank_validates_from_the_command_line() {
    assert_cmd::cargo::cargo_bin_cmd!("qbank")
        .args(["validate", "banks/distributed.yaml"])
        .assert()
        .code(0);
    let text = std::fs::read_to_string("banks/distributed.yaml").unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/bank.schema.json\n"));
}

#[test]
fn it_asks_the_public_pages_fourteen_questions_verbatim() {
    let bank = bank();
    let prompts: BTreeSet<&str> = bank.questions.iter().map(|q| q.prompt.trim()).collect();
    for prompt in PAGE_PROMPTS {
        assert!(prompts.contains(prompt), "missing page question: {prompt}");
    }
}

#[test]
fn it_covers_the_promised_topics_beyond_the_page() {
    let bank = bank();
    let used: BTreeSet<&str> = bank.questions.iter().map(|q| q.topic.as_str()).collect();
    for topic in [
        "consensus",
        "impossibility",
        "cap-pacelc",
        "clocks",
        "eventual-consistency",
        "partitions",
        "failure-detection",
    ] {
        assert!(used.contains(topic), "no question on {topic}");
    }
    let extra = bank
        .questions
        .iter()
        .filter(|q| !PAGE_PROMPTS.contains(&q.prompt.trim()))
        .filter(|q| q.kind == QuestionType::Open)
        .count();
    assert!(extra >= 8, "only {extra} open questions beyond the page");
}

#[test]
fn every_question_type_is_used() {
    let bank = bank();
    let kinds: BTreeSet<&str> = bank.questions.iter().map(|q| q.kind.as_str()).collect();
    assert_eq!(kinds, BTreeSet::from(["multiple", "open", "short", "single", "true-false"]));
}

#[test]
fn open_questions_have_senior_grade_rubrics_and_sources() {
    for q in bank().questions.iter().filter(|q| q.kind == QuestionType::Open) {
        let rubric = q.rubric.as_ref().unwrap_or_else(|| panic!("`{}` has no rubric", q.id));
        assert!(
            (4..=8).contains(&rubric.criteria.len()),
            "`{}` has {} criteria",
            q.id,
            rubric.criteria.len()
        );
        // Issue #11: a strong example of realistic length, a mediocre one and a confidently
        // wrong one, each kept in its band by `qbank lint`.
        let has = |class: AnswerClass, lengths: std::ops::RangeInclusive<usize>| {
            rubric.examples.iter().any(|e| {
                e.expect == Expect::Class(class)
                    && lengths.contains(&e.answer.trim().chars().count())
            })
        };
        assert!(
            has(AnswerClass::Strong, 300..=800),
            "`{}` has no strong example of 300-800 characters",
            q.id
        );
        assert!(has(AnswerClass::Mediocre, 1..=2000), "`{}` has no mediocre example", q.id);
        assert!(has(AnswerClass::Wrong, 1..=2000), "`{}` has no confidently wrong example", q.id);
        assert!(!rubric.penalties.is_empty(), "`{}` has no misconception penalty", q.id);
        assert!(
            q.answer.as_deref().is_some_and(|a| a.split_whitespace().count() >= 80),
            "`{}` answer is thin",
            q.id
        );
        assert!(!q.references.is_empty(), "`{}` cites nothing", q.id);
        assert!(!q.follow_ups.is_empty(), "`{}` has no follow-up", q.id);
    }
}

#[test]
fn hard_questions_cite_primary_sources() {
    for q in bank().questions.iter().filter(|q| q.difficulty == Difficulty::Hard) {
        assert!(!q.references.is_empty(), "hard question `{}` has no reference", q.id);
    }
}
