//! The bundled bank against answers nobody tuned it on at first: 230 answers written by
//! interviewers probing the grader (strong answers in their own words, confidently wrong ones,
//! short ones, correct answers in terse, non-native and narrative styles), each with the band of
//! percent of the maximum a careful interviewer gives it. A rubric or engine change that moves
//! one of them out of its band fails here with the answer's grade and evidence.

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
