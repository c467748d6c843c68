//! `qbank mutate` end to end on `tests/fixtures/mutate/bank.yaml`: a rubric that kills every
//! mutant of the configured operators (`strong`) and one with survivors (`weak`); text, JSON,
//! exit codes, configuration and the reviewer's report as a snapshot.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;

const BANK: &str = "tests/fixtures/mutate/bank.yaml";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn mutate(extra: &[&str]) -> Run {
    let out = cargo_bin_cmd!("qbank").arg("mutate").arg(BANK).args(extra).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn json(extra: &[&str]) -> Value {
    let run = mutate(&[&["--format", "json"], extra].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn the_text_report_reads_well() {
    let run = mutate(&[]);
    assert_eq!(run.code, 0, "survivors alone do not fail a run");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_strong_rubric_kills_every_mutant() {
    let run = mutate(&["--question", "strong", "--fail-on-survivors"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("strong: score 100% (51 killed, 0 survived, 0 ignored, 2 unviable)\n")
    );
    assert!(!run.stdout.contains("survived "), "no mutant line says survived");
    assert!(run.stdout.ends_with(
        "bank: score 100% (51 killed, 0 survived, 0 ignored, 2 unviable) in 1 question\n"
    ));
}

#[test]
fn survivors_fail_the_run_only_when_asked() {
    let run = mutate(&["--question", "weak", "--fail-on-survivors"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "error: 1 mutant survived (`--fail-on-survivors`)\n");
    assert!(run.stdout.contains("  survived swap           2 of 2, expected `write-quorum` lost"));
    assert!(
        run.stdout.contains("           + A majority is acknowledged by a write of replicas.\n")
    );
    assert!(run.stdout.contains("           evidence: `write-quorum` (\"majority write\")\n"));
    assert!(run.stdout.contains("  killed   deny "), "the denied misconception fires nothing");
}

#[test]
fn json_lists_every_mutant_with_its_grade_and_the_scores() {
    let report = json(&[]);
    assert_eq!(report["counts"]["killed"], 66);
    assert_eq!(report["counts"]["survived"], 1);
    assert_eq!(report["counts"]["unviable"], 5);
    let weak = &report["questions"][1];
    assert_eq!(weak["id"], "weak");
    assert_eq!(weak["counts"]["survived"], 1);
    let swap =
        weak["mutants"].as_array().unwrap().iter().find(|m| m["operator"] == "swap").unwrap();
    assert_eq!(swap["outcome"], "survived");
    assert_eq!(swap["expect"], serde_json::json!({"kind": "lose", "criteria": ["write-quorum"]}));
    assert_eq!(
        swap["text"],
        "A majority is acknowledged by a write of replicas. Reads then see it.\n"
    );
    assert_eq!(swap["grade"]["criteria"][0]["evidence"], serde_json::json!(["majority", "write"]));
    assert_eq!(report["operators"]["deny"]["counts"]["killed"], 2);
    assert!((report["score"].as_f64().unwrap() - 100.0 * 66.0 / 67.0).abs() < 1e-9);
}

#[test]
fn ids_are_the_same_on_every_run() {
    let ids = |report: &Value| -> Vec<String> {
        report["questions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|q| q["mutants"].as_array().unwrap().iter())
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = ids(&json(&[]));
    assert_eq!(first, ids(&json(&[])));
    assert!(first.contains(&"weak/swap/write-quorum/62ba7130".to_owned()), "{first:?}");
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "ids are unique");
}

#[test]
fn the_config_picks_operators_and_break_fails_a_low_score() {
    // Without the fixture's qbank.toml every operator runs: the one-criterion rubric's salads
    // survive, the four-criterion rubric's are read as lists.
    let all = json(&["--no-config"]);
    assert_eq!(all["operators"]["salad"]["counts"]["survived"], 2);
    assert_eq!(all["operators"]["salad"]["counts"]["killed"], 2);
    assert_eq!(all["operators"]["negate-post"]["counts"]["killed"], 10);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("qbank.toml");
    std::fs::write(&config, "[mutate]\noperators = [\"swap\"]\nbreak = 90\n").unwrap();
    let config = config.to_str().unwrap();
    let run = mutate(&["--config", config]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "error: the mutation score 80% is below `break = 90`\n");
    std::fs::write(dir.path().join("qbank.toml"), "[mutate]\nbrake = 80\n").unwrap();
    let run = mutate(&["--config", config]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown key `brake` in `[mutate]`"), "{}", run.stderr);
}

#[test]
fn an_unknown_question_is_a_usage_error_with_a_suggestion() {
    cargo_bin_cmd!("qbank")
        .args(["mutate", BANK, "--question", "strng"])
        .assert()
        .code(2)
        .stderr(format!("error: no question `strng` in `{BANK}`; did you mean `strong`?\n"));
}

#[test]
fn a_model_answer_below_max_is_skipped_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank.yaml");
    let text = std::fs::read_to_string(BANK).unwrap().replace("by majority vote", "by vote");
    std::fs::write(&bank, text).unwrap();
    cargo_bin_cmd!("qbank")
        .arg("mutate")
        .arg(&bank)
        .arg("--no-config")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "skipped `strong`: the model answer scores 4 of 6, not the maximum, so mutants would measure nothing (baseline)\n",
        ))
        .stdout(predicate::str::contains("in 1 question\n"));
}
