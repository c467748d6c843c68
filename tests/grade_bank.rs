//! The bundled bank against the engine: every model answer scores full marks and every rubric
//! example scores what it expects.

use std::path::Path;

use qbank::model::Bank;
use qbank::rubric::{QuestionGrader, Vocabulary};

fn bundled() -> Bank {
    let loaded =
        qbank::load::load(Path::new("banks/distributed.yaml")).expect("bundled bank reads");
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded.bank.expect("bundled bank is valid")
}

#[test]
fn model_answers_of_the_bundled_bank_score_max() {
    let bank = bundled();
    let mut failures = Vec::new();
    for q in bank.questions.iter().filter(|q| q.rubric.is_some()) {
        let grader = QuestionGrader::new(q, Vocabulary::of(&bank)).expect("rubric compiles");
        let answer = q.answer.as_deref().unwrap_or_default();
        let grade = grader.grade(answer);
        if grade.score != grade.max {
            let missed: Vec<&str> =
                grade.criteria.iter().filter(|c| !c.met).map(|c| c.id.as_str()).collect();
            let hit: Vec<&str> =
                grade.penalties.iter().filter(|c| c.met).map(|c| c.id.as_str()).collect();
            failures.push(format!(
                "{}: {}/{} missed {missed:?} penalties {hit:?}",
                q.id, grade.score, grade.max
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn rubric_examples_of_the_bundled_bank_score_as_expected() {
    let bank = bundled();
    let mut failures = Vec::new();
    for q in &bank.questions {
        let Some(rubric) = &q.rubric else { continue };
        let grader = QuestionGrader::new(q, Vocabulary::of(&bank)).expect("rubric compiles");
        for (i, example) in rubric.examples.iter().enumerate() {
            let grade = grader.grade(&example.answer);
            if !example.expect.admits(grade.score, grade.max) {
                let met: Vec<&str> = grade
                    .criteria
                    .iter()
                    .chain(&grade.penalties)
                    .filter(|c| c.met)
                    .map(|c| c.id.as_str())
                    .collect();
                failures.push(format!(
                    "{} example {i}: got {} want {} (met {met:?}): {}",
                    q.id, grade.score, example.expect, example.answer
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
