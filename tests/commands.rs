//! `qbank new` and `qbank stats` end to end.

#![allow(clippy::unwrap_used)] // integration tests fail loudly by design

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

#[test]
fn new_scaffolds_a_bank_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut cmd = cargo_bin_cmd!("qbank");
        cmd.current_dir(dir.path()).args(args);
        cmd
    };
    run(&["new", "system-design"]).assert().code(0).stdout(predicate::str::contains(
        "wrote system-design.yaml; check it with `qbank validate system-design.yaml`",
    ));
    let schema = std::fs::read_to_string(dir.path().join("bank.schema.json")).unwrap();
    assert_eq!(schema, qbank::schema::generate_string());
    run(&["validate", "system-design.yaml"]).assert().code(0);
    // The scaffold shows good practice: the linter has nothing to say about it, and the schema
    // beside it is not taken for a bank.
    run(&["lint", "."]).assert().code(0).stdout("").stderr("no problems found in 1 file\n");
    // ... and its rubric kills every mutant (issue #11).
    run(&["lint", ".", "--deny", "warnings", "--deny", "mutant-survived"])
        .assert()
        .code(0)
        .stderr("no problems found in 1 file\n");
    run(&["mutate", "system-design.yaml", "--fail-on-survivors"]).assert().code(0);
    let before = std::fs::read(dir.path().join("system-design.yaml")).unwrap();
    run(&["new", "system-design"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read(dir.path().join("system-design.yaml")).unwrap(), before);
    run(&["new", "Not_Kebab"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid bank id"));
}

#[test]
fn new_creates_the_folder_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    cargo_bin_cmd!("qbank")
        .current_dir(dir.path())
        .args(["new", "caching", "--dir", "banks/new"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("wrote banks/new/caching.yaml"));
    cargo_bin_cmd!("qbank")
        .current_dir(dir.path())
        .args(["validate", "banks/new/caching.yaml"])
        .assert()
        .code(0);
    assert!(dir.path().join("banks/new/bank.schema.json").is_file());
    // A file where the folder should be is an I/O error, not a panic.
    std::fs::write(dir.path().join("taken"), "").unwrap();
    cargo_bin_cmd!("qbank")
        .current_dir(dir.path())
        .args(["new", "caching", "--dir", "taken"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create the folder `taken`"));
}

#[test]
fn stats_counts_by_topic_difficulty_and_type() {
    let output = cargo_bin_cmd!("qbank")
        .args(["stats", "--json", "tests/fixtures/banks/ok/every-type.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["questions"], 5);
    assert_eq!(stats["topics"]["quorum"], serde_json::json!({"count": 5, "min": 2}));
    assert_eq!(stats["difficulty"], serde_json::json!([["easy", 2], ["medium", 2], ["hard", 1]]));
    assert_eq!(stats["types"]["true-false"], 1);
    // 2 rubric points for the open question, 1 for each exactly graded one.
    assert_eq!(stats["points"], 6);
}

#[test]
fn stats_refuses_an_invalid_bank() {
    cargo_bin_cmd!("qbank")
        .args(["stats", "tests/fixtures/banks/bad/unknown-topic.yaml"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("error[unknown-topic]")
                .and(predicate::str::contains("is not a valid bank; nothing counted")),
        );
}
