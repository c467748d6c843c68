//! Property: grading does not depend on row order — any permutation of a sheet's rows gives
//! every (candidate, question) the same points and every candidate the same total.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use qbank::grade::cohort::Cohort;
use qbank::grade::{stats, stream};
use qbank::model::Bank;
use qbank::rubric::{QuestionGrader, Vocabulary};

fn bank() -> (Bank, Vec<QuestionGrader>) {
    let loaded = qbank::load::load(Path::new("tests/fixtures/grade/bank.yaml")).expect("bank");
    let bank = loaded.bank.expect("valid bank");
    let graders = bank
        .questions
        .iter()
        .map(|q| QuestionGrader::new(q, Vocabulary::of(&bank)).expect("compiles"))
        .collect();
    (bank, graders)
}

type Outcome = (BTreeMap<(String, String), u32>, BTreeMap<String, u32>);

fn grade(bank: &Bank, graders: &[QuestionGrader], sheet: &Path) -> Outcome {
    let mut points = BTreeMap::new();
    let mut cohort = Cohort::new(bank);
    let streamed = stream::stream(
        bank,
        graders,
        &[PathBuf::from(sheet)],
        stream::Options::default(),
        |chunk, grades, names| {
            for (a, g) in chunk.answers.iter().zip(grades) {
                let key = (
                    names[a.candidate as usize].clone(),
                    bank.questions[a.question as usize].id.to_string(),
                );
                points.insert(key, g.score);
            }
            cohort.add(chunk, grades);
            Ok(())
        },
    )
    .expect("grades");
    let analysis = stats::analyze(bank, &cohort, &streamed.candidates, &streamed.asked);
    let totals = analysis.candidates.iter().map(|c| (c.candidate.clone(), c.total)).collect();
    (points, totals)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn results_do_not_depend_on_row_order(seed in any::<u64>()) {
        let (bank, graders) = bank();
        let text = std::fs::read_to_string("tests/fixtures/answers/long.csv").expect("fixture");
        let mut records: Vec<csv::StringRecord> =
            csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.expect("record")).collect();
        // Fisher–Yates with a small LCG driven by the seed.
        let mut state = seed | 1;
        for i in (1..records.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            records.swap(i, (state >> 33) as usize % (i + 1));
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let shuffled = dir.path().join("shuffled.csv");
        let mut w = csv::Writer::from_path(&shuffled).expect("writer");
        w.write_record(["candidate", "question", "answer"]).expect("header");
        for r in &records {
            w.write_record(r).expect("row");
        }
        w.flush().expect("flush");
        let original = grade(&bank, &graders, Path::new("tests/fixtures/answers/long.csv"));
        prop_assert_eq!(grade(&bank, &graders, &shuffled), original);
    }
}
