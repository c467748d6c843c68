//! The bundled bank against the engine: every model answer scores full marks, every rubric
//! example scores what it expects, and 230 answers written by interviewers probing the grader
//! (strong answers in their own words, confidently wrong ones, short ones, correct answers in
//! terse, non-native and narrative styles) score within the band of percent of the maximum a
//! careful interviewer gives each; one that leaves its band fails with its grade and evidence.

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

#[test]
fn probe_answers_score_in_their_interviewers_bands() {
    let bank = bundled();
    let mut sheet = csv::Reader::from_path("tests/fixtures/probes/answers.csv").expect("fixture");
    let (mut rows, mut failures) = (0, Vec::new());
    for record in sheet.records() {
        let record = record.expect("fixture row");
        let (candidate, question, answer) = (&record[0], &record[1], &record[2]);
        let (min, max): (u32, u32) = (record[3].parse().unwrap(), record[4].parse().unwrap());
        let q = bank.questions.iter().find(|q| q.id.as_str() == question).expect("question");
        let grader = QuestionGrader::new(q, Vocabulary::of(&bank)).expect("rubric compiles");
        let grade = grader.grade(answer);
        let percent = grade.score * 100 / grade.max.max(1);
        rows += 1;
        if !(min..=max).contains(&percent) {
            let met: Vec<String> = grade
                .entries()
                .filter(|(_, _, r)| r.met)
                .map(|(_, _, r)| format!("{} {:?}", r.id.as_str(), r.evidence))
                .collect();
            failures.push(format!(
                "{candidate} ({question}): {}/{} = {percent}%, band {min}-{max}%; met {met:?}",
                grade.score, grade.max
            ));
        }
    }
    assert_eq!(rows, 230, "the fixture has 230 answers");
    assert!(
        failures.is_empty(),
        "{} of {rows} out of band:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
